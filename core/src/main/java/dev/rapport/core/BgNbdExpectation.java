package dev.rapport.core;

/**
 * The BG/NBD expectation of a customer's coming occasions: how many times a customer with
 * {@code x} repeat occasions, the latest {@code t} days and the first {@code T} days ago (both
 * counted from the first, so {@code t <= T}), is expected to engage over the next {@code H} days.
 *
 * <p>Design note. Given the customer's history, they are still active with the probability that
 * {@link RhythmEngagement} computes, and, if active, their rate and their dropout probability
 * follow the posteriors Gamma(r + x, alpha + T) and Beta(a, b + x), independent of each other.
 * An active customer of rate {@code λ} and dropout {@code p} engages on average {@code (1 -
 * e^(-λpH)) / p} times over {@code H} days (each engagement may be their last), and averaging
 * {@code e^(-λpH)} over the gamma posterior gives {@code ((alpha+T)/(alpha+T+pH))^(r+x)}. What
 * is left is one integral over {@code p} against the beta posterior, which the tanh-sinh rule
 * computes to about ten digits with 91 points; the same rule integrates the beta density itself,
 * so that no beta function is needed and the two errors cancel. The weights are scaled by the
 * largest in log space, so that a posterior far from uniform does not underflow; a posterior
 * that is a narrow peak inside (0, 1) (a fitted {@code a} above 20) is integrated by Simpson's
 * rule around its mean instead, where the tanh-sinh points would be too sparse. The closed form (Fader, Hardie
 * and Lee 2005, equation 10) needs a hypergeometric function and {@code a > 1}; this way needs
 * neither, and agrees with it where it applies (see the tests).
 */
final class BgNbdExpectation {
  /** Step and half-width of the tanh-sinh grid: 91 points, well past double precision's end. */
  private static final double STEP = 0.1;
  private static final int HALF = 45;

  private BgNbdExpectation() {}

  /** P(active) now: the odds of having stopped after the latest occasion against staying. */
  static double active(double r, double alpha, double a, double b, long x, double t, double age) {
    if (x == 0) {
      return 1;
    }
    double odds = a / (b + x - 1) * Math.exp((r + x) * Math.log((alpha + age) / (alpha + t)));
    return 1 / (1 + odds);
  }

  /** E[occasions in the next {@code horizon} days | x, t, T]. */
  static double expected(double r, double alpha, double a, double b, long x, double t,
      double age, double horizon) {
    if (horizon <= 0) {
      return 0;
    }
    double shape = r + x;
    double scale = alpha + age;
    double bx = b + x;
    double ifActive = a > NARROW ? interior(a, bx, shape, scale, horizon)
        : tanhSinh(a, bx, shape, scale, horizon);
    return active(r, alpha, a, b, x, t, age) * ifActive;
  }

  /** Past this {@code a}, the posterior of the dropout is a narrow peak inside (0, 1). */
  private static final double NARROW = 20;
  private static final int INTERVALS = 400;

  /** E[(1 - e^(-λpH)) / p] over both posteriors, given p: the gamma average in closed form. */
  private static double ifActive(double p, double shape, double scale, double horizon) {
    return -Math.expm1(-shape * Math.log1p(p * horizon / scale)) / p;
  }

  /**
   * The tanh-sinh rule, for a posterior that may pile up at either end: the weights are
   * normalised by the largest in log space, so that a posterior far from uniform cannot
   * underflow every one of them.
   */
  private static double tanhSinh(double a, double bx, double shape, double scale,
      double horizon) {
    int n = 2 * HALF + 1;
    double[] logW = new double[n];
    double[] g = new double[n];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = -HALF; k <= HALF; k++) {
      double tau = k * STEP;
      double u = Math.PI * Math.sinh(tau);
      // p and 1 - p from the same exponential, so that neither loses digits near its end
      double p = 1 / (1 + Math.exp(-u));
      double q = 1 / (1 + Math.exp(u));
      // the beta weight times dp/dtau = pi cosh(tau) p q
      double lw = a * Math.log(p) + bx * Math.log(q) + Math.log(Math.PI * Math.cosh(tau));
      logW[k + HALF] = lw;
      g[k + HALF] = p > 0 ? ifActive(p, shape, scale, horizon) : 0;
      if (lw > max) {
        max = lw;
      }
    }
    double num = 0;
    double den = 0;
    for (int i = 0; i < n; i++) {
      double w = Math.exp(logW[i] - max);
      if (w > 0 && !Double.isNaN(g[i])) {
        num += w * g[i];
        den += w;
      }
    }
    return den == 0 ? 0 : num / den;
  }

  /**
   * Simpson's rule over the posterior's mean plus or minus twelve standard deviations, for a
   * posterior that is a narrow peak inside (0, 1), where the tanh-sinh points are too sparse.
   */
  private static double interior(double a, double bx, double shape, double scale,
      double horizon) {
    double mean = a / (a + bx);
    double sd = Math.sqrt(mean * (1 - mean) / (a + bx + 1));
    double lo = Math.max(mean - 12 * sd, 0);
    double hi = Math.min(mean + 12 * sd, 1);
    double h = (hi - lo) / INTERVALS;
    double peak = (a - 1) * Math.log(mean) + (bx - 1) * Math.log1p(-mean);
    double num = 0;
    double den = 0;
    for (int i = 0; i <= INTERVALS; i++) {
      double p = lo + i * h;
      if (p <= 0 || p >= 1) {
        continue; // the density is 0 at an end when a > 1 (and bx > 1 for the other)
      }
      double c = i == 0 || i == INTERVALS ? 1 : (i % 2 == 1 ? 4 : 2);
      double w = c * Math.exp((a - 1) * Math.log(p) + (bx - 1) * Math.log1p(-p) - peak);
      num += w * ifActive(p, shape, scale, horizon);
      den += w;
    }
    return den == 0 ? 0 : num / den;
  }
}
