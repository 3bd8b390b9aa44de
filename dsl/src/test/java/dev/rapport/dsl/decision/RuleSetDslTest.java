package dev.rapport.dsl.decision;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.placement;
import static dev.rapport.dsl.Rapport.rules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.decision.Requirement;
import dev.rapport.core.decision.Rule;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.decision.Suitability;
import dev.rapport.core.engine.Engine;
import dev.rapport.dsl.BecauseStep;
import dev.rapport.dsl.RuleOptionsStep;
import dev.rapport.dsl.RuleStep;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The rule-set DSL: what it builds, and a catalogue of invalid rule sets, rules and placements,
 * each with its exact message.
 *
 * <p>Some mistakes cannot be written at all. A rule without a reason does not compile: {@code
 * recommend(action)} returns a {@code BecauseStep}, whose only method is {@code because(reason)},
 * so {@code rules("s").rule("r").recommend(a).build()} and {@code rule("r").recommend(a)
 * .rule("next")} are compile errors; likewise {@code weight}, {@code value} and {@code lever}
 * exist only after {@code because}, and {@code within(...)} of a suitability rule offers only
 * {@code after(eventType)}. The core builders, which a host can also use, check the same things
 * at {@code build()}: see {@link CoreBuilders}.
 */
class RuleSetDslTest {
  private final Action brewGuide = action("brew-guide").topic("coffee").via(EMAIL).value(3.0)
      .build();
  private final Action review = action("review-request").via(EMAIL).build();

  private RuleOptionsStep oneRule() {
    return rules("storefront").rule("brew-guides").whenDone("purchased").recommend(brewGuide)
        .because("owns a grinder");
  }

  // ------------------------------------------------------------------ what it builds

  @Test
  void builds_rules_with_their_requirements_conditions_factors_and_reasons() {
    RuleSet rs = rules("storefront")
        .rule("brew-guides")
            .whenDone("purchased", p -> "grinder".equals(p.get("sku")))
            .when(c -> true)
            .unless(c -> false)
            .recommend(brewGuide)
            .because("owns a grinder")
            .weight(1.5).value(4.0).lever(0.5)
        .rule("review")
            .whenDone("project_delivered")
            .recommend(review)
            .because("delivered")
        .never(review).within(Duration.ofDays(7)).after("ticket_opened")
        .build();

    assertThat(rs.name()).isEqualTo("storefront");
    assertThat(rs.rules()).extracting(Rule::name).containsExactly("brew-guides", "review");
    Rule brew = rs.rules().get(0);
    assertThat(brew.requirements())
        .containsExactly(Requirement.of(Requirement.Kind.EVENT, "purchased"));
    assertThat(brew.conditions()).hasSize(2);
    assertThat(brew.unless()).hasSize(1);
    assertThat(brew.action()).isSameAs(brewGuide);
    assertThat(brew.reason()).isEqualTo("owns a grinder");
    assertThat(brew.weight()).isEqualTo(1.5);
    assertThat(brew.value()).contains(4.0);
    assertThat(brew.lever()).isEqualTo(0.5);
    Rule plain = rs.rules().get(1);
    assertThat(plain.weight()).isEqualTo(1.0);
    assertThat(plain.value()).isEmpty();
    assertThat(plain.lever()).isEqualTo(1.0);
    assertThat(rs.suitability()).extracting(Suitability::describe)
        .containsExactly("never review-request within PT168H after ticket_opened");
    assertThat(rs.actions()).containsOnlyKeys("brew-guide", "review-request");
  }

  @Test
  void build_can_be_called_twice_and_a_rule_after_build_is_refused() {
    RuleOptionsStep step = oneRule();
    RuleSet first = step.build();

    Throwable thrown = catchThrowable(() -> step.rule("review"));

    assertThat(thrown).isInstanceOf(IllegalStateException.class)
        .hasMessage("rule set 'storefront': rule(\"review\") comes after build(); write each rule "
            + "set in one chain ending with build(), and start another rule set with "
            + "rules(name)");
    assertThat(step.build()).isSameAs(first);
    assertThat(first.rules()).extracting(Rule::name).containsExactly("brew-guides");
  }

  @Test
  void a_rule_set_may_hold_only_suitability_rules_after_its_rules() {
    RuleSet rs = oneRule()
        .neverTopic("coffee").when("a refund is open", c -> c.hasDone("refund_requested"))
        .never(review).within(Duration.ofDays(3)).after("complained")
        .build();

    assertThat(rs.suitability()).extracting(Suitability::describe).containsExactly(
        "never topic coffee when a refund is open",
        "never review-request within PT72H after complained");
    assertThat(rs.suitability().get(0).topic()).contains("coffee");
    assertThat(rs.suitability().get(1).action()).contains("review-request");
  }

