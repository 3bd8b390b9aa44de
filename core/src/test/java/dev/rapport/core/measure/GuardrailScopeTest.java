package dev.rapport.core.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.rapport.core.engine.StateStore;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A guardrail on a metric that no message caused (CSAT from survey answers) pauses one chosen
 * journey, action or channel and nothing else; its pauses are kept with their values at both
 * ends, queryable, on the dashboard and across a restart; its listeners hear the engine's time.
 */
class GuardrailScopeTest {
  private static final Instant T0 = Instant.parse("2024-03-04T10:00:00Z");

  private final MutableClock clock = new MutableClock(T0);
  private final List<Dispatch> outbox = new ArrayList<>();
  private final List<GuardrailChange> changes = new ArrayList<>();

  private final Action promo = Action.builder("spring-promo").topic("promo")
      .via(Channel.IN_APP).build();
  private final Action tips = Action.builder("tips").topic("help").via(Channel.IN_APP).build();
  private final Journey promotion = Journey.builder("promotion")
      .enterOn(Trigger.onEvent("browsed")).steps(SendStep.of(promo)).build();
  private final Journey onboarding = Journey.builder("onboarding")
      .enterOn(Trigger.onEvent("browsed")).steps(SendStep.of(tips)).build();
  private final RuleSet help = RuleSet.builder("help")
      .rule(Rule.builder("tips").when(c -> true).recommend(tips).because("always").build())
      .build();
  private final Guardrail satisfied = Guardrail.on(Metrics.csat()).above(0.7).minSample(10)
      .pausingJourney("promotion");

  private Engine engine(StateStore store, Guardrail guardrail) {
    return Engine.builder().clock(clock).stateStore(store).journeys(promotion, onboarding)
        .rules(help).guardrail(guardrail)
        .guardrailListener(new GuardrailListener() {
          @Override
          public void onChange(GuardrailChange change) {
            changes.add(change);
          }
        })
        .dispatcher(outbox::add).build();
  }

  /** Survey answers, tied to no message: {@code happy} scores 5, the others 1. */
  private void answers(Engine engine, int happy, int unhappy) {
    for (int i = 0; i < happy + unhappy; i++) {
      engine.track(Event.builder("respondent-" + clock.instant() + "-" + i,
          EventTypes.SURVEY_ANSWERED).with(EventTypes.KIND, "csat")
          .with(EventTypes.SCORE, i < happy ? 5 : 1).at(clock.instant()));
    }
  }

  private List<String> sent(String customer) {
    return outbox.stream().filter(d -> d.customer().value().equals(customer))
        .map(d -> d.action().name()).toList();
  }

  @Test
  void a_csat_guardrail_pauses_one_journey_and_nothing_else() {
    Engine engine = engine(StateStore.inMemory(), satisfied);
    answers(engine, 4, 6);

    engine.track(Event.of("ada", "browsed", clock.instant()));
    Decision decision = engine.decide("ada");

    assertThat(engine.guardrails()).singleElement().satisfies(g -> {
      assertThat(g.breached()).isTrue();
      assertThat(g.protects()).isEqualTo("journey promotion");
      assertThat(g.guardrail()).isEqualTo("csat above 0.7 (min 10, pausing journey promotion)");
    });
    assertThat(sent("ada")).containsExactly("tips");
    assertThat(engine.explain("ada").enrollment("promotion").orElseThrow().toString())
        .contains("GUARDRAIL_PAUSED");
    assertThat(decision.winners()).extracting(r -> r.action().name()).containsExactly("tips");
  }

  @Test
  void the_pause_lifts_when_the_metric_recovers_and_its_history_is_kept_with_both_ends() {
    Engine engine = engine(StateStore.inMemory(), satisfied);
    answers(engine, 4, 6);
    Instant breach = clock.instant();
    clock.advance(Duration.ofHours(2));
    answers(engine, 30, 0);
    Instant recovery = clock.instant();
    clock.advance(Duration.ofHours(1));

    engine.track(Event.of("bob", "browsed", clock.instant()));
    GuardrailPauses pauses = engine.guardrailPauses(satisfied, T0, clock.instant());

    assertThat(sent("bob")).containsExactlyInAnyOrder("spring-promo", "tips");
    assertThat(pauses.guardrail()).isEqualTo(satisfied.toString());
    assertThat(pauses.forgotten()).isZero();
    assertThat(pauses.pauses()).singleElement().satisfies(p -> {
      assertThat(p.from()).isEqualTo(breach);
      assertThat(p.until()).contains(recovery);
      assertThat(p.value()).isEqualTo(0.4);
      assertThat(p.sample()).isEqualTo(10);
      assertThat(p.recoveryValue()).isGreaterThan(0.77);
      assertThat(p.recoverySample()).isGreaterThanOrEqualTo(10);
      assertThat(p.paused()).isEqualTo("journey promotion");
    });
    assertThat(engine.guardrailPauses(satisfied, recovery.plusSeconds(1), clock.instant())
        .pauses()).isEmpty();
    assertThat(engine.dashboard().guardrailHistory()).singleElement()
        .satisfies(h -> assertThat(h.pauses()).hasSize(1));
  }

