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
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

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
   * The time of the i-th of the journey benchmarks' events: within the hour before their
   * engines' clock ({@code START} plus two hours), one millisecond apart and wrapping round, since
   * an engine refuses events dated more than its future tolerance ahead of its clock.
   *
   * @param i the event's index, 0 or more
   * @return its time
   */
  private static Instant eventTime(int i) {
    return START.plus(Duration.ofHours(1)).plusMillis(i % 3_600_000);
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
   * Distinct events of a population's customers for the journey benchmarks to track in a ring,
   * drawn with a fixed seed: 4 million (2^22), each of a random customer and type.
   *
   * @param customers how many customers the population has
   * @return the events
   */
  public static Event[] events(int customers) {
    SplittableRandom random = new SplittableRandom(42);
    Event[] events = new Event[1 << 22];
    for (int i = 0; i < events.length; i++) {
      int c = random.nextInt(customers);
      events[i] = event("c-" + c, TYPES[random.nextInt(TYPES.length)]).id("e-" + i)
          .at(eventTime(i));
    }
    return events;
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
