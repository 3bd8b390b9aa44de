package dev.rapport.dsl.decision;

import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.rules;
import static dev.rapport.dsl.Rapport.traits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.core.Action;
import dev.rapport.core.TraitKey;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.RuleFailure;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.policy.Reason;
import dev.rapport.dsl.journey.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/**
 * A rule whose condition throws is skipped, reported in the decision and counted, and never
 * reaches the host; strict mode rethrows it; a suitability rule that throws blocks its actions.
 */
class RuleFailuresTest {
  private static final Instant T = Instant.parse("2026-08-03T12:00:00Z");
  private static final TraitKey<String> PLAN = TraitKey.of("plan", String.class);

  private final MutableClock clock = new MutableClock(T);
  private final List<Dispatch> outbox = new ArrayList<>();

  private final Action upgrade = action("upgrade-offer").via(IN_APP).value(10).build();
  private final Action tips = action("tips-card").via(IN_APP).build();
  private final Action review = action("review-request").via(IN_APP).value(5).build();

  /** A rule that reads a trait most customers do not have, the usual way conditions throw. */
  private final RuleSet withBrokenRule = rules("account")
      .rule("free-plan-upgrade")
          .when(c -> c.trait(PLAN).orElseThrow().equals("free"))
          .recommend(upgrade)
          .because("on the free plan")
      .rule("tips-for-everyone")
          .recommend(tips)
          .because("everyone likes tips")
      .build();

  private Engine engine(RuleSet rs, boolean strict) {
    return Engine.builder().clock(clock).rules(rs).strict(strict).dispatcher(outbox::add)
        .build();
  }

  @Test
  void a_throwing_rule_is_skipped_reported_and_counted_and_the_other_rules_still_win() {
    Engine engine = engine(withBrokenRule, false);

    Decision d = engine.decide("c-1");

    assertThat(d.winners()).extracting(r -> r.action().name()).containsExactly("tips-card");
    assertThat(d.rejection("upgrade-offer")).isEmpty();
    assertThat(d.failures()).containsExactly(new RuleFailure("account", "free-plan-upgrade",
        NoSuchElementException.class.getName()));
    assertThat(engine.statistics().ruleFailures()).isEqualTo(1);
    assertThat(d.toString()).contains("rule account/free-plan-upgrade threw "
        + "java.util.NoSuchElementException");
  }

  @Test
  void every_decision_that_meets_the_throwing_rule_counts_it_again() {
    Engine engine = engine(withBrokenRule, false);

    engine.decide("c-1");
    engine.decide("c-2");
    engine.decideAndSend("c-3");

    assertThat(engine.statistics().ruleFailures()).isEqualTo(3);
    assertThat(engine.statistics().decisions()).isEqualTo(3);
    assertThat(outbox).extracting(x -> x.action().name()).containsExactly("tips-card");
  }

  @Test
  void the_rule_that_threw_for_one_customer_still_works_for_another() {
    Engine engine = engine(withBrokenRule, false);
    engine.identify("c-free", traits().set(PLAN, "free"));

    Decision d = engine.decide("c-free");

    assertThat(d.failures()).isEmpty();
    assertThat(d.best().orElseThrow().action().name()).isEqualTo("upgrade-offer");
    assertThat(engine.statistics().ruleFailures()).isZero();
  }

  @Test
  void a_throwing_unless_condition_is_skipped_and_reported_too() {
    RuleSet rs = rules("account")
        .rule("upgrade-unless-enterprise")
            .unless(c -> c.trait(PLAN).orElseThrow().equals("enterprise"))
            .recommend(upgrade)
            .because("not on enterprise")
        .rule("tips-for-everyone")
            .recommend(tips)
            .because("everyone likes tips")
        .build();
    Engine engine = engine(rs, false);

    Decision d = engine.decide("c-1");

    assertThat(d.winners()).extracting(r -> r.action().name()).containsExactly("tips-card");
    assertThat(d.failures()).extracting(RuleFailure::rule)
        .containsExactly("upgrade-unless-enterprise");
  }

