package dev.rapport.kafka.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.core.Event;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.StateStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import dev.rapport.core.Profile;
import dev.rapport.core.TraitKey;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology's settings, the records it refuses, ticks, and the guarantee it requires. */
class RapportTopologyTest {
  @TempDir
  Path stateDir;

  private static RapportTopology.Builder complete() {
    return RapportTopology.builder().engine(Program.definitions(false))
        .input("calls", Program.text(), Program.handler())
        .dispatches("dispatches").measures("measures");
  }

  @Test
  void names_every_missing_setting() {
    RapportTopology.Builder b = RapportTopology.builder().dispatches("out");

    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
        .hasMessage("RapportTopology: engine(definitions), input(topic, values, handler), "
            + "measures(topic) are missing; give them before build()");
  }

  @Test
  void refuses_a_setting_given_twice_and_an_input_topic_given_twice() {
    RapportTopology.Builder b = complete();

    assertThatThrownBy(() -> b.dispatches("again")).isInstanceOf(IllegalStateException.class)
        .hasMessage("RapportTopology: dispatches is given twice; give each setting once");
    assertThatThrownBy(() -> b.input("calls", Program.text(), Program.handler()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("RapportTopology: input topic 'calls' is given twice; give each input topic "
            + "once, with one handler");
  }

  @Test
  void refuses_bad_values_with_what_to_give() {
    RapportTopology.Builder b = RapportTopology.builder();

    assertThatThrownBy(() -> b.timersPerSweep(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RapportTopology: timersPerSweep is 0; give 1 or more customers");
    assertThatThrownBy(() -> b.punctuationInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RapportTopology: punctuationInterval is PT0S; give 1 millisecond or more");
    assertThatThrownBy(() -> b.dispatches(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RapportTopology: dispatches topic is blank; give the topic's name");
    assertThatThrownBy(() -> b.storeName("a/b")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("RapportTopology: storeName is 'a/b'; give 1 to 100 of");
  }

  @Test
  void refuses_the_measures_topic_as_an_input_or_as_the_dispatch_topic() {
    RapportTopology.Builder b = RapportTopology.builder().engine(Program.definitions(false))
        .input("calls", Program.text(), Program.handler())
        .dispatches("out").measures("calls");

    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
        .hasMessage("RapportTopology: the measures topic 'calls' is also an input or the "
            + "dispatch topic; give it a topic of its own");
  }

  @Test
  void refuses_definitions_that_set_what_the_topology_owns() {
    RapportTopology.Builder b = RapportTopology.builder()
        .engine(e -> Program.definitions(false).accept(e.stateStore(StateStore.inMemory())))
        .input("calls", Program.text(), Program.handler())
        .dispatches("dispatches").measures("measures");

    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("RapportTopology: the engine definitions set the engine's "
            + "clock, state store or dispatcher; the topology sets those for each stream task");
  }

  @Test
  void checks_the_definitions_when_built() {
    RapportTopology.Builder b = RapportTopology.builder()
        .engine(e -> e.clock(Clock.systemUTC()).journeys(Program.ONBOARDING)
            .journeys(Program.ONBOARDING))
        .input("calls", Program.text(), Program.handler())
        .dispatches("dispatches").measures("measures");

    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refuses_to_run_without_exactly_once() {
    Topology topology = complete().build();
    Properties config = Hosts.config("no-eos", stateDir);
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);

    assertThatThrownBy(() -> new TopologyTestDriver(topology, config, Program.T0).close())
        .hasStackTraceContaining("processing.guarantee is at_least_once; Rapport's topology "
            + "needs exactly_once_v2");
  }

  @Test
  void skips_records_without_a_key_or_with_a_value_it_cannot_read_and_goes_on() {
    Deserializer<String> strict = (topic, bytes) -> {
      String s = new String(bytes, StandardCharsets.UTF_8);
      if (s.startsWith("!")) {
        throw new SerializationException("not a call");
      }
      return s;
    };
    Topology topology = RapportTopology.builder().engine(Program.definitions(false))
        .input("calls", strict, Program.handler())
        .dispatches("dispatches").measures("measures").inMemory().build();
    try (TopologyTestDriver driver = new TopologyTestDriver(topology,
        Hosts.config("rejects", stateDir), Program.T0)) {
      TestInputTopic<String, String> in = driver.createInputTopic("calls",
          new StringSerializer(), new StringSerializer());
      TestOutputTopic<String, Dispatch> out = driver.createOutputTopic("dispatches",
          new StringDeserializer(), new DispatchSerde().deserializer());

      in.pipeInput(null, "1|0", Program.T0);
      in.pipeInput(" ", "1|0", Program.T0);
      in.pipeInput("ada", "!", Program.T0);
      in.pipeInput("ada", "no call", Program.T0);
      in.pipeInput("ada", "0|1", Program.T0.plusSeconds(1));
      in.pipeInput("ada", "1|2", Program.T0.plusSeconds(2));

      assertThat(out.readValuesToList()).extracting(d -> d.action().name() + " to "
          + d.customer()).containsExactly("welcome to ada");
    }
  }

  @Test
  void refuses_to_merge_customers_whose_states_live_apart() {
    List<String> refused = new ArrayList<>();
    Topology topology = RapportTopology.builder().engine(Program.definitions(false))
        .input("events", Program.text(), (value, calls) -> {
          calls.track(Event.builder(calls.customerId(), "page_viewed").at(calls.time()));
          if (!value.isEmpty()) {
            try {
              calls.mergeFrom(value);
            } catch (IllegalStateException e) {
              refused.add(e.getMessage());
            }
          }
        })
        .dispatches("dispatches").measures("measures").inMemory().build();
    try (TopologyTestDriver driver = new TopologyTestDriver(topology,
        Hosts.config("merge", stateDir), Program.T0)) {
      TestInputTopic<String, String> in = driver.createInputTopic("events",
          new StringSerializer(), new StringSerializer());

      in.pipeInput("anon-7", "", Program.T0);
      in.pipeInput("ada", "anon-7", Program.T0.plusSeconds(1));

      assertThat(refused).containsExactly("merge(fromId, intoId): this engine's state store "
          + "(TaskStateStore) keeps each customer apart and cannot hold two at once, so it "
          + "cannot merge them; on Kafka Streams, see the guide's page on identity merge for "
          + "what to do instead");
    }
  }

  @Test
  void refuses_a_call_for_another_customer_than_the_key() {
    Topology topology = RapportTopology.builder().engine(Program.definitions(false))
        .input("events", Program.text(), (value, calls) -> {
          calls.identify(Profile.empty().set(TraitKey.EMAIL_ADDRESS, value + "@example.com"));
          calls.track(Event.builder(value, "signed_up").at(calls.time()));
        })
        .dispatches("dispatches").measures("measures").inMemory().build();
    try (TopologyTestDriver driver = new TopologyTestDriver(topology,
        Hosts.config("other-customer", stateDir), Program.T0)) {
      TestInputTopic<String, String> in = driver.createInputTopic("events",
          new StringSerializer(), new StringSerializer());
      TestOutputTopic<String, Dispatch> out = driver.createOutputTopic("dispatches",
          new StringDeserializer(), new DispatchSerde().deserializer());

      in.pipeInput("ada", "bob", Program.T0);
      in.pipeInput("cy", "cy", Program.T0);

      assertThat(out.readValuesToList()).extracting(d -> d.customer().value())
          .containsExactly("cy");
    }
  }

  @Test
  void a_tick_fires_what_is_due_by_its_time_without_any_input() {
    Topology topology = complete().inMemory().build();
    try (TopologyTestDriver driver = new TopologyTestDriver(topology,
        Hosts.config("ticks", stateDir), Program.T0)) {
      TestInputTopic<String, String> in = driver.createInputTopic("calls",
          new StringSerializer(), new StringSerializer());
      TestOutputTopic<String, Dispatch> out = driver.createOutputTopic("dispatches",
          new StringDeserializer(), new DispatchSerde().deserializer());
      in.pipeInput("ada", "0|0", Program.T0); // an e-mail address and a consent
      in.pipeInput("ada", "1|1", Program.T0); // signed up: welcome, then a wait of two days

      driver.advanceWallClockTime(Duration.ofDays(5));
      List<String> byWallClock = names(out.readValuesToList());
      in.pipeInput(Hosts.tick(Program.T0.plus(Duration.ofDays(2))));
      List<String> byTick = names(out.readValuesToList());

      assertThat(byWallClock).as("the wall clock moves no timer").containsExactly("welcome");
      assertThat(byTick).as("the tick's time does").containsExactly("help");
    }
  }

  @Test
  void headers_carry_the_stable_id_of_each_dispatch() {
    Topology topology = complete().inMemory().build();
    try (TopologyTestDriver driver = new TopologyTestDriver(topology,
        Hosts.config("headers", stateDir), Program.T0)) {
      TestInputTopic<String, String> in = driver.createInputTopic("calls",
          new StringSerializer(), new StringSerializer());
      in.pipeInput("ada", "0|0", Program.T0);
      in.pipeInput("ada", "1|1", Program.T0);

      TestRecord<String, Dispatch> r = driver.createOutputTopic("dispatches",
          new StringDeserializer(), new DispatchSerde().deserializer()).readRecord();

      assertThat(r.key()).isEqualTo("ada");
      assertThat(new String(r.headers().lastHeader(RapportTopology.DISPATCH_ID_HEADER).value(),
          StandardCharsets.UTF_8)).isEqualTo(r.value().id());
      assertThat(r.getRecordTime()).isEqualTo(r.value().at());
    }
  }

  private static List<String> names(List<Dispatch> dispatches) {
    return dispatches.stream().map(d -> d.action().name()).toList();
  }
}
