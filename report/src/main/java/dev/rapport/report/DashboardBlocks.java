package dev.rapport.report;

import static dev.rapport.report.DashboardFormat.NONE;
import static dev.rapport.report.DashboardFormat.clean;
import static dev.rapport.report.DashboardFormat.count;
import static dev.rapport.report.DashboardFormat.number;
import static dev.rapport.report.DashboardFormat.percent;
import static dev.rapport.report.DashboardFormat.human;

import dev.rapport.core.EngagementLevel;
import dev.rapport.core.LifecycleStage;
import dev.rapport.core.journey.JourneyStats;
import dev.rapport.core.journey.StepStats;
import dev.rapport.core.measure.ActionRoi;
import dev.rapport.core.measure.Dashboard;
import dev.rapport.core.measure.ExperimentResult;
import dev.rapport.core.measure.GuardrailHistory;
import dev.rapport.core.measure.GuardrailPause;
import dev.rapport.core.measure.GuardrailState;
import dev.rapport.core.measure.MetricValue;
import dev.rapport.core.measure.MomentReach;
import dev.rapport.core.measure.RoiResult;
import dev.rapport.core.measure.ScoreDistribution;
import dev.rapport.core.measure.ThemeStats;
import dev.rapport.core.measure.Trend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard as a list of blocks (headings, paragraphs, tables), written once and rendered as
 * plain text or as Markdown, so that both always say the same thing.
 */
final class DashboardBlocks {
  private static final int BAR_WIDTH = 24;
  /** The score the engine declares by itself for the contact policy's fatigue rule. */
  private static final String FATIGUED = "fatigued";

  private enum Align {
    LEFT,
    RIGHT
  }

  private interface Block {}

  private record Heading(int level, String text) implements Block {}

  private record Paragraph(String text) implements Block {}

  private record Warning(String text) implements Block {}

  private record Table(List<String> headers, List<Align> aligns, List<List<String>> rows)
      implements Block {}

  private final Dashboard d;
  private final List<Block> blocks = new ArrayList<>();

  private DashboardBlocks(Dashboard d) {
    this.d = d;
  }

  static String text(Dashboard d) {
    return of(d).renderText();
  }

  static String markdown(Dashboard d) {
    return of(d).renderMarkdown();
  }

  // ---------------------------------------------------------------- content

  private static DashboardBlocks of(Dashboard d) {
    DashboardBlocks r = new DashboardBlocks(d);
    r.heading(1, clean(d.title()));
    r.paragraph("Rapport dashboard · " + DashboardFormat.instant(d.at()) + " · "
        + count(d.customers()) + " customers");
    r.returns();
    r.northStar();
    r.guardrails();
    r.metrics();
    r.journeys();
    r.moments();
    r.distribution("Engagement levels", "level", EngagementLevel.class, d.engagement());
    r.distribution("Lifecycle stages", "stage", LifecycleStage.class, d.lifecycle());
    r.scores();
    r.experiments();
    r.themes();
    return r;
  }

  /**
   * The return on investment, first, in three tiers: the headline (value metrics, score means,
   * each journey's and each held-out action's incremental revenue against its holdout), what
   * rolls up to it (survey scores), and activity (message rates, each action's cost and
   * attributed revenue).
   */
  private void returns() {
    if (!DashboardFormat.hasReturns(d)) {
      return;
    }
    heading(2, "Return on investment");
    heading(3, "Headline");
    List<MetricValue> headline = DashboardFormat.inTier(d, DashboardFormat.Tier.HEADLINE);
    Table t = table("measure", "value:r", "sample:r", "window");
    for (MetricValue m : headline) {
      t.rows().add(List.of(clean(m.metric()), DashboardFormat.value(d, m.metric(), m.value()),
          count(m.sample()), human(m.window())));
    }
    for (ScoreDistribution s : d.scores()) {
      if (s.dimension().equals("global") && !s.score().equals(FATIGUED)) {
        t.rows().add(List.of(clean(s.score()) + " (mean)", s.total() == 0 ? NONE
            : DashboardFormat.scoreValue(d, s.scale(), s.mean()), count(s.total()), "now"));
      }
    }
    if (!d.returns().isEmpty()) {
      roiTable("journey", d.returns());
    }
    List<RoiResult> actions = DashboardFormat.actionHoldouts(d);
    if (!actions.isEmpty()) {
      roiTable("action (against its holdout)", actions);
    }
    heading(3, "Secondary");
    secondaryOrActivity(DashboardFormat.Tier.SECONDARY, "No survey or service metric declared.");
    heading(3, "Activity");
    secondaryOrActivity(DashboardFormat.Tier.ACTIVITY, "No activity metric declared.");
    d.fatigued().ifPresent(n -> paragraph("Fatigued customers (marketing paused by the fatigue "
        + "rule): " + count(n) + "."));
    if (!d.actionReturns().isEmpty()) {
      Table a = table("action", "messages:r", "cost:r", "attributed orders:r",
          "attributed revenue:r", "return:r");
      for (ActionRoi r : d.actionReturns()) {
        a.rows().add(List.of(clean(r.action()), count(r.messages()),
            DashboardFormat.money(r.cost(), d.currency()), count(r.orders()),
            DashboardFormat.money(r.revenue(), d.currency()),
            DashboardFormat.multiple(r.returnOnCost())));
      }
    }
  }

