package dev.rapport.core.measure;

import dev.rapport.core.Channel;
import dev.rapport.core.internal.Checks;
import java.util.Locale;

/**
 * A bound on a metric that must not be crossed: while it is (with at least the minimum sample),
 * the gate refuses what the guardrail protects with {@code GUARDRAIL_PAUSED}; once the metric
 * comes back past the recovery point (hysteresis, so that it does not flap), sends resume.
 *
 * <p>What a guardrail watches and what it pauses are two choices. By default it watches the
 * metric's global value and pauses every marketing message. {@code forJourney}, {@code
 * forAction} and {@code forChannel} narrow both: the guardrail watches the metric within one
 * journey, action or channel (the metric must break down by it, as the per-message rates do) and
 * pauses that one only. {@code pausingJourney}, {@code pausingAction} and {@code pausingChannel}
 * narrow what is paused only: the guardrail watches the metric's global value, which any metric
 * has, and pauses one journey, action or channel when it breaks its bound. That is the shape for
 * a metric that no message caused, such as CSAT from survey answers, guarding a promotion.
 *
 * <p>Copy-on-write: a guardrail is a value, and every method returns a new guardrail, leaving the
 * one it was called on as it was, so that a shared guardrail can be narrowed for each journey
 * without one narrowing reaching another. Each setting is given once: a minimum sample, a
 * recovery point and what the guardrail protects (one of the six narrowing methods) are refused
 * on a guardrail that already has one.
 *
 * <pre>{@code
 * guardrail(unsubscribeRate()).below(0.02).minSample(200)                  // pauses everything
 * guardrail(unsubscribeRate()).below(0.05).forJourney("win-back")          // watches and pauses one journey
 * guardrail(csat()).above(0.7).minSample(50).pausingJourney("promo")       // watches all, pauses one journey
 * guardrail(csat()).above(0.7).minSample(50).recoverAt(0.75)
 * }</pre>
 */
public final class Guardrail {
  /** Which side of the bound is healthy. */
  public enum Direction {
    /** The metric must stay below the bound. */
    BELOW,
    /** The metric must stay above the bound. */
    ABOVE
  }

  /** What a breached guardrail pauses. */
  public enum Scope {
    /** Every marketing message; transactional messages are never held back by it. */
    EVERYTHING,
    /** One journey's messages. */
    JOURNEY,
    /** One action, wherever it is sent from. */
    ACTION,
    /** One channel. */
    CHANNEL
  }

  private final Metric metric;
  private final Direction direction;
  private final double bound;
  private final Double recoverAt;
  private final long minSample;
  private final boolean minSampleGiven;
  private final Scope scope;
  private final String target;
  /** Whether the guardrail watches the global value while it pauses one target only. */
  private final boolean global;

  private Guardrail(Metric metric, Direction direction, double bound, Double recoverAt,
      long minSample, boolean minSampleGiven, Scope scope, String target) {
    this(metric, direction, bound, recoverAt, minSample, minSampleGiven, scope, target, false);
  }

  private Guardrail(Metric metric, Direction direction, double bound, Double recoverAt,
      long minSample, boolean minSampleGiven, Scope scope, String target, boolean global) {
    this.metric = metric;
    this.direction = direction;
    this.bound = bound;
    this.recoverAt = recoverAt;
    this.minSample = minSample;
    this.minSampleGiven = minSampleGiven;
    this.scope = scope;
    this.target = target;
    this.global = global;
  }

  /**
   * Starts a guardrail on a metric.
   *
   * @param metric the metric
   * @return the next step: its bound
   * @throws IllegalArgumentException if null
   */
  public static Start on(Metric metric) {
    Checks.notNull("guardrail", "metric", metric);
    return new Start(metric);
  }

  /**
   * Returns a copy that acts only with at least this many observations.
   *
   * @param n the minimum sample, 1 or more
   * @return the new guardrail
   * @throws IllegalArgumentException if less than 1
   * @throws IllegalStateException if this guardrail already has a minimum sample
   */
  public Guardrail minSample(long n) {
    if (n < 1) {
      throw new IllegalArgumentException(owner() + ": minSample is " + n + "; give 1 or more");
    }
    Checks.once(owner(), "minSample", minSampleGiven);
    return new Guardrail(metric, direction, bound, recoverAt, n, true, scope, target, global);
  }

