package dev.rapport.examples.cart;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.GRANTED;
import static dev.rapport.dsl.Rapport.MARKETING;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.profile;
import static dev.rapport.examples.cart.AbandonedCart.CART_ABANDONED;
import static dev.rapport.examples.cart.AbandonedCart.CART_ID;
import static dev.rapport.examples.cart.AbandonedCart.CHECKOUT_COMPLETED;
import static dev.rapport.testkit.RapportAssertions.assertThat;

import dev.rapport.core.journey.EnrollmentStatus;
import dev.rapport.testkit.Scenario;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AbandonedCartTest {
  private static final String MONDAY_10AM = "2026-03-02T10:00:00Z";

  private static Scenario shop() {
    return Scenario.startingAt(MONDAY_10AM, AbandonedCart::configure)
        .given("ada", profile().set(EMAIL_ADDRESS, "ada@example.com")
            .consent(EMAIL, MARKETING, GRANTED));
  }

  @Test
  void reminds_of_a_cart_that_was_not_checked_out() {
    Scenario s = shop();

    s.track(event("ada", CART_ABANDONED).with(CART_ID, "cart-1"))
        .after(Duration.ofHours(5));

    assertThat(s.outbox()).sent("cart-reminder").to("ada")
        .at(Instant.parse("2026-03-02T14:00:00Z"));
    assertThat(s.outbox()).didNotSend("cart-last-call").to("ada");
    s.after(Duration.ofDays(1));
    assertThat(s.outbox()).sent("cart-last-call").to("ada").times(1);
  }

  @Test
  void the_checkout_of_another_cart_does_not_cancel_the_reminder() {
    Scenario s = shop();

    s.track(event("ada", CART_ABANDONED).with(CART_ID, "cart-1"))
        .after(Duration.ofHours(1))
        .track(event("ada", CHECKOUT_COMPLETED).with(CART_ID, "cart-2"))
        .after(Duration.ofHours(4));

    assertThat(s.outbox()).sent("cart-reminder").to("ada").times(1);
  }

  @Test
  void the_checkout_of_the_cart_ends_the_journey_quietly() {
    Scenario s = shop();

    s.track(event("ada", CART_ABANDONED).with(CART_ID, "cart-1"))
        .after(Duration.ofHours(5))
        .track(event("ada", CHECKOUT_COMPLETED).with(CART_ID, "cart-1"))
        .after(Duration.ofDays(2));

    assertThat(s.outbox()).sent("cart-reminder").to("ada").times(1);
    assertThat(s.outbox()).didNotSend("cart-last-call").to("ada");
    assertThat(s.engine()).hasEnrolled("ada", "abandoned-cart").in(EnrollmentStatus.COMPLETED);
  }

  @Test
  void each_abandoned_cart_waits_for_its_own_checkout() {
    Scenario s = shop();

    s.track(event("ada", CART_ABANDONED).with(CART_ID, "cart-1"))
        .after(Duration.ofHours(1))
        .track(event("ada", CHECKOUT_COMPLETED).with(CART_ID, "cart-1"))
        .after(Duration.ofHours(1))
        .track(event("ada", CART_ABANDONED).with(CART_ID, "cart-2"))
        .after(Duration.ofHours(1))
        .track(event("ada", CHECKOUT_COMPLETED).with(CART_ID, "cart-1"))
        .after(Duration.ofHours(4));

    assertThat(s.outbox()).sent("cart-reminder").to("ada").times(1)
        .at(Instant.parse("2026-03-02T16:00:00Z"));
  }
}
