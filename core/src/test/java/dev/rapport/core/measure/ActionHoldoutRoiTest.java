package dev.rapport.core.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.Rule;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.MutableClock;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.Trigger;
import dev.rapport.core.journey.WaitStep;
import dev.rapport.core.policy.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The return of an action against its own holdout, on seeded populations whose true effect is
 * known, wherever the action is sent from: a journey's send step, {@code decideAndSend}, and a
 * decision the host sends itself. Treated customers buy with a higher chance than held-out ones;
 * the measured incremental revenue's interval holds the true value and excludes zero. When the
 * action changes nothing, zero lies in the interval.
 */
class ActionHoldoutRoiTest {
  private static final Instant T0 = Instant.parse("2026-02-02T09:00:00Z");

  /** Where the action is sent from. */
  enum Path { JOURNEY, DECIDE_AND_SEND, HOST_SENDS }

  /** A population's outcome: the engine, the true incremental revenue, the treated customers. */
  private record Run(Engine engine, double trueIncremental, long treated, long heldOut) {}

  /**
   * Exposes {@code n} customers to an offer with a holdout, from one path; each then buys once
   * (an amount uniform from 20 to 80, mean 50) with probability {@code pTreated} if they were
   * sent the offer and {@code pHeld} if it was withheld. A purchase answers the message when
   * there is one.
   */
  private static Run run(Path path, int n, double holdout, double pTreated, double pHeld,
      long seed) {
    MutableClock clock = new MutableClock(T0);
    Action offer = Action.builder("spring-offer").via(Channel.IN_APP).holdout(holdout).build();
    Map<String, String> sent = new HashMap<>();
    Engine.Builder b = Engine.builder().clock(clock)
        .revenue(Revenue.of("purchased").amount("total").in("EUR")
            .costPerMessage(Channel.IN_APP, 0.25))
        .dispatcher(d -> sent.put(d.customer().value(), d.id()));
    if (path == Path.JOURNEY) {
      b.journeys(Journey.builder("spring").enterOn(Trigger.onEvent("browsed"))
          .steps(SendStep.of(offer), WaitStep.of(Duration.ofDays(7))).build());
    } else {
      b.rules(RuleSet.builder("shop").rule(Rule.builder("everyone").when(c -> true)
          .recommend(offer).because("everyone").build()).build());
    }
    Engine engine = b.build();
    long withheld = 0;
    for (int i = 0; i < n; i++) {
      String id = "c-" + i;
      switch (path) {
        case JOURNEY -> engine.track(Event.of(id, "browsed", T0));
        case DECIDE_AND_SEND -> engine.decideAndSend(id);
        default -> {
          Decision d = engine.decide(id);
          // the host shows the winner itself: its dispatch id is the impression's
          d.best().ifPresent(r -> sent.put(id, r.impressionId()));
        }
      }
      boolean held = !sent.containsKey(id);
      withheld += held ? 1 : 0;
    }
    clock.set(T0.plus(Duration.ofDays(3)));
    SplittableRandom random = new SplittableRandom(seed);
    long treated = 0;
    for (int i = 0; i < n; i++) {
      String id = "c-" + i;
      String dispatch = sent.get(id);
      treated += dispatch == null ? 0 : 1;
      double u = random.nextDouble();
      double amount = 20 + 60 * random.nextDouble();
      if (u < (dispatch == null ? pHeld : pTreated)) {
        Event.Builder buy = Event.builder(id, "purchased").with("total", amount);
        if (dispatch != null) {
          buy = buy.with(EventTypes.DISPATCH_ID, dispatch);
        }
        engine.track(buy.at(T0.plus(Duration.ofDays(2))));
      }
    }
    return new Run(engine, (pTreated - pHeld) * 50 * treated, treated, withheld);
  }

  private static RoiResult roi(Run r) {
    return r.engine().dashboard().actionRoi("spring-offer").orElseThrow().holdout()
        .orElseThrow();
  }

