package dev.rapport.examples.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.examples.saas.SaasOnboarding;
import dev.rapport.kafka.streams.CustomerCalls;
import dev.rapport.testkit.TestClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka Streams example, run against a broker in the test's JVM, prints and returns exactly
 * the dispatches that the in-process engine makes of the same simulated week, per customer.
 */
class KafkaOnboardingTest {
  private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

  @TempDir
  Path state;

  @Test
  void sends_what_the_in_process_onboarding_sends() throws Exception {
    List<Dispatch> expected = inProcess(KafkaOnboarding.simulate(40, MONDAY.toEpochMilli(),
        MONDAY), MONDAY.plus(Duration.ofDays(7)));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    List<Dispatch> sent;
    KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
        .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .build();
    try {
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      sent = KafkaOnboarding.run(cluster.bootstrapServers(), 40, MONDAY, state,
          new PrintStream(printed, true, StandardCharsets.UTF_8), Duration.ofSeconds(6));
    } finally {
      cluster.close();
    }

    assertThat(expected).extracting(d -> d.action().name())
        .contains("welcome", "api-key-help", "team-setup");
    assertThat(perCustomer(sent)).isEqualTo(perCustomer(expected));
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("simulated 40 customers", expected.size() + " dispatches");
  }

  private static Map<String, List<String>> perCustomer(List<Dispatch> dispatches) {
    Map<String, List<String>> out = new TreeMap<>();
    for (Dispatch d : dispatches) {
      out.computeIfAbsent(d.customer().value(), k -> new ArrayList<>()).add(d.id() + " " + d);
    }
    return out;
  }

  /** The same records through an in-process engine, as a host would feed them. */
  private static List<Dispatch> inProcess(List<ProducerRecord<String, String>> records,
      Instant end) {
    List<Dispatch> sent = new ArrayList<>();
    TestClock clock = TestClock.at(MONDAY);
    Engine engine = SaasOnboarding.configure(Engine.builder()).clock(clock)
        .dispatcher(sent::add).build();
    for (ProducerRecord<String, String> r : records) {
      Instant at = Instant.ofEpochMilli(r.timestamp());
      clock.set(at);
      engine.advanceTo(at);
      KafkaOnboarding.handle(r.value(), CustomerCalls.on(engine, r.key(), at));
    }
    clock.set(end);
    engine.advanceTo(end);
    return sent;
  }
}
