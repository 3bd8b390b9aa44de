package dev.rapport.core;

import dev.rapport.core.internal.Checks;
import java.time.Duration;

/**
 * A small estimate of a customer's coming orders from the rhythm of their past ones: the {@link
 * PurchaseRhythm} that comes with Rapport.
 *
 * <p><b>Assumptions.</b>
 *
 * <ol>
 *   <li>While a customer is active, they order at their own steady rate {@code λ} (orders per
 *       day, a Poisson process).
 *   <li>Rates vary across customers; before anything is known of one, their rate is the
 *       population's, described as {@code r} orders over {@code α} days (a gamma prior). After
 *       {@code x} repeat orders over a span of {@code t} days from their first order to their
 *       latest, the estimate is {@code λ = (x + r) / (t + α)}: a customer with few orders is
 *       drawn towards the population's rate, one with many is judged on their own.
 *   <li>After each order a customer may stop for good, with probability {@code p} (the
 *       dropout).
 * </ol>
 *
 * <p>From these, with {@code s} the days of silence since the latest order and {@code H} the
 * horizon in days:
 *
 * <pre>
 *   P(active)                = (1 - p) e^(-λ s) / ((1 - p) e^(-λ s) + p)
 *   E[orders in H | active]  = (1 - e^(-λ H p)) / p          (λ H when p = 0)
 *   E[orders in H]           = P(active) · E[orders in H | active]
 * </pre>
 *
 * <p>The first is Bayes' rule on the silence: an active customer stays silent that long with
 * probability {@code e^(-λ s)}, one who stopped always does. The second counts the orders of a
 * Poisson process that may stop after each of them. A weekly buyer silent for a month scores
 * low; a customer who buys twice a year and has been silent for a month does not.
 *
 * <p>This is deliberately small: the population's parameters are settings, not fitted, and the
 * rate and the dropout are estimated apart. A model fitted to your customers (such as BG/NBD,
 * Fader, Hardie and Lee 2005) can replace it behind {@link PurchaseRhythm}.
 */
public final class OrderRhythm implements PurchaseRhythm {
  private final double priorOrders;
  private final double priorDays;
  private final double dropout;

  private OrderRhythm(Builder b) {
    this.priorOrders = b.priorOrders;
    this.priorDays = b.priorDays;
    this.dropout = b.dropout;
  }

  /**
   * Starts a rhythm with the defaults: a prior of one order in 90 days, a dropout of 0.1.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public double expectedOrders(long orders, double spanDays, double ageDays,
      double horizonDays) {
    if (orders < 1) {
      return 0;
    }
    double rate = rate(orders, spanDays);
    return active(rate, Math.max(0, ageDays - spanDays)) * ordersIfActive(rate, horizonDays);
  }

  /**
   * Returns the estimated rate of a customer while active, in orders per day.
   *
   * @param orders their orders, 1 or more
   * @param spanDays days from their first order to their latest
   * @return {@code (orders - 1 + r) / (spanDays + α)}
   */
  public double rate(long orders, double spanDays) {
    return (orders - 1 + priorOrders) / (Math.max(0, spanDays) + priorDays);
  }

  /**
   * Returns the probability that a customer is still active after a silence.
   *
   * @param rate their rate while active, in orders per day
   * @param silenceDays days since their latest order
   * @return the probability, between 0 and 1
   */
  public double active(double rate, double silenceDays) {
    double stay = (1 - dropout) * Math.exp(-rate * silenceDays);
    return stay + dropout == 0 ? 0 : stay / (stay + dropout);
  }

  private double ordersIfActive(double rate, double horizonDays) {
    if (dropout == 0) {
      return rate * horizonDays;
    }
    return -Math.expm1(-rate * horizonDays * dropout) / dropout;
  }

  @Override
  public String toString() {
    return "OrderRhythm{prior " + priorOrders + " orders in " + priorDays + " days, dropout "
        + dropout + "}";
  }

  /** The settings of an {@link OrderRhythm}, each once. */
  public static final class Builder {
    private double priorOrders = 1;
    private double priorDays = 90;
    private double dropout = 0.1;
    private boolean priorSet;
    private boolean dropoutSet;
    private OrderRhythm built;

    private Builder() {}

    /**
     * Sets the population's rate, the prior every customer's rate starts from: {@code orders}
     * orders in {@code per}. The more orders, the more a customer's own need to outweigh it.
     *
     * @param orders the prior's orders, positive
     * @param per the prior's period, positive
     * @return this builder
     * @throws IllegalArgumentException if a value is not positive
     * @throws IllegalStateException if set before
     */
    public Builder prior(double orders, Duration per) {
      if (!(orders > 0) || Double.isInfinite(orders)) {
        throw new IllegalArgumentException("order rhythm: prior(" + orders + ", ...) has no "
            + "orders; give a positive number, such as prior(1, Duration.ofDays(90))");
      }
      Checks.positive("order rhythm", "prior period", per);
      open("prior");
      Checks.once("order rhythm", "prior", priorSet);
      priorSet = true;
      this.priorOrders = orders;
      this.priorDays = per.toSeconds() / 86_400.0;
      return this;
    }

    /**
     * Sets the probability that a customer stops for good after an order.
     *
     * @param probability from 0 (nobody ever stops) to below 1
     * @return this builder
     * @throws IllegalArgumentException if not in {@code [0, 1)}
     * @throws IllegalStateException if set before
     */
    public Builder dropout(double probability) {
      if (!(probability >= 0 && probability < 1)) {
        throw new IllegalArgumentException("order rhythm: dropout(" + probability + ") is not "
            + "a probability below 1; give one from 0 to below 1, such as 0.1");
      }
      open("dropout");
      Checks.once("order rhythm", "dropout", dropoutSet);
      dropoutSet = true;
      this.dropout = probability;
      return this;
    }

    private void open(String call) {
      Checks.notBuilt("order rhythm", call, built != null, "OrderRhythm.builder()");
    }

    /**
     * Builds the rhythm; again, returns the same one.
     *
     * @return the rhythm
     */
    public OrderRhythm build() {
      if (built == null) {
        built = new OrderRhythm(this);
      }
      return built;
    }
  }
}