  /**
   * Returns a copy that recovers only once the metric is past a point on the healthy side of the
   * bound; by default 10% of the bound inside it.
   *
   * @param value the recovery point
   * @return the new guardrail
   * @throws IllegalArgumentException if not finite or not on the healthy side of the bound
   * @throws IllegalStateException if this guardrail already has a recovery point
   */
  public Guardrail recoverAt(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)
        || (direction == Direction.BELOW ? value > bound : value < bound)) {
      throw new IllegalArgumentException(owner() + ": recoverAt(" + value + ") must be on the "
          + "healthy side of the bound, " + (direction == Direction.BELOW ? "at most " : "at least ")
          + bound);
    }
    Checks.once(owner(), "recoverAt", recoverAt != null);
    return new Guardrail(metric, direction, bound, value, minSample, minSampleGiven, scope,
        target, global);
  }

  /**
   * Returns a copy that watches the metric within one journey and pauses that journey only.
   * The metric must break down by {@link Breakdown#JOURNEY}.
   *
   * @param journey the journey's name
   * @return the new guardrail
   * @throws IllegalArgumentException if blank
   * @throws IllegalStateException if this guardrail already protects a journey, an action or a
   *     channel
   */
  public Guardrail forJourney(String journey) {
    return narrowed(Scope.JOURNEY, Checks.name(owner() + ": journey", journey));
  }

  /**
   * Returns a copy that watches the metric for one action and pauses that action only. The
   * metric must break down by {@link Breakdown#ACTION}.
   *
   * @param action the action's name
   * @return the new guardrail
   * @throws IllegalArgumentException if blank
   * @throws IllegalStateException if this guardrail already protects a journey, an action or a
   *     channel
   */
  public Guardrail forAction(String action) {
    return narrowed(Scope.ACTION, Checks.name(owner() + ": action", action));
  }

  /**
   * Returns a copy that watches the metric on one channel and pauses that channel only. The
   * metric must break down by {@link Breakdown#CHANNEL}.
   *
   * @param channel the channel
   * @return the new guardrail
   * @throws IllegalArgumentException if null
   * @throws IllegalStateException if this guardrail already protects a journey, an action or a
   *     channel
   */
  public Guardrail forChannel(Channel channel) {
    Checks.notNull(owner(), "channel", channel);
    return narrowed(Scope.CHANNEL, channel.name());
  }

  /**
   * Returns a copy that watches the metric's global value and, when it breaks the bound, pauses
   * one journey only (its marketing and transactional messages alike, as {@link #forJourney}
   * does); the metric need not break down by journey. For a metric that no message caused, such
   * as CSAT from survey answers, guarding a journey:
   *
   * <pre>{@code
   * guardrail(csat()).above(0.7).minSample(50).pausingJourney("spring-promo")
   * }</pre>
   *
   * @param journey the journey's name
   * @return the new guardrail
   * @throws IllegalArgumentException if blank
   * @throws IllegalStateException if this guardrail already protects a journey, an action or a
   *     channel
   */
  public Guardrail pausingJourney(String journey) {
    return narrowed(Scope.JOURNEY, Checks.name(owner() + ": journey", journey), true);
  }

  /**
   * Returns a copy that watches the metric's global value and, when it breaks the bound, pauses
   * one action only, wherever it is sent from; the metric need not break down by action.
   *
   * @param action the action's name
   * @return the new guardrail
   * @throws IllegalArgumentException if blank
   * @throws IllegalStateException if this guardrail already protects a journey, an action or a
   *     channel
   */
  public Guardrail pausingAction(String action) {
    return narrowed(Scope.ACTION, Checks.name(owner() + ": action", action), true);
  }

  /**
   * Returns a copy that watches the metric's global value and, when it breaks the bound, pauses
   * one channel only (a message goes on its action's next channel that is not paused); the
   * metric need not break down by channel.
   *
   * @param channel the channel
   * @return the new guardrail
   * @throws IllegalArgumentException if null
   * @throws IllegalStateException if this guardrail already protects a journey, an action or a
   *     channel
   */
  public Guardrail pausingChannel(Channel channel) {
    Checks.notNull(owner(), "channel", channel);
    return narrowed(Scope.CHANNEL, channel.name(), true);
  }

  private Guardrail narrowed(Scope to, String what) {
    return narrowed(to, what, false);
  }

  private Guardrail narrowed(Scope to, String what, boolean watchGlobal) {
    if (scope != Scope.EVERYTHING) {
      throw new IllegalStateException(owner() + ": already protects " + protects()
          + "; a guardrail protects one journey, action or channel: declare one guardrail for "
          + "each");
    }
    return new Guardrail(metric, direction, bound, recoverAt, minSample, minSampleGiven, to,
        what, watchGlobal);
  }

  private String owner() {
    return "guardrail on '" + metric.name() + "'";
  }

  /**
   * Returns the metric watched.
   *
   * @return the metric
   */
  public Metric metric() {
    return metric;
  }

  /**
   * Returns the healthy side of the bound.
   *
   * @return the direction
   */
  public Direction direction() {
    return direction;
  }

  /**
   * Returns the bound.
   *
   * @return the bound
   */
  public double bound() {
    return bound;
  }

  /**
   * Returns the recovery point: the given one, or 10% of the bound inside it. The default is
   * computed in decimal, so that the point of {@code above(0.5)} is exactly the double nearest
   * 0.55, as a reader of the definition expects, and not 0.55000000000000004.
   *
   * @return the recovery point
   */
  public double recoveryPoint() {
    if (recoverAt != null) {
      return recoverAt;
    }
    java.math.BigDecimal b = java.math.BigDecimal.valueOf(bound);
    java.math.BigDecimal margin = b.abs().multiply(java.math.BigDecimal.valueOf(1, 1));
    return (direction == Direction.BELOW ? b.subtract(margin) : b.add(margin)).doubleValue();
  }

  /**
   * Returns the minimum sample; 30 unless set.
   *
   * @return the minimum sample
   */
  public long minSample() {
    return minSample;
  }

  /**
   * Returns what the guardrail pauses.
   *
   * @return the scope
   */
  public Scope scope() {
    return scope;
  }

  /**
   * Returns the journey, action or channel paused, empty for everything.
   *
   * @return the target
   */
  public String target() {
    return target;
  }

  /**
   * Returns the metric's dimension the guardrail watches: {@code global} (for a guardrail on
   * everything, and for those of {@code pausingJourney}, {@code pausingAction} and {@code
   * pausingChannel}), or the journey's, action's or channel's (for those of {@code forJourney},
   * {@code forAction} and {@code forChannel}).
   *
   * @return the dimension
   */
  public String dimension() {
    if (global) {
      return "global";
    }
    switch (scope) {
      case JOURNEY:
        return "journey:" + target;
      case ACTION:
        return "action:" + target;
      case CHANNEL:
        return "channel:" + target;
      default:
        return "global";
    }
  }

  /**
   * Tells whether a value with a sample breaks the bound.
   *
   * @param value the metric's value
   * @param sample its sample
   * @return whether breached
   */
  public boolean isBreachedBy(double value, long sample) {
    if (sample < minSample || Double.isNaN(value)) {
      return false;
    }
    return direction == Direction.BELOW ? value >= bound : value <= bound;
  }

  /**
   * Tells whether a value is past the recovery point (the point itself is not past it, whether
   * given or the default, for every bound alike).
   *
   * @param value the metric's value
   * @return whether recovered
   */
  public boolean isRecoveredBy(double value) {
    if (Double.isNaN(value)) {
      return true; // the window emptied: nothing says the program is hurting any more
    }
    double r = recoveryPoint();
    return direction == Direction.BELOW ? value < r : value > r;
  }

  /**
   * Describes what the guardrail pauses, such as {@code everything} or {@code journey
   * win-back}.
   *
   * @return the description
   */
  public String protects() {
    return scope == Scope.EVERYTHING ? "everything"
        : scope.name().toLowerCase(Locale.ROOT) + " " + target;
  }

  /**
   * Describes the guardrail, such as {@code unsubscribe_rate below 0.02 (min 200)}, {@code
   * unsubscribe_rate below 0.05 (min 30, journey win-back)} (watching and pausing one journey)
   * or {@code csat above 0.7 (min 50, pausing journey promo)} (watching the global value, pausing
   * one journey). Two guardrails of an engine with the same description are one guardrail in its
   * store and its dashboard.
   */
  @Override
  public String toString() {
    return metric.name() + " " + direction.name().toLowerCase(Locale.ROOT) + " " + bound
        + " (min " + minSample + (scope == Scope.EVERYTHING ? ""
            : ", " + (global ? "pausing " : "") + protects()) + ")";
  }

  /** A guardrail waiting for its bound. */
  public static final class Start {
    private final Metric metric;

    private Start(Metric metric) {
      this.metric = metric;
    }

    /**
     * The metric must stay below a bound.
     *
     * @param bound the bound
     * @return the guardrail, pausing everything with a minimum sample of 30 unless changed
     * @throws IllegalArgumentException if not finite
     */
    public Guardrail below(double bound) {
      return make(Direction.BELOW, bound);
    }

    /**
     * The metric must stay above a bound.
     *
     * @param bound the bound
     * @return the guardrail, pausing everything with a minimum sample of 30 unless changed
     * @throws IllegalArgumentException if not finite
     */
    public Guardrail above(double bound) {
      return make(Direction.ABOVE, bound);
    }

    private Guardrail make(Direction d, double bound) {
      if (Double.isNaN(bound) || Double.isInfinite(bound)) {
        throw new IllegalArgumentException("guardrail on '" + metric.name() + "': bound is "
            + bound + "; give a finite number");
      }
      return new Guardrail(metric, d, bound, null, 30, false, Scope.EVERYTHING, "");
    }
  }
}
