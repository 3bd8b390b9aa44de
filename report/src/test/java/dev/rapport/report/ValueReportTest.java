package dev.rapport.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Event;
import dev.rapport.core.Scores;
import dev.rapport.core.Segment;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.measure.Dashboard;
import dev.rapport.core.measure.Metrics;
import dev.rapport.core.measure.Revenue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The value metrics and the score distributions of an engine, in each rendering: money in the
 * engine's currency, customers per bucket of each score, the mean per segment.
 *
 * <p>The log: ada orders 30 and 50, bob 250, cy 0 (known, buys nothing); bob is in the segment
 * "big".
 */
class ValueReportTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private Dashboard dashboard() {
    Engine engine = Engine.builder().name("Shop").clock(Clock.fixed(T0.plus(Duration.ofDays(2)),
            ZoneOffset.UTC))
        .revenue(Revenue.of("purchased").amount("total").in("EUR"))
        .segments(Segment.of("big", c -> c.purchases().revenue() >= 100))
        .metrics(Metrics.revenue(), Metrics.averageOrderValue())
        .scores(Scores.historicalClv(Duration.ofDays(30)))
        .build();
    engine.track(Event.builder("ada", "purchased").with("total", 30).at(T0));
    engine.track(Event.builder("ada", "purchased").with("total", 50)
        .at(T0.plus(Duration.ofDays(1))));
    engine.track(Event.builder("bob", "purchased").with("total", 250).at(T0));
    engine.track(Event.of("cy", "visited", T0));
    return engine.dashboard();
  }

  @Test
  void text_shows_money_in_the_currency_and_customers_per_bucket_of_each_score() {
    String text = DashboardReport.text(dashboard());

    assertThat(text).contains("EUR 330.00", "EUR 110.00");
    assertThat(text).contains("SCORES", "historical_clv · 3 customers · mean EUR 110.00");
    assertThat(text).containsPattern("0 +1 +33\\.3%");
    assertThat(text).containsPattern("50–100 +1 +33\\.3%");
    assertThat(text).containsPattern("200–500 +1 +33\\.3%");
    assertThat(text).containsPattern("segment:big +1 +EUR 250\\.00");
  }

  @Test
  void markdown_and_html_show_the_same_scores() {
    Dashboard d = dashboard();

    String markdown = DashboardReport.markdown(d);
    String html = DashboardReport.html(d);

    assertThat(markdown).contains("## Scores",
        "### historical_clv · 3 customers · mean EUR 110.00");
    assertThat(html).contains("id=\"scores\"", "href=\"#scores\"",
        "historical_clv · 3 customers · mean EUR 110.00", "200–500", "segment:big",
        "EUR 250.00");
  }

  @Test
  void every_rendering_counts_the_fatigued_customers() {
    dev.rapport.core.Action tip = dev.rapport.core.Action.builder("tip")
        .via(dev.rapport.core.Channel.IN_APP).build();
    Instant[] now = {T0};
    Clock clock = new Clock() {
      @Override
      public Instant instant() {
        return now[0];
      }

      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }
    };
    Engine engine = Engine.builder().clock(clock)
        .contactPolicy(dev.rapport.core.policy.ContactPolicy.builder()
            .fatigue(dev.rapport.core.policy.Fatigue.after(2)).build())
        .rules(dev.rapport.core.decision.RuleSet.builder("tips")
            .rule(dev.rapport.core.decision.Rule.builder("all").when(c -> true).recommend(tip)
                .because("tips").build()).build())
        .dispatcher(d -> { })
        .build();
    engine.track(Event.of("ada", "logged_in", T0));
    engine.decideAndSend("ada");
    now[0] = T0.plus(Duration.ofDays(1));
    engine.decideAndSend("ada");
    now[0] = T0.plus(Duration.ofDays(5));
    engine.advanceTo(now[0]);

    Dashboard d = engine.dashboard();

    assertThat(d.fatigued()).hasValue(1);
    assertThat(DashboardReport.text(d)).contains("Fatigued customers (marketing paused by the "
        + "fatigue rule): 1.");
    assertThat(DashboardReport.html(d)).contains("Fatigued customers (marketing paused by the "
        + "fatigue rule): <b>1</b>");
  }
}
