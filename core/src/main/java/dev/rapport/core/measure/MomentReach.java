package dev.rapport.core.measure;

import java.time.Duration;
import java.util.Optional;

/**
 * How many customers reached a moment that matters, how long it took them, and, when the moment
 * follows another, how many of that moment's customers went on to reach it.
 *
 * <p>The moment a moment follows is the latest declared before it that at least half of its
 * customers had already reached when they reached it: a second purchase follows the first, an
 * activation follows a first setup. A moment that most of its customers reach without another
 * first (a first help request, or a moment of another business entirely) follows none, so that
 * a dashboard never chains moments of unrelated journeys.
 *
 * @param moment the moment
 * @param reached the customers who reached it
 * @param customers the customers the engine knows
 * @param medianTimeToMoment the median time from a customer's first event to the moment
 * @param previous the moment it follows, if any
 * @param fromPrevious the share of the previous moment's customers who went on to reach this
 *     one, if it follows one
 */
public record MomentReach(String moment, long reached, long customers,
    Optional<Duration> medianTimeToMoment, Optional<String> previous,
    Optional<Double> fromPrevious) {
  /**
   * Returns the share of customers who reached the moment, or NaN with no customer.
   *
   * @return reached / customers
   */
  public double share() {
    return customers == 0 ? Double.NaN : (double) reached / customers;
  }
}