  @Test
  void listeners_hear_the_engines_time_and_the_pause() {
    Engine engine = engine(StateStore.inMemory(), satisfied);

    answers(engine, 4, 6);
    clock.advance(Duration.ofHours(2));
    answers(engine, 30, 0);

    assertThat(changes).extracting(GuardrailChange::breached).containsExactly(true, false);
    assertThat(changes.get(0).at()).isEqualTo(T0);
    assertThat(changes.get(0).pause().isOpen()).isTrue();
    assertThat(changes.get(1).at()).isEqualTo(T0.plus(Duration.ofHours(2)));
    assertThat(changes.get(1).pause().until()).contains(T0.plus(Duration.ofHours(2)));
    assertThat(changes.get(1).state().breached()).isFalse();
  }

  @Test
  void the_pause_history_survives_a_restart() {
    StateStore store = StateStore.inMemory();
    Engine first = engine(store, satisfied);
    answers(first, 4, 6);

    Engine second = engine(store, satisfied);
    second.track(Event.of("cy", "browsed", clock.instant()));

    assertThat(second.guardrailPauses(satisfied, T0, clock.instant().plusSeconds(1)).pauses())
        .singleElement().satisfies(p -> assertThat(p.isOpen()).isTrue());
    assertThat(sent("cy")).containsExactly("tips");
  }

  @Test
  void a_guardrail_can_pause_one_action_or_one_channel_on_the_global_value() {
    Engine byAction = engine(StateStore.inMemory(), Guardrail.on(Metrics.csat()).above(0.7)
        .minSample(10).pausingAction("tips"));
    answers(byAction, 0, 10);
    byAction.track(Event.of("ada", "browsed", clock.instant()));
    List<String> actionPaused = sent("ada");
    outbox.clear();
    Engine byChannel = engine(StateStore.inMemory(), Guardrail.on(Metrics.csat()).above(0.7)
        .minSample(10).pausingChannel(Channel.IN_APP));
    answers(byChannel, 0, 10);
    byChannel.track(Event.of("bob", "browsed", clock.instant()));

    assertThat(actionPaused).containsExactly("spring-promo");
    assertThat(sent("bob")).isEmpty();
  }

  @Test
  void watching_a_journey_needs_a_breakdown_and_the_message_says_how_else() {
    assertThatThrownBy(() -> engine(StateStore.inMemory(), Guardrail.on(Metrics.csat())
        .above(0.7).forJourney("promotion")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("engine: guardrail 'csat above 0.7 (min 30, journey promotion)' watches one "
            + "journey but metric 'csat' does not break down by it; use "
            + "metric.by(Breakdown.JOURNEY), or watch its global value with "
            + "pausingJourney(...) instead");
    assertThatThrownBy(() -> Guardrail.on(Metrics.csat()).above(0.7).forJourney("a")
        .pausingAction("b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("guardrail on 'csat': already protects journey a; a guardrail protects one "
            + "journey, action or channel: declare one guardrail for each");
    assertThat(satisfied.dimension()).isEqualTo("global");
    assertThat(satisfied.scope()).isEqualTo(Guardrail.Scope.JOURNEY);
  }

  @Test
  void asking_for_the_pauses_of_an_unknown_guardrail_says_which_there_are() {
    Engine engine = engine(StateStore.inMemory(), satisfied);

    assertThatThrownBy(() -> engine.guardrailPauses(Guardrail.on(Metrics.csat()).above(0.9),
        T0, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("guardrailPauses: the engine has no guardrail 'csat above 0.9 (min 30)'; "
            + "its guardrails are [csat above 0.7 (min 10, pausing journey promotion)]");
    assertThatThrownBy(() -> engine.guardrailPauses(satisfied, T0, T0.minusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("guardrailPauses(guardrail, from, to): to 2024-03-04T09:59:59Z is before "
            + "from 2024-03-04T10:00:00Z; give a period that ends after it starts");
  }

  @Test
  void a_flapping_guardrail_keeps_its_latest_pauses_and_counts_those_it_forgot() {
    Guardrail tight = Guardrail.on(Metrics.csat()).above(0.5).minSample(1).recoverAt(0.5);
    Engine engine = Engine.builder().clock(clock).guardrail(tight).build();

    // last-answer flaps: an unhappy answer breaches, a happy one recovers (a 90-day window)
    for (int i = 0; i < 1_005; i++) {
      clock.advance(Duration.ofSeconds(1));
      engine.track(Event.builder("u-" + i, EventTypes.SURVEY_ANSWERED)
          .with(EventTypes.KIND, "csat").with(EventTypes.SCORE, 1).at(clock.instant()));
      clock.advance(Duration.ofSeconds(1));
      for (int k = 0; k < 2 * i + 2; k++) {
        engine.track(Event.builder("h-" + i + "-" + k, EventTypes.SURVEY_ANSWERED)
            .with(EventTypes.KIND, "csat").with(EventTypes.SCORE, 5).at(clock.instant()));
        if (!engine.guardrails().get(0).breached()) {
          break;
        }
      }
    }
    GuardrailPauses all = engine.guardrailPauses(tight, T0, clock.instant().plusSeconds(1));

    assertThat(all.pauses()).hasSize(1_000);
    assertThat(all.forgotten()).isEqualTo(5);
  }
}
