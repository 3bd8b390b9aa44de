package dev.rapport.core.internal;

import dev.rapport.core.measure.Dashboard;
import java.util.Objects;

/**
 * Renders a {@link Dashboard} as plain text, Markdown and one self-contained HTML page.
 *
 * <p>Text and Markdown are written from the same list of headings, paragraphs and tables, so they
 * always carry the same content; the HTML page shows it with inline SVG charts. All three write
 * numbers with {@link java.util.Locale#ROOT}, show a value that does not exist (NaN, no sample)
 * as a dash, and escape every name that comes from the model for their format.
 */
public final class DashboardRenderer {
  private DashboardRenderer() {}

  /**
   * Renders an aligned plain-text report for a terminal: the north star, metrics, guardrails,
   * each journey's funnel by step, moments, the engagement and lifecycle distributions with
   * character bars, experiments and survey themes.
   *
   * @param d the dashboard
   * @return the text, lines ending in {@code \n}
   * @throws NullPointerException if the dashboard is null
   */
  public static String text(Dashboard d) {
    return DashboardReport.text(Objects.requireNonNull(d, "dashboard"));
  }

  /**
   * Renders the same content as {@link #text(Dashboard)} as Markdown headings and tables, with
   * names escaped so that they cannot inject markup, HTML or links.
   *
   * @param d the dashboard
   * @return the Markdown
   * @throws NullPointerException if the dashboard is null
   */
  public static String markdown(Dashboard d) {
    return DashboardReport.markdown(Objects.requireNonNull(d, "dashboard"));
  }

  /**
   * Renders one self-contained HTML5 page: inline CSS, inline SVG charts (funnels, moment reach,
   * engagement and lifecycle distributions, experiment lift with confidence intervals), no
   * script, and no reference to anything outside the page, so that opening it makes no network
   * request.
   *
   * @param d the dashboard
   * @return the HTML, starting with {@code <!doctype html>}
   * @throws NullPointerException if the dashboard is null
   */
  public static String html(Dashboard d) {
    return DashboardHtml.render(Objects.requireNonNull(d, "dashboard"));
  }
}
