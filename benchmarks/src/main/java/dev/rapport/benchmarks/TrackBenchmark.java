package dev.rapport.benchmarks;

import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.moment;
import static dev.rapport.dsl.Rapport.persona;
import static dev.rapport.dsl.Rapport.segment;
import static dev.rapport.dsl.Rapport.traits;

import dev.rapport.core.Event;
import dev.rapport.core.engine.Engine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Throughput of {@code track}: events per second into the customer state (history, rolling
 * counts, moments, one persona and two segments recomputed per event), for a population of
 * customers with a few traits and 20 event types.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class TrackBenchmark {
  private static final int EVENT_TYPES = 20;

  @Param({"10000"})
  public int customers;

  private Engine engine;
  private Event[] events;
  private int next;

  /**
   * Builds the engine and the iteration's distinct events, each tracked once: as many as 3
   * million a second over the longest iteration would need.
   *
   * @param params the benchmark's parameters, for the iterations' length
   */
  @Setup(Level.Iteration)
  public void setUp(BenchmarkParams params) {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    engine = Engine.builder()
        .clock(Clock.fixed(start.plus(Duration.ofDays(30)), ZoneOffset.UTC))
        .moments(moment("activated").reachedOn("type-3").build())
        .personas(persona("busy").matching(c -> c.count("type-1") > 3).build())
        .segments(
            segment("recent").matching(c -> c.count("type-2", Duration.ofDays(7)) > 0).build(),
            segment("buyers").matching(c -> c.hasDone("type-5")).build())
        .build();
    for (int c = 0; c < customers; c++) {
      engine.identify("c-" + c, traits().set(EMAIL_ADDRESS, "c" + c + "@example.com"));
    }
    long longest = Math.max(params.getWarmup().getTime().convertTo(TimeUnit.MILLISECONDS),
        params.getMeasurement().getTime().convertTo(TimeUnit.MILLISECONDS));
    events = null; // the last iteration's events may go before this one's are made
    events = new Event[(int) Math.min(Integer.MAX_VALUE - 8, 3_000L * longest)];
    for (int i = 0; i < events.length; i++) {
      events[i] = event("c-" + (i % customers), "type-" + (i % EVENT_TYPES))
          .id("e-" + i)
          .with("n", i)
          .at(start.plusMillis(i));
    }
    next = 0;
  }

  /**
   * Tracks the next event, each once: an iteration that runs out of prepared events fails
   * rather than track duplicates, which the engine ignores at a fraction of an event's cost.
   *
   * @return whether it was processed
   */
  @Benchmark
  public boolean track() {
    if (next == events.length) {
      throw Onboarding.ranOut(events.length);
    }
    return engine.track(events[next++]);
  }
}
