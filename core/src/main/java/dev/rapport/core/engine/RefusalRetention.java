package dev.rapport.core.engine;

import dev.rapport.core.internal.Checks;
import java.time.Duration;

/**
 * How many refusals the engine keeps per customer, and for how long: what {@link
 * Engine#refusals(RefusalQuery)} can answer from. When a customer's refusal is recorded, the
 * ones older than {@link #maxAge()} are dropped, then the oldest beyond {@link #perCustomer()};
 * every refusal dropped is counted, per customer ({@link RefusalLog#forgotten()}) and for the
 * engine ({@link EngineStatistics#refusalsForgotten()}), never dropped silently.
 *
 * <p>{@link #ofDefaults()} keeps 200 refusals per customer for 90 days. Each takes a few dozen
 * bytes in the customer's record (names are shared with the definitions).
 *
 * <pre>{@code
 * Engine.builder().refusalRetention(RefusalRetention.of(50, Duration.ofDays(30)));
 * }</pre>
 *
 * @param perCustomer the most refusals kept per customer, 0 to keep none (each still counted
 *     as forgotten)
 * @param maxAge how long a refusal is kept, positive
 */
public record RefusalRetention(int perCustomer, Duration maxAge) {
  private static final RefusalRetention DEFAULTS = new RefusalRetention(200, Duration.ofDays(90));

  /**
   * Checks the components.
   *
   * @param perCustomer the most refusals kept per customer, 0 or more
   * @param maxAge how long one is kept, positive
   * @throws IllegalArgumentException if the count is negative or the age not positive
   */
  public RefusalRetention {
    if (perCustomer < 0) {
      throw new IllegalArgumentException("refusal retention: perCustomer is " + perCustomer
          + "; give 0 or more (0 keeps none)");
    }
    Checks.positive("refusal retention", "maxAge", maxAge);
  }

  /**
   * Returns a retention.
   *
   * @param perCustomer the most refusals kept per customer, 0 or more
   * @param maxAge how long one is kept, positive
   * @return the retention
   * @throws IllegalArgumentException if the count is negative or the age not positive
   */
  public static RefusalRetention of(int perCustomer, Duration maxAge) {
    return new RefusalRetention(perCustomer, maxAge);
  }

  /** The age in nanoseconds, saturated: a retention of centuries keeps everything. */
  long maxAgeNanos() {
    try {
      return maxAge.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * Returns the default retention: 200 refusals per customer, for 90 days.
   *
   * @return the defaults
   */
  public static RefusalRetention ofDefaults() {
    return DEFAULTS;
  }
}
