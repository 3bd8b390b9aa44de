package dev.rapport.kafka.streams;

import dev.rapport.core.engine.Dispatcher;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.StateStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.BytesDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the Kafka Streams topology that runs Rapport's definitions partitioned by customer: the
 * same journeys, rules, contact policy, metrics and guardrails an in-process engine takes, an
 * engine per stream task over that task's state stores, dispatches written to a topic in the
 * same exactly-once transaction as the state that made them.
 *
 * <pre>{@code
 * Topology topology = RapportTopology.builder()
 *     .engine(engine -> engine
 *         .journeys(onboarding)
 *         .rules(storefront)
 *         .contactPolicy(policy)
 *         .guardrail(guardrail(unsubscribeRate()).below(0.02).minSample(200)))
 *     .input("shop-events", new ShopEventDeserializer(),
 *         (event, calls) -> calls.track(event.toRapportEvent()))
 *     .dispatches("rapport-dispatches")
 *     .measures("rapport-measures")
 *     .build();
 * props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
 * new KafkaStreams(topology, props).start();
 * }</pre>
 *
 * <p><b>Topics and keys.</b> Every input topic is keyed by customer id (a UTF-8 string, with
 * the default partitioner), and all input topics have the same number of partitions, so that
 * everything about one customer reaches one task. The record's timestamp is the time of what it
 * says. The dispatch topic gets one record per dispatch: key the customer id, value {@link
 * DispatchSerde}'s format, timestamp the dispatch's time, header {@value #DISPATCH_ID_HEADER}
 * its stable id. The measures topic (compacted, any number of partitions) carries each
 * partition's share of the engine-wide measures; every instance reads all of it into a global
 * store. The host creates these topics; Kafka Streams creates the changelog of each task's store
 * ({@code <application.id>-<store>-state-changelog}).
 *
 * <p><b>Time.</b> An engine's clock is its task's time: the largest input timestamp the task
 * has processed. Timers fire as that time passes their due time, never by the wall clock, so the
 * same input gives the same dispatches, on a replay, after a restart and in a test. A partition
 * that receives nothing does not move on; a host with quiet partitions sends ticks ({@link
 * #tick}) to move them on without an input.
 *
 * <p><b>Timers.</b> Before each record, the task fires the timers due by its time, in due order,
 * at most {@link Builder#timersPerSweep} customers' worth, then every due timer of the record's
 * customer; a wall-clock punctuation every {@link Builder#punctuationInterval} works off what a
 * spent budget left. So a customer always sees their timers and events in time order, and a
 * backlog of timers cannot stall the processing of records.
 *
 * <p><b>Measures.</b> Each task keeps its partition's share of the counters, metric series and
 * guardrail states and publishes what changed at every punctuation; each engine reads its own
 * share plus the other partitions' last published ones. A guardrail is checked on these combined
 * windows, and a breach detected on any partition reaches every task at its next punctuation
 * after the global store received it: from then on that task's engine holds back what the
 * guardrail protects.
 *
 * <p><b>Guarantees.</b> The application must run with {@code processing.guarantee} {@code
 * exactly_once_v2} (the processor refuses to start otherwise): a record's state changes (the
 * customer's record, the timer index, the measures, the outbox) and its dispatches commit in one
 * Kafka transaction, so a consumer reading the dispatch topic with {@code
 * isolation.level=read_committed} sees each dispatch exactly once, across crashes, restarts and
 * rebalances.
 */
public final class RapportTopology {
  /** The header of a tick record: its presence marks the record as a tick. */
  public static final String TICK_HEADER = "rapport.tick";

  /** The header of a dispatch record that holds the dispatch's stable id (UTF-8). */
  public static final String DISPATCH_ID_HEADER = "rapport.dispatch.id";

  static final String PROCESSOR = "rapport-engine";
  static final String DISPATCH_SINK = "rapport-dispatches";
  static final String MEASURES_SINK = "rapport-measures";
  private static final String MEASURES_SOURCE = "rapport-measures-source";
  private static final String MEASURES_UPDATER = "rapport-measures-updater";

  private RapportTopology() {}

  /**
   * Starts a topology.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Sends a tick to every partition of an input topic: a record with no key and no value,
   * header {@value #TICK_HEADER}, timestamp {@code at}, which moves each task's time on to
   * {@code at} (if later) and fires what is due by then, as an input record would. Ticks are
   * part of the log, so a replay of the topic fires the same timers at the same points.
   *
   * <pre>{@code
   * scheduler.scheduleAtFixedRate(
   *     () -> RapportTopology.tick(producer, "shop-events", Instant.now()), 1, 1, MINUTES);
   * }</pre>
   *
   * @param producer a producer of byte arrays; inside a transaction, if it is transactional
   * @param topic the input topic
   * @param at the tick's time
   * @return how many partitions were sent a tick
   * @throws IllegalArgumentException if an argument is null, or the topic has no partitions
   * @throws IllegalStateException if a send failed or was interrupted
   */
  public static int tick(Producer<byte[], byte[]> producer, String topic, Instant at) {
    if (producer == null || topic == null || at == null) {
      throw new IllegalArgumentException("tick(producer, topic, at): give a producer, the input "
          + "topic and the tick's time; got " + producer + ", " + topic + ", " + at);
    }
    List<PartitionInfo> partitions = producer.partitionsFor(topic);
    if (partitions == null || partitions.isEmpty()) {
      throw new IllegalArgumentException("tick: topic '" + topic + "' has no partitions; "
          + "create it first");
    }
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (PartitionInfo p : partitions) {
      ProducerRecord<byte[], byte[]> tick = new ProducerRecord<>(topic, p.partition(),
          at.toEpochMilli(), (byte[]) null, (byte[]) null);
      tick.headers().add(TICK_HEADER, new byte[0]);
      sent.add(producer.send(tick));
    }
    try {
      for (Future<RecordMetadata> f : sent) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("tick: a send to topic '" + topic + "' failed: "
          + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("tick: interrupted while sending to '" + topic + "'", e);
    }
    return partitions.size();
  }

  /**
   * Builds an engine from the host's definitions and the settings the topology owns.
   *
   * @throws IllegalStateException if the definitions set what the topology owns
   */
  static Engine engine(Consumer<Engine.Builder> definitions, UnaryOperator<Engine.Builder> ours) {
    Engine.Builder b = Engine.builder();
    definitions.accept(b);
    try {
      ours.apply(b);
    } catch (IllegalStateException e) {
      throw new IllegalStateException("RapportTopology: the engine definitions set the engine's "
          + "clock, state store or dispatcher; the topology sets those for each stream task (the "
          + "task's time, the task's stores, the dispatch topic), so leave them out ("
          + e.getMessage() + ")", e);
    }
    return b.build();
  }

  /** One input topic: how its values are read and what they ask of the engine. */
  record Input<V>(String topic, Deserializer<V> values, InputHandler<V> handler) {}

  /** What the processor needs, fixed when the topology is built. */
  record Settings(Consumer<Engine.Builder> definitions, Map<String, Input<?>> inputs,
      String storeName, int timersPerSweep, Duration punctuationInterval) {}

  /**
   * Configures and builds the topology. Each setting may be given once; {@code engine}, at least
   * one {@code input}, {@code dispatches} and {@code measures} are required.
   */
  public static final class Builder {
    private Consumer<Engine.Builder> definitions;
    private final Map<String, Input<?>> inputs = new LinkedHashMap<>();
    private String dispatches;
    private String measures;
    private String storeName;
    private Boolean inMemory;
    private Integer timersPerSweep;
    private Duration punctuationInterval;

    private Builder() {}

    /**
     * Gives the engine's definitions: what would be given to {@link Engine#builder()} in
     * process (journeys, rule sets, policy, metrics, guardrails, models, listeners), except the
     * clock, the state store and the dispatcher, which the topology sets for each task. The
     * function is run once per stream task (and once by {@link #build()}, to check the
     * definitions), so it must give the same definitions every time.
     *
     * @param definitions sets the definitions on an engine builder
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException if already given
     */
    public Builder engine(Consumer<Engine.Builder> definitions) {
      if (definitions == null) {
        throw new IllegalArgumentException("RapportTopology: engine(definitions) is null; give "
            + "a function that sets the definitions, such as b -> b.journeys(onboarding)");
      }
      once("engine", this.definitions != null);
      this.definitions = definitions;
      return this;
    }

    /**
     * Adds an input topic, keyed by customer id (UTF-8). Several topics may be given (events on
     * one, profile updates on another, say); they must have the same number of partitions.
     *
     * @param topic the topic
     * @param values reads the record values
     * @param handler turns each value into engine calls for the record's customer
     * @param <V> the type of the values
     * @return this builder
     * @throws IllegalArgumentException if an argument is null or the topic blank
     * @throws IllegalStateException if the topic was given already
     */
    public <V> Builder input(String topic, Deserializer<V> values, InputHandler<V> handler) {
      topic("input", topic);
      if (values == null || handler == null) {
        throw new IllegalArgumentException("RapportTopology: input(\"" + topic + "\", values, "
            + "handler): give a deserializer of the values and a handler; got " + values + ", "
            + handler);
      }
      if (inputs.containsKey(topic)) {
        throw new IllegalStateException("RapportTopology: input topic '" + topic + "' is given "
            + "twice; give each input topic once, with one handler");
      }
      inputs.put(topic, new Input<>(topic, values, handler));
      return this;
    }

    /**
     * Names the topic the dispatches are written to.
     *
     * @param topic the topic
     * @return this builder
     * @throws IllegalArgumentException if null or blank
     * @throws IllegalStateException if already given
     */
    public Builder dispatches(String topic) {
      topic("dispatches", topic);
      once("dispatches", dispatches != null);
      this.dispatches = topic;
      return this;
    }

    /**
     * Names the topic of the engine-wide measures: compacted, written by every task with its
     * partition's share, read whole by every instance into a global store. It must not be an
     * input or the dispatch topic.
     *
     * @param topic the topic
     * @return this builder
     * @throws IllegalArgumentException if null or blank
     * @throws IllegalStateException if already given
     */
    public Builder measures(String topic) {
      topic("measures", topic);
      once("measures", measures != null);
      this.measures = topic;
      return this;
    }

    /**
     * Names the state stores: {@code <name>-state} for each task's store (whose changelog is
     * {@code <application.id>-<name>-state-changelog}) and {@code <name>-measures} for the
     * global store; {@code rapport} by default. Two topologies in one application need two
     * names, and two measures topics.
     *
     * @param name the name
     * @return this builder
     * @throws IllegalArgumentException if blank or not a valid topic name part
     * @throws IllegalStateException if already given
     */
    public Builder storeName(String name) {
      if (name == null || !name.matches("[a-zA-Z0-9._-]{1,100}")) {
        throw new IllegalArgumentException("RapportTopology: storeName is '" + name + "'; give "
            + "1 to 100 of the letters, digits, '.', '_' and '-' that topic names allow");
      }
      once("storeName", storeName != null);
      this.storeName = name;
      return this;
    }

    /**
     * Keeps the stores in memory instead of RocksDB. They are still changelogged, so nothing is
     * lost, but a restarted instance restores them from the changelog whole instead of from its
     * local files; for tests and small programs.
     *
     * @return this builder
     * @throws IllegalStateException if already given
     */
    public Builder inMemory() {
      once("inMemory", inMemory != null);
      this.inMemory = true;
      return this;
    }

    /**
     * Sets the most customers whose due timers one sweep fires (before a record, at a tick, at
     * a punctuation); 1,000 by default. A smaller budget bounds the time one record can take
     * when many timers come due at once; a customer's own timers always fire before their
     * input, whatever the budget.
     *
     * @param customers 1 or more
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     * @throws IllegalStateException if already given
     */
    public Builder timersPerSweep(int customers) {
      if (customers < 1) {
        throw new IllegalArgumentException("RapportTopology: timersPerSweep is " + customers
            + "; give 1 or more customers");
      }
      once("timersPerSweep", timersPerSweep != null);
      this.timersPerSweep = customers;
      return this;
    }

    /**
     * Sets how often, in wall-clock time, each task works off due timers that a spent budget
     * left, publishes its measures and takes in those the other partitions published; 1 second
     * by default. It decides when work happens, never what time the engine sees.
     *
     * @param interval a positive duration, 1 millisecond or more
     * @return this builder
     * @throws IllegalArgumentException if null or under 1 millisecond
     * @throws IllegalStateException if already given
     */
    public Builder punctuationInterval(Duration interval) {
      if (interval == null || interval.toMillis() < 1) {
        throw new IllegalArgumentException("RapportTopology: punctuationInterval is " + interval
            + "; give 1 millisecond or more");
      }
      once("punctuationInterval", punctuationInterval != null);
      this.punctuationInterval = interval;
      return this;
    }

    /**
     * Returns the topology. The engine definitions are checked now, by building one engine.
     *
     * @return the topology, to give to {@code new KafkaStreams(topology, props)}
     * @throws IllegalStateException if a required setting is missing, the measures topic is also
     *     an input or the dispatch topic, or the definitions do not build an engine (the
     *     engine's message says why)
     */
    public Topology build() {
      List<String> missing = new ArrayList<>();
      if (definitions == null) {
        missing.add("engine(definitions)");
      }
      if (inputs.isEmpty()) {
        missing.add("input(topic, values, handler)");
      }
      if (dispatches == null) {
        missing.add("dispatches(topic)");
      }
      if (measures == null) {
        missing.add("measures(topic)");
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException("RapportTopology: " + String.join(", ", missing)
            + (missing.size() == 1 ? " is" : " are") + " missing; give "
            + (missing.size() == 1 ? "it" : "them") + " before build()");
      }
      if (inputs.containsKey(measures) || measures.equals(dispatches)) {
        throw new IllegalStateException("RapportTopology: the measures topic '" + measures
            + "' is also an input or the dispatch topic; give it a topic of its own");
      }
      if (inputs.containsKey(dispatches)) {
        throw new IllegalStateException("RapportTopology: the dispatch topic '" + dispatches
            + "' is also an input; give it a topic of its own");
      }
      RapportTopology.engine(definitions, b -> b.clock(Clock.systemUTC()).stateStore(StateStore.inMemory())
          .dispatcher(Dispatcher.discarding()));

      String name = storeName == null ? "rapport" : storeName;
      boolean memory = inMemory != null;
      Settings settings = new Settings(definitions, Map.copyOf(inputs), name + "-state",
          timersPerSweep == null ? 1_000 : timersPerSweep,
          punctuationInterval == null ? Duration.ofSeconds(1) : punctuationInterval);
      RemoteChanges remote = new RemoteChanges();
      StoreBuilder<KeyValueStore<Bytes, byte[]>> local = Stores.keyValueStoreBuilder(
          supplier(settings.storeName(), memory), Serdes.Bytes(), Serdes.ByteArray())
          .withCachingEnabled();
      String globalName = name + "-measures";
      StoreBuilder<KeyValueStore<Bytes, byte[]>> global = Stores.keyValueStoreBuilder(
          supplier(globalName, memory), Serdes.Bytes(), Serdes.ByteArray())
          .withLoggingDisabled();

      Topology topology = new Topology();
      List<String> sources = new ArrayList<>();
      for (String topic : inputs.keySet()) {
        String source = "rapport-input-" + sources.size();
        topology.addSource(source, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
            topic);
        sources.add(source);
      }
      topology.addProcessor(PROCESSOR,
          new RapportProcessor.Supplier(settings, local, globalName, remote),
          sources.toArray(new String[0]));
      topology.addSink(DISPATCH_SINK, dispatches, new ByteArraySerializer(),
          new ByteArraySerializer(), PROCESSOR);
      topology.addSink(MEASURES_SINK, measures, new ByteArraySerializer(),
          new ByteArraySerializer(), PROCESSOR);
      topology.addGlobalStore(global, MEASURES_SOURCE, new BytesDeserializer(),
          new ByteArrayDeserializer(), measures, MEASURES_UPDATER,
          () -> new MeasuresUpdater(globalName, remote));
      return topology;
    }

    private static KeyValueBytesStoreSupplier supplier(String name, boolean memory) {
      return memory ? Stores.inMemoryKeyValueStore(name) : Stores.persistentKeyValueStore(name);
    }

    private static void topic(String what, String topic) {
      if (topic == null || topic.isBlank()) {
        throw new IllegalArgumentException("RapportTopology: " + what + " topic is "
            + (topic == null ? "null" : "blank") + "; give the topic's name");
      }
    }

    private static void once(String setting, boolean given) {
      if (given) {
        throw new IllegalStateException("RapportTopology: " + setting + " is given twice; "
            + "give each setting once");
      }
    }
  }

  /** The UTF-8 bytes of a customer id, as keys are written. */
  static byte[] key(String customer) {
    return customer.getBytes(StandardCharsets.UTF_8);
  }
}
