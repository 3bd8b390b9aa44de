package dev.rapport.core;

/**
 * Estimates how many orders a customer will place over a coming period from the rhythm of their
 * past ones: the seam the predicted customer lifetime value ({@link Scores#predictedClv}) is
 * built on, so that a better model of a customer's rhythm can replace the one that comes with
 * Rapport without changing anything else.
 *
 * <p>A rhythm sees a customer's orders as three numbers, the ones the classic models of buying
 * behaviour (Pareto/NBD, BG/NBD) start from: how many orders, the time from the first to the
 * latest ("span") and the time from the first to now ("age"). {@link OrderRhythm}, the default,
 * is a small estimate of its own; see it for its assumptions.
 *
 * <pre>{@code
 * PurchaseRhythm rhythm = OrderRhythm.builder().prior(1, Duration.ofDays(60)).dropout(0.15).build();
 * Score clv = Scores.predictedClv(Duration.ofDays(365), rhythm);
 * }</pre>
 */
@FunctionalInterface
public interface PurchaseRhythm {

  /**
   * Returns the expected number of orders a customer places over the coming period.
   *
   * @param orders how many orders the customer placed, 1 or more
   * @param spanDays days from their first order to their latest, 0 or more
   * @param ageDays days from their first order to now, at least {@code spanDays}
   * @param horizonDays the length of the coming period in days, positive
   * @return the expected number of orders in it, 0 or more
   */
  double expectedOrders(long orders, double spanDays, double ageDays, double horizonDays);

  /**
   * Returns the default rhythm: {@link OrderRhythm} with its default settings.
   *
   * @return the rhythm
   */
  static PurchaseRhythm ofDefaults() {
    return OrderRhythm.builder().build();
  }
}
