package dev.rapport.core.measure;

import dev.rapport.core.Channel;
import dev.rapport.core.Event;
import dev.rapport.core.internal.Checks;
import dev.rapport.core.internal.Immutable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Where an engine's money comes from: the events that carry revenue, the property that holds
 * their amount, and the one currency every amount, value metric and score of the engine is in.
 * Give it once to {@code Engine.builder().revenue(...)}; the engine then keeps each customer's
 * {@linkplain dev.rapport.core.Purchases purchases} and computes the value metrics of {@link
 * Metrics} (revenue, purchase frequency, average order value, customer value).
 *
 * <pre>{@code
 * Revenue revenue = Revenue.of("purchased", "order_cancelled").amount("total").in("GBP");
 * }</pre>
 *
 * <p>Every event of the types adds its amount (a number) to the revenue; a negative amount (a
 * return, a cancellation) takes from it. A customer's events at one instant are one order (see
 * {@link dev.rapport.core.Purchases}). The engine does not convert currencies: amounts are taken
 * as they come, in the currency named here.
 *
 * <p>A value: every method returns a new definition.
 */
public final class Revenue {
  private static final String OWNER = "revenue";

  private final List<String> eventTypes;
  private final String amount;
  private final Currency currency;
  /** Cost of one message per channel, by channel name, in the currency. */
  private final Map<String, Double> costs;
  private final Duration attribution;

  private Revenue(List<String> eventTypes, String amount, Currency currency,
      Map<String, Double> costs, Duration attribution) {
    this.eventTypes = eventTypes;
    this.amount = amount;
    this.currency = currency;
    this.costs = costs;
    this.attribution = attribution;
  }

  /**
   * Returns a copy that prices one message on a channel, for the return on cost of journeys
   * and actions; a channel with no price costs nothing.
   *
   * <pre>{@code
   * Revenue.of("purchased").amount("total").in("EUR")
   *     .costPerMessage(Channel.EMAIL, 0.002).costPerMessage(Channel.SMS, 0.05)
   * }</pre>
   *
   * @param channel the channel
   * @param cost the cost of one message on it, in the currency, 0 or more
   * @return the copy
   * @throws IllegalArgumentException if the channel is null or the cost negative or not finite
   * @throws IllegalStateException if the channel already has a price
   */
  public Revenue costPerMessage(Channel channel, double cost) {
    Checks.notNull(OWNER, "channel", channel);
    if (!(cost >= 0) || Double.isInfinite(cost)) {
      throw new IllegalArgumentException(OWNER + ": costPerMessage(" + channel.name() + ", "
          + cost + ") is not a cost; give 0 or more, in " + currency.getCurrencyCode());
    }
    if (costs.containsKey(channel.name())) {
      throw new IllegalStateException(OWNER + ": costPerMessage(" + channel.name() + ", ...) "
          + "is given twice; give each channel's price once");
    }
    Map<String, Double> more = new TreeMap<>(costs);
    more.put(channel.name(), cost);
    return new Revenue(eventTypes, amount, currency, Collections.unmodifiableMap(more),
        attribution);
  }

  /**
   * Returns a copy with another attribution window: the revenue of a customer from their entry
   * into a journey until this long after counts for that enrollment, treated or held out, and
   * likewise from their first exposure to an action with a holdout; by default 30 days, or the
   * engine's history retention if shorter. It must not be longer than the engine's history
   * retention.
   *
   * @param window the window
   * @return the copy
   * @throws IllegalArgumentException if the window is not positive
   */
  public Revenue attributionWindow(Duration window) {
    Checks.positive(OWNER, "attributionWindow", window);
    return new Revenue(eventTypes, amount, currency, costs, window);
  }

  /**
   * Returns the cost of one message on a channel.
   *
   * @param channel the channel
   * @return the cost, 0 for a channel with no price
   */
  public double costOf(Channel channel) {
    Double c = costs.get(channel.name());
    return c == null ? 0 : c;
  }

  /**
   * Returns the price of one message per channel name.
   *
   * @return the prices
   */
  public Map<String, Double> costs() {
    return costs;
  }

  /**
   * Returns how long after a customer's entry into a journey (or first exposure to an action
   * with a holdout) their revenue counts for it, if set; without it the engine uses 30 days, or
   * its history retention if that is shorter.
   *
   * @return the window, if set
   */
  public java.util.Optional<Duration> attributionWindow() {
    return java.util.Optional.ofNullable(attribution);
  }

