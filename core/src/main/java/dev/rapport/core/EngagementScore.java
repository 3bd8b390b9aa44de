package dev.rapport.core;

import dev.rapport.core.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A customer's engagement as points from 0 to 100, from the inputs of the engagement models:
 * how recently they engaged, how often, and the negative signals against them. Where an {@link
 * EngagementLevel} sorts customers into five groups, the score ranks them, and moves smoothly
 * as a customer's silence grows. Named {@code engagement}.
 *
 * <pre>{@code
 * Score engagement = EngagementScore.builder(Set.of("purchased", "logged_in")).build();
 * Condition engaged = c -> c.score(engagement) >= 60;
 * }</pre>
 *
 * <p><b>The formula</b>, with the defaults in brackets:
 *
 * <pre>
 *   recency   R = 100 * 0.5^(days since the latest engagement / half-life [14 days])
 *   frequency F = 100 * min(1, engagements within the window [30 days] / target [8])
 *   score       = recencyWeight [0.5] * R + (1 - recencyWeight) * F
 *                 - complaintPenalty [25] per complaint within the signal window [90 days]
 *                 - poorCsatPenalty [15] per CSAT answer of 2 or less within it
 *                 - openTicketPenalty [10] while a support ticket is open
 *   clamped to 0..100
 * </pre>
 *
 * <p>Engagements are events of the given types (each event counts, as {@link
 * Customer#count(String, Duration)} counts them); a customer who never engaged has {@code R = F
 * = 0}. The score falls as the silence grows and when engagements leave the window, and rises
 * when a penalty expires, all with no new event: {@link #nextReview} tells the engine when it
 * next moves to another ten-point bucket.
 */
public final class EngagementScore implements Score {
  private static final double DAY_NANOS = 86_400e9;

  private final EngagementEvents events;
  private final double halfLifeDays;
  private final Duration window;
  private final double target;
  private final double recencyWeight;
  private final Duration signalWindow;
  private final double complaintPenalty;
  private final double poorCsatPenalty;
  private final double openTicketPenalty;

  private EngagementScore(Builder b) {
    this.events = b.events;
    this.halfLifeDays = b.halfLife.toNanos() / DAY_NANOS;
    this.window = b.window;
    this.target = b.target;
    this.recencyWeight = b.recencyWeight;
    this.signalWindow = b.signalWindow;
    this.complaintPenalty = b.complaintPenalty;
    this.poorCsatPenalty = b.poorCsatPenalty;
    this.openTicketPenalty = b.openTicketPenalty;
  }

  /**
   * Starts a score over the given engagement events, with the defaults of the class
   * description.
   *
   * @param engagementEvents the event types that count as engagement
   * @return the builder
   * @throws IllegalArgumentException if the set is null or empty or holds a blank type
   */
  public static Builder builder(Set<String> engagementEvents) {
    return new Builder(engagementEvents);
  }

  @Override
  public String name() {
    return "engagement";
  }

  @Override
  public Scale scale() {
    return Scale.POINTS;
  }

  @Override
  public double of(Customer c) {
    return Math.max(0, Math.min(100, base(c) - penalty(c)));
  }

  /** The recency and frequency part, before penalties. */
  private double base(Customer c) {
    return recencyWeight * recency(c) + (1 - recencyWeight) * frequency(c);
  }

  private double recency(Customer c) {
    Instant latest = latest(c);
    if (latest == null) {
      return 0;
    }
    double days = Math.max(0, Duration.between(latest, c.now()).toNanos() / DAY_NANOS);
    return 100 * Math.pow(0.5, days / halfLifeDays);
  }

  private double frequency(Customer c) {
    long n = 0;
    for (String type : events.sorted()) {
      n += c.count(type, window);
    }
    return 100 * Math.min(1, n / target);
  }

  private Instant latest(Customer c) {
    Instant latest = null;
    for (String type : events.sorted()) {
      Optional<Instant> l = c.last(type);
      if (l.isPresent() && (latest == null || l.get().isAfter(latest))) {
        latest = l.get();
      }
    }
    return latest;
  }

  /** The penalties of the negative signals now. */
  private double penalty(Customer c) {
    Instant cutoff = c.now().minus(signalWindow);
    double p = 0;
    for (Event e : c.history(EventTypes.COMPLAINED)) {
      if (e.time().isAfter(cutoff)) {
        p += complaintPenalty;
      }
    }
    for (Event e : c.history(EventTypes.SURVEY_ANSWERED)) {
      if (e.time().isAfter(cutoff) && poorCsat(e)) {
        p += poorCsatPenalty;
      }
    }
    if (c.count(EventTypes.TICKET_OPENED) > c.count(EventTypes.TICKET_RESOLVED)) {
      p += openTicketPenalty;
    }
    return p;
  }

  private static boolean poorCsat(Event e) {
    Object score = e.properties().get(EventTypes.SCORE);
    return "csat".equals(e.properties().get(EventTypes.KIND)) && score instanceof Number
        && ((Number) score).doubleValue() <= 2;
  }

  /**
   * The next instant the score may change bucket with no event: the earliest of an engagement
   * leaving the window, a negative signal expiring, and the recency part falling to the
   * current bucket's lower bound (solved exactly, everything else held).
   */
  @Override
  public Optional<Instant> nextReview(Customer c) {
    Instant now = c.now();
    Instant next = null;
    for (String type : events.sorted()) {
      for (Event e : c.history(type)) {
        next = NegativeSignals.earliestAfter(next, now, Optional.of(e.time().plus(window)));
      }
    }
    for (Event e : c.history(EventTypes.COMPLAINED)) {
      next = NegativeSignals.earliestAfter(next, now, Optional.of(e.time().plus(signalWindow)));
    }
    for (Event e : c.history(EventTypes.SURVEY_ANSWERED)) {
      if (poorCsat(e)) {
        next = NegativeSignals.earliestAfter(next, now,
            Optional.of(e.time().plus(signalWindow)));
      }
    }
    Instant latest = latest(c);
    double value = of(c);
    double low = Scale.POINTS.low(Scale.POINTS.bucketOf(value));
    if (latest != null && low > 0 && recencyWeight > 0) {
      // the recency part that puts the score on the bucket's lower bound
      double needed = (low + penalty(c) - (1 - recencyWeight) * frequency(c)) / recencyWeight;
      if (needed > 0 && needed < 100) {
        double days = halfLifeDays * Math.log(100 / needed) / Math.log(2);
        Instant at = latest.plusNanos((long) Math.ceil(days * DAY_NANOS)).plusSeconds(1);
        next = NegativeSignals.earliestAfter(next, now,
            Optional.of(at.isAfter(now) ? at : now.plusSeconds(1)));
      }
    }
    return Optional.ofNullable(next);
  }

  @Override
  public boolean dependsOn(String eventType) {
    return events.dependsOn(eventType);
  }

  @Override
  public String toString() {
    return "engagement score over " + String.join(", ", events.sorted()) + ": recency half-life "
        + halfLifeDays + "d, " + target + " engagements in " + window + ", recency weight "
        + recencyWeight + ", penalties " + complaintPenalty + "/" + poorCsatPenalty + "/"
        + openTicketPenalty + " within " + signalWindow;
  }

  /** Configures an {@link EngagementScore}; each setting once. */
  public static final class Builder {
    private static final String OWNER = "engagement score";
    private final SingleUse<EngagementScore> use = new SingleUse<>(OWNER,
        "EngagementScore.builder(events)");
    private final EngagementEvents events;
    private Duration halfLife = Duration.ofDays(14);
    private Duration window = Duration.ofDays(30);
    private double target = 8;
    private double recencyWeight = 0.5;
    private Duration signalWindow = Duration.ofDays(90);
    private double complaintPenalty = 25;
    private double poorCsatPenalty = 15;
    private double openTicketPenalty = 10;

    private Builder(Set<String> engagementEvents) {
      this.events = EngagementEvents.of(OWNER, engagementEvents);
    }

    /**
     * Sets the half-life of the recency part: after this much silence it is worth half; 14
     * days by default.
     *
     * @param halfLife the half-life
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if already set
     */
    public Builder recencyHalfLife(Duration halfLife) {
      this.halfLife = use.window("recencyHalfLife", halfLife);
      return this;
    }

    /**
     * Sets the frequency part: {@code engagements} within {@code window} earn the full 100; 8
     * in 30 days by default.
     *
     * @param engagements the target, positive
     * @param window the window, at most the engine's history retention
     * @return this builder
     * @throws IllegalArgumentException if the target is not positive or the window not positive
     * @throws IllegalStateException if already set
     */
    public Builder frequencyTarget(int engagements, Duration window) {
      if (engagements <= 0) {
        throw new IllegalArgumentException(OWNER + ": frequencyTarget(" + engagements
            + ", ...) is not positive; give the number of engagements that earns 100, such as 8");
      }
      Checks.positive(OWNER, "frequencyTarget window", window);
      use.once("frequencyTarget");
      this.target = engagements;
      this.window = window;
      return this;
    }

    /**
     * Sets the weight of recency against frequency; 0.5 by default.
     *
     * @param weight from 0 (frequency only) to 1 (recency only)
     * @return this builder
     * @throws IllegalArgumentException if not within 0..1
     * @throws IllegalStateException if already set
     */
    public Builder recencyWeight(double weight) {
      if (!(weight >= 0 && weight <= 1)) {
        throw new IllegalArgumentException(OWNER + ": recencyWeight(" + weight + ") is not "
            + "between 0 and 1; give the share of recency, such as 0.5");
      }
      use.once("recencyWeight");
      this.recencyWeight = weight;
      return this;
    }

    /**
     * Sets the points taken off per negative signal, and how long a complaint or a poor CSAT
     * answer counts; 25, 15 and 10 points within 90 days by default.
     *
     * @param complaint points per complaint within the window
     * @param poorCsat points per CSAT answer of 2 or less within the window
     * @param openTicket points while a support ticket is open
     * @param within how long a complaint or an answer counts
     * @return this builder
     * @throws IllegalArgumentException if a penalty is negative or above 100, or the window not
     *     positive
     * @throws IllegalStateException if already set
     */
    public Builder penalties(double complaint, double poorCsat, double openTicket,
        Duration within) {
      points("complaint", complaint);
      points("poorCsat", poorCsat);
      points("openTicket", openTicket);
      Checks.positive(OWNER, "penalties window", within);
      use.once("penalties");
      this.complaintPenalty = complaint;
      this.poorCsatPenalty = poorCsat;
      this.openTicketPenalty = openTicket;
      this.signalWindow = within;
      return this;
    }

    private static void points(String field, double p) {
      if (!(p >= 0 && p <= 100)) {
        throw new IllegalArgumentException(OWNER + ": penalty " + field + " is " + p
            + "; give points from 0 to 100");
      }
    }

    /**
     * Returns the score; again, the same one.
     *
     * @return the score
     */
    public EngagementScore build() {
      return use.build(() -> new EngagementScore(this));
    }
  }
}
