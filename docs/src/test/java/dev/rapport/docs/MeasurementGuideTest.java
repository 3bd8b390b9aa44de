package dev.rapport.docs;

import static dev.rapport.dsl.Rapport.*;
import static dev.rapport.testkit.RapportAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rapport.core.Action;
import dev.rapport.core.EngagementLevel;
import dev.rapport.core.EngagementModel;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.LifecycleModel;
import dev.rapport.core.LifecycleStage;
import dev.rapport.core.Moment;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.measure.Breakdown;
import dev.rapport.core.measure.Dashboard;
import dev.rapport.core.measure.EventSelector;
import dev.rapport.core.measure.Guardrail;
import dev.rapport.core.measure.GuardrailChange;
import dev.rapport.core.measure.GuardrailListener;
import dev.rapport.core.measure.GuardrailPauses;
import dev.rapport.core.measure.GuardrailState;
import dev.rapport.core.measure.Metric;
import dev.rapport.core.measure.MetricValue;
import dev.rapport.core.measure.Metrics;
import dev.rapport.core.measure.ValueExtractor;
import dev.rapport.core.policy.Reason;
import dev.rapport.report.DashboardReport;
import dev.rapport.testkit.Scenario;
import dev.rapport.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The samples of guide/measurement.md, run. */
class MeasurementGuideTest {
  private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

  private final TestClock clock = TestClock.at(MONDAY);

  Moment activated = moment("activated").reachedOn("first_sync").build();
  Action newsletter = action("newsletter").topic("news").via(IN_APP).build();
  Action receipt = action("receipt").transactional().via(IN_APP).build();
  Journey news = journey("news").enterOn("subscribed").reEnterAfterExit()
      .steps(send(newsletter), send(receipt)).build();

  @Test
  void custom_metrics() {
    // snippet: measure-metrics
    Metric clickRate = Metric.rate("click_rate")
        .count(EventSelector.type(EventTypes.CLICKED))
        .per(EventSelector.type(EventTypes.DISPATCHED))
        .over(Duration.ofDays(7))
        .by(Breakdown.ACTION, Breakdown.CHANNEL)
        .describedAs("clicks per message sent");

    Metric bigOrders = Metric.share("big_orders")
        .of(EventSelector.type("purchased"))
        .where(EventSelector.type("purchased", p -> p.get("total") instanceof Number n
            && n.doubleValue() >= 100))
        .last(500);

    Metric basket = Metric.mean("basket")
        .of(EventSelector.type("purchased"))
        .value(ValueExtractor.property("total"));
    // end

    Scenario s = Scenario.startingAt(MONDAY, e -> e.journeys(news)
        .metrics(clickRate, bigOrders, basket));
    s.track("ada", "subscribed").track("bob", "subscribed");
    Dispatch toAda = s.outbox().to("ada").get(0);
    s.track(event("ada", EventTypes.CLICKED).with(EventTypes.DISPATCH_ID, toAda.id()))
        .track(event("ada", "purchased").id("o-1").with("total", 120))
        .track(event("bob", "purchased").id("o-2").with("total", 40));
    Engine engine = s.engine();

    // snippet: measure-read
    MetricValue all = engine.metric("click_rate");
    MetricValue ofNewsletter = engine.metric("click_rate", "action:newsletter");

    assertThat(all.value()).isEqualTo(0.25);            // 1 click, 4 messages sent
    assertThat(all.sample()).isEqualTo(4);
    assertThat(all.window()).isEqualTo("last 7 days");
    assertThat(ofNewsletter.value()).isEqualTo(0.5);    // 1 click, 2 newsletters
    assertThat(engine.metric("big_orders").value()).isEqualTo(0.5);
    assertThat(engine.metric("basket").value()).isEqualTo(80.0);
    // end
    assertThat(engine.metric("big_orders").window()).isEqualTo("last 500");
    assertThat(engine.metric("basket").window()).isEqualTo("all time");
    assertThat(engine.metric("click_rate", "channel:in_app").value()).isEqualTo(0.25);
    assertThat(engine.metric("click_rate", "action:receipt").value()).isEqualTo(0.0);
    assertThat(engine.customer("ada").orElseThrow().count(EventTypes.DISPATCHED)).isZero();
    assertThat(engine.metric("basket", "action:newsletter").hasValue()).isFalse();
  }