  /**
   * Starts a revenue definition with the event types whose amounts count.
   *
   * @param eventTypes the event types, one or more, such as {@code "purchased"}
   * @return the next step, which names the amount's property
   * @throws IllegalArgumentException if none is given, or one is blank or repeated
   */
  public static AmountStep of(String... eventTypes) {
    if (eventTypes == null || eventTypes.length == 0) {
      throw new IllegalArgumentException(OWNER + ": of() names no event type; give the types "
          + "whose amounts count, such as of(\"purchased\")");
    }
    List<String> types = new ArrayList<>(eventTypes.length);
    for (String t : eventTypes) {
      String type = Checks.name(OWNER + " event type", t);
      if (types.contains(type)) {
        throw new IllegalArgumentException(OWNER + ": event type '" + type + "' is given twice; "
            + "give each type once");
      }
      types.add(type);
    }
    return new AmountStep(Immutable.list(types));
  }

  /** A revenue definition waiting for the property that holds the amount. */
  public static final class AmountStep {
    private final List<String> types;

    private AmountStep(List<String> types) {
      this.types = types;
    }

    /**
     * Names the property that holds each event's amount.
     *
     * @param property the property, such as {@code "total"}
     * @return the next step, which names the currency
     * @throws IllegalArgumentException if blank
     */
    public CurrencyStep amount(String property) {
      return new CurrencyStep(types, Checks.name(OWNER + " amount property", property));
    }
  }

  /** A revenue definition waiting for its currency. */
  public static final class CurrencyStep {
    private final List<String> types;
    private final String amount;

    private CurrencyStep(List<String> types, String amount) {
      this.types = types;
      this.amount = amount;
    }

    /**
     * Names the currency.
     *
     * @param currency the currency
     * @return the definition
     * @throws IllegalArgumentException if null
     */
    public Revenue in(Currency currency) {
      Checks.notNull(OWNER, "currency", currency);
      return new Revenue(types, amount, currency, Map.of(), null);
    }

    /**
     * Names the currency by its ISO 4217 code.
     *
     * @param currencyCode the code, such as {@code "EUR"}
     * @return the definition
     * @throws IllegalArgumentException if the code is not an ISO 4217 currency
     */
    public Revenue in(String currencyCode) {
      Checks.name(OWNER + " currency", currencyCode);
      try {
        return in(Currency.getInstance(currencyCode));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(OWNER + ": currency '" + currencyCode + "' is not an "
            + "ISO 4217 code; give one such as \"EUR\", \"USD\" or \"GBP\"", e);
      }
    }
  }

  /**
   * Returns the event types whose amounts count, in the order given.
   *
   * @return the types
   */
  public List<String> eventTypes() {
    return eventTypes;
  }

  /**
   * Tells whether events of a type carry revenue.
   *
   * @param eventType the type
   * @return whether it is one of the definition's types
   */
  public boolean counts(String eventType) {
    return eventTypes.contains(eventType);
  }

  /**
   * Returns the property that holds each event's amount.
   *
   * @return the property's name
   */
  public String amountProperty() {
    return amount;
  }

  /**
   * Returns the engine's currency.
   *
   * @return the currency
   */
  public Currency currency() {
    return currency;
  }

  /**
   * Returns an event's amount, if it counts: an event of one of the types whose amount property
   * is a finite number.
   *
   * @param event the event
   * @return the amount, or empty
   */
  public OptionalDouble amountOf(Event event) {
    if (!eventTypes.contains(event.type())) {
      return OptionalDouble.empty();
    }
    Object v = event.properties().get(amount);
    if (!(v instanceof Number)) {
      return OptionalDouble.empty();
    }
    double d = ((Number) v).doubleValue();
    return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Revenue)) {
      return false;
    }
    Revenue r = (Revenue) o;
    return eventTypes.equals(r.eventTypes) && amount.equals(r.amount)
        && currency.equals(r.currency) && costs.equals(r.costs)
        && java.util.Objects.equals(attribution, r.attribution);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(eventTypes, amount, currency, costs, attribution);
  }

  @Override
  public String toString() {
    return "revenue of " + eventTypes + " from '" + amount + "' in " + currency
        + (costs.isEmpty() ? "" : ", costs per message " + costs)
        + (attribution == null ? "" : ", attributed over " + attribution);
  }
}
