package dev.rapport.dsl.decision;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.GRANTED;
import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.MARKETING;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.decide;
import static dev.rapport.dsl.Rapport.delay;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.journey;
import static dev.rapport.dsl.Rapport.profile;
import static dev.rapport.dsl.Rapport.rules;
import static dev.rapport.dsl.Rapport.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Action;
import dev.rapport.core.decision.PropensityModel;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.Explanation.EnrollmentReport;
import dev.rapport.core.engine.StateStore;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.StepOutcome;
import dev.rapport.core.journey.StepRecord;
import dev.rapport.core.policy.Reason;
import dev.rapport.dsl.RuleSetStep;
import dev.rapport.dsl.journey.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The journey step {@code decide(ruleSet)}: it sends the best allowed action of its rule set
 * through the dispatcher and records what happened in the journey's history.
 */
class DecideStepTest {
  private static final Instant T = Instant.parse("2026-10-05T09:00:00Z");
  private static final String STEP = "1 decide(storefront)";

  private final MutableClock clock = new MutableClock(T);
  private final List<Dispatch> outbox = new ArrayList<>();

  private final Action brewGuide = action("brew-guide").topic("coffee").via(EMAIL).value(3)
      .build();
  private final Action filters = action("filters").topic("coffee").via(EMAIL).value(2).build();
  private final Action kettleTips = action("kettle-tips").topic("tea").via(IN_APP).build();
  private final RuleSet storefront = rules("storefront")
      .rule("grinder-brew-guides")
          .whenDone("purchased", p -> "grinder".equals(p.get("sku")))
          .recommend(brewGuide)
          .because("owns a grinder")
      .rule("grinder-filters")
          .whenDone("purchased", p -> "grinder".equals(p.get("sku")))
          .recommend(filters)
          .because("grinders need filters")
      .rule("kettle-tips")
          .whenDone("purchased", p -> "kettle".equals(p.get("sku")))
          .recommend(kettleTips)
          .because("owns a kettle")
      .build();
  private final Journey afterPurchase = journey("after-purchase")
      .enterOn("purchased")
      .steps(decide(storefront))
      .build();

  private Engine.Builder engine(Journey j) {
    return Engine.builder().clock(clock).journeys(j).dispatcher(outbox::add);
  }

  private static void subscriber(Engine engine, String id) {
    engine.identify(id, profile().set(EMAIL_ADDRESS, id + "@example.com")
        .consent(EMAIL, MARKETING, GRANTED));
  }

  private static void buys(Engine engine, String id, String sku) {
    engine.track(event(id, "purchased").with("sku", sku).at(T));
  }

  private static EnrollmentReport report(Engine engine, String id) {
    return engine.explain(id).enrollment("after-purchase").orElseThrow();
  }

  @Test
  void sends_the_best_allowed_action_of_its_rule_set_and_records_it_as_sent() {
    Engine engine = engine(afterPurchase).build();
    subscriber(engine, "c-1");

    buys(engine, "c-1", "grinder");

    assertThat(outbox).hasSize(1);
    Dispatch d = outbox.get(0);
    assertThat(d.action().name()).isEqualTo("brew-guide");
    assertThat(d.channel()).isEqualTo(EMAIL);
    assertThat(d.journey()).contains("after-purchase");
    assertThat(report(engine, "c-1").history())
        .contains(new StepRecord(T, STEP, StepOutcome.SENT, "action brew-guide"));
    assertThat(engine.journeyStats("after-purchase").step("1").sent()).isEqualTo(1);
  }

  @Test
  void sends_an_allowed_action_when_the_better_ones_are_refused() {
    Journey atCheckout = journey("after-purchase").enterOn("checkout_closed")
        .steps(decide(storefront)).build();
    Engine engine = engine(atCheckout).build();
    engine.identify("c-1", profile().set(EMAIL_ADDRESS, "c-1@example.com"));
    engine.track(event("c-1", "purchased").with("sku", "grinder").at(T.minusSeconds(20)));
    engine.track(event("c-1", "purchased").with("sku", "kettle").at(T.minusSeconds(10)));

    engine.track(event("c-1", "checkout_closed").at(T));

    assertThat(outbox).extracting(d -> d.action().name()).containsExactly("kettle-tips");
    assertThat(outbox.get(0).channel()).isEqualTo(IN_APP);
    assertThat(report(engine, "c-1").history())
        .contains(new StepRecord(T, STEP, StepOutcome.SENT, "action kettle-tips"));
  }

  @Test
  void uses_only_its_own_rule_set_not_the_engines() {
    Action bigSale = action("big-sale").via(IN_APP).value(100).build();
    RuleSet other = rules("sales").rule("everyone").recommend(bigSale).because("sale").build();
    Engine engine = engine(afterPurchase).rules(other).build();
    subscriber(engine, "c-1");

    buys(engine, "c-1", "grinder");

    assertThat(outbox).extracting(d -> d.action().name()).containsExactly("brew-guide");
  }

  @Test
  void records_refused_with_the_rejection_reason_when_the_gate_refuses_every_candidate() {
    Engine engine = engine(afterPurchase).build();
    engine.identify("c-1", profile().set(EMAIL_ADDRESS, "c-1@example.com"));

    buys(engine, "c-1", "grinder");

    assertThat(outbox).isEmpty();
    assertThat(report(engine, "c-1").history())
        .contains(new StepRecord(T, STEP, StepOutcome.REFUSED, "NO_CONSENT"));
    assertThat(engine.journeyStats("after-purchase").step("1").refused(Reason.NO_CONSENT))
        .isEqualTo(1);
  }

