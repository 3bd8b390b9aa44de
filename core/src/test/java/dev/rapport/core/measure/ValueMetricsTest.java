package dev.rapport.core.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rapport.core.Customer;
import dev.rapport.core.Event;
import dev.rapport.core.Score;
import dev.rapport.core.Scores;
import dev.rapport.core.Segment;
import dev.rapport.core.Traits;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.MutableClock;
import dev.rapport.core.engine.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The value metrics (revenue, average order value, purchase frequency, customer value) and the
 * value scores (historical and predicted CLV) against values computed by hand on a small log:
 * orders of several lines, a return, windows that empty as the clock moves, a breakdown by
 * segment, and the distributions on the dashboard.
 *
 * <p>The log: ada orders 30 + 20 at T0 (one order of two lines) and 40 at T0 + 10 days, and
 * returns 10 at T0 + 21 days; bob orders 100 at T0 + 20 days; cy is known and buys nothing.
 */
class ValueMetricsTest {
  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
  private static final Revenue GBP = Revenue.of("purchased", "returned").amount("total")
      .in("GBP");
  private static final Segment BIG = Segment.of("big", c -> c.purchases().revenue() >= 100);

  private final MutableClock clock = new MutableClock(T0);

  private Engine engine(StateStore store) {
    return Engine.builder().clock(clock).stateStore(store).revenue(GBP).segments(BIG)
        .metrics(Metrics.revenue(), Metrics.averageOrderValue(), Metrics.purchaseFrequency(),
            Metrics.customerValue().by(Breakdown.SEGMENT))
        .scores(Scores.historicalClv(Duration.ofDays(30)),
            Scores.predictedClv(Duration.ofDays(365)))
        .build();
  }

  private static Instant day(double d) {
    return T0.plus(Duration.ofMinutes(Math.round(d * 1440)));
  }

  private void sell(Engine engine, String customer, String type, double total, Instant at) {
    clock.set(at);
    engine.track(Event.builder(customer, type).with("total", total).at(at));
  }

  private void log(Engine engine) {
    sell(engine, "ada", "purchased", 30, day(0));
    sell(engine, "ada", "purchased", 20, day(0));
    engine.identify("cy", Traits.empty());
    sell(engine, "ada", "purchased", 40, day(10));
    sell(engine, "bob", "purchased", 100, day(20));
    sell(engine, "ada", "returned", -10, day(21));
    clock.set(day(25));
    engine.advanceTo(day(25));
  }

  @Test
  void value_metrics_are_what_the_orders_say() {
    Engine engine = engine(StateStore.inMemory());

    log(engine);

    // 30 days: every line and the return
    assertThat(engine.metric("revenue").value()).isEqualTo(180.0);
    assertThat(engine.metric("revenue").sample()).isEqualTo(5);
    // three orders (ada's two lines at T0 are one), of 190 before the return
    assertThat(engine.metric("average_order_value").value()).isCloseTo(190.0 / 3, within(1e-9));
    assertThat(engine.metric("average_order_value").sample()).isEqualTo(3);
    // 90 days: three orders from two customers
    assertThat(engine.metric("purchase_frequency").value()).isEqualTo(1.5);
    assertThat(engine.metric("purchase_frequency").sample()).isEqualTo(2);
    // 365 days: 180 from two customers
    assertThat(engine.metric("customer_value").value()).isEqualTo(90.0);
    assertThat(engine.metric("customer_value", "segment:big").value())
        .as("bob, in the segment since his order").isEqualTo(100.0);
  }

  @Test
  void windows_empty_as_orders_age() {
    Engine engine = engine(StateStore.inMemory());
    log(engine);

    clock.set(day(35));
    // after day 5: 40 + 100 - 10, and two orders of 140
    assertThat(engine.metric("revenue").value()).isEqualTo(130.0);
    assertThat(engine.metric("average_order_value").value()).isEqualTo(70.0);

    clock.set(day(95));
    // after day 5: ada's second order and bob's, one each
    assertThat(engine.metric("purchase_frequency").value()).isEqualTo(1.0);
    assertThat(engine.metric("purchase_frequency").sample()).isEqualTo(2);

    clock.set(day(105));
    assertThat(engine.metric("purchase_frequency").value()).isEqualTo(1.0);
    assertThat(engine.metric("purchase_frequency").sample()).as("bob alone").isEqualTo(1);

    clock.set(day(115));
    assertThat(engine.metric("purchase_frequency").hasValue()).isFalse();
    assertThat(engine.metric("revenue").hasValue()).isFalse();
  }

