package dev.rapport.core.measure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.internal.DashboardRenderer;
import dev.rapport.core.internal.Experiments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DashboardRendererTest {
  private static final String HOSTILE_TITLE = "Acme <script>alert(\"x\")</script> & Co";
  private static final String HOSTILE_JOURNEY = "on<b>boarding</b> & 'more'";
  private static final String HOSTILE_THEME = "price | <i>plans</i> & *tiers*";

  private static Dashboard hostile() {
    Dashboard d = SampleDashboard.of(HOSTILE_TITLE, HOSTILE_JOURNEY, HOSTILE_THEME);
    List<ExperimentResult> experiments = new ArrayList<>(d.experiments());
    experiments.add(Experiments.compare("renewal", "holdout", new ArmResult("held out", 0, 0),
        new ArmResult("treated", 40, 12), List.of(), 200));
    return new Dashboard(d.title(), d.at(), d.customers(), d.northStar(), d.metrics(),
        d.guardrails(), d.funnels(), d.moments(), d.engagement(), d.lifecycle(), experiments,
        d.themes());
  }

  @Test
  void text_shows_every_section() {
    Dashboard d = SampleDashboard.of();

    String text = d.toText();

    assertThat(text).startsWith("Acme Cloud\n==========\n")
        .contains("Rapport dashboard · 2025-03-01 09:30:00 UTC · 12,480 customers")
        .contains("NORTH STAR", "weekly_active_share", "0.4172", "9,812", "last 7 days")
        .contains("METRICS", "delivery_failure_rate", "channel:sms", "0.00041")
        .contains("GUARDRAILS", "1 of 5 guardrails BREACHED")
        .contains("BREACHED  unsubscribe_rate below 0.02 (min 200)", "2025-02-28 17:05:00 UTC")
        .contains("OK        complaint_rate below 0.001 (min 500)")
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
  void text_aligns_the_columns_of_a_table() {
    String text = SampleDashboard.of().toText();

    List<String> levels = text.lines()
        .filter(l -> l.matches("  (high|low, organic|low, disaffected|disengaged|lost) .*"))
        .toList();

    assertThat(levels).hasSize(5);
    assertThat(levels.stream().map(l -> l.indexOf('%')).collect(Collectors.toSet())).hasSize(1);
  }

  @Test
  void text_shows_a_dash_for_a_value_that_does_not_exist() {
    String text = hostile().toText();

    assertThat(text.lines().filter(l -> l.contains("repeat_purchase_rate")).findFirst())
        .hasValueSatisfying(l -> assertThat(l).contains("–"));
    assertThat(text.lines().filter(l -> l.contains("treated") && l.contains("40")).findFirst())
        .hasValueSatisfying(l -> assertThat(l).contains("–").doesNotContain("NaN"));
    assertThat(text).doesNotContain("NaN");
  }

  @Test
  void text_and_markdown_say_so_when_there_is_nothing() {
    Dashboard d = SampleDashboard.empty();

    String text = d.toText();
    String markdown = d.toMarkdown();

    for (String s : List.of(text, markdown)) {
      assertThat(s).contains("No north star metric declared.", "No metric declared.",
          "No guardrail declared.", "No journey declared.", "No moment declared.",
          "No experiment running.", "No survey answer has raised a theme yet.");
    }
    assertThat(text).doesNotContain("NaN");
  }

  @Test
  void markdown_has_the_same_content_as_headings_and_tables() {
    String markdown = SampleDashboard.of().toMarkdown();

    assertThat(markdown).startsWith("# Acme Cloud\n")
        .contains("\n## North star\n", "\n## Guardrails\n", "\n## Journeys\n",
            "\n### onboarding\n", "\n## Moments that matter\n", "\n## Engagement levels\n",
            "\n## Lifecycle stages\n", "\n## Experiments\n", "\n## Survey themes\n")
        .contains("| status | guardrail | value | sample | protects | since |",
            "| --- | --- | ---: | ---: | --- | --- |")
        .contains("| BREACHED | unsubscribe_rate below 0.02 (min 200) | 0.0213 | 18,230 |")
        .contains("| 2/timeout/1 send(setup_help) | 1,420 | 1,230 | 150 | 40 | 0 | 0 | 41 |")
        .contains("| low, disaffected | 860 | 6.9% |")
        .contains("> ⚠ **Warning:** treated vs held out: too small a sample")
        .contains("| B | 1,400 | 588 | 42.0% | +4.00 pp | +10.5% |");
  }

  @Test
  void markdown_escapes_names_so_that_they_cannot_inject_markup() {
    String markdown = hostile().toMarkdown();

    assertThat(markdown)
        .startsWith("# Acme \\<script>alert(\"x\")\\</script> & Co\n")
        .contains("### on\\<b>boarding\\</b> & 'more'\n")
        .contains("| price \\| \\<i>plans\\</i> & \\*tiers\\* | 96 |")
        .doesNotContainPattern("(?<!\\\\)<[A-Za-z/]");
  }

  @Test
  void html_is_one_self_contained_page_that_fetches_nothing() {
    String html = hostile().toHtml();

    assertThat(html).startsWith("<!doctype html>")
        .contains("<style>", "<svg", "</html>")
        .doesNotContain("<script", "http://", "https://", "src=", "<link", "@import", "url(",
            "xmlns", "<img", "<iframe", "<object", "<embed");
  }

  @Test
  void html_escapes_every_name_from_the_model() {
    String html = hostile().toHtml();

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
    String html = SampleDashboard.of().toHtml();

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
  void html_renders_values_that_do_not_exist_as_a_dash() {
    String html = hostile().toHtml();

    assertThat(html).doesNotContain("NaN", "Infinity").contains(">–<", "no data");
  }

  @Test
  void html_of_an_empty_dashboard_says_so() {
    String html = SampleDashboard.empty().toHtml();

    assertThat(html).startsWith("<!doctype html>")
        .contains("No guardrail declared.", "No journey declared.", "No experiment running.")
        .doesNotContain("NaN", "<script");
  }

  @Test
  void writes_the_sample_pages_into_target_for_the_screenshot() throws IOException {
    Path dir = Path.of("target");
    Files.createDirectories(dir);

    Files.writeString(dir.resolve("dashboard-sample.html"), SampleDashboard.of().toHtml(),
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("dashboard-sample.txt"), SampleDashboard.of().toText(),
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("dashboard-sample.md"), SampleDashboard.of().toMarkdown(),
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("dashboard-hostile.html"), hostile().toHtml(),
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("dashboard-empty.html"), SampleDashboard.empty().toHtml(),
        StandardCharsets.UTF_8);

    assertThat(dir.resolve("dashboard-sample.html")).exists();
  }
}
