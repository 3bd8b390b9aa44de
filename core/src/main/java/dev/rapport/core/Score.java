package dev.rapport.core;

import dev.rapport.core.internal.Checks;
import java.time.Instant;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * A number the engine computes for each customer from what it knows about them: an engagement
 * score, an account health score, a customer lifetime value. Conditions read it with {@link
 * Customer#score(Score)}, or by name with {@link Customer#score(String)} once it is declared
 * with {@code Engine.builder().scores(...)}; a declared score is also tracked for the dashboard,
 * which shows how customers are distributed over it.
 *
 * <pre>{@code
 * Score health = HealthScore.builder()
 *     .part(Scores.engagement(Set.of("logged_in")), 0.5)
 *     .part(Scores.supportLoad(), 0.3)
 *     .part(Scores.sentiment(), 0.2)
 *     .build();
 * Condition needsCare = c -> c.score(health) < 40;
 * }</pre>
 *
 * <p>The standard scores are in {@link Scores}; {@link #of} makes one from a function. A score
 * must be a pure function of the customer's view (and of its time, {@link Customer#now()}), so
 * that reading it twice gives the same number and a replay gives the same scores.
 *
 * <p><b>Distributions.</b> The engine keeps each declared score's latest value per customer and
 * counts customers per bucket of its {@link Scale}: it reads the score again after every change
 * to the customer and at the score's {@link #nextReview}, so that a score that falls with time
 * (recency) moves bucket on time without an event.
 */
public interface Score {

  /**
   * What a score's values are, which fixes the buckets a dashboard counts customers in and how
   * it writes the values.
   */
  enum Scale {
    /** Points from 0 to 100, counted in ten buckets of ten points (the last holds 100). */
    POINTS(new double[] {0, 10, 20, 30, 40, 50, 60, 70, 80, 90}),
    /**
     * An amount of money in the engine's currency, counted in buckets from below 0 to 100,000
     * and more: {@code < 0}, {@code 0}, then from 0 (exclusive) to 10, 20, 50, 100, 200, 500,
     * 1,000, 2,000, 5,000, 10,000, 20,000, 50,000, 100,000, and 100,000 or more.
     */
    MONEY(new double[] {Double.NEGATIVE_INFINITY, 0, Double.MIN_VALUE, 10, 20, 50, 100, 200,
        500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000}),
    /** A plain number, counted in the same buckets as money. */
    NUMBER(MONEY.lows);

    private final double[] lows;

    Scale(double[] lows) {
      this.lows = lows;
    }

    /**
     * Returns how many buckets the scale has.
     *
     * @return the number of buckets
     */
    public int buckets() {
      return lows.length;
    }

    /**
     * Returns the bucket a value falls in: the last bucket whose lower bound is at most the
     * value. A points value below 0 falls in the first bucket.
     *
     * @param value the value, not NaN
     * @return the bucket's index, from 0
     * @throws IllegalArgumentException if the value is NaN
     */
    public int bucketOf(double value) {
      if (Double.isNaN(value)) {
        throw new IllegalArgumentException("score scale " + name() + ": a NaN value is in no "
            + "bucket; a score with no value is not counted");
      }
      for (int i = lows.length - 1; i > 0; i--) {
        if (value >= lows[i]) {
          return i;
        }
      }
      return 0;
    }

    /**
     * Returns a bucket's lower bound (inclusive): {@code -Infinity} for money's first bucket.
     *
     * @param bucket the bucket's index
     * @return the lower bound
     * @throws IndexOutOfBoundsException if there is no such bucket
     */
    public double low(int bucket) {
      return lows[bucket];
    }

    /**
     * Returns a bucket's upper bound (exclusive): {@code +Infinity} for the last bucket, and 100
     * (inclusive) for the last bucket of points.
     *
     * @param bucket the bucket's index
     * @return the upper bound
     * @throws IndexOutOfBoundsException if there is no such bucket
     */
    public double high(int bucket) {
      java.util.Objects.checkIndex(bucket, lows.length);
      if (bucket == lows.length - 1) {
        return this == POINTS ? 100 : Double.POSITIVE_INFINITY;
      }
      return lows[bucket + 1];
    }
  }

  /**
   * Returns the score's name, unique among the scores an engine declares.
   *
   * @return the name
   */
  String name();

  /**
   * Returns what the score's values are.
   *
   * @return the scale
   */
  Scale scale();

  /**
   * Computes the score of a customer now.
   *
   * @param customer the customer
   * @return the score, or NaN when the customer has none (such a customer is not counted in the
   *     score's distribution)
   */
  double of(Customer customer);

  /**
   * Returns the next instant after {@link Customer#now()} at which the score may move to another
   * bucket of its scale with no new event, so that the engine reads it again then. The default
   * says never: the score is read again on events only.
   *
   * @param customer the customer
   * @return the next review time, if any
   */
  default Optional<Instant> nextReview(Customer customer) {
    return Optional.empty();
  }

  /**
   * Tells whether an event of a type can change the score, so that the engine need not look for
   * a new review time after the others. The default says yes for every type.
   *
   * @param eventType the event type
   * @return whether the score may depend on it
   */
  default boolean dependsOn(String eventType) {
    return true;
  }

  /**
   * Makes a score from a function of the customer, read again on events only.
   *
   * <pre>{@code
   * Score seats = Score.of("seats", Score.Scale.NUMBER,
   *     c -> c.trait(TraitKey.of("seats", Long.class)).orElse(0L));
   * }</pre>
   *
   * @param name the score's name
   * @param scale what its values are
   * @param score the function, which returns NaN for a customer with no value
   * @return the score
   * @throws IllegalArgumentException if the name is blank or an argument is null
   */
  static Score of(String name, Scale scale, ToDoubleFunction<Customer> score) {
    String n = Checks.name("score", name);
    Checks.notNull("score '" + n + "'", "scale", scale);
    Checks.notNull("score '" + n + "'", "function", score);
    return new Score() {
      @Override
      public String name() {
        return n;
      }

      @Override
      public Scale scale() {
        return scale;
      }

      @Override
      public double of(Customer customer) {
        return score.applyAsDouble(customer);
      }

      @Override
      public String toString() {
        return "score '" + n + "' (" + scale.name().toLowerCase(java.util.Locale.ROOT) + ")";
      }
    };
  }
}