  @Test
  void standard_metrics_and_the_north_star() {
    // snippet: measure-north-star
    Engine engine = Engine.builder()
        .clock(clock)
        .moments(activated)
        .northStar(Metrics.activation(activated, "signed_up", Duration.ofDays(14)))
        .metrics(csat(), nps(), ces(), Metrics.timeToFirstResponse())
        .build();
    // end

    for (String id : List.of("ada", "bob", "cy", "dee")) {
      engine.track(event(id, "signed_up").at(MONDAY));
    }
    clock.set(MONDAY.plus(Duration.ofDays(3)));
    engine.track(event("ada", "first_sync").at(MONDAY.plus(Duration.ofDays(3))));
    clock.set(MONDAY.plus(Duration.ofDays(20)));
    engine.track(event("bob", "first_sync").at(MONDAY.plus(Duration.ofDays(20))));
    engine.track(event("ada", "survey_answered").with("kind", "csat").with("score", 5)
        .at(MONDAY));
    engine.track(event("bob", "survey_answered").with("kind", "csat").with("score", 3)
        .at(MONDAY));
    engine.track(event("ada", "survey_answered").with("kind", "nps").with("score", 10)
        .at(MONDAY));
    engine.track(event("bob", "survey_answered").with("kind", "nps").with("score", 8)
        .at(MONDAY));
    engine.track(event("cy", "survey_answered").with("kind", "nps").with("score", 3)
        .at(MONDAY));
    engine.track(event("dee", "survey_answered").with("kind", "nps").with("score", 9)
        .at(MONDAY));
    engine.track(event("ada", "ticket_opened").with("ticket_id", "t-1").at(MONDAY));
    engine.track(event("ada", "ticket_responded").with("ticket_id", "t-1")
        .at(MONDAY.plus(Duration.ofHours(3))));

    assertThat(engine.metric("activation").value()).isEqualTo(0.25);
    assertThat(engine.metric("csat").value()).isEqualTo(0.5);
    assertThat(engine.metric("nps").value()).isEqualTo(0.25);
    assertThat(engine.metric("time_to_first_response_hours").value()).isEqualTo(3.0);
    assertThat(engine.dashboard().northStar()).hasValueSatisfying(v ->
        assertThat(v.metric()).isEqualTo("activation"));
    assertThat(Metrics.unsubscribeRate().window()).contains(Duration.ofDays(30));
    assertThat(Metrics.unsubscribeRate().breakdowns())
        .containsExactlyInAnyOrder(Breakdown.JOURNEY, Breakdown.ACTION, Breakdown.CHANNEL);
  }

