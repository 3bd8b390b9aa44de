package dev.rapport.core;

import dev.rapport.core.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The default engagement model: the recency and frequency of engagement events, with negative
 * signals telling disaffected from organic low engagement. Every window is a setting:
 *
 * <pre>{@code
 * EngagementModel weekly = RecencyFrequencyEngagement.builder(Set.of("lesson_completed"))
 *     .highWhen(2, Duration.ofDays(7)).latestWithin(Duration.ofDays(3))
 *     .lowWithin(Duration.ofDays(14))
 *     .disengagedWithin(Duration.ofDays(60))
 *     .build();
 * }</pre>
 *
 * <p>The levels, checked in this order:
 *
 * <ol>
 *   <li>{@link EngagementLevel#LOST} when the latest engagement is {@linkplain
 *       Builder#disengagedWithin older} than the disengaged window (90 days by default);
 *   <li>{@link EngagementLevel#DISENGAGED} when it is older than the {@linkplain
 *       Builder#lowWithin low} window (30 days);
 *   <li>{@link EngagementLevel#LOW_DISAFFECTED} when the customer shows a negative signal: a
 *       complaint or a CSAT answer of 2 or less within the {@linkplain
 *       Builder#negativeSignalsWithin signal window} (90 days), {@linkplain
 *       Builder#deliveryFailures repeated delivery failures} (2 within 30 days), or a support
 *       ticket still open. A signal counts against a highly engaged customer too: someone who
 *       buys every day and has just complained is not a happy customer;
 *   <li>{@link EngagementLevel#HIGH} when the customer engaged at least {@linkplain
 *       Builder#highWhen a number of times} within a window (3 within 14 days) and the latest
 *       within the {@linkplain Builder#latestWithin high recency} (7 days);
 *   <li>{@link EngagementLevel#LOW_ORGANIC} otherwise.
 * </ol>
 *
 * <p>A customer who never engaged is measured from their first event instead: low for the low
 * window, disengaged until the disengaged window, lost after.
 *
 * <p>Plain recency treats every customer alike: on real purchase logs, a customer who buys twice a
 * year is "disengaged" between two of their usual purchases. {@link RhythmEngagement} measures
 * the silence against each customer's own rhythm instead.
 */
public final class RecencyFrequencyEngagement implements EngagementModel {
  private final EngagementEvents events;
  private final Duration highRecency;
  private final Duration highWindow;
  private final int highCount;
  private final Duration lowRecency;
  private final Duration disengagedRecency;
  private final NegativeSignals signals;

  private RecencyFrequencyEngagement(Builder b) {
    this.events = b.events;
    this.highRecency = b.highRecency;
    this.highWindow = b.highWindow;
    this.highCount = b.highCount;
    this.lowRecency = b.lowRecency;
    this.disengagedRecency = b.disengagedRecency;
    this.signals = b.signals;
  }

  /**
   * Starts a model over the given engagement events, with the default windows (see the class
   * description).
   *
   * @param engagementEvents the event types that count as engagement
   * @return a builder
   * @throws IllegalArgumentException if the set is null or empty or holds a blank type
   */
  public static Builder builder(Set<String> engagementEvents) {
    return new Builder(engagementEvents);
  }

  /**
   * Returns the event types that count as engagement.
   *
   * @return the types
   */
  public Set<String> engagementEvents() {
    return events.types();
  }

  @Override
  public EngagementLevel levelOf(Customer c) {
    Instant last = lastEngagement(c);
    Instant now = c.now();
    Duration since;
    if (last == null) {
      Optional<Instant> first = FirstSeen.of(c);
      if (first.isEmpty()) {
        return EngagementLevel.LOW_ORGANIC;
      }
      since = Duration.between(first.get(), now);
    } else {
      since = Duration.between(last, now);
    }
    if (since.compareTo(disengagedRecency) >= 0) {
      return EngagementLevel.LOST;
    }
    if (since.compareTo(lowRecency) >= 0) {
      return EngagementLevel.DISENGAGED;
    }
    if (signals.present(c)) {
      return EngagementLevel.LOW_DISAFFECTED;
    }
    if (last != null && since.compareTo(highRecency) < 0
        && recentCount(c, now.minus(highWindow)) >= highCount) {
      return EngagementLevel.HIGH;
    }
    return EngagementLevel.LOW_ORGANIC;
  }

  @Override
  public boolean dependsOn(String eventType) {
    return events.dependsOn(eventType);
  }

  @Override
  public Optional<Instant> nextReview(Customer c) {
    Instant now = c.now();
    Instant next = null;
    Instant last = lastEngagement(c);
    if (last != null) {
      for (Duration d : new Duration[] {highRecency, lowRecency, disengagedRecency}) {
        next = NegativeSignals.earliestAfter(next, now, Optional.of(last.plus(d)));
      }
      // high also ends when an engagement leaves the frequency window
      long[] recent = recentCount(c, now.minus(highWindow)) >= highCount ? engagementTimes(c)
          : new long[0];
      if (recent.length >= highCount) {
        Instant leaves = Instant.ofEpochSecond(0, recent[recent.length - highCount])
            .plus(highWindow);
        next = NegativeSignals.earliestAfter(next, now, Optional.of(leaves));
      }
    }
    Optional<Instant> first = FirstSeen.of(c);
    if (first.isPresent()) {
      next = NegativeSignals.earliestAfter(next, now, Optional.of(first.get().plus(lowRecency)));
      next = NegativeSignals.earliestAfter(next, now,
          Optional.of(first.get().plus(disengagedRecency)));
    }
    next = NegativeSignals.earliestAfter(next, now, Optional.ofNullable(signals.nextExpiry(c)));
    return Optional.ofNullable(next);
  }

  private Instant lastEngagement(Customer c) {
    Instant last = null;
    for (String type : events.sorted()) {
      Optional<Instant> t = c.last(type);
      if (t.isPresent() && (last == null || t.get().isAfter(last))) {
        last = t.get();
      }
    }
    return last;
  }

  /**
   * Counts the engagements after a cutoff: from the engine's windowed counts, which keep times
   * only, or, for a window longer than the engine's retention (which they refuse), from the
   * customer's history.
   */
  private long recentCount(Customer c, Instant cutoff) {
    Duration window = Duration.between(cutoff, c.now());
    long n = 0;
    for (String type : events.sorted()) {
      try {
        n += c.count(type, window);
      } catch (IllegalArgumentException longerThanRetention) {
        for (Event e : c.history(type)) {
          if (e.time().isAfter(cutoff)) {
            n++;
          }
        }
      }
    }
    return n;
  }

  /**
   * The times of the engagements in the history, in epoch nanoseconds, sorted; read only for a
   * customer with enough recent engagements to be highly engaged, as the history rebuilds events.
   */
  private long[] engagementTimes(Customer c) {
    String[] types = events.sorted();
    long[][] perType = new long[types.length][];
    int n = 0;
    for (int k = 0; k < types.length; k++) {
      java.util.List<Event> h = c.history(types[k]);
      long[] times = new long[h.size()];
      for (int i = 0; i < times.length; i++) {
        Instant t = h.get(i).time();
        times[i] = t.getEpochSecond() * 1_000_000_000L + t.getNano();
      }
      perType[k] = times;
      n += times.length;
    }
    long[] all = new long[n];
    int at = 0;
    for (long[] times : perType) {
      System.arraycopy(times, 0, all, at, times.length);
      at += times.length;
    }
    Arrays.sort(all);
    return all;
  }

  @Override
  public String toString() {
    return "recency/frequency engagement over " + Arrays.toString(events.sorted()) + ": high with "
        + highCount + " within " + highWindow + " and the latest within " + highRecency
        + ", low within " + lowRecency + ", disengaged within " + disengagedRecency
        + ", negative signals: " + signals;
  }

  /**
   * Configures a {@link RecencyFrequencyEngagement}. Each setting once; the windows must nest:
   * high recency, then low, then disengaged, each longer than the one before.
   */
  public static final class Builder {
    private static final String OWNER = "recency/frequency engagement";
    private final SingleUse<RecencyFrequencyEngagement> use = new SingleUse<>(OWNER,
        "RecencyFrequencyEngagement.builder(events)");
    private final EngagementEvents events;
    private Duration highRecency = Duration.ofDays(7);
    private Duration highWindow = Duration.ofDays(14);
    private int highCount = 3;
    private Duration lowRecency = Duration.ofDays(30);
    private Duration disengagedRecency = Duration.ofDays(90);
    private NegativeSignals signals = NegativeSignals.DEFAULTS;

    private Builder(Set<String> engagementEvents) {
      this.events = EngagementEvents.of(OWNER, engagementEvents);
    }

    /**
     * Sets how often a customer must engage to be highly engaged: at least {@code count} times
     * within {@code within}; 3 within 14 days by default.
     *
     * @param count the number of engagements, 1 or more
     * @param within the window they must fall in
     * @return this builder
     * @throws IllegalArgumentException if the count is below 1 or the window not positive
     * @throws IllegalStateException if already set
     */
    public Builder highWhen(int count, Duration within) {
      countWithin("highWhen", count, "engagements", within);
      this.highCount = count;
      this.highWindow = within;
      return this;
    }

    /**
     * Sets how recent the latest engagement of a highly engaged customer must be; 7 days by
     * default.
     *
     * @param within the recency
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if already set
     */
    public Builder latestWithin(Duration within) {
      this.highRecency = use.window("latestWithin", within);
      return this;
    }

    /**
     * Sets the low window: a customer whose latest engagement is within it is low (or high), and
     * disengaged after it; 30 days by default.
     *
     * @param within the window
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if already set
     */
    public Builder lowWithin(Duration within) {
      this.lowRecency = use.window("lowWithin", within);
      return this;
    }

    /**
     * Sets the disengaged window: a customer whose latest engagement is older is lost; 90 days
     * by default.
     *
     * @param within the window
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if already set
     */
    public Builder disengagedWithin(Duration within) {
      this.disengagedRecency = use.window("disengagedWithin", within);
      return this;
    }

    /**
     * Sets how long a complaint or a poor CSAT answer (2 or less) counts as a negative signal;
     * 90 days by default.
     *
     * @param within the window
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if already set
     */
    public Builder negativeSignalsWithin(Duration within) {
      this.signals = signals.within(use.window("negativeSignalsWithin", within));
      return this;
    }

    /**
     * Sets how many delivery failures within a window make a negative signal; 2 within 30 days
     * by default.
     *
     * @param count the number of failures, 1 or more
     * @param within the window
     * @return this builder
     * @throws IllegalArgumentException if the count is below 1 or the window not positive
     * @throws IllegalStateException if already set
     */
    public Builder deliveryFailures(int count, Duration within) {
      countWithin("deliveryFailures", count, "failures", within);
      this.signals = signals.failures(count, within);
      return this;
    }

    /** Checks a setting of a number of things within a window, and that it is given once. */
    private void countWithin(String field, int count, String things, Duration within) {
      if (count < 1) {
        throw new IllegalArgumentException(OWNER + ": " + field + " count is " + count
            + "; give 1 or more " + things);
      }
      Checks.positive(OWNER, field + " window", within);
      use.once(field);
    }

    /**
     * Returns the model.
     *
     * @return the model; the same one when called again
     * @throws IllegalStateException if the windows do not nest (high recency shorter than the low
     *     window, shorter than the disengaged window)
     */
    public RecencyFrequencyEngagement build() {
      return use.build(() -> {
        if (highRecency.compareTo(lowRecency) >= 0) {
          throw new IllegalStateException(OWNER + ": latestWithin (" + highRecency
              + ") is not shorter than lowWithin (" + lowRecency + "); a highly engaged "
              + "customer's latest engagement must be more recent than a low one's");
        }
        if (lowRecency.compareTo(disengagedRecency) >= 0) {
          throw new IllegalStateException(OWNER + ": lowWithin (" + lowRecency
              + ") is not shorter than disengagedWithin (" + disengagedRecency + "); make the "
              + "disengaged window the longer one");
        }
        return new RecencyFrequencyEngagement(this);
      });
    }
  }
}
