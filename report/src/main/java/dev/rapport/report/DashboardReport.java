package dev.rapport.report;

import dev.rapport.core.measure.Dashboard;
import java.util.Objects;

/**
 * Renders a {@link Dashboard} for people: as plain text for a terminal or a log, as Markdown for
 * a pull request or a wiki, and as one self-contained HTML page with inline SVG charts.
 *
 * <pre>{@code
 * Dashboard dashboard = engine.dashboard();
 * System.out.println(DashboardReport.text(dashboard));
 * Files.writeString(Path.of("report.html"), DashboardReport.html(dashboard));
 * }</pre>
 *
 * <p>All three say the same things in the same words. Each metric is written in its own terms
 * (rates and shares as percentages, a net promoter score from -100 to 100, hours as durations
 * such as {@code 2d 12h}, a survey mean with its scale, such as {@code 4.13 on 1–7}), with the
 * formatting of {@link java.util.Locale#ROOT}; a value that does not exist (no observation) is
 * a dash. The north star and every guardrail are drawn over the last days (a line in HTML, a
 * sparkline of block characters in text and Markdown) with each guardrail's pauses on it and
 * listed. Every name that comes from the model is escaped for the format, so that it cannot
 * inject markup, links or scripts.
 */
public final class DashboardReport {
  private DashboardReport() {}

  /**
   * Renders an aligned plain-text report for a terminal: the north star with its trend, the
   * guardrails with their trends and pauses, metrics, each journey's funnel step by step,
   * moments, the engagement and lifecycle distributions with character bars, experiments and
   * survey themes.
   *
   * @param dashboard the dashboard
   * @return the text, lines ending in {@code \n}
   * @throws NullPointerException if the dashboard is null
   */
  public static String text(Dashboard dashboard) {
    return DashboardBlocks.text(Objects.requireNonNull(dashboard, "dashboard"));
  }

  /**
   * Renders the same content as {@link #text(Dashboard)} as Markdown headings and tables.
   *
   * @param dashboard the dashboard
   * @return the Markdown
   * @throws NullPointerException if the dashboard is null
   */
  public static String markdown(Dashboard dashboard) {
    return DashboardBlocks.markdown(Objects.requireNonNull(dashboard, "dashboard"));
  }

  /**
   * Renders one self-contained HTML5 page: links to its sections at the top, inline CSS, inline
   * SVG charts (the trends of the north star and of every guardrail with its pauses, funnels,
   * moment reach, engagement and lifecycle distributions, experiment lift with confidence
   * intervals), no script, and no reference to anything outside the page, so that opening it
   * makes no network request.
   *
   * @param dashboard the dashboard
   * @return the HTML, starting with {@code <!doctype html>}
   * @throws NullPointerException if the dashboard is null
   */
  public static String html(Dashboard dashboard) {
    return DashboardHtml.render(Objects.requireNonNull(dashboard, "dashboard"));
  }
}