  @Test
  void guardrails_pause_marketing_and_recover_with_hysteresis() {
    List<Dispatch> sent = new ArrayList<>();
    List<String> told = new ArrayList<>();
    // snippet: measure-guardrail
    Engine engine = Engine.builder()
        .clock(clock)
        .journeys(news)
        .guardrail(guardrail(unsubscribeRate()).below(0.2).minSample(10))
        .guardrailListener(new GuardrailListener() {
          @Override
          public void onBreach(GuardrailState state) {
            told.add("paused: " + state.guardrail());
          }

          @Override
          public void onRecovery(GuardrailState state) {
            told.add("resumed: " + state.guardrail());
          }
        })
        .dispatcher(sent::add)
        .build();
    // end

    for (int i = 0; i < 5; i++) {
      engine.track(event("c-" + i, "subscribed").at(MONDAY));
    }
    // snippet: measure-guardrail-breach
    // 10 messages sent to 5 customers; 2 of them unsubscribe
    engine.track(event("c-0", EventTypes.UNSUBSCRIBED)
        .with(EventTypes.DISPATCH_ID, sent.get(0).id()).at(MONDAY));
    engine.track(event("c-1", EventTypes.UNSUBSCRIBED)
        .with(EventTypes.DISPATCH_ID, sent.get(2).id()).at(MONDAY));

    assertThat(engine.guardrails()).singleElement().satisfies(g -> {
      assertThat(g.breached()).isTrue();
      assertThat(g.value()).isEqualTo(0.2);
      assertThat(g.protects()).isEqualTo("everything");
    });
    assertThat(told).containsExactly("paused: unsubscribe_rate below 0.2 (min 10)");

    engine.track(event("c-9", "subscribed").at(MONDAY));
    assertThat(engine).refused("newsletter").to("c-9").because(Reason.GUARDRAIL_PAUSED);
    assertThat(sent).filteredOn(d -> d.customer().value().equals("c-9"))
        .extracting(d -> d.action().name()).containsExactly("receipt");
    // end

    String text = DashboardReport.text(engine.dashboard());
    assertThat(text.substring(text.indexOf("GUARDRAILS"), text.indexOf("METRICS"))).isEqualTo("""
        GUARDRAILS
        ----------
          1 of 1 guardrails BREACHED: what they protect is paused.
          status    guardrail                                     value  sample  protects    pauses  \
        since
          --------  --------------------------------------------  -----  ------  ----------  ------  \
        --------------------
          BREACHED  unsubscribe_rate below 20.0% (min sample 10)  18.2%      11  everything       1  \
        2026-03-02 09:00 UTC

          ▸ Trends, a day a character, and pauses (━)
          guardrail                                     now
          --------------------------------------------  ---  ---------
          unsubscribe_rate below 20.0% (min sample 10)  ▅    18.2% now
          ↳ paused                                      ━    1 pause

          ▸ Pauses
          guardrail                                     paused      from                  until         \
        for  at the breach  at the recovery
          --------------------------------------------  ----------  --------------------  ------------  \
        ---  -------------  ---------------
          unsubscribe_rate below 20.0% (min sample 10)  everything  2026-03-02 09:00 UTC  still paused  \
         0s    20.0% of 10                –

        """);
    // 0.1818 is below the bound but not yet below the recovery point, 0.18
    assertThat(engine.metric("unsubscribe_rate").value()).isCloseTo(2 / 11.0, within(1e-12));
    assertThat(engine.guardrails().get(0).breached()).isTrue();
    engine.track(event("c-10", "subscribed").at(MONDAY));   // the receipt only: 2 of 12
    assertThat(engine.guardrails().get(0).breached()).isFalse();
    assertThat(told).containsExactly("paused: unsubscribe_rate below 0.2 (min 10)",
        "resumed: unsubscribe_rate below 0.2 (min 10)");
    engine.track(event("c-20", "subscribed").at(MONDAY));
    assertThat(sent).filteredOn(d -> d.customer().value().equals("c-20"))
        .extracting(d -> d.action().name()).containsExactly("newsletter", "receipt");
  }

  @Test
  void a_guardrail_on_any_metric_pausing_one_journey() {
    Action springOffer = action("spring-offer").topic("promo").via(IN_APP).build();
    Action welcomeTips = action("welcome-tips").topic("help").via(IN_APP).build();
    Journey springPromo = journey("spring-promo").enterOn("browsed")
        .steps(send(springOffer)).build();
    Journey welcome = journey("welcome").enterOn("browsed").steps(send(welcomeTips)).build();
    List<String> told = new ArrayList<>();
    // snippet: measure-guardrail-pausing
    Guardrail calm = guardrail(csat()).above(0.7).minSample(10).pausingJourney("spring-promo");

    Scenario s = Scenario.startingAt(MONDAY, engine -> engine
        .journeys(springPromo, welcome)
        .guardrail(calm)
        .guardrailListener(new GuardrailListener() {
          @Override
          public void onChange(GuardrailChange change) {
            told.add(change.at() + ": " + (change.breached() ? "paused " : "resumed ")
                + change.state().protects());
          }
        }));
    for (int i = 0; i < 10; i++) {        // survey answers that no message caused: CSAT 0.4
      s.track(event("respondent-" + i, EventTypes.SURVEY_ANSWERED)
          .with(EventTypes.KIND, "csat").with(EventTypes.SCORE, i < 4 ? 5 : 2));
    }
    s.track("ada", "browsed");

    assertThat(s.outbox()).sent("welcome-tips").to("ada");
    assertThat(s.outbox()).didNotSend("spring-offer").to("ada");
    assertThat(s.engine()).refused("spring-offer").to("ada").because(Reason.GUARDRAIL_PAUSED);
    assertThat(told).containsExactly("2026-03-02T09:00:00Z: paused journey spring-promo");
    // end

    // snippet: measure-guardrail-pauses
    s.after(Duration.ofDays(1));
    for (int i = 0; i < 30; i++) {
      s.track(event("fan-" + i, EventTypes.SURVEY_ANSWERED)
          .with(EventTypes.KIND, "csat").with(EventTypes.SCORE, 5));
    }

    GuardrailPauses week = s.engine().guardrailPauses(calm, MONDAY, s.now());
    assertThat(week.pauses()).singleElement().satisfies(p -> {
      assertThat(p.from()).isEqualTo(MONDAY);
      assertThat(p.until()).contains(MONDAY.plus(Duration.ofDays(1)));
      assertThat(p.value()).isEqualTo(0.4);                // at the breach, of 10 answers
      assertThat(p.recoveryValue()).isGreaterThan(0.77);   // at the recovery
    });
    assertThat(week.forgotten()).isZero();
    // end
    assertThat(told).hasSize(2);
    assertThat(s.engine().dashboard().guardrailHistory()).singleElement()
        .satisfies(h -> assertThat(h.pauses()).hasSize(1));
    assertThat(DashboardReport.text(s.engine().dashboard()))
        .contains("journey spring-promo  2026-03-02 09:00 UTC  2026-03-03 09:00 UTC   1d    "
            + "40.0% of 10      77.8% of 27");
  }

