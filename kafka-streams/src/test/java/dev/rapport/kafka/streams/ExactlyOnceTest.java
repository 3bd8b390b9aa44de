package dev.rapport.kafka.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.engine.Dispatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real broker in the test's JVM, the streams application is killed (SIGKILL, in a child
 * process) in the middle of the stream and started again on its state directory; the dispatch
 * topic, read with {@code read_committed}, holds every dispatch the in-process engine makes on
 * the same log, exactly once, in the same order per customer.
 */
class ExactlyOnceTest {
  private static TestBroker broker;

  @TempDir
  Path dir;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = TestBroker.start();
    broker.createTopics(Map.of(Hosts.CALLS, 2, Hosts.DISPATCHES, 2, Hosts.MEASURES, 1),
        Hosts.MEASURES);
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void a_killed_and_restarted_application_writes_every_dispatch_exactly_once() throws Exception {
    // GIVEN a seeded log on a topic of two partitions, ending with a tick on each
    List<Program.Call> log = Program.log(3, 1_200, 80);
    List<Dispatch> expected = Hosts.inProcess(Program.definitions(false), log);
    produce(log);
    Path stateDir = Files.createDirectories(dir.resolve("state"));

    // WHEN the application is killed once part of the output is committed, then started again
    Path out = dir.resolve("child.log");
    Process child = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), StreamsApp.class.getName(),
        broker.bootstrapServers(), stateDir.toString(), "3")
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    List<Dispatch> beforeKill;
    try (KafkaConsumer<String, Dispatch> reader = reader()) {
      beforeKill = readUntil(reader, expected.size() / 4, Duration.ofSeconds(90));
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(beforeKill.size()).as("dispatches committed before the kill (child's output in "
        + out + ")").isBetween(expected.size() / 4, expected.size() - 1);
    List<Dispatch> all;
    try (KafkaStreams again = new KafkaStreams(StreamsApp.topology(0),
        StreamsApp.config(broker.bootstrapServers(), stateDir));
        KafkaConsumer<String, Dispatch> reader = reader()) {
      again.start();
      all = readUntil(reader, expected.size(), Duration.ofSeconds(90));
      all.addAll(readUntil(reader, Integer.MAX_VALUE, Duration.ofSeconds(2)));
      again.close(Duration.ofSeconds(30));
    }

    // THEN every dispatch, once, in each customer's order
    assertThat(Hosts.shown(all)).as("every dispatch once")
        .containsExactlyInAnyOrderElementsOf(Hosts.shown(expected));
    assertThat(Hosts.perCustomer(all)).containsExactlyInAnyOrderEntriesOf(
        Hosts.perCustomer(expected));
  }

  private static void produce(List<Program.Call> log) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
        new StringSerializer())) {
      for (Program.Call c : log) {
        producer.send(new ProducerRecord<>(Hosts.CALLS, null, c.at().toEpochMilli(),
            c.customer(), c.value()));
      }
      producer.flush();
    }
    try (KafkaProducer<byte[], byte[]> ticks = new KafkaProducer<>(p, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      Instant end = Hosts.end(log);
      assertThat(RapportTopology.tick(ticks, Hosts.CALLS, end)).isEqualTo(2);
    }
  }

  private static KafkaConsumer<String, Dispatch> reader() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaConsumer<String, Dispatch> c = new KafkaConsumer<>(p, new StringDeserializer(),
        new DispatchSerde().deserializer());
    c.subscribe(List.of(Hosts.DISPATCHES));
    return c;
  }

  /** Reads until at least {@code count} dispatches arrived, or the time is up. */
  private static List<Dispatch> readUntil(KafkaConsumer<String, Dispatch> reader, int count,
      Duration atMost) {
    List<Dispatch> out = new ArrayList<>();
    long deadline = System.nanoTime() + atMost.toNanos();
    while (out.size() < count && System.nanoTime() < deadline) {
      for (ConsumerRecord<String, Dispatch> r : reader.poll(Duration.ofMillis(200))) {
        out.add(r.value());
      }
    }
    return out;
  }
}