  // ------------------------------------------------------------------ names

  @Nested
  class Names {
    @Test
    void a_duplicate_rule_name_is_an_illegal_state() {
      RuleOptionsStep step = oneRule();

      Throwable thrown = catchThrowable(() -> step.rule("brew-guides"));

      assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage(
          "rule set 'storefront': rule 'brew-guides' is declared twice; give each rule a unique "
              + "name");
    }

    @Test
    void a_blank_rule_name_is_refused() {
      Throwable thrown = catchThrowable(() -> rules("storefront").rule("  "));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("rule name is blank (\"  \"); give it a non-blank name");
    }

    @Test
    void a_null_rule_name_is_refused() {
      Throwable thrown = catchThrowable(() -> rules("storefront").rule(null));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("rule name is null; give it a non-blank name");
    }

    @Test
    void a_rule_name_with_surrounding_whitespace_is_refused() {
      Throwable thrown = catchThrowable(() -> rules("storefront").rule(" brew "));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("rule name \" brew \" has leading or trailing whitespace; remove it");
    }

    @Test
    void a_blank_rule_set_name_is_refused() {
      Throwable thrown = catchThrowable(() -> rules(""));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("rule set name is blank (\"\"); give it a non-blank name");
    }

    @Test
    void a_null_rule_set_name_is_refused() {
      Throwable thrown = catchThrowable(() -> rules(null));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("rule set name is null; give it a non-blank name");
    }

    @Test
    void two_rule_sets_of_one_name_in_an_engine_are_an_illegal_state() {
      RuleSet a = oneRule().build();
      RuleSet b = rules("storefront").rule("other").recommend(review).because("r").build();

      Throwable thrown = catchThrowable(() -> Engine.builder().rules(a, b).build());

      assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage(
          "engine: rule set 'storefront' is declared twice; give each rule set a unique name");
    }
  }

  // ------------------------------------------------------------------ rules

  @Nested
  class Rules {
    @Test
    void an_empty_rule_set_is_an_illegal_state() {
      Throwable thrown = catchThrowable(() -> rules("storefront").build());

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("rule set 'storefront': has no rule; add rule(name)...");
    }

    @Test
    void a_blank_reason_is_refused() {
      BecauseStep step = rules("storefront").rule("brew-guides").recommend(brewGuide);

      Throwable thrown = catchThrowable(() -> step.because(" "));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("rule 'brew-guides': because is blank; say why the rule recommends its "
              + "action");
    }

    @Test
    void a_null_reason_is_refused() {
      BecauseStep step = rules("storefront").rule("brew-guides").recommend(brewGuide);

      Throwable thrown = catchThrowable(() -> step.because(null));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("rule 'brew-guides': because is null; say why the rule recommends its "
              + "action");
    }

    @Test
    void recommending_null_is_refused() {
      RuleStep step = rules("storefront").rule("brew-guides");

      Throwable thrown = catchThrowable(() -> step.recommend(null));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("rule 'brew-guides': recommend is null; give a value");
    }

    @Test
    void a_null_condition_is_refused() {
      RuleStep step = rules("storefront").rule("brew-guides");

      Throwable thrown = catchThrowable(() -> step.when(null));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("rule 'brew-guides': when is null; give a value");
    }

    @Test
    void a_null_unless_is_refused() {
      RuleStep step = rules("storefront").rule("brew-guides");

      Throwable thrown = catchThrowable(() -> step.unless(null));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("rule 'brew-guides': unless is null; give a value");
    }

    @Test
    void a_blank_event_type_requirement_is_refused() {
      RuleStep step = rules("storefront").rule("brew-guides");

      Throwable thrown = catchThrowable(() -> step.whenDone(""));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("requirement event name is blank (\"\"); give it a non-blank name");
    }

    @Test
    void a_null_property_condition_is_refused() {
      RuleStep step = rules("storefront").rule("brew-guides");

      Throwable thrown = catchThrowable(() -> step.whenDone("purchased", null));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("rule 'brew-guides': whenDone(\"purchased\", properties): properties is "
              + "null; give a condition on the event's properties");
    }

    @Test
    void a_null_segment_persona_or_moment_is_refused() {
      RuleStep step = rules("storefront").rule("brew-guides");

      Throwable segment = catchThrowable(() -> step.whenIn(null));
      Throwable persona = catchThrowable(() -> step.whenIs(null));
      Throwable moment = catchThrowable(() -> step.whenReached(null));

      assertThat(segment).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("rule 'brew-guides': whenIn is null; give a value");
      assertThat(persona).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("rule 'brew-guides': whenIs is null; give a value");
      assertThat(moment).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("rule 'brew-guides': whenReached is null; give a value");
    }
  }

