package dev.rapport.core.internal;

import static dev.rapport.core.internal.DashboardFormat.NONE;
import static dev.rapport.core.internal.DashboardFormat.count;
import static dev.rapport.core.internal.DashboardFormat.number;
import static dev.rapport.core.internal.DashboardFormat.percent;

import dev.rapport.core.EngagementLevel;
import dev.rapport.core.LifecycleStage;
import dev.rapport.core.journey.JourneyStats;
import dev.rapport.core.journey.StepStats;
import dev.rapport.core.measure.Dashboard;
import dev.rapport.core.measure.ExperimentResult;
import dev.rapport.core.measure.GuardrailState;
import dev.rapport.core.measure.MetricValue;
import dev.rapport.core.measure.MomentReach;
import dev.rapport.core.measure.ThemeStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * The dashboard as one self-contained HTML5 page.
 *
 * <p>Design note. The page must open anywhere (a mail attachment, a CI artifact, an air-gapped
 * laptop) and must never call out: so there is no script, no stylesheet, font or image fetched,
 * and no URL at all. Styles are one {@code <style>} element and the system font stack; charts
 * are inline SVG (which needs no {@code xmlns} in HTML5) drawn here with computed coordinates.
 * Every text that comes from the model is escaped, in elements and in attributes alike.
 *
 * <p>The colours are the Okabe-Ito palette, which readers with the common colour-vision
 * deficiencies can still tell apart; and no state is told by colour alone: a breached guardrail
 * says BREACHED next to a cross, an experiment's verdict is written out, and every bar carries
 * its number.
 */
final class DashboardHtml {
  private static final String BLUE = "#0072b2";
  private static final String SKY = "#56b4e9";
  private static final String GREEN = "#009e73";
  private static final String ORANGE = "#e69f00";
  private static final String RED = "#d55e00";
  private static final String PURPLE = "#cc79a7";
  private static final String GREY = "#8c959f";
  private static final String TRACK = "#dbe8f3";
  private static final String EMPTY_TRACK = "#eef1f4";

  /** Average advance of a 13px system-ui character, to size label columns. */
  private static final double CHAR_WIDTH = 7.2;

  private static final String ICON_OK = "<svg class=\"icon\" viewBox=\"0 0 16 16\" "
      + "aria-hidden=\"true\"><path d=\"M3.5 8.5l3 3 6-7\" fill=\"none\" stroke=\"currentColor\" "
      + "stroke-width=\"2.2\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/></svg>";
  private static final String ICON_BAD = "<svg class=\"icon\" viewBox=\"0 0 16 16\" "
      + "aria-hidden=\"true\"><path d=\"M4.5 4.5l7 7M11.5 4.5l-7 7\" fill=\"none\" "
      + "stroke=\"currentColor\" stroke-width=\"2.2\" stroke-linecap=\"round\"/></svg>";
  private static final String ICON_WARN = "<svg class=\"icon\" viewBox=\"0 0 16 16\" "
      + "aria-hidden=\"true\"><path d=\"M8 1.8l6.6 12H1.4z\" fill=\"none\" stroke=\"currentColor\" "
      + "stroke-width=\"1.6\" stroke-linejoin=\"round\"/><path d=\"M8 6.2v3.6\" "
      + "stroke=\"currentColor\" stroke-width=\"1.8\" stroke-linecap=\"round\"/>"
      + "<circle cx=\"8\" cy=\"11.9\" r=\"1\" fill=\"currentColor\"/></svg>";

