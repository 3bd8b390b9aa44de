package dev.rapport.core.measure;

import java.time.Instant;
import java.util.Objects;

/**
 * A metric's value at one instant of its {@link Trend}: the end of a day, or the snapshot.
 *
 * @param at when the value held: midnight UTC at the end of a day, or the dashboard's instant
 *     for the last point
 * @param value the value then, NaN with no observation in the metric's window
 * @param sample how many observations it rested on
 */
public record TrendPoint(Instant at, double value, long sample) {
  /**
   * Checks the instant.
   *
   * @param at when the value held: midnight UTC at the end of a day, or the dashboard's instant
   * @param value the value then, NaN with no observation in the metric's window
   * @param sample how many observations it rested on
   * @throws NullPointerException if the instant is null
   */
  public TrendPoint {
    Objects.requireNonNull(at, "at");
  }

  /**
   * Tells whether there is a value.
   *
   * @return whether the value is a number
   */
  public boolean hasValue() {
    return !Double.isNaN(value);
  }
}
