package dev.rapport.core.measure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Event;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The north star and every guardrail's metric day by day, and the pauses each guardrail imposed,
 * on a controllable clock; every expected value is worked out by hand in the comments.
 */
class TrendsAndPausesTest {
  private static final Instant MAR_2 = Instant.parse("2026-03-02T00:00:00Z");

  private final MutableClock clock = new MutableClock(MAR_2.plus(Duration.ofHours(9)));

  /** Refunds per order over two days: breached at 0.25 with 4 orders, recovered below 0.225. */
  private final Metric refunds = Metric.rate("refund_rate")
      .count(EventSelector.type("refunded")).per(EventSelector.type("ordered"))
      .over(Duration.ofDays(2));
  private final Metric reviews = Metric.rate("reviews_per_order")
      .count(EventSelector.type("reviewed")).per(EventSelector.type("ordered"));
  private final Guardrail guardrail = Guardrail.on(refunds).below(0.25).minSample(4);

  private final Engine engine = Engine.builder().clock(clock).northStar(reviews)
      .guardrail(guardrail).dispatcher(d -> { }).build();

  private static Instant at(int day, int hour) {
    return MAR_2.plus(Duration.ofDays(day - 2)).plus(Duration.ofHours(hour));
  }

  private void track(String customer, String type, Instant at) {
    clock.set(at);
    engine.track(Event.of(customer, type, at));
  }

  /**
   * March 2: a, b, c and d order at 10:00, a reviews at 11:00 and is refunded at 12:00 (1 of
   * 4 = 0.25 with 4 orders: breached). March 3, 10:00: e and f order; with e the rate is 1 of 5
   * = 0.2, below the recovery point 0.225: recovered after 22 hours. March 4: nothing. March 5:
   * e is refunded at 08:00 (the window of two days holds e and f's orders: 1 of 2, too small a
   * sample), g and h order at 09:00 (1 of 3, then 1 of 4 = 0.25: breached again), g reviews at
   * 10:00. The snapshot is taken on March 6 at 12:00.
   */
  private void fourDays() {
    for (String c : List.of("a", "b", "c", "d")) {
      track(c, "ordered", at(2, 10));
    }
    track("a", "reviewed", at(2, 11));
    track("a", "refunded", at(2, 12));
    track("e", "ordered", at(3, 10));
    track("f", "ordered", at(3, 10));
    track("e", "refunded", at(5, 8));
    track("g", "ordered", at(5, 9));
    track("h", "ordered", at(5, 9));
    track("g", "reviewed", at(5, 10));
    clock.set(at(6, 12));
  }

  @Test
  void guardrail_metric_is_recorded_as_each_day_ends_and_now() {
    fourDays();

    Dashboard d = engine.dashboard();

    // at each midnight the two-day window holds what happened after the midnight two days
    // before: Mar 3 the 4 orders and a's refund; Mar 4 also e and f's orders; Mar 5 only e
    // and f's orders; Mar 6 e's refund with g and h's orders; now the same
    assertThat(d.guardrailHistory()).singleElement().satisfies(h -> assertThat(h.trend())
        .isEqualTo(new Trend("refund_rate", "global", List.of(
            new TrendPoint(at(3, 0), 0.25, 4),
            new TrendPoint(at(4, 0), 1.0 / 6, 6),
            new TrendPoint(at(5, 0), 0.0, 2),
            new TrendPoint(at(6, 0), 0.5, 2),
            new TrendPoint(at(6, 12), 0.5, 2)))));
  }

  @Test
  void north_star_is_recorded_as_each_day_ends_and_now() {
    fourDays();

    Dashboard d = engine.dashboard();

    // all time: 1 review of 4 orders, of 6 (twice: nothing on March 4), then 2 of 8
    assertThat(d.northStarTrend()).contains(new Trend("reviews_per_order", "global", List.of(
        new TrendPoint(at(3, 0), 0.25, 4),
        new TrendPoint(at(4, 0), 1.0 / 6, 6),
        new TrendPoint(at(5, 0), 1.0 / 6, 6),
        new TrendPoint(at(6, 0), 0.25, 8),
        new TrendPoint(at(6, 12), 0.25, 8))));
  }