  @Test
  void guardrail_shapes() {
    // snippet: measure-guardrail-scopes
    Guardrail everything = guardrail(unsubscribeRate()).below(0.02).minSample(200);
    Guardrail winBackOnly = guardrail(unsubscribeRate()).below(0.05).forJourney("win-back");
    Guardrail smsOnly = guardrail(complaintRate()).below(0.001).forChannel(SMS);
    Guardrail satisfied = guardrail(csat()).above(0.7).minSample(50).recoverAt(0.75);
    // end

    assertThat(everything.recoveryPoint()).isCloseTo(0.018, within(1e-12));
    assertThat(everything.protects()).isEqualTo("everything");
    assertThat(winBackOnly.minSample()).isEqualTo(30);
    assertThat(winBackOnly.protects()).isEqualTo("journey win-back");
    assertThat(smsOnly.protects()).isEqualTo("channel sms");
    assertThat(satisfied.recoveryPoint()).isEqualTo(0.75);
    assertThat(satisfied.isBreachedBy(0.7, 50)).isTrue();
    assertThat(satisfied.isBreachedBy(0.5, 49)).isFalse();
  }

  @Test
  void engagement_levels_and_lifecycle_stages() {
    // snippet: measure-engagement
    Scenario s = Scenario.startingAt(MONDAY, engine -> engine
        .moments(activated)
        .lifecycle(LifecycleModel.ofDefaults(Optional.of(activated))));
    s.track("ada", "signed_up")
        .after(Duration.ofHours(1)).track("ada", "first_sync")
        .after(Duration.ofHours(1)).track("ada", "logged_in")
        .after(Duration.ofDays(1)).track("ada", "logged_in")
        .after(Duration.ofDays(1)).track("ada", "logged_in");

    assertThat(s.engine().customer("ada").orElseThrow().engagement())
        .isEqualTo(EngagementLevel.HIGH);
    assertThat(s.engine().customer("ada").orElseThrow().stage())
        .isEqualTo(LifecycleStage.ACTIVE);

    s.after(Duration.ofDays(40));       // no news from Ada
    assertThat(s.engine().customer("ada").orElseThrow().engagement())
        .isEqualTo(EngagementLevel.DISENGAGED);
    assertThat(s.engine().customer("ada").orElseThrow().stage())
        .isEqualTo(LifecycleStage.AT_RISK);
    assertThat(s.engine().customer("ada").orElseThrow().history(EventTypes.ENGAGEMENT_CHANGED))
        .extracting(e -> e.properties().get(EventTypes.TO))
        .containsExactly("HIGH", "LOW_ORGANIC", "DISENGAGED");
    // end

    List<Event> changes = s.engine().customer("ada").orElseThrow()
        .history(EventTypes.ENGAGEMENT_CHANGED);
    Instant lastLogin = MONDAY.plus(Duration.ofHours(2)).plus(Duration.ofDays(2));
    assertThat(changes).extracting(Event::time).containsExactly(lastLogin,
        lastLogin.plus(Duration.ofDays(7)), lastLogin.plus(Duration.ofDays(30)));
    s.after(Duration.ofDays(60));
    assertThat(s.engine().customer("ada").orElseThrow().engagement())
        .isEqualTo(EngagementLevel.LOST);
    assertThat(s.engine().customer("ada").orElseThrow().stage())
        .isEqualTo(LifecycleStage.WIN_BACK);

    Scenario fresh = Scenario.startingAt(MONDAY, engine -> engine.moments(activated)
        .lifecycle(LifecycleModel.ofDefaults(Optional.of(activated))));
    fresh.track("bob", "signed_up");
    assertThat(fresh.engine().customer("bob").orElseThrow().stage())
        .isEqualTo(LifecycleStage.NEW);
    fresh.after(Duration.ofDays(8)).track("bob", "logged_in");
    assertThat(fresh.engine().customer("bob").orElseThrow().stage())
        .isEqualTo(LifecycleStage.ONBOARDING);
  }

