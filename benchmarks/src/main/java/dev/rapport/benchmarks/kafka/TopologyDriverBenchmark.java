package dev.rapport.benchmarks.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Events per second through the topology in Kafka Streams' {@code TopologyTestDriver}, on one
 * thread: each call pipes one record through the whole task (deserialisation, the timer sweep,
 * the engine call, the task's store, the dispatch and measures sinks), with RocksDB or in-memory
 * stores. The driver commits after every record (with exactly-once, a transaction per record),
 * which a real application does every {@code commit.interval.ms}; so this is the processing cost
 * with the most expensive commit pattern, not a network figure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class TopologyDriverBenchmark {
  /** How many customers the events rotate over. */
  @Param({"10000"})
  public int customers;

  /** The task's stores: {@code rocksdb} (the default) or {@code memory}. */
  @Param({"rocksdb", "memory"})
  public String stores;

  private Path stateDir;
  private TopologyTestDriver driver;
  private TestInputTopic<String, String> in;
  private long next;

  /** Starts the driver and enrolls every customer. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    stateDir = Files.createTempDirectory("rapport-kafka-bench");
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "rapport-bench");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(Workload.topology(stores.equals("memory")), p,
        Workload.START);
    in = driver.createInputTopic(Workload.EVENTS, new StringSerializer(),
        new StringSerializer());
    while (next < 2L * customers) {
      pipe();
    }
  }

  /** Pipes the next event. */
  @Benchmark
  public void pipe() {
    long n = next++;
    in.pipeInput(Workload.customer(n, customers), Workload.type(n, customers),
        Workload.time(n));
  }

  /** Closes the driver and deletes its state. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    driver.close();
    try (Stream<Path> files = Files.walk(stateDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
