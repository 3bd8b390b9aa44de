package dev.rapport.core.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.MutableClock;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Closed-loop feedback: survey answers carry themes, aggregated per theme; resolving a theme
 * tells exactly the customers who raised it, through a {@code theme_resolved} event that a
 * journey can start on.
 */
class ThemesTest {
  private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
  private static final String SLOW_SYNC = "slow sync";
  private static final String PRICING = "pricing";

  private final MutableClock clock = new MutableClock(T0);
  private final List<Dispatch> outbox = new ArrayList<>();

  private final Action weFixedIt = Action.builder("we-fixed-it").via(Channel.IN_APP).build();
  private final Journey youAsked = Journey.builder("you-asked-we-fixed")
      .enterOn(Trigger.onEvent(EventTypes.THEME_RESOLVED,
          p -> SLOW_SYNC.equals(p.get(EventTypes.THEME))))
      .steps(SendStep.of(weFixedIt)).build();

  private final Engine engine = Engine.builder().clock(clock).journeys(youAsked)
      .dispatcher(outbox::add).build();

  private void answer(String customer, int score, Instant at, String... themes) {
    clock.set(at);
    engine.track(Event.builder(customer, EventTypes.SURVEY_ANSWERED)
        .with(EventTypes.KIND, "csat").with(EventTypes.SCORE, score)
        .with(EventTypes.THEMES, List.of(themes)).at(at));
  }

  private List<String> toldOf(String customer) {
    return engine.customer(customer).orElseThrow().history(EventTypes.THEME_RESOLVED).stream()
        .map(e -> e.properties().get(EventTypes.THEME) + " at " + e.time()).toList();
  }

  private List<String> dispatchedTo() {
    return outbox.stream().map(d -> d.customer().value() + " " + d.action().name()).toList();
  }

  private static Instant at(long hours) {
    return T0.plus(Duration.ofHours(hours));
  }

  /** a and b raise slow sync, a and c pricing, d answers with no theme. */
  private void fourAnswers() {
    answer("a", 2, T0, SLOW_SYNC, PRICING);
    answer("b", 4, at(1), SLOW_SYNC);
    answer("c", 5, at(2), PRICING);
    answer("d", 4, at(3));
  }

  @Test
  void answers_are_aggregated_per_theme_most_raised_first() {
    answer("a", 2, T0, SLOW_SYNC, PRICING);
    answer("a", 3, at(1), SLOW_SYNC);
    answer("b", 4, at(2), SLOW_SYNC);
    answer("c", 5, at(3), PRICING);
    answer("d", 4, at(4));
    clock.set(at(5));

    engine.track(Event.builder("e", EventTypes.SURVEY_ANSWERED).with(EventTypes.KIND, "csat")
        .with(EventTypes.SCORE, 1).with(EventTypes.THEMES, "onboarding").at(at(5)));

    assertThat(engine.dashboard().themes()).containsExactly(
        new ThemeStats(SLOW_SYNC, 3, 2, Map.of("csat", 3.0), false),
        new ThemeStats(PRICING, 2, 2, Map.of("csat", 3.5), false),
        new ThemeStats("onboarding", 1, 1, Map.of("csat", 1.0), false));
  }

  @Test
  void theme_raised_by_answers_without_a_score_has_no_mean() {
    engine.track(Event.builder("a", EventTypes.SURVEY_ANSWERED).with(EventTypes.KIND, "csat")
        .with(EventTypes.THEMES, List.of("docs")).at(T0));

    List<ThemeStats> themes = engine.dashboard().themes();

    assertThat(themes).containsExactly(new ThemeStats("docs", 1, 1, Map.of(), false));
  }

  @Test
  void mean_score_is_kept_per_survey_kind_so_that_scales_are_not_mixed() {
    answer("a", 2, T0, PRICING);
    answer("b", 4, at(1), PRICING);
    clock.set(at(4));

    engine.track(Event.builder("c", EventTypes.SURVEY_ANSWERED).with(EventTypes.KIND, "nps")
        .with(EventTypes.SCORE, 3).with(EventTypes.THEMES, PRICING).at(at(2)));
    engine.track(Event.builder("d", EventTypes.SURVEY_ANSWERED).with(EventTypes.KIND, "nps")
        .with(EventTypes.SCORE, 6).with(EventTypes.THEMES, PRICING).at(at(3)));
    engine.track(Event.builder("e", EventTypes.SURVEY_ANSWERED).with(EventTypes.SCORE, 1)
        .with(EventTypes.THEMES, PRICING).at(at(4)));

    assertThat(engine.dashboard().themes()).containsExactly(new ThemeStats(PRICING, 5, 5,
        Map.of("csat", 3.0, "nps", 4.5, "unknown", 1.0), false));
    assertThat(engine.dashboard().themes().get(0).meanScores().keySet())
        .containsExactly("csat", "nps", "unknown");
  }