  /** One row per journey or action measured against its holdout. */
  private void roiTable(String what, List<RoiResult> returns) {
    Table j = table(what, "treated:r", "held out:r", "conversion:r", "revenue/customer:r",
        "incremental:r", "95% CI:r", "cost:r", "return:r", "verdict");
    for (RoiResult r : returns) {
      j.rows().add(List.of(clean(r.name()), count(r.treated()), count(r.heldOut()),
          percent(r.conversionTreated()) + " vs " + percent(r.conversionHeldOut()),
          DashboardFormat.money(r.revenuePerTreated(), d.currency()) + " vs "
              + DashboardFormat.money(r.revenuePerHeldOut(), Optional.empty()),
          DashboardFormat.incremental(d, r), DashboardFormat.interval(d, r),
          DashboardFormat.money(r.cost(), d.currency()),
          DashboardFormat.multiple(r.returnOnCost()), DashboardFormat.verdict(r)));
    }
  }

  private void secondaryOrActivity(DashboardFormat.Tier tier, String none) {
    List<MetricValue> values = DashboardFormat.inTier(d, tier);
    if (values.isEmpty()) {
      paragraph(none);
      return;
    }
    Table t = table("metric", "value:r", "sample:r", "window");
    for (MetricValue m : values) {
      t.rows().add(List.of(clean(m.metric()), DashboardFormat.value(d, m.metric(), m.value()),
          count(m.sample()), human(m.window())));
    }
  }

  private void northStar() {
    heading(2, "North star");
    if (d.northStar().isEmpty()) {
      paragraph("No north star metric declared.");
      return;
    }
    MetricValue m = d.northStar().get();
    Table t = table("metric", "value:r", "sample:r", "window", "what it measures");
    t.rows().add(List.of(clean(m.metric()), DashboardFormat.value(d, m.metric(), m.value()),
        count(m.sample()), human(m.window()),
        DashboardFormat.description(d.definition(m.metric()))));
    d.northStarTrend().ifPresent(trend -> {
      Table s = table("trend, a day a character", "", "");
      s.rows().add(List.of(days(trend), DashboardFormat.sparkline(trend),
          DashboardFormat.course(d, trend)));
    });
  }

