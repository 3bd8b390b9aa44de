/**
 * Renders what the engine knows for people to read: {@link dev.rapport.report.DashboardReport}
 * writes an {@code engine.dashboard()} as plain text (for a terminal or a log), Markdown (for a
 * pull request or a wiki) and one self-contained HTML page with inline SVG charts (no script,
 * nothing fetched); {@link dev.rapport.report.JourneyDiagram} draws a journey as a Mermaid
 * flowchart or a Graphviz DOT digraph.
 *
 * <pre>{@code
 * Dashboard dashboard = engine.dashboard();
 * String html = DashboardReport.html(dashboard);
 * String mermaid = JourneyDiagram.mermaid(onboarding);
 * }</pre>
 *
 * <p>A service that only decides does not need this module: the dashboard's data is in {@code
 * rapport-core} ({@link dev.rapport.core.measure.Dashboard}).
 */
package dev.rapport.report;
