package dev.rapport.kafka.streams;

import dev.rapport.core.engine.Codec;
import dev.rapport.core.engine.Dispatch;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor of one stream task: reads each input record (or tick) into the task's {@link
 * TaskRuntime}, forwards dispatches and measures to their sinks, and punctuates on the wall
 * clock. Records it cannot read (no key, a value its deserializer refuses, input the engine
 * refuses) are skipped and logged by their place in the topic, never by their content.
 */
final class RapportProcessor implements Processor<byte[], byte[], byte[], byte[]> {
  private static final Logger LOG = LoggerFactory.getLogger(RapportTopology.class);
  private static final Codec<Dispatch> DISPATCHES = Dispatch.codec();

  /** Makes a processor per task, and declares the task's store. */
  static final class Supplier implements ProcessorSupplier<byte[], byte[], byte[], byte[]> {
    private final RapportTopology.Settings settings;
    private final StoreBuilder<KeyValueStore<Bytes, byte[]>> store;
    private final String globalName;
    private final RemoteChanges remote;

    Supplier(RapportTopology.Settings settings, StoreBuilder<KeyValueStore<Bytes, byte[]>> store,
        String globalName, RemoteChanges remote) {
      this.settings = settings;
      this.store = store;
      this.globalName = globalName;
      this.remote = remote;
    }

    @Override
    public Processor<byte[], byte[], byte[], byte[]> get() {
      return new RapportProcessor(settings, globalName, remote);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      return Set.of(store);
    }
  }

  private final RapportTopology.Settings settings;
  private final String globalName;
  private final RemoteChanges remote;
  private ProcessorContext<byte[], byte[]> context;
  private TaskRuntime runtime;
  private int partition;

  RapportProcessor(RapportTopology.Settings settings, String globalName, RemoteChanges remote) {
    this.settings = settings;
    this.globalName = globalName;
    this.remote = remote;
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    Object guarantee = context.appConfigs().get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
    if (!StreamsConfig.EXACTLY_ONCE_V2.equals(guarantee)) {
      throw new IllegalStateException("RapportTopology: processing.guarantee is " + guarantee
          + "; Rapport's topology needs exactly_once_v2 (StreamsConfig."
          + "PROCESSING_GUARANTEE_CONFIG = StreamsConfig.EXACTLY_ONCE_V2), so that a customer's "
          + "state and the dispatches it made commit together");
    }
    this.context = context;
    this.partition = context.taskId().partition();
    KeyValueStore<Bytes, byte[]> local = context.getStateStore(settings.storeName());
    KeyValueStore<Bytes, byte[]> global = context.getStateStore(globalName);
    this.runtime = new TaskRuntime(settings.definitions(), local, global, partition,
        settings.timersPerSweep(), new Sink());
    context.schedule(settings.punctuationInterval(), PunctuationType.WALL_CLOCK_TIME,
        at -> runtime.punctuate(remote.othersThan(partition)));
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    if (record.headers().lastHeader(RapportTopology.TICK_HEADER) != null) {
      runtime.tick(record.timestamp());
      return;
    }
    String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(null);
    RapportTopology.Input<?> input = settings.inputs().get(topic);
    if (input == null) {
      reject("it comes from no input topic of the topology", null);
      return;
    }
    handle(input, record);
  }

  private <V> void handle(RapportTopology.Input<V> input, Record<byte[], byte[]> record) {
    byte[] key = record.key();
    String customer = key == null ? "" : new String(key, StandardCharsets.UTF_8);
    if (customer.isBlank()) {
      reject("it has no customer id as its key; key each input record by the customer id", null);
      return;
    }
    V value;
    try {
      value = input.values().deserialize(input.topic(), record.headers(), record.value());
    } catch (RuntimeException e) {
      reject("its value could not be read", e);
      return;
    }
    if (value == null) {
      reject("it has no value", null);
      return;
    }
    try {
      runtime.input(customer, record.timestamp(), calls -> input.handler().handle(value, calls));
    } catch (IllegalArgumentException e) {
      reject("the handler or the engine refused it", e);
    }
  }

  /** Logs a rejected record by its place only: its content may be personal data. */
  private void reject(String why, RuntimeException e) {
    String where = context.recordMetadata()
        .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("(unknown)");
    LOG.warn("rejected input record {}: {}{}; skipped", where, why,
        e == null ? "" : " (" + e.getClass().getName() + "; details at DEBUG)");
    if (e != null) {
      LOG.debug("rejected input record {}", where, e);
    }
  }

  /** Forwards dispatches and measures to their sinks, in the task's transaction. */
  private final class Sink implements TaskRuntime.Sink {
    @Override
    public void dispatch(Dispatch d) {
      RecordHeaders headers = new RecordHeaders();
      headers.add(RapportTopology.DISPATCH_ID_HEADER, d.id().getBytes(StandardCharsets.UTF_8));
      context.forward(new Record<>(RapportTopology.key(d.customer().value()),
          DISPATCHES.encode(d), Math.max(0, d.at().toEpochMilli()), headers),
          RapportTopology.DISPATCH_SINK);
    }

    @Override
    public void measure(Bytes key, byte[] value) {
      context.forward(new Record<>(key.get(), value, Math.max(0, runtime.store().time())),
          RapportTopology.MEASURES_SINK);
    }
  }
}
