package dev.rapport.core;

import dev.rapport.core.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The standard scores: a customer's historical and predicted lifetime value, their engagement,
 * their support load and their sentiment (the parts of an account health score, {@link
 * HealthScore}). Declare the ones a
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

  /**
   * The engagement score over the given engagement events, with the defaults of {@link
   * EngagementScore} (which configures the rest). Named {@code engagement}.
   *
   * @param engagementEvents the event types that count as engagement
   * @return the score, from 0 to 100
   * @throws IllegalArgumentException if the set is null or empty or holds a blank type
   */
  public static Score engagement(Set<String> engagementEvents) {
    return EngagementScore.builder(engagementEvents).build();
  }

  /**
   * How lightly a customer weighs on support, in points: 100 for a customer with no ticket in
   * the last 90 days, 20 points off per ticket opened in them, and 30 more while one is open;
   * never below 0. A part of an account health score ({@link HealthScore}). Named {@code
   * support_load}: the higher, the lighter the load.
   *
   * @return the score
   */
  public static Score supportLoad() {
    return SupportLoad.INSTANCE;
  }

  /**
   * What a customer said in surveys, in points: the mean of their answers of the last 180
   * days, each put on 0 to 100 ({@code csat} 1 to 5 as {@code (score - 1) * 25}, {@code nps} 0
   * to 10 as {@code score * 10}, {@code ces} 1 to 7, where 7 is the least effort, as {@code
   * (score - 1) * 100 / 6}); answers of another kind or out of their range are left out. NaN
   * (no value) for a customer who answered none: a health score then leaves this part out.
   * Named {@code sentiment}.
   *
   * @return the score
   */
  public static Score sentiment() {
    return Sentiment.INSTANCE;
  }

  /** Tickets opened within 90 days, and one open now. */
  private static final class SupportLoad implements Score {
    static final SupportLoad INSTANCE = new SupportLoad();
    private static final Duration WINDOW = Duration.ofDays(90);

    @Override
    public String name() {
      return "support_load";
    }

    @Override
    public Scale scale() {
      return Scale.POINTS;
    }

    @Override
    public double of(Customer c) {
      long opened = c.count(EventTypes.TICKET_OPENED, WINDOW);
      boolean open = c.count(EventTypes.TICKET_OPENED) > c.count(EventTypes.TICKET_RESOLVED);
      return Math.max(0, 100 - 20 * opened - (open ? 30 : 0));
    }

    @Override
    public Optional<Instant> nextReview(Customer c) {
      Instant next = null;
      for (Event e : c.history(EventTypes.TICKET_OPENED)) {
        next = NegativeSignals.earliestAfter(next, c.now(), Optional.of(e.time().plus(WINDOW)));
      }
      return Optional.ofNullable(next);
    }

    @Override
    public boolean dependsOn(String eventType) {
      return eventType.equals(EventTypes.TICKET_OPENED)
          || eventType.equals(EventTypes.TICKET_RESOLVED);
    }

    @Override
    public String toString() {
      return "support_load: 100 - 20 per ticket in 90 days - 30 while one is open";
    }
  }

  /** Survey answers within 180 days, on 0 to 100. */
  private static final class Sentiment implements Score {
    static final Sentiment INSTANCE = new Sentiment();
    private static final Duration WINDOW = Duration.ofDays(180);

    @Override
    public String name() {
      return "sentiment";
    }

    @Override
    public Scale scale() {
      return Scale.POINTS;
    }

    @Override
    public double of(Customer c) {
      Instant cutoff = c.now().minus(WINDOW);
      double sum = 0;
      int n = 0;
      for (Event e : c.history(EventTypes.SURVEY_ANSWERED)) {
        if (!e.time().isAfter(cutoff) || e.time().isAfter(c.now())) {
          continue;
        }
        double points = points(e);
        if (!Double.isNaN(points)) {
          sum += points;
          n++;
        }
      }
      return n == 0 ? Double.NaN : sum / n;
    }

    private static double points(Event e) {
      Object kind = e.properties().get(EventTypes.KIND);
      Object value = e.properties().get(EventTypes.SCORE);
      if (!(value instanceof Number)) {
        return Double.NaN;
      }
      double s = ((Number) value).doubleValue();
      if ("csat".equals(kind) && s >= 1 && s <= 5) {
        return (s - 1) * 25;
      }
      if ("nps".equals(kind) && s >= 0 && s <= 10) {
        return s * 10;
      }
      if ("ces".equals(kind) && s >= 1 && s <= 7) {
        return (s - 1) * 100 / 6;
      }
      return Double.NaN;
    }

    @Override
    public Optional<Instant> nextReview(Customer c) {
      Instant next = null;
      for (Event e : c.history(EventTypes.SURVEY_ANSWERED)) {
        next = NegativeSignals.earliestAfter(next, c.now(), Optional.of(e.time().plus(WINDOW)));
      }
      return Optional.ofNullable(next);
    }

    @Override
    public boolean dependsOn(String eventType) {
      return eventType.equals(EventTypes.SURVEY_ANSWERED);
    }

    @Override
    public String toString() {
      return "sentiment: survey answers of 180 days on 0 to 100";
    }
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