  // ------------------------------------------------------------------ factors

  @Nested
  class Factors {
    @Test
    void a_negative_weight_is_refused() {
      Throwable thrown = catchThrowable(() -> oneRule().weight(-1));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("rule 'brew-guides': weight is -1.0; give a finite number of zero or more");
    }

    @Test
    void a_nan_value_is_refused() {
      Throwable thrown = catchThrowable(() -> oneRule().value(Double.NaN));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("rule 'brew-guides': value is NaN; give a finite number of zero or more");
    }

    @Test
    void an_infinite_lever_is_refused() {
      Throwable thrown = catchThrowable(() -> oneRule().lever(Double.POSITIVE_INFINITY));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessage(
          "rule 'brew-guides': lever is Infinity; give a finite number of zero or more");
    }

    @Test
    void a_nan_weight_and_a_negative_lever_and_value_are_refused() {
      Throwable weight = catchThrowable(() -> oneRule().weight(Double.NaN));
      Throwable lever = catchThrowable(() -> oneRule().lever(-0.5));
      Throwable value = catchThrowable(() -> oneRule().value(-3));

      assertThat(weight).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("rule 'brew-guides': weight is NaN; give a finite number of zero or more");
      assertThat(lever).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("rule 'brew-guides': lever is -0.5; give a finite number of zero or more");
      assertThat(value).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("rule 'brew-guides': value is -3.0; give a finite number of zero or more");
    }

    @Test
    void zero_factors_are_allowed() {
      RuleSet rs = oneRule().weight(0).value(0).lever(0).build();

      assertThat(rs.rules().get(0).weight()).isZero();
    }

    @Test
    void a_factor_given_twice_is_an_illegal_state() {
      Throwable weight = catchThrowable(() -> oneRule().weight(1).weight(2));
      Throwable value = catchThrowable(() -> oneRule().value(1).value(2));
      Throwable lever = catchThrowable(() -> oneRule().lever(1).lever(2));

      assertThat(weight).isInstanceOf(IllegalStateException.class)
          .hasMessage("rule 'brew-guides': weight is already set; set it once");
      assertThat(value).isInstanceOf(IllegalStateException.class)
          .hasMessage("rule 'brew-guides': value is already set; set it once");
      assertThat(lever).isInstanceOf(IllegalStateException.class)
          .hasMessage("rule 'brew-guides': lever is already set; set it once");
    }
  }

  // ------------------------------------------------------------------ suitability rules

  @Nested
  class SuitabilityRules {
    @Test
    void a_window_that_is_not_positive_is_refused() {
      Throwable thrown = catchThrowable(() -> oneRule().never(review).within(Duration.ZERO));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessage(
          "suitability never review-request: within is PT0S; give a positive duration");
    }

    @Test
    void a_blank_event_type_is_refused() {
      Throwable thrown = catchThrowable(
          () -> oneRule().never(review).within(Duration.ofDays(7)).after(" "));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessage(
          "suitability after event type name is blank (\" \"); give it a non-blank name");
    }

    @Test
    void never_null_action_is_refused() {
      Throwable thrown = catchThrowable(() -> oneRule().never(null));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("suitability never(action): action is null; give a value");
    }

    @Test
    void a_blank_topic_is_refused() {
      Throwable thrown = catchThrowable(() -> oneRule().neverTopic(""));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("suitability topic name is blank (\"\"); give it a non-blank name");
    }

    @Test
    void a_blank_description_and_a_null_condition_are_refused() {
      Throwable description = catchThrowable(
          () -> oneRule().neverTopic("coffee").when("", c -> true));
      Throwable condition = catchThrowable(
          () -> oneRule().neverTopic("coffee").when("a refund is open", null));

      assertThat(description).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("suitability description name is blank (\"\"); give it a non-blank name");
      assertThat(condition).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("suitability never topic coffee: when is null; give a value");
    }
  }

  // ------------------------------------------------------------------ placements and decide

  @Nested
  class Placements {
    @Test
    void a_placement_taking_zero_is_refused() {
      Throwable thrown = catchThrowable(() -> placement("home-banner", 0, IN_APP));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("placement 'home-banner': take is 0; give 1 or more recommendations");
    }

    @Test
    void a_blank_placement_name_is_refused() {
      Throwable thrown = catchThrowable(() -> placement(" ", 1));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("placement name is blank (\" \"); give it a non-blank name");
    }

    @Test
    void a_null_channel_in_a_placement_is_refused() {
      Throwable thrown = catchThrowable(() -> placement("home-banner", 1, IN_APP, null));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("placement 'home-banner': channel is null; give a value");
    }

