package dev.rapport.examples.store;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.PUSH;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.delay;
import static dev.rapport.dsl.Rapport.journey;
import static dev.rapport.dsl.Rapport.moment;
import static dev.rapport.dsl.Rapport.persona;
import static dev.rapport.dsl.Rapport.rules;
import static dev.rapport.dsl.Rapport.segment;
import static dev.rapport.dsl.Rapport.send;
import static dev.rapport.dsl.Rapport.split;
import static dev.rapport.dsl.Rapport.waitFor;

import dev.rapport.core.Action;
import dev.rapport.core.Moment;
import dev.rapport.core.Persona;
import dev.rapport.core.Segment;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.journey.Journey;
import java.time.Duration;

/**
 * An online coffee-equipment store, from the playbooks: grinder owners get brew guides and
 * filters, not a lawnmower sale; a second-purchase journey turns first buyers into customers,
 * with an A/B test of its incentive; a win-back journey reaches lapsed buyers; a review request
 * comes only after a delivered order and never within a week of a support ticket.
 */
public final class CoffeeStore {
  /** The event of a purchase. */
  public static final String PURCHASED = "purchased";

  /** The first purchase. */
  public static final Moment FIRST_PURCHASE = moment("first-purchase").reachedOn(PURCHASED)
      .build();

  /** The second purchase: the moment that matters for a store. */
  public static final Moment SECOND_PURCHASE = moment("second-purchase")
      .reachedWhen(c -> c.count(PURCHASED) >= 2).build();

  /** A delivered order: a verified success. */
  public static final Moment DELIVERED_ORDER = moment("order-delivered")
      .reachedOn("order_delivered").build();

  /** Bought a grinder: brews at home, wants better coffee. */
  public static final Persona HOME_BARISTA = persona("home-barista")
      .goals("better coffee at home")
      .painPoints("inconsistent grind", "too many choices")
      .interests("coffee", "brewing")
      .matching(c -> c.hasDone(PURCHASED, p -> "grinder".equals(p.get("sku"))))
      .build();

  /** Bought, but not for 60 days; time alone changes it, so it is reviewed daily. */
  public static final Segment LAPSED = segment("lapsed")
      .matching(c -> c.since(PURCHASED).map(d -> d.toDays() >= 60).orElse(false))
      .reviewedEvery(Duration.ofDays(1))
      .build();

  /**
   * Brew guides, for grinder owners; one in ten is withheld, so that the dashboard shows what
   * the guides add against the customers who did not get them.
   */
  public static final Action BREW_GUIDE = action("brew-guide").topic("coffee").via(EMAIL)
      .value(3.0).cooldown(Duration.ofDays(14)).holdout(0.10).build();

  /** Paper filters, which grinder owners run out of. */
  public static final Action FILTERS = action("filters").topic("coffee-supplies").via(IN_APP)
      .orElse(EMAIL).value(2.0).cooldown(Duration.ofDays(21)).build();

  /** A garden sale, for customers who looked at garden tools. */
  public static final Action LAWNMOWER_SALE = action("lawnmower-sale").topic("garden")
      .via(EMAIL).value(1.5).build();

  /** A review request, after a delivered order. */
  public static final Action REVIEW_REQUEST = action("review-request").topic("reviews")
      .via(EMAIL).cooldown(Duration.ofDays(60)).build();

  /** A thank-you with a second-purchase incentive: the short copy. */
  public static final Action SECOND_ORDER_SHORT = action("second-order-short")
      .topic("second-order").via(EMAIL).orElse(PUSH).build();

  /** A thank-you with a second-purchase incentive: the long copy with brewing tips. */
  public static final Action SECOND_ORDER_LONG = action("second-order-long")
      .topic("second-order").via(EMAIL).orElse(PUSH).build();

  /** A we-miss-you message for lapsed buyers. */
  public static final Action WIN_BACK = action("we-miss-you").topic("win-back").via(EMAIL)
      .build();

  /** The storefront's next-best-action rules. */
  public static final RuleSet STOREFRONT = rules("storefront")
      .rule("brew-guides")
          .whenIs(HOME_BARISTA)
          .recommend(BREW_GUIDE)
          .because("owns a grinder")
      .rule("filters")
          .whenIs(HOME_BARISTA)
          .when(c -> c.since(PURCHASED).map(d -> d.toDays() >= 20).orElse(false))
          .recommend(FILTERS)
          .because("grinder owners run out of filters after about three weeks")
          .weight(1.5)
      .rule("garden")
          .whenDone("garden_viewed")
          .recommend(LAWNMOWER_SALE)
          .because("looked at garden tools")
      .rule("review")
          .whenReached(DELIVERED_ORDER)
          .recommend(REVIEW_REQUEST)
          .because("an order arrived: a verified success")
      .never(REVIEW_REQUEST).within(Duration.ofDays(7)).after("ticket_opened")
      .build();

  /** The second-purchase journey, with an A/B test of its copy. */
  public static final Journey SECOND_PURCHASE_JOURNEY = journey("second-purchase")
      .enterOn(FIRST_PURCHASE)
      .goal(SECOND_PURCHASE).within(Duration.ofDays(30))
      .holdout(0.10)
      .steps(
          delay(Duration.ofDays(3)),
          split("incentive-copy")
              .arm("short", 1, send(SECOND_ORDER_SHORT))
              .arm("long", 1, send(SECOND_ORDER_LONG)),
          waitFor(PURCHASED).atMost(Duration.ofDays(10))
              .onTimeout(send(BREW_GUIDE)))
      .build();

  /** The win-back journey, for lapsed buyers. */
  public static final Journey WIN_BACK_JOURNEY = journey("win-back")
      .enterOn(LAPSED)
      .reEnterAfter(Duration.ofDays(90))
      .goal(PURCHASED).within(Duration.ofDays(21))
      .holdout(0.10)
      .steps(send(WIN_BACK), delay(Duration.ofDays(10)), send(BREW_GUIDE))
      .build();

  private CoffeeStore() {}

  /**
   * Adds the example's definitions to an engine.
   *
   * @param engine the builder
   * @return the builder
   */
  public static Engine.Builder configure(Engine.Builder engine) {
    return engine.moments(FIRST_PURCHASE, SECOND_PURCHASE, DELIVERED_ORDER)
        .personas(HOME_BARISTA).segments(LAPSED)
        .journeys(SECOND_PURCHASE_JOURNEY, WIN_BACK_JOURNEY).rules(STOREFRONT);
  }
}
