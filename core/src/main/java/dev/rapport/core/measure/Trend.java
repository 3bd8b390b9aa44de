package dev.rapport.core.measure;

import java.util.List;
import java.util.Objects;

/**
 * A metric's course over the dashboard's window: its value and sample at the end of each day
 * (midnight UTC) for at most the last {@value #DAYS} days, then its value at the snapshot. The
 * engine keeps such a series for the north star and for the metric of every guardrail.
 *
 * @param metric the metric's name
 * @param dimension where it is measured, such as {@code global} or {@code channel:sms}
 * @param points the points, oldest first; a point without a value (no observation in the
 *     metric's window) is a gap, not a zero
 */
public record Trend(String metric, String dimension, List<TrendPoint> points) {
  /** How many days a trend goes back, at most: the dashboard's window. */
  public static final int DAYS = 90;

  /**
   * Copies the points.
   *
   * @param metric the metric's name
   * @param dimension where it is measured, such as {@code global} or {@code channel:sms}
   * @param points the points, oldest first; a point without a value is a gap
   * @throws NullPointerException if a component or a point is null
   */
  public Trend {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(dimension, "dimension");
    points = List.copyOf(points);
  }
}
