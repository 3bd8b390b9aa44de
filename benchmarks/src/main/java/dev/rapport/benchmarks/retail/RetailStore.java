package dev.rapport.benchmarks.retail;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.complaintRate;
import static dev.rapport.dsl.Rapport.contactPolicy;
import static dev.rapport.dsl.Rapport.decide;
import static dev.rapport.dsl.Rapport.delay;
import static dev.rapport.dsl.Rapport.guardrail;
import static dev.rapport.dsl.Rapport.journey;
import static dev.rapport.dsl.Rapport.moment;
import static dev.rapport.dsl.Rapport.rules;
import static dev.rapport.dsl.Rapport.segment;
import static dev.rapport.dsl.Rapport.send;
import static dev.rapport.dsl.Rapport.unsubscribeRate;
import static dev.rapport.dsl.Rapport.waitFor;

import dev.rapport.core.Action;
import dev.rapport.core.Moment;
import dev.rapport.core.Segment;
import dev.rapport.core.TraitKey;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Dispatcher;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.measure.EventSelector;
import dev.rapport.core.measure.Metric;
import dev.rapport.core.measure.Metrics;
import dev.rapport.core.policy.ContactPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * An online gift shop's engagement program, for the replay of the online-retail log: a
 * second-purchase journey and a win-back journey, a few next-best-action rules (decided inside
 * the second-purchase journey), caps and quiet hours, the repeat purchase rate as north star and
 * a cancellation-rate guardrail.
 */
public final class RetailStore {
  /** An invoice. */
  public static final String ORDER = "order_placed";
  /** A cancellation invoice. */
  public static final String CANCELLATION = "order_cancelled";
  /** A line of an invoice. */
  public static final String ITEM = "item_purchased";
  /** A line of a cancellation invoice. */
  public static final String RETURN = "item_returned";

  /** The customer's country. */
  public static final TraitKey<String> COUNTRY = TraitKey.of("country", String.class);

  static final Moment FIRST_ORDER = moment("first-order").reachedOn(ORDER).build();
  static final Moment SECOND_ORDER = moment("second-order")
      .reachedWhen(c -> c.count(ORDER) >= 2).build();

  static final Segment INTERNATIONAL = segment("international")
      .matching(c -> c.trait(COUNTRY).map(x -> !x.equals("United Kingdom")).orElse(false))
      .build();
  static final Segment TRADE = segment("trade").matching(c -> c.count(ITEM) >= 100).build();

  static final Action THANKS = action("order-thanks").transactional().via(EMAIL).build();
  static final Action PICKS = action("picks-for-you").topic("recommendations").via(EMAIL)
      .build();
  static final Action TRADE_PRICES = action("trade-prices").topic("trade").via(EMAIL)
      .value(3.0).build();
  static final Action SHIPPING = action("international-shipping").topic("shipping")
      .via(EMAIL).value(1.5).build();
  static final Action LOYALTY = action("loyalty-club").topic("loyalty").via(EMAIL).value(2.0)
      .build();
  static final Action RETURNS_HELP = action("returns-help").topic("service").via(IN_APP)
      .orElse(EMAIL).build();
  static final Action SECOND_ORDER_OFFER = action("second-order-offer").topic("offers")
      .via(EMAIL).value(2.0).build();
  static final Action WIN_BACK = action("win-back").topic("offers").via(EMAIL).value(3.0)
      .cooldown(Duration.ofDays(30)).build();
  static final Action LAST_CHANCE = action("last-chance").topic("offers").via(EMAIL).build();

  static final RuleSet STOREFRONT = rules("retail")
      .rule("trade-buyer").whenIn(TRADE)
          .recommend(TRADE_PRICES).because("buys in trade quantities").weight(2.0)
      .rule("returns").whenDone(CANCELLATION)
          .recommend(RETURNS_HELP).because("cancelled an order")
      .rule("loyal").whenDone(ORDER).when(c -> c.count(ORDER) >= 5)
          .recommend(LOYALTY).because("five orders or more")
      .rule("abroad").whenIn(INTERNATIONAL)
          .recommend(SHIPPING).because("orders from abroad")
      .rule("picks").whenDone(ITEM)
          .recommend(PICKS).because("bought from the catalogue")
      .build();

  static final Journey SECOND_PURCHASE = journey("second-purchase")
      .enterOn(ORDER)
      .onlyIf(c -> c.count(ORDER) == 1)
      .goal(SECOND_ORDER).within(Duration.ofDays(60))
      .exitOn(CANCELLATION)
      .holdout(0.10)
      .steps(
          send(THANKS),
          delay(Duration.ofDays(3)),
          decide(STOREFRONT),
          waitFor(ORDER).atMost(Duration.ofDays(14))
              .onTimeout(send(SECOND_ORDER_OFFER)))
      .build();

  static final Journey WIN_BACK_JOURNEY = journey("win-back")
      .enterOn(ORDER)
      .reEnterAfterExit()
      .steps(
          waitFor(ORDER).atMost(Duration.ofDays(90))
              .onTimeout(
                  send(WIN_BACK),
                  waitFor(ORDER).atMost(Duration.ofDays(30))
                      .onTimeout(send(LAST_CHANCE))))
      .build();

  /** Cancellation invoices over orders, over 30 days. */
  static final Metric CANCELLATION_RATE = Metric.rate("cancellation_rate")
      .count(EventSelector.type(CANCELLATION))
      .per(EventSelector.type(ORDER))
      .over(Duration.ofDays(30));

  static final ContactPolicy POLICY = contactPolicy()
      .atMost(2).per(Duration.ofDays(7))
      .atMost(1).per(Duration.ofDays(7)).onTopic("offers")
      .quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0))
      .defaultZone(ZoneId.of("Europe/London"))
      .build();

  private RetailStore() {}

  /**
   * Returns an engine running the program.
   *
   * @param clock the engine's clock; the replay advances it with the log
   * @param dispatcher where dispatches go
   * @return the engine
   */
  public static Engine engine(Clock clock, Dispatcher dispatcher) {
    return Engine.builder()
        .clock(clock)
        .moments(FIRST_ORDER, SECOND_ORDER)
        .segments(INTERNATIONAL, TRADE)
        .journeys(SECOND_PURCHASE, WIN_BACK_JOURNEY)
        .rules(STOREFRONT)
        .contactPolicy(POLICY)
        .northStar(Metrics.repeatPurchaseRate(ORDER))
        .metrics(unsubscribeRate(), complaintRate())
        .guardrail(guardrail(CANCELLATION_RATE).below(0.30).minSample(200))
        .guardrail(guardrail(unsubscribeRate()).below(0.02).minSample(200))
        .enrollmentHistory(8)
        .dispatcher(dispatcher)
        .build();
  }
}
