package dev.rapport.dsl.decision;

import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.moment;
import static dev.rapport.dsl.Rapport.persona;
import static dev.rapport.dsl.Rapport.placement;
import static dev.rapport.dsl.Rapport.rules;
import static dev.rapport.dsl.Rapport.segment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Action;
import dev.rapport.core.Moment;
import dev.rapport.core.Persona;
import dev.rapport.core.Segment;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.Placement;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Engine;
import dev.rapport.dsl.RuleSetStep;
import dev.rapport.dsl.journey.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Rules are indexed by what they declare they look at ({@code whenDone}, {@code whenIn}, {@code
 * whenIs}, {@code whenReached}): a decision evaluates only the rules whose requirements the
 * customer can meet, plus the rules without requirements, and decides exactly as if every rule
 * had been evaluated.
 */
class IndexedRulesTest {
  private static final Instant T = Instant.parse("2026-09-07T08:00:00Z");
  private static final int RULES = 1_000;
  private static final int FREE_RULES = 5;

  private final MutableClock clock = new MutableClock(T);
  private final List<Action> actions = new ArrayList<>();
  private final AtomicInteger indexedEvaluations = new AtomicInteger();
  private final AtomicInteger freeEvaluations = new AtomicInteger();
  private final Placement slot = placement("catalogue", 3);

  IndexedRulesTest() {
    for (int k = 0; k < 40; k++) {
      actions.add(action("offer-" + k).topic("topic-" + (k % 13)).via(IN_APP)
          .value(1 + (k % 9) * 0.25).build());
    }
  }

  private Action actionOf(int i) {
    return actions.get(i % actions.size());
  }

  private static double weightOf(int i) {
    return 1 + (i % 7) * 0.1;
  }

  /** A thousand rules, each about one event type, with a condition that counts its calls. */
  private RuleSet indexed() {
    RuleSetStep step = rules("catalogue");
    for (int i = 0; i < RULES; i++) {
      String type = "type-" + i;
      step = step.rule("rule-" + i)
          .whenDone(type)
          .when(c -> indexedEvaluations.incrementAndGet() > 0)
          .recommend(actionOf(i))
          .because("did " + type)
          .weight(weightOf(i));
    }
    for (int f = 0; f < FREE_RULES; f++) {
      step = step.rule("free-" + f)
          .when(c -> freeEvaluations.incrementAndGet() > 0 && c.count("type-3") > 0)
          .recommend(actionOf(RULES + f))
          .because("free rule " + f)
          .weight(0.5);
    }
    return step.build();
  }

  /** The same rules, each looking at its event type inside an opaque condition. */
  private RuleSet unindexed() {
    RuleSetStep step = rules("catalogue");
    for (int i = 0; i < RULES; i++) {
      String type = "type-" + i;
      step = step.rule("rule-" + i)
          .when(c -> c.hasDone(type))
          .recommend(actionOf(i))
          .because("did " + type)
          .weight(weightOf(i));
    }
    for (int f = 0; f < FREE_RULES; f++) {
      step = step.rule("free-" + f)
          .when(c -> c.count("type-3") > 0)
          .recommend(actionOf(RULES + f))
          .because("free rule " + f)
          .weight(0.5);
    }
    return step.build();
  }

  private Engine engine(RuleSet rs) {
    return Engine.builder().clock(clock).rules(rs).build();
  }

  /** Has the customer do twenty of the thousand event types, spread over the range. */
  private static void doTwentyTypes(Engine engine, String id) {
    for (int k = 0; k < 20; k++) {
      int i = 3 + k * 49;
      engine.track(event(id, "type-" + i).at(T.minusSeconds(1_000 - k)));
    }
  }

  @Test
  void a_customer_who_did_twenty_of_a_thousand_event_types_costs_twenty_evaluations() {
    Engine engine = engine(indexed());
    doTwentyTypes(engine, "c-1");

    Decision d = engine.decide("c-1", slot);

    assertThat(indexedEvaluations.get()).isEqualTo(20);
    assertThat(freeEvaluations.get()).isEqualTo(FREE_RULES);
    assertThat(d.winners()).hasSize(3);
  }

  @Test
  void every_decision_evaluates_the_same_twenty_again() {
    Engine engine = engine(indexed());
    doTwentyTypes(engine, "c-1");

    engine.decide("c-1", slot);
    engine.decide("c-1", slot);
    engine.decide("c-1", slot);

    assertThat(indexedEvaluations.get()).isEqualTo(60);
  }

  @Test
  void rules_without_requirements_are_evaluated_for_everyone() {
    Engine engine = engine(indexed());

    Decision d = engine.decide("nobody-yet", slot);

    assertThat(indexedEvaluations.get()).isZero();
    assertThat(freeEvaluations.get()).isEqualTo(FREE_RULES);
    assertThat(d.winners()).isEmpty();
  }

