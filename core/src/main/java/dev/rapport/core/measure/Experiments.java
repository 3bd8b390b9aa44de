package dev.rapport.core.measure;

import dev.rapport.core.measure.ArmResult;
import dev.rapport.core.measure.ExperimentResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares the conversion of experiment arms (a journey's holdout, or the arms of a random split)
 * with a two-proportion test.
 *
 * <h2>Formulas</h2>
 *
 * <p>With the control converting {@code x_c} of {@code n_c} customers and the treatment {@code
 * x_t} of {@code n_t}, the rates are {@code p_c = x_c / n_c} and {@code p_t = x_t / n_t}, and:
 *
 * <ul>
 *   <li><b>absolute lift</b> {@code d = p_t - p_c};
 *   <li><b>relative lift</b> {@code d / p_c}, NaN when {@code p_c = 0};
 *   <li><b>95% confidence interval</b> of {@code d}, unpooled (Wald): {@code d ± z* · sqrt(p_t(1 -
 *       p_t) / n_t + p_c(1 - p_c) / n_c)} with {@code z* = Φ⁻¹(0.975) = 1.959963984540054};
 *   <li><b>p-value</b>, two-sided, of the pooled two-proportion z-test: with the pooled rate {@code
 *       p = (x_t + x_c) / (n_t + n_c)}, {@code z = d / sqrt(p(1 - p)(1 / n_t + 1 / n_c))} and
 *       {@code p-value = 2 (1 - Φ(|z|))}; when the pooled variance is 0 (no arm converted, or every
 *       customer did) there is no evidence of a difference and the p-value is 1.
 * </ul>
 *
 * <p>An arm with no customer has no rate: its rate, the lifts, the interval and the p-value are
 * NaN, and the result carries a warning. The normal approximation behind the test is poor with
 * few customers or few outcomes of either kind, so a result also carries a warning ("too small a
 * sample") when an arm has fewer customers than the minimum, or fewer than {@value #MIN_OUTCOMES}
 * conversions or non-conversions.
 *
 * <h2>The normal distribution function</h2>
 *
 * <p>{@code Φ} is computed here rather than taken from a library (core depends on the SLF4J API
 * only). The upper tail {@code Q(x) = 1 - Φ(x)} is what a p-value needs, and it must stay
 * accurate in relative terms far out in the tail, where {@code 1 - Φ(x)} would cancel to zero:
 *
 * <ul>
 *   <li>for {@code 0 <= x < 3}, the Taylor series {@code Φ(x) = 1/2 + φ(x) (x + x³/3 + x⁵/(3·5) +
 *       x⁷/(3·5·7) + ...)}, whose terms are all positive, so it sums without cancellation; the
 *       final {@code 1/2 - φ(x) S} loses at most three of sixteen digits, since {@code Q(3) ≈
 *       0.00135};
 *   <li>for {@code x >= 3}, Laplace's continued fraction for the Mills ratio {@code Q(x) = φ(x) /
 *       (x + 1/(x + 2/(x + 3/(x + ...))))}, evaluated with the modified Lentz algorithm, which
 *       converges fast there and keeps full relative precision until {@code φ(x)} underflows
 *       (beyond {@code x ≈ 38}, where {@code Q} is below the smallest double);
 *   <li>for {@code x < 0}, {@code Q(x) = 1 - Q(-x)}.
 * </ul>
 *
 * <p>Both agree with 40-digit references to about {@code 1e-15} relative error.
 */
final class Experiments {
  /** {@code Φ⁻¹(0.975)}: the half-width of a 95% interval in standard errors. */
  public static final double Z_95 = 1.959963984540054;

  /** The fewest conversions, and the fewest non-conversions, an arm needs to be trusted. */
  public static final int MIN_OUTCOMES = 10;

  private static final double SERIES_LIMIT = 3.0;
  private static final double INV_SQRT_2PI = 0.3989422804014327;
  private static final double EPSILON = 1e-16;
  private static final double TINY = 1e-300;
  private static final int MAX_TERMS = 10_000;

  private Experiments() {}

  /**
   * Compares a treatment, and any further treatments, with a control.
   *
   * <pre>{@code
   * ExperimentResult r = Experiments.compare("onboarding", "holdout",
   *     new ArmResult("holdout", 1000, 150), new ArmResult("treated", 1000, 200), List.of(), 100);
   * // r.absoluteLift() == 0.05, r.relativeLift() == 1/3, r.pValue() ≈ 0.00326
   * }</pre>
   *
   * @param journey the journey the experiment belongs to
   * @param experiment {@code holdout}, or the split's name
   * @param control the control arm
   * @param treatment the treatment compared with it in the result itself
   * @param otherTreatments further arms of a split, each compared with the control in {@link
   *     ExperimentResult#otherArms()}, in this order
   * @param minSamplePerArm the fewest customers an arm needs before the result is trusted
   * @return the lifts, the 95% interval of the absolute lift, the p-value, and a warning when the
   *     sample is too small
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an arm has a negative count or more conversions than
   *     customers, or the minimum sample is negative
   */
  static ExperimentResult compare(String journey, String experiment, ArmResult control,
      ArmResult treatment, List<ArmResult> otherTreatments, long minSamplePerArm) {
    Objects.requireNonNull(journey, "journey");
    Objects.requireNonNull(experiment, "experiment");
    Objects.requireNonNull(otherTreatments, "otherTreatments");
    if (minSamplePerArm < 0) {
      throw new IllegalArgumentException("experiment '" + experiment + "' of journey '" + journey
          + "': minSamplePerArm is " + minSamplePerArm + "; use 0 or more");
    }
    List<ExperimentResult> others = new ArrayList<>(otherTreatments.size());
    for (ArmResult other : otherTreatments) {
      others.add(
          compareOne(journey, experiment, control, other, minSamplePerArm, List.of()));
    }
    return compareOne(journey, experiment, control, treatment, minSamplePerArm,
        List.copyOf(others));
  }

  private static ExperimentResult compareOne(String journey, String experiment, ArmResult control,
      ArmResult treatment, long minSample, List<ExperimentResult> others) {
    check(journey, experiment, control, "control");
    check(journey, experiment, treatment, "treatment");
    Optional<String> warning = warning(minSample, control, treatment);
    if (control.entered() == 0 || treatment.entered() == 0) {
      double nan = Double.NaN;
      return new ExperimentResult(journey, experiment, control, treatment, nan, nan, nan, nan,
          nan, warning, others);
    }
    double nc = control.entered();
    double nt = treatment.entered();
    double pc = control.rate();
    double pt = treatment.rate();
    double diff = pt - pc;
    double relative = pc == 0 ? Double.NaN : diff / pc;
    double halfWidth = Z_95 * Math.sqrt(pt * (1 - pt) / nt + pc * (1 - pc) / nc);
    double pooled = (double) (control.converted() + treatment.converted()) / (nc + nt);
    double pooledVariance = pooled * (1 - pooled) * (1 / nt + 1 / nc);
    double pValue;
    if (pooledVariance <= 0) {
      pValue = 1;
    } else {
      double z = diff / Math.sqrt(pooledVariance);
      pValue = Math.min(1, 2 * normalUpperTail(Math.abs(z)));
    }
    return new ExperimentResult(journey, experiment, control, treatment, diff, relative,
        diff - halfWidth, diff + halfWidth, pValue, warning, others);
  }

  private static void check(String journey, String experiment, ArmResult arm, String role) {
    Objects.requireNonNull(arm, role);
    if (arm.entered() < 0 || arm.converted() < 0 || arm.converted() > arm.entered()) {
      throw new IllegalArgumentException("experiment '" + experiment + "' of journey '" + journey
          + "': " + role + " arm '" + arm.name() + "' has " + arm.converted()
          + " conversions of " + arm.entered()
          + " customers; counts must be 0 or more, with conversions at most the customers");
    }
  }

  private static Optional<String> warning(long minSample, ArmResult control,
      ArmResult treatment) {
    List<String> problems = new ArrayList<>();
    for (ArmResult arm : List.of(control, treatment)) {
      long nonConverted = arm.entered() - arm.converted();
      if (arm.entered() < minSample) {
        problems.add(String.format(Locale.ROOT, "arm '%s' has %d customers (minimum %d)",
            arm.name(), arm.entered(), minSample));
      }
      if (arm.converted() < MIN_OUTCOMES) {
        problems.add(String.format(Locale.ROOT, "arm '%s' has %d conversions (minimum %d)",
            arm.name(), arm.converted(), MIN_OUTCOMES));
      }
      if (nonConverted < MIN_OUTCOMES) {
        problems.add(String.format(Locale.ROOT, "arm '%s' has %d non-conversions (minimum %d)",
            arm.name(), nonConverted, MIN_OUTCOMES));
      }
    }
    return problems.isEmpty()
        ? Optional.empty()
        : Optional.of("too small a sample: " + String.join("; ", problems));
  }

  /**
   * Returns the standard normal distribution function {@code Φ(x)}.
   *
   * @param x the point
   * @return the probability that a standard normal variable is at most {@code x}; NaN for NaN
   */
  static double normalCdf(double x) {
    return x < 0 ? normalUpperTail(-x) : 1 - normalUpperTail(x);
  }

  /**
   * Returns the upper tail {@code 1 - Φ(x)} of the standard normal distribution, with full
   * relative precision far into the tail (where {@code 1 - normalCdf(x)} would be 0).
   *
   * @param x the point
   * @return the probability that a standard normal variable exceeds {@code x}; NaN for NaN
   */
  static double normalUpperTail(double x) {
    if (Double.isNaN(x)) {
      return Double.NaN;
    }
    if (x < 0) {
      return 1 - normalUpperTail(-x);
    }
    if (x > 40) {
      return 0;
    }
    double density = INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    if (x < SERIES_LIMIT) {
      return 0.5 - density * taylorSum(x);
    }
    return density / millsDenominator(x);
  }

  /** Sums {@code x + x³/3 + x⁵/(3·5) + ...}; every term is positive. */
  private static double taylorSum(double x) {
    double x2 = x * x;
    double term = x;
    double sum = x;
    for (int k = 1; k < MAX_TERMS; k++) {
      term *= x2 / (2 * k + 1);
      sum += term;
      if (term < EPSILON * sum) {
        break;
      }
    }
    return sum;
  }

  /**
   * Evaluates {@code x + 1/(x + 2/(x + 3/(x + ...)))} with the modified Lentz algorithm: all
   * partial numerators are {@code k} and all partial denominators {@code x}.
   */
  private static double millsDenominator(double x) {
    double f = x;
    double c = f;
    double d = 0;
    for (int k = 1; k < MAX_TERMS; k++) {
      d = x + k * d;
      d = Math.abs(d) < TINY ? TINY : d;
      c = x + k / c;
      c = Math.abs(c) < TINY ? TINY : c;
      d = 1 / d;
      double delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1) < EPSILON) {
        break;
      }
    }
    return f;
  }
}
