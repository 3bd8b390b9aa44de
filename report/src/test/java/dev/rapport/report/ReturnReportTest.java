package dev.rapport.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Scores;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.decision.Rule;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.journey.Goal;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.Trigger;
import dev.rapport.core.journey.WaitStep;
import dev.rapport.core.measure.Dashboard;
import dev.rapport.core.measure.Metrics;
import dev.rapport.core.measure.Revenue;
import dev.rapport.core.measure.RoiResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The return section of the dashboard, first and in three tiers (headline, secondary,
 * activity), in text, Markdown and HTML; the HTML's headline tier is checked in headless
 * Chromium, where the page is laid out: the test skips when no Chromium is installed.
 */
class ReturnReportTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private Instant now = T0;

  /**
   * 600 lapsed customers, half held out; the offer raises purchases from 20% to 35%. And 600
   * shoppers decided for, with a spring offer that holds half of them out and raises purchases
   * from 20% to 40%.
   */
  private Dashboard dashboard() {
    Clock clock = new Clock() {
      @Override
      public Instant instant() {
        return now;
      }

      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }
    };
    Map<String, Dispatch> sent = new HashMap<>();
    Action offer = Action.builder("win-back-offer").via(Channel.IN_APP).build();
    Engine engine = Engine.builder().name("Shop").clock(clock)
        .revenue(Revenue.of("purchased").amount("total").in("EUR")
            .costPerMessage(Channel.IN_APP, 0.5))
        .metrics(Metrics.revenue(), Metrics.averageOrderValue(), Metrics.csat(),
            Metrics.unsubscribeRate())
        .scores(Scores.historicalClv(Duration.ofDays(30)))
        .journeys(Journey.builder("win-back").enterOn(Trigger.onEvent("lapsed"))
            .goal(Goal.event("purchased")).holdout(0.5)
            .steps(SendStep.of(offer), WaitStep.of(Duration.ofDays(7))).build())
        .rules(RuleSet.builder("shop").rule(Rule.builder("everyone").when(c -> true)
            .recommend(Action.builder("spring-offer").via(Channel.IN_APP).holdout(0.5).build())
            .because("spring").build()).build())
        .dispatcher(d -> sent.put(d.customer().value(), d))
        .build();
    for (int i = 0; i < 600; i++) {
      engine.track(Event.of("c-" + i, "lapsed", T0));
      engine.decideAndSend("s-" + i);
    }
    now = T0.plus(Duration.ofDays(2));
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 1200; i++) {
      String id = (i < 600 ? "c-" : "s-") + i % 600;
      Dispatch d = sent.get(id);
      if (random.nextDouble() < (d == null ? 0.20 : i < 600 ? 0.35 : 0.40)) {
        Event.Builder buy = Event.builder(id, "purchased")
            .with("total", 20 + 60 * random.nextDouble());
        if (d != null) {
          buy = buy.with(EventTypes.DISPATCH_ID, d.id());
        }
        engine.track(buy.at(now));
      }
    }
    engine.track(Event.builder("c-1", EventTypes.SURVEY_ANSWERED).with(EventTypes.KIND, "csat")
        .with(EventTypes.SCORE, 4).at(now));
    return engine.dashboard();
  }

  @Test
  void text_and_markdown_show_the_return_first_in_three_tiers() {
    Dashboard d = dashboard();

    String text = DashboardReport.text(d);
    String markdown = DashboardReport.markdown(d);

    assertThat(text.indexOf("RETURN ON INVESTMENT")).isPositive()
        .isLessThan(text.indexOf("NORTH STAR"));
    assertThat(text).containsSubsequence("Headline", "revenue", "average_order_value",
        "historical_clv (mean)", "win-back", "Secondary", "csat", "Activity",
        "unsubscribe_rate", "win-back-offer");
    assertThat(markdown).containsSubsequence("## Return on investment", "### Headline",
        "### Secondary", "### Activity", "## North star");
    assertThat(d.roi("win-back").orElseThrow().significant()).isTrue();
    assertThat(text).contains("adds revenue");
  }

  @Test
  void an_action_measured_against_its_holdout_has_its_row_in_the_headline_tier() {
    Dashboard d = dashboard();
    RoiResult offer = d.actionRoi("spring-offer").orElseThrow().holdout().orElseThrow();

    String text = DashboardReport.text(d);
    String markdown = DashboardReport.markdown(d);
    String html = DashboardReport.html(d);

    assertThat(offer.significant()).as("a 20-point lift on 600 customers shows").isTrue();
    String row = "spring-offer";
    assertThat(text).containsSubsequence("Headline", "win-back", "action (against its "
        + "holdout)", row, "adds revenue", "Secondary", "Activity", row);
    assertThat(markdown).containsSubsequence("### Headline", "| action (against its holdout)",
        "| " + row + " ", "### Secondary");
    assertThat(html).containsSubsequence("id=\"headline\"", "Action (against its holdout)",
        row, DashboardFormat.count(offer.treated()) + " / "
        + DashboardFormat.count(offer.heldOut()), "adds revenue",
        "id=\"secondary\"", "id=\"activity\"", row);
    assertThat(text).contains(DashboardFormat.money(offer.incrementalRevenue(), d.currency()));
  }


  @Test
  void html_puts_the_return_section_first_with_the_headline_tier_on_top() {
    String html = DashboardReport.html(dashboard());

    assertThat(html.indexOf("id=\"roi\"")).isPositive().isLessThan(html.indexOf(
        "id=\"north-star\""));
    assertThat(html).containsSubsequence("id=\"headline\"", "class=\"tile\"",
        "incremental revenue", "win-back", "adds revenue", "id=\"secondary\"", "csat",
        "id=\"activity\"", "win-back-offer");
  }

  /**
   * Lays the page out in headless Chromium at a laptop's 1280 by 800 and reads, from a probe
   * script added to a copy of the page, where the headline tier is: it must be the first
   * section, displayed, with its tiles and the journey's row, and start within the first screen.
   * The page itself has no script; the screenshot is kept in {@code target} for a person.
   */
  @Test
  void the_headline_tier_is_the_first_thing_on_screen_in_headless_chromium()
      throws IOException, InterruptedException {
    Optional<String> chromium = chromium();
    assumeTrue(chromium.isPresent(), "no Chromium installed: the layout is not checked");
    String html = DashboardReport.html(dashboard());
    Path dir = Path.of("target", "chromium");
    Files.createDirectories(dir);
    Path page = dir.resolve("roi-dashboard.html");
    Files.writeString(page, html, StandardCharsets.UTF_8);
    Path probe = dir.resolve("roi-dashboard-probe.html");
    Files.writeString(probe, html.replace("</body>", PROBE + "</body>"), StandardCharsets.UTF_8);

    String dom = run(chromium.get(), "--dump-dom", probe.toUri().toString());
    run(chromium.get(), "--screenshot=" + dir.resolve("roi-dashboard.png").toAbsolutePath(),
        page.toUri().toString());

    Matcher m = Pattern.compile("data-probe=\"([^\"]*)\"").matcher(dom);
    assertThat(m.find()).as("the probe ran: %s", dom.length() > 400 ? dom.substring(0, 400)
        : dom).isTrue();
    Map<String, String> probed = new HashMap<>();
    for (String pair : m.group(1).split(";")) {
      String[] kv = pair.split("=", 2);
      probed.put(kv[0], kv.length > 1 ? kv[1] : "");
    }
    assertThat(probed.get("first")).as("the first section").isEqualTo("roi");
    assertThat(probed.get("display")).isNotEqualTo("none");
    assertThat(probed.get("visibility")).isEqualTo("visible");
    assertThat(Integer.parseInt(probed.get("tiles"))).as("headline tiles").isGreaterThanOrEqualTo(4);
    assertThat(Double.parseDouble(probed.get("height"))).as("its height").isPositive();
    assertThat(Double.parseDouble(probed.get("top"))).as("its top, within the first screen")
        .isLessThan(Double.parseDouble(probed.get("viewport")));
    assertThat(probed.get("text")).contains("win-back", "adds revenue");
    assertThat(Files.size(dir.resolve("roi-dashboard.png"))).isPositive();
  }

  /** Where the headline tier is, written into an attribute of the body as key=value pairs. */
  private static final String PROBE = """
      <script>
      (function () {
        var h = document.getElementById('headline');
        var r = h.getBoundingClientRect();
        var s = getComputedStyle(h);
        var first = document.querySelector('main section.card');
        var row = h.querySelector('tbody tr');
        document.body.setAttribute('data-probe', ['first=' + first.id, 'top=' + r.top,
          'height=' + r.height, 'viewport=' + window.innerHeight, 'display=' + s.display,
          'visibility=' + s.visibility, 'tiles=' + h.querySelectorAll('.tile').length,
          'text=' + (row ? row.innerText.replace(/[;=\\s]+/g, ' ') : '')].join(';'));
      })();
      </script>
      """;

  private static Optional<String> chromium() {
    for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static String run(String chromium, String... args)
      throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(chromium, "--headless",
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
        "--window-size=1280,800", "--virtual-time-budget=2000"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    return new String(out, StandardCharsets.UTF_8);
  }
}
