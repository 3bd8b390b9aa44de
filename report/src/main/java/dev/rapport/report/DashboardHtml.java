package dev.rapport.report;

import static dev.rapport.report.DashboardFormat.NONE;
import static dev.rapport.report.DashboardFormat.count;
import static dev.rapport.report.DashboardFormat.percent;
import static dev.rapport.report.DashboardFormat.human;

import dev.rapport.core.EngagementLevel;
import dev.rapport.core.LifecycleStage;
import dev.rapport.core.journey.JourneyStats;
import dev.rapport.core.journey.StepStats;
import dev.rapport.core.measure.ActionRoi;
import dev.rapport.core.measure.Dashboard;
import dev.rapport.core.measure.ExperimentResult;
import dev.rapport.core.measure.Guardrail;
import dev.rapport.core.measure.GuardrailHistory;
import dev.rapport.core.measure.GuardrailPause;
import dev.rapport.core.measure.GuardrailState;
import dev.rapport.core.measure.Metric;
import dev.rapport.core.measure.MetricValue;
import dev.rapport.core.measure.MomentReach;
import dev.rapport.core.measure.RoiResult;
import dev.rapport.core.measure.ScoreDistribution;
import dev.rapport.core.measure.ThemeStats;
import dev.rapport.core.measure.Trend;
import dev.rapport.core.measure.TrendPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
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
  private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

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
      .part+.part,.scroll+.part{border-top:1px solid var(--line);margin-top:22px;\
      padding-top:20px}
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
      svg.chart text.pause{fill:#9c3a00;font-weight:600}
      svg.chart text.bound{fill:#9c3a00}
      nav.sections{display:flex;flex-wrap:wrap;gap:6px 8px;margin:14px 0 0}
      nav.sections a{color:#fff;text-decoration:none;font-size:13px;font-weight:600;\
      padding:4px 11px;border-radius:999px;background:rgba(255,255,255,.12);\
      box-shadow:inset 0 0 0 1px rgba(255,255,255,.22)}
      nav.sections a:hover,nav.sections a:focus{background:rgba(255,255,255,.26)}
      td.step{white-space:nowrap}
      table.steps th.num{white-space:normal;vertical-align:bottom}
      table.steps th,table.steps td{padding-left:8px;padding-right:8px}
      section.card{scroll-margin-top:12px}
      .tier{padding:14px 0 4px}
      .tier+.tier{border-top:1px solid var(--line);margin-top:14px}
      .tier.headline h3{font-size:17px}
      .tier.secondary h3,.tier.activity h3{font-size:14px;color:var(--muted)}
      .tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(210px,1fr));gap:12px;\
      margin:0 0 16px}
      .tile{background:#f6f8fa;border:1px solid var(--line);border-radius:10px;\
      padding:12px 14px;min-width:0}
      .tile .value{font-size:22px;font-weight:700;line-height:1.25;margin:4px 0 2px;\
      overflow-wrap:anywhere}
      .tile .sub{font-size:12.5px;color:var(--muted)}
      td .ci{font-size:12.5px;color:var(--muted)}
      table.roi th{white-space:normal;vertical-align:bottom}
      footer{padding:4px 0 32px;text-align:center;font-size:12px;color:var(--faint)}
      @media (max-width:900px){.kpis{grid-template-columns:repeat(2,minmax(0,1fr))}\
      .grid2{grid-template-columns:minmax(0,1fr)}}
      @media print{body{background:#fff}.kpi,.card{box-shadow:none}\
      header.top{background:#fff;color:var(--ink)}}
      """;

  private final StringBuilder out = new StringBuilder(64 * 1024);
  private final Dashboard d;

  private DashboardHtml(Dashboard d) {
    this.d = d;
  }

  static String render(Dashboard d) {
    DashboardHtml h = new DashboardHtml(d);
    h.page();
    return h.out.toString();
  }

  // ---------------------------------------------------------------- page

  private void page() {
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
        .append(" · ").append(count(d.customers())).append(" customers</p>");
    nav();
    out.append("</div></header>\n<main class=\"wrap\">\n");
    kpis();
    returns();
    northStar();
    guardrails();
    metrics();
    journeys();
    moments();
    out.append("<div class=\"grid2\">\n");
    engagement(d.engagement());
    lifecycle(d.lifecycle());
    out.append("</div>\n");
    scores();
    experiments(d.experiments());
    themes();
    out.append("</main>\n<footer>Rendered by Rapport · a self-contained page: no script, and "
        + "nothing is fetched</footer>\n</body>\n</html>\n");
  }

  /** Links to the sections, at the top of the page. */
  private void nav() {
    List<String[]> sections = new ArrayList<>();
    if (DashboardFormat.hasReturns(d)) {
      sections.add(new String[] {"roi", "Return"});
    }
    String[][] fixed = {{"north-star", "North star"}, {"guardrails", "Guardrails"},
        {"metrics", "Metrics"}, {"journeys", "Journeys"}, {"moments", "Moments"},
        {"engagement", "Engagement"}, {"lifecycle", "Lifecycle"}, {"scores", "Scores"},
        {"experiments", "Experiments"}, {"themes", "Survey themes"}};
    sections.addAll(List.of(fixed));
    out.append("<nav class=\"sections\" aria-label=\"Sections\">");
    for (String[] s : sections) {
      out.append("<a href=\"#").append(s[0]).append("\">").append(s[1]).append("</a>");
    }
    out.append("</nav>");
  }

  private void kpis() {
    out.append("<section class=\"kpis\" aria-label=\"Summary\">\n");
    if (d.northStar().isPresent()) {
      MetricValue m = d.northStar().get();
      kpi("", "North star", esc(DashboardFormat.value(d, m.metric(), m.value())),
          esc(m.metric()) + " · n = " + count(m.sample()) + " · " + esc(human(m.window())));
    } else {
      kpi("", "North star", NONE, "none declared");
    }
    kpi("", "Customers", count(d.customers()), "known to the engine");
    long breached = d.guardrails().stream().filter(GuardrailState::breached).count();
    long pauses = d.guardrailHistory().stream().mapToLong(h -> h.pauses().size()).sum();
    String paused = pauses == 0 ? "no pause" : pauses == 1 ? "1 pause" : pauses + " pauses";
    int all = d.guardrails().size();
    if (all == 0) {
      kpi("", "Guardrails", NONE, "none declared");
    } else if (breached == 0) {
      kpi("ok", "Guardrails", ICON_OK + "All OK", all + (all == 1 ? " guardrail" : " guardrails")
          + " holding · " + paused + " in " + Trend.DAYS + " days");
    } else {
      kpi("bad", "Guardrails", ICON_BAD + breached + " breached",
          "of " + all + " · what they protect is paused · " + paused + " in " + Trend.DAYS
              + " days");
    }
    long significant = 0;
    long comparisons = 0;
    for (ExperimentResult e : d.experiments()) {
      for (ExperimentResult c : DashboardFormat.comparisons(e)) {
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

  /**
   * The return on investment, first after the summary, in three tiers: the headline (value
   * metrics and score means as tiles, each journey's incremental revenue against its holdout),
   * the secondary measures that roll up to it (survey scores), and activity.
   */
  private void returns() {
    if (!DashboardFormat.hasReturns(d)) {
      return;
    }
    open("roi", "Return on investment", "headline, what rolls up to it, then activity");
    out.append("<div class=\"tier headline\" id=\"headline\">\n<h3>Headline</h3>\n")
        .append("<div class=\"tiles\">");
    for (MetricValue m : DashboardFormat.inTier(d, DashboardFormat.Tier.HEADLINE)) {
      tile(m.metric(), DashboardFormat.value(d, m.metric(), m.value()),
          "n = " + count(m.sample()) + " · " + human(m.window()));
    }
    for (ScoreDistribution s : d.scores()) {
      if (s.dimension().equals("global") && !s.score().equals("fatigued")) {
        tile(s.score(), s.total() == 0 ? NONE
            : DashboardFormat.scoreValue(d, s.scale(), s.mean()),
            "mean of " + count(s.total()) + " customers");
      }
    }
    double incremental = 0;
    boolean any = false;
    for (RoiResult r : d.returns()) {
      if (Double.isFinite(r.incrementalRevenue())) {
        incremental += r.incrementalRevenue();
        any = true;
      }
    }
    if (any) {
      tile("incremental revenue", DashboardFormat.money(incremental, d.currency()),
          "all journeys, against their holdouts");
    }
    out.append("</div>\n");
    if (!d.returns().isEmpty()) {
      roiTable("Journey", d.returns());
    }
    List<RoiResult> actions = DashboardFormat.actionHoldouts(d);
    if (!actions.isEmpty()) {
      roiTable("Action (against its holdout)", actions);
    }
    out.append("</div>\n");
    tier("secondary", "Secondary", DashboardFormat.Tier.SECONDARY,
        "No survey or service metric declared.");
    tier("activity", "Activity", DashboardFormat.Tier.ACTIVITY, "No activity metric declared.");
    close();
  }

  /** One row per journey or action measured against its holdout, then their warnings. */
  private void roiTable(String what, List<RoiResult> returns) {
    tableHead(List.of(what, "#Treated / held out", "#Conversion",
        "#Revenue per customer", "#Incremental revenue (95% CI)", "#Cost", "#Return",
        "Verdict"), "roi");
    for (RoiResult r : returns) {
      out.append("<tr>");
      td(r.name());
      num(count(r.treated()) + " / " + count(r.heldOut()));
      num(percent(r.conversionTreated()) + " vs " + percent(r.conversionHeldOut()));
      num(DashboardFormat.money(r.revenuePerTreated(), d.currency()) + " vs "
          + DashboardFormat.money(r.revenuePerHeldOut(), Optional.empty()));
      out.append("<td class=\"num\"><b>").append(esc(DashboardFormat.incremental(d, r)))
          .append("</b><br><span class=\"ci\">").append(esc(DashboardFormat.interval(d, r)))
          .append("</span></td>");
      num(DashboardFormat.money(r.cost(), d.currency()));
      num(DashboardFormat.multiple(r.returnOnCost()));
      String verdict = DashboardFormat.verdict(r);
      String cls = verdict.equals("adds revenue") ? "ok"
          : verdict.equals("costs revenue") ? "bad" : "neutral";
      out.append("<td><span class=\"pill ").append(cls).append("\">").append(esc(verdict))
          .append("</span></td>");
      out.append("</tr>\n");
    }
    tableEnd();
    for (RoiResult r : returns) {
      r.warning().ifPresent(w -> out.append("<p class=\"warning\">").append(ICON_WARN)
          .append(esc(r.name() + ": " + w)).append("</p>\n"));
    }
  }

  private void tile(String label, String value, String sub) {
    out.append("<div class=\"tile\"><div class=\"label\">").append(esc(label))
        .append("</div><div class=\"value\">").append(esc(value))
        .append("</div><div class=\"sub\">").append(esc(sub)).append("</div></div>");
  }

  private void tier(String id, String title, DashboardFormat.Tier tier, String none) {
    out.append("<div class=\"tier ").append(id).append("\" id=\"").append(id)
        .append("\">\n<h3>").append(title).append("</h3>\n");
    List<MetricValue> values = DashboardFormat.inTier(d, tier);
    if (values.isEmpty()) {
      empty(none);
    } else {
      tableHead("Metric", "#Value", "#Sample", "Window");
      for (MetricValue m : values) {
        out.append("<tr>");
        td(m.metric());
        num(DashboardFormat.value(d, m.metric(), m.value()));
        num(count(m.sample()));
        tdDim(human(m.window()));
        out.append("</tr>\n");
      }
      tableEnd();
    }
    if (tier == DashboardFormat.Tier.ACTIVITY && d.fatigued().isPresent()) {
      out.append("<p class=\"fatigued\">Fatigued customers (marketing paused by the fatigue "
          + "rule): <b>").append(count(d.fatigued().getAsLong())).append("</b></p>\n");
    }
    if (tier == DashboardFormat.Tier.ACTIVITY && !d.actionReturns().isEmpty()) {
      tableHead("Action", "#Messages", "#Cost", "#Attributed orders", "#Attributed revenue",
          "#Return");
      for (ActionRoi r : d.actionReturns()) {
        out.append("<tr>");
        td(r.action());
        num(count(r.messages()));
        num(DashboardFormat.money(r.cost(), d.currency()));
        num(count(r.orders()));
        num(DashboardFormat.money(r.revenue(), d.currency()));
        num(DashboardFormat.multiple(r.returnOnCost()));
        out.append("</tr>\n");
      }
      tableEnd();
    }
    out.append("</div>\n");
  }

  private void kpi(String state, String label, String valueHtml, String subHtml) {
    out.append("<div class=\"kpi").append(state.isEmpty() ? "" : " " + state).append("\">")
        .append("<div class=\"label\">").append(label).append("</div>")
        .append("<div class=\"value\">").append(valueHtml).append("</div>")
        .append("<div class=\"sub\">").append(subHtml).append("</div></div>\n");
  }

  // ---------------------------------------------------------------- north star and guardrails

  private void northStar() {
    open("north-star", "North star", d.northStar().map(m ->
        DashboardFormat.description(d.definition(m.metric()))).filter(s -> !s.isEmpty())
        .orElse(null));
    if (d.northStar().isEmpty()) {
      empty("No north star metric declared.");
    } else if (d.northStarTrend().isEmpty()) {
      empty("No trend recorded.");
    } else {
      Trend t = d.northStarTrend().get();
      trendChart("North star " + t.metric() + " over time", t, OptionalDouble.empty(), 0,
          List.of(), GREEN, 230);
    }
    close();
  }

  private void guardrails() {
    List<GuardrailState> guardrails = d.guardrails();
    open("guardrails", "Guardrails", "a breached guardrail pauses what it protects");
    if (guardrails.isEmpty()) {
      empty("No guardrail declared.");
      close();
      return;
    }
    tableHead("Status", "Guardrail", "#Value", "#Sample", "Protects",
        "#Pauses in " + Trend.DAYS + " days", "Since");
    for (int i = 0; i < guardrails.size(); i++) {
      GuardrailState g = guardrails.get(i);
      Optional<GuardrailHistory> h = DashboardFormat.history(d, i);
      out.append(g.breached() ? "<tr class=\"breached\">" : "<tr>")
          .append("<td>").append(g.breached()
              ? "<span class=\"pill bad\">" + ICON_BAD + "BREACHED</span>"
              : "<span class=\"pill ok\">" + ICON_OK + "OK</span>")
          .append("</td>");
      out.append("<td class=\"nowrap\">").append(esc(h.map(x -> DashboardFormat.guardrail(d, x))
          .orElse(human(g.guardrail())))).append("</td>");
      num(h.map(x -> DashboardFormat.value(d, x.trend().metric(), g.value()))
          .orElse(DashboardFormat.number(g.value())));
      num(count(g.sample()));
      out.append("<td class=\"nowrap\">").append(esc(g.protects())).append("</td>");
      num(h.map(x -> count(x.pauses().size())).orElse(NONE));
      out.append("<td class=\"dim nowrap\">").append(esc(g.since().isEmpty() ? NONE
          : DashboardFormat.instant(g.since().get()))).append("</td>");
      out.append("</tr>\n");
    }
    tableEnd();
    for (int i = 0; i < guardrails.size(); i++) {
      Optional<GuardrailHistory> h = DashboardFormat.history(d, i);
      if (h.isPresent()) {
        guardrailTrend(guardrails.get(i), h.get());
      }
    }
    close();
  }

  /** A guardrail's line with its bound and its pauses, then the pauses listed. */
  private void guardrailTrend(GuardrailState g, GuardrailHistory h) {
    String metric = h.trend().metric();
    out.append("<div class=\"part\">\n<h3>").append(esc(DashboardFormat.guardrail(d, h)))
        .append(" <span class=\"tag\">· pauses ").append(esc(g.protects())).append(" at ")
        .append(h.direction() == Guardrail.Direction.BELOW ? "or above " : "or below ")
        .append(esc(DashboardFormat.value(d, metric, h.bound()))).append(", resumes ")
        .append(h.direction() == Guardrail.Direction.BELOW ? "below " : "above ")
        .append(esc(DashboardFormat.value(d, metric, h.recoveryPoint())))
        .append("</span></h3>\n");
    trendChart("Guardrail " + h.guardrail() + " over time", h.trend(),
        OptionalDouble.of(h.bound()), h.minSample(), h.pauses(), BLUE, 190);
    if (h.pauses().isEmpty()) {
      empty("No pause in the last " + Trend.DAYS + " days.");
    } else {
      tableHead("Paused", "From", "Until", "#For", "#At the breach", "#At the recovery");
      for (GuardrailPause p : h.pauses()) {
        out.append(p.isOpen() ? "<tr class=\"breached\">" : "<tr>");
        td(p.paused());
        out.append("<td class=\"nowrap\">").append(esc(DashboardFormat.instant(p.from())))
            .append("</td><td class=\"nowrap\">")
            .append(p.until().isPresent() ? esc(DashboardFormat.instant(p.until().get()))
                : "<span class=\"pill bad\">" + ICON_BAD + "still paused</span>")
            .append("</td>");
        num(DashboardFormat.duration(p.length(d.at())));
        num(DashboardFormat.value(d, metric, p.value()) + " of " + count(p.sample()));
        num(Double.isNaN(p.recoveryValue()) ? NONE
            : DashboardFormat.value(d, metric, p.recoveryValue()) + " of "
                + count(p.recoverySample()));
        out.append("</tr>\n");
      }
      tableEnd();
    }
    out.append("</div>\n");
  }

  /**
   * Draws a metric's course: a line through its daily points (a gap where a day has no value),
   * the value now at its end, the bound as a dashed line, and each pause as a shaded band from
   * breach to recovery with the breach marked.
   */
  private void trendChart(String title, Trend trend, OptionalDouble bound, long minSample,
      List<GuardrailPause> pauses, String color, int height) {
    List<TrendPoint> points = trend.points();
    Optional<Metric> def = d.definition(trend.metric());
    if (points.isEmpty()) {
      empty("No trend recorded.");
      return;
    }
    Instant last = points.get(points.size() - 1).at();
    Instant first = points.get(0).at();
    if (!first.isBefore(last)) {
      first = last.minus(Duration.ofDays(1));
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (TrendPoint p : points) {
      if (p.hasValue()) {
        lo = Math.min(lo, p.value());
        hi = Math.max(hi, p.value());
      }
    }
    for (GuardrailPause p : pauses) {
      if (Double.isFinite(p.value())) {
        lo = Math.min(lo, p.value());
        hi = Math.max(hi, p.value());
      }
    }
    if (bound.isPresent()) {
      lo = Math.min(lo, bound.getAsDouble());
      hi = Math.max(hi, bound.getAsDouble());
    }
    if (!Double.isFinite(lo)) {
      lo = 0;
      hi = 1;
    }
    boolean fraction = def.map(m -> m.kind() == Metric.Kind.RATE
        || m.kind() == Metric.Kind.SHARE).orElse(false);
    if (fraction && lo >= 0) {
      lo = 0;
    }
    if (hi - lo < 1e-12) {
      double pad = Math.abs(hi) > 0 ? Math.abs(hi) * 0.5 : 1;
      hi += pad;
      lo = fraction && lo >= 0 ? 0 : lo - pad;
    }
    double step = niceStep((hi - lo) / 4);
    lo = Math.floor(lo / step + 1e-9) * step;
    hi = Math.ceil(hi / step - 1e-9) * step;
    int width = 1100;
    int left = 78;
    int right = 150;
    int top = 14;
    int bottom = 30;
    double plotWidth = width - left - right;
    double plotHeight = height - top - bottom;
    final double from = lo;
    final double span = hi - lo;
    final long t0 = first.toEpochMilli();
    final double tSpan = last.toEpochMilli() - t0;
    DoubleUnaryOperator yOf = v -> top + plotHeight * (1 - (v - from) / span);
    java.util.function.ToDoubleFunction<Instant> xOf = t ->
        left + plotWidth * Math.max(0, Math.min(1, (t.toEpochMilli() - t0) / tSpan));
    svgOpen(title, width, height);
    // pauses under everything else
    for (GuardrailPause p : pauses) {
      double x1 = xOf.applyAsDouble(p.from());
      double x2 = xOf.applyAsDouble(p.until().orElse(d.at()));
      String tip = "paused " + p.paused() + " from " + DashboardFormat.instant(p.from())
          + (p.until().isPresent() ? " until " + DashboardFormat.instant(p.until().get())
              : ", still paused") + " (" + DashboardFormat.duration(p.length(d.at()))
          + "), at " + DashboardFormat.value(def, p.value(), d.currency()) + " of " + count(p.sample());
      out.append("<rect x=\"").append(fmt(x1)).append("\" y=\"").append(top)
          .append("\" width=\"").append(fmt(Math.max(2, x2 - x1))).append("\" height=\"")
          .append(fmt(plotHeight)).append("\" fill=\"").append(RED)
          .append("\" fill-opacity=\"0.13\"><title>").append(esc(tip)).append("</title></rect>");
      if (x2 - x1 > 70) {
        out.append("<text x=\"").append(fmt(x1 + 5)).append("\" y=\"").append(top + 14)
            .append("\" class=\"small pause\">paused ")
            .append(esc(DashboardFormat.duration(p.length(d.at())))).append("</text>");
      }
    }
    // grid and value axis
    for (double v = lo; v <= hi + step / 2; v += step) {
      double y = yOf.applyAsDouble(v);
      out.append("<line x1=\"").append(left).append("\" y1=\"").append(fmt(y))
          .append("\" x2=\"").append(fmt(left + plotWidth)).append("\" y2=\"").append(fmt(y))
          .append("\" stroke=\"#e4e8ed\" stroke-width=\"1\"/>")
          .append("<text x=\"").append(left - 8).append("\" y=\"").append(fmt(y + 4))
          .append("\" text-anchor=\"end\" class=\"small\">")
          .append(esc(DashboardFormat.value(def, Math.abs(v) < step / 1e6 ? 0 : v, d.currency())))
          .append("</text>");
    }
    // time axis: a label every few days, at midnight
    long days = Math.max(1, Math.round(tSpan / DAY_MILLIS));
    long every = days <= 8 ? 1 : days <= 16 ? 2 : days <= 56 ? 7 : days <= 120 ? 14 : 30;
    long firstDay = Math.floorDiv(t0 + DAY_MILLIS - 1,
        DAY_MILLIS);
    for (long day = firstDay; day * DAY_MILLIS <= last.toEpochMilli();
        day += every) {
      Instant at = Instant.ofEpochMilli(day * DAY_MILLIS);
      double x = xOf.applyAsDouble(at);
      out.append("<line x1=\"").append(fmt(x)).append("\" y1=\"").append(fmt(top + plotHeight))
          .append("\" x2=\"").append(fmt(x)).append("\" y2=\"").append(fmt(top + plotHeight + 4))
          .append("\" stroke=\"#8c959f\"/><text x=\"").append(fmt(x)).append("\" y=\"")
          .append(fmt(top + plotHeight + 18)).append("\" text-anchor=\"middle\" class=\"small\">")
          .append(esc(DashboardFormat.day(at))).append("</text>");
    }
    out.append("<line x1=\"").append(left).append("\" y1=\"").append(fmt(top + plotHeight))
        .append("\" x2=\"").append(fmt(left + plotWidth)).append("\" y2=\"")
        .append(fmt(top + plotHeight)).append("\" stroke=\"#8c959f\"/>\n");
    // the bound
    if (bound.isPresent()) {
      double y = yOf.applyAsDouble(bound.getAsDouble());
      out.append("<line x1=\"").append(left).append("\" y1=\"").append(fmt(y)).append("\" x2=\"")
          .append(fmt(left + plotWidth)).append("\" y2=\"").append(fmt(y)).append("\" stroke=\"")
          .append(RED).append("\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>")
          .append("<text x=\"").append(left + 6).append("\" y=\"")
          .append(fmt(y - 5)).append("\" class=\"small bound\">bound ")
          .append(esc(DashboardFormat.value(def, bound.getAsDouble(), d.currency()))).append("</text>\n");
    }
    // the line, broken where a day has no value, and faint where the sample was too small to
    // breach the guardrail
    StringBuilder full = new StringBuilder();
    StringBuilder thin = new StringBuilder();
    TrendPoint previous = null;
    for (TrendPoint p : points) {
      if (previous != null && previous.hasValue() && p.hasValue()) {
        StringBuilder path = previous.sample() < minSample || p.sample() < minSample ? thin
            : full;
        path.append(path.length() == 0 ? "M" : " M")
            .append(fmt(xOf.applyAsDouble(previous.at()))).append(' ')
            .append(fmt(yOf.applyAsDouble(previous.value()))).append(" L")
            .append(fmt(xOf.applyAsDouble(p.at()))).append(' ')
            .append(fmt(yOf.applyAsDouble(p.value())));
      }
      previous = p;
    }
    if (thin.length() > 0) {
      out.append("<path d=\"").append(thin).append("\" fill=\"none\" stroke=\"").append(color)
          .append("\" stroke-opacity=\"0.45\" stroke-width=\"1.6\" stroke-dasharray=\"3 3\"/>");
    }
    if (full.length() > 0) {
      out.append("<path d=\"").append(full).append("\" fill=\"none\" stroke=\"").append(color)
          .append("\" stroke-width=\"2.2\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>");
    }
    // the breaches
    for (GuardrailPause p : pauses) {
      if (Double.isFinite(p.value())) {
        out.append("<circle cx=\"").append(fmt(xOf.applyAsDouble(p.from()))).append("\" cy=\"")
            .append(fmt(yOf.applyAsDouble(p.value()))).append("\" r=\"4.5\" fill=\"")
            .append(RED).append("\" stroke=\"#fff\" stroke-width=\"1.5\"><title>")
            .append(esc("breached on " + DashboardFormat.instant(p.from()) + " at "
                + DashboardFormat.value(def, p.value(), d.currency()) + " of " + count(p.sample())))
            .append("</title></circle>");
      }
    }
    // where it stands now
    TrendPoint end = points.get(points.size() - 1);
    if (end.hasValue()) {
      double x = xOf.applyAsDouble(end.at());
      double y = yOf.applyAsDouble(end.value());
      out.append("<circle cx=\"").append(fmt(x)).append("\" cy=\"").append(fmt(y))
          .append("\" r=\"4.5\" fill=\"").append(color).append("\"/>")
          .append("<text x=\"").append(fmt(x + 10)).append("\" y=\"").append(fmt(y - 6))
          .append("\" class=\"strong\">")
          .append(esc(DashboardFormat.value(def, end.value(), d.currency()))).append("</text>")
          .append("<text x=\"").append(fmt(x + 10)).append("\" y=\"").append(fmt(y + 10))
          .append("\" class=\"small\">now, n = ").append(count(end.sample())).append("</text>");
    }
    out.append("\n</svg>\n");
    List<String[]> items = new ArrayList<>();
    items.add(new String[] {color, "value as each day ended (" + human(windowOf(trend)) + ")"});
    if (thin.length() > 0) {
      items.add(new String[] {"#9cc3e0", "dotted: sample under " + count(minSample)
          + ", too small to breach"});
    }
    if (bound.isPresent()) {
      items.add(new String[] {RED, "bound (dashed)"});
      items.add(new String[] {"#f6d0bd", "paused"});
    }
    legend(items.toArray(String[][]::new));
  }

  /** The window of a trend's metric, as the metric values say it. */
  private String windowOf(Trend trend) {
    for (MetricValue m : d.metrics()) {
      if (m.metric().equals(trend.metric())) {
        return m.window();
      }
    }
    return d.definition(trend.metric()).map(Metric::windowText).orElse("");
  }

  // ---------------------------------------------------------------- tables

  private void metrics() {
    open("metrics", "Metrics", d.northStar().isPresent() ? "the north star is above" : null);
    List<MetricValue> metrics = new ArrayList<>(d.metrics());
    d.northStar().ifPresent(n -> metrics.removeIf(m -> m.metric().equals(n.metric())
        && m.dimension().equals(n.dimension())));
    if (metrics.isEmpty()) {
      empty(d.metrics().isEmpty() ? "No metric declared." : "No metric besides the north star.");
    } else {
      tableHead("Metric", "Dimension", "#Value", "#Sample", "Window", "What it measures");
      for (MetricValue m : metrics) {
        out.append("<tr>");
        out.append("<td class=\"nowrap\">").append(esc(m.metric())).append("</td>");
        tdDim(m.dimension());
        num(DashboardFormat.value(d, m.metric(), m.value()));
        num(count(m.sample()));
        out.append("<td class=\"dim nowrap\">").append(esc(human(m.window()))).append("</td>");
        tdDim(DashboardFormat.description(d.definition(m.metric())));
        out.append("</tr>\n");
      }
      tableEnd();
    }
    close();
  }

  private void themes() {
    open("themes", "Survey themes", "closing the loop: you asked, we fixed");
    if (d.themes().isEmpty()) {
      empty("No survey answer has raised a theme yet.");
    } else {
      tableHead("Theme", "#Answers", "#Customers", "Mean score", "Status");
      for (ThemeStats t : d.themes()) {
        out.append("<tr>");
        td(t.theme());
        num(count(t.answers()));
        num(count(t.customers()));
        out.append("<td class=\"nowrap\">").append(esc(DashboardFormat.meanScores(d, t)))
            .append("</td>");
        out.append("<td>").append(t.resolved()
            ? "<span class=\"pill ok\">" + ICON_OK + "resolved</span>"
            : "<span class=\"pill neutral\">open</span>").append("</td></tr>\n");
      }
      tableEnd();
    }
    close();
  }

  // ---------------------------------------------------------------- journeys

  private void journeys() {
    open("journeys", "Journey funnels", "each journey on its own; steps in the order a "
        + "customer meets them");
    if (d.funnels().isEmpty()) {
      empty("No journey declared.");
    }
    for (JourneyStats j : d.funnels()) {
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
      List<StepStats> steps = DashboardFormat.inFlowOrder(j.steps());
      funnelChart(j, steps);
      legend(new String[][] {{BLUE, "treated / sent"}, {GREY, "held out"}, {RED, "refused"},
          {ORANGE, "waiting"}, {PURPLE, "timed out"}, {TRACK, "arrived, moved on"},
          {GREEN, "converted"}});
      if (!steps.isEmpty()) {
        boolean versions = DashboardFormat.severalVersions(steps);
        List<String> heads = new ArrayList<>();
        if (versions) {
          heads.add("Version");
        }
        heads.addAll(List.of("Step", "#Arrived", "#Sent", "#Held out", "#Refused",
            "#Waiting", "#Timed out", "#Fallbacks", "Refused by reason"));
        tableHead(heads, "steps");
        for (StepStats s : steps) {
          out.append("<tr>");
          if (versions) {
            tdDim("v" + s.version());
          }
          out.append("<td class=\"step\">").append(esc(human(s.step()))).append("</td>");
          num(count(s.arrived()));
          num(count(s.sent()));
          num(count(s.heldOut()));
          num(count(DashboardFormat.refusedTotal(s)));
          num(count(s.waiting()));
          num(count(s.timedOut()));
          num(count(s.fallbacks()));
          // each reason on one line; a long list breaks between reasons only
          out.append("<td class=\"dim\">");
          String[] reasons = DashboardFormat.refusals(s).split(", ");
          for (int k = 0; k < reasons.length; k++) {
            out.append(k == 0 ? "" : ", ").append("<span class=\"nowrap\">")
                .append(esc(reasons[k])).append("</span>");
          }
          out.append("</td>");
          out.append("</tr>\n");
        }
        tableEnd();
      }
      out.append("</div>\n");
    }
    close();
  }

  private void funnelChart(JourneyStats j, List<StepStats> steps) {
    boolean versions = DashboardFormat.severalVersions(steps);
    List<BarRow> rows = new ArrayList<>();
    String ofEntered = " of entered";
    rows.add(new BarRow("entered", j.entered(), 0, List.of(
        new Segment(j.treated(), BLUE, "treated"), new Segment(j.heldOut(), GREY, "held out")),
        count(j.entered()), j.entered() == 0 ? "" : "100%", true, false));
    for (StepStats s : steps) {
      String label = (versions ? "v" + s.version() + " · " : "") + human(s.step());
      rows.add(new BarRow(label, s.arrived(), s.arrived(), List.of(
          new Segment(s.sent(), BLUE, "sent"), new Segment(s.heldOut(), GREY, "held out"),
          new Segment(DashboardFormat.refusedTotal(s), RED, "refused"),
          new Segment(s.waiting(), ORANGE, "waiting"),
          new Segment(s.timedOut(), PURPLE, "timed out")),
          count(s.arrived()), percent(s.arrived(), j.entered()) + ofEntered, false, false));
    }
    rows.add(new BarRow("converted", j.converted(), 0, List.of(
        new Segment(j.convertedTreated(), GREEN, "converted, treated"),
        new Segment(j.convertedHeldOut(), GREY, "converted, held out")),
        count(j.converted()), percent(j.converted(), j.entered()) + ofEntered, true, false));
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

  private void moments() {
    open("moments", "Moments that matter", "share of customers who reached each moment; a "
        + "moment that follows another says how many went on");
    if (d.moments().isEmpty()) {
      empty("No moment declared.");
      close();
      return;
    }
    List<BarRow> rows = new ArrayList<>();
    for (List<MomentReach> group : DashboardBlocks.momentGroups(d.moments())) {
      boolean first = true;
      for (MomentReach m : group) {
        List<String> notes = new ArrayList<>();
        notes.add(count(m.reached()) + " reached");
        m.medianTimeToMoment().ifPresent(t -> notes.add("median "
            + DashboardFormat.duration(t)));
        if (m.previous().isPresent()) {
          notes.add(DashboardBlocks.follows(m));
        }
        double share = m.share();
        rows.add(new BarRow((m.previous().isPresent() ? "↳ " : "") + m.moment(),
            Double.isFinite(share) ? share : 0, 1,
            List.of(new Segment(Double.isFinite(share) ? share : 0, BLUE, "reached")),
            percent(share), String.join(" · ", notes), false, first && !rows.isEmpty()));
        first = false;
      }
    }
    barChart("Moment reach", rows, 1100, 430, 1);
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
          count(counts[i]), percent(counts[i], total), false, false));
    }
    barChart(title, rows, 520, 64, -1);
    close();
  }

  /** Each declared score: a bar per bucket, then the mean per persona and segment. */
  private void scores() {
    open("scores", "Scores", d.scores().isEmpty() ? null : "customers per value, latest value");
    if (d.scores().isEmpty()) {
      empty("No score declared.");
      close();
      return;
    }
    for (ScoreDistribution s : d.scores()) {
      if (!s.dimension().equals("global")) {
        continue;
      }
      String title = s.score() + " · " + count(s.total()) + " customers · mean "
          + (s.total() == 0 ? NONE : DashboardFormat.scoreValue(d, s.scale(), s.mean()));
      out.append("<h3>").append(esc(title)).append("</h3>\n");
      int[] shown = DashboardFormat.shownBuckets(s);
      if (shown.length == 0) {
        empty("No customer has a value yet.");
      } else {
        List<BarRow> rows = new ArrayList<>();
        for (int b : shown) {
          long n = s.customers().get(b);
          String label = DashboardFormat.bucket(s.scale(), b);
          rows.add(new BarRow(label, n, 0, List.of(new Segment(n, BLUE, label)), count(n),
              percent(n, s.total()), false, false));
        }
        barChart(s.score(), rows, 520, 64, -1);
      }
      boolean any = false;
      for (ScoreDistribution o : d.scores()) {
        if (o.score().equals(s.score()) && !o.dimension().equals("global")) {
          if (!any) {
            tableHead("Dimension", "#Customers", "#Mean");
            any = true;
          }
          out.append("<tr>");
          td(o.dimension());
          num(count(o.total()));
          num(o.total() == 0 ? NONE : DashboardFormat.scoreValue(d, o.scale(), o.mean()));
          out.append("</tr>\n");
        }
      }
      if (any) {
        tableEnd();
      }
    }
    close();
  }

  // ---------------------------------------------------------------- bar charts

  /**
   * A row of a horizontal bar chart: a light track (drawn to {@code track}) under stacked
   * segments, a bold value and a note to its right; a row that starts a group has some space
   * above it.
   */
  private record BarRow(String label, double extent, double track, List<Segment> segments,
      String value, String note, boolean strong, boolean startsGroup) {}

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
    int groupGap = 14;
    int gaps = (int) rows.stream().filter(BarRow::startsGroup).count();
    int height = top + rows.size() * rowHeight + gaps * groupGap + 4;
    svgOpen(title, width, height);
    int y = top - rowHeight;
    for (int i = 0; i < rows.size(); i++) {
      BarRow r = rows.get(i);
      y += rowHeight + (r.startsGroup() ? groupGap : 0);
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
      List<ExperimentResult> comparisons = DashboardFormat.comparisons(e);
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
    tableHead(List.of(headers), "");
  }

  /** Opens a table of a class. */
  private void tableHead(List<String> headers, String cls) {
    out.append("<div class=\"scroll\"><table")
        .append(cls.isEmpty() ? "" : " class=\"" + cls + "\"").append(">\n<thead><tr>");
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
