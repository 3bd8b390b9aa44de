package dev.rapport.benchmarks.kafka;

import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.traits;

import dev.rapport.benchmarks.Onboarding;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.journey.Goal;
import dev.rapport.kafka.streams.InputHandler;
import dev.rapport.kafka.streams.RapportTopology;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.Topology;

/**
 * What both Kafka benchmarks feed the topology: the benchmarks' ten-step onboarding journey, and
 * events of a rotating population, one second of event time apart, so that waits time out and
 * timers fire as the benchmark runs. A record's value is an event type, or {@code identify} for an
 * e-mail address.
 */
final class Workload {
  static final String EVENTS = "events";
  static final String DISPATCHES = "dispatches";
  static final String MEASURES = "measures";
  static final Instant START = Onboarding.START;
  private static final String[] TYPES = {"page_viewed", "api_key_created", "teammate_invited",
      "project_created", "page_viewed", "report_run", "signed_up", "first_sync"};

  private Workload() {}

  /** The benchmarks' onboarding journey and the moment its goal names, as the engine needs. */
  static void definitions(Engine.Builder engine) {
    engine.journeys(Onboarding.JOURNEY).enrollmentHistory(8);
    Onboarding.JOURNEY.goal().flatMap(Goal::moment).ifPresent(engine::moments);
  }

  static InputHandler<String> handler() {
    return (value, calls) -> {
      if (value.equals("identify")) {
        calls.identify(traits().set(EMAIL_ADDRESS, calls.customerId() + "@example.com"));
      } else {
        calls.track(event(calls.customerId(), value).at(calls.time()));
      }
    };
  }

  static Topology topology(boolean inMemory) {
    RapportTopology.Builder b = RapportTopology.builder()
        .engine(Workload::definitions)
        .input(EVENTS, new StringDeserializer(), handler())
        .dispatches(DISPATCHES)
        .measures(MEASURES);
    if (inMemory) {
      b.inMemory();
    }
    return b.build();
  }

  /** The customer of the n-th event. */
  static String customer(long n, int customers) {
    return "c-" + (n % customers);
  }

  /** The n-th event's type: every customer is first identified, then signs up. */
  static String type(long n, int customers) {
    if (n < customers) {
      return "identify";
    }
    if (n < 2L * customers) {
      return "signed_up";
    }
    return TYPES[(int) ((n / customers + n) % TYPES.length)];
  }

  /** The n-th event's time. */
  static Instant time(long n) {
    return START.plus(Duration.ofSeconds(n));
  }
}
