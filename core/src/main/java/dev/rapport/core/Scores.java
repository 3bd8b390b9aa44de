package dev.rapport.core;

import dev.rapport.core.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The standard scores: a customer's historical and predicted lifetime value. Declare the ones a
 * dashboard should show with {@code Engine.builder().scores(...)}; read any of them in a
 * condition with {@link Customer#score(Score)}.
 *
 * <pre>{@code
 * Score clv = Scores.predictedClv(Duration.ofDays(365));
 * Condition valuable = c -> c.score(clv) >= 200;
 * }</pre>
 *
 * <p>The value scores read {@link Customer#purchases()}, which the engine's revenue definition
 * fills ({@code Engine.builder().revenue(...)}); without one every customer's value is 0.
 */
public final class Scores {
  /** Ten years, in days: how far ahead a score looks for its next bucket. */
  private static final double LOOK_AHEAD_DAYS = 3_650;
  private static final double DAY_NANOS = 86_400e9;

  private Scores() {}

  /**
   * The historical customer lifetime value over a window: the customer's revenue within it,
   * returns taken off; 0 for a customer who never bought. Named {@code historical_clv}.
   *
   * @param window the window, such as {@code Duration.ofDays(365)}, at most the engine's history
   *     retention
   * @return the score
   * @throws IllegalArgumentException if the window is not positive
   */
  public static Score historicalClv(Duration window) {
    Checks.positive("historical_clv", "window", window);
    return new HistoricalClv(window);
  }

  /**
   * The predicted customer lifetime value over a horizon, with the default population of the
   * rhythm model ({@link RhythmEngagement.Population#ofDefaults()}); see {@link
   * #predictedClv(Duration, RhythmEngagement.Population)}. Named {@code predicted_clv}.
   *
   * @param horizon how far ahead, such as {@code Duration.ofDays(365)}
   * @return the score
   * @throws IllegalArgumentException if the horizon is not positive
   */
  public static Score predictedClv(Duration horizon) {
    return predictedClv(horizon, RhythmEngagement.Population.ofDefaults());
  }

  /**
   * The predicted customer lifetime value over a horizon: {@code E[orders over the horizon] ×
   * average order value}; 0 for a customer who never bought. Named {@code predicted_clv}.
   *
   * <p>The expected orders come from the per-customer rhythm model of {@link RhythmEngagement}
   * (BG/NBD), applied to the customer's orders as the revenue definition counts them (one per
   * instant with a positive amount, as the rhythm model counts occasions): {@link
   * RhythmEngagement.Population#expectedOccasions}. Give it the same population as the engine's
   * engagement model, ideally one {@link RhythmEngagement.Population#fit fitted} to your
   * customers' orders.
   *
   * <p><b>Assumptions.</b> Those of BG/NBD: while active, a customer orders at their own steady
   * rate; after each order they may stop for good; rates and stopping chances vary across
   * customers as the population's parameters say. Beyond it: a customer's future orders keep
   * their past average value (the average of the positive amounts: returns lower the revenue,
   * not the average order),
   * the value of an order does not depend on how often they order, and there is no discounting.
   *
   * <pre>{@code
   * Population fitted = Population.fit(customers, Set.of("purchased"));
   * Score clv = Scores.predictedClv(Duration.ofDays(365), fitted);
   * }</pre>
   *
   * @param horizon how far ahead, such as {@code Duration.ofDays(365)}
   * @param population the rhythm model's population parameters
   * @return the score
   * @throws IllegalArgumentException if the horizon is not positive or the population null
   */
  public static Score predictedClv(Duration horizon, RhythmEngagement.Population population) {
    Checks.positive("predicted_clv", "horizon", horizon);
    Checks.notNull("predicted_clv", "population", population);
    return new PredictedClv(horizon, population);
  }

  /** Revenue within a window. */
  private static final class HistoricalClv implements Score {
    private final Duration window;

    HistoricalClv(Duration window) {
      this.window = window;
    }

    @Override
    public String name() {
      return "historical_clv";
    }

    @Override
    public Scale scale() {
      return Scale.MONEY;
    }

    @Override
    public double of(Customer customer) {
      return customer.purchases().revenue(window);
    }

    @Override
    public Optional<Instant> nextReview(Customer customer) {
      return customer.purchases().nextExpiry(window);
    }

    @Override
    public boolean dependsOn(String eventType) {
      return false; // purchases only, which the engine always reads scores again after
    }

    @Override
    public String toString() {
      return "historical_clv over " + window;
    }
  }

  /** Expected orders times average order value. */
  private static final class PredictedClv implements Score {
    private final Duration horizon;
    private final double horizonDays;
    private final RhythmEngagement.Population rhythm;

    PredictedClv(Duration horizon, RhythmEngagement.Population rhythm) {
      this.horizon = horizon;
      this.horizonDays = horizon.toNanos() / DAY_NANOS;
      this.rhythm = rhythm;
    }

    @Override
    public String name() {
      return "predicted_clv";
    }

    @Override
    public Scale scale() {
      return Scale.MONEY;
    }

    @Override
    public double of(Customer customer) {
      Purchases p = customer.purchases();
      OptionalDouble aov = p.averageOrderValue();
      if (p.orders() == 0 || aov.isEmpty()) {
        return 0;
      }
      double span = days(p.firstOrder().get(), p.lastOrder().get());
      double age = days(p.firstOrder().get(), customer.now());
      return value(p.orders(), span, age, aov.getAsDouble());
    }

    private double value(long orders, double span, double age, double aov) {
      double expected = rhythm.expectedOccasions(orders - 1, span, Math.max(span, age),
          horizonDays);
      return expected * aov;
    }

    /**
     * The value falls as the silence grows: the instant it leaves its bucket, found by bisection
     * on the customer's age, within ten years.
     */
    @Override
    public Optional<Instant> nextReview(Customer customer) {
      Purchases p = customer.purchases();
      OptionalDouble aov = p.averageOrderValue();
      if (p.orders() == 0 || aov.isEmpty() || aov.getAsDouble() <= 0) {
        return Optional.empty();
      }
      double span = days(p.firstOrder().get(), p.lastOrder().get());
      double age = Math.max(span, days(p.firstOrder().get(), customer.now()));
      double now = value(p.orders(), span, age, aov.getAsDouble());
      double low = Scale.MONEY.low(Scale.MONEY.bucketOf(now));
      double lo = age;
      double hi = age + LOOK_AHEAD_DAYS;
      if (value(p.orders(), span, hi, aov.getAsDouble()) >= low) {
        return Optional.empty();
      }
      for (int i = 0; i < 60 && hi - lo > 1.0 / 1440; i++) {
        double mid = (lo + hi) / 2;
        if (value(p.orders(), span, mid, aov.getAsDouble()) >= low) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      Instant at = p.firstOrder().get().plusNanos((long) (hi * DAY_NANOS));
      return at.isAfter(customer.now()) ? Optional.of(at)
          : Optional.of(customer.now().plusSeconds(60));
    }

    @Override
    public boolean dependsOn(String eventType) {
      return false; // purchases only, which the engine always reads scores again after
    }

    @Override
    public String toString() {
      return "predicted_clv over " + horizon + " (" + rhythm + ")";
    }
  }

  private static double days(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / DAY_NANOS;
  }
}