  @Test
  void guardrail_keeps_each_pause_with_the_value_and_sample_at_its_breach_and_recovery() {
    fourDays();

    List<GuardrailHistory> history = engine.guardrailHistory();

    assertThat(history).singleElement().satisfies(h -> {
      assertThat(h.guardrail()).isEqualTo("refund_rate below 0.25 (min 4)");
      assertThat(h.direction()).isEqualTo(Guardrail.Direction.BELOW);
      assertThat(h.bound()).isEqualTo(0.25);
      assertThat(h.recoveryPoint()).isEqualTo(0.225);
      assertThat(h.minSample()).isEqualTo(4);
      assertThat(h.pauses()).containsExactly(
          new GuardrailPause(at(2, 12), Optional.of(at(3, 10)), 0.25, 4, "everything", 0.2, 5),
          new GuardrailPause(at(5, 9), Optional.empty(), 0.25, 4, "everything"));
    });
    assertThat(history.get(0).pauses().get(0).length(at(6, 12))).isEqualTo(
        Duration.ofHours(22));
    assertThat(history.get(0).pauses().get(1).isOpen()).isTrue();
    assertThat(history.get(0).pauses().get(1).length(at(6, 12))).isEqualTo(
        Duration.ofHours(27));
    assertThat(engine.dashboard().guardrailHistory()).isEqualTo(history);
  }

  @Test
  void a_pause_is_closed_when_the_guardrail_recovers() {
    fourDays();

    // March 6, 13:00: i, j and k order; 1 refund of 5 orders = 0.2 < 0.225 with the third
    for (String c : List.of("i", "j", "k")) {
      track(c, "ordered", at(6, 13));
    }

    assertThat(engine.guardrails().get(0).breached()).isFalse();
    assertThat(engine.guardrailHistory().get(0).pauses()).extracting(GuardrailPause::until)
        .containsExactly(Optional.of(at(3, 10)), Optional.of(at(6, 13)));
  }

  @Test
  void trend_goes_back_ninety_days_and_forgets_pauses_that_ended_before() {
    // one order a day at noon for 120 days; a refund on day 0 breaches (1 of 1 is not enough:
    // min sample 4), so breach it once early with four orders and a refund, and recover
    for (String c : List.of("a", "b", "c", "d")) {
      track(c, "ordered", at(2, 10));
    }
    track("a", "refunded", at(2, 12));
    for (int day = 1; day <= 120; day++) {
      track("c-" + day, "ordered", at(2 + day, 12));
    }

    Dashboard d = engine.dashboard();

    // the last midnight recorded is the one before the last order (day 120 at 12:00); the
    // trend holds the 90 midnights up to it, then now
    Trend trend = d.guardrailHistory().get(0).trend();
    List<Instant> days = new ArrayList<>();
    trend.points().forEach(p -> days.add(p.at()));
    assertThat(days).hasSize(Trend.DAYS + 1);
    assertThat(days.get(0)).isEqualTo(at(2 + 120 - 89, 0));
    assertThat(days.get(Trend.DAYS - 1)).isEqualTo(at(2 + 120, 0));
    assertThat(days.get(Trend.DAYS)).isEqualTo(at(2 + 120, 12));
    // the window of two days ending at a midnight holds the orders of the two days before it
    assertThat(trend.points().get(0)).isEqualTo(new TrendPoint(at(2 + 31, 0), 0.0, 2));
    // the pause of day 0 ended on day 1 at noon (1 refund of 5 orders), long before the window
    assertThat(d.guardrailHistory().get(0).pauses()).isEmpty();
    assertThat(d.northStarTrend()).hasValueSatisfying(t -> assertThat(t.points())
        .hasSize(Trend.DAYS + 1));
  }

  @Test
  void a_day_without_any_observation_in_the_window_is_a_gap() {
    track("a", "ordered", at(2, 10));
    clock.set(at(6, 12));

    Trend trend = engine.guardrailHistory().get(0).trend();

    // the midnight of March 3 is recorded when the dashboard is read (no call since); the
    // window of March 5 and 6 holds nothing
    assertThat(trend.points()).containsExactly(
        new TrendPoint(at(3, 0), 0.0, 1),
        new TrendPoint(at(4, 0), 0.0, 1),
        new TrendPoint(at(5, 0), Double.NaN, 0),
        new TrendPoint(at(6, 0), Double.NaN, 0),
        new TrendPoint(at(6, 12), Double.NaN, 0));
    assertThat(trend.points().get(2).hasValue()).isFalse();
  }

  @Test
  void reading_a_metric_after_midnight_records_the_day_before_the_window_moves_on() {
    for (String c : List.of("a", "b", "c", "d")) {
      track(c, "ordered", at(2, 10));
    }
    clock.set(at(4, 12));

    // this read moves the two-day window past March 2, 10:00
    engine.guardrails();
    Trend trend = engine.guardrailHistory().get(0).trend();

    // the midnights of March 3 and 4 still hold the four orders of March 2
    assertThat(trend.points()).containsExactly(
        new TrendPoint(at(3, 0), 0.0, 4),
        new TrendPoint(at(4, 0), 0.0, 4),
        new TrendPoint(at(4, 12), Double.NaN, 0));
  }
}
