package dev.rapport.core;

/**
 * Maximum-likelihood estimation of the BG/NBD parameters from customers' summaries (repeat
 * occasions {@code x}, first-to-latest {@code t}, first-to-now {@code T}, in days).
 *
 * <p>Design note. The log-likelihood of one customer (Fader, Hardie and Lee 2005, equation 6) is
 * {@code lnG(r+x) - lnG(r) + r ln(alpha) + lnB(a, b+x) - lnB(a, b) + ln((alpha+T)^-(r+x) +
 * [x>0] a/(b+x-1) (alpha+t)^-(r+x))}, with the last term summed in log space so that long
 * histories do not underflow. The four parameters are searched on their logarithms (so they stay
 * positive) by the Nelder-Mead simplex, which needs no gradient: four dimensions and a smooth
 * surface suit it, and a fixed start and fixed coefficients make the result deterministic.
 */
final class BgNbdFit {
  private static final int MAX_ITERATIONS = 5_000;
  private static final double TOLERANCE = 1e-10;
  /** Lanczos coefficients for g = 7, n = 9 (the usual double-precision set). */
  private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851,
      -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
      -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};

  private final long[] x;
  private final double[] t;
  private final double[] age;

  BgNbdFit(long[] x, double[] t, double[] age) {
    this.x = x;
    this.t = t;
    this.age = age;
  }

  /** Returns r, alpha, a, b maximizing the likelihood. */
  double[] fit() {
    double meanAge = 0;
    for (double v : age) {
      meanAge += v;
    }
    meanAge = Math.max(1, meanAge / age.length);
    double[] start = {0, Math.log(meanAge / 4), 0, 0};
    double[] best = nelderMead(start);
    return new double[] {Math.exp(best[0]), Math.exp(best[1]), Math.exp(best[2]),
        Math.exp(best[3])};
  }

  /** The negative log-likelihood at log-parameters {@code p}. */
  double cost(double[] p) {
    double r = Math.exp(p[0]);
    double alpha = Math.exp(p[1]);
    double a = Math.exp(p[2]);
    double b = Math.exp(p[3]);
    if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || Double.isInfinite(r + alpha + a + b)) {
      return Double.POSITIVE_INFINITY;
    }
    double fixed = -lnGamma(r) + r * Math.log(alpha) - lnBeta(a, b);
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      long xi = x[i];
      double rx = r + xi;
      double first = -rx * Math.log(alpha + age[i]);
      double ll = lnGamma(rx) + fixed + lnBeta(a, b + xi);
      if (xi > 0) {
        double second = Math.log(a) - Math.log(b + xi - 1) - rx * Math.log(alpha + t[i]);
        double hi = Math.max(first, second);
        ll += hi + Math.log(Math.exp(first - hi) + Math.exp(second - hi));
      } else {
        ll += first;
      }
      sum += ll;
    }
    return Double.isNaN(sum) ? Double.POSITIVE_INFINITY : -sum;
  }

  private double[] nelderMead(double[] start) {
    int n = start.length;
    double[][] simplex = new double[n + 1][];
    double[] values = new double[n + 1];
    simplex[0] = start.clone();
    for (int i = 0; i < n; i++) {
      double[] v = start.clone();
      v[i] += 0.5;
      simplex[i + 1] = v;
    }
    for (int i = 0; i <= n; i++) {
      values[i] = cost(simplex[i]);
    }
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      sort(simplex, values);
      if (Math.abs(values[n] - values[0]) <= TOLERANCE * (Math.abs(values[0]) + TOLERANCE)) {
        break;
      }
      double[] centroid = new double[n];
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < n; k++) {
          centroid[k] += simplex[i][k] / n;
        }
      }
      double[] reflected = towards(centroid, simplex[n], -1);
      double fr = cost(reflected);
      if (fr < values[0]) {
        double[] expanded = towards(centroid, simplex[n], -2);
        double fe = cost(expanded);
        replace(simplex, values, n, fe < fr ? expanded : reflected, Math.min(fe, fr));
      } else if (fr < values[n - 1]) {
        replace(simplex, values, n, reflected, fr);
      } else {
        boolean outside = fr < values[n];
        double[] contracted = outside ? towards(centroid, reflected, 0.5)
            : towards(centroid, simplex[n], 0.5);
        double fc = cost(contracted);
        if (fc < Math.min(fr, values[n])) {
          replace(simplex, values, n, contracted, fc);
        } else {
          for (int i = 1; i <= n; i++) {
            simplex[i] = towards(simplex[0], simplex[i], 0.5);
            values[i] = cost(simplex[i]);
          }
        }
      }
    }
    sort(simplex, values);
    return simplex[0];
  }

  /** The point {@code from + f * (to - from)}. */
  private static double[] towards(double[] from, double[] to, double f) {
    double[] out = new double[from.length];
    for (int k = 0; k < from.length; k++) {
      out[k] = from[k] + f * (to[k] - from[k]);
    }
    return out;
  }

  private static void replace(double[][] simplex, double[] values, int i, double[] p, double v) {
    simplex[i] = p;
    values[i] = v;
  }

  /** Sorts the vertices by value, best first (insertion sort: five vertices). */
  private static void sort(double[][] simplex, double[] values) {
    for (int i = 1; i < values.length; i++) {
      double v = values[i];
      double[] p = simplex[i];
      int k = i - 1;
      while (k >= 0 && values[k] > v) {
        values[k + 1] = values[k];
        simplex[k + 1] = simplex[k];
        k--;
      }
      values[k + 1] = v;
      simplex[k + 1] = p;
    }
  }

  /** The logarithm of the gamma function for positive arguments (Lanczos). */
  static double lnGamma(double z) {
    if (z < 0.5) {
      // reflection: G(z) G(1-z) = pi / sin(pi z)
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - lnGamma(1 - z);
    }
    double zz = z - 1;
    double sum = LANCZOS[0];
    for (int i = 1; i < LANCZOS.length; i++) {
      sum += LANCZOS[i] / (zz + i);
    }
    double w = zz + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (zz + 0.5) * Math.log(w) - w + Math.log(sum);
  }

  static double lnBeta(double a, double b) {
    return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
  }
}