  private void guardrails() {
    List<GuardrailState> guardrails = d.guardrails();
    heading(2, "Guardrails");
    if (guardrails.isEmpty()) {
      paragraph("No guardrail declared.");
      return;
    }
    long breached = guardrails.stream().filter(GuardrailState::breached).count();
    paragraph(breached == 0
        ? "All " + guardrails.size() + " guardrails OK."
        : breached + " of " + guardrails.size() + " guardrails BREACHED: what they protect is "
            + "paused.");
    Table t = table("status", "guardrail", "value:r", "sample:r", "protects", "pauses:r",
        "since");
    List<GuardrailHistory> histories = new ArrayList<>();
    for (int i = 0; i < guardrails.size(); i++) {
      GuardrailState g = guardrails.get(i);
      Optional<GuardrailHistory> h = DashboardFormat.history(d, i);
      h.ifPresent(histories::add);
      String metric = h.map(x -> x.trend().metric()).orElse("");
      t.rows().add(List.of(g.breached() ? "BREACHED" : "OK",
          h.map(x -> DashboardFormat.guardrail(d, x)).orElse(human(g.guardrail())),
          h.isPresent() ? DashboardFormat.value(d, metric, g.value()) : number(g.value()),
          count(g.sample()), clean(g.protects()),
          h.map(x -> count(x.pauses().size())).orElse(NONE),
          g.since().isEmpty() ? NONE : DashboardFormat.instant(g.since().get())));
    }
    if (histories.isEmpty()) {
      return;
    }
    heading(3, "Trends, a day a character, and pauses (━)");
    Table trends = table("guardrail", days(histories.get(0).trend()), "");
    for (GuardrailHistory h : histories) {
      trends.rows().add(List.of(DashboardFormat.guardrail(d, h),
          DashboardFormat.sparkline(h.trend()), DashboardFormat.course(d, h.trend())));
      trends.rows().add(List.of("↳ paused", DashboardFormat.pauseStrip(h.trend(), h.pauses(),
          d.at()), count(h.pauses().size()) + (h.pauses().size() == 1 ? " pause" : " pauses")));
    }
    heading(3, "Pauses");
    boolean any = histories.stream().anyMatch(h -> !h.pauses().isEmpty());
    if (!any) {
      paragraph("No guardrail paused anything in the last " + Trend.DAYS + " days.");
      return;
    }
    Table p = table("guardrail", "paused", "from", "until", "for:r", "at the breach:r",
        "at the recovery:r");
    for (GuardrailHistory h : histories) {
      for (GuardrailPause pause : h.pauses()) {
        p.rows().add(List.of(DashboardFormat.guardrail(d, h), clean(pause.paused()),
            DashboardFormat.instant(pause.from()),
            pause.until().map(DashboardFormat::instant).orElse("still paused"),
            DashboardFormat.duration(pause.length(d.at())),
            DashboardFormat.value(d, h.trend().metric(), pause.value()) + " of "
                + count(pause.sample()),
            Double.isNaN(pause.recoveryValue()) ? NONE
                : DashboardFormat.value(d, h.trend().metric(), pause.recoveryValue()) + " of "
                    + count(pause.recoverySample())));
      }
    }
  }

  private void metrics() {
    heading(2, "Metrics");
    List<MetricValue> metrics = others();
    if (metrics.isEmpty()) {
      paragraph(d.metrics().isEmpty() ? "No metric declared." : "No metric besides the north "
          + "star.");
      return;
    }
    Table t = table("metric", "dimension", "value:r", "sample:r", "window", "what it measures");
    for (MetricValue m : metrics) {
      t.rows().add(List.of(clean(m.metric()), clean(m.dimension()),
          DashboardFormat.value(d, m.metric(), m.value()), count(m.sample()), human(m.window()),
          DashboardFormat.description(d.definition(m.metric()))));
    }
  }

  /**
   * How far back a trend goes: {@code last 90 days}, {@code last 90 days and now} when the
   * snapshot is not taken at midnight, or {@code now} alone.
   */
  private static String days(Trend trend) {
    long days = trend.points().stream()
        .filter(p -> p.at().toEpochMilli() % Duration.ofDays(1).toMillis() == 0).count();
    boolean now = days < trend.points().size();
    if (days == 0) {
      return "now";
    }
    return "last " + days + (days == 1 ? " day" : " days") + (now ? " and now" : "");
  }

  /** The metrics but the north star, which the dashboard shows once, above. */
  private List<MetricValue> others() {
    List<MetricValue> out = new ArrayList<>(d.metrics());
    d.northStar().ifPresent(n -> out.removeIf(m -> m.metric().equals(n.metric())
        && m.dimension().equals(n.dimension())));
    return out;
  }