  @Test
  void conditions_read_purchases_and_scores() {
    Engine engine = engine(StateStore.inMemory());
    log(engine);

    Customer ada = engine.customer("ada").orElseThrow();
    Customer bob = engine.customer("bob").orElseThrow();

    assertThat(ada.purchases().orders()).isEqualTo(2);
    assertThat(ada.purchases().revenue()).isEqualTo(80.0);
    assertThat(ada.purchases().averageOrderValue()).hasValue(45.0);
    assertThat(ada.purchases().revenue(Duration.ofDays(20))).as("after day 5").isEqualTo(30.0);
    assertThat(ada.purchases().orders(Duration.ofDays(20))).isEqualTo(1);
    assertThat(ada.purchases().firstOrder()).contains(day(0));
    assertThat(ada.purchases().lastOrder()).contains(day(10));
    assertThat(ada.in("big")).isFalse();
    assertThat(bob.in("big")).isTrue();
    assertThat(ada.score("historical_clv")).isEqualTo(80.0);
    // BG/NBD with the default population (r 1, alpha 30 days, a 1, b 3), integrated by mpmath
    // at 30 digits: ada has x = 1 repeat order, t = 10, T = 25 days: 3.420374277 orders over
    // 365 days, times her average order of 45
    assertThat(ada.score("predicted_clv")).isCloseTo(153.916842468, within(1e-6));
    // bob: one order 5 days ago, x = 0, T = 5: 3.989479550 orders, times 100
    assertThat(bob.score(Scores.predictedClv(Duration.ofDays(365)))).isCloseTo(398.947955036,
        within(1e-6));
    assertThat(engine.customer("cy").orElseThrow().score("predicted_clv")).isZero();
  }

  @Test
  void the_dashboard_counts_customers_per_bucket_of_each_score() {
    Engine engine = engine(StateStore.inMemory());
    log(engine);

    Dashboard d = engine.dashboard();

    assertThat(d.currency()).contains(Currency.getInstance("GBP"));
    ScoreDistribution historical = d.score("historical_clv", "global").orElseThrow();
    // ada 80 (within 30 days) in [50, 100), bob 100 in [100, 200), cy 0
    assertThat(historical.customers().get(Score.Scale.MONEY.bucketOf(80))).isEqualTo(1);
    assertThat(historical.customers().get(Score.Scale.MONEY.bucketOf(100))).isEqualTo(1);
    assertThat(historical.customers().get(Score.Scale.MONEY.bucketOf(0))).isEqualTo(1);
    assertThat(historical.total()).isEqualTo(3);
    assertThat(historical.mean()).isCloseTo(60.0, within(1e-9));
    assertThat(d.score("historical_clv", "segment:big").orElseThrow().total()).isEqualTo(1);
  }

  @Test
  void a_score_that_falls_with_time_moves_bucket_on_time_with_no_event() {
    Engine engine = engine(StateStore.inMemory());
    log(engine);

    // ada's 30-day revenue leaves the window order by order: 40 - 10 after day 30, -10 after
    // day 40, 0 after day 51; her review timers fire without an event
    clock.set(day(45));
    engine.advanceTo(day(45));
    ScoreDistribution at45 = engine.dashboard().score("historical_clv", "global").orElseThrow();
    clock.set(day(60));
    engine.advanceTo(day(60));
    ScoreDistribution at60 = engine.dashboard().score("historical_clv", "global").orElseThrow();

    assertThat(at45.customers().get(Score.Scale.MONEY.bucketOf(-10))).as("ada").isEqualTo(1);
    assertThat(at45.customers().get(Score.Scale.MONEY.bucketOf(100))).as("bob").isEqualTo(1);
    assertThat(at60.customers().get(Score.Scale.MONEY.bucketOf(0))).as("all three")
        .isEqualTo(3);
    assertThat(at60.mean()).isZero();
  }

  @Test
  void the_measures_survive_a_restart_on_the_same_store() {
    StateStore store = StateStore.inMemory();
    log(engine(store));

    Engine again = engine(store);

    assertThat(again.metric("revenue").value()).isEqualTo(180.0);
    assertThat(again.metric("purchase_frequency").value()).isEqualTo(1.5);
    assertThat(again.customer("ada").orElseThrow().purchases().orders()).isEqualTo(2);
    assertThat(again.dashboard().score("historical_clv", "global").orElseThrow().total())
        .isEqualTo(3);
  }

