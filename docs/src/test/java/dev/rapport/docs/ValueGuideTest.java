package dev.rapport.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Customer;
import dev.rapport.core.EngagementScore;
import dev.rapport.core.HealthScore;
import dev.rapport.core.Event;
import dev.rapport.core.RhythmEngagement.Population;
import dev.rapport.core.Score;
import dev.rapport.core.Scores;
import dev.rapport.core.Segment;
import dev.rapport.core.decision.Rule;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.measure.Breakdown;
import dev.rapport.core.journey.Goal;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.Trigger;
import dev.rapport.core.journey.WaitStep;
import dev.rapport.core.measure.ActionRoi;
import dev.rapport.core.measure.Metrics;
import dev.rapport.core.measure.Revenue;
import dev.rapport.core.measure.RoiResult;
import dev.rapport.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The samples of guide/value.md, run. */
class ValueGuideTest {
  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
  private final TestClock clock = TestClock.at(T0);

  private static Instant day(double d) {
    return T0.plus(Duration.ofMinutes(Math.round(d * 1440)));
  }

  private void buy(Engine engine, String customer, String type, double total, Instant at) {
    clock.set(at);
    engine.track(Event.builder(customer, type).with("total", total).at(at));
  }

  private Engine engine() {
    // snippet: value-revenue
    Engine engine = Engine.builder().clock(clock)
        .revenue(Revenue.of("purchased", "refunded").amount("total").in("EUR"))
        .segments(Segment.of("big", c -> c.purchases().revenue() >= 100))
        .metrics(Metrics.revenue(), Metrics.averageOrderValue(), Metrics.purchaseFrequency(),
            Metrics.customerValue().by(Breakdown.SEGMENT))
        .scores(Scores.historicalClv(Duration.ofDays(365)),
            Scores.predictedClv(Duration.ofDays(365)))
        .build();
    // end
    return engine;
  }

  @Test
  void value_metrics_and_conditions() {
    Engine engine = engine();

    // snippet: value-metrics
    buy(engine, "ada", "purchased", 30, day(0));   // one order of two lines
    buy(engine, "ada", "purchased", 20, day(0));
    buy(engine, "ada", "purchased", 40, day(10));
    buy(engine, "bob", "purchased", 100, day(20));
    buy(engine, "ada", "refunded", -10, day(21));

    assertThat(engine.metric("revenue").value()).isEqualTo(180.0);
    assertThat(engine.metric("average_order_value").value()).isCloseTo(190.0 / 3, within(1e-9));
    assertThat(engine.metric("purchase_frequency").value()).isEqualTo(1.5);
    assertThat(engine.metric("customer_value").value()).isEqualTo(90.0);
    assertThat(engine.metric("customer_value", "segment:big").value()).isEqualTo(100.0);
    // end

    clock.set(day(25));
    // snippet: value-conditions
    Customer ada = engine.customer("ada").orElseThrow();

    assertThat(ada.purchases().orders()).isEqualTo(2);
    assertThat(ada.purchases().revenue()).isEqualTo(80.0);
    assertThat(ada.purchases().averageOrderValue()).hasValue(45.0);
    assertThat(ada.score("historical_clv")).isEqualTo(80.0);
    assertThat(ada.score("predicted_clv")).isCloseTo(153.92, within(0.01));

    Score clv = Scores.predictedClv(Duration.ofDays(365));
    boolean valuable = ada.score(clv) >= 100;
    // end
    assertThat(valuable).isTrue();
  }

  @Test
  void a_fitted_population() {
    Engine engine = engine();
    SplittableRandom r = new SplittableRandom(7);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String id = "c-" + i;
      ids.add(id);
      double gap = 5 + r.nextInt(60);
      for (int k = 0; k < 1 + r.nextInt(6); k++) {
        Instant at = day(k * gap + r.nextInt(3));
        if (at.isAfter(clock.instant())) {
          clock.set(at);
        }
        engine.track(Event.builder(id, "purchased").with("total", 20.0).at(at));
      }
    }
    List<Customer> customers = ids.stream().map(id -> engine.customer(id).orElseThrow())
        .toList();

    // snippet: value-fit
    Population fitted = Population.fit(customers, java.util.Set.of("purchased"));
    Score clv = Scores.predictedClv(Duration.ofDays(365), fitted);
    // end

