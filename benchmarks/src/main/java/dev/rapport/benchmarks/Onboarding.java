package dev.rapport.benchmarks;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.delay;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.journey;
import static dev.rapport.dsl.Rapport.moment;
import static dev.rapport.dsl.Rapport.send;
import static dev.rapport.dsl.Rapport.traits;
import static dev.rapport.dsl.Rapport.waitFor;
import static dev.rapport.dsl.Rapport.when;

import dev.rapport.core.Action;
import dev.rapport.core.Moment;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.StateStore;
import dev.rapport.core.journey.Journey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/**
 * The onboarding journey of DESIGN §3, grown to ten steps, and a population enrolled in it:
 * shared by the journey benchmarks and the heap footprint measurement.
 */
public final class Onboarding {
  /** When the population signs up. */
  public static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

  static final Moment ACTIVATED = moment("activated").reachedOn("first_sync").build();
  static final Action WELCOME = action("welcome").transactional().via(EMAIL).build();
  static final Action KEY_HELP = action("api-key-help").via(IN_APP).orElse(EMAIL).build();
  static final Action TEAM_SETUP = action("team-setup").topic("collaboration").via(IN_APP)
      .build();
  static final Action FIRST_SYNC_TIPS = action("first-sync-tips").via(IN_APP).build();
  static final Action CHECK_IN = action("check-in").via(IN_APP).build();

  /** Ten steps: send, wait for an event with a timeout, branch, waits and sends. */
  public static final Journey JOURNEY = journey("onboarding")
      .enterOn("signed_up")
      .goal(ACTIVATED).within(Duration.ofDays(14))
      .exitOn("account_closed")
      .holdout(0.10)
      .steps(
          send(WELCOME),
          waitFor("api_key_created").atMost(Duration.ofDays(2))
              .onTimeout(send(KEY_HELP)),
          when(c -> c.count("teammate_invited") > 0)
              .then(send(TEAM_SETUP)),
          delay(Duration.ofDays(1)),
          send(FIRST_SYNC_TIPS),
          waitFor("project_created").atMost(Duration.ofDays(3)),
          delay(Duration.ofDays(2)),
          send(CHECK_IN))
      .build();

  private Onboarding() {}

  /**
   * The time of the i-th of the journey benchmarks' events: within the hour before their
   * engines' clock ({@code START} plus two hours), one millisecond apart and wrapping round, since
   * an engine refuses events dated more than its future tolerance ahead of its clock.
   *
   * @param i the event's index, 0 or more
   * @return its time
   */
  public static Instant eventTime(int i) {
    return START.plus(Duration.ofHours(1)).plusMillis(i % 3_600_000);
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
        .moments(ACTIVATED)
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
