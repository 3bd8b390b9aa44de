package dev.rapport.core.measure;

import dev.rapport.core.EngagementLevel;
import dev.rapport.core.LifecycleStage;
import dev.rapport.core.journey.JourneyStats;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of the engagement program: the north star, every metric and guardrail, each
 * journey's funnel, moment reach and time to moment, the distribution of engagement levels and
 * lifecycle stages, the experiments, the survey themes, and the trends of the north star and of
 * every guardrail over the last {@value Trend#DAYS} days with the pauses the guardrails imposed.
 *
 * <p>This is data only. The {@code rapport-report} module renders it as plain text, Markdown
 * and one self-contained HTML page with inline SVG charts ({@code
 * dev.rapport.report.DashboardReport}).
 *
 * @param title the program's name, for headings
 * @param at when the snapshot was taken
 * @param customers how many customers the engine knows
 * @param northStar the north star metric, if one is declared
 * @param metrics every metric's global value
 * @param guardrails every guardrail's state
 * @param funnels every journey's funnel
 * @param moments every moment's reach, in declaration order
 * @param engagement customers per engagement level
 * @param lifecycle customers per lifecycle stage
 * @param experiments every journey experiment (holdouts and splits)
 * @param themes survey themes, most raised first
 * @param northStarTrend the north star day by day, if one is declared
 * @param guardrailHistory every guardrail's trend and pauses, in the order of {@code guardrails}
 * @param definitions the definition of every metric the engine computes, by name, so that a
 *     renderer knows what each value is (a rate, a net score, hours, a score on a scale)
 * @param currency the engine's currency, which every money value is in, if it has a revenue
 *     definition
 * @param scores every declared score's distribution: for each score globally, then per persona
 *     and per segment that has customers with a value
 * @param returns every journey's return against its holdout, with a revenue definition
 * @param actionReturns every action's messages, cost and attributed revenue, and for an action
 *     with a holdout its return against it, by name, with a revenue definition
 */
public record Dashboard(String title, Instant at, long customers, Optional<MetricValue> northStar,
    List<MetricValue> metrics, List<GuardrailState> guardrails, List<JourneyStats> funnels,
    List<MomentReach> moments, Map<EngagementLevel, Long> engagement,
    Map<LifecycleStage, Long> lifecycle, List<ExperimentResult> experiments,
    List<ThemeStats> themes, Optional<Trend> northStarTrend,
    List<GuardrailHistory> guardrailHistory, Map<String, Metric> definitions,
    Optional<Currency> currency, List<ScoreDistribution> scores, List<RoiResult> returns,
    List<ActionRoi> actionReturns) {

  /**
   * Checks the components that renderers rely on.
   *
   * @param title the program's name, for headings
   * @param at when the snapshot was taken
   * @param customers how many customers the engine knows
   * @param northStar the north star metric, if one is declared
   * @param metrics every metric's global value
   * @param guardrails every guardrail's state
   * @param funnels every journey's funnel
   * @param moments every moment's reach, in declaration order
   * @param engagement customers per engagement level
   * @param lifecycle customers per lifecycle stage
   * @param experiments every journey experiment (holdouts and splits)
   * @param themes survey themes, most raised first
   * @param northStarTrend the north star day by day, if one is declared
   * @param guardrailHistory every guardrail's trend and pauses, in the order of {@code guardrails}
   * @param definitions the definition of every metric the engine computes, by name
   * @param currency the engine's currency, if it has a revenue definition
   * @param scores every declared score's distribution
   * @param returns every journey's return against its holdout
   * @param actionReturns every action's messages, cost and attributed revenue, and its return
   *     against its holdout if it has one
   * @throws NullPointerException if a component is null
   */
  public Dashboard {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(northStar, "northStar");
    Objects.requireNonNull(northStarTrend, "northStarTrend");
    Objects.requireNonNull(currency, "currency");
    guardrailHistory = List.copyOf(guardrailHistory);
    definitions = Map.copyOf(definitions);
    scores = List.copyOf(scores);
    returns = List.copyOf(returns);
    actionReturns = List.copyOf(actionReturns);
  }

  /**
   * Makes a dashboard of an engine with no revenue definition and no declared score.
   *
   * @param title the program's name, for headings
   * @param at when the snapshot was taken
   * @param customers how many customers the engine knows
   * @param northStar the north star metric, if one is declared
   * @param metrics every metric's global value
   * @param guardrails every guardrail's state
   * @param funnels every journey's funnel
   * @param moments every moment's reach, in declaration order
   * @param engagement customers per engagement level
   * @param lifecycle customers per lifecycle stage
   * @param experiments every journey experiment (holdouts and splits)
   * @param themes survey themes, most raised first
   * @param northStarTrend the north star day by day, if one is declared
   * @param guardrailHistory every guardrail's trend and pauses, in the order of {@code guardrails}
   * @param definitions the definition of every metric the engine computes, by name
   * @throws NullPointerException if a component is null
   */
  public Dashboard(String title, Instant at, long customers, Optional<MetricValue> northStar,
      List<MetricValue> metrics, List<GuardrailState> guardrails, List<JourneyStats> funnels,
      List<MomentReach> moments, Map<EngagementLevel, Long> engagement,
      Map<LifecycleStage, Long> lifecycle, List<ExperimentResult> experiments,
      List<ThemeStats> themes, Optional<Trend> northStarTrend,
      List<GuardrailHistory> guardrailHistory, Map<String, Metric> definitions) {
    this(title, at, customers, northStar, metrics, guardrails, funnels, moments, engagement,
        lifecycle, experiments, themes, northStarTrend, guardrailHistory, definitions,
        Optional.empty(), List.of(), List.of(), List.of());
  }

  /**
   * Returns how many customers are fatigued now, under the contact policy's fatigue rule (as
   * of each customer's latest review: the engine reads it again when a message's window passes
   * and when a pause ends).
   *
   * @return the count, or empty when the policy has no fatigue rule
   */
  public java.util.OptionalLong fatigued() {
    return score("fatigued", "global").map(s -> java.util.OptionalLong.of(s.total()
        - s.customers().get(s.scale().bucketOf(0)))).orElse(java.util.OptionalLong.empty());
  }

  /**
   * Returns a journey's return against its holdout.
   *
   * @param journey the journey's name
   * @return the return, if the engine has a revenue definition and the journey
   */
  public Optional<RoiResult> roi(String journey) {
    for (RoiResult r : returns) {
      if (r.name().equals(journey)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns an action's figures: attributed, and against its holdout if it has one ({@link
   * ActionRoi#holdout()}).
   *
   * <pre>{@code
   * RoiResult offer = dashboard.actionRoi("spring-offer").flatMap(ActionRoi::holdout)
   *     .orElseThrow();
   * }</pre>
   *
   * @param action the action's name
   * @return the figures, if the engine has a revenue definition and the action
   */
  public Optional<ActionRoi> actionRoi(String action) {
    for (ActionRoi a : actionReturns) {
      if (a.action().equals(action)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns a declared score's distribution in a dimension.
   *
   * @param score the score's name
   * @param dimension {@code global}, {@code persona:<name>} or {@code segment:<name>}
   * @return the distribution, if the engine declares the score (and, for a persona or a
   *     segment, some of its customers have a value)
   */
  public Optional<ScoreDistribution> score(String score, String dimension) {
    for (ScoreDistribution s : scores) {
      if (s.score().equals(score) && s.dimension().equals(dimension)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns a metric's definition.
   *
   * @param metric the metric's name
   * @return its definition, if the engine computes it
   */
  public Optional<Metric> definition(String metric) {
    return Optional.ofNullable(definitions.get(metric));
  }

  /**
   * Returns a short summary; render the dashboard with {@code rapport-report} to read it.
   *
   * @return the title, the instant and the number of customers
   */
  @Override
  public String toString() {
    return "Dashboard{" + title + " at " + at + ", " + customers + " customers}";
  }
}
