package dev.rapport.core.measure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.EngagementLevel;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.LifecycleStage;
import dev.rapport.core.Moment;
import dev.rapport.core.Traits;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.MutableClock;
import dev.rapport.core.journey.Goal;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.JourneyStats;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.Trigger;
import dev.rapport.core.journey.WaitStep;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What {@code engine.dashboard()} assembles from a small program: the north star, every metric,
 * every guardrail, a funnel per journey, moments with reach and time to moment, the engagement
 * and lifecycle distributions, the holdout experiment and the survey themes. (The module
 * rapport-report renders it; trends and pauses are in {@link TrendsAndPausesTest}.)
 */
class DashboardAssemblyTest {
  private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

  private final MutableClock clock = new MutableClock(T0);

  private final Moment activated = Moment.builder("activated").reachedOn("first_sync").build();
  private final Moment collaborating = Moment.builder("collaborating")
      .reachedOn("teammate_invited").build();
  private final Action welcome = Action.builder("welcome").via(Channel.IN_APP).build();
  private final Action tip = Action.builder("tip").via(Channel.IN_APP).build();
  private final Journey onboarding = Journey.builder("onboarding")
      .enterOn(Trigger.onEvent("signed_up")).holdout(0.5).goal(Goal.moment(activated))
      .steps(SendStep.of(welcome), WaitStep.of(Duration.ofDays(14))).build();
  private final Journey tips = Journey.builder("tips").enterOn(Trigger.onEvent("tip_me"))
      .steps(SendStep.of(tip)).build();
  private final Metric activation = Metrics.activation(activated, "signed_up",
      Duration.ofDays(7));

  private final Engine engine = Engine.builder().name("Acme").clock(clock)
      .moments(activated, collaborating).journeys(tips, onboarding)
      .metrics(Metrics.csat(), Metrics.unsubscribeRate()).northStar(activation)
      .guardrail(Guardrail.on(Metrics.unsubscribeRate()).below(0.5).minSample(100))
      .dispatcher(d -> { }).build();

  private void track(String customer, String type, long minutes) {
    Instant at = T0.plus(Duration.ofMinutes(minutes));
    clock.set(at);
    engine.track(Event.of(customer, type, at));
  }

  private void csat(String customer, int score, long minutes, String... themes) {
    Instant at = T0.plus(Duration.ofMinutes(minutes));
    clock.set(at);
    engine.track(Event.builder(customer, EventTypes.SURVEY_ANSWERED)
        .with(EventTypes.KIND, "csat").with(EventTypes.SCORE, score)
        .with(EventTypes.THEMES, List.of(themes)).at(at));
  }

  private static long hours(long h) {
    return h * 60;
  }

  /**
   * Five sign-ups; c-1 logs in three times (high), activates after 2 hours and invites a
   * teammate after a day; c-2 activates after 4 hours and collaborates after 10; c-3 activates
   * after 6 hours and answers a poor CSAT (disaffected); c-4 collaborates after 3 hours without
   * activating; c-5 asks for a tip; c-6 is only identified.
   */
  private void program() {
    for (String c : List.of("c-1", "c-2", "c-3", "c-4", "c-5")) {
      track(c, "signed_up", 0);
    }
    track("c-1", "logged_in", hours(1));
    track("c-5", "tip_me", hours(1));
    track("c-1", "logged_in", hours(2));
    track("c-1", "first_sync", hours(2));
    track("c-1", "logged_in", hours(3));
    track("c-4", "teammate_invited", hours(3));
    track("c-2", "first_sync", hours(4));
    csat("c-2", 5, hours(5), "slow sync");
    track("c-3", "first_sync", hours(6));
    csat("c-3", 2, hours(7), "slow sync", "pricing");
    track("c-2", "teammate_invited", hours(10));
    track("c-1", "teammate_invited", hours(24));
    engine.identify("c-6", Traits.empty());
    clock.set(T0.plus(Duration.ofHours(25)));
  }

  private static <K extends Enum<K>> Map<K, Long> counts(Class<K> type, Map<K, Long> nonZero) {
    Map<K, Long> all = new EnumMap<>(type);
    for (K k : type.getEnumConstants()) {
      all.put(k, nonZero.getOrDefault(k, 0L));
    }
    return all;
  }