  @Test
  void strict_mode_rethrows_an_illegal_state_naming_the_rule_set_and_the_rule() {
    Engine engine = engine(withBrokenRule, true);

    Throwable thrown = catchThrowable(() -> engine.decide("c-1"));

    assertThat(thrown).isInstanceOf(IllegalStateException.class)
        .hasMessage("rule set 'account', rule 'free-plan-upgrade': its condition threw "
            + "java.util.NoSuchElementException (strict mode); fix the condition")
        .hasCauseInstanceOf(NoSuchElementException.class);
  }

  @Test
  void strict_mode_leaves_nothing_half_done() {
    Engine engine = engine(withBrokenRule, true);

    catchThrowable(() -> engine.decideAndSend("c-1"));

    assertThat(outbox).isEmpty();
    assertThat(engine.statistics().decisions()).isZero();
    assertThat(engine.statistics().ruleFailures()).isZero();
    assertThat(engine.customer("c-1")).isEmpty();
  }

  @Test
  void strict_mode_changes_nothing_when_no_rule_throws() {
    Engine engine = engine(withBrokenRule, true);
    engine.identify("c-free", traits().set(PLAN, "free"));

    Decision d = engine.decide("c-free");

    assertThat(d.best().orElseThrow().action().name()).isEqualTo("upgrade-offer");
  }

  // ------------------------------------------------------------------ suitability rules

  private final RuleSet withBrokenSuitability = rules("advocacy")
      .rule("ask-for-review")
          .whenDone("project_delivered")
          .recommend(review)
          .because("delivered")
      .rule("tips-for-everyone")
          .recommend(tips)
          .because("everyone likes tips")
      .never(review).when("the last survey score was low",
          c -> ((Number) c.history("survey_answered").stream().reduce((a, b) -> b)
              .orElseThrow().properties().get("score")).intValue() < 7)
      .build();

  @Test
  void a_throwing_suitability_rule_blocks_its_action_when_in_doubt() {
    Engine engine = engine(withBrokenSuitability, false);
    engine.track(event("c-1", "project_delivered").at(T.minusSeconds(60)));

    Decision d = engine.decide("c-1");

    assertThat(d.rejection("review-request").orElseThrow().reason())
        .isEqualTo(Reason.UNSUITABLE);
    assertThat(d.winners()).extracting(r -> r.action().name()).containsExactly("tips-card");
    assertThat(engine.statistics().ruleFailures()).isEqualTo(1);
  }

  @Test
  void a_suitability_rule_that_does_not_throw_decides_normally() {
    Engine engine = engine(withBrokenSuitability, false);
    engine.track(event("c-1", "project_delivered").at(T.minusSeconds(60)));
    engine.track(event("c-1", "survey_answered").with("kind", "nps").with("score", 9)
        .at(T.minusSeconds(30)));

    Decision d = engine.decide("c-1");

    assertThat(d.best().orElseThrow().action().name()).isEqualTo("review-request");
    assertThat(engine.statistics().ruleFailures()).isZero();
  }

  @Test

  void a_throwing_suitability_rule_is_reported_in_the_decision() {
    Engine engine = engine(withBrokenSuitability, false);
    engine.track(event("c-1", "project_delivered").at(T.minusSeconds(60)));

    Decision d = engine.decide("c-1");

    assertThat(d.failures()).containsExactly(new RuleFailure("advocacy",
        "suitability: never review-request when the last survey score was low",
        NoSuchElementException.class.getName()));
    assertThat(d.rejection("review-request").orElseThrow().detail()).isEqualTo(
        "never review-request when the last survey score was low (its condition threw "
            + "java.util.NoSuchElementException)");
  }

  @Test
  void strict_mode_rethrows_a_throwing_suitability_rule() {
    Engine engine = engine(withBrokenSuitability, true);
    engine.track(event("c-1", "project_delivered").at(T.minusSeconds(60)));

    Throwable thrown = catchThrowable(() -> engine.decide("c-1"));

    assertThat(thrown).isInstanceOf(IllegalStateException.class)
        .hasMessage("rule set 'advocacy', suitability 'never review-request when the last "
            + "survey score was low': its condition threw java.util.NoSuchElementException "
            + "(strict mode)")
        .hasCauseInstanceOf(NoSuchElementException.class);
  }
}
