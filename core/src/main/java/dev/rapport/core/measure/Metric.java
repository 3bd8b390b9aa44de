package dev.rapport.core.measure;

import dev.rapport.core.internal.Checks;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A measure computed incrementally from the events the engine sees (and its own dispatches, as
 * {@code dispatched} notices): a rate, a share, a mean or a net share, over a rolling time
 * window, the last N observations or all time, globally and in the {@link Breakdown}s asked for.
 *
 * <p>Copy-on-write: a metric is a value, and every method returns a new metric, leaving the one
 * it was called on as it was, so that a shared metric (the standard ones of {@link Metrics}
 * first) can be tailored for one use without the change reaching another. Unlike a builder's
 * settings, a metric's window, description, unit and scale are meant to be tailored: each method
 * replaces what the metric had ({@code Metrics.csat().last(50)} is CSAT over its last 50 answers
 * instead of 90 days), and {@link #by} adds breakdowns to those it has.
 *
 * <pre>{@code
 * Metric unsubscribes = Metric.rate("unsubscribe_rate")
 *     .count(EventSelector.type("unsubscribed"))
 *     .per(EventSelector.type("dispatched"))
 *     .over(Duration.ofDays(30))
 *     .by(Breakdown.JOURNEY, Breakdown.CHANNEL);
 * }</pre>
 *
 * <p>The standard ones are in {@link Metrics}.
 */
public final class Metric {
  /** How observations combine. */
  public enum Kind {
    /** Numerator events over denominator events. */
    RATE,
    /** The share of a population's events that also meet a condition. */
    SHARE,
    /** The mean of a value over a population's events. */
    MEAN,
    /** The share of promoters minus the share of detractors in a population (from -1 to 1). */
    NET_SHARE,
    /** The total of a value over a population's events, such as a revenue. */
    SUM,
    /**
     * A total of a value per count of something else, such as revenue per order (an average
     * order value) or orders per customer (a purchase frequency).
     */
    RATIO
  }

  /**
   * What a value metric of {@link Metrics} reads from the engine's revenue definition ({@code
   * Engine.builder().revenue(...)}) instead of from selectors: see {@link Metrics#revenue()},
   * {@link Metrics#averageOrderValue()}, {@link Metrics#purchaseFrequency()} and {@link
   * Metrics#customerValue()}.
   */
  public enum ValueSource {
    /** The sum of the amounts of the revenue events. */
    REVENUE,
    /** The positive amounts over the number of orders. */
    ORDER_VALUE,
    /** Orders over the customers who ordered. */
    ORDERS_PER_CUSTOMER,
    /** Revenue over the customers who ordered. */
    VALUE_PER_CUSTOMER;

    /** Whether the metric counts customers, which only a time window (or none) can do. */
    boolean perCustomer() {
      return this == ORDERS_PER_CUSTOMER || this == VALUE_PER_CUSTOMER;
    }
  }

  /**
   * What the values of a mean are, so that a dashboard can write them as a person would: rates
   * and shares are written as percentages and net shares on the -100 to 100 scale of a net
   * promoter score whatever their unit.
   */
  public enum Unit {
    /** A plain number, such as a basket size. */
    NUMBER,
    /** Hours, which a dashboard writes as a duration such as {@code 2d 12h}. */
    HOURS,
    /** An amount of money in the engine's currency, such as a revenue. */
    MONEY
  }

  /**
   * The scale a survey score is answered on, such as 1 to 7 for a customer-effort score; a
   * dashboard names it next to the mean.
   *
   * @param low the lowest score
   * @param high the highest score
   */
  public record Scale(double low, double high) {}

  private final String name;
  private final String description;
  private final Kind kind;
  private final EventSelector population;
  private final EventSelector hit;
  private final EventSelector detractors;
  private final ValueExtractor value;
  private final Duration window;
  private final Integer lastN;
  private final Set<Breakdown> breakdowns;
  private final Unit unit;
  private final Scale scale;
  private final ValueSource source;

  private Metric(String name, String description, Kind kind, EventSelector population,
      EventSelector hit, EventSelector detractors, ValueExtractor value, Duration window,
      Integer lastN, Set<Breakdown> breakdowns) {
    this(name, description, kind, population, hit, detractors, value, window, lastN, breakdowns,
        Unit.NUMBER, null, null);
  }

  private Metric(String name, String description, Kind kind, EventSelector population,
      EventSelector hit, EventSelector detractors, ValueExtractor value, Duration window,
      Integer lastN, Set<Breakdown> breakdowns, Unit unit, Scale scale, ValueSource source) {
    this.name = name;
    this.description = description;
    this.kind = kind;
    this.population = population;
    this.hit = hit;
    this.detractors = detractors;
    this.value = value;
    this.window = window;
    this.lastN = lastN;
    this.breakdowns = breakdowns;
    this.unit = unit;
    this.scale = scale;
    this.source = source;
  }

  private Metric copy(String newDescription, Duration newWindow, Integer newLastN,
      Set<Breakdown> newBreakdowns) {
    return new Metric(name, newDescription, kind, population, hit, detractors, value, newWindow,
        newLastN, newBreakdowns, unit, scale, source);
  }

  /**
   * Makes a value metric, which reads the engine's revenue definition: for {@link Metrics}.
   *
   * @param name the metric's name
   * @param kind a sum or a ratio
   * @param unit money or a number
   * @param source what it reads
   * @param window its window, or null for all time
   * @return the metric
   */
  static Metric value(String name, Kind kind, Unit unit, ValueSource source, Duration window) {
    return new Metric(name, name, kind, NOTHING, null, null, null, window, null, Set.of(), unit,
        null, source);
  }

  /** The population of a value metric, which reads the engine's revenue instead. */
  private static final EventSelector NOTHING = (e, c) -> false;

  /**
   * Starts a rate: numerator events over denominator events.
   *
   * @param name the metric's name
   * @return the next step
   * @throws IllegalArgumentException if blank
   */
  public static RateStart rate(String name) {
    return new RateStart(Checks.name("metric", name));
  }

  /**
   * Starts a share: the share of a population's events that meet a condition.
   *
   * @param name the metric's name
   * @return the next step
   * @throws IllegalArgumentException if blank
   */
  public static ShareStart share(String name) {
    return new ShareStart(Checks.name("metric", name));
  }

  /**
   * Starts a mean of a value over a population's events.
   *
   * @param name the metric's name
   * @return the next step
   * @throws IllegalArgumentException if blank
   */
  public static MeanStart mean(String name) {
    return new MeanStart(Checks.name("metric", name));
  }

  /**
   * Starts a net share: promoters' share minus detractors' share, as NPS is.
   *
   * @param name the metric's name
   * @return the next step
   * @throws IllegalArgumentException if blank
   */
  public static NetStart net(String name) {
    return new NetStart(Checks.name("metric", name));
  }

  /**
   * Returns a copy over a rolling time window ending now.
   *
   * @param duration the window, positive
   * @return the new metric
   * @throws IllegalArgumentException if not positive
   */
  public Metric over(Duration duration) {
    Checks.positive("metric '" + name + "'", "over", duration);
    return copy(description, duration, null, breakdowns);
  }

  /**
   * Returns a copy over the last N observations (of the denominator, for a rate).
   *
   * @param n the number, 1 or more
   * @return the new metric
   * @throws IllegalArgumentException if less than 1
   */
  public Metric last(int n) {
    if (source != null && source.perCustomer()) {
      throw new IllegalStateException("metric '" + name + "': last(" + n + ") keeps a number of "
          + "observations, but this metric counts the customers who ordered, which only a time "
          + "window can; use over(Duration)");
    }
    if (n < 1) {
      throw new IllegalArgumentException("metric '" + name + "': last(" + n
          + ") keeps no observation; give 1 or more");
    }
    return copy(description, null, n, breakdowns);
  }

  /**
   * Returns a copy also computed in dimensions.
   *
   * @param more the breakdowns
   * @return the new metric
   */
  public Metric by(Breakdown... more) {
    Set<Breakdown> all = breakdowns.isEmpty() ? EnumSet.noneOf(Breakdown.class)
        : EnumSet.copyOf(breakdowns);
    for (Breakdown b : more) {
      Checks.notNull("metric '" + name + "'", "breakdown", b);
      all.add(b);
    }
    return copy(description, window, lastN, Set.copyOf(all));
  }

  /**
   * Returns a copy with a description, for dashboards.
   *
   * @param text the description
   * @return the new metric
   * @throws IllegalArgumentException if blank
   */
  public Metric describedAs(String text) {
    return copy(Checks.name("metric '" + name + "' description", text), window, lastN,
        breakdowns);
  }

  /**
   * Returns a copy of a mean whose values are in a unit, so that a dashboard writes them as a
   * person would: {@code Metric.mean("time_to_reply_hours")...measuredIn(Unit.HOURS)} is shown
   * as {@code 14h 30m}, not {@code 14.5}.
   *
   * @param unit the unit
   * @return the new metric
   * @throws IllegalArgumentException if null
   * @throws IllegalStateException if the metric is not a mean (rates and shares are written as
   *     percentages, net shares from -100 to 100)
   */
  public Metric measuredIn(Unit unit) {
    Checks.notNull("metric '" + name + "'", "measuredIn", unit);
    requireMean("measuredIn(" + unit + ")");
    return new Metric(name, description, kind, population, hit, detractors, value, window, lastN,
        breakdowns, unit, scale, source);
  }

  /**
   * Returns a copy of a mean of survey scores answered on a scale, such as 1 to 7 for a
   * customer-effort score, which a dashboard names next to the mean ({@code 4.1 on 1–7}).
   *
   * @param low the lowest score
   * @param high the highest score
   * @return the new metric
   * @throws IllegalArgumentException if a bound is not finite or low is not below high
   * @throws IllegalStateException if the metric is not a mean
   */
  public Metric onScale(double low, double high) {
    if (!Double.isFinite(low) || !Double.isFinite(high) || low >= high) {
      throw new IllegalArgumentException("metric '" + name + "': onScale(" + low + ", " + high
          + ") is not a scale; give finite bounds with low below high, such as onScale(1, 7)");
    }
    requireMean("onScale");
    return new Metric(name, description, kind, population, hit, detractors, value, window, lastN,
        breakdowns, unit, new Scale(low, high), source);
  }

  private void requireMean(String setting) {
    if (kind != Kind.MEAN) {
      throw new IllegalStateException("metric '" + name + "': " + setting + " is for a mean, and "
          + "this metric is a " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
          + ", which dashboards write as a percentage or a net score; remove it");
    }
  }

  /**
   * Returns the name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the description.
   *
   * @return the description
   */
  public String description() {
    return description;
  }

  /**
   * Returns how observations combine.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Returns what a mean's values are: {@link Unit#NUMBER} unless set with {@link
   * #measuredIn(Unit)}; {@link Unit#MONEY} for the money metrics of {@link Metrics}; and
   * {@link Unit#NUMBER} for rates, shares and net shares.
   *
   * @return the unit
   */
  public Unit unit() {
    return unit;
  }

  /**
   * Returns what a value metric reads from the engine's revenue definition, for the value
   * metrics of {@link Metrics}; such a metric has no selectors of its own (its {@link
   * #population()} selects nothing) and needs an engine with a revenue definition.
   *
   * @return the source, or empty for a metric over selectors
   */
  public Optional<ValueSource> valueSource() {
    return Optional.ofNullable(source);
  }

  /**
   * Returns the scale a mean's survey scores are answered on, if set with {@link #onScale}.
   *
   * @return the scale
   */
  public Optional<Scale> scale() {
    return Optional.ofNullable(scale);
  }

  /**
   * Returns the rolling time window, if the metric has one.
   *
   * @return the window
   */
  public Optional<Duration> window() {
    return Optional.ofNullable(window);
  }

  /**
   * Returns the number of observations kept, if the metric keeps the last N.
   *
   * @return N
   */
  public OptionalInt lastN() {
    return lastN == null ? OptionalInt.empty() : OptionalInt.of(lastN);
  }

  /**
   * Describes the window: {@code last 30 days}, {@code last 500} or {@code all time}.
   *
   * @return the description
   */
  public String windowText() {
    if (window != null) {
      return window.toHours() % 24 == 0 && window.toDays() > 0 ? "last " + window.toDays()
          + " days" : "last " + window;
    }
    return lastN != null ? "last " + lastN : "all time";
  }

  /**
   * Returns the dimensions the metric is computed in besides globally.
   *
   * @return the breakdowns
   */
  public Set<Breakdown> breakdowns() {
    return breakdowns;
  }

  /**
   * Returns the population: the denominator of a rate, the population of a share, mean or net
   * share.
   *
   * @return the selector
   */
  public EventSelector population() {
    return population;
  }

  /**
   * Returns the numerator of a rate, the condition of a share, or the promoters of a net share.
   *
   * @return the selector, if the kind has one
   */
  public Optional<EventSelector> hit() {
    return Optional.ofNullable(hit);
  }

  /**
   * Returns the detractors of a net share.
   *
   * @return the selector, if a net share
   */
  public Optional<EventSelector> detractors() {
    return Optional.ofNullable(detractors);
  }

  /**
   * Returns the value a mean averages.
   *
   * @return the extractor, if a mean
   */
  public Optional<ValueExtractor> value() {
    return Optional.ofNullable(value);
  }

  @Override
  public String toString() {
    return name + " (" + kind.name().toLowerCase(java.util.Locale.ROOT) + ", " + windowText()
        + ")";
  }

  /** A rate waiting for its numerator. */
  public static final class RateStart {
    private final String name;

    private RateStart(String name) {
      this.name = name;
    }

    /**
     * Sets the numerator.
     *
     * @param numerator the events counted
     * @return the next step
     * @throws IllegalArgumentException if null
     */
    public RatePer count(EventSelector numerator) {
      Checks.notNull("metric '" + name + "'", "count", numerator);
      return new RatePer(name, numerator);
    }
  }

  /** A rate waiting for its denominator. */
  public static final class RatePer {
    private final String name;
    private final EventSelector numerator;

    private RatePer(String name, EventSelector numerator) {
      this.name = name;
      this.numerator = numerator;
    }

    /**
     * Sets the denominator.
     *
     * @param denominator the events counted against
     * @return the metric, over all time until given a window
     * @throws IllegalArgumentException if null
     */
    public Metric per(EventSelector denominator) {
      Checks.notNull("metric '" + name + "'", "per", denominator);
      return new Metric(name, name, Kind.RATE, denominator, numerator, null, null, null, null,
          Set.of());
    }
  }

  /** A share waiting for its population. */
  public static final class ShareStart {
    private final String name;

    private ShareStart(String name) {
      this.name = name;
    }

    /**
     * Sets the population.
     *
     * @param population the events the share is of
     * @return the next step
     * @throws IllegalArgumentException if null
     */
    public ShareWhere of(EventSelector population) {
      Checks.notNull("metric '" + name + "'", "of", population);
      return new ShareWhere(name, population);
    }
  }

  /** A share waiting for its condition. */
  public static final class ShareWhere {
    private final String name;
    private final EventSelector population;

    private ShareWhere(String name, EventSelector population) {
      this.name = name;
      this.population = population;
    }

    /**
     * Sets the condition.
     *
     * @param condition what the counted share of the population meets
     * @return the metric
     * @throws IllegalArgumentException if null
     */
    public Metric where(EventSelector condition) {
      Checks.notNull("metric '" + name + "'", "where", condition);
      return new Metric(name, name, Kind.SHARE, population, condition, null, null, null, null,
          Set.of());
    }
  }

  /** A mean waiting for its population. */
  public static final class MeanStart {
    private final String name;

    private MeanStart(String name) {
      this.name = name;
    }

    /**
     * Sets the population.
     *
     * @param population the events averaged over
     * @return the next step
     * @throws IllegalArgumentException if null
     */
    public MeanValue of(EventSelector population) {
      Checks.notNull("metric '" + name + "'", "of", population);
      return new MeanValue(name, population);
    }
  }

  /** A mean waiting for its value. */
  public static final class MeanValue {
    private final String name;
    private final EventSelector population;

    private MeanValue(String name, EventSelector population) {
      this.name = name;
      this.population = population;
    }

    /**
     * Sets the value.
     *
     * @param value what is averaged
     * @return the metric
     * @throws IllegalArgumentException if null
     */
    public Metric value(ValueExtractor value) {
      Checks.notNull("metric '" + name + "'", "value", value);
      return new Metric(name, name, Kind.MEAN, population, null, null, value, null, null,
          Set.of());
    }
  }

  /** A net share waiting for its population. */
  public static final class NetStart {
    private final String name;

    private NetStart(String name) {
      this.name = name;
    }

    /**
     * Sets the population.
     *
     * @param population the events the shares are of
     * @return the next step
     * @throws IllegalArgumentException if null
     */
    public NetPromoters of(EventSelector population) {
      Checks.notNull("metric '" + name + "'", "of", population);
      return new NetPromoters(name, population);
    }
  }

  /** A net share waiting for its promoters and detractors. */
  public static final class NetPromoters {
    private final String name;
    private final EventSelector population;

    private NetPromoters(String name, EventSelector population) {
      this.name = name;
      this.population = population;
    }

    /**
     * Sets promoters and detractors.
     *
     * @param promoters who counts positively
     * @param detractors who counts negatively
     * @return the metric
     * @throws IllegalArgumentException if null
     */
    public Metric promotersAndDetractors(EventSelector promoters, EventSelector detractors) {
      Checks.notNull("metric '" + name + "'", "promoters", promoters);
      Checks.notNull("metric '" + name + "'", "detractors", detractors);
      return new Metric(name, name, Kind.NET_SHARE, population, promoters, detractors, null,
          null, null, Set.of());
    }
  }
}