  @Test
  void records_refused_no_candidate_when_no_rule_is_eligible() {
    Engine engine = engine(afterPurchase).build();
    subscriber(engine, "c-1");

    buys(engine, "c-1", "lawnmower");

    assertThat(outbox).isEmpty();
    assertThat(report(engine, "c-1").history())
        .contains(new StepRecord(T, STEP, StepOutcome.REFUSED, "NO_CANDIDATE"));
    assertThat(engine.journeyStats("after-purchase").step("1").refused(Reason.NO_CANDIDATE))
        .isEqualTo(1);
  }

  @Test
  void holdout_customers_are_held_out_and_sent_nothing() {
    Journey withHoldout = journey("after-purchase").enterOn("purchased").holdout(0.5)
        .steps(decide(storefront)).build();
    Engine engine = engine(withHoldout).build();
    List<String> heldOut = new ArrayList<>();
    List<String> treated = new ArrayList<>();

    for (int i = 0; i < 40; i++) {
      String id = "c-" + i;
      subscriber(engine, id);
      buys(engine, id, "grinder");
      (report(engine, id).holdout() ? heldOut : treated).add(id);
    }

    assertThat(heldOut).isNotEmpty();
    assertThat(treated).isNotEmpty();
    for (String id : heldOut) {
      assertThat(report(engine, id).history())
          .contains(new StepRecord(T, STEP, StepOutcome.HELD_OUT, ""));
    }
    assertThat(outbox).extracting(d -> d.customer().value())
        .containsExactlyInAnyOrderElementsOf(treated);
    assertThat(engine.journeyStats("after-purchase").step("1").heldOut())
        .isEqualTo(heldOut.size());
  }

  @Test
  void the_sent_decision_is_an_impression_whose_outcome_teaches_the_model() {
    StateStore store = StateStore.inMemory();
    Engine engine = engine(afterPurchase).stateStore(store)
        .propensity(PropensityModel.adaptive(5L)).build();
    subscriber(engine, "c-1");
    buys(engine, "c-1", "kettle");
    String dispatchId = outbox.get(0).id();

    engine.track(event("c-1", "clicked").with("dispatch_id", dispatchId).at(T.plusSeconds(30)));

    assertThat(store.counter("adaptive-propensity/kettle-tips/*/trials")).isEqualTo(1);
    assertThat(store.counter("adaptive-propensity/kettle-tips/*/successes")).isEqualTo(1);
  }

  @Test
  void a_decide_step_respects_a_long_cooldown_when_its_rule_set_is_also_the_engines() {
    Action coupon = action("coupon").via(IN_APP).cooldown(Duration.ofDays(30)).build();
    Action survey = action("survey").via(IN_APP).build();
    RuleSet coupons = rules("coupons").rule("coupon").recommend(coupon).because("c").build();
    Journey j = journey("after-purchase").enterOn("purchased")
        .steps(decide(coupons), delay(Duration.ofDays(8)), send(survey),
            delay(Duration.ofDays(1)), decide(coupons))
        .build();
    Engine engine = engine(j).rules(coupons).build();

    buys(engine, "c-1", "grinder");
    engine.advanceTo(T.plus(Duration.ofDays(10)));

    assertThat(outbox).extracting(d -> d.action().name()).containsExactly("coupon", "survey");
    assertThat(report(engine, "c-1").history()).contains(new StepRecord(
        T.plus(Duration.ofDays(9)), "5 decide(coupons)", StepOutcome.REFUSED, "COOLDOWN"));
  }

  @Test

  void a_decide_step_respects_the_cooldown_of_an_action_sent_days_before() {
    Action coupon = action("coupon").via(IN_APP).cooldown(Duration.ofDays(30)).build();
    Action survey = action("survey").via(IN_APP).build();
    RuleSet coupons = rules("coupons").rule("coupon").recommend(coupon).because("c").build();
    Journey j = journey("after-purchase").enterOn("purchased")
        .steps(decide(coupons), delay(Duration.ofDays(8)), send(survey),
            delay(Duration.ofDays(1)), decide(coupons))
        .build();
    Engine engine = engine(j).build();

    buys(engine, "c-1", "grinder");
    engine.advanceTo(T.plus(Duration.ofDays(10)));

    assertThat(outbox).extracting(d -> d.action().name()).containsExactly("coupon", "survey");
    assertThat(report(engine, "c-1").history()).contains(new StepRecord(
        T.plus(Duration.ofDays(9)), "5 decide(coupons)", StepOutcome.REFUSED, "COOLDOWN"));
  }

  @Test

  void explain_names_the_sent_action_of_a_rule_set_with_hundreds_of_actions() {
    RuleSetStep step = rules("catalogue");
    for (int i = 0; i < 300; i++) {
      step = step.rule("rule-" + i).whenDone("type-" + i)
          .recommend(action("offer-" + i).via(IN_APP).build()).because("did type-" + i);
    }
    RuleSet catalogue = step.build();
    Journey j = journey("catalogue-journey").enterOn("go").steps(decide(catalogue)).build();
    Engine engine = engine(j).build();
    engine.track(event("c-1", "type-256").at(T.minusSeconds(60)));

    engine.track(event("c-1", "go").at(T));

    assertThat(outbox).extracting(d -> d.action().name()).containsExactly("offer-256");
    assertThat(engine.explain("c-1").enrollment("catalogue-journey").orElseThrow().history())
        .contains(new StepRecord(T, "1 decide(catalogue)", StepOutcome.SENT,
            "action offer-256"));
  }
}