  @Test
  void finds_the_true_lift_of_an_offer_sent_by_a_journey_within_its_interval() {
    Run r = run(Path.JOURNEY, 4000, 0.5, 0.30, 0.20, 17);

    RoiResult roi = roi(r);

    assertThat(roi.name()).isEqualTo("spring-offer");
    assertThat(roi.treated()).isEqualTo(r.treated());
    assertThat(roi.heldOut()).isEqualTo(r.heldOut()).isEqualTo(4000 - r.treated());
    assertThat((double) roi.heldOut() / 4000).as("the holdout's share").isCloseTo(0.5,
        within(0.03));
    assertThat(roi.conversionTreated()).isCloseTo(0.30, within(0.03));
    assertThat(roi.conversionHeldOut()).isCloseTo(0.20, within(0.03));
    assertThat(roi.revenuePerTreated()).isCloseTo(0.30 * 50, within(1.5));
    assertThat(roi.revenuePerHeldOut()).isCloseTo(0.20 * 50, within(1.5));
    assertThat(r.trueIncremental()).isBetween(roi.ciLow(), roi.ciHigh());
    assertThat(roi.ciLow()).as("a 10-point lift on 4,000 customers shows").isPositive();
    assertThat(roi.significant()).isTrue();
    assertThat(roi.messages()).isEqualTo(r.treated());
    assertThat(roi.cost()).isCloseTo(0.25 * r.treated(), within(1e-9));
    assertThat(roi.returnOnCost()).isCloseTo(
        (roi.incrementalRevenue() - roi.cost()) / roi.cost(), within(1e-9));
    assertThat(roi.warning()).isEmpty();
    assertThat(r.engine().journeyStats("spring").steps().get(0).refused(Reason.ACTION_HOLDOUT))
        .as("each withheld send is a refusal of its step").isEqualTo(r.heldOut());
  }

  @Test
  void finds_the_true_lift_of_an_offer_sent_by_decisions_within_its_interval() {
    Run r = run(Path.DECIDE_AND_SEND, 4000, 0.3, 0.35, 0.20, 29);

    RoiResult roi = roi(r);

    assertThat(roi.treated() + roi.heldOut()).isEqualTo(4000);
    assertThat(roi.heldOut()).isEqualTo(r.heldOut());
    assertThat((double) roi.heldOut() / 4000).isCloseTo(0.3, within(0.03));
    assertThat(r.trueIncremental()).isBetween(roi.ciLow(), roi.ciHigh());
    assertThat(roi.ciLow()).isPositive();
    assertThat(roi.messages()).isEqualTo(r.treated());
  }

  @Test
  void finds_the_true_lift_of_an_offer_the_host_sends_itself_within_its_interval() {
    Run r = run(Path.HOST_SENDS, 4000, 0.5, 0.30, 0.20, 43);

    RoiResult roi = roi(r);

    assertThat(roi.treated()).as("exposed when the decision recommended it").isEqualTo(
        r.treated());
    assertThat(roi.heldOut()).isEqualTo(r.heldOut());
    assertThat(r.trueIncremental()).isBetween(roi.ciLow(), roi.ciHigh());
    assertThat(roi.ciLow()).isPositive();
    assertThat(roi.messages()).as("the engine dispatched nothing: the host did").isZero();
    assertThat(roi.returnOnCost()).as("no message cost the engine anything").isNaN();
    // each purchase of a treated customer carries the impression id the host showed
    ActionRoi offer = r.engine().dashboard().actionRoi("spring-offer").orElseThrow();
    assertThat(offer.orders()).as("attributed to the recommendation the host showed")
        .isEqualTo(roi.convertedTreated()).isPositive();
    assertThat(offer.revenue()).isCloseTo(roi.revenueTreated(), within(1e-6));
  }

  @Test
  void an_action_without_a_holdout_keeps_its_attributed_figures_only() {
    Run r = run(Path.JOURNEY, 200, 0.0, 0.3, 0.3, 5);

    ActionRoi offer = r.engine().dashboard().actionRoi("spring-offer").orElseThrow();

    assertThat(offer.holdout()).isEmpty();
    assertThat(offer.messages()).isEqualTo(200);
    assertThat(offer.orders()).isPositive();
    assertThat(r.engine().dashboard().actionRoi("no-such-action")).isEmpty();
  }