  private void journeys() {
    List<JourneyStats> funnels = d.funnels();
    heading(2, "Journeys");
    if (funnels.isEmpty()) {
      paragraph("No journey declared.");
      return;
    }
    for (JourneyStats j : funnels) {
      heading(3, clean(j.journey()));
      paragraph("entered " + count(j.entered()) + " (treated " + count(j.treated())
          + ", held out " + count(j.heldOut()) + ") · converted " + count(j.convertedTreated())
          + " treated (" + percent(j.convertedTreated(), j.treated()) + ") and "
          + count(j.convertedHeldOut()) + " held out (" + percent(j.convertedHeldOut(),
              j.heldOut()) + ") · exited " + count(j.exited()) + " · completed "
          + count(j.completed()));
      if (j.steps().isEmpty()) {
        paragraph("No step has run yet.");
        continue;
      }
      boolean versions = DashboardFormat.severalVersions(j.steps());
      Table t = versions
          ? table("version:r", "step", "arrived:r", "sent:r", "held out:r", "refused:r",
              "waiting:r", "timed out:r", "fallbacks:r", "refused by reason")
          : table("step", "arrived:r", "sent:r", "held out:r", "refused:r", "waiting:r",
              "timed out:r", "fallbacks:r", "refused by reason");
      for (StepStats s : DashboardFormat.inFlowOrder(j.steps())) {
        List<String> row = new ArrayList<>();
        if (versions) {
          row.add("v" + s.version());
        }
        row.addAll(List.of(human(s.step()), count(s.arrived()), count(s.sent()),
            count(s.heldOut()), count(DashboardFormat.refusedTotal(s)), count(s.waiting()),
            count(s.timedOut()), count(s.fallbacks()), DashboardFormat.refusals(s)));
        t.rows().add(row);
      }
    }
  }

  /**
   * Moments in groups: a moment that follows none starts a group, and a moment joins the group
   * of the moment it follows; groups in the order of their first moment.
   */
  static List<List<MomentReach>> momentGroups(List<MomentReach> moments) {
    Map<String, List<MomentReach>> groupOf = new LinkedHashMap<>();
    List<List<MomentReach>> groups = new ArrayList<>();
    for (MomentReach m : moments) {
      List<MomentReach> group = m.previous().map(groupOf::get).orElse(null);
      if (group == null) {
        group = new ArrayList<>();
        groups.add(group);
      }
      group.add(m);
      groupOf.put(m.moment(), group);
    }
    return groups;
  }

  /** How many of the previous moment's customers went on: {@code 73.3% of first-purchase}. */
  static String follows(MomentReach m) {
    if (m.previous().isEmpty() || m.fromPrevious().isEmpty()) {
      return NONE;
    }
    return percent(m.fromPrevious().get()) + " of " + clean(m.previous().get());
  }

  private void moments() {
    heading(2, "Moments that matter");
    if (d.moments().isEmpty()) {
      paragraph("No moment declared.");
      return;
    }
    Table t = table("moment", "reached:r", "share:r", "", "median time:r", "went on from");
    for (List<MomentReach> group : momentGroups(d.moments())) {
      for (MomentReach m : group) {
        t.rows().add(List.of((m.previous().isPresent() ? "↳ " : "") + clean(m.moment()),
            count(m.reached()), percent(m.share()), DashboardFormat.bar(m.share(), BAR_WIDTH),
            DashboardFormat.duration(m.medianTimeToMoment().orElse(null)), follows(m)));
      }
    }
  }

  private <E extends Enum<E>> void distribution(String title, String what, Class<E> type,
      Map<E, Long> map) {
    heading(2, title);
    long[] counts = DashboardFormat.counts(type, map);
    long total = DashboardFormat.sum(counts);
    long max = DashboardFormat.max(counts);
    E[] constants = type.getEnumConstants();
    Table t = table(what, "customers:r", "share:r", "");
    for (int i = 0; i < constants.length; i++) {
      E e = constants[i];
      String label = e instanceof EngagementLevel l
          ? DashboardFormat.label(l)
          : DashboardFormat.label((LifecycleStage) e);
      t.rows().add(List.of(label, count(counts[i]), percent(counts[i], total),
          max == 0 ? "" : DashboardFormat.bar((double) counts[i] / max, BAR_WIDTH)));
    }
  }

