package dev.rapport.docs;

import static dev.rapport.dsl.Rapport.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Action;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.journey.Journey;
import dev.rapport.kafka.streams.DispatchSerde;
import dev.rapport.kafka.streams.RapportTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The samples of guide/kafka-streams.md, run. */
class KafkaStreamsGuideTest {
  private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

  @TempDir
  Path stateDir;

  static final Action WELCOME = action("welcome").transactional().via(IN_APP).build();
  static final Action KEY_HELP = action("api-key-help").via(IN_APP).build();
  static final Journey ONBOARDING = journey("onboarding")
      .enterOn("signed_up")
      .steps(
          send(WELCOME),
          waitFor("api_key_created").atMost(Duration.ofDays(2))
              .onTimeout(send(KEY_HELP)))
      .build();

  private Topology topology(Properties props) {
    Journey onboarding = ONBOARDING;
    // snippet: kafka-topology
    Topology topology = RapportTopology.builder()
        .engine(engine -> engine
            .journeys(onboarding)
            .guardrail(guardrail(unsubscribeRate()).below(0.02).minSample(200)))
        .input("shop-events", new StringDeserializer(),
            (type, calls) -> calls.track(event(calls.customerId(), type).at(calls.time())))
        .dispatches("rapport-dispatches")
        .measures("rapport-measures")
        .build();

    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "engagement");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    // end
    return topology;
  }

  @Test
  void a_topology_sends_what_the_engine_would_as_the_tasks_time_passes() {
    Properties props = new Properties();
    Topology topology = topology(props);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    Instant start = MONDAY;

    // snippet: kafka-test-driver
    try (TopologyTestDriver driver = new TopologyTestDriver(topology, props, start)) {
      TestInputTopic<String, String> events = driver.createInputTopic("shop-events",
          new StringSerializer(), new StringSerializer());
      TestOutputTopic<String, Dispatch> dispatches = driver.createOutputTopic(
          "rapport-dispatches", new StringDeserializer(), new DispatchSerde().deserializer());

      events.pipeInput("ada", "signed_up", start);
      events.pipeInput("bob", "signed_up", start.plus(Duration.ofDays(3)));

      assertThat(dispatches.readValuesToList())
          .extracting(d -> d.action().name() + " to " + d.customer())
          .containsExactly("welcome to ada", "api-key-help to ada", "welcome to bob");
    }
    // end
  }

  @Test
  void a_tick_goes_to_every_partition_of_the_input_topic() {
    Node node = new Node(0, "localhost", 9092);
    List<PartitionInfo> partitions = List.of(0, 1, 2).stream()
        .map(p -> new PartitionInfo("shop-events", p, node, new Node[] {node},
            new Node[] {node})).toList();
    MockProducer<byte[], byte[]> producer = new MockProducer<>(new Cluster("c",
        List.of(node), partitions, java.util.Set.of(), java.util.Set.of()), true, null,
        new ByteArraySerializer(), new ByteArraySerializer());

    // snippet: kafka-tick
    RapportTopology.tick(producer, "shop-events", Instant.now());
    // end

    assertThat(producer.history()).hasSize(3)
        .allSatisfy(r -> assertThat(r.headers().lastHeader(RapportTopology.TICK_HEADER))
            .isNotNull())
        .extracting(r -> r.partition()).containsExactly(0, 1, 2);
  }

  @Test
  void a_consumer_of_the_dispatches_reads_committed_records_only() {
    // snippet: kafka-consumer
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "message-sender");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaConsumer<String, Dispatch> consumer = new KafkaConsumer<>(config,
        new StringDeserializer(), new DispatchSerde().deserializer());
    // end

    try (consumer) {
      assertThat(consumer.subscription()).isEmpty();
    }
  }
}