  @Test
  void events_of_other_types_do_not_wake_any_indexed_rule() {
    Engine engine = engine(indexed());
    engine.track(event("c-1", "page_viewed").at(T.minusSeconds(10)));
    engine.track(event("c-1", "type-1000").at(T.minusSeconds(5)));

    engine.decide("c-1", slot);

    assertThat(indexedEvaluations.get()).isZero();
  }

  @Test
  void the_indexed_rule_set_decides_exactly_as_the_unindexed_one() {
    Engine withIndex = engine(indexed());
    Engine withoutIndex = engine(unindexed());
    List<Decision> indexedDecisions = new ArrayList<>();
    List<Decision> plainDecisions = new ArrayList<>();
    Placement wide = placement("wide", 8);

    for (Engine e : List.of(withIndex, withoutIndex)) {
      doTwentyTypes(e, "c-1");
      e.track(event("c-2", "type-998").at(T.minusSeconds(10)));
      e.track(event("c-2", "type-0").at(T.minusSeconds(9)));
      e.track(event("c-3", "page_viewed").at(T.minusSeconds(9)));
    }
    for (String id : List.of("c-1", "c-2", "c-3")) {
      indexedDecisions.add(withIndex.decide(id, wide));
      plainDecisions.add(withoutIndex.decide(id, wide));
    }

    assertThat(indexedDecisions).isEqualTo(plainDecisions);
    assertThat(indexedDecisions.get(0).winners()).hasSize(8);
    assertThat(indexedDecisions.get(0).rejected()).isNotEmpty();
    assertThat(indexedDecisions.get(1).winners()).extracting(r -> r.rules().get(0))
        .containsExactlyInAnyOrder("rule-998", "rule-0");
  }

  @Test
  void a_rule_with_two_requirements_is_evaluated_only_when_both_are_met() {
    AtomicInteger evaluations = new AtomicInteger();
    Action bundle = action("bundle").via(IN_APP).build();
    RuleSet rs = rules("bundles")
        .rule("grinder-and-kettle")
            .whenDone("grinder_bought")
            .whenDone("kettle_bought")
            .when(c -> evaluations.incrementAndGet() > 0)
            .recommend(bundle)
            .because("owns both")
        .build();
    Engine engine = engine(rs);
    engine.track(event("one", "kettle_bought").at(T.minusSeconds(10)));
    engine.track(event("both", "kettle_bought").at(T.minusSeconds(10)));
    engine.track(event("both", "grinder_bought").at(T.minusSeconds(5)));

    Decision one = engine.decide("one");
    int afterOne = evaluations.get();
    Decision both = engine.decide("both");

    assertThat(one.winners()).isEmpty();
    assertThat(afterOne).isZero();
    assertThat(both.winners()).hasSize(1);
    assertThat(evaluations.get()).isEqualTo(1);
  }

  @Test
  void segment_persona_and_moment_requirements_are_indexed_too() {
    AtomicInteger evaluations = new AtomicInteger();
    Segment vip = segment("vip").matching(c -> c.count("purchased") >= 3).build();
    Persona barista = persona("home-barista").matching(c -> c.hasDone("grinder_bought")).build();
    Moment activated = moment("activated").reachedOn("first_brew").build();
    RuleSet rs = rules("people")
        .rule("vip-thanks").whenIn(vip).when(c -> evaluations.incrementAndGet() > 0)
            .recommend(action("vip-thanks").via(IN_APP).build()).because("vip")
        .rule("barista-guide").whenIs(barista).when(c -> evaluations.incrementAndGet() > 0)
            .recommend(action("latte-art").via(IN_APP).build()).because("barista")
        .rule("activated-tips").whenReached(activated)
            .when(c -> evaluations.incrementAndGet() > 0)
            .recommend(action("next-steps").via(IN_APP).build()).because("activated")
        .build();
    Engine engine = Engine.builder().clock(clock).segments(vip).personas(barista)
        .moments(activated).rules(rs).build();
    engine.track(event("newcomer", "page_viewed").at(T.minusSeconds(60)));
    engine.track(event("regular", "grinder_bought").at(T.minusSeconds(60)));
    engine.track(event("regular", "first_brew").at(T.minusSeconds(50)));

    Decision newcomer = engine.decide("newcomer");
    int afterNewcomer = evaluations.get();
    Decision regular = engine.decide("regular");

    assertThat(afterNewcomer).isZero();
    assertThat(newcomer.winners()).isEmpty();
    assertThat(evaluations.get()).isEqualTo(2);
    assertThat(regular.winners()).extracting(r -> r.action().name())
        .containsExactlyInAnyOrder("latte-art", "next-steps");
  }
}
