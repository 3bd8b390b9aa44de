package dev.rapport.dsl.decision;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.GRANTED;
import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.MARKETING;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.profile;
import static dev.rapport.dsl.Rapport.rules;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Action;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.policy.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StorefrontSmokeTest {
  private final Instant now = Instant.parse("2026-03-02T10:00:00Z");

  @Test
  void grinder_owner_gets_brew_guides_not_the_lawnmower_sale() {
    Action brewGuide = action("brew-guide").topic("coffee").via(EMAIL).value(3.0).build();
    Action filters = action("filters").topic("coffee").via(IN_APP).value(2.0).build();
    Action mower = action("lawnmower-sale").topic("garden").via(EMAIL).build();
    Action review = action("review-request").via(EMAIL).build();
    RuleSet storefront = rules("storefront")
        .rule("brew-guides")
            .whenDone("purchased", p -> "grinder".equals(p.get("sku")))
            .recommend(brewGuide)
            .because("owns a grinder")
        .rule("filters")
            .whenDone("purchased", p -> "grinder".equals(p.get("sku")))
            .recommend(filters)
            .because("grinders need filters")
        .rule("mower")
            .whenDone("garden_viewed")
            .recommend(mower)
            .because("looked at the garden")
        .rule("review")
            .whenDone("purchased")
            .recommend(review)
            .because("bought something")
        .never(review).within(Duration.ofDays(7)).after("ticket_opened")
        .build();
    Engine engine = Engine.builder().clock(Clock.fixed(now, ZoneOffset.UTC)).rules(storefront)
        .build();
    engine.identify("c-1", profile().set(EMAIL_ADDRESS, "a@example.com")
        .consent(EMAIL, MARKETING, GRANTED));
    engine.track(event("c-1", "purchased").with("sku", "grinder").at(now.minusSeconds(3600)));
    engine.track(event("c-1", "ticket_opened").at(now.minusSeconds(600)));

    Decision d = engine.decide("c-1");

    System.out.println(d);
    assertThat(d.best().orElseThrow().action().name()).isEqualTo("brew-guide");
    assertThat(d.rejection("filters").orElseThrow().reason()).isEqualTo(Reason.TOPIC_TAKEN);
    assertThat(d.rejection("review-request").orElseThrow().reason())
        .isEqualTo(Reason.UNSUITABLE);
    assertThat(d.winners()).extracting(r -> r.action().name()).doesNotContain("lawnmower-sale");
  }
}
