package dev.rapport.core.measure;

import dev.rapport.core.Customer;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Moment;
import dev.rapport.core.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The standard metrics of an engagement program. Each is an ordinary {@link Metric}: change its
 * window or breakdowns with {@link Metric#over}, {@link Metric#last} and {@link Metric#by}.
 */
public final class Metrics {
  private static final Duration MONTH = Duration.ofDays(30);
  private static final Duration QUARTER = Duration.ofDays(90);

  private Metrics() {}

  private static EventSelector survey(String kind) {
    return (e, c) -> e.type().equals(EventTypes.SURVEY_ANSWERED)
        && kind.equals(e.properties().get(EventTypes.KIND))
        && e.properties().get(EventTypes.SCORE) instanceof Number;
  }

  private static double score(Event e) {
    return ((Number) e.properties().get(EventTypes.SCORE)).doubleValue();
  }

  /**
   * Unsubscribes per dispatch, over 30 days, by journey, action and channel.
   *
   * @return the metric {@code unsubscribe_rate}
   */
  public static Metric unsubscribeRate() {
    return perDispatch("unsubscribe_rate", EventTypes.UNSUBSCRIBED)
        .describedAs("unsubscribes per message sent");
  }

  /**
   * Complaints per dispatch, over 30 days, by journey, action and channel.
   *
   * @return the metric {@code complaint_rate}
   */
  public static Metric complaintRate() {
    return perDispatch("complaint_rate", EventTypes.COMPLAINED)
        .describedAs("complaints per message sent");
  }

  /**
   * Delivery failures per dispatch, over 30 days, by journey, action and channel.
   *
   * @return the metric {@code delivery_failure_rate}
   */
  public static Metric deliveryFailureRate() {
    return perDispatch("delivery_failure_rate", EventTypes.DELIVERY_FAILED)
        .describedAs("delivery failures per message sent");
  }

  private static Metric perDispatch(String name, String outcome) {
    return Metric.rate(name).count(EventSelector.type(outcome))
        .per(EventSelector.type(EventTypes.DISPATCHED)).over(MONTH)
        .by(Breakdown.JOURNEY, Breakdown.ACTION, Breakdown.CHANNEL);
  }

  /**
   * CSAT: the share of CSAT answers scoring 4 or 5 (on 1 to 5), over 90 days.
   *
   * @return the metric {@code csat}
   */
  public static Metric csat() {
    return Metric.share("csat").of(survey("csat")).where((e, c) -> score(e) >= 4)
        .over(QUARTER).describedAs("share of satisfied answers (4 or 5 of 5)");
  }

  /**
   * NPS: the share of NPS answers scoring 9 or 10 minus the share scoring 0 to 6 (on 0 to 10),
   * from -1 to 1, over 90 days.
   *
   * @return the metric {@code nps}
   */
  public static Metric nps() {
    return Metric.net("nps").of(survey("nps"))
        .promotersAndDetractors((e, c) -> score(e) >= 9, (e, c) -> score(e) <= 6)
        .over(QUARTER).describedAs("share of promoters (9, 10) minus share of detractors (0 to 6)");
  }

  /**
   * CES: the mean customer-effort score, answered on 1 to 7, over 90 days.
   *
   * @return the metric {@code ces}
   */
  public static Metric ces() {
    return Metric.mean("ces").of(survey("ces")).value((e, c) -> OptionalDouble.of(score(e)))
        .over(QUARTER).onScale(1, 7).describedAs("mean effort score");
  }

  /**
   * Activation: the share of customers whose first anchor event (a sign-up) was followed by a
   * moment within a time. Observed per customer: each first anchor adds to the denominator, each
   * moment reached in time to the numerator.
   *
   * @param moment the activation moment
   * @param anchor the anchor event type, such as {@code signed_up}
   * @param within the time allowed
   * @return the metric {@code activation}
   */
  public static Metric activation(Moment moment, String anchor, Duration within) {
    Checks.notNull("activation", "moment", moment);
    Checks.name("activation anchor", anchor);
    Checks.positive("activation", "within", within);
    return Metric.rate("activation")
        .count((e, c) -> e.type().equals(EventTypes.MOMENT_REACHED)
            && moment.name().equals(e.properties().get(EventTypes.MOMENT))
            && c.first(anchor).map(a -> !e.time().isAfter(a.plus(within))).orElse(false))
        .per((e, c) -> e.type().equals(anchor) && c.count(anchor) == 1)
        .describedAs("reached " + moment.name() + " within " + within + " of " + anchor);
  }

  /**
   * Repeat purchase rate: customers with a second purchase over customers with a first.
   *
   * @param purchase the purchase event type
   * @return the metric {@code repeat_purchase_rate}
   */
  public static Metric repeatPurchaseRate(String purchase) {
    Checks.name("repeat purchase event type", purchase);
    return Metric.rate("repeat_purchase_rate")
        .count((e, c) -> e.type().equals(purchase) && c.count(purchase) == 2)
        .per((e, c) -> e.type().equals(purchase) && c.count(purchase) == 1)
        .describedAs("customers who bought twice, of those who bought once");
  }

  /**
   * Revenue: the sum of the amounts of the engine's revenue events ({@code
   * Engine.builder().revenue(...)}), returns and cancellations taken off, over 30 days, in the
   * engine's currency. Its sample is the number of revenue events.
   *
   * @return the metric {@code revenue}
   */
  public static Metric revenue() {
    return Metric.value("revenue", Metric.Kind.SUM, Metric.Unit.MONEY,
        Metric.ValueSource.REVENUE, MONTH).describedAs("revenue, returns taken off");
  }

  /**
   * Average order value: the positive amounts of the engine's revenue events over the number of
   * orders (a customer's events at one instant are one order), over 30 days. Its sample is the
   * number of orders.
   *
   * @return the metric {@code average_order_value}
   */
  public static Metric averageOrderValue() {
    return Metric.value("average_order_value", Metric.Kind.RATIO, Metric.Unit.MONEY,
        Metric.ValueSource.ORDER_VALUE, MONTH).describedAs("value of an order");
  }

  /**
   * Purchase frequency: orders per customer who ordered, over 90 days. Its sample is the number
   * of customers who ordered in the window.
   *
   * <p>A customer counts in the window while their latest order is in it: each order adds the
   * customer at its time and takes them away at the time of their previous order. In a
   * breakdown (by segment, by arm) a customer counts where their latest order was made, so a
   * customer who moved between two orders is counted where they were until the earlier order
   * leaves the window.
   *
   * @return the metric {@code purchase_frequency}
   */
  public static Metric purchaseFrequency() {
    return Metric.value("purchase_frequency", Metric.Kind.RATIO, Metric.Unit.NUMBER,
        Metric.ValueSource.ORDERS_PER_CUSTOMER, QUARTER)
        .describedAs("orders per customer who ordered");
  }

  /**
   * Customer value: revenue per customer who ordered, over 365 days: the historical customer
   * lifetime value over that window, the average order value times the purchase frequency.
   * Its sample is the number of customers who ordered in the window, counted as for {@link
   * #purchaseFrequency()}. The per-customer value is {@link dev.rapport.core.Scores#historicalClv}.
   *
   * @return the metric {@code customer_value}
   */
  public static Metric customerValue() {
    return Metric.value("customer_value", Metric.Kind.RATIO, Metric.Unit.MONEY,
        Metric.ValueSource.VALUE_PER_CUSTOMER, Duration.ofDays(365))
        .describedAs("revenue per customer who ordered (historical CLV)");
  }

  /**
   * Churn: customers with a churn event (a cancellation, a closed account) over customers with
   * an anchor event (a sign-up).
   *
   * @param churn the churn event type
   * @param anchor the anchor event type
   * @return the metric {@code churn}
   */
  public static Metric churn(String churn, String anchor) {
    Checks.name("churn event type", churn);
    Checks.name("churn anchor", anchor);
    return Metric.rate("churn")
        .count((e, c) -> e.type().equals(churn) && c.count(churn) == 1)
        .per((e, c) -> e.type().equals(anchor) && c.count(anchor) == 1)
        .describedAs("customers who left (" + churn + "), of those who came (" + anchor + ")");
  }

  /**
   * Retention: customers active again at least a time after their first anchor event, over
   * customers with an anchor. A customer counts once, at their first activity that late.
   *
   * @param anchor the anchor event type, such as {@code signed_up}
   * @param activity the activity event type, such as {@code logged_in}
   * @param after how long after the anchor the activity must be
   * @return the metric {@code retention}
   */
  public static Metric retention(String anchor, String activity, Duration after) {
    Checks.name("retention anchor", anchor);
    Checks.name("retention activity", activity);
    Checks.positive("retention", "after", after);
    return Metric.rate("retention")
        .count((e, c) -> e.type().equals(activity) && firstLateActivity(e, c, anchor, activity,
            after))
        .per((e, c) -> e.type().equals(anchor) && c.count(anchor) == 1)
        .describedAs("active again " + after + " after " + anchor);
  }

  private static boolean firstLateActivity(Event e, Customer c, String anchor, String activity,
      Duration after) {
    Optional<Instant> first = c.first(anchor);
    if (first.isEmpty()) {
      return false;
    }
    Instant late = first.get().plus(after);
    if (e.time().isBefore(late)) {
      return false;
    }
    for (Event other : c.history(activity)) {
      if (!other.id().equals(e.id()) && !other.time().isBefore(late)
          && (other.time().isBefore(e.time())
              || other.time().equals(e.time()) && other.id().compareTo(e.id()) < 0)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Time to first response: the mean hours from {@code ticket_opened} to the first {@code
   * ticket_responded} of the same ticket ({@code ticket_id}, else the latest open ticket), over
   * 30 days.
   *
   * @return the metric {@code time_to_first_response_hours}
   */
  public static Metric timeToFirstResponse() {
    return hoursFromOpening("time_to_first_response_hours", EventTypes.TICKET_RESPONDED,
        "hours from a ticket's opening to its first response");
  }

  /**
   * Time to resolution: the mean hours from {@code ticket_opened} to {@code ticket_resolved} of
   * the same ticket, over 30 days.
   *
   * @return the metric {@code time_to_resolution_hours}
   */
  public static Metric timeToResolution() {
    return hoursFromOpening("time_to_resolution_hours", EventTypes.TICKET_RESOLVED,
        "hours from a ticket's opening to its resolution");
  }

  /** The mean hours from a ticket's opening to the first event of a type for that ticket. */
  private static Metric hoursFromOpening(String name, String reached, String description) {
    return Metric.mean(name)
        .of((e, c) -> e.type().equals(reached) && firstOfTicket(e, c, reached))
        .value((e, c) -> hoursSinceOpen(e, c)).over(MONTH).measuredIn(Metric.Unit.HOURS)
        .describedAs(description);
  }

  private static boolean firstOfTicket(Event e, Customer c, String type) {
    Object ticket = e.properties().get(EventTypes.TICKET_ID);
    if (ticket == null) {
      return true;
    }
    for (Event other : c.history(type)) {
      if (!other.id().equals(e.id()) && ticket.equals(other.properties().get(
          EventTypes.TICKET_ID)) && other.time().isBefore(e.time())) {
        return false;
      }
    }
    return true;
  }

  private static OptionalDouble hoursSinceOpen(Event e, Customer c) {
    Object ticket = e.properties().get(EventTypes.TICKET_ID);
    Event open = null;
    for (Event o : c.history(EventTypes.TICKET_OPENED)) {
      if (o.time().isAfter(e.time())) {
        continue;
      }
      if (ticket != null && !Objects.equals(ticket, o.properties().get(EventTypes.TICKET_ID))) {
        continue;
      }
      if (open == null || o.time().isAfter(open.time())) {
        open = o;
      }
    }
    if (open == null) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(Duration.between(open.time(), e.time()).toSeconds() / 3600.0);
  }

  /**
   * Repeat contacts: the share of tickets opened within a time after the customer's previous
   * ticket, over 30 days.
   *
   * @param within the time
   * @return the metric {@code repeat_contacts}
   */
  public static Metric repeatContacts(Duration within) {
    Checks.positive("repeat contacts", "within", within);
    return Metric.share("repeat_contacts").of(EventSelector.type(EventTypes.TICKET_OPENED))
        .where((e, c) -> {
          for (Event o : c.history(EventTypes.TICKET_OPENED)) {
            if (!o.id().equals(e.id()) && o.time().isBefore(e.time())
                && !o.time().plus(within).isBefore(e.time())) {
              return true;
            }
          }
          return false;
        })
        .over(MONTH).describedAs("tickets opened within " + within + " of the previous one");
  }
}
