package dev.rapport.benchmarks;

import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.delay;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.send;
import static dev.rapport.dsl.Rapport.traits;
import static dev.rapport.dsl.Rapport.waitFor;

import dev.rapport.core.Action;
import dev.rapport.core.Event;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.StateStore;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.Step;
import dev.rapport.examples.saas.SaasOnboarding;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The onboarding journey of DESIGN §3, grown to ten steps, a population enrolled in it and the
 * events it is sent: shared by the journey benchmarks and the heap footprint measurement.
 */
public final class Onboarding {
  /** When the population signs up. */
  public static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

  static final Action FIRST_SYNC_TIPS = action("first-sync-tips").via(IN_APP).build();
  static final Action CHECK_IN = action("check-in").via(IN_APP).build();

  /**
   * Ten steps: the example's onboarding journey of DESIGN §3 ({@link SaasOnboarding#ONBOARDING},
   * with its trigger, goal, exit and holdout) up to its branch (send, wait for an event with a
   * timeout, branch), then waits and sends.
   */
  public static final Journey JOURNEY = Journey.from(SaasOnboarding.ONBOARDING)
      .steps(Stream.concat(SaasOnboarding.ONBOARDING.steps().stream().limit(3), Stream.of(
              delay(Duration.ofDays(1)),
              send(FIRST_SYNC_TIPS),
              waitFor("project_created").atMost(Duration.ofDays(3)),
              delay(Duration.ofDays(2)),
              send(CHECK_IN)))
          .toArray(Step[]::new))
      .build();

  /** The event types of the journey benchmarks' calls: waited for, read by the branch, ignored. */
  private static final String[] TYPES = {"page_viewed", "api_key_created", "teammate_invited",
      "project_created", "page_viewed", "report_run"};

  private Onboarding() {}

  /**
   * The time of the journey benchmarks' event of a global index: within the hour before their
   * engines' clock ({@code START} plus two hours), 50 microseconds apart, so that 72 million
   * events are dated in order before they wrap round (an engine refuses events dated more than
   * its future tolerance ahead of its clock, so they cannot run on past it).
   *
   * @param index the event's global index, 0 or more
   * @return its time
   */
  private static Instant eventTime(long index) {
    return START.plus(Duration.ofHours(1)).plusNanos((index % 72_000_000L) * 50_000L);
  }

  /**
   * The journey benchmarks' clock: fixed two hours after {@code START}.
   *
   * @return the clock
   */
  public static Clock clock() {
    return Clock.fixed(START.plus(Duration.ofHours(2)), ZoneOffset.UTC);
  }

  /**
   * Distinct events of a population's customers for the journey benchmarks, drawn with a fixed
   * seed: {@code count} events, each of a random customer and type, with unique ids and times in
   * order. A benchmark prepares as many as its whole run can track, so that it never tracks an
   * event twice (a duplicate is recognised and ignored, which would measure something else).
   *
   * @param customers how many customers the population has
   * @param count how many events
   * @return the events
   */
  public static Event[] events(int customers, int count) {
    String[] ids = new String[customers];
    for (int c = 0; c < customers; c++) {
      ids[c] = "c-" + c;
    }
    SplittableRandom random = new SplittableRandom(42);
    Event[] events = new Event[count];
    for (int i = 0; i < count; i++) {
      events[i] = event(ids[random.nextInt(customers)], TYPES[random.nextInt(TYPES.length)])
          .id("e-" + i).at(eventTime(i));
    }
    return events;
  }

  /**
   * How many events a benchmark's trial can track at a given rate: the rate times the length of
   * all its warm-up and measurement iterations.
   *
   * @param params the benchmark's parameters, as JMH gives them to a setup method
   * @param rate the highest rate the benchmark is expected to reach, in events a second
   * @return the number of events, at most {@code Integer.MAX_VALUE - 8}
   */
  static int eventsPerTrial(BenchmarkParams params, long rate) {
    long millis = params.getWarmup().getCount()
        * params.getWarmup().getTime().convertTo(TimeUnit.MILLISECONDS)
        + params.getMeasurement().getCount()
        * params.getMeasurement().getTime().convertTo(TimeUnit.MILLISECONDS);
    return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(1_000, rate * millis / 1000));
  }

  /**
   * The failure of a benchmark whose prepared events ran out before its trial ended.
   *
   * @param count how many events were prepared
   * @return the exception to throw
   */
  static IllegalStateException ranOut(int count) {
    return new IllegalStateException("the " + count + " events prepared for this benchmark ran "
        + "out before its iteration ended: going on would track duplicates, which the engine "
        + "ignores, and measure something else; give fewer or shorter iterations");
  }

  /**
   * Returns an engine running the journey, counting dispatches.
   *
   * @param clock the clock
   * @param dispatches incremented per dispatch
   * @return the engine
   */
  public static Engine engine(Clock clock, LongAdder dispatches) {
    return engine(clock, dispatches, StateStore.inMemory());
  }

  /**
   * Returns an engine running the journey on a state store, counting dispatches.
   *
   * @param clock the clock
   * @param dispatches incremented per dispatch
   * @param store where the engine keeps its state
   * @return the engine
   */
  public static Engine engine(Clock clock, LongAdder dispatches, StateStore store) {
    return Engine.builder()
        .clock(clock)
        .stateStore(store)
        .moments(SaasOnboarding.ACTIVATED)
        .journeys(JOURNEY)
        .enrollmentHistory(8)
        .dispatcher(d -> dispatches.increment())
        .build();
  }

  /**
   * Enrolls a population: each customer is identified with an email address and signs up.
   *
   * @param engine the engine
   * @param customers how many
   */
  public static void enroll(Engine engine, int customers) {
    for (int i = 0; i < customers; i++) {
      String id = "c-" + i;
      engine.identify(id, traits().set(EMAIL_ADDRESS, "c" + i + "@example.com"));
      engine.track(event(id, "signed_up").id(id + "-signup").at(START.plusSeconds(i % 3600)));
    }
  }
}
