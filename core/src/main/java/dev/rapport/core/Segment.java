package dev.rapport.core;

import dev.rapport.core.internal.Checks;
import java.time.Duration;
import java.util.Optional;

/**
 * A named group of customers defined by a condition, such as "trial users who have not invited a
 * teammate". Membership is recomputed as the customer changes; entering or leaving is an event
 * ({@link EventTypes#SEGMENT_ENTERED}, {@link EventTypes#SEGMENT_EXITED}) that journeys can start
 * on.
 *
 * <pre>{@code
 * Segment lonelyTrials = Segment.of("lonely-trials",
 *     c -> c.trait(PLAN).orElse("").equals("trial") && c.count("teammate_invited") == 0);
 * }</pre>
 */
public final class Segment {
  private final String name;
  private final Condition condition;
  private final Duration review;

  private Segment(String name, Condition condition, Duration review) {
    this.name = name;
    this.condition = condition;
    this.review = review;
  }

  /**
   * Returns a segment.
   *
   * @param name its name, unique among segments
   * @param condition who is in it
   * @return the segment
   * @throws IllegalArgumentException if the name is blank or the condition null
   */
  public static Segment of(String name, Condition condition) {
    Checks.name("segment", name);
    if (condition == null) {
      throw new IllegalArgumentException(Checks.owner("segment", name)
          + ": condition is null; give the condition its members meet");
    }
    return new Segment(name, condition, null);
  }

  /**
   * Starts a segment, for a declaration written over several calls; {@link #of} gives one in a
   * single call.
   *
   * <pre>{@code
   * Segment lapsed = Segment.builder("lapsed")
   *     .matching(c -> c.since("purchased").map(d -> d.toDays() > 60).orElse(true))
   *     .reviewedEvery(Duration.ofDays(1))
   *     .build();
   * }</pre>
   *
   * @param name its name, unique among segments
   * @return a builder
   * @throws IllegalArgumentException if the name is null or blank
   */
  public static Builder builder(String name) {
    return new Builder(Checks.name("segment", name));
  }

  /**
   * Returns a copy that the engine also re-evaluates at least this often for every customer,
   * for a condition that time alone can change ({@code c.since("purchased")...}): without it, a
   * segment is re-evaluated when the customer changes and at their engagement reviews only.
   * Each customer then has a review timer: use the longest period that is precise enough.
   *
   * @param period the period, positive
   * @return the new segment
   * @throws IllegalArgumentException if not positive
   */
  public Segment reviewedEvery(Duration period) {
    Checks.positive(Checks.owner("segment", name), "reviewedEvery", period);
    return new Segment(name, condition, period);
  }

  /**
   * Returns how often the engine re-evaluates the segment with no event, if it does.
   *
   * @return the period
   */
  public Optional<Duration> review() {
    return Optional.ofNullable(review);
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
   * Returns the condition members meet.
   *
   * @return the condition
   */
  public Condition condition() {
    return condition;
  }

  /**
   * Tells whether a customer is a member.
   *
   * @param customer the customer
   * @return whether they are in the segment
   */
  public boolean contains(Customer customer) {
    return condition.test(customer);
  }

  @Override
  public String toString() {
    return "Segment{" + name + "}";
  }

  /**
   * Builds a {@link Segment}. Single-use: each setting is given once, and any call after {@link
   * #build()} is refused; {@link #build()} may be called again and returns the same segment.
   * The DSL's {@code segment(name)} writes on this builder.
   */
  public static final class Builder {
    private final String name;
    private Condition condition;
    private Duration review;
    private Segment built;

    private Builder(String name) {
      this.name = name;
    }

    private String owner() {
      return Checks.owner("segment", name);
    }

    private void open(String call) {
      Checks.notBuilt(owner(), call, built != null, "Segment.builder(name)");
    }

    /**
     * Sets the condition members meet.
     *
     * @param condition the condition
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException if already set, or after {@link #build()}
     */
    public Builder matching(Condition condition) {
      open("matching");
      if (condition == null) {
        throw new IllegalArgumentException(owner()
            + ": matching is null; give the condition its members meet");
      }
      Checks.once(owner(), "matching", this.condition != null);
      this.condition = condition;
      return this;
    }

    /**
     * Asks the engine to re-evaluate the segment at least this often; see {@link
     * Segment#reviewedEvery(Duration)}.
     *
     * @param period the period, positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if already set, or after {@link #build()}
     */
    public Builder reviewedEvery(Duration period) {
      open("reviewedEvery");
      Checks.positive(owner(), "reviewedEvery", period);
      Checks.once(owner(), "reviewedEvery", review != null);
      this.review = period;
      return this;
    }

    /**
     * Returns the segment; called again, returns the same segment.
     *
     * @return the segment
     * @throws IllegalStateException if it has no condition
     */
    public Segment build() {
      if (built == null) {
        if (condition == null) {
          throw new IllegalStateException(owner()
              + ": has no condition; add matching(Condition)");
        }
        built = new Segment(name, condition, review);
      }
      return built;
    }
  }
}
