package dev.rapport.dsl.decision;

import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.persona;
import static dev.rapport.dsl.Rapport.placement;
import static dev.rapport.dsl.Rapport.rules;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Action;
import dev.rapport.core.Persona;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.Placement;
import dev.rapport.core.decision.PropensityModel;
import dev.rapport.core.decision.Recommendation;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.StateStore;
import dev.rapport.dsl.journey.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The adaptive model (Thompson sampling) in a simulated population, its determinism, and the
 * attribution of outcomes to impressions, read through the shared counts it keeps in the state
 * store.
 */
class AdaptivePropensityTest {
  private static final Instant T = Instant.parse("2026-07-01T09:00:00Z");

  private final Action good = action("good-offer").topic("offer").via(IN_APP).build();
  private final Action poor = action("poor-offer").topic("offer").via(IN_APP).build();
  private final Map<String, Double> clickRate = Map.of("good-offer", 0.30, "poor-offer", 0.05);
  private final RuleSet offers = rules("offers")
      .rule("good").recommend(good).because("an offer")
      .rule("poor").recommend(poor).because("another offer")
      .build();
  private final Placement slot = placement("home-slot", 1, IN_APP);

  /** Trials and successes of an action in a group, as the model counts them in the store. */
  private record Counts(long trials, long successes) {}

  private static Counts counts(StateStore store, String action, String group) {
    String key = "adaptive-propensity/" + action + "/" + group;
    return new Counts(store.counter(key + "/trials"), store.counter(key + "/successes"));
  }

  private Engine adaptiveEngine(MutableClock clock, StateStore store, long seed) {
    return Engine.builder().clock(clock).stateStore(store).rules(offers)
        .propensity(PropensityModel.adaptive(seed)).seed(seed).build();
  }

  /**
   * Each customer in turn gets a decision and clicks the winner with its action's click rate,
   * drawn from the test's own seeded source; returns the winners in order.
   */
  private List<String> simulate(int customers, long seed) {
    MutableClock clock = new MutableClock(T);
    Engine engine = adaptiveEngine(clock, StateStore.inMemory(), seed);
    SplittableRandom world = new SplittableRandom(20_260_701L);
    List<String> shown = new ArrayList<>(customers);
    for (int i = 0; i < customers; i++) {
      String id = "c-" + i;
      clock.advance(Duration.ofMinutes(1));
      Recommendation r = engine.decide(id, slot).best().orElseThrow();
      String name = r.action().name();
      shown.add(name);
      if (world.nextDouble() < clickRate.get(name)) {
        engine.track(event(id, "clicked").with("impression_id", r.impressionId())
            .at(clock.instant().plusSeconds(5)));
      }
    }
    return shown;
  }

  @Test
  void learns_to_recommend_the_action_with_the_higher_click_rate() {
    List<String> shown = simulate(2_000, 7L);

    long goodInLast500 = shown.subList(1_500, 2_000).stream()
        .filter("good-offer"::equals).count();
    assertThat(goodInLast500).isGreaterThanOrEqualTo(375);
  }

  @Test
  void explores_both_actions_before_it_has_learnt() {
    List<String> shown = simulate(200, 7L);

    assertThat(shown.subList(0, 50)).contains("good-offer", "poor-offer");
  }

  @Test
  void the_same_population_and_seed_give_the_same_recommendations() {
    List<String> first = simulate(600, 11L);
    List<String> second = simulate(600, 11L);

    assertThat(second).isEqualTo(first);
  }