  private static final String CSS = """
      :root{--ink:#1b1f24;--muted:#57606a;--faint:#8b949e;--line:#e4e8ed;--bg:#f2f4f7;\
      --card:#fff;--ok-bg:#e3f4ec;--ok-ink:#00613f;--ok-line:#9ed8c0;--bad-bg:#fdebe1;\
      --bad-ink:#9c3a00;--bad-line:#f1b48f;--warn-bg:#fff7e0;--warn-ink:#664700;\
      --warn-line:#efd28a;--head:#13233f}
      *{box-sizing:border-box}
      body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,\
      "Segoe UI",Roboto,"Helvetica Neue","Noto Sans","Liberation Sans",Arial,sans-serif;\
      font-variant-numeric:tabular-nums;-webkit-font-smoothing:antialiased}
      .wrap{max-width:1180px;margin:0 auto;padding:0 28px}
      header.top{background:var(--head);color:#fff;padding:26px 0 66px}
      .eyebrow{margin:0;font-size:12px;font-weight:600;letter-spacing:.14em;\
      text-transform:uppercase;color:#9fb3d6}
      h1{margin:4px 0 4px;font-size:30px;line-height:1.2;font-weight:700;letter-spacing:-.01em;\
      overflow-wrap:anywhere}
      .meta{margin:0;color:#c9d4e8;font-size:14px}
      main{padding-bottom:28px}
      .kpis{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:16px;\
      margin:-44px 0 20px}
      .kpi,.card{background:var(--card);border:1px solid var(--line);border-radius:12px;\
      box-shadow:0 1px 3px rgba(16,24,40,.07)}
      .kpi{padding:16px 18px 14px;min-width:0}
      .label{font-size:12px;font-weight:600;letter-spacing:.08em;text-transform:uppercase;\
      color:var(--muted)}
      .kpi .value{display:flex;align-items:center;gap:8px;font-size:30px;font-weight:700;\
      line-height:1.25;margin:6px 0 2px}
      .kpi .value .icon{width:24px;height:24px}
      .kpi .sub{font-size:13px;color:var(--muted);overflow-wrap:anywhere}
      .kpi.ok .value{color:var(--ok-ink)}
      .kpi.bad .value{color:var(--bad-ink)}
      .kpi.bad{box-shadow:inset 0 3px 0 #d55e00,0 1px 3px rgba(16,24,40,.07)}
      .kpi.ok{box-shadow:inset 0 3px 0 #009e73,0 1px 3px rgba(16,24,40,.07)}
      .card{padding:20px 24px 22px;margin:0 0 20px;min-width:0}
      h2{margin:0 0 14px;font-size:18px;line-height:1.3}
      h2 small{font-size:13px;font-weight:400;color:var(--muted);margin-left:8px}
      h3{margin:0 0 10px;font-size:15.5px;overflow-wrap:anywhere}
      h3 .tag{font-weight:400;color:var(--muted)}
      .part+.part{border-top:1px solid var(--line);margin-top:22px;padding-top:20px}
      .scroll{overflow-x:auto}
      table{width:100%;border-collapse:collapse;font-size:14px}
      th{padding:7px 10px;border-bottom:2px solid var(--line);text-align:left;font-size:12px;\
      font-weight:600;letter-spacing:.04em;text-transform:uppercase;color:var(--muted);\
      white-space:nowrap}
      td{padding:7px 10px;border-bottom:1px solid var(--line);vertical-align:middle;\
      overflow-wrap:break-word}
      tbody tr:last-child td{border-bottom:0}
      .num{text-align:right;white-space:nowrap}
      td.dim{color:var(--muted)}
      .nowrap{white-space:nowrap}
      tr.breached td{background:#fff6f1}
      tr.breached td:first-child{box-shadow:inset 3px 0 0 #d55e00}
      .pill{display:inline-flex;align-items:center;gap:4px;padding:2px 10px 2px 7px;\
      border-radius:999px;font-size:12px;font-weight:700;letter-spacing:.03em;white-space:nowrap}
      .pill.ok{background:var(--ok-bg);color:var(--ok-ink);box-shadow:inset 0 0 0 1px var(--ok-line)}
      .pill.bad{background:var(--bad-bg);color:var(--bad-ink);\
      box-shadow:inset 0 0 0 1px var(--bad-line)}
      .pill.neutral{background:#eef1f4;color:var(--muted);box-shadow:inset 0 0 0 1px #d5dbe1}
      .icon{width:14px;height:14px;flex:none}
      .chips{display:flex;flex-wrap:wrap;gap:8px;margin:0 0 14px}
      .chip{background:#f6f8fa;border:1px solid var(--line);border-radius:8px;padding:5px 11px;\
      font-size:13px;color:var(--muted)}
      .chip b{color:var(--ink);font-size:15px;margin-right:3px}
      .legend{display:flex;flex-wrap:wrap;gap:4px 16px;margin:8px 0 12px;font-size:12.5px;\
      color:var(--muted)}
      .legend span{display:inline-flex;align-items:center;gap:6px}
      .legend i{display:inline-block;width:11px;height:11px;border-radius:3px}
      .warning{display:flex;gap:8px;align-items:flex-start;margin:12px 0 0;padding:8px 12px;\
      border-radius:8px;background:var(--warn-bg);color:var(--warn-ink);\
      border:1px solid var(--warn-line);font-size:13.5px}
      .warning .icon{margin-top:3px}
      .empty{margin:0;color:var(--muted);font-style:italic}
      .grid2{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:20px;margin:0 0 20px}
      .grid2 .card{margin:0}
      svg.chart{display:block;width:100%;max-width:100%;height:auto;margin:4px 0 0}
      svg.chart text{font-size:13px;fill:#1b1f24}
      svg.chart text.small{font-size:12px;fill:#57606a}
      svg.chart text.strong{font-weight:600}
      footer{padding:4px 0 32px;text-align:center;font-size:12px;color:var(--faint)}
      @media (max-width:900px){.kpis{grid-template-columns:repeat(2,minmax(0,1fr))}\
      .grid2{grid-template-columns:minmax(0,1fr)}}
      @media print{body{background:#fff}.kpi,.card{box-shadow:none}\
      header.top{background:#fff;color:var(--ink)}}
      """;