    Customer recent = customers.stream()
        .max(java.util.Comparator.comparing(c -> c.purchases().lastOrder().orElseThrow()))
        .orElseThrow();
    assertThat(fitted).isNotEqualTo(Population.ofDefaults());
    assertThat(recent.score(clv)).isPositive();
  }

  @Test
  void engagement_and_health_scores() {
    // snippet: value-engagement-score
    Score engagement = EngagementScore.builder(Set.of("logged_in"))
        .recencyHalfLife(Duration.ofDays(14))
        .frequencyTarget(8, Duration.ofDays(30))
        .recencyWeight(0.5)
        .penalties(25, 15, 10, Duration.ofDays(90))
        .build();
    // end
    // snippet: value-health-score
    Score health = HealthScore.builder()
        .part(engagement, 0.5)
        .part(Scores.supportLoad(), 0.3)
        .part(Scores.sentiment(), 0.2)
        .build();
    Engine engine = Engine.builder().clock(clock).scores(engagement, health).build();
    // end
    for (int d : new int[] {0, 7, 14, 20}) {
      clock.set(day(d));
      engine.track(Event.of("ada", "logged_in", day(d)));
    }
    clock.set(day(27));

    // snippet: value-scores-in-rules
    Customer ada = engine.customer("ada").orElseThrow();
    assertThat(ada.score("engagement")).isCloseTo(60.36, within(0.01));
    assertThat(ada.score("health")).isCloseTo(75.22, within(0.01));
    boolean needsCare = ada.score(health) < 40;
    // end
    assertThat(needsCare).isFalse();

    clock.set(day(40));
    assertThat(engine.customer("ada").orElseThrow().score("engagement"))
        .isCloseTo(31.07, within(0.01));
  }

  @Test
  void return_on_investment() {
    // snippet: value-roi
    Revenue revenue = Revenue.of("purchased").amount("total").in("EUR")
        .costPerMessage(Channel.EMAIL, 0.002)
        .costPerMessage(Channel.IN_APP, 0.25)
        .attributionWindow(Duration.ofDays(14));
    // end
    Map<String, String> sent = new HashMap<>();
    Engine engine = Engine.builder().clock(clock).revenue(revenue)
        .journeys(Journey.builder("win-back").enterOn(Trigger.onEvent("lapsed"))
            .goal(Goal.event("purchased")).holdout(0.5)
            .steps(SendStep.of(Action.builder("offer").via(Channel.IN_APP).build()),
                WaitStep.of(Duration.ofDays(7)))
            .build())
        .dispatcher(d -> sent.put(d.customer().value(), d.id()))
        .build();
    for (int i = 0; i < 2000; i++) {
      engine.track(Event.of("c-" + i, "lapsed", T0));
    }
    clock.set(day(2));
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 2000; i++) {
      String dispatch = sent.get("c-" + i);
      if (r.nextDouble() < (dispatch == null ? 0.2 : 0.3)) {
        Event.Builder buy = Event.builder("c-" + i, "purchased").with("total", 50.0);
        engine.track((dispatch == null ? buy : buy.with("dispatch_id", dispatch)).at(day(2)));
      }
    }

    // snippet: value-roi-read
    RoiResult roi = engine.dashboard().roi("win-back").orElseThrow();
    double perTreated = roi.revenuePerTreated();      // revenue per treated enrollment
    double perHeldOut = roi.revenuePerHeldOut();      // the same, held out
    double incremental = roi.incrementalRevenue();    // (perTreated - perHeldOut) * treated
    double[] ci = roi.interval(0.95);                 // also roi.ciLow(), roi.ciHigh()
    double returnOnCost = roi.returnOnCost();         // (incremental - cost) / cost
    boolean measurable = roi.significant();           // the 95% interval excludes 0
    // end

    assertThat(incremental).isCloseTo((perTreated - perHeldOut) * roi.treated(), within(1e-6));
    assertThat(5.0 * roi.treated()).isBetween(ci[0], ci[1]);
    assertThat(returnOnCost).isPositive();
    assertThat(measurable).isTrue();

    // snippet: value-roi-actions
    for (ActionRoi a : engine.dashboard().actionReturns()) {
      System.out.printf("%s: %d messages, %.2f spent, %.2f attributed%n",
          a.action(), a.messages(), a.cost(), a.revenue());
    }
    // end
    assertThat(engine.dashboard().actionReturns()).hasSize(1);
  }

  @Test
  void return_of_an_action_against_its_own_holdout() {
    // snippet: value-action-holdout
    Action offer = Action.builder("spring-offer").via(Channel.IN_APP).holdout(0.2).build();
    // with the DSL: action("spring-offer").via(IN_APP).holdout(0.2).build()
    // end
    Engine engine = Engine.builder().clock(clock)
        .revenue(Revenue.of("purchased").amount("total").in("EUR")
            .costPerMessage(Channel.IN_APP, 0.25))
        .rules(RuleSet.builder("shop").rule(Rule.builder("everyone").when(c -> true)
            .recommend(offer).because("spring").build()).build())
        .dispatcher(d -> { })
        .build();
    SplittableRandom r = new SplittableRandom(3);
    long treated = 0;
    for (int i = 0; i < 4000; i++) {
      boolean sent = engine.decideAndSend("c-" + i).best().isPresent();
      treated += sent ? 1 : 0;
      if (r.nextDouble() < (sent ? 0.3 : 0.2)) {
        engine.track(Event.builder("c-" + i, "purchased").with("total", 50.0).at(T0));
      }
    }

    // snippet: value-action-holdout-read
    ActionRoi spring = engine.dashboard().actionRoi("spring-offer").orElseThrow();
    RoiResult roi = spring.holdout().orElseThrow();   // present for an action with a holdout
    long exposed = roi.treated() + roi.heldOut();     // customers exposed, in both arms
    double incremental = roi.incrementalRevenue();    // (perTreated - perHeldOut) * treated
    double[] ci = roi.interval(0.95);
    double returnOnCost = roi.returnOnCost();         // the action's messages priced per channel
    // end

    assertThat(exposed).isEqualTo(4000);
    assertThat(roi.treated()).isEqualTo(treated);
    assertThat((double) roi.heldOut() / exposed).isCloseTo(0.2, within(0.02));
    assertThat(5.0 * treated).isBetween(ci[0], ci[1]);
    assertThat(ci[0]).isPositive();
    assertThat(incremental).isCloseTo((roi.revenuePerTreated() - roi.revenuePerHeldOut())
        * treated, within(1e-6));
    assertThat(returnOnCost).isPositive();
  }
}
