package dev.rapport.kafka.streams;

import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.testkit.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The two hosts the tests compare: an in-process engine and the topology in a test driver. */
final class Hosts {
  static final String CALLS = "calls";
  static final String DISPATCHES = "dispatches";
  static final String MEASURES = "measures";
  /** Punctuations after the last tick: enough for a budget of one customer per sweep. */
  private static final int PUNCTUATIONS = 400;

  private Hosts() {}

  /** How long after the last call both hosts advance, so that every timer fires. */
  static Instant end(List<Program.Call> log) {
    return log.get(log.size() - 1).at().plus(Duration.ofDays(4));
  }

  /** The dispatches of an in-process engine fed the log as a host would. */
  static List<Dispatch> inProcess(Consumer<Engine.Builder> definitions, List<Program.Call> log) {
    List<Dispatch> sent = new ArrayList<>();
    TestClock clock = TestClock.at(Program.T0);
    Engine.Builder b = Engine.builder();
    definitions.accept(b);
    Engine engine = b.clock(clock).dispatcher(sent::add).build();
    for (Program.Call c : log) {
      clock.set(c.at());
      engine.advanceTo(c.at());
      c.run(engine);
    }
    clock.set(end(log));
    engine.advanceTo(end(log));
    return sent;
  }

  static Topology topology(Consumer<Engine.Builder> definitions, int timersPerSweep) {
    return RapportTopology.builder()
        .engine(definitions)
        .input(CALLS, Program.text(), Program.handler())
        .dispatches(DISPATCHES)
        .measures(MEASURES)
        .timersPerSweep(timersPerSweep)
        .build();
  }

  static Properties config(String application, Path stateDir) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, application);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    return p;
  }

  /** The dispatches of the topology fed the log in a test driver, then a tick at the end. */
  static List<Dispatch> topology(Topology topology, List<Program.Call> log, Path stateDir) {
    try (TopologyTestDriver driver = new TopologyTestDriver(topology,
        config("equivalence", stateDir), Program.T0)) {
      TestInputTopic<String, String> in = driver.createInputTopic(CALLS, new StringSerializer(),
          new StringSerializer());
      TestOutputTopic<String, Dispatch> out = driver.createOutputTopic(DISPATCHES,
          new StringDeserializer(), new DispatchSerde().deserializer());
      for (Program.Call c : log) {
        in.pipeInput(c.customer(), c.value(), c.at());
      }
      in.pipeInput(tick(end(log)));
      for (int i = 0; i < PUNCTUATIONS; i++) {
        driver.advanceWallClockTime(Duration.ofSeconds(1)); // works off what budgets left
      }
      return out.readValuesToList();
    }
  }

  static TestRecord<String, String> tick(Instant at) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(RapportTopology.TICK_HEADER, new byte[0]);
    return new TestRecord<>(null, null, headers, at);
  }

  /** Dispatches as text that shows every field, the stable id first. */
  static List<String> shown(List<Dispatch> dispatches) {
    return dispatches.stream().map(d -> d.id() + " " + d).toList();
  }

  /** Dispatches per customer, in their order. */
  static Map<String, List<String>> perCustomer(List<Dispatch> dispatches) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Dispatch d : dispatches) {
      out.computeIfAbsent(d.customer().value(), k -> new ArrayList<>()).add(d.id() + " " + d);
    }
    return out;
  }
}
