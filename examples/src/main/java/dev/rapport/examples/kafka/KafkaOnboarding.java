package dev.rapport.examples.kafka;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.GRANTED;
import static dev.rapport.dsl.Rapport.MARKETING;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.profile;

import dev.rapport.core.engine.Dispatch;
import dev.rapport.examples.saas.SaasOnboarding;
import dev.rapport.kafka.streams.CustomerCalls;
import dev.rapport.kafka.streams.DispatchSerde;
import dev.rapport.kafka.streams.RapportTopology;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * The SaaS onboarding ({@link SaasOnboarding}) on Kafka Streams, against a broker: it creates
 * its topics, starts the topology, produces a simulated week of sign-ups, API keys, syncs and
 * invitations for a number of customers, then prints every dispatch it reads back from the
 * dispatch topic ({@code read_committed}) until none has come for a while.
 *
 * <pre>
 * # a local broker on localhost:9092 (any Kafka 3.x or 4.x with transactions), then:
 * mvn -q -pl examples -am compile exec:java \
 *     -Dexec.mainClass=dev.rapport.examples.kafka.KafkaOnboarding \
 *     -Dexec.args="localhost:9092 200"
 * </pre>
 *
 * <p>Arguments: the bootstrap servers ({@code localhost:9092} by default) and the number of
 * customers (200). A broker of one node needs {@code transaction.state.log.replication.factor=1}
 * and {@code transaction.state.log.min.isr=1} for exactly-once, as Kafka's quick-start
 * configuration has. Run it again and it adds another week of new customers: the topics, and the
 * application's state, are kept.
 *
 * <p>Input records: key the customer id, value an event type ({@code signed_up}, {@code
 * api_key_created}, {@code first_sync}, {@code teammate_invited}) or {@code identify <address>}
 * for an e-mail address with a marketing consent; timestamp the event's time.
 */
public final class KafkaOnboarding {
  /** The input topic. */
  public static final String EVENTS = "saas-events";
  /** The dispatch topic. */
  public static final String DISPATCHES = "saas-dispatches";
  /** The measures topic (compacted). */
  public static final String MEASURES = "saas-measures";
  /** The application id, and so the consumer group and the changelog topics' prefix. */
  public static final String APPLICATION = "rapport-saas-onboarding";

  private KafkaOnboarding() {}

  /**
   * Runs the example.
   *
   * @param args bootstrap servers, then the number of customers
   * @throws Exception if the broker cannot be reached or a topic cannot be created
   */
  public static void main(String[] args) throws Exception {
    String bootstrap = args.length > 0 ? args[0] : "localhost:9092";
    int customers = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    Path state = Files.createTempDirectory("rapport-kafka-example");
    run(bootstrap, customers, Instant.now().minus(Duration.ofDays(7)), state, System.out,
        Duration.ofSeconds(10));
  }

  /**
   * The topology: the onboarding's definitions; records read as the class description says.
   *
   * @return the topology
   */
  public static Topology topology() {
    return RapportTopology.builder()
        .engine(SaasOnboarding::configure)
        .input(EVENTS, new StringDeserializer(), KafkaOnboarding::handle)
        .dispatches(DISPATCHES)
        .measures(MEASURES)
        .build();
  }

  /**
   * Turns one input record into engine calls.
   *
   * @param value the record's value
   * @param calls the calls for the record's customer
   */
  public static void handle(String value, CustomerCalls calls) {
    if (value.startsWith("identify ")) {
      calls.identify(profile().set(EMAIL_ADDRESS, value.substring("identify ".length()))
          .consent(EMAIL, MARKETING, GRANTED, calls.time()));
    } else {
      calls.track(event(calls.customerId(), value).at(calls.time()));
    }
  }