  @Test
  void dashboard_holds_the_north_star_metrics_guardrails_and_themes() {
    program();

    Dashboard d = engine.dashboard();

    JourneyStats funnel = engine.journeyStats("onboarding");
    long dispatches = funnel.treated() + 1;
    assertThat(d.title()).isEqualTo("Acme");
    assertThat(d.at()).isEqualTo(T0.plus(Duration.ofHours(25)));
    assertThat(d.customers()).isEqualTo(6);
    assertThat(d.northStar())
        .contains(new MetricValue("activation", "global", 0.6, 5, "all time"));
    assertThat(d.metrics()).containsExactlyInAnyOrder(
        new MetricValue("csat", "global", 0.5, 2, "last 90 days"),
        new MetricValue("unsubscribe_rate", "global", 0.0, dispatches, "last 30 days"),
        new MetricValue("activation", "global", 0.6, 5, "all time"));
    assertThat(d.guardrails()).containsExactly(new GuardrailState(
        "unsubscribe_rate below 0.5 (min 100)", "everything", false, 0.0, dispatches,
        Optional.empty()));
    assertThat(d.definitions()).containsOnlyKeys("csat", "unsubscribe_rate", "activation");
    assertThat(d.definition("csat")).map(Metric::kind).contains(Metric.Kind.SHARE);
    assertThat(d.themes()).containsExactly(
        new ThemeStats("slow sync", 2, 2, Map.of("csat", 3.5), false),
        new ThemeStats("pricing", 1, 1, Map.of("csat", 2.0), false));
  }

  @Test
  void dashboard_holds_a_funnel_per_journey_and_the_holdout_experiment() {
    program();

    Dashboard d = engine.dashboard();

    JourneyStats onboardingFunnel = engine.journeyStats("onboarding");
    assertThat(d.funnels()).containsExactly(onboardingFunnel, engine.journeyStats("tips"));
    assertThat(onboardingFunnel.entered()).isEqualTo(5);
    assertThat(onboardingFunnel.converted()).isEqualTo(3);
    assertThat(engine.journeyStats("tips").entered()).isEqualTo(1);
    assertThat(d.experiments()).singleElement().satisfies(x -> {
      assertThat(x.journey()).isEqualTo("onboarding");
      assertThat(x.experiment()).isEqualTo("holdout");
      assertThat(x.control()).isEqualTo(new ArmResult("holdout", onboardingFunnel.heldOut(),
          onboardingFunnel.convertedHeldOut()));
      assertThat(x.treatment()).isEqualTo(new ArmResult("treated", onboardingFunnel.treated(),
          onboardingFunnel.convertedTreated()));
    });
  }

  @Test
  void dashboard_holds_moments_in_declaration_order_with_reach_time_and_drop_off() {
    program();

    Dashboard d = engine.dashboard();

    assertThat(d.moments()).containsExactly(
        new MomentReach("activated", 3, 6, Optional.of(Duration.ofHours(4)), Optional.empty(),
            Optional.empty()),
        new MomentReach("collaborating", 3, 6, Optional.of(Duration.ofHours(10)),
            Optional.of("activated"), Optional.of(2.0 / 3)));
    assertThat(d.moments().get(0).share()).isEqualTo(0.5);
  }

  @Test
  void dashboard_distributions_add_up_to_the_customers_with_a_standing() {
    program();

    Dashboard d = engine.dashboard();

    assertThat(d.engagement()).isEqualTo(counts(EngagementLevel.class, Map.of(
        EngagementLevel.HIGH, 1L, EngagementLevel.LOW_ORGANIC, 4L,
        EngagementLevel.LOW_DISAFFECTED, 1L)));
    assertThat(d.lifecycle()).isEqualTo(counts(LifecycleStage.class, Map.of(
        LifecycleStage.NEW, 5L, LifecycleStage.AT_RISK, 1L)));
    assertThat(d.engagement().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(d.customers());
    assertThat(d.lifecycle().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(d.customers());
  }

  @Test
  void dashboard_distributions_follow_changes_over_time_and_forgotten_customers() {
    program();

    engine.advanceTo(T0.plus(Duration.ofDays(40)));
    engine.forget("c-3");
    Dashboard d = engine.dashboard();

    // c-1 engaged last on day 0 (disengaged after 30 days); the others never engaged and are
    // disengaged after 30 days from their first event
    assertThat(d.customers()).isEqualTo(5);
    assertThat(d.engagement()).isEqualTo(counts(EngagementLevel.class, Map.of(
        EngagementLevel.DISENGAGED, 4L, EngagementLevel.LOW_ORGANIC, 1L)));
    assertThat(d.lifecycle()).isEqualTo(counts(LifecycleStage.class, Map.of(
        LifecycleStage.AT_RISK, 4L, LifecycleStage.NEW, 1L)));
  }

  @Test
  void dashboard_of_an_engine_with_nothing_tracked_is_empty_and_renders() {
    Engine empty = Engine.builder().clock(clock).build();

    Dashboard d = empty.dashboard();

    assertThat(d.title()).isEqualTo("Rapport");
    assertThat(d.customers()).isZero();
    assertThat(d.northStar()).isEmpty();
    assertThat(d.metrics()).isEmpty();
    assertThat(d.guardrails()).isEmpty();
    assertThat(d.funnels()).isEmpty();
    assertThat(d.moments()).isEmpty();
    assertThat(d.experiments()).isEmpty();
    assertThat(d.themes()).isEmpty();
    assertThat(d.engagement().values()).containsOnly(0L);
    assertThat(d.lifecycle().values()).containsOnly(0L);
    assertThat(d.northStarTrend()).isEmpty();
    assertThat(d.guardrailHistory()).isEmpty();
    assertThat(d.definitions()).isEmpty();
  }
}
