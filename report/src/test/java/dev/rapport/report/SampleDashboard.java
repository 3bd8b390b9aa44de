package dev.rapport.report;

import dev.rapport.core.EngagementLevel;
import dev.rapport.core.LifecycleStage;
import dev.rapport.core.journey.JourneyStats;
import dev.rapport.core.journey.StepStats;
import dev.rapport.core.measure.ArmResult;
import dev.rapport.core.measure.Dashboard;
import dev.rapport.core.measure.EventSelector;
import dev.rapport.core.measure.ExperimentResult;
import dev.rapport.core.measure.Guardrail;
import dev.rapport.core.measure.GuardrailHistory;
import dev.rapport.core.measure.GuardrailPause;
import dev.rapport.core.measure.GuardrailState;
import dev.rapport.core.measure.Metric;
import dev.rapport.core.measure.MetricValue;
import dev.rapport.core.measure.Metrics;
import dev.rapport.core.measure.MomentReach;
import dev.rapport.core.measure.ThemeStats;
import dev.rapport.core.measure.Trend;
import dev.rapport.core.measure.TrendPoint;
import dev.rapport.core.policy.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.IntToDoubleFunction;

/** A hand-built dashboard of a plausible program, with every section filled. */
final class SampleDashboard {
  static final Instant AT = Instant.parse("2025-03-01T09:30:00Z");
  /** The last midnight before the snapshot: the last day of the trends. */
  static final Instant LAST_DAY = Instant.parse("2025-03-01T00:00:00Z");

  private SampleDashboard() {}

  static Dashboard of() {
    return of("Acme Cloud", "onboarding", "pricing & plans");
  }

  private static EventSelector type(String type) {
    return EventSelector.type(type);
  }

  /** The definitions of the sample's metrics, by name. */
  static Map<String, Metric> definitions() {
    Map<String, Metric> all = new HashMap<>();
    for (Metric m : List.of(
        Metric.share("weekly_active_share").of(type("customer_seen")).where(type("active"))
            .over(Duration.ofDays(7)).describedAs("customers active in the week"),
        Metric.rate("activation_7d").count(type("activated")).per(type("signed_up"))
            .over(Duration.ofDays(30)).describedAs("activated within P7D of signing up"),
        Metric.rate("retention_30d").count(type("retained")).per(type("signed_up"))
            .over(Duration.ofDays(90)),
        Metrics.csat(), Metrics.nps(), Metrics.ces(), Metrics.unsubscribeRate(),
        Metrics.complaintRate(), Metrics.deliveryFailureRate(),
        Metric.mean("first_response_hours").of(type("ticket_responded"))
            .value((e, c) -> OptionalDouble.of(1)).measuredIn(Metric.Unit.HOURS),
        Metrics.repeatPurchaseRate("purchased").over(Duration.ofDays(90)))) {
      all.put(m.name(), m);
    }
    return all;
  }