    @Test
    void a_placement_without_channels_carries_every_channel() {
      var anywhere = placement("anywhere", 2);

      assertThat(anywhere.channels()).isEmpty();
      assertThat(anywhere.carries(EMAIL)).isTrue();
      assertThat(anywhere.carries(Channel.of("whatsapp"))).isTrue();
      assertThat(placement("banner", 1, IN_APP).carries(EMAIL)).isFalse();
    }

    @Test
    void deciding_for_a_null_placement_is_refused() {
      Engine engine = Engine.builder().rules(oneRule().build()).build();

      Throwable thrown = catchThrowable(() -> engine.decide("c-1", null));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessage(
          "decide(\"c-1\", placement): placement is null; give a Placement or call "
              + "decide(customerId)");
    }

    @Test
    void a_rule_set_action_on_an_unknown_channel_is_refused_by_the_engine() {
      Action whatsapp = action("whatsapp-nudge").via(Channel.of("whatsapp")).build();
      RuleSet rs = rules("chat").rule("nudge").recommend(whatsapp).because("chatty").build();

      Throwable thrown = catchThrowable(() -> Engine.builder().rules(rs).build());

      assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage(
          "rule set 'chat': action 'whatsapp-nudge' uses unknown channel 'whatsapp'; declare it "
              + "with Engine.builder().channels(Channel.of(\"whatsapp\"))");
    }
  }

  // ------------------------------------------------------------------ the core builders

  /** The core builders a host may use instead of the DSL check at build() what it cannot. */
  @Nested
  class CoreBuilders {
    @Test
    void a_rule_without_an_action_fails_at_build() {
      Throwable thrown = catchThrowable(() -> Rule.builder("brew-guides").because("r").build());

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("rule 'brew-guides': recommends nothing; add recommend(action)");
    }

    @Test
    void a_rule_without_a_reason_fails_at_build() {
      Throwable thrown = catchThrowable(
          () -> Rule.builder("brew-guides").recommend(brewGuide).build());

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("rule 'brew-guides': has no reason; add because(\"...\") so that "
              + "decisions explain themselves");
    }

    @Test
    void recommending_twice_is_an_illegal_state() {
      Throwable thrown = catchThrowable(
          () -> Rule.builder("brew-guides").recommend(brewGuide).recommend(review));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("rule 'brew-guides': recommend is already set; set it once");
    }

    @Test
    void a_reason_given_twice_is_an_illegal_state() {
      Throwable thrown = catchThrowable(
          () -> Rule.builder("brew-guides").because("a").because("b"));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("rule 'brew-guides': because is already set; set it once");
    }

    @Test
    void an_empty_core_rule_set_is_an_illegal_state() {
      Throwable thrown = catchThrowable(() -> RuleSet.of("empty", List.of(), List.of()));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("rule set 'empty': has no rule; add rule(name)...");
    }

    @Test
    void duplicate_rules_in_a_core_rule_set_are_an_illegal_state() {
      Rule rule = Rule.builder("brew-guides").recommend(brewGuide).because("r").build();

      Throwable of = catchThrowable(() -> RuleSet.of("storefront", List.of(rule, rule),
          List.of()));
      Throwable builder = catchThrowable(
          () -> RuleSet.builder("storefront").rule(rule).rule(rule));

      assertThat(of).isInstanceOf(IllegalStateException.class).hasMessage(
          "rule set 'storefront': rule 'brew-guides' is declared twice; give each rule a unique "
              + "name");
      assertThat(builder).isInstanceOf(IllegalStateException.class).hasMessage(
          "rule set 'storefront': rule 'brew-guides' is declared twice; give each rule a unique "
              + "name");
    }

    @Test
    void null_rules_are_refused() {
      Throwable list = catchThrowable(() -> RuleSet.of("storefront", null, List.of()));
      Throwable rule = catchThrowable(() -> RuleSet.builder("storefront").rule((Rule) null));

      assertThat(list).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("rule set 'storefront': rules is null; give a value");
      assertThat(rule).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("rule set 'storefront': rule is null; give a value");
    }

    @Test
    void a_requirement_without_a_kind_is_refused() {
      Throwable thrown = catchThrowable(() -> Requirement.of(null, "purchased"));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("requirement: kind is null; give EVENT, SEGMENT, PERSONA or MOMENT");
    }

    @Test
    void the_core_rule_set_does_not_share_the_callers_list() {
      Rule rule = Rule.builder("brew-guides").recommend(brewGuide).because("r").build();
      List<Rule> mine = new java.util.ArrayList<>(List.of(rule));

      RuleSet rs = RuleSet.of("storefront", mine, List.of());
      mine.clear();

      assertThat(rs.rules()).containsExactly(rule);
    }
  }
}
