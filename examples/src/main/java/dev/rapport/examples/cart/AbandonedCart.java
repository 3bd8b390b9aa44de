package dev.rapport.examples.cart;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.PUSH;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.journey;
import static dev.rapport.dsl.Rapport.send;
import static dev.rapport.dsl.Rapport.waitFor;

import dev.rapport.core.Action;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.journey.Journey;
import java.time.Duration;

/**
 * An abandoned-cart journey, from the playbooks: a shopper who leaves a cart gets a reminder
 * unless <em>that</em> cart is checked out within four hours, and a last nudge a day later unless
 * it is checked out by then. Both waits are keyed on the cart: checking out another cart (a
 * second tab, a partner on the same account) does not cancel the reminder of this one, and every
 * abandoned cart has its own enrollment (the journey is entered again once the previous one
 * ended).
 */
public final class AbandonedCart {
  /** The host's event when a cart is left with items in it, with a {@code cart_id}. */
  public static final String CART_ABANDONED = "cart_abandoned";

  /** The host's event of a completed checkout, with the {@code cart_id} it checked out. */
  public static final String CHECKOUT_COMPLETED = "checkout_completed";

  /** The property both events carry. */
  public static final String CART_ID = "cart_id";

  /** The first reminder: in the app, or by push. */
  public static final Action CART_REMINDER = action("cart-reminder").topic("cart")
      .via(IN_APP).orElse(PUSH).build();

  /** The last nudge, by email, a day later. */
  public static final Action CART_LAST_CALL = action("cart-last-call").topic("cart")
      .via(EMAIL).build();

  /** The journey: entered on every abandoned cart, waiting for the checkout of that cart. */
  public static final Journey ABANDONED_CART = journey("abandoned-cart")
      .enterOn(CART_ABANDONED)
      .reEnterAfterExit()
      .steps(
          waitFor(CHECKOUT_COMPLETED).withSame(CART_ID).atMost(Duration.ofHours(4))
              .onTimeout(send(CART_REMINDER),
                  waitFor(CHECKOUT_COMPLETED).withSame(CART_ID).atMost(Duration.ofDays(1))
                      .onTimeout(send(CART_LAST_CALL))))
      .build();

  private AbandonedCart() {}

  /**
   * Adds the example's journey to an engine.
   *
   * @param engine the builder
   * @return the builder
   */
  public static Engine.Builder configure(Engine.Builder engine) {
    return engine.journeys(ABANDONED_CART);
  }
}