  /** A metric's value at the end of each of 90 days up to the last day, then at the snapshot. */
  static Trend trend(String metric, String dimension, long sample, IntToDoubleFunction day) {
    List<TrendPoint> points = new ArrayList<>();
    for (int i = 0; i < Trend.DAYS; i++) {
      points.add(new TrendPoint(LAST_DAY.minus(Duration.ofDays(Trend.DAYS - 1 - i)),
          day.applyAsDouble(i), sample));
    }
    points.add(new TrendPoint(AT, day.applyAsDouble(Trend.DAYS), sample));
    return new Trend(metric, dimension, points);
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
        new MetricValue("nps", "global", 0.315, 388, "last 90 days"),
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
        new GuardrailState("csat above 0.8 (min 100, journey " + journey + ")",
            "journey " + journey, false, 0.874, 642,
            Optional.of(Instant.parse("2025-02-20T08:00:00Z"))),
        new GuardrailState("delivery_failure_rate below 0.05 (min 200, channel sms)",
            "channel sms", false, 0.034, 2_104, Optional.empty()),
        new GuardrailState("first_response_hours below 4.0 (min 50, action promo_upgrade)",
            "action promo_upgrade", false, 3.7, 288, Optional.empty()));
    // unsubscribes climb past 2% twice: from Feb 10 to Feb 12, and since Feb 28, 17:05
    List<GuardrailHistory> histories = List.of(
        new GuardrailHistory(guardrails.get(0).guardrail(), Guardrail.Direction.BELOW, 0.02,
            0.018, 200, trend("unsubscribe_rate", "global", 18_000,
                i -> i == Trend.DAYS ? 0.0213 : i >= 70 && i <= 71 ? 0.0205
                    : i >= 88 ? 0.0195 + 0.001 * (i - 88) : 0.012 + 0.00008 * i),
            List.of(new GuardrailPause(Instant.parse("2025-02-10T14:00:00Z"),
                    Optional.of(Instant.parse("2025-02-12T08:00:00Z")), 0.0204, 15_100,
                    "everything", 0.0179, 15_400),
                new GuardrailPause(Instant.parse("2025-02-28T17:05:00Z"), Optional.empty(),
                    0.0203, 18_020, "everything"))),
        new GuardrailHistory(guardrails.get(1).guardrail(), Guardrail.Direction.BELOW, 0.001,
            0.0009, 500, trend("complaint_rate", "global", 18_230,
                i -> 0.0003 + 0.000001 * i), List.of()),
        new GuardrailHistory(guardrails.get(2).guardrail(), Guardrail.Direction.ABOVE, 0.8,
            0.88, 100, trend("csat", "journey:" + journey, 120,
                i -> i < 30 ? Double.NaN : 0.85 + 0.0006 * i),
            List.of(new GuardrailPause(Instant.parse("2025-02-14T10:00:00Z"),
                Optional.of(Instant.parse("2025-02-20T08:00:00Z")), 0.79, 104,
                "journey " + journey, 0.881, 118))),
        new GuardrailHistory(guardrails.get(3).guardrail(), Guardrail.Direction.BELOW, 0.05,
            0.045, 200, trend("delivery_failure_rate", "channel:sms", 2_104, i -> 0.034),
            List.of()),
        new GuardrailHistory(guardrails.get(4).guardrail(), Guardrail.Direction.BELOW, 4.0, 3.6,
            50, trend("first_response_hours", "global", 288, i -> 3.2 + 0.005 * i),
            List.of()));
    List<JourneyStats> funnels = List.of(
        new JourneyStats(journey, 4_200, 460, 1_596, 138, 310, 3_150, List.of(
            step(1, "1 send(welcome)", 4_660, 4_015, 460, Map.of(Reason.NO_CONSENT, 120L,
                Reason.QUIET_HOURS_DEFERRED, 45L, Reason.CAPPED, 20L), 0, 0, 0),
            step(1, "2 waitFor(api_key_created, atMost PT72H)", 4_560, 0, 0, Map.of(), 380,
                1_420, 0),
            step(1, "3 wait(PT48H)", 4_100, 0, 0, Map.of(), 210, 0, 0),
            step(1, "4 send(first_project_tips)", 3_890, 3_395, 420, Map.of(Reason.COOLDOWN,
                40L, Reason.NO_CONSENT, 35L), 0, 0, 63),
            step(1, "2/timeout/1 send(setup_help)", 1_420, 1_230, 150, Map.of(Reason.CAPPED, 28L,
                Reason.GUARDRAIL_PAUSED, 12L), 0, 0, 41))),
        new JourneyStats("win-back", 820, 90, 98, 6, 120, 610, List.of(
            step(1, "1 send(we_miss_you)", 300, 262, 30, Map.of(Reason.SUPPRESSED, 8L), 0, 0, 0),
            step(2, "1 send(we_miss_you)", 610, 520, 60, Map.of(Reason.NO_CONSENT, 18L,
                Reason.GUARDRAIL_PAUSED, 12L), 0, 0, 9),
            step(2, "2 waitFor(purchased, atMost PT336H)", 550, 0, 0, Map.of(), 140, 330,
                0))));
    List<MomentReach> moments = List.of(
        new MomentReach("first_setup", 9_120, 12_480, Optional.of(Duration.ofMinutes(320)),
            Optional.empty(), Optional.empty()),
        new MomentReach("activation", 6_150, 12_480,
            Optional.of(Duration.ofDays(2).plusHours(4)), Optional.of("first_setup"),
            Optional.of(0.674)),
        new MomentReach("first_purchase", 2_100, 12_480, Optional.of(Duration.ofDays(3)),
            Optional.empty(), Optional.empty()),
        new MomentReach("first_project_shared", 3_480, 12_480,
            Optional.of(Duration.ofDays(6).plusHours(2)), Optional.of("activation"),
            Optional.of(0.566)),
        new MomentReach("second_purchase", 910, 12_480, Optional.of(Duration.ofDays(21)),
            Optional.of("first_purchase"), Optional.of(0.433)));
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
    // lift, interval and p-value of the two-proportion z-test, as the engine computes them
    List<ExperimentResult> experiments = List.of(
        new ExperimentResult(journey, "holdout", new ArmResult("held out", 460, 138),
            new ArmResult("treated", 4_200, 1_596), 0.08, 0.2667, 0.03562, 0.12438, 0.000752,
            Optional.empty(), List.of()),
        new ExperimentResult(journey, "welcome_copy", new ArmResult("A", 1_400, 532),
            new ArmResult("B", 1_400, 588), 0.04, 0.1053, 0.003739, 0.07626, 0.03075,
            Optional.empty(), List.of(new ExperimentResult(journey, "welcome_copy",
                new ArmResult("A", 1_400, 532), new ArmResult("C", 1_400, 505), -0.019286,
                -0.05075, -0.05505, 0.01648, 0.2907, Optional.empty(), List.of()))),
        new ExperimentResult("win-back", "holdout", new ArmResult("held out", 90, 6),
            new ArmResult("treated", 820, 98), 0.05285, 0.7927, -0.003269, 0.10896, 0.1347,
            Optional.of("too small a sample: arm 'held out' has 90 customers (minimum 200); "
                + "arm 'held out' has 6 conversions (minimum 10)"), List.of()));
    List<ThemeStats> themes = List.of(
        new ThemeStats("slow sync", 142, 118, Map.of("csat", 2.4), true),
        new ThemeStats(theme, 96, 90, Map.of("csat", 3.1, "nps", 4.25), false),
        new ThemeStats("mobile app crashes", 61, 44, Map.of("csat", 1.9), false),
        new ThemeStats("onboarding docs", 35, 31, Map.of(), true));
    Trend northStarTrend = trend("weekly_active_share", "global", 9_812,
        i -> i == Trend.DAYS ? 0.4172 : 0.35 + 0.0007 * i + (i % 7 == 5 ? -0.01 : 0));
    return new Dashboard(title, AT, 12_480, Optional.of(northStar), metrics, guardrails, funnels,
        moments, engagement, lifecycle, experiments, themes, Optional.of(northStarTrend),
        histories, definitions());
  }

  /** A dashboard of a program that declares nothing and has seen nobody. */
  static Dashboard empty() {
    return new Dashboard("Empty", AT, 0, Optional.empty(), List.of(), List.of(), List.of(),
        List.of(), Map.of(), Map.of(), List.of(), List.of(), Optional.empty(), List.of(),
        Map.of());
  }

  static StepStats step(int version, String step, long arrived, long sent, long heldOut,
      Map<Reason, Long> refused, long waiting, long timedOut, long fallbacks) {
    return new StepStats(version, step, arrived, sent, heldOut, refused, waiting, timedOut,
        fallbacks);
  }
}