  /**
   * A simulated week of a number of customers, one record per event, in time order: each is
   * identified and signs up; most create an API key (some after the two days the journey
   * waits), many sync, some invite teammates.
   *
   * @param customers how many customers
   * @param seed the seed of the draws
   * @param start when the first customer signs up
   * @return the records, each with its key, value and timestamp
   */
  public static List<ProducerRecord<String, String>> simulate(int customers, long seed,
      Instant start) {
    SplittableRandom r = new SplittableRandom(seed);
    List<ProducerRecord<String, String>> out = new ArrayList<>();
    for (int i = 0; i < customers; i++) {
      String id = "customer-" + i;
      Instant t = start.plus(Duration.ofMinutes(r.nextInt(24 * 60)));
      out.add(record(id, "identify " + id + "@example.com", t));
      out.add(record(id, "signed_up", t.plusSeconds(1)));
      if (r.nextInt(10) < 8) {
        Instant key = t.plus(Duration.ofHours(1 + r.nextInt(72)));
        out.add(record(id, "api_key_created", key));
        if (r.nextBoolean()) {
          out.add(record(id, "first_sync", key.plus(Duration.ofHours(1 + r.nextInt(24)))));
        }
      }
      if (r.nextInt(4) == 0) {
        out.add(record(id, "teammate_invited", t.plus(Duration.ofHours(2 + r.nextInt(48)))));
        out.add(record(id, "teammate_invited", t.plus(Duration.ofHours(50 + r.nextInt(24)))));
      }
    }
    out.sort(Comparator.comparing(ProducerRecord::timestamp));
    return out;
  }

  private static ProducerRecord<String, String> record(String customer, String value,
      Instant at) {
    return new ProducerRecord<>(EVENTS, null, at.toEpochMilli(), customer, value);
  }

  /**
   * Creates the topics if they are missing, starts the topology, produces the simulation and a
   * tick a week after its start, and prints the dispatches until none has come for {@code idle}.
   *
   * @param bootstrap the bootstrap servers
   * @param customers how many customers to simulate
   * @param start when the simulation starts
   * @param stateDir the application's state directory
   * @param out where the dispatches are printed
   * @param idle how long to wait for one more dispatch before stopping
   * @return the dispatches read
   * @throws Exception if the broker cannot be reached or a topic cannot be created
   */
  public static List<Dispatch> run(String bootstrap, int customers, Instant start, Path stateDir,
      PrintStream out, Duration idle) throws Exception {
    createTopics(bootstrap);
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION);
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    List<Dispatch> read = new ArrayList<>();
    try (KafkaStreams streams = new KafkaStreams(topology(), config);
        KafkaConsumer<String, Dispatch> dispatches = fromTheEnd(bootstrap)) {
      streams.start();
      produce(bootstrap, simulate(customers, start.toEpochMilli(), start),
          start.plus(Duration.ofDays(7)));
      out.printf("simulated %d customers from %s; dispatches as they are committed:%n",
          customers, start);
      long quietSince = System.nanoTime();
      while (System.nanoTime() - quietSince < idle.toNanos()) {
        for (ConsumerRecord<String, Dispatch> r : dispatches.poll(Duration.ofMillis(500))) {
          Dispatch d = r.value();
          read.add(d);
          out.printf("%s  %-12s  %-14s via %-7s %s%n", d.at(), d.customer(), d.action().name(),
              d.channel(), d.step().orElse(""));
          quietSince = System.nanoTime();
        }
      }
      streams.close(Duration.ofSeconds(30));
    }
    out.printf("%d dispatches%n", read.size());
    return read;
  }

  private static void createTopics(String bootstrap) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(p)) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      if (!existing.contains(EVENTS)) {
        missing.add(new NewTopic(EVENTS, 3, (short) 1));
      }
      if (!existing.contains(DISPATCHES)) {
        missing.add(new NewTopic(DISPATCHES, 3, (short) 1));
      }
      if (!existing.contains(MEASURES)) {
        missing.add(new NewTopic(MEASURES, 1, (short) 1).configs(Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
      }
      if (!missing.isEmpty()) {
        try {
          admin.createTopics(missing).all().get();
        } catch (ExecutionException e) {
          throw new IllegalStateException("could not create the example's topics "
              + missing + ": " + e.getCause().getMessage(), e.getCause());
        }
      }
    }
  }

  private static void produce(String bootstrap, List<ProducerRecord<String, String>> records,
      Instant tickAt) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
        new StringSerializer())) {
      records.forEach(producer::send);
      producer.flush();
    }
    try (KafkaProducer<byte[], byte[]> ticks = new KafkaProducer<>(p, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      RapportTopology.tick(ticks, EVENTS, tickAt);
    }
  }

  /** A reader of the dispatch topic from its current end: what this run adds. */
  private static KafkaConsumer<String, Dispatch> fromTheEnd(String bootstrap) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaConsumer<String, Dispatch> c = new KafkaConsumer<>(p, new StringDeserializer(),
        new DispatchSerde().deserializer());
    List<TopicPartition> partitions = c.partitionsFor(DISPATCHES).stream()
        .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    c.assign(partitions);
    c.seekToEnd(partitions);
    partitions.forEach(c::position); // fixes the positions now, before anything is produced
    return c;
  }
}
