package dev.rapport.core.measure;

import dev.rapport.core.EngagementLevel;
import dev.rapport.core.LifecycleStage;
import dev.rapport.core.internal.Experiments;
import dev.rapport.core.journey.JourneyStats;
import dev.rapport.core.journey.StepStats;
import dev.rapport.core.policy.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A hand-built dashboard of a plausible program, with every section filled. */
final class SampleDashboard {
  static final Instant AT = Instant.parse("2025-03-01T09:30:00Z");

  private SampleDashboard() {}

  static Dashboard of() {
    return of("Acme Cloud", "onboarding", "pricing & plans");
  }

  /** The same dashboard with the title, the first journey and a theme named by the caller. */
  static Dashboard of(String title, String journey, String theme) {
    MetricValue northStar = new MetricValue("weekly_active_share", "global", 0.4172, 9_812,
        "last 7 days");
    List<MetricValue> metrics = List.of(
        northStar,
        new MetricValue("activation_7d", "global", 0.386, 3_120, "last 30 days"),
        new MetricValue("retention_30d", "global", 0.812, 8_410, "last 90 days"),
        new MetricValue("csat", "global", 0.874, 642, "last 500"),
        new MetricValue("csat", "journey:" + journey, 0.91, 120, "last 500"),
        new MetricValue("nps", "global", 31.5, 388, "last 90 days"),
        new MetricValue("ces", "global", 2.31, 210, "last 30 days"),
        new MetricValue("unsubscribe_rate", "global", 0.0213, 18_230, "last 30 days"),
        new MetricValue("complaint_rate", "global", 0.00041, 18_230, "last 30 days"),
        new MetricValue("delivery_failure_rate", "channel:sms", 0.034, 2_104, "last 30 days"),
        new MetricValue("first_response_hours", "global", 3.7, 288, "last 30 days"),
        new MetricValue("repeat_purchase_rate", "global", Double.NaN, 0, "last 90 days"));
    List<GuardrailState> guardrails = List.of(
        new GuardrailState("unsubscribe_rate below 0.02 (min 200)", "everything", true, 0.0213,
            18_230, Optional.of(Instant.parse("2025-02-28T17:05:00Z"))),
        new GuardrailState("complaint_rate below 0.001 (min 500)", "everything", false, 0.00041,
            18_230, Optional.empty()),
        new GuardrailState("csat above 0.8 (min 100)", "journey " + journey, false, 0.874, 642,
            Optional.of(Instant.parse("2025-02-20T08:00:00Z"))),
        new GuardrailState("delivery_failure_rate below 0.05 (min 200)", "channel sms", false,
            0.034, 2_104, Optional.empty()),
        new GuardrailState("first_response_hours below 4 (min 50)", "action promo_upgrade", false,
            3.7, 288, Optional.empty()));
    List<JourneyStats> funnels = List.of(
        new JourneyStats(journey, 4_200, 460, 1_596, 138, 310, 3_150, List.of(
            step(1, "1 send(welcome)", 4_660, 4_015, 460, Map.of(Reason.NO_CONSENT, 120L,
                Reason.QUIET_HOURS_DEFERRED, 45L, Reason.CAPPED, 20L), 0, 0, 0),
            step(1, "2 waitFor(api_key_created) atMost 3d", 4_560, 0, 0, Map.of(), 380, 1_420,
                0),
            step(1, "2/timeout/1 send(setup_help)", 1_420, 1_230, 150, Map.of(Reason.CAPPED, 28L,
                Reason.GUARDRAIL_PAUSED, 12L), 0, 0, 41),
            step(1, "3 wait(2d)", 4_100, 0, 0, Map.of(), 210, 0, 0),
            step(1, "4 send(first_project_tips)", 3_890, 3_395, 420, Map.of(Reason.COOLDOWN,
                40L, Reason.NO_CONSENT, 35L), 0, 0, 63))),
        new JourneyStats("win-back", 820, 90, 98, 6, 120, 610, List.of(
            step(1, "1 send(we_miss_you)", 300, 262, 30, Map.of(Reason.SUPPRESSED, 8L), 0, 0, 0),
            step(2, "1 send(we_miss_you)", 610, 520, 60, Map.of(Reason.NO_CONSENT, 18L,
                Reason.GUARDRAIL_PAUSED, 12L), 0, 0, 9),
            step(2, "2 waitFor(purchased) atMost 14d", 550, 0, 0, Map.of(), 140, 330, 0))));
    List<MomentReach> moments = List.of(
        new MomentReach("first_setup", 9_120, 12_480, Optional.of(Duration.ofMinutes(320)),
            Optional.empty()),
        new MomentReach("activation", 6_150, 12_480,
            Optional.of(Duration.ofDays(2).plusHours(4)), Optional.of(0.674)),
        new MomentReach("first_project_shared", 3_480, 12_480,
            Optional.of(Duration.ofDays(6).plusHours(2)), Optional.of(0.566)),
        new MomentReach("upgrade_decision", 910, 12_480, Optional.of(Duration.ofDays(21)),
            Optional.of(0.261)),
        new MomentReach("cancellation_decision", 402, 12_480, Optional.empty(),
            Optional.of(0.442)));
    Map<EngagementLevel, Long> engagement = new EnumMap<>(EngagementLevel.class);
    engagement.put(EngagementLevel.HIGH, 3_120L);
    engagement.put(EngagementLevel.LOW_ORGANIC, 4_210L);
    engagement.put(EngagementLevel.LOW_DISAFFECTED, 860L);
    engagement.put(EngagementLevel.DISENGAGED, 2_630L);
    engagement.put(EngagementLevel.LOST, 1_660L);
    Map<LifecycleStage, Long> lifecycle = new EnumMap<>(LifecycleStage.class);
    lifecycle.put(LifecycleStage.NEW, 820L);
    lifecycle.put(LifecycleStage.ONBOARDING, 2_310L);
    lifecycle.put(LifecycleStage.ACTIVE, 4_980L);
    lifecycle.put(LifecycleStage.AT_RISK, 1_450L);
    lifecycle.put(LifecycleStage.LOYAL, 1_870L);
    lifecycle.put(LifecycleStage.WIN_BACK, 1_050L);
    List<ExperimentResult> experiments = List.of(
        Experiments.compare(journey, "holdout", new ArmResult("held out", 460, 138),
            new ArmResult("treated", 4_200, 1_596), List.of(), 200),
        Experiments.compare(journey, "welcome_copy", new ArmResult("A", 1_400, 532),
            new ArmResult("B", 1_400, 588), List.of(new ArmResult("C", 1_400, 505)), 200),
        Experiments.compare("win-back", "holdout", new ArmResult("held out", 90, 6),
            new ArmResult("treated", 820, 98), List.of(), 200));
    List<ThemeStats> themes = List.of(
        new ThemeStats("slow sync", 142, 118, 2.4, true),
        new ThemeStats(theme, 96, 90, 3.1, false),
        new ThemeStats("mobile app crashes", 61, 44, 1.9, false),
        new ThemeStats("onboarding docs", 35, 31, 3.6, true));
    return new Dashboard(title, AT, 12_480, Optional.of(northStar), metrics, guardrails, funnels,
        moments, engagement, lifecycle, experiments, themes);
  }

  /** A dashboard of a program that declares nothing and has seen nobody. */
  static Dashboard empty() {
    return new Dashboard("Empty", AT, 0, Optional.empty(), List.of(), List.of(), List.of(),
        List.of(), Map.of(), Map.of(), List.of(), List.of());
  }

  static StepStats step(int version, String step, long arrived, long sent, long heldOut,
      Map<Reason, Long> refused, long waiting, long timedOut, long fallbacks) {
    return new StepStats(version, step, arrived, sent, heldOut, refused, waiting, timedOut,
        fallbacks);
  }
}
