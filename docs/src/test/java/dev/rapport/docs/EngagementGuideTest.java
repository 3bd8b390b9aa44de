package dev.rapport.docs;

import static dev.rapport.dsl.Rapport.*;
import static dev.rapport.testkit.RapportAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Action;
import dev.rapport.core.Customer;
import dev.rapport.core.EngagementLevel;
import dev.rapport.core.EngagementModel;
import dev.rapport.core.EventTypes;
import dev.rapport.core.LifecycleStage;
import dev.rapport.core.RecencyFrequencyEngagement;
import dev.rapport.core.RhythmEngagement;
import dev.rapport.core.RhythmEngagement.Population;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.journey.Journey;
import dev.rapport.testkit.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The samples of guide/engagement.md, run. */
class EngagementGuideTest {
  private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

  @Test
  void recency_frequency_windows() {
    // snippet: engagement-windows
    EngagementModel weekly = RecencyFrequencyEngagement.builder(Set.of("lesson_completed"))
        .highWhen(2, Duration.ofDays(7)).latestWithin(Duration.ofDays(3))
        .lowWithin(Duration.ofDays(14))
        .disengagedWithin(Duration.ofDays(60))
        .build();
    // end

    Scenario s = Scenario.startingAt(MONDAY, e -> e.engagement(weekly));
    s.track("ada", "lesson_completed").after(Duration.ofDays(1)).track("ada",
        "lesson_completed");
    assertThat(s.engine().customer("ada").orElseThrow().engagement())
        .isEqualTo(EngagementLevel.HIGH);
    s.after(Duration.ofDays(15));
    assertThat(s.engine().customer("ada").orElseThrow().engagement())
        .isEqualTo(EngagementLevel.DISENGAGED);
  }

  @Test
  void a_complaint_counts_against_a_highly_engaged_customer() {
    // snippet: engagement-complaint
    Scenario s = Scenario.startingAt(MONDAY, engine -> engine);
    s.track("ada", "logged_in")
        .after(Duration.ofDays(1)).track("ada", "logged_in")
        .after(Duration.ofDays(1)).track("ada", "logged_in");
    assertThat(s.engine().customer("ada").orElseThrow().engagement())
        .isEqualTo(EngagementLevel.HIGH);

    s.track("ada", EventTypes.COMPLAINED);
    assertThat(s.engine().customer("ada").orElseThrow().engagement())
        .isEqualTo(EngagementLevel.LOW_DISAFFECTED);
    assertThat(s.engine().customer("ada").orElseThrow().stage())
        .isEqualTo(LifecycleStage.AT_RISK);
    // end
  }

  @Test
  void the_rhythm_model() {
    // snippet: engagement-rhythm
    Scenario s = Scenario.startingAt(MONDAY, engine -> engine
        .engagement(RhythmEngagement.builder(Set.of("order_placed")).build()));
    for (int week = 0; week < 12; week++) {     // Ada orders every week
      s.track("ada", "order_placed").track("bob", "order_placed").after(Duration.ofDays(7));
    }
    s.track("ada", "order_placed").track("bob", "order_placed");

    Customer ada = s.engine().customer("ada").orElseThrow();
    assertThat(ada.lapseRisk().orElseThrow()).isLessThan(0.2);
    assertThat(ada.engagement()).isEqualTo(EngagementLevel.HIGH);

    s.after(Duration.ofDays(30));               // a month without an order
    ada = s.engine().customer("ada").orElseThrow();
    assertThat(ada.lapseRisk().orElseThrow()).isGreaterThan(0.5);
    assertThat(ada.engagement()).isEqualTo(EngagementLevel.DISENGAGED);
    assertThat(ada.stage()).isEqualTo(LifecycleStage.AT_RISK);
    // end

    Scenario rare = Scenario.startingAt(MONDAY, engine -> engine
        .engagement(RhythmEngagement.builder(Set.of("order_placed")).build()));
    rare.track("cy", "order_placed").after(Duration.ofDays(84)).track("cy", "order_placed")
        .after(Duration.ofDays(30));
    Customer cy = rare.engine().customer("cy").orElseThrow();
    assertThat(cy.since("order_placed")).isEqualTo(ada.since("order_placed"));
    assertThat(cy.lapseRisk().orElseThrow()).isLessThan(ada.lapseRisk().orElseThrow());
  }

  @Test
  void occasions() {
    Scenario s = Scenario.startingAt(MONDAY, engine -> engine);
    // snippet: engagement-occasions
    s.track(event("ada", "purchased").id("order-1/line-1").with("sku", "mug"))
        .track(event("ada", "purchased").id("order-1/line-2").with("sku", "beans"))
        .after(Duration.ofDays(3))
        .track(event("ada", "purchased").id("order-2/line-1").with("sku", "filters"));

    Customer ada = s.engine().customer("ada").orElseThrow();
    assertThat(ada.count("purchased")).isEqualTo(3);
    assertThat(ada.occasions("purchased")).isEqualTo(2);
    // end
  }

  @Test
  void reading_the_risk_in_rules_and_journeys() {
    Action comeBack = action("come-back").topic("retention").via(IN_APP).build();
    Action checkIn = action("check-in").topic("retention").via(IN_APP).build();
    // snippet: engagement-risk-rules
    RuleSet retention = rules("retention")
        .rule("slipping")
            .when(c -> c.lapseRisk().orElse(0) >= 0.3)
            .recommend(comeBack)
            .because("quieter than usual")
        .build();

    Journey atRisk = journey("at-risk")
        .enterOn(EventTypes.STAGE_CHANGED,
            p -> LifecycleStage.AT_RISK.name().equals(p.get(EventTypes.TO)))
        .reEnterAfter(Duration.ofDays(60))
        .goal("order_placed").within(Duration.ofDays(30))
        .steps(send(checkIn))
        .build();
    // end

    Scenario s = Scenario.startingAt(MONDAY, engine -> engine
        .engagement(RhythmEngagement.builder(Set.of("order_placed")).build())
        .rules(retention).journeys(atRisk));
    for (int week = 0; week < 8; week++) {
      s.track("ada", "order_placed").after(Duration.ofDays(7));
    }
    Decision early = s.decide("ada");
    s.after(Duration.ofDays(30));
    Decision later = s.decide("ada");

    assertThat(early.winners()).isEmpty();
    assertThat(later.winners()).extracting(r -> r.action().name())
        .containsExactly("come-back");
    assertThat(s.outbox()).sent("check-in").to("ada");
  }

  @Test
  void fitting_the_population() {
    Instant start = MONDAY;
    Scenario s = Scenario.startingAt(start, engine -> engine);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      ids.add("c-" + i);
    }
    for (int day = 0; day < 120; day++) {
      for (int i = 0; i < ids.size(); i++) {
        if (day % (3 + i) == 0 && day < 40 + 2 * i) {
          s.track(ids.get(i), "order_placed");
        }
      }
      s.after(Duration.ofDays(1));
    }
    Engine engine = s.engine();
    // snippet: engagement-fit
    List<Customer> seen = ids.stream()
        .map(id -> engine.customer(id).orElseThrow())
        .toList();
    Population fitted = Population.fit(seen, Set.of("order_placed"));

    EngagementModel ours = RhythmEngagement.builder(Set.of("order_placed"))
        .population(fitted)
        .build();
    // end

    assertThat(fitted.r()).isPositive();
    assertThat(ours.lapseRisk(seen.get(0))).isPresent();
  }
}
