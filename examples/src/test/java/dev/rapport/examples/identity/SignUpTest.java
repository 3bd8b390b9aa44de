package dev.rapport.examples.identity;

import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.examples.cart.AbandonedCart.CART_ABANDONED;
import static dev.rapport.examples.cart.AbandonedCart.CART_ID;
import static dev.rapport.examples.cart.AbandonedCart.CHECKOUT_COMPLETED;
import static dev.rapport.testkit.RapportAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.examples.cart.AbandonedCart;
import dev.rapport.testkit.Scenario;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignUpTest {
  private static final String MONDAY_10AM = "2026-03-02T10:00:00Z";

  @Test
  void the_account_gets_the_reminder_of_the_cart_the_visitor_left() {
    Scenario s = Scenario.startingAt(MONDAY_10AM, AbandonedCart::configure);
    s.track(event("cookie-91", "page_viewed"))
        .track(event("cookie-91", CART_ABANDONED).with(CART_ID, "cart-1"))
        .after(Duration.ofMinutes(20));

    boolean merged = SignUp.signedUp(s.engine(), "cookie-91", "acct-7", "ada@example.com",
        s.clock().instant());
    s.after(Duration.ofHours(4));

    assertThat(merged).isTrue();
    assertThat(s.outbox()).sent("cart-reminder").to("acct-7").times(1);
    assertThat(s.outbox()).didNotSend("cart-reminder").to("cookie-91");
    assertThat(s.engine().customer("acct-7").orElseThrow().count("page_viewed")).isEqualTo(1);
    assertThat(s.engine().customer("cookie-91")).isEmpty();
  }

  @Test
  void the_accounts_checkout_of_that_cart_ends_the_journey() {
    Scenario s = Scenario.startingAt(MONDAY_10AM, AbandonedCart::configure);
    s.track(event("cookie-91", CART_ABANDONED).with(CART_ID, "cart-1"))
        .after(Duration.ofMinutes(20));

    SignUp.signedUp(s.engine(), "cookie-91", "acct-7", "ada@example.com", s.clock().instant());
    s.after(Duration.ofMinutes(5)).track(event("acct-7", CHECKOUT_COMPLETED).with(CART_ID,
        "cart-1")).after(Duration.ofDays(2));

    assertThat(s.outbox()).didNotSend("cart-reminder").to("acct-7");
    assertThat(SignUp.signedUp(s.engine(), "cookie-91", "acct-7", "ada@example.com",
        s.clock().instant())).as("a second sign-up merges nothing").isFalse();
  }
}
