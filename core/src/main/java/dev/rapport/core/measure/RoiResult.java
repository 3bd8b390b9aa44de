package dev.rapport.core.measure;

import java.util.Objects;
import java.util.Optional;

/**
 * The return of one journey or one action, measured against its holdout: how many of its
 * treated and held-out customers converted, what they bought within the attribution window, the
 * revenue it added over what the same customers would have bought without it (the incremental
 * revenue), with its confidence interval, and what its messages cost.
 *
 * <p><b>What is counted.</b> For a journey, each enrollment is a unit: it converts when it
 * reaches the journey's goal, and its revenue is the customer's from their entry until the
 * attribution window ends. For an action with a {@linkplain dev.rapport.core.Action#holdout()
 * holdout}, each customer exposed to it is a unit, from their first exposure (the first time
 * the action was sent to them or, held out, withheld): it converts when the customer places an
 * order within the window, and its revenue is the customer's within the window.
 *
 * <p><b>The estimate.</b> With {@code n1} treated and {@code n0} held-out units, revenue per
 * unit {@code m1} and {@code m0} (a unit that bought nothing counts as 0) and sample variances
 * {@code s1²} and {@code s0²}, the incremental revenue is {@code (m1 - m0) * n1}: the difference
 * in means, scaled to the treated units. Its standard error is {@code n1 * sqrt(s1²/n1 +
 * s0²/n0)} (Welch), and the interval at a confidence {@code c} is the estimate plus or minus
 * {@code z((1 + c) / 2)} standard errors (normal approximation, good from a few dozen customers
 * per arm). Assignment to the holdout is random (seeded hashing), so the difference is causal:
 * what the journey's or the action's messages changed, whatever else the customers saw. The
 * return on cost is {@code (incremental revenue - cost) / cost}.
 *
 * @param name the journey's or the action's name
 * @param treated treated units (enrollments, or customers exposed to the action)
 * @param heldOut held-out units
 * @param convertedTreated treated units that converted
 * @param convertedHeldOut held-out units that converted
 * @param revenueTreated revenue of the treated units within the attribution window
 * @param revenueHeldOut revenue of the held-out units within it
 * @param incrementalRevenue {@code (m1 - m0) * n1}, NaN without units in both arms
 * @param standardError the incremental revenue's standard error, NaN with fewer than two
 *     units in an arm
 * @param messages the journey's or the action's messages sent
 * @param cost their cost, from the prices per channel of the revenue definition
 * @param warning why the result should not be trusted yet, if so
 */
