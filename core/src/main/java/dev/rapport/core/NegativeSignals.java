package dev.rapport.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The signs of discontent both engagement models read: a complaint or a CSAT answer of 2 or less
 * within a window, repeated delivery failures within another, a support ticket still open. They
 * tell disaffected from organic low engagement, and they keep a customer from counting as highly
 * engaged.
 */
final class NegativeSignals {
  /** The event types the signals are read from. */
  static final Set<String> TYPES = Set.of(EventTypes.COMPLAINED, EventTypes.SURVEY_ANSWERED,
      EventTypes.DELIVERY_FAILED, EventTypes.TICKET_OPENED, EventTypes.TICKET_RESOLVED);

  /**
   * The signals of both models unless set: a complaint or a poor CSAT answer within 90 days, 2
   * delivery failures within 30 days.
   */
  static final NegativeSignals DEFAULTS = new NegativeSignals(Duration.ofDays(90), 2,
      Duration.ofDays(30));

  private final Duration window;
  private final int failures;
  private final Duration failureWindow;

  private NegativeSignals(Duration window, int failures, Duration failureWindow) {
    this.window = window;
    this.failures = failures;
    this.failureWindow = failureWindow;
  }

  /** A copy in which a complaint or a poor CSAT answer counts for another window. */
  NegativeSignals within(Duration window) {
    return new NegativeSignals(window, failures, failureWindow);
  }

  /** A copy in which another number of delivery failures within another window counts. */
  NegativeSignals failures(int failures, Duration within) {
    return new NegativeSignals(window, failures, within);
  }

  /** Whether the customer shows a sign of discontent now. */
  boolean present(Customer c) {
    Instant cutoff = c.now().minus(window);
    if (c.last(EventTypes.COMPLAINED).map(t -> t.isAfter(cutoff)).orElse(false)) {
      return true;
    }
    for (Event e : c.history(EventTypes.SURVEY_ANSWERED)) {
      if (e.time().isAfter(cutoff) && "csat".equals(e.properties().get(EventTypes.KIND))) {
        Object score = e.properties().get(EventTypes.SCORE);
        if (score instanceof Number && ((Number) score).doubleValue() <= 2) {
          return true;
        }
      }
    }
    Instant failureCutoff = c.now().minus(failureWindow);
    int failed = 0;
    for (Event e : c.history(EventTypes.DELIVERY_FAILED)) {
      if (e.time().isAfter(failureCutoff) && ++failed >= failures) {
        return true;
      }
    }
    return c.count(EventTypes.TICKET_OPENED) > c.count(EventTypes.TICKET_RESOLVED);
  }

  /** The next instant after now at which a signal expires, or null. */
  Instant nextExpiry(Customer c) {
    Instant now = c.now();
    Instant next = null;
    next = earliestAfter(next, now, c.last(EventTypes.COMPLAINED).map(t -> t.plus(window)));
    next = earliestAfter(next, now,
        c.last(EventTypes.SURVEY_ANSWERED).map(t -> t.plus(window)));
    for (Event e : c.history(EventTypes.DELIVERY_FAILED)) {
      next = earliestAfter(next, now, Optional.of(e.time().plus(failureWindow)));
    }
    return next;
  }

  /** The earlier of {@code next} and {@code candidate}, counting only instants after now. */
  static Instant earliestAfter(Instant next, Instant now, Optional<Instant> candidate) {
    if (candidate.isEmpty() || !candidate.get().isAfter(now)) {
      return next;
    }
    return next == null || candidate.get().isBefore(next) ? candidate.get() : next;
  }

  @Override
  public String toString() {
    return "complaints and CSAT <= 2 within " + window + ", " + failures
        + " delivery failures within " + failureWindow + ", an open ticket";
  }
}