  @Test
  void a_customer_counts_once_from_their_first_exposure_and_converts_once() {
    // GIVEN a customer sent the offer by two decisions, who then buys twice within the window
    // and once after it
    MutableClock clock = new MutableClock(T0);
    Action offer = Action.builder("spring-offer").via(Channel.IN_APP).holdout(0.5).build();
    Engine engine = Engine.builder().clock(clock)
        .revenue(Revenue.of("purchased").amount("total").in("EUR")
            .attributionWindow(Duration.ofDays(10)))
        .rules(RuleSet.builder("shop").rule(Rule.builder("everyone").when(c -> true)
            .recommend(offer).because("everyone").build()).build())
        .dispatcher(d -> { })
        .build();
    String treated = null;
    int heldOut = 0;
    for (int i = 0; treated == null; i++) {
      if (engine.decideAndSend("c-" + i).best().isPresent()) {
        treated = "c-" + i;
      } else {
        heldOut++;
      }
    }
    clock.set(T0.plus(Duration.ofDays(1)));
    engine.decideAndSend(treated);

    clock.set(T0.plus(Duration.ofDays(9)));
    engine.track(Event.builder(treated, "purchased").with("total", 30.0)
        .at(T0.plus(Duration.ofDays(2))));
    engine.track(Event.builder(treated, "purchased").with("total", 12.0)
        .at(T0.plus(Duration.ofDays(9))));
    clock.set(T0.plus(Duration.ofDays(11)));
    engine.track(Event.builder(treated, "purchased").with("total", 100.0)
        .at(T0.plus(Duration.ofDays(11))));

    // THEN the customer is one treated unit from the first decision, converted once, and their
    // revenue within ten days of it is 42; the held-out customers before them count once each
    RoiResult roi = roi(new Run(engine, 0, 0, 0));
    assertThat(roi.treated()).isEqualTo(1);
    assertThat(roi.heldOut()).isEqualTo(heldOut);
    assertThat(roi.convertedTreated()).isEqualTo(1);
    assertThat(roi.revenueTreated()).isCloseTo(42.0, within(1e-9));
    assertThat(roi.messages()).as("both decisions sent it").isEqualTo(2);
  }

  @Test
  void an_action_of_a_journey_deployed_after_the_build_has_its_return_on_the_dashboard() {
    MutableClock clock = new MutableClock(T0);
    Action offer = Action.builder("autumn-offer").via(Channel.IN_APP).holdout(0.5).build();
    Map<String, String> sent = new HashMap<>();
    Engine engine = Engine.builder().clock(clock)
        .revenue(Revenue.of("purchased").amount("total").in("EUR")
            .costPerMessage(Channel.IN_APP, 0.25))
        .dispatcher(d -> sent.put(d.customer().value(), d.id())).build();
    assertThat(engine.dashboard().actionRoi("autumn-offer")).as("not deployed yet").isEmpty();

    engine.deploy(Journey.builder("autumn").enterOn(Trigger.onEvent("browsed"))
        .steps(SendStep.of(offer), WaitStep.of(Duration.ofDays(7))).build());
    for (int i = 0; i < 200; i++) {
      engine.track(Event.of("c-" + i, "browsed", T0));
    }
    String treated = sent.keySet().iterator().next();
    clock.set(T0.plus(Duration.ofHours(1)));
    engine.track(Event.builder(treated, "purchased").with("total", 30.0)
        .with(EventTypes.DISPATCH_ID, sent.get(treated)).at(T0.plus(Duration.ofHours(1))));

    ActionRoi autumn = engine.dashboard().actionRoi("autumn-offer").orElseThrow();
    assertThat(autumn.messages()).isEqualTo(sent.size());
    assertThat(autumn.cost()).isCloseTo(0.25 * sent.size(), within(1e-9));
    RoiResult roi = autumn.holdout().orElseThrow();
    assertThat(roi.treated()).isEqualTo(sent.size());
    assertThat(roi.heldOut()).isEqualTo(200 - sent.size()).isPositive();
    assertThat(roi.convertedTreated()).isEqualTo(1);
    assertThat(roi.revenueTreated()).isCloseTo(30.0, within(1e-9));
  }

  /**
   * When the action changes nothing (the chance to buy is the same in both arms), zero lies in
   * the interval, sent from a journey or from decisions. Tested at 99.9%: at 95%, one population
   * in twenty would miss zero by design. The seed is fixed, so that the run is the same every
   * time.
   */
  @Property(tries = 40, seed = "20261208")
  void incremental_revenue_is_zero_within_its_interval_when_the_action_does_nothing(
      @ForAll @IntRange(min = 100, max = 600) int customers,
      @ForAll @DoubleRange(min = 0.1, max = 0.5) double holdout,
      @ForAll @DoubleRange(min = 0.05, max = 0.9) double chance,
      @ForAll Path path,
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
    Run r = run(path, customers, holdout, chance, chance, seed);

    RoiResult roi = roi(r);

    assertThat(roi.treated() + roi.heldOut()).isEqualTo(customers);
    double[] interval = roi.interval(0.999);
    assertThat(0.0).isBetween(interval[0], interval[1]);
  }
}
