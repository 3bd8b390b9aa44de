package dev.rapport.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a customer has bought, as the engine's revenue definition counts it ({@code
 * Engine.builder().revenue(...)}): their orders, their revenue, and when they ordered. Read it in
 * conditions through {@link Customer#purchases()}.
 *
 * <pre>{@code
 * Condition bigSpender = c -> c.purchases().revenue(Duration.ofDays(365)) >= 500;
 * Condition regular = c -> c.purchases().orders(Duration.ofDays(90)) >= 3;
 * }</pre>
 *
 * <p><b>Orders.</b> Every event of the revenue definition's types adds its amount to the
 * revenue. The events of one customer at one instant are one order (the lines of one invoice,
 * tracked one event per line), so that an order's value is the sum of its lines. An event with a
 * negative amount (a return, a cancellation) takes from the revenue and is not an order; an
 * instant is an order when one of its events has a positive amount. An event whose amount is
 * missing or not a number counts for nothing.
 *
 * <p>Windowed questions ({@link #revenue(Duration)}, {@link #orders(Duration)}) are answered
 * relative to the customer's {@link Customer#now()}, over the orders the engine keeps: those
 * within its history retention.
 */
public interface Purchases {

  /**
   * Returns how many orders the customer placed, ever.
   *
   * @return the number of orders
   */
  long orders();

  /**
   * Returns how many orders the customer placed within a window ending now.
   *
   * @param within the length of the window
   * @return the number of orders placed after {@code now - within}
   * @throws IllegalArgumentException if the window is not positive or longer than the engine's
   *     history retention
   */
  long orders(Duration within);

  /**
   * Returns the customer's revenue, ever: the sum of the amounts of their revenue events, returns
   * and cancellations taken off.
   *
   * @return the revenue, in the engine's currency
   */
  double revenue();

  /**
   * Returns the customer's revenue within a window ending now: their historical value over that
   * window.
   *
   * @param within the length of the window
   * @return the revenue of the events after {@code now - within}, in the engine's currency
   * @throws IllegalArgumentException if the window is not positive or longer than the engine's
   *     history retention
   */
  double revenue(Duration within);

  /**
   * Returns when the revenue within a window next changes with no new event: the instant the
   * oldest revenue still in the window leaves it.
   *
   * @param within the length of the window
   * @return the instant, or empty when no revenue is in the window
   * @throws IllegalArgumentException if the window is not positive or longer than the engine's
   *     history retention
   */
  Optional<Instant> nextExpiry(Duration within);

  /**
   * Returns the customer's average order value: the sum of their orders' positive amounts over
   * their number of orders, ever.
   *
   * @return the average, or empty before their first order
   */
  OptionalDouble averageOrderValue();

  /**
   * Returns when the customer placed their first order.
   *
   * @return the instant, or empty before their first order
   */
  Optional<Instant> firstOrder();

  /**
   * Returns when the customer placed their latest order.
   *
   * @return the instant, or empty before their first order
   */
  Optional<Instant> lastOrder();

  /**
   * Returns the purchases of a customer who bought nothing, or of a view that knows no revenue
   * (an engine with no revenue definition).
   *
   * @return no orders, no revenue
   */
  static Purchases none() {
    return NoPurchases.INSTANCE;
  }
}

/** No orders, no revenue: what a customer who bought nothing has. */
final class NoPurchases implements Purchases {
  static final NoPurchases INSTANCE = new NoPurchases();

  private NoPurchases() {}

  @Override
  public long orders() {
    return 0;
  }

  @Override
  public long orders(Duration within) {
    check(within);
    return 0;
  }

  @Override
  public double revenue() {
    return 0;
  }

  @Override
  public double revenue(Duration within) {
    check(within);
    return 0;
  }

  private static void check(Duration within) {
    if (within == null || within.isZero() || within.isNegative()) {
      throw new IllegalArgumentException("purchases: the window is " + within
          + "; give a positive duration such as Duration.ofDays(365)");
    }
  }

  @Override
  public Optional<Instant> nextExpiry(Duration within) {
    check(within);
    return Optional.empty();
  }

  @Override
  public OptionalDouble averageOrderValue() {
    return OptionalDouble.empty();
  }

  @Override
  public Optional<Instant> firstOrder() {
    return Optional.empty();
  }

  @Override
  public Optional<Instant> lastOrder() {
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "Purchases{none}";
  }
}
