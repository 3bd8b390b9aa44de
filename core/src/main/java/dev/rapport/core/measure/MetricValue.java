package dev.rapport.core.measure;

/**
 * A metric's value in one dimension, now.
 *
 * @param metric the metric's name
 * @param dimension where it was measured, such as {@code global} or {@code journey:onboarding}
 * @param value the value, NaN when there is no observation
 * @param sample how many observations it rests on (the denominator of a rate or share)
 * @param window the window, such as {@code last 30 days} or {@code last 500}
 */
public record MetricValue(String metric, String dimension, double value, long sample,
    String window) {
  /**
   * Tells whether there is a value.
   *
   * @return whether the sample is not empty
   */
  public boolean hasValue() {
    return !Double.isNaN(value);
  }
}
