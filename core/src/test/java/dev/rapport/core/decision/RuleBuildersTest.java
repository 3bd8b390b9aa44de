package dev.rapport.core.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Moment;
import dev.rapport.core.Persona;
import dev.rapport.core.Segment;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The core rule and rule-set builders, which the DSL writes on: single-use, a rule name declared
 * once per rule set, and the DSL's requirement forms with their checks.
 */
class RuleBuildersTest {
  private final Action brewGuide = Action.builder("brew-guide").via(Channel.EMAIL).build();
  private final Action review = Action.builder("review-request").via(Channel.EMAIL).build();

  @Test
  void a_rule_set_declares_its_rules_and_builds_them_with_itself() {
    RuleSet.Builder storefront = RuleSet.builder("storefront");
    storefront.rule("brew-guides").whenDone("purchased", p -> "grinder".equals(p.get("sku")))
        .recommend(brewGuide).because("owns a grinder");
    storefront.rule(Rule.builder("review").recommend(review).because("delivered").build());
    storefront.suitability(Suitability.never(review).within(Duration.ofDays(7))
        .after("ticket_opened"));

    RuleSet built = storefront.build();

    assertThat(built.rules()).extracting(Rule::name).containsExactly("brew-guides", "review");
    assertThat(built.rules().get(0).requirements())
        .containsExactly(Requirement.of(Requirement.Kind.EVENT, "purchased"));
    assertThat(built.rules().get(0).conditions()).hasSize(1);
    assertThat(built.suitability()).hasSize(1);
    assertThat(storefront.build()).isSameAs(built);
  }

  @Test
  void a_rule_name_declared_twice_is_refused_when_declared() {
    RuleSet.Builder storefront = RuleSet.builder("storefront");
    storefront.rule("brew-guides");

    Throwable thrown = catchThrowable(() -> storefront.rule("brew-guides"));

    assertThat(thrown).isInstanceOf(IllegalStateException.class)
        .hasMessage("rule set 'storefront': rule 'brew-guides' is declared twice; give each rule "
            + "a unique name");
  }

  @Test
  void a_declared_rule_without_a_reason_fails_the_rule_set() {
    RuleSet.Builder storefront = RuleSet.builder("storefront");
    storefront.rule("brew-guides").recommend(brewGuide);

    Throwable thrown = catchThrowable(storefront::build);

    assertThat(thrown).isInstanceOf(IllegalStateException.class)
        .hasMessage("rule 'brew-guides': has no reason; add because(\"...\") so that decisions "
            + "explain themselves");
  }

  @Test
  void a_rule_set_builder_kept_after_build_refuses_the_next_rule_set_s_rules() {
    RuleSet.Builder storefront = RuleSet.builder("storefront");
    Rule.Builder brew = storefront.rule("brew-guides").recommend(brewGuide).because("r");
    RuleSet first = storefront.build();

    Throwable rule = catchThrowable(() -> storefront.rule("review"));
    Throwable condition = catchThrowable(() -> brew.when(c -> true));

    assertThat(rule).isInstanceOf(IllegalStateException.class)
        .hasMessage("rule set 'storefront': rule comes after build(); the builder is single-use: "
            + "start another with RuleSet.builder(name)");
    assertThat(condition).isInstanceOf(IllegalStateException.class)
        .hasMessage("rule 'brew-guides': when comes after build(); the builder is single-use: "
            + "start another with Rule.builder(name)");
    assertThat(first.rules().get(0).conditions()).isEmpty();
  }

  @Test
  void each_single_setting_of_a_rule_is_given_once() {
    Rule.Builder rule = Rule.builder("brew-guides").recommend(brewGuide).because("r")
        .weight(2).value(3).lever(0.5);

    assertThat(catchThrowable(() -> rule.recommend(review)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("rule 'brew-guides': recommend is already set; set it once");
    assertThat(catchThrowable(() -> rule.because("other")))
        .hasMessage("rule 'brew-guides': because is already set; set it once");
    assertThat(catchThrowable(() -> rule.weight(1)))
        .hasMessage("rule 'brew-guides': weight is already set; set it once");
    assertThat(catchThrowable(() -> rule.value(1)))
        .hasMessage("rule 'brew-guides': value is already set; set it once");
    assertThat(catchThrowable(() -> rule.lever(1)))
        .hasMessage("rule 'brew-guides': lever is already set; set it once");
  }

  @Test
  void the_requirement_forms_refuse_nulls_with_the_rule_s_name() {
    Rule.Builder rule = Rule.builder("brew-guides");

    assertThat(catchThrowable(() -> rule.whenIn((Segment) null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rule 'brew-guides': whenIn is null; give a value");
    assertThat(catchThrowable(() -> rule.whenIs((Persona) null)))
        .hasMessage("rule 'brew-guides': whenIs is null; give a value");
    assertThat(catchThrowable(() -> rule.whenReached((Moment) null)))
        .hasMessage("rule 'brew-guides': whenReached is null; give a value");
    assertThat(catchThrowable(() -> rule.whenDone("purchased", null)))
        .hasMessage("rule 'brew-guides': whenDone(\"purchased\", properties): properties is "
            + "null; give a condition on the event's properties");
  }

  @Test
  void the_requirement_forms_name_what_the_rule_looks_at() {
    Segment lonely = Segment.of("lonely", c -> true);
    Persona barista = Persona.builder("barista").matching(c -> true).build();
    Moment activated = Moment.builder("activated").reachedOn("first_sync").build();

    Rule rule = Rule.builder("tips").whenIn(lonely).whenIs(barista).whenReached(activated)
        .whenDone("purchased").recommend(brewGuide).because("r").build();

    assertThat(rule.requirements()).containsExactlyInAnyOrder(
        Requirement.of(Requirement.Kind.SEGMENT, "lonely"),
        Requirement.of(Requirement.Kind.PERSONA, "barista"),
        Requirement.of(Requirement.Kind.MOMENT, "activated"),
        Requirement.of(Requirement.Kind.EVENT, "purchased"));
  }
}
