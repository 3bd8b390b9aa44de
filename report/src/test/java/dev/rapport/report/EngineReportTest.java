package dev.rapport.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.Trigger;
import dev.rapport.core.journey.WaitStep;
import dev.rapport.core.measure.Dashboard;
import dev.rapport.core.measure.Guardrail;
import dev.rapport.core.measure.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The three renderings of a dashboard that an engine assembled: a journey sends a newsletter to
 * everyone who subscribes; on the second day a quarter of them unsubscribe, which breaches the
 * unsubscribe guardrail and pauses the newsletter.
 */
class EngineReportTest {
  private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

  private Instant now = MONDAY;
  private final Clock clock = new Clock() {
    @Override
    public Instant instant() {
      return now;
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
  private final List<Dispatch> sent = new ArrayList<>();
  private final Action newsletter = Action.builder("newsletter").via(Channel.IN_APP).build();
  private final Journey news = Journey.builder("news").enterOn(Trigger.onEvent("subscribed"))
      .steps(WaitStep.of(Duration.ofHours(1)), SendStep.of(newsletter)).build();
  private final Engine engine = Engine.builder().name("News desk").clock(clock).journeys(news)
      .northStar(Metrics.unsubscribeRate())
      .guardrail(Guardrail.on(Metrics.unsubscribeRate()).below(0.2).minSample(8))
      .dispatcher(sent::add).build();

  private void track(String customer, String type) {
    engine.track(Event.of(customer, type, now));
  }

  /** Eight subscribe on Monday and get the newsletter; on Tuesday two unsubscribe. */
  private Dashboard twoDays() {
    for (int i = 0; i < 8; i++) {
      track("c-" + i, "subscribed");
    }
    now = MONDAY.plus(Duration.ofHours(2));
    engine.advanceTo(now);
    now = MONDAY.plus(Duration.ofDays(1));
    for (int i = 0; i < 2; i++) {
      engine.track(Event.builder("c-" + i, EventTypes.UNSUBSCRIBED)
          .with(EventTypes.DISPATCH_ID, sent.get(i).id()).at(now));
    }
    now = MONDAY.plus(Duration.ofDays(1)).plus(Duration.ofHours(3));
    return engine.dashboard();
  }

  @Test
  void text_shows_the_pause_and_the_trend_of_a_breached_guardrail() {
    Dashboard d = twoDays();

    String text = DashboardReport.text(d);

    assertThat(sent).hasSize(8);
    assertThat(text).startsWith("News desk\n")
        .contains("BREACHED  unsubscribe_rate below 20.0% (min sample 8)  25.0%")
        .contains("unsubscribe_rate below 20.0% (min sample 8)  everything  "
            + "2026-03-03 09:00 UTC  still paused   3h     25.0% of 8")
        // the day that ended on Tuesday at midnight, then now, paused since 09:00
        .contains("unsubscribe_rate below 20.0% (min sample 8)  ▁█                  "
            + "0% on Mar 3 → 25.0% now")
        .contains("↳ paused                                     ·━                  1 pause");
  }

  @Test
  void every_rendering_names_the_program_its_journey_and_its_metric() {
    Dashboard d = twoDays();

    for (String rendered : List.of(DashboardReport.text(d), DashboardReport.markdown(d),
        DashboardReport.html(d))) {
      assertThat(rendered).contains("News desk", "news", "unsubscribe_rate", "25.0%");
    }
  }
}