  @Test
  void duplicate_answer_is_counted_once() {
    Event once = Event.builder("a", EventTypes.SURVEY_ANSWERED).with(EventTypes.KIND, "csat")
        .with(EventTypes.SCORE, 2).with(EventTypes.THEMES, List.of(SLOW_SYNC)).at(T0);
    engine.track(once);

    engine.track(once);

    assertThat(engine.dashboard().themes())
        .containsExactly(new ThemeStats(SLOW_SYNC, 1, 1, Map.of("csat", 2.0), false));
  }

  @Test
  void no_answer_means_no_theme() {
    answer("a", 4, T0);

    assertThat(engine.dashboard().themes()).isEmpty();
  }

  @Test
  void resolving_a_theme_reaches_exactly_the_customers_who_raised_it() {
    fourAnswers();
    clock.set(at(10));

    int told = engine.resolveTheme(SLOW_SYNC);

    assertThat(told).isEqualTo(2);
    assertThat(dispatchedTo()).containsExactly("a we-fixed-it", "b we-fixed-it");
    assertThat(toldOf("a")).containsExactly(SLOW_SYNC + " at " + at(10));
    assertThat(toldOf("b")).containsExactly(SLOW_SYNC + " at " + at(10));
    assertThat(toldOf("c")).isEmpty();
    assertThat(toldOf("d")).isEmpty();
    assertThat(engine.dashboard().themes()).containsExactly(
        new ThemeStats(PRICING, 2, 2, Map.of("csat", 3.5), false),
        new ThemeStats(SLOW_SYNC, 2, 2, Map.of("csat", 3.0), true));
  }

  @Test
  void resolving_another_theme_does_not_start_a_journey_waiting_for_this_one() {
    fourAnswers();
    clock.set(at(10));

    int told = engine.resolveTheme(PRICING);

    assertThat(told).isEqualTo(2);
    assertThat(toldOf("a")).containsExactly(PRICING + " at " + at(10));
    assertThat(toldOf("c")).containsExactly(PRICING + " at " + at(10));
    assertThat(toldOf("b")).isEmpty();
    assertThat(outbox).isEmpty();
  }

  @Test
  void resolving_a_theme_nobody_raised_tells_nobody() {
    fourAnswers();

    int told = engine.resolveTheme("dark mode");

    assertThat(told).isZero();
    assertThat(outbox).isEmpty();
    assertThat(engine.dashboard().themes()).extracting(ThemeStats::theme)
        .containsExactly(PRICING, SLOW_SYNC);
  }

  @Test
  void resolving_a_theme_twice_at_the_same_instant_tells_nobody_twice() {
    fourAnswers();
    clock.set(at(10));
    engine.resolveTheme(SLOW_SYNC);

    int again = engine.resolveTheme(SLOW_SYNC);

    assertThat(again).isZero();
    assertThat(toldOf("a")).hasSize(1);
    assertThat(outbox).hasSize(2);
  }

  @Test
  void forgotten_customer_is_removed_from_the_theme_and_not_told() {
    fourAnswers();

    engine.forget("a");
    clock.set(at(10));
    int told = engine.resolveTheme(SLOW_SYNC);

    assertThat(told).isEqualTo(1);
    assertThat(dispatchedTo()).containsExactly("b we-fixed-it");
    assertThat(engine.customer("a")).isEmpty();
    assertThat(engine.dashboard().themes()).filteredOn(t -> t.theme().equals(SLOW_SYNC))
        .singleElement().satisfies(t -> assertThat(t.customers()).isEqualTo(1));
    assertThat(engine.dashboard().themes()).filteredOn(t -> t.theme().equals(PRICING))
        .singleElement().satisfies(t -> assertThat(t.customers()).isEqualTo(1));
  }

  @Test
  void resolving_a_blank_theme_is_refused() {
    assertThatThrownBy(() -> engine.resolveTheme(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("resolveTheme theme name is blank (\" \"); give it a non-blank name");
  }
}
