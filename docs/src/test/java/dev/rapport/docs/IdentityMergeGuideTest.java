package dev.rapport.docs;

import static dev.rapport.dsl.Rapport.*;
import static dev.rapport.testkit.RapportAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.core.Action;
import dev.rapport.core.ConsentStatus;
import dev.rapport.core.Customer;
import dev.rapport.core.EventTypes;
import dev.rapport.core.journey.Journey;
import dev.rapport.testkit.Scenario;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The samples of guide/identity-merge.md, run. */
class IdentityMergeGuideTest {
  private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

  // snippet: merge-definitions
  Action cartReminder = action("cart-reminder").topic("cart").via(IN_APP).build();
  Journey abandonedCart = journey("abandoned-cart")
      .enterOn("cart_abandoned")
      .steps(waitFor("checkout_completed").withSame("cart_id").atMost(Duration.ofHours(4))
          .onTimeout(send(cartReminder)))
      .build();
  // end

  @Test
  void a_visitor_who_signs_up() {
    // snippet: merge-sign-up
    Scenario s = Scenario.startingAt(MONDAY, engine -> engine.journeys(abandonedCart));
    s.track(event("cookie-91", "page_viewed"))
        .track(event("cookie-91", EventTypes.CONSENT_REVOKED).with("channel", "email")
            .with("purpose", "marketing"))
        .track(event("cookie-91", "cart_abandoned").with("cart_id", "cart-1"))
        .after(Duration.ofMinutes(20));

    // the visitor signs up as acct-7
    s.engine().identify("acct-7", profile().set(EMAIL_ADDRESS, "ada@example.com"));
    boolean merged = s.engine().merge("cookie-91", "acct-7");
    s.after(Duration.ofHours(4));

    assertThat(merged).isTrue();
    Customer ada = s.engine().customer("acct-7").orElseThrow();
    assertThat(ada.count("page_viewed")).isEqualTo(1);
    assertThat(ada.consent(EMAIL, MARKETING).status()).isEqualTo(ConsentStatus.DENIED);
    assertThat(s.outbox()).sent("cart-reminder").to("acct-7");
    assertThat(s.engine().customer("cookie-91")).isEmpty();
    assertThat(s.engine().merge("cookie-91", "acct-7")).isFalse();   // idempotent
    // end
  }

  @Test
  void refused_merges_and_forgetting() {
    Scenario s = Scenario.startingAt(MONDAY, engine -> engine.journeys(abandonedCart));
    s.track(event("cookie-91", "page_viewed")).track(event("acct-7", "page_viewed"))
        .track(event("cookie-12", "page_viewed"));
    // snippet: merge-refused
    assertThatThrownBy(() -> s.engine().merge("acct-7", "acct-7"))
        .isInstanceOf(IllegalArgumentException.class);

    s.engine().merge("cookie-91", "acct-7");
    s.engine().forget("acct-7");                  // erases acct-7 and cookie-91
    assertThat(s.engine().customer("cookie-91")).isEmpty();

    assertThatThrownBy(() -> s.engine().merge("cookie-12", "acct-7"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the surviving customer was forgotten");
    // end
  }
}
