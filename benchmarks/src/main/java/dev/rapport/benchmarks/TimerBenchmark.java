package dev.rapport.benchmarks;

import dev.rapport.core.engine.Engine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Timers fired per second on one thread (DESIGN §6: firing timers at least as fast as tracking
 * events, which {@link JourneyBenchmark} measures). Before each measurement, a fresh population
 * is enrolled in the onboarding journey, each customer waiting for {@code api_key_created} with a
 * timeout two days after the journey started; the measured call advances
 * the engine's time past every timeout at once, so that each customer's timer fires: the wait
 * times out, {@code api-key-help} is sent (in-app, through the gate), the branch is read and a
 * one-day delay is set, the next timer. The score is the time per timer fired.
 *
 * <p>Each measurement fires the whole population's timers once, so this is a single-shot
 * benchmark: {@code -wi} and {@code -i} count populations, and a population of 100,000 takes a
 * few seconds to enroll before each.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx4g", "-Xms4g"})
public class TimerBenchmark {
  /** How many customers are enrolled, each with one timer to fire. */
  @Param({"100000"})
  public int customers;

  private Engine engine;
  private LongAdder dispatches;
  private Instant pastEveryTimeout;

  /** Enrolls a fresh population, each customer with a timeout pending. */
  @Setup(Level.Iteration)
  public void enroll() {
    Clock clock = Onboarding.clock();
    dispatches = new LongAdder();
    engine = Onboarding.engine(clock, dispatches);
    Onboarding.enroll(engine, customers);
    // a journey starts at the engine's time (the clock's), so every timeout is due two days
    // after it, at one instant, and fires in the order of the customers' ids
    pastEveryTimeout = clock.instant().plus(Duration.ofDays(2)).plusSeconds(1);
  }

  /**
   * Fires every customer's timeout.
   *
   * @return how many customers' timers fired, so that the work is not optimised away
   */
  @Benchmark
  @OperationsPerInvocation(100_000)
  public int fire() {
    int fired = engine.advanceTo(pastEveryTimeout);
    if (fired != customers) {
      throw new IllegalStateException(fired + " customers' timers fired, not " + customers
          + "; the benchmark no longer measures what it says (run it with the default "
          + "customers, which @OperationsPerInvocation assumes)");
    }
    return fired;
  }
}
