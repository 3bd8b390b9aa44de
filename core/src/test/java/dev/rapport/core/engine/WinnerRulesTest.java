package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.Recommendation;
import dev.rapport.core.decision.Rule;
import dev.rapport.core.decision.RuleSet;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A winner names every rule that proposed it, best first, with their reasons in the same order,
 * in lists its reader cannot change: when one rule proposed it, when several did, and when one
 * rule object serves in two rule sets.
 */
class WinnerRulesTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Action TIP = Action.builder("tip").via(Channel.IN_APP).build();
  private static final Rule EVERYONE = Rule.builder("everyone").when(c -> true).recommend(TIP)
      .because("tips for all").build();
  private static final Rule STRONG = Rule.builder("strong").when(c -> true).recommend(TIP)
      .weight(3).because("a strong case").build();

  private static Recommendation winner(RuleSet... ruleSets) {
    Engine engine = Engine.builder().clock(new MutableClock(T0)).rules(ruleSets).build();
    Decision d = engine.decide("c-1");
    assertThat(d.winners()).hasSize(1);
    return d.winners().get(0);
  }

  @Test
  void one_proposing_rule_is_named_with_its_reason() {
    Recommendation w = winner(RuleSet.builder("tips").rule(EVERYONE).build());

    assertThat(w.rules()).containsExactly("everyone");
    assertThat(w.reasons()).containsExactly("tips for all");
    assertThatThrownBy(() -> w.rules().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void several_proposing_rules_are_named_best_first_and_cannot_be_changed() {
    Recommendation w = winner(RuleSet.builder("tips").rule(EVERYONE).rule(STRONG).build());

    assertThat(w.rules()).containsExactly("strong", "everyone");
    assertThat(w.reasons()).containsExactly("a strong case", "tips for all");
    assertThatThrownBy(() -> w.rules().add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> w.reasons().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void a_rule_in_two_rule_sets_is_named_as_often_as_it_proposed_and_never_as_null() {
    Recommendation best = winner(RuleSet.builder("a").rule(STRONG).build(),
        RuleSet.builder("b").rule(STRONG).rule(EVERYONE).build());
    Recommendation other = winner(RuleSet.builder("a").rule(EVERYONE).rule(STRONG).build(),
        RuleSet.builder("b").rule(EVERYONE).build());

    assertThat(best.rules()).containsExactly("strong", "everyone");
    assertThat(best.reasons()).containsExactly("a strong case", "tips for all");
    assertThat(other.rules()).containsExactly("strong", "everyone", "everyone");
    assertThat(other.reasons()).doesNotContainNull().hasSize(3);
  }
}
