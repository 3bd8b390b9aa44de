package dev.rapport.docs;

import static dev.rapport.dsl.Rapport.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Customer;
import dev.rapport.core.EngagementLevel;
import dev.rapport.core.LifecycleStage;
import dev.rapport.core.Moment;
import dev.rapport.core.Persona;
import dev.rapport.core.Segment;
import dev.rapport.core.engine.Engine;
import dev.rapport.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The sample of guide/vocabulary.md, run. */
class VocabularyGuideTest {
  private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

  @Test
  void one_customer_in_the_playbooks_words() {
    Moment firstPurchase = moment("first-purchase").reachedOn("purchased").build();
    Persona barista = persona("home-barista")
        .matching(c -> c.hasDone("purchased", p -> "grinder".equals(p.get("sku"))))
        .build();
    Segment regulars = segment("regulars")
        .matching(c -> c.count("purchased", Duration.ofDays(90)) >= 2)
        .build();
    Engine engine = Engine.builder().clock(TestClock.at(MONDAY.plus(Duration.ofDays(1))))
        .moments(firstPurchase).personas(barista).segments(regulars).build();
    engine.track(event("ada", "purchased").id("o-1").with("sku", "grinder").at(MONDAY));
    engine.track(event("ada", "purchased").id("o-2").with("sku", "beans")
        .at(MONDAY.plus(Duration.ofDays(1))));

    // snippet: vocabulary-customer
    Customer ada = engine.customer("ada").orElseThrow();      // the single view of the customer

    assertThat(ada.is(barista)).isTrue();                      // a persona
    assertThat(ada.in(regulars)).isTrue();                     // a segment
    assertThat(ada.reached(firstPurchase)).isTrue();           // a moment that matters
    assertThat(ada.stage()).isEqualTo(LifecycleStage.NEW);     // a lifecycle stage
    assertThat(ada.engagement()).isEqualTo(EngagementLevel.LOW_ORGANIC);  // an engagement level
    // end
  }
}