  @Test
  void the_at_risk_journey() {
    Action checkIn = action("check-in").topic("retention").via(IN_APP).build();
    // snippet: measure-at-risk
    Journey atRisk = journey("at-risk")
        .enterOn(EventTypes.ENGAGEMENT_CHANGED,
            p -> EngagementLevel.LOW_DISAFFECTED.name().equals(p.get(EventTypes.TO)))
        .reEnterAfter(Duration.ofDays(30))
        .goal("logged_in").within(Duration.ofDays(14))
        .steps(send(checkIn))
        .build();

    Scenario s = Scenario.startingAt(MONDAY, engine -> engine.journeys(atRisk));
    s.track("ada", "logged_in")
        .after(Duration.ofDays(1))
        .track(event("ada", EventTypes.SURVEY_ANSWERED)
            .with(EventTypes.KIND, "csat").with(EventTypes.SCORE, 2));

    assertThat(s.engine().customer("ada").orElseThrow().engagement())
        .isEqualTo(EngagementLevel.LOW_DISAFFECTED);
    assertThat(s.outbox()).sent("check-in").to("ada");
    // end
  }

  @Test
  void custom_engagement_events() {
    // snippet: measure-engagement-events
    EngagementModel engagement =
        EngagementModel.recencyFrequency(Set.of("lesson_completed", "quiz_passed"));
    // end
    Scenario s = Scenario.startingAt(MONDAY, e -> e.engagement(engagement));
    s.track("ada", "logged_in").after(Duration.ofHours(1)).track("ada", "logged_in2")
        .after(Duration.ofHours(1)).track("ada", "logged_in3");
    assertThat(s.engine().customer("ada").orElseThrow().engagement())
        .isEqualTo(EngagementLevel.LOW_ORGANIC);
    s.track("ada", "lesson_completed").after(Duration.ofHours(1)).track("ada", "quiz_passed")
        .after(Duration.ofHours(1)).track(event("ada", "lesson_completed").id("l-2"));
    assertThat(s.engine().customer("ada").orElseThrow().engagement())
        .isEqualTo(EngagementLevel.HIGH);
  }

  @Test
  void closing_the_loop_on_themes() {
    Action fixed = action("you-asked-we-fixed").topic("product-news").via(IN_APP).build();
    // snippet: measure-themes
    Journey weFixedIt = journey("we-fixed-it")
        .enterOn(EventTypes.THEME_RESOLVED, p -> "slow sync".equals(p.get(EventTypes.THEME)))
        .steps(send(fixed))
        .build();

    Scenario s = Scenario.startingAt(MONDAY, engine -> engine.journeys(weFixedIt));
    s.track(event("ada", EventTypes.SURVEY_ANSWERED).with(EventTypes.KIND, "csat")
            .with(EventTypes.SCORE, 2).with(EventTypes.THEMES, List.of("slow sync", "pricing")))
        .track(event("bob", EventTypes.SURVEY_ANSWERED).with(EventTypes.KIND, "csat")
            .with(EventTypes.SCORE, 4).with(EventTypes.THEMES, List.of("pricing")));

    int told = s.engine().resolveTheme("slow sync");

    assertThat(told).isEqualTo(1);
    assertThat(s.outbox()).sent("you-asked-we-fixed").to("ada");
    assertThat(s.outbox()).didNotSend("you-asked-we-fixed").to("bob");
    // end

    assertThat(s.engine().dashboard().themes()).extracting(t -> t.theme() + " "
        + t.customers() + " " + t.resolved())
        .containsExactly("pricing 2 false", "slow sync 1 true");
  }

