package dev.rapport.benchmarks;

import dev.rapport.core.Event;
import dev.rapport.core.engine.Engine;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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
 * Journey events per second on one thread (DESIGN §6: at least 1,000,000 with a 10-step journey
 * and 1,000,000 customers enrolled, in memory). Every customer is enrolled in the onboarding
 * journey with a timer pending; each benchmarked call tracks one event of a random customer: an
 * event the journey waits for, one that its branch reads, or one it ignores, so that every call
 * checks the customer's enrollment for goal, exits and waits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgs = {"-Xmx16g", "-Xms16g"})
public class JourneyBenchmark {
  /** How many customers are enrolled. */
  @Param({"1000000"})
  public int customers;

  private Engine engine;
  private Event[] events;
  private int next;

  /**
   * Enrolls the population and prepares the events of the whole trial, each tracked once: as
   * many as 1.2 million a second over every warm-up and measurement iteration would need (the
   * budget is 1 million).
   *
   * @param params the benchmark's parameters, for the iterations' count and length
   */
  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) {
    Clock clock = Onboarding.clock();
    engine = Onboarding.engine(clock, new LongAdder());
    Onboarding.enroll(engine, customers);
    events = Onboarding.events(customers, Onboarding.eventsPerTrial(params, 1_200_000));
    next = 0;
  }

  /**
   * Tracks the next event, each once: a trial that runs out of prepared events fails rather
   * than track duplicates.
   *
   * @return whether the event was processed
   */
  @Benchmark
  public boolean track() {
    if (next == events.length) {
      throw Onboarding.ranOut(events.length);
    }
    return engine.track(events[next++]);
  }
}