  private final StringBuilder out = new StringBuilder(64 * 1024);

  private DashboardHtml() {}

  static String render(Dashboard d) {
    DashboardHtml h = new DashboardHtml();
    h.page(d);
    return h.out.toString();
  }

  // ---------------------------------------------------------------- page

  private void page(Dashboard d) {
    String title = DashboardFormat.clean(d.title());
    out.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"color-scheme\" content=\"light\">\n")
        .append("<title>").append(esc(title)).append(" · Rapport dashboard</title>\n")
        .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
        .append("<header class=\"top\"><div class=\"wrap\">")
        .append("<p class=\"eyebrow\">Rapport dashboard</p>")
        .append("<h1>").append(esc(title)).append("</h1>")
        .append("<p class=\"meta\">Snapshot of ").append(esc(DashboardFormat.instant(d.at())))
        .append(" · ").append(count(d.customers())).append(" customers</p>")
        .append("</div></header>\n<main class=\"wrap\">\n");
    kpis(d);
    guardrails(d.guardrails());
    metrics(d.metrics());
    journeys(d.funnels());
    moments(d.moments());
    out.append("<div class=\"grid2\">\n");
    engagement(d.engagement());
    lifecycle(d.lifecycle());
    out.append("</div>\n");
    experiments(d.experiments());
    themes(d.themes());
    out.append("</main>\n<footer>Rendered by Rapport · a self-contained page: no script, and "
        + "nothing is fetched</footer>\n</body>\n</html>\n");
  }

  private void kpis(Dashboard d) {
    out.append("<section class=\"kpis\" aria-label=\"Summary\">\n");
    if (d.northStar() != null && d.northStar().isPresent()) {
      MetricValue m = d.northStar().get();
      kpi("", "North star", esc(number(m.value())),
          esc(m.metric()) + " · n = " + count(m.sample()) + " · " + esc(m.window()));
    } else {
      kpi("", "North star", NONE, "none declared");
    }
    kpi("", "Customers", count(d.customers()), "known to the engine");
    long breached = d.guardrails().stream().filter(GuardrailState::breached).count();
    int all = d.guardrails().size();
    if (all == 0) {
      kpi("", "Guardrails", NONE, "none declared");
    } else if (breached == 0) {
      kpi("ok", "Guardrails", ICON_OK + "All OK", all + (all == 1 ? " guardrail" : " guardrails")
          + " holding");
    } else {
      kpi("bad", "Guardrails", ICON_BAD + breached + " breached",
          "of " + all + " · what they protect is paused");
    }
    long significant = 0;
    long comparisons = 0;
    for (ExperimentResult e : d.experiments()) {
      for (ExperimentResult c : DashboardReport.comparisons(e)) {
        comparisons++;
        if (c.pValue() < 0.05) {
          significant++;
        }
      }
    }
    kpi("", "Experiments", Integer.toString(d.experiments().size()),
        comparisons == 0 ? "none running" : significant + " of " + comparisons
            + (comparisons == 1 ? " comparison" : " comparisons") + " significant at 5%");
    out.append("</section>\n");
  }

  private void kpi(String state, String label, String valueHtml, String subHtml) {
    out.append("<div class=\"kpi").append(state.isEmpty() ? "" : " " + state).append("\">")
        .append("<div class=\"label\">").append(label).append("</div>")
        .append("<div class=\"value\">").append(valueHtml).append("</div>")
        .append("<div class=\"sub\">").append(subHtml).append("</div></div>\n");
  }

  // ---------------------------------------------------------------- tables

  private void guardrails(List<GuardrailState> guardrails) {
    open("guardrails", "Guardrails", "a breached guardrail pauses what it protects");
    if (guardrails.isEmpty()) {
      empty("No guardrail declared.");
    } else {
      tableHead("Status", "Guardrail", "#Value", "#Sample", "Protects", "Since");
      for (GuardrailState g : guardrails) {
        out.append(g.breached() ? "<tr class=\"breached\">" : "<tr>")
            .append("<td>").append(g.breached()
                ? "<span class=\"pill bad\">" + ICON_BAD + "BREACHED</span>"
                : "<span class=\"pill ok\">" + ICON_OK + "OK</span>")
            .append("</td>");
        td(g.guardrail());
        num(number(g.value()));
        num(count(g.sample()));
        td(g.protects());
        out.append("<td class=\"dim nowrap\">").append(esc(g.since() == null
            || g.since().isEmpty() ? NONE : DashboardFormat.instant(g.since().get())))
            .append("</td>");
        out.append("</tr>\n");
      }
      tableEnd();
    }
    close();
  }

  private void metrics(List<MetricValue> metrics) {
    open("metrics", "Metrics", null);
    if (metrics.isEmpty()) {
      empty("No metric declared.");
    } else {
      tableHead("Metric", "Dimension", "#Value", "#Sample", "Window");
      for (MetricValue m : metrics) {
        out.append("<tr>");
        td(m.metric());
        tdDim(m.dimension());
        num(number(m.value()));
        num(count(m.sample()));
        tdDim(m.window());
        out.append("</tr>\n");
      }
      tableEnd();
    }
    close();
  }

  private void themes(List<ThemeStats> themes) {
    open("themes", "Survey themes", "closing the loop: you asked, we fixed");
    if (themes.isEmpty()) {
      empty("No survey answer has raised a theme yet.");
    } else {
      tableHead("Theme", "#Answers", "#Customers", "#Mean score", "Status");
      for (ThemeStats t : themes) {
        out.append("<tr>");
        td(t.theme());
        num(count(t.answers()));
        num(count(t.customers()));
        num(number(t.meanScore()));
        out.append("<td>").append(t.resolved()
            ? "<span class=\"pill ok\">" + ICON_OK + "resolved</span>"
            : "<span class=\"pill neutral\">open</span>").append("</td></tr>\n");
      }
      tableEnd();
    }
    close();
  }

  // ---------------------------------------------------------------- journeys

  private void journeys(List<JourneyStats> funnels) {
    open("journeys", "Journey funnels", null);
    if (funnels.isEmpty()) {
      empty("No journey declared.");
    }
    for (JourneyStats j : funnels) {
      out.append("<div class=\"part\">\n<h3>").append(esc(j.journey())).append("</h3>\n");
      out.append("<div class=\"chips\">");
      chip(count(j.entered()), "entered");
      chip(count(j.treated()), "treated");
      chip(count(j.heldOut()), "held out");
      chip(percent(j.convertedTreated(), j.treated()), "treated converted");
      chip(percent(j.convertedHeldOut(), j.heldOut()), "held out converted");
      chip(count(j.exited()), "exited");
      chip(count(j.completed()), "completed");
      out.append("</div>\n");
      funnelChart(j);
      legend(new String[][] {{BLUE, "treated / sent"}, {GREY, "held out"}, {RED, "refused"},
          {ORANGE, "waiting"}, {PURPLE, "timed out"}, {TRACK, "arrived, moved on"},
          {GREEN, "converted"}});
      if (!j.steps().isEmpty()) {
        boolean versions = DashboardFormat.severalVersions(j.steps());
        List<String> heads = new ArrayList<>();
        if (versions) {
          heads.add("Version");
        }
        heads.addAll(List.of("Step", "#Arrived", "#Sent", "#Held out", "#Refused",
            "#Waiting", "#Timed out", "#Fallbacks", "Refused by reason"));
        tableHead(heads.toArray(String[]::new));
        for (StepStats s : j.steps()) {
          out.append("<tr>");
          if (versions) {
            tdDim("v" + s.version());
          }
          td(s.step());
          num(count(s.arrived()));
          num(count(s.sent()));
          num(count(s.heldOut()));
          num(count(DashboardFormat.refusedTotal(s)));
          num(count(s.waiting()));
          num(count(s.timedOut()));
          num(count(s.fallbacks()));
          tdDim(DashboardFormat.refusals(s));
          out.append("</tr>\n");
        }
        tableEnd();
      }
      out.append("</div>\n");
    }
    close();
  }

  private void funnelChart(JourneyStats j) {
    boolean versions = DashboardFormat.severalVersions(j.steps());
    List<BarRow> rows = new ArrayList<>();
    String ofEntered = " of entered";
    rows.add(new BarRow("entered", j.entered(), 0, List.of(
        new Segment(j.treated(), BLUE, "treated"), new Segment(j.heldOut(), GREY, "held out")),
        count(j.entered()), j.entered() == 0 ? "" : "100%", true));
    for (StepStats s : j.steps()) {
      String label = (versions ? "v" + s.version() + " · " : "") + s.step();
      rows.add(new BarRow(label, s.arrived(), s.arrived(), List.of(
          new Segment(s.sent(), BLUE, "sent"), new Segment(s.heldOut(), GREY, "held out"),
          new Segment(DashboardFormat.refusedTotal(s), RED, "refused"),
          new Segment(s.waiting(), ORANGE, "waiting"),
          new Segment(s.timedOut(), PURPLE, "timed out")),
          count(s.arrived()), percent(s.arrived(), j.entered()) + ofEntered, false));
    }
    rows.add(new BarRow("converted", j.converted(), 0, List.of(
        new Segment(j.convertedTreated(), GREEN, "converted, treated"),
        new Segment(j.convertedHeldOut(), GREY, "converted, held out")),
        count(j.converted()), percent(j.converted(), j.entered()) + ofEntered, true));
    barChart("Funnel of journey " + j.journey(), rows, 1100, 200, -1);
  }

  private void chip(String value, String what) {
    out.append("<span class=\"chip\"><b>").append(esc(value)).append("</b>").append(esc(what))
        .append("</span>");
  }

  private void legend(String[][] items) {
    out.append("<div class=\"legend\" aria-hidden=\"true\">");
    for (String[] item : items) {
      out.append("<span><i style=\"background:").append(item[0]).append("\"></i>")
          .append(esc(item[1])).append("</span>");
    }
    out.append("</div>\n");
  }

  // ---------------------------------------------------------------- moments

  private void moments(List<MomentReach> moments) {
    open("moments", "Moments that matter", "share of customers who reached each moment");
    if (moments.isEmpty()) {
      empty("No moment declared.");
      close();
      return;
    }
    List<BarRow> rows = new ArrayList<>();
    for (MomentReach m : moments) {
      List<String> notes = new ArrayList<>();
      notes.add(count(m.reached()) + " reached");
      if (m.medianTimeToMoment() != null && m.medianTimeToMoment().isPresent()) {
        notes.add("median " + DashboardFormat.duration(m.medianTimeToMoment().get()));
      }
      if (m.fromPrevious() != null && m.fromPrevious().isPresent()) {
        notes.add(percent(m.fromPrevious().get()) + " of previous");
      }
      double share = m.share();
      rows.add(new BarRow(m.moment(), Double.isFinite(share) ? share : 0, 1,
          List.of(new Segment(Double.isFinite(share) ? share : 0, BLUE, "reached")),
          percent(share), String.join(" · ", notes), false));
    }
    barChart("Moment reach", rows, 1100, 330, 1);
    close();
  }

  // ---------------------------------------------------------------- distributions

  private void engagement(Map<EngagementLevel, Long> map) {
    String[] colors = {GREEN, SKY, ORANGE, RED, GREY};
    EngagementLevel[] levels = EngagementLevel.values();
    List<String> labels = new ArrayList<>();
    for (EngagementLevel l : levels) {
      labels.add(DashboardFormat.label(l));
    }
    distribution("engagement", "Engagement levels", labels, colors,
        DashboardFormat.counts(EngagementLevel.class, map));
  }

  private void lifecycle(Map<LifecycleStage, Long> map) {
    String[] colors = {SKY, BLUE, GREEN, ORANGE, PURPLE, RED};
    List<String> labels = new ArrayList<>();
    for (LifecycleStage s : LifecycleStage.values()) {
      labels.add(DashboardFormat.label(s));
    }
    distribution("lifecycle", "Lifecycle stages", labels, colors,
        DashboardFormat.counts(LifecycleStage.class, map));
  }

  private void distribution(String id, String title, List<String> labels, String[] colors,
      long[] counts) {
    long total = DashboardFormat.sum(counts);
    open(id, title, total == 0 ? null : count(total) + " customers");
    List<BarRow> rows = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      rows.add(new BarRow(labels.get(i), counts[i], 0,
          List.of(new Segment(counts[i], colors[i % colors.length], labels.get(i))),
          count(counts[i]), percent(counts[i], total), false));
    }
    barChart(title, rows, 520, 64, -1);
    close();
  }

  // ---------------------------------------------------------------- bar charts

  /**
   * A row of a horizontal bar chart: a light track (drawn to {@code track}) under stacked
   * segments, a bold value and a note to its right.
   */
  private record BarRow(String label, double extent, double track, List<Segment> segments,
      String value, String note, boolean strong) {}

  private record Segment(double value, String color, String name) {}

  /**
   * Draws rows of horizontal bars. The scale runs to {@code max}, or to the largest row when
   * {@code max} is negative.
   */
  private void barChart(String title, List<BarRow> rows, int width, int noteWidth, double max) {
    double scale = max;
    if (scale < 0) {
      scale = 0;
      for (BarRow r : rows) {
        double stacked = 0;
        for (Segment s : r.segments()) {
          stacked += Math.max(0, s.value());
        }
        scale = Math.max(scale, Math.max(r.extent(), Math.max(r.track(), stacked)));
      }
    }
    int longest = 0;
    for (BarRow r : rows) {
      longest = Math.max(longest, DashboardFormat.clean(r.label()).length());
    }
    int labelWidth = (int) Math.min(width * 0.34, Math.max(90, longest * CHAR_WIDTH + 16));
    int valueWidth = 64;
    int x0 = labelWidth;
    int barWidth = width - labelWidth - valueWidth - noteWidth - 8;
    int rowHeight = 30;
    int barHeight = 18;
    int top = 4;
    int height = top + rows.size() * rowHeight + 4;
    svgOpen(title, width, height);
    for (int i = 0; i < rows.size(); i++) {
      BarRow r = rows.get(i);
      int y = top + i * rowHeight;
      int barY = y + (rowHeight - barHeight) / 2;
      int textY = y + rowHeight / 2 + 5;
      String label = fit(DashboardFormat.clean(r.label()), (labelWidth - 14) / CHAR_WIDTH);
      out.append("<text x=\"").append(x0 - 10).append("\" y=\"").append(textY)
          .append("\" text-anchor=\"end\"").append(r.strong() ? " class=\"strong\"" : "")
          .append("><title>").append(esc(r.label())).append("</title>").append(esc(label))
          .append("</text>");
      // a faint full-width lane so that an empty row still reads as a row
      rect(x0, barY, barWidth, barHeight, EMPTY_TRACK, null);
      if (scale > 0) {
        if (r.track() > 0) {
          rect(x0, barY, barWidth * r.track() / scale, barHeight, TRACK, null);
        }
        double x = x0;
        for (Segment s : r.segments()) {
          if (s.value() > 0) {
            double w = barWidth * s.value() / scale;
            rect(x, barY, w, barHeight, s.color(),
                s.name() + ": " + (max == 1 ? percent(s.value()) : count((long) s.value())));
            x += w;
          }
        }
      }
      int vx = x0 + barWidth + 10;
      out.append("<text x=\"").append(vx).append("\" y=\"").append(textY)
          .append("\" class=\"strong\">").append(esc(r.value())).append("</text>");
      if (!r.note().isEmpty()) {
        out.append("<text x=\"").append(vx + valueWidth).append("\" y=\"").append(textY)
            .append("\" class=\"small\">")
            .append(esc(fit(r.note(), (noteWidth - 4) / (CHAR_WIDTH - 0.6))))
            .append("</text>");
      }
      out.append('\n');
    }
    out.append("</svg>\n");
  }

  // ---------------------------------------------------------------- experiments

  private void experiments(List<ExperimentResult> experiments) {
    open("experiments", "Experiments",
        "conversion per arm; lift with its 95% confidence interval");
    if (experiments.isEmpty()) {
      empty("No experiment running.");
    }
    for (ExperimentResult e : experiments) {
      List<ExperimentResult> comparisons = DashboardReport.comparisons(e);
      out.append("<div class=\"part\">\n<h3>").append(esc(e.journey()))
          .append(" <span class=\"tag\">· ").append(esc(e.experiment())).append("</span></h3>\n");
      tableHead("Arm", "#Customers", "#Converted", "#Rate", "#Lift", "#Relative", "#95% CI",
          "#p-value", "Verdict");
      out.append("<tr>");
      out.append("<td>").append(esc(e.control().name()))
          .append(" <span class=\"pill neutral\">control</span></td>");
      num(count(e.control().entered()));
      num(count(e.control().converted()));
      num(percent(e.control().rate()));
      for (int i = 0; i < 4; i++) {
        out.append("<td class=\"num dim\">").append(NONE).append("</td>");
      }
      out.append("<td></td></tr>\n");
      for (ExperimentResult c : comparisons) {
        out.append("<tr>");
        td(c.treatment().name());
        num(count(c.treatment().entered()));
        num(count(c.treatment().converted()));
        num(percent(c.treatment().rate()));
        num(DashboardFormat.points(c.absoluteLift()));
        num(DashboardFormat.relative(c.relativeLift()));
        num(DashboardFormat.interval(c.ciLow(), c.ciHigh()));
        num(DashboardFormat.pValue(c.pValue()));
        out.append("<td>").append(verdictPill(c)).append("</td></tr>\n");
      }
      tableEnd();
      liftChart(e, comparisons);
      for (ExperimentResult c : comparisons) {
        if (c.warning() != null && c.warning().isPresent()) {
          out.append("<p class=\"warning\">").append(ICON_WARN).append("<span><b>")
              .append(esc(c.treatment().name())).append(" vs ").append(esc(c.control().name()))
              .append(":</b> ").append(esc(c.warning().get())).append("</span></p>\n");
        }
      }
      out.append("</div>\n");
    }
    close();
  }

  private static String verdictPill(ExperimentResult c) {
    String verdict = DashboardFormat.verdict(c);
    if (!Double.isFinite(c.pValue())) {
      return "<span class=\"pill neutral\">no data</span>";
    }
    if (c.pValue() >= 0.05) {
      return "<span class=\"pill neutral\">" + verdict + "</span>";
    }
    return c.absoluteLift() > 0
        ? "<span class=\"pill ok\">" + ICON_OK + verdict + "</span>"
        : "<span class=\"pill bad\">" + ICON_BAD + verdict + "</span>";
  }

  /** Lift of each treatment over the control, in percentage points, with CI whiskers. */
  private void liftChart(ExperimentResult e, List<ExperimentResult> comparisons) {
    double lo = 0;
    double hi = 0;
    boolean any = false;
    for (ExperimentResult c : comparisons) {
      if (Double.isFinite(c.ciLow()) && Double.isFinite(c.ciHigh())) {
        lo = Math.min(lo, c.ciLow() * 100);
        hi = Math.max(hi, c.ciHigh() * 100);
        any = true;
      }
    }
    if (!any) {
      return;
    }
    if (hi - lo < 1e-9) {
      lo -= 1;
      hi += 1;
    }
    double step = niceStep((hi - lo) / 5);
    lo = Math.floor(lo / step) * step;
    hi = Math.ceil(hi / step) * step;
    int width = 1100;
    int longest = 0;
    for (ExperimentResult c : comparisons) {
      longest = Math.max(longest, DashboardFormat.clean(c.treatment().name()).length()
          + DashboardFormat.clean(c.control().name()).length() + 4);
    }
    int labelWidth = (int) Math.min(width * 0.3, Math.max(120, longest * CHAR_WIDTH + 16));
    int noteWidth = 250;
    int plotWidth = width - labelWidth - noteWidth - 30;
    int x0 = labelWidth + 10;
    int rowHeight = 34;
    int top = 8;
    int axisY = top + comparisons.size() * rowHeight + 6;
    int height = axisY + 44;
    final double from = lo;
    final double span = hi - lo;
    DoubleUnaryOperator xOf = v -> x0 + plotWidth * (v - from) / span;
    svgOpen("Lift of " + e.journey() + " " + e.experiment(), width, height);
    for (double t = lo; t <= hi + step / 2; t += step) {
      double x = xOf.applyAsDouble(t);
      boolean zero = Math.abs(t) < step / 1000;
      out.append("<line x1=\"").append(fmt(x)).append("\" y1=\"").append(top)
          .append("\" x2=\"").append(fmt(x)).append("\" y2=\"").append(axisY)
          .append(zero
              ? "\" stroke=\"#57606a\" stroke-width=\"1.5\"/>"
              : "\" stroke=\"#e4e8ed\" stroke-width=\"1\"/>");
      out.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(axisY + 18)
          .append("\" text-anchor=\"middle\" class=\"small\">")
          .append(zero ? "0" : String.format(Locale.ROOT, "%+.4g", t).replaceAll(
              "(\\.\\d*?)0+$", "$1").replaceAll("\\.$", ""))
          .append("</text>");
    }
    out.append("<text x=\"").append(x0 + plotWidth / 2).append("\" y=\"").append(axisY + 38)
        .append("\" text-anchor=\"middle\" class=\"small\">lift over the control, in "
            + "percentage points (bars: 95% confidence interval)</text>\n");
    for (int i = 0; i < comparisons.size(); i++) {
      ExperimentResult c = comparisons.get(i);
      int cy = top + i * rowHeight + rowHeight / 2;
      String name = c.treatment().name() + " vs " + c.control().name();
      out.append("<text x=\"").append(labelWidth).append("\" y=\"").append(cy + 5)
          .append("\" text-anchor=\"end\"><title>").append(esc(name)).append("</title>")
          .append(esc(fit(DashboardFormat.clean(name), (labelWidth - 8) / CHAR_WIDTH)))
          .append("</text>");
      if (!Double.isFinite(c.ciLow()) || !Double.isFinite(c.absoluteLift())) {
        out.append("<text x=\"").append(x0 + 8).append("\" y=\"").append(cy + 5)
            .append("\" class=\"small\">no data</text>\n");
        continue;
      }
      String color = c.ciLow() > 0 ? GREEN : c.ciHigh() < 0 ? RED : "#57606a";
      double xl = xOf.applyAsDouble(c.ciLow() * 100);
      double xh = xOf.applyAsDouble(c.ciHigh() * 100);
      double xm = xOf.applyAsDouble(c.absoluteLift() * 100);
      out.append("<g><title>").append(esc(name)).append(": ")
          .append(esc(DashboardFormat.points(c.absoluteLift()))).append(", 95% CI ")
          .append(esc(DashboardFormat.interval(c.ciLow(), c.ciHigh()))).append("</title>")
          .append("<rect x=\"").append(fmt(xl)).append("\" y=\"").append(cy - 7)
          .append("\" width=\"").append(fmt(Math.max(1, xh - xl))).append("\" height=\"14\" ")
          .append("rx=\"3\" fill=\"").append(color).append("\" fill-opacity=\"0.16\"/>")
          .append("<line x1=\"").append(fmt(xl)).append("\" y1=\"").append(cy)
          .append("\" x2=\"").append(fmt(xh)).append("\" y2=\"").append(cy)
          .append("\" stroke=\"").append(color).append("\" stroke-width=\"2\"/>");
      for (double x : new double[] {xl, xh}) {
        out.append("<line x1=\"").append(fmt(x)).append("\" y1=\"").append(cy - 7)
            .append("\" x2=\"").append(fmt(x)).append("\" y2=\"").append(cy + 7)
            .append("\" stroke=\"").append(color).append("\" stroke-width=\"2\"/>");
      }
      out.append("<circle cx=\"").append(fmt(xm)).append("\" cy=\"").append(cy)
          .append("\" r=\"5.5\" fill=\"").append(color)
          .append("\" stroke=\"#fff\" stroke-width=\"1.5\"/></g>");
      out.append("<text x=\"").append(x0 + plotWidth + 12).append("\" y=\"").append(cy + 5)
          .append("\" class=\"strong\">").append(esc(DashboardFormat.points(c.absoluteLift())))
          .append("</text><text x=\"").append(x0 + plotWidth + 92).append("\" y=\"")
          .append(cy + 5).append("\" class=\"small\">")
          .append(esc(DashboardFormat.interval(c.ciLow(), c.ciHigh()))).append("</text>\n");
    }
    out.append("</svg>\n");
  }

  private static double niceStep(double raw) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double r = raw / magnitude;
    double nice = r <= 1 ? 1 : r <= 2 ? 2 : r <= 2.5 ? 2.5 : r <= 5 ? 5 : 10;
    return nice * magnitude;
  }

  // ---------------------------------------------------------------- pieces

  private void open(String id, String title, String note) {
    out.append("<section class=\"card\" id=\"").append(id).append("\">\n<h2>")
        .append(esc(title));
    if (note != null) {
      out.append("<small>").append(esc(note)).append("</small>");
    }
    out.append("</h2>\n");
  }

  private void close() {
    out.append("</section>\n");
  }

  private void empty(String text) {
    out.append("<p class=\"empty\">").append(esc(text)).append("</p>\n");
  }

  /** Opens a table; a header starting with {@code #} is a right-aligned number column. */
  private void tableHead(String... headers) {
    out.append("<div class=\"scroll\"><table>\n<thead><tr>");
    for (String h : headers) {
      if (h.startsWith("#")) {
        out.append("<th class=\"num\">").append(esc(h.substring(1))).append("</th>");
      } else {
        out.append("<th>").append(esc(h)).append("</th>");
      }
    }
    out.append("</tr></thead>\n<tbody>\n");
  }

  private void tableEnd() {
    out.append("</tbody>\n</table></div>\n");
  }

  private void td(String text) {
    out.append("<td>").append(esc(text)).append("</td>");
  }

  private void tdDim(String text) {
    out.append("<td class=\"dim\">").append(esc(text)).append("</td>");
  }

  private void num(String text) {
    out.append("<td class=\"num\">").append(esc(text)).append("</td>");
  }

  private void svgOpen(String title, int width, int height) {
    out.append("<svg class=\"chart\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" width=\"").append(width).append("\" height=\"").append(height)
        .append("\" role=\"img\" aria-label=\"").append(esc(title)).append("\">\n");
  }

  private void rect(double x, double y, double w, double h, String fill, String tip) {
    out.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y))
        .append("\" width=\"").append(fmt(Math.max(0, w))).append("\" height=\"")
        .append(fmt(h)).append("\" rx=\"3\" fill=\"").append(fill).append('"');
    if (tip == null) {
      out.append("/>");
    } else {
      out.append("><title>").append(esc(tip)).append("</title></rect>");
    }
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** Shortens a text to about {@code chars} characters, with an ellipsis. */
  private static String fit(String s, double chars) {
    int max = Math.max(4, (int) chars);
    if (s.codePointCount(0, s.length()) <= max) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
  }

  /** Escapes a text for HTML elements and quoted attributes; replaces control characters. */
  static String esc(String s) {
    String clean = DashboardFormat.clean(s);
    StringBuilder b = new StringBuilder(clean.length() + 16);
    for (int i = 0; i < clean.length(); i++) {
      char c = clean.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
