/**
 * Rapport's renderings: the dashboard as plain text, Markdown and one self-contained HTML page,
 * and journeys as Mermaid and Graphviz DOT diagrams, through {@link
 * dev.rapport.report.DashboardReport} and {@link dev.rapport.report.JourneyDiagram}.
 */
module dev.rapport.report {
  requires transitive dev.rapport.core;

  exports dev.rapport.report;
}