  /** Each declared score: customers per bucket, then the mean per persona and segment. */
  private void scores() {
    if (d.scores().isEmpty()) {
      return;
    }
    heading(2, "Scores");
    for (ScoreDistribution s : d.scores()) {
      if (!s.dimension().equals("global")) {
        continue;
      }
      heading(3, clean(s.score()) + " · " + count(s.total()) + " customers · mean "
          + (s.total() == 0 ? NONE : DashboardFormat.scoreValue(d, s.scale(), s.mean())));
      int[] shown = DashboardFormat.shownBuckets(s);
      if (shown.length == 0) {
        paragraph("No customer has a value yet.");
      } else {
        long max = 0;
        for (int b : shown) {
          max = Math.max(max, s.customers().get(b));
        }
        Table t = table("value", "customers:r", "share:r", "");
        for (int b : shown) {
          long n = s.customers().get(b);
          t.rows().add(List.of(DashboardFormat.bucket(s.scale(), b), count(n),
              percent(n, s.total()), max == 0 ? "" : DashboardFormat.bar((double) n / max,
                  BAR_WIDTH)));
        }
      }
      Table by = null;
      for (ScoreDistribution o : d.scores()) {
        if (o.score().equals(s.score()) && !o.dimension().equals("global")) {
          if (by == null) {
            by = table("dimension", "customers:r", "mean:r");
          }
          by.rows().add(List.of(clean(o.dimension()), count(o.total()),
              o.total() == 0 ? NONE : DashboardFormat.scoreValue(d, o.scale(), o.mean())));
        }
      }
    }
  }

  private void experiments() {
    heading(2, "Experiments");
    if (d.experiments().isEmpty()) {
      paragraph("No experiment running.");
      return;
    }
    for (ExperimentResult e : d.experiments()) {
      heading(3, clean(e.journey()) + " · " + clean(e.experiment()));
      Table t = table("arm", "customers:r", "converted:r", "rate:r", "lift:r", "relative:r",
          "95% CI:r", "p-value:r", "verdict");
      t.rows().add(List.of(clean(e.control().name()) + " (control)",
          count(e.control().entered()), count(e.control().converted()),
          percent(e.control().rate()), NONE, NONE, NONE, NONE, ""));
      List<String> warnings = new ArrayList<>();
      for (ExperimentResult c : DashboardFormat.comparisons(e)) {
        t.rows().add(List.of(clean(c.treatment().name()), count(c.treatment().entered()),
            count(c.treatment().converted()), percent(c.treatment().rate()),
            DashboardFormat.points(c.absoluteLift()), DashboardFormat.relative(c.relativeLift()),
            DashboardFormat.interval(c.ciLow(), c.ciHigh()), DashboardFormat.pValue(c.pValue()),
            DashboardFormat.verdict(c)));
        if (c.warning().isPresent()) {
          warnings.add(clean(c.treatment().name()) + " vs " + clean(c.control().name()) + ": "
              + clean(c.warning().get()));
        }
      }
      for (String w : warnings) {
        blocks.add(new Warning(w));
      }
    }
  }

  private void themes() {
    heading(2, "Survey themes");
    if (d.themes().isEmpty()) {
      paragraph("No survey answer has raised a theme yet.");
      return;
    }
    Table t = table("theme", "answers:r", "customers:r", "mean score", "status");
    for (ThemeStats th : d.themes()) {
      t.rows().add(List.of(clean(th.theme()), count(th.answers()), count(th.customers()),
          DashboardFormat.meanScores(d, th), th.resolved() ? "resolved" : "open"));
    }
  }

  private void heading(int level, String text) {
    blocks.add(new Heading(level, text));
  }

  private void paragraph(String text) {
    blocks.add(new Paragraph(text));
  }

  /** Adds a table; a header ending in {@code :r} is right-aligned. */
  private Table table(String... headers) {
    List<String> names = new ArrayList<>();
    List<Align> aligns = new ArrayList<>();
    for (String h : headers) {
      boolean right = h.endsWith(":r");
      names.add(right ? h.substring(0, h.length() - 2) : h);
      aligns.add(right ? Align.RIGHT : Align.LEFT);
    }
    Table t = new Table(names, aligns, new ArrayList<>());
    blocks.add(t);
    return t;
  }