  @Test
  void the_dashboard() {
    Scenario s = Scenario.startingAt(MONDAY, e -> e.name("Coffee store").moments(activated)
        .journeys(news).northStar(Metrics.activation(activated, "subscribed",
            Duration.ofDays(14))).guardrail(guardrail(unsubscribeRate()).below(0.02)));
    s.track("ada", "subscribed").track("bob", "subscribed").track("ada", "first_sync");

    // snippet: measure-dashboard
    Dashboard dashboard = s.engine().dashboard();

    String text = DashboardReport.text(dashboard);          // for a terminal or a log
    String markdown = DashboardReport.markdown(dashboard);  // for a pull request or a wiki
    String html = DashboardReport.html(dashboard);          // one page with charts
    // end

    assertThat(text).startsWith("Coffee store\n============\n")
        .contains("NORTH STAR", "GUARDRAILS", "JOURNEYS", "MOMENTS THAT MATTER",
            "ENGAGEMENT LEVELS", "LIFECYCLE STAGES", "EXPERIMENTS", "SURVEY THEMES");
    assertThat(markdown).startsWith("# Coffee store").contains("## Guardrails");
    assertThat(html).startsWith("<!doctype html>").contains("<svg")
        .doesNotContain("<script", "<link", "src=");
    assertThat(dashboard.customers()).isEqualTo(2);
    assertThat(dashboard.funnels()).extracting(f -> f.journey()).containsExactly("news");
    assertThat(dashboard.northStar()).map(MetricValue::value).contains(0.5);
  }

  @Test
  void a_channel_guardrail_pauses_a_message_only_on_that_channel() {
    Action digest = action("digest").via(EMAIL).orElse(IN_APP).build();
    Action mail = action("mail").via(EMAIL).build();
    List<Dispatch> sent = new ArrayList<>();
    Engine engine = Engine.builder().clock(clock)
        .journeys(journey("j").enterOn("go").reEnterAfterExit().steps(send(mail), send(digest))
            .build())
        .guardrail(guardrail(deliveryFailureRate()).below(0.5).minSample(1)
            .forChannel(EMAIL))
        .dispatcher(sent::add).build();
    engine.identify("ada", profile().set(EMAIL_ADDRESS, "ada@example.com")
        .consent(EMAIL, MARKETING, GRANTED));
    engine.track(event("ada", "go").at(MONDAY));
    for (Dispatch d : List.copyOf(sent)) {
      engine.track(event("ada", EventTypes.DELIVERY_FAILED)
          .with(EventTypes.DISPATCH_ID, d.id()).at(MONDAY));
    }
    sent.clear();

    engine.track(event("ada", "go").at(MONDAY.plusSeconds(60)));

    assertThat(engine.guardrails().get(0).breached()).isTrue();
    assertThat(sent).extracting(d -> d.action().name() + " via " + d.channel())
        .containsExactly("digest via in_app");
  }

  @Test
  void a_listener_that_throws_does_not_reach_the_caller() {
    List<Dispatch> sent = new ArrayList<>();
    Engine engine = Engine.builder().clock(clock).journeys(news)
        .guardrail(guardrail(unsubscribeRate()).below(0.2).minSample(2))
        .guardrailListener(new GuardrailListener() {
          @Override
          public void onBreach(GuardrailState state) {
            throw new IllegalStateException("pager down");
          }

          @Override
          public void onRecovery(GuardrailState state) {}
        })
        .dispatcher(sent::add).build();
    engine.track(event("ada", "subscribed").at(MONDAY));

    engine.track(event("ada", EventTypes.UNSUBSCRIBED)
        .with(EventTypes.DISPATCH_ID, sent.get(0).id()).at(MONDAY));

    assertThat(engine.guardrails().get(0).breached()).isTrue();
  }
}
