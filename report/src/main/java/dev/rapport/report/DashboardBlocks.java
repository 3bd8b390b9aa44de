package dev.rapport.core.internal;

import static dev.rapport.core.internal.DashboardFormat.NONE;
import static dev.rapport.core.internal.DashboardFormat.clean;
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

/**
 * The dashboard as a list of blocks (headings, paragraphs, tables), written once and rendered as
 * plain text or as Markdown, so that both always say the same thing.
 */
final class DashboardReport {
  private static final int BAR_WIDTH = 24;

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

  private final List<Block> blocks = new ArrayList<>();

  private DashboardReport() {}

  static String text(Dashboard d) {
    return of(d).renderText();
  }

  static String markdown(Dashboard d) {
    return of(d).renderMarkdown();
  }

  // ---------------------------------------------------------------- content

  private static DashboardReport of(Dashboard d) {
    DashboardReport r = new DashboardReport();
    r.heading(1, clean(d.title()));
    r.paragraph("Rapport dashboard · " + DashboardFormat.instant(d.at()) + " · "
        + count(d.customers()) + " customers");
    r.northStar(d);
    r.metrics(d.metrics());
    r.guardrails(d.guardrails());
    r.journeys(d.funnels());
    r.moments(d.moments());
    r.distribution("Engagement levels", "level", EngagementLevel.class, d.engagement());
    r.distribution("Lifecycle stages", "stage", LifecycleStage.class, d.lifecycle());
    r.experiments(d.experiments());
    r.themes(d.themes());
    return r;
  }

  private void northStar(Dashboard d) {
    heading(2, "North star");
    if (d.northStar() == null || d.northStar().isEmpty()) {
      paragraph("No north star metric declared.");
      return;
    }
    MetricValue m = d.northStar().get();
    Table t = table("metric", "dimension", "value:r", "sample:r", "window");
    t.rows().add(List.of(clean(m.metric()), clean(m.dimension()), number(m.value()),
        count(m.sample()), clean(m.window())));
  }

  private void metrics(List<MetricValue> metrics) {
    heading(2, "Metrics");
    if (metrics.isEmpty()) {
      paragraph("No metric declared.");
      return;
    }
    Table t = table("metric", "dimension", "value:r", "sample:r", "window");
    for (MetricValue m : metrics) {
      t.rows().add(List.of(clean(m.metric()), clean(m.dimension()), number(m.value()),
          count(m.sample()), clean(m.window())));
    }
  }

  private void guardrails(List<GuardrailState> guardrails) {
    long breached = guardrails.stream().filter(GuardrailState::breached).count();
    heading(2, "Guardrails");
    if (guardrails.isEmpty()) {
      paragraph("No guardrail declared.");
      return;
    }
    paragraph(breached == 0
        ? "All " + guardrails.size() + " guardrails OK."
        : breached + " of " + guardrails.size() + " guardrails BREACHED: what they protect is "
            + "paused.");
    Table t = table("status", "guardrail", "value:r", "sample:r", "protects", "since");
    for (GuardrailState g : guardrails) {
      t.rows().add(List.of(g.breached() ? "BREACHED" : "OK", clean(g.guardrail()),
          number(g.value()), count(g.sample()), clean(g.protects()),
          g.since() == null || g.since().isEmpty()
              ? NONE
              : DashboardFormat.instant(g.since().get())));
    }
  }

  private void journeys(List<JourneyStats> funnels) {
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
      for (StepStats s : j.steps()) {
        List<String> row = new ArrayList<>();
        if (versions) {
          row.add("v" + s.version());
        }
        row.addAll(List.of(clean(s.step()), count(s.arrived()), count(s.sent()),
            count(s.heldOut()), count(DashboardFormat.refusedTotal(s)), count(s.waiting()),
            count(s.timedOut()), count(s.fallbacks()), DashboardFormat.refusals(s)));
        t.rows().add(row);
      }
    }
  }

  private void moments(List<MomentReach> moments) {
    heading(2, "Moments that matter");
    if (moments.isEmpty()) {
      paragraph("No moment declared.");
      return;
    }
    Table t = table("moment", "reached:r", "share:r", "", "median time:r", "from previous:r");
    for (MomentReach m : moments) {
      t.rows().add(List.of(clean(m.moment()), count(m.reached()), percent(m.share()),
          DashboardFormat.bar(m.share(), BAR_WIDTH),
          DashboardFormat.duration(m.medianTimeToMoment() == null
              ? null
              : m.medianTimeToMoment().orElse(null)),
          m.fromPrevious() == null || m.fromPrevious().isEmpty()
              ? NONE
              : percent(m.fromPrevious().get())));
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

  private void experiments(List<ExperimentResult> experiments) {
    heading(2, "Experiments");
    if (experiments.isEmpty()) {
      paragraph("No experiment running.");
      return;
    }
    for (ExperimentResult e : experiments) {
      heading(3, clean(e.journey()) + " · " + clean(e.experiment()));
      Table t = table("arm", "customers:r", "converted:r", "rate:r", "lift:r", "relative:r",
          "95% CI:r", "p-value:r", "verdict");
      t.rows().add(List.of(clean(e.control().name()) + " (control)",
          count(e.control().entered()), count(e.control().converted()),
          percent(e.control().rate()), NONE, NONE, NONE, NONE, ""));
      List<String> warnings = new ArrayList<>();
      for (ExperimentResult c : comparisons(e)) {
        t.rows().add(List.of(clean(c.treatment().name()), count(c.treatment().entered()),
            count(c.treatment().converted()), percent(c.treatment().rate()),
            DashboardFormat.points(c.absoluteLift()), DashboardFormat.relative(c.relativeLift()),
            DashboardFormat.interval(c.ciLow(), c.ciHigh()), DashboardFormat.pValue(c.pValue()),
            DashboardFormat.verdict(c)));
        if (c.warning() != null && c.warning().isPresent()) {
          warnings.add(clean(c.treatment().name()) + " vs " + clean(c.control().name()) + ": "
              + clean(c.warning().get()));
        }
      }
      for (String w : warnings) {
        blocks.add(new Warning(w));
      }
    }
  }

  /** The result itself, then each further arm of a split. */
  static List<ExperimentResult> comparisons(ExperimentResult e) {
    List<ExperimentResult> all = new ArrayList<>();
    all.add(e);
    if (e.otherArms() != null) {
      all.addAll(e.otherArms());
    }
    return all;
  }

  private void themes(List<ThemeStats> themes) {
    heading(2, "Survey themes");
    if (themes.isEmpty()) {
      paragraph("No survey answer has raised a theme yet.");
      return;
    }
    Table t = table("theme", "answers:r", "customers:r", "mean score:r", "status");
    for (ThemeStats th : themes) {
      t.rows().add(List.of(clean(th.theme()), count(th.answers()), count(th.customers()),
          number(th.meanScore()), th.resolved() ? "resolved" : "open"));
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
          mdRow(out, row.stream().map(DashboardReport::md).toList());
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
   * emphasis), and {@code <}, {@code &} and {@code ]} only where they
   * could open a tag, an entity, a link or a link definition, so that names cannot inject HTML or
   * links.
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
