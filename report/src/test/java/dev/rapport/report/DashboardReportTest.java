package dev.rapport.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.measure.ArmResult;
import dev.rapport.core.measure.Dashboard;
import dev.rapport.core.measure.ExperimentResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DashboardReportTest {
  private static final String HOSTILE_TITLE = "Acme <script>alert(\"x\")</script> & Co";
  private static final String HOSTILE_JOURNEY = "on<b>boarding</b> & 'more'";
  private static final String HOSTILE_THEME = "price | <i>plans</i> & *tiers*";

  private static Dashboard hostile() {
    Dashboard d = SampleDashboard.of(HOSTILE_TITLE, HOSTILE_JOURNEY, HOSTILE_THEME);
    List<ExperimentResult> experiments = new ArrayList<>(d.experiments());
    experiments.add(new ExperimentResult("renewal", "holdout", new ArmResult("held out", 0, 0),
        new ArmResult("treated", 40, 12), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
        Double.NaN, Optional.of("too small a sample: arm 'held out' has 0 customers"),
        List.of()));
    return new Dashboard(d.title(), d.at(), d.customers(), d.northStar(), d.metrics(),
        d.guardrails(), d.funnels(), d.moments(), d.engagement(), d.lifecycle(), experiments,
        d.themes(), d.northStarTrend(), d.guardrailHistory(), d.definitions());
  }

  @Test
  void text_shows_every_section() {
    Dashboard d = SampleDashboard.of();

    String text = DashboardReport.text(d);

    assertThat(text).startsWith("Acme Cloud\n==========\n")
        .contains("Rapport dashboard · 2025-03-01 09:30 UTC · 12,480 customers")
        .contains("NORTH STAR", "weekly_active_share", "41.7%", "9,812", "last 7 days")
        .contains("METRICS", "delivery_failure_rate", "channel:sms", "0.041%")
        .contains("GUARDRAILS", "1 of 5 guardrails BREACHED")
        .contains("BREACHED  unsubscribe_rate below 2.0% (min sample 200)",
            "2025-02-28 17:05 UTC")
        .contains("OK        complaint_rate below 0.1% (min sample 500)")
        .contains("JOURNEYS", "entered 4,660 (treated 4,200, held out 460)",
            "converted 1,596 treated (38.0%) and 138 held out (30.0%)", "exited 310",
            "completed 3,150")
        .contains("2/timeout/1 send(setup_help)", "CAPPED 28, GUARDRAIL_PAUSED 12",
            "NO_CONSENT 120, QUIET_HOURS_DEFERRED 45, CAPPED 20", "timed out", "fallbacks")
        .contains("v2  1 send(we_miss_you)")
        .contains("MOMENTS THAT MATTER", "first_project_shared", "6d 2h", "56.6%", "5h 20m")
        .contains("ENGAGEMENT LEVELS", "low, disaffected", "6.9%", "█")
        .contains("LIFECYCLE STAGES", "at risk", "win-back")
        .contains("EXPERIMENTS", "onboarding · holdout", "held out (control)", "+8.00 pp",
            "+26.7%", "significant, better", "onboarding · welcome_copy", "-1.93 pp",
            "not significant")
        .contains("⚠ treated vs held out: too small a sample: arm 'held out' has 90 customers"
            + " (minimum 200); arm 'held out' has 6 conversions (minimum 10)")
        .contains("SURVEY THEMES", "slow sync", "pricing & plans", "resolved", "open");
  }

  @Test
  void text_writes_each_metric_in_its_own_terms() {
    String text = DashboardReport.text(SampleDashboard.of());

    assertThat(line(text, "  nps ")).contains("+32");
    assertThat(line(text, "  csat      ")).contains("87.4%");
    assertThat(line(text, "  ces ")).contains("2.3 on 1–7");
    assertThat(line(text, "  first_response_hours   global")).contains("3h 42m");
    assertThat(line(text, "  activation_7d ")).contains("38.6%",
        "activated within 7d of signing up");
    assertThat(line(text, "  pricing & plans ")).contains("CSAT 3.1 on 1–5 · NPS 4.3 on 0–10");
    assertThat(text).doesNotContain("0.4172", "PT", "P7D");
  }

  @Test
  void text_shows_the_north_star_once_with_its_trend() {
    String text = DashboardReport.text(SampleDashboard.of());

    assertThat(text.split("41\\.7%", -1)).hasSize(3); // the figure, and the trend's end
    assertThat(line(text, "  last 90 days and now")).contains("35.0% on Dec 2 → 41.7% now")
        .containsPattern("[▁▂▃▄▅▆▇█]{91}");
    assertThat(text.substring(text.indexOf("METRICS"))).doesNotContain("weekly_active_share");
  }

  @Test
  void text_draws_each_guardrail_as_a_sparkline_with_its_pauses_under_it() {
    String text = DashboardReport.text(SampleDashboard.of());

    // the pause from Feb 10, 14:00 to Feb 12, 08:00 covers the days that end Feb 11, 12 and 13
    // (points 71 to 73 of 91), the one since Feb 28, 17:05 the last day and now
    String strip = line(text, "  ↳ paused");
    assertThat(strip).contains("·".repeat(71) + "━━━" + "·".repeat(15) + "━━  2 pauses");
    assertThat(line(text, "  csat above 80.0% (min sample 100) ")).contains(
        "·".repeat(30) + "▁", "86.8% on Jan 1 → 90.4% now");
  }

  @Test
  void text_lists_every_pause_with_its_length_and_the_values_at_the_breach_and_recovery() {
    String text = DashboardReport.text(SampleDashboard.of());

    assertThat(text).contains("""
          guardrail                                     paused              from                  \
        until                     for   at the breach  at the recovery
          --------------------------------------------  ------------------  --------------------  \
        --------------------  -------  --------------  ---------------
          unsubscribe_rate below 2.0% (min sample 200)  everything          2025-02-10 14:00 UTC  \
        2025-02-12 08:00 UTC   1d 18h  2.0% of 15,100   1.8% of 15,400
          unsubscribe_rate below 2.0% (min sample 200)  everything          2025-02-28 17:05 UTC  \
        still paused          16h 25m  2.0% of 18,020                –
          csat above 80.0% (min sample 100)             journey onboarding  2025-02-14 10:00 UTC  \
        2025-02-20 08:00 UTC   5d 22h    79.0% of 104     88.1% of 118
        """);
  }

  @Test
  void text_writes_durations_in_step_names_as_a_person_would_in_the_order_customers_meet_them() {
    String text = DashboardReport.text(SampleDashboard.of());

    List<String> steps = text.lines().filter(l -> l.matches("  [0-9/a-z]+ (send|wait).*"))
        .map(l -> l.substring(2, l.indexOf(')') + 1)).toList();

    assertThat(steps).startsWith("1 send(welcome)", "2 waitFor(api_key_created, atMost 3d)",
        "2/timeout/1 send(setup_help)", "3 wait(2d)", "4 send(first_project_tips)");
  }

  @Test
  void text_groups_moments_so_that_only_a_moment_that_follows_another_is_chained() {
    String text = DashboardReport.text(SampleDashboard.of());

    String moments = text.substring(text.indexOf("MOMENTS THAT MATTER"),
        text.indexOf("ENGAGEMENT LEVELS"));
    assertThat(moments.lines().skip(4).filter(l -> !l.isBlank())
        .map(l -> l.substring(2, 26).strip()).toList())
        .containsExactly("first_setup", "↳ activation", "↳ first_project_shared",
            "first_purchase", "↳ second_purchase");
    assertThat(line(moments, "  first_purchase ")).endsWith("3d  –");
    assertThat(line(moments, "  ↳ second_purchase")).endsWith("43.3% of first_purchase");
  }

  private static String line(String text, String start) {
    return text.lines().filter(l -> l.startsWith(start)).findFirst()
        .orElseThrow(() -> new AssertionError("no line starts with '" + start + "' in\n"
            + text));
  }

  @Test
  void text_aligns_the_columns_of_a_table() {
    String text = DashboardReport.text(SampleDashboard.of());

    List<String> levels = text.lines()
        .filter(l -> l.matches("  (high|low, organic|low, disaffected|disengaged|lost) .*"))
        .toList();

    assertThat(levels).hasSize(5);
    assertThat(levels.stream().map(l -> l.indexOf('%')).collect(Collectors.toSet())).hasSize(1);
  }

  @Test
  void text_shows_a_dash_for_a_value_that_does_not_exist() {
    String text = DashboardReport.text(hostile());

    assertThat(text.lines().filter(l -> l.contains("repeat_purchase_rate")).findFirst())
        .hasValueSatisfying(l -> assertThat(l).contains("–"));
    assertThat(text.lines().filter(l -> l.contains("treated") && l.contains("40")).findFirst())
        .hasValueSatisfying(l -> assertThat(l).contains("–").doesNotContain("NaN"));
    assertThat(text).doesNotContain("NaN");
  }

  @Test
  void text_and_markdown_say_so_when_there_is_nothing() {
    Dashboard d = SampleDashboard.empty();

    String text = DashboardReport.text(d);
    String markdown = DashboardReport.markdown(d);

    for (String s : List.of(text, markdown)) {
      assertThat(s).contains("No north star metric declared.", "No metric declared.",
          "No guardrail declared.", "No journey declared.", "No moment declared.",
          "No experiment running.", "No survey answer has raised a theme yet.");
    }
    assertThat(text).doesNotContain("NaN");
  }

  @Test
  void markdown_has_the_same_content_as_headings_and_tables() {
    String markdown = DashboardReport.markdown(SampleDashboard.of());

    assertThat(markdown).startsWith("# Acme Cloud\n")
        .contains("\n## North star\n", "\n## Guardrails\n", "\n## Journeys\n",
            "\n### onboarding\n", "\n## Moments that matter\n", "\n## Engagement levels\n",
            "\n## Lifecycle stages\n", "\n## Experiments\n", "\n## Survey themes\n")
        .contains("| status | guardrail | value | sample | protects | pauses | since |",
            "| --- | --- | ---: | ---: | --- | ---: | --- |")
        .contains("| BREACHED | unsubscribe_rate below 2.0% (min sample 200) | 2.1% | 18,230 |")
        .contains("| ↳ paused | " + "·".repeat(71) + "━━━")
        .contains("| ↳ second_purchase | 910 | 7.3% |")
        .contains("| 2/timeout/1 send(setup_help) | 1,420 | 1,230 | 150 | 40 | 0 | 0 | 41 |")
        .contains("| low, disaffected | 860 | 6.9% |")
        .contains("> ⚠ **Warning:** treated vs held out: too small a sample")
        .contains("| B | 1,400 | 588 | 42.0% | +4.00 pp | +10.5% |");
  }

  @Test
  void markdown_escapes_names_so_that_they_cannot_inject_markup() {
    String markdown = DashboardReport.markdown(hostile());

    assertThat(markdown)
        .startsWith("# Acme \\<script>alert(\"x\")\\</script> & Co\n")
        .contains("### on\\<b>boarding\\</b> & 'more'\n")
        .contains("| price \\| \\<i>plans\\</i> & \\*tiers\\* | 96 |")
        .doesNotContainPattern("(?<!\\\\)<[A-Za-z/]");
  }

  @Test
  void html_is_one_self_contained_page_that_fetches_nothing() {
    String html = DashboardReport.html(hostile());

    assertThat(html).startsWith("<!doctype html>")
        .contains("<style>", "<svg", "</html>")
        .doesNotContain("<script", "http://", "https://", "src=", "<link", "@import", "url(",
            "xmlns", "<img", "<iframe", "<object", "<embed");
  }

  @Test
  void html_escapes_every_name_from_the_model() {
    String html = DashboardReport.html(hostile());

    assertThat(html)
        .contains("<title>Acme &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co"
            + " · Rapport dashboard</title>")
        .contains("<h1>Acme &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co</h1>")
        .contains("on&lt;b&gt;boarding&lt;/b&gt; &amp; &#39;more&#39;")
        .contains("price | &lt;i&gt;plans&lt;/i&gt; &amp; *tiers*")
        .doesNotContain("<b>boarding", "<i>plans");
  }

  @Test
  void html_shows_guardrails_with_words_and_every_section_with_a_chart() {
    String html = DashboardReport.html(SampleDashboard.of());

    assertThat(html)
        .contains("BREACHED</span>", "OK</span>", "1 breached")
        .contains("id=\"guardrails\"", "id=\"metrics\"", "id=\"journeys\"", "id=\"moments\"",
            "id=\"engagement\"", "id=\"lifecycle\"", "id=\"experiments\"", "id=\"themes\"")
        .contains("aria-label=\"Funnel of journey onboarding\"",
            "aria-label=\"Moment reach\"", "aria-label=\"Engagement levels\"",
            "aria-label=\"Lifecycle stages\"", "aria-label=\"Lift of onboarding holdout\"")
        .contains("+8.00 pp", "[+3.56, +12.44] pp", "significant, better",
            "too small a sample")
        .doesNotContain("NaN");
  }

  @Test
  void html_links_every_section_at_the_top_of_the_page() {
    String html = DashboardReport.html(SampleDashboard.of());

    String top = html.substring(0, html.indexOf("<main"));
    for (String id : List.of("north-star", "guardrails", "metrics", "journeys", "moments",
        "engagement", "lifecycle", "experiments", "themes")) {
      assertThat(top).contains("<a href=\"#" + id + "\">");
      assertThat(html).contains("<section class=\"card\" id=\"" + id + "\">");
    }
  }

  @Test
  void html_draws_the_north_star_and_every_guardrail_over_time_with_its_pauses() {
    String html = DashboardReport.html(SampleDashboard.of());

    assertThat(html).contains("aria-label=\"North star weekly_active_share over time\"",
        "aria-label=\"Guardrail unsubscribe_rate below 0.02 (min 200) over time\"",
        "aria-label=\"Guardrail complaint_rate below 0.001 (min 500) over time\"")
        .contains("bound 2.0%", "41.7%</text>", "still paused")
        .contains("<title>paused everything from 2025-02-10 14:00 UTC until 2025-02-12 08:00 "
            + "UTC (1d 18h), at 2.0% of 15,100</title>")
        .contains("<title>breached on 2025-02-28 17:05 UTC at 2.0% of 18,020</title>");
    // one band for each of the three pauses
    assertThat(html.split("fill-opacity=\"0.13\"", -1)).hasSize(4);
  }

  @Test
  void html_keeps_each_step_on_one_line_with_durations_as_a_person_writes_them() {
    String html = DashboardReport.html(SampleDashboard.of());

    assertThat(html).contains("td.step{white-space:nowrap}")
        .contains("<td class=\"step\">2 waitFor(api_key_created, atMost 3d)</td>")
        .doesNotContain("PT72H", "PT48H");
  }

  @Test
  void html_renders_values_that_do_not_exist_as_a_dash() {
    String html = DashboardReport.html(hostile());

    assertThat(html).doesNotContain("NaN", "Infinity").contains(">–<", "no data");
  }

  @Test
  void html_of_an_empty_dashboard_says_so() {
    String html = DashboardReport.html(SampleDashboard.empty());

    assertThat(html).startsWith("<!doctype html>")
        .contains("No guardrail declared.", "No journey declared.", "No experiment running.")
        .doesNotContain("NaN", "<script");
  }

  @Test
  void writes_the_sample_pages_into_target_for_the_screenshot() throws IOException {
    Path dir = Path.of("target");
    Files.createDirectories(dir);

    Dashboard sample = SampleDashboard.of();
    Files.writeString(dir.resolve("dashboard-sample.html"), DashboardReport.html(sample),
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("dashboard-sample.txt"), DashboardReport.text(sample),
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("dashboard-sample.md"), DashboardReport.markdown(sample),
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("dashboard-hostile.html"), DashboardReport.html(hostile()),
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("dashboard-empty.html"),
        DashboardReport.html(SampleDashboard.empty()), StandardCharsets.UTF_8);

    assertThat(dir.resolve("dashboard-sample.html")).exists();
  }
}