  @Test
  void another_seed_draws_another_sequence() {
    List<String> first = simulate(300, 11L);
    List<String> other = simulate(300, 12L);

    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void an_impression_is_a_trial_and_a_click_on_it_a_success() {
    MutableClock clock = new MutableClock(T);
    StateStore store = StateStore.inMemory();
    Engine engine = adaptiveEngine(clock, store, 3L);

    Recommendation r = engine.decide("c-1", slot).best().orElseThrow();
    Counts afterImpression = counts(store, r.action().name(), "*");
    engine.track(event("c-1", "clicked").with("impression_id", r.impressionId())
        .at(T.plusSeconds(10)));

    assertThat(afterImpression).isEqualTo(new Counts(1, 0));
    assertThat(counts(store, r.action().name(), "*")).isEqualTo(new Counts(1, 1));
    assertThat(r.propensityNote()).startsWith("Thompson draw from Beta(1, 1) of group *");
  }

  @Test
  void a_second_click_on_the_same_impression_is_not_counted_again() {
    MutableClock clock = new MutableClock(T);
    StateStore store = StateStore.inMemory();
    Engine engine = adaptiveEngine(clock, store, 3L);
    Recommendation r = engine.decide("c-1", slot).best().orElseThrow();

    engine.track(event("c-1", "clicked").with("impression_id", r.impressionId())
        .at(T.plusSeconds(10)));
    engine.track(event("c-1", "converted").with("impression_id", r.impressionId())
        .at(T.plusSeconds(20)));
    engine.track(event("c-1", "clicked").with("impression_id", r.impressionId())
        .at(T.plusSeconds(30)));

    assertThat(counts(store, r.action().name(), "*")).isEqualTo(new Counts(1, 1));
  }

  @Test
  void a_dismissal_is_attributed_once_and_answers_the_impression() {
    MutableClock clock = new MutableClock(T);
    StateStore store = StateStore.inMemory();
    Engine engine = adaptiveEngine(clock, store, 3L);
    Recommendation r = engine.decide("c-1", slot).best().orElseThrow();

    engine.track(event("c-1", "dismissed").with("impression_id", r.impressionId())
        .at(T.plusSeconds(10)));
    engine.track(event("c-1", "clicked").with("impression_id", r.impressionId())
        .at(T.plusSeconds(20)));

    assertThat(counts(store, r.action().name(), "*")).isEqualTo(new Counts(1, 0));
  }

  @Test
  void an_outcome_naming_an_unknown_impression_teaches_nothing() {
    MutableClock clock = new MutableClock(T);
    StateStore store = StateStore.inMemory();
    Engine engine = adaptiveEngine(clock, store, 3L);
    Recommendation r = engine.decide("c-1", slot).best().orElseThrow();

    engine.track(event("c-1", "clicked").with("impression_id", "i:not-a-real-one")
        .at(T.plusSeconds(10)));
    engine.track(event("c-2", "clicked").with("impression_id", r.impressionId())
        .at(T.plusSeconds(10)));

    assertThat(counts(store, r.action().name(), "*")).isEqualTo(new Counts(1, 0));
  }

  @Test
  void an_outcome_of_a_sent_decision_is_attributed_through_its_dispatch_id() {
    MutableClock clock = new MutableClock(T);
    StateStore store = StateStore.inMemory();
    List<Dispatch> outbox = new ArrayList<>();
    Engine engine = Engine.builder().clock(clock).stateStore(store).rules(offers)
        .propensity(PropensityModel.adaptive(3L)).dispatcher(outbox::add).build();

    Decision d = engine.decideAndSend("c-1", slot);
    engine.track(event("c-1", "clicked").with("dispatch_id", outbox.get(0).id())
        .at(T.plusSeconds(10)));

    assertThat(outbox).hasSize(1);
    assertThat(outbox.get(0).id()).isEqualTo(d.best().orElseThrow().impressionId());
    assertThat(counts(store, outbox.get(0).action().name(), "*")).isEqualTo(new Counts(1, 1));
  }

  @Test
  void counts_are_kept_per_persona_and_for_everyone() {
    MutableClock clock = new MutableClock(T);
    StateStore store = StateStore.inMemory();
    Persona powerUser = persona("power-user").matching(c -> c.count("logged_in") >= 3).build();
    Engine engine = Engine.builder().clock(clock).stateStore(store).personas(powerUser)
        .rules(offers).propensity(PropensityModel.adaptive(3L)).build();
    for (int i = 0; i < 3; i++) {
      engine.track(event("c-1", "logged_in").at(T.minusSeconds(60L * (i + 1))));
    }

    Recommendation r = engine.decide("c-1", slot).best().orElseThrow();
    engine.track(event("c-1", "clicked").with("impression_id", r.impressionId())
        .at(T.plusSeconds(10)));

    assertThat(counts(store, r.action().name(), "power-user")).isEqualTo(new Counts(1, 1));
    assertThat(counts(store, r.action().name(), "*")).isEqualTo(new Counts(1, 1));
  }

  @Test
  void the_counts_survive_a_new_engine_on_the_same_store() {
    MutableClock clock = new MutableClock(T);
    StateStore store = StateStore.inMemory();
    Engine first = adaptiveEngine(clock, store, 3L);
    for (int i = 0; i < 30; i++) {
      Recommendation r = first.decide("c-" + i, slot).best().orElseThrow();
      if (r.action().name().equals("good-offer")) {
        first.track(event("c-" + i, "clicked").with("impression_id", r.impressionId())
            .at(T.plusSeconds(i)));
      }
    }
    Map<String, Counts> learnt = Map.of("good-offer", counts(store, "good-offer", "*"),
        "poor-offer", counts(store, "poor-offer", "*"));

    Engine second = adaptiveEngine(clock, store, 3L);
    Recommendation next = second.decide("c-new", slot).best().orElseThrow();

    Counts c = learnt.get(next.action().name());
    assertThat(learnt.get("good-offer").trials() + learnt.get("poor-offer").trials())
        .isEqualTo(30);
    assertThat(next.propensityNote()).isEqualTo("Thompson draw from Beta(" + (1 + c.successes())
        + ", " + (1 + c.trials() - c.successes()) + ") of group *");
  }

  @Test
  void two_decisions_in_the_same_instant_are_two_impressions_each_attributed_once() {
    MutableClock clock = new MutableClock(T);
    StateStore store = StateStore.inMemory();
    Engine engine = adaptiveEngine(clock, store, 3L);
    Recommendation first = engine.decide("c-1", slot).best().orElseThrow();
    Recommendation again = engine.decide("c-1", slot).best().orElseThrow();

    engine.track(event("c-1", "clicked").with("impression_id", first.impressionId())
        .at(T.plusSeconds(10)));
    engine.track(event("c-1", "clicked").with("impression_id", first.impressionId())
        .at(T.plusSeconds(20)));

    assertThat(again.impressionId()).isNotEqualTo(first.impressionId());
    assertThat(counts(store, first.action().name(), "*").successes()).isEqualTo(1);
  }
}
