package dev.rapport.core.decision;

import dev.rapport.core.Action;
import dev.rapport.core.Customer;
import dev.rapport.core.decision.PropensityModel;
import java.util.SplittableRandom;

/**
 * Thompson sampling on a Beta-Bernoulli model, per action and per persona.
 *
 * <p>Why Thompson sampling rather than UCB. Each impression is a Bernoulli trial (the customer
 * responds or not); with a uniform prior, the posterior of the response rate after {@code s}
 * successes in {@code n} trials is Beta(1 + s, 1 + n - s). Drawing the propensity from that
 * posterior explores an action exactly as much as its uncertainty warrants, needs no tuning
 * constant, copes with delayed feedback (outcomes arrive long after impressions, when UCB's
 * deterministic bonus keeps choosing the same arm), and randomises between near-equal actions
 * instead of always breaking ties the same way. The draws come from the context's seeded random
 * source, so the same inputs and seed give the same decision.
 *
 * <p>Counts are kept per action for each persona group (the customer's first persona in name
 * order, else {@code *}) and for everyone; a group with fewer than {@value #MIN_GROUP_TRIALS}
 * trials borrows the everyone counts, so that a new persona starts from what is known.
 */
final class AdaptivePropensity implements PropensityModel {
  static final int MIN_GROUP_TRIALS = 20;
  private final long seed;

  /** Trials and successes of one action in one group. */
  private record Counts(long trials, long successes) {}

  /**
   * Makes the model.
   *
   * @param seed the seed of its draws, mixed into the context's random source
   */
  public AdaptivePropensity(long seed) {
    this.seed = seed;
  }

  private static String key(String action, String group) {
    return "adaptive-propensity/" + action + "/" + group;
  }

  private static Counts counts(Shared shared, String key) {
    long trials = shared.counter(key + "/trials");
    // a success is never counted without its trial, whatever order engines add them in
    return new Counts(trials, Math.min(trials, shared.counter(key + "/successes")));
  }

  private static void add(Shared shared, String key, Outcome outcome) {
    shared.add(key + (outcome == Outcome.IMPRESSION ? "/trials" : "/successes"), 1);
  }

  private static String groupOf(Customer customer) {
    return customer.personas().isEmpty() ? "*" : customer.personas().iterator().next();
  }

  @Override
  public Estimate estimate(Customer customer, Action action, Context context) {
    String group = groupOf(customer);
    Counts counts = counts(context.shared(), key(action.name(), group));
    String basis = group;
    if (counts.trials() < MIN_GROUP_TRIALS && !group.equals("*")) {
      counts = counts(context.shared(), key(action.name(), "*"));
      basis = "*";
    }
    SplittableRandom random = context.random();
    // mix the model's own seed in, so that two adaptive models with other seeds draw apart
    SplittableRandom draws = new SplittableRandom(random.nextLong() ^ seed);
    double a = 1 + counts.successes();
    double b = 1 + counts.trials() - counts.successes();
    double p = beta(draws, a, b);
    return new Estimate(p, group, String.format(java.util.Locale.ROOT,
        "Thompson draw from Beta(%.0f, %.0f) of group %s", a, b, basis));
  }

  @Override
  public void observe(Customer customer, Action action, String group, Outcome outcome,
      Context context) {
    if (outcome == Outcome.FAILURE) {
      return; // a failure is a trial without success: the impression already counted it
    }
    add(context.shared(), key(action.name(), group), outcome);
    if (!group.equals("*")) {
      add(context.shared(), key(action.name(), "*"), outcome);
    }
  }

  /** A Beta(a, b) draw as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
  static double beta(SplittableRandom r, double a, double b) {
    double x = gamma(r, a);
    double y = gamma(r, b);
    return x + y == 0 ? 0.5 : x / (x + y);
  }

  /** Marsaglia and Tsang's method, for shape of 1 or more (always so here). */
  static double gamma(SplittableRandom r, double shape) {
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x;
      double v;
      do {
        x = r.nextGaussian();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      double u = r.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }

  @Override
  public String toString() {
    return "adaptive propensity (Thompson sampling, seed " + seed + ")";
  }
}
