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
 * so that no beta function is needed and the two errors cancel. The closed form (Fader, Hardie
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
    double num = 0;
    double den = 0;
    for (int k = -HALF; k <= HALF; k++) {
      double tau = k * STEP;
      double u = Math.PI * Math.sinh(tau);
      // p and 1 - p from the same exponential, so that neither loses digits near its end
      double p = 1 / (1 + Math.exp(-u));
      double q = 1 / (1 + Math.exp(u));
      // the beta weight times dp/dtau = pi cosh(tau) p q
      double w = Math.exp(a * Math.log(p) + bx * Math.log(q)) * Math.PI * Math.cosh(tau);
      if (w == 0 || Double.isNaN(w)) {
        continue;
      }
      double ifActive = -Math.expm1(-shape * Math.log1p(p * horizon / scale)) / p;
      num += w * ifActive;
      den += w;
    }
    if (den == 0) {
      return 0;
    }
    return active(r, alpha, a, b, x, t, age) * num / den;
  }
}