  @Test
  void forgetting_a_customer_takes_them_out_of_the_distributions() {
    Engine engine = engine(StateStore.inMemory());
    log(engine);

    engine.forget("bob");

    ScoreDistribution historical = engine.dashboard().score("historical_clv", "global")
        .orElseThrow();
    assertThat(historical.total()).isEqualTo(2);
    assertThat(historical.customers().get(Score.Scale.MONEY.bucketOf(100))).isZero();
  }

  @Test
  void a_value_metric_needs_a_revenue_definition() {
    assertThatThrownBy(() -> Engine.builder().metrics(Metrics.revenue()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("engine: metric 'revenue' reads the engine's revenue, and the engine has no "
            + "revenue definition; give one with Engine.builder().revenue(Revenue.of("
            + "\"purchased\").amount(\"total\").in(\"EUR\"))");
  }

  @Test
  void a_metric_per_customer_cannot_keep_the_last_n() {
    assertThatThrownBy(() -> Metrics.purchaseFrequency().last(100))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("metric 'purchase_frequency': last(100) keeps a number of observations, "
            + "but this metric counts the customers who ordered, which only a time window can; "
            + "use over(Duration)");
  }

  @Test
  void bad_revenue_definitions_are_refused_with_what_to_do() {
    assertThatThrownBy(() -> Revenue.of())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("revenue: of() names no event type; give the types whose amounts count, "
            + "such as of(\"purchased\")");
    assertThatThrownBy(() -> Revenue.of("purchased", "purchased"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("revenue: event type 'purchased' is given twice; give each type once");
    assertThatThrownBy(() -> Revenue.of("purchased").amount("total").in("POUNDS"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("revenue: currency 'POUNDS' is not an ISO 4217 code; give one such as "
            + "\"EUR\", \"USD\" or \"GBP\"");
    assertThatThrownBy(() -> Engine.builder().revenue(GBP).revenue(GBP))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Engine.builder()
        .scores(Scores.historicalClv(Duration.ofDays(1)), Scores.historicalClv(Duration.ofDays(2)))
        .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("engine: score 'historical_clv' is declared twice; give each score a "
            + "unique name");
  }

  @Test
  void an_unknown_score_name_is_refused_with_the_declared_ones() {
    Engine engine = engine(StateStore.inMemory());
    log(engine);

    assertThatThrownBy(() -> engine.customer("ada").orElseThrow().score("health"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("score(\"health\"): the engine declares no score of that name; "
            + "it declares [");
  }

  @Test
  void an_event_without_a_numeric_amount_counts_for_nothing() {
    Engine engine = engine(StateStore.inMemory());
    clock.set(day(1));
    engine.track(Event.builder("ada", "purchased").with("total", "12.50").at(day(1)));
    engine.track(Event.of("ada", "purchased", day(1)));

    assertThat(engine.customer("ada").orElseThrow().purchases().orders()).isZero();
    assertThat(engine.metric("revenue").hasValue()).isFalse();
    assertThat(List.of(engine.metric("average_order_value").sample())).containsExactly(0L);
  }

  @Test
  void an_identity_merge_joins_the_purchases_and_leaves_one_customer_in_the_distributions() {
    Engine engine = engine(StateStore.inMemory());
    log(engine);

    engine.merge("bob", "ada");

    Customer ada = engine.customer("ada").orElseThrow();
    // ada's two orders (80 after her return) and bob's one of 100
    assertThat(ada.purchases().orders()).isEqualTo(3);
    assertThat(ada.purchases().revenue()).isEqualTo(180.0);
    assertThat(ada.purchases().firstOrder()).contains(day(0));
    assertThat(ada.purchases().lastOrder()).contains(day(20));
    assertThat(engine.dashboard().score("historical_clv", "global").orElseThrow().total())
        .as("ada and cy; bob is gone").isEqualTo(2);
    engine.track(Event.of("ada", "visited", day(25)));
    ScoreDistribution after = engine.dashboard().score("historical_clv", "global")
        .orElseThrow();
    assertThat(after.total()).isEqualTo(2);
    assertThat(after.customers().get(Score.Scale.MONEY.bucketOf(180))).as("ada, read again")
        .isEqualTo(1);
  }
}