public record RoiResult(String name, long treated, long heldOut, long convertedTreated,
    long convertedHeldOut, double revenueTreated, double revenueHeldOut,
    double incrementalRevenue, double standardError, long messages, double cost,
    Optional<String> warning) {

  /** The confidence of {@link #ciLow()} and {@link #ciHigh()}. */
  public static final double CONFIDENCE = 0.95;

  /**
   * Checks the components.
   *
   * @param name the journey's or the action's name
   * @param treated treated units
   * @param heldOut held-out units
   * @param convertedTreated treated units that converted
   * @param convertedHeldOut held-out units that converted
   * @param revenueTreated revenue of the treated units
   * @param revenueHeldOut revenue of the held-out units
   * @param incrementalRevenue the incremental revenue
   * @param standardError its standard error
   * @param messages messages sent
   * @param cost their cost
   * @param warning why the result should not be trusted yet, if so
   * @throws NullPointerException if the name or the warning is null
   * @throws IllegalArgumentException if a count is negative
   */
  public RoiResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(warning, "warning");
    if (treated < 0 || heldOut < 0 || convertedTreated < 0 || convertedHeldOut < 0
        || messages < 0) {
      throw new IllegalArgumentException("roi of '" + name + "': a count is negative ("
          + treated + ", " + heldOut + ", " + convertedTreated + ", " + convertedHeldOut + ", "
          + messages + "); counts are 0 or more");
    }
  }

  /**
   * Computes the result from the tallies of both arms: the one computation of every journey's
   * and every action's return.
   *
   * @param name the journey's or the action's name
   * @param treated treated units
   * @param heldOut held-out units
   * @param convertedTreated treated units that converted
   * @param convertedHeldOut held-out units that converted
   * @param revenueTreated the sum of the treated units' revenue
   * @param squaresTreated the sum of the squares of each treated unit's revenue
   * @param revenueHeldOut the sum of the held-out units' revenue
   * @param squaresHeldOut the sum of the squares of each held-out unit's revenue
   * @param messages messages sent
   * @param cost their cost
   * @param minSamplePerArm the fewest units per arm before the result is trusted
   * @return the result
   * @throws IllegalArgumentException if a count is negative
   */
  public static RoiResult of(String name, long treated, long heldOut, long convertedTreated,
      long convertedHeldOut, double revenueTreated, double squaresTreated,
      double revenueHeldOut, double squaresHeldOut, long messages, double cost,
      long minSamplePerArm) {
    double incremental = Double.NaN;
    double se = Double.NaN;
    if (treated > 0 && heldOut > 0) {
      double m1 = revenueTreated / treated;
      double m0 = revenueHeldOut / heldOut;
      incremental = (m1 - m0) * treated;
      if (treated > 1 && heldOut > 1) {
        double v1 = Math.max(0, (squaresTreated - treated * m1 * m1) / (treated - 1));
        double v0 = Math.max(0, (squaresHeldOut - heldOut * m0 * m0) / (heldOut - 1));
        se = treated * Math.sqrt(v1 / treated + v0 / heldOut);
      }
    }
    Optional<String> warning = Optional.empty();
    if (heldOut == 0) {
      warning = Optional.of("no holdout: no customer is held out yet; give it a holdout "
          + "(holdout(0.1)) to measure what it adds");
    } else if (treated < minSamplePerArm || heldOut < minSamplePerArm) {
      warning = Optional.of("too small a sample: " + treated + " treated and " + heldOut
          + " held out, fewer than " + minSamplePerArm + " in an arm");
    }
    return new RoiResult(name, treated, heldOut, convertedTreated, convertedHeldOut,
        revenueTreated, revenueHeldOut, incremental, se, messages, cost, warning);
  }

  /**
   * Returns the share of treated units that converted.
   *
   * @return the rate, NaN without treated units
   */
  public double conversionTreated() {
    return treated == 0 ? Double.NaN : (double) convertedTreated / treated;
  }

  /**
   * Returns the share of held-out units that converted.
   *
   * @return the rate, NaN without held-out units
   */
  public double conversionHeldOut() {
    return heldOut == 0 ? Double.NaN : (double) convertedHeldOut / heldOut;
  }

  /**
   * Returns the revenue per treated unit.
   *
   * @return the mean, NaN without treated units
   */
  public double revenuePerTreated() {
    return treated == 0 ? Double.NaN : revenueTreated / treated;
  }

  /**
   * Returns the revenue per held-out unit.
   *
   * @return the mean, NaN without held-out units
   */
  public double revenuePerHeldOut() {
    return heldOut == 0 ? Double.NaN : revenueHeldOut / heldOut;
  }

  /**
   * Returns the lower end of the incremental revenue's 95% interval.
   *
   * @return the bound, NaN without a standard error
   */
  public double ciLow() {
    return interval(CONFIDENCE)[0];
  }

  /**
   * Returns the upper end of the incremental revenue's 95% interval.
   *
   * @return the bound, NaN without a standard error
   */
  public double ciHigh() {
    return interval(CONFIDENCE)[1];
  }

  /**
   * Returns the incremental revenue's interval at a confidence.
   *
   * @param confidence the confidence, strictly between 0 and 1, such as 0.95
   * @return the lower and the upper bound, NaN without a standard error
   * @throws IllegalArgumentException if the confidence is not strictly between 0 and 1
   */
  public double[] interval(double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("roi of '" + name + "': confidence "
          + confidence + " is not strictly between 0 and 1; give one such as 0.95");
    }
    double z = normalQuantile((1 + confidence) / 2);
    return new double[] {incrementalRevenue - z * standardError,
        incrementalRevenue + z * standardError};
  }

  /**
   * Returns the return on the messages' cost: {@code (incremental revenue - cost) / cost}.
   *
   * @return the return, NaN when the messages cost nothing or there is no estimate
   */
  public double returnOnCost() {
    return cost > 0 ? (incrementalRevenue - cost) / cost : Double.NaN;
  }

  /**
   * Tells whether the interval excludes zero: the journey or the action measurably changed
   * revenue.
   *
   * @return whether the 95% interval is all above or all below zero
   */
  public boolean significant() {
    return ciLow() > 0 || ciHigh() < 0;
  }

  /** The standard normal quantile, by bisection on the distribution function. */
  static double normalQuantile(double p) {
    double lo = -40;
    double hi = 40;
    for (int i = 0; i < 200 && hi - lo > 1e-12; i++) {
      double mid = (lo + hi) / 2;
      if (Experiments.normalCdf(mid) < p) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }
}