  // ---------------------------------------------------------------- plain text

  private String renderText() {
    StringBuilder out = new StringBuilder();
    for (Block b : blocks) {
      if (b instanceof Heading h) {
        switch (h.level()) {
          case 1 -> out.append(h.text()).append('\n')
              .append("=".repeat(Math.max(3, width(h.text())))).append('\n');
          case 2 -> out.append('\n').append(h.text().toUpperCase(Locale.ROOT))
              .append('\n').append("-".repeat(width(h.text()))).append('\n');
          default -> out.append('\n').append("  ▸ ").append(h.text()).append('\n');
        }
      } else if (b instanceof Paragraph p) {
        out.append("  ").append(p.text()).append('\n');
      } else if (b instanceof Warning w) {
        out.append("  ⚠ ").append(w.text()).append('\n');
      } else if (b instanceof Table t) {
        textTable(out, t);
      }
    }
    return out.toString();
  }

  private static void textTable(StringBuilder out, Table t) {
    int[] widths = new int[t.headers().size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = width(t.headers().get(c));
      for (List<String> row : t.rows()) {
        widths[c] = Math.max(widths[c], width(row.get(c)));
      }
    }
    textRow(out, t.headers(), t.aligns(), widths);
    List<String> rules = new ArrayList<>();
    for (int w : widths) {
      rules.add("-".repeat(w));
    }
    textRow(out, rules, t.aligns(), widths);
    for (List<String> row : t.rows()) {
      textRow(out, row, t.aligns(), widths);
    }
  }

  private static void textRow(StringBuilder out, List<String> cells, List<Align> aligns,
      int[] widths) {
    StringBuilder line = new StringBuilder("  ");
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      String pad = " ".repeat(widths[c] - width(cell));
      line.append(aligns.get(c) == Align.RIGHT ? pad + cell : cell + pad);
      if (c < cells.size() - 1) {
        line.append("  ");
      }
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }

  private static int width(String s) {
    return s.codePointCount(0, s.length());
  }

  // ---------------------------------------------------------------- Markdown

  private String renderMarkdown() {
    StringBuilder out = new StringBuilder();
    for (Block b : blocks) {
      if (b instanceof Heading h) {
        out.append("#".repeat(h.level())).append(' ').append(md(h.text())).append("\n\n");
      } else if (b instanceof Paragraph p) {
        out.append(md(p.text())).append("\n\n");
      } else if (b instanceof Warning w) {
        out.append("> ⚠ **Warning:** ").append(md(w.text())).append("\n\n");
      } else if (b instanceof Table t) {
        List<String> header = new ArrayList<>();
        List<String> rule = new ArrayList<>();
        for (int c = 0; c < t.headers().size(); c++) {
          header.add(t.headers().get(c).isEmpty() ? " " : md(t.headers().get(c)));
          rule.add(t.aligns().get(c) == Align.RIGHT ? "---:" : "---");
        }
        mdRow(out, header);
        mdRow(out, rule);
        for (List<String> row : t.rows()) {
          mdRow(out, row.stream().map(c -> md(c.strip())).toList());
        }
        out.append('\n');
      }
    }
    return out.toString().stripTrailing() + "\n";
  }

  private static void mdRow(StringBuilder out, List<String> cells) {
    out.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }

  /**
   * Escapes what Markdown (CommonMark and GitHub's tables) would otherwise read as markup: the
   * emphasis, code and table characters ({@code _} only outside a word, where it could open
   * emphasis), and {@code <}, {@code &} and {@code ]} only where they could open a tag, an
   * entity, a link or a link definition, so that names cannot inject HTML or links.
   */
  static String md(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      char previous = i > 0 ? s.charAt(i - 1) : ' ';
      char next = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
      boolean escape = switch (c) {
        case '\\', '`', '*', '|', '~' -> true;
        case '_' -> !Character.isLetterOrDigit(previous) || !Character.isLetterOrDigit(next);
        case '<' -> Character.isLetter(next) || next == '/' || next == '!' || next == '?';
        case '&' -> Character.isLetterOrDigit(next) || next == '#';
        case ']' -> next == '(' || next == '[' || next == ':';
        default -> false;
      };
      if (escape) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }
}
