package dev.rapport.core.measure;

import java.time.Duration;
import java.util.Optional;

/**
 * How many customers reached a moment that matters, how long it took them, and how many of those
 * who reached the previous moment (in declaration order) went on to reach it.
 *
 * @param moment the moment
 * @param reached the customers who reached it
 * @param customers the customers the engine knows
 * @param medianTimeToMoment the median time from a customer's first event to the moment
 * @param fromPrevious the share of the previous moment's customers who reached this one, if
 *     there is a previous moment with customers
 */
public record MomentReach(String moment, long reached, long customers,
    Optional<Duration> medianTimeToMoment, Optional<Double> fromPrevious) {
  /**
   * Returns the share of customers who reached the moment, or NaN with no customer.
   *
   * @return reached / customers
   */
  public double share() {
    return customers == 0 ? Double.NaN : (double) reached / customers;
  }
}
