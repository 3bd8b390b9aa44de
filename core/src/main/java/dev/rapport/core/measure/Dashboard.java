package dev.rapport.core.measure;

import dev.rapport.core.EngagementLevel;
import dev.rapport.core.LifecycleStage;
import dev.rapport.core.internal.DashboardRenderer;
import dev.rapport.core.journey.JourneyStats;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of the engagement program: the north star, every metric and guardrail, each
 * journey's funnel, moment reach and time to moment, the distribution of engagement levels and
 * lifecycle stages, the experiments, and the survey themes. Rendered as plain text, Markdown and
 * one self-contained HTML page with inline SVG charts (no script, no font, nothing fetched).
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
 */
public record Dashboard(String title, Instant at, long customers, Optional<MetricValue> northStar,
    List<MetricValue> metrics, List<GuardrailState> guardrails, List<JourneyStats> funnels,
    List<MomentReach> moments, Map<EngagementLevel, Long> engagement,
    Map<LifecycleStage, Long> lifecycle, List<ExperimentResult> experiments,
    List<ThemeStats> themes) {

  /**
   * Renders the dashboard as plain text, for a terminal.
   *
   * @return the text
   */
  public String toText() {
    return DashboardRenderer.text(this);
  }

  /**
   * Renders the dashboard as Markdown.
   *
   * @return the Markdown
   */
  public String toMarkdown() {
    return DashboardRenderer.markdown(this);
  }

  /**
   * Renders the dashboard as one self-contained HTML page with inline SVG charts: no script, no
   * font and nothing else is fetched.
   *
   * @return the HTML
   */
  public String toHtml() {
    return DashboardRenderer.html(this);
  }

  @Override
  public String toString() {
    return toText();
  }
}
