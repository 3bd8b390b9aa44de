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
   * The predicted customer lifetime value over a horizon: the orders the customer is expected to
   * place over it ({@link PurchaseRhythm#ofDefaults()}) times their average order value; 0 for a
   * customer who never bought. Named {@code predicted_clv}.
   *
   * @param horizon how far ahead, such as {@code Duration.ofDays(365)}
   * @return the score
   * @throws IllegalArgumentException if the horizon is not positive
   */
  public static Score predictedClv(Duration horizon) {
    return predictedClv(horizon, PurchaseRhythm.ofDefaults());
  }

  /**
   * The predicted customer lifetime value over a horizon, with a rhythm of your choice: {@code
   * E[orders over the horizon] × average order value}. It assumes that a customer's orders keep
   * their past average value, and that the value of an order does not depend on how often they
   * order (the rhythm estimates how many, the customer's own history how much). Named {@code
   * predicted_clv}.
   *
   * @param horizon how far ahead, such as {@code Duration.ofDays(365)}
   * @param rhythm the estimate of the customer's coming orders
   * @return the score
   * @throws IllegalArgumentException if the horizon is not positive or the rhythm null
   */
  public static Score predictedClv(Duration horizon, PurchaseRhythm rhythm) {
    Checks.positive("predicted_clv", "horizon", horizon);
    Checks.notNull("predicted_clv", "rhythm", rhythm);
    return new PredictedClv(horizon, rhythm);
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
    private final PurchaseRhythm rhythm;

    PredictedClv(Duration horizon, PurchaseRhythm rhythm) {
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
      double expected = rhythm.expectedOrders(orders, span, Math.max(span, age), horizonDays);
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
