package dev.rapport.dsl.journey;

import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.journey;
import static dev.rapport.dsl.Rapport.traits;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.EngagementLevel;
import dev.rapport.core.LifecycleStage;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.EngineStatistics;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.JourneyStats;
import dev.rapport.core.journey.StepStats;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * 100,000 customers through the onboarding journey of DESIGN section 3 with its timers: counts,
 * not time. Customer {@code i} signs up at minute {@code i % 1440} of the first day; a third
 * ({@code i % 3 == 0}) create an API key a day later, a tenth ({@code i % 10 == 0}) invite a
 * teammate twelve hours after signing up, a quarter ({@code i % 4 == 0}) reach their first sync
 * three days after signing up.
 */
class HundredThousandCustomersTest {
  private static final int CUSTOMERS = 100_000;
  private static final Instant DAY_ONE = Instant.parse("2026-03-02T00:00:00Z");

  private static final String[] TYPES = {
      "signed_up", "teammate_invited", "api_key_created", "first_sync"};
  private static final Duration[] AFTER_SIGN_UP = {
      Duration.ZERO, Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(3)};

  private final MutableClock clock = new MutableClock(DAY_ONE);
  private final Map<String, Long> dispatchesByAction = new TreeMap<>();

  private final Journey onboarding = Onboarding.journey();

  private static boolean does(int customer, int type) {
    switch (type) {
      case 0:
        return true;
      case 1:
        return customer % 10 == 0;
      case 2:
        return customer % 3 == 0;
      default:
        return customer % 4 == 0;
    }
  }

  /** Every event, packed as (second since day one, type, customer) and sorted by time. */
  private static long[] events() {
    long[] all = new long[CUSTOMERS * TYPES.length];
    int n = 0;
    for (int i = 0; i < CUSTOMERS; i++) {
      long signUp = 60L * (i % 1440);
      for (int type = 0; type < TYPES.length; type++) {
        if (does(i, type)) {
          long at = signUp + AFTER_SIGN_UP[type].getSeconds();
          all[n++] = (at << 24) | ((long) type << 20) | i;
        }
      }
    }
    long[] events = Arrays.copyOf(all, n);
    Arrays.sort(events);
    return events;
  }

  @Test
  void runs_a_hundred_thousand_customers_through_onboarding_with_exact_counts() {
    // engagement and lifecycle models that never ask for a review: this test counts the
    // journey's own timers
    Engine engine = Engine.builder().clock(clock).moments(Onboarding.ACTIVATED).journeys(onboarding)
        .enrollmentHistory(0)
        .engagement(c -> EngagementLevel.LOW_ORGANIC)
        .lifecycle((c, level) -> LifecycleStage.ACTIVE)
        .dispatcher(d -> dispatchesByAction.merge(d.action().name(), 1L, Long::sum))
        .build();

    Instant last = null;
    for (long packed : events()) {
      Instant at = DAY_ONE.plusSeconds(packed >>> 24);
      int type = (int) ((packed >>> 20) & 0xF);
      String customer = "c-" + (packed & 0xFFFFF);
      if (!at.equals(last)) {
        engine.advanceTo(at);
        clock.set(at);
        last = at;
      }
      if (type == 0) {
        engine.identify(customer, traits().set(EMAIL_ADDRESS, customer + "@example.com"));
      }
      engine.track(event(customer, TYPES[type]).at(at));
    }
    engine.advanceTo(DAY_ONE.plus(Duration.ofDays(16)));

    assertThat(dispatchesByAction).containsExactly(
        Map.entry("api-key-help", 66_666L),
        Map.entry("team-setup", 10_000L),
        Map.entry("welcome", 100_000L));
    JourneyStats stats = engine.journeyStats("onboarding");
    assertThat(stats.treated()).isEqualTo(100_000);
    assertThat(stats.heldOut()).isZero();
    assertThat(stats.convertedTreated()).isEqualTo(25_000);
    assertThat(stats.completed()).isEqualTo(75_000);
    assertThat(stats.exited()).isZero();
    assertThat(stats.steps()).extracting(StepStats::waiting).containsOnly(0L);
    assertThat(stats.step("1").sent()).isEqualTo(100_000);
    assertThat(stats.step("2").timedOut()).isEqualTo(66_666);
    assertThat(stats.step("2/timeout/1").sent()).isEqualTo(66_666);
    assertThat(stats.step("3/when1/1").sent()).isEqualTo(10_000);
    EngineStatistics engineStats = engine.statistics();
    assertThat(engineStats.dispatches()).isEqualTo(176_666);
    assertThat(engineStats.dispatchFailures()).isZero();
    assertThat(engineStats.eventsTracked()).isEqualTo(168_334);
    // each timer fires once: 66,666 key-help timeouts and 75,000 goal windows that ran out
    assertThat(engineStats.timersFired()).isEqualTo(141_666);
  }
}
