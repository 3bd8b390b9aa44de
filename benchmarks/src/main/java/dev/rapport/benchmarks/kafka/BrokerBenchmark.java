package dev.rapport.benchmarks.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Events per second end to end through a one-node KRaft broker in the benchmark's JVM: each call
 * produces a batch of events to a topic of two partitions and waits until the streams
 * application (two stream threads, exactly-once, RocksDB stores) has committed past them. The
 * broker, the producer and the application share the machine's cores, as they would not in
 * production; the figure is the whole pipeline on one box, commits and transactions included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgs = {"-Xmx3g"})
public class BrokerBenchmark {
  private static final int BATCH = 5_000;
  private static final String APPLICATION = "rapport-bench";

  /** How long a batch may wait for the application before the benchmark fails. */
  private static final long STALL_SECONDS = 120;

  /** How many customers the events rotate over. */
  @Param({"10000"})
  public int customers;

  private KafkaClusterTestKit cluster;
  private Path stateDir;
  private KafkaStreams streams;
  private KafkaProducer<String, String> producer;
  private Admin admin;
  private long next;

  /** Starts the broker and the application, and enrolls every customer. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
        .setNumBrokerNodes(1).setNumControllerNodes(1).build())
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
    Properties a = new Properties();
    a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    admin = Admin.create(a);
    admin.createTopics(List.of(new NewTopic(Workload.EVENTS, 2, (short) 1),
        new NewTopic(Workload.DISPATCHES, 2, (short) 1),
        new NewTopic(Workload.MEASURES, 1, (short) 1).configs(Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
        .all().get();
    stateDir = Files.createTempDirectory("rapport-kafka-bench");
    Properties s = new Properties();
    s.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION);
    s.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    s.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    s.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    s.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
    streams = new KafkaStreams(Workload.topology(false), s);
    streams.start();
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    while (next < 2L * customers) {
      batch();
    }
  }

  /**
   * Produces a batch of events and waits until the application committed past them.
   *
   * @throws Exception if the broker fails
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void batch() throws Exception {
    List<Future<RecordMetadata>> sent = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      long n = next++;
      sent.add(producer.send(new ProducerRecord<>(Workload.EVENTS, null,
          Workload.time(n).toEpochMilli(), Workload.customer(n, customers),
          Workload.type(n, customers))));
    }
    producer.flush();
    for (Future<RecordMetadata> f : sent) {
      f.get(); // a send that failed would otherwise leave the wait below waiting for it forever
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STALL_SECONDS);
    long committed;
    while ((committed = committed()) < next) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the application committed " + committed + " of the "
            + next + " events produced and made no progress for " + STALL_SECONDS
            + " s; see its log for a rebalance or a failed transaction");
      }
      Thread.sleep(5);
    }
  }

  /** How many input records the application committed, over both partitions. */
  private long committed() throws Exception {
    long sum = 0;
    for (OffsetAndMetadata o : admin.listConsumerGroupOffsets(APPLICATION)
        .partitionsToOffsetAndMetadata().get().values()) {
      if (o != null) {
        sum += o.offset();
      }
    }
    return sum;
  }

  /** Stops everything and deletes the application's state. */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    producer.close();
    streams.close(Duration.ofSeconds(30));
    admin.close();
    cluster.close();
    try (Stream<Path> files = Files.walk(stateDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
