package dev.rapport.core;

import dev.rapport.core.internal.Checks;
import dev.rapport.core.Customer;
import dev.rapport.core.EngagementLevel;
import dev.rapport.core.EngagementModel;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The default engagement model: recency and frequency of engagement events, with negative
 * signals telling disaffected from organic low engagement. See {@link
 * EngagementModel#recencyFrequency(Set)} for the rules.
 */
final class RecencyFrequencyEngagement implements EngagementModel {
  private static final Duration SIGNAL_WINDOW = Duration.ofDays(90);
  private static final Duration FAILURE_WINDOW = Duration.ofDays(30);
  /** The negative signals' event types. */
  private static final Set<String> SIGNALS = Set.of(EventTypes.COMPLAINED,
      EventTypes.SURVEY_ANSWERED, EventTypes.DELIVERY_FAILED, EventTypes.TICKET_OPENED,
      EventTypes.TICKET_RESOLVED);

  private final Set<String> events;
  private final Duration highRecency;
  private final Duration highWindow;
  private final int highCount;
  private final Duration lowRecency;
  private final Duration disengagedRecency;

  /**
   * Makes the model.
   *
   * @param events the engagement event types
   * @param highRecency the latest engagement must be this recent for high
   * @param highWindow the window in which {@code highCount} engagements make high
   * @param highCount the engagements needed in {@code highWindow} for high
   * @param lowRecency the latest engagement within this is low
   * @param disengagedRecency within this disengaged, after it lost
   */
  public RecencyFrequencyEngagement(Set<String> events, Duration highRecency,
      Duration highWindow, int highCount, Duration lowRecency, Duration disengagedRecency) {
    if (events == null || events.isEmpty()) {
      throw new IllegalArgumentException("engagement model: engagement events are "
          + (events == null ? "null" : "empty") + "; give the event types that count, such as "
          + "\"logged_in\"");
    }
    for (String e : events) {
      Checks.name("engagement model: engagement event type", e);
    }
    this.events = Set.copyOf(events);
    this.highRecency = highRecency;
    this.highWindow = highWindow;
    this.highCount = highCount;
    this.lowRecency = lowRecency;
    this.disengagedRecency = disengagedRecency;
  }

  @Override
  public EngagementLevel levelOf(Customer c) {
    Optional<Instant> last = lastEngagement(c);
    Instant now = c.now();
    if (last.isEmpty()) {
      Optional<Instant> first = FirstSeen.of(c);
      if (first.isEmpty()) {
        return EngagementLevel.LOW_ORGANIC;
      }
      Duration tenure = Duration.between(first.get(), now);
      if (tenure.compareTo(lowRecency) < 0) {
        return negative(c) ? EngagementLevel.LOW_DISAFFECTED : EngagementLevel.LOW_ORGANIC;
      }
      return tenure.compareTo(disengagedRecency) < 0 ? EngagementLevel.DISENGAGED
          : EngagementLevel.LOST;
    }
    Duration since = Duration.between(last.get(), now);
    if (since.compareTo(highRecency) < 0 && recentCount(c, highWindow) >= highCount) {
      return EngagementLevel.HIGH;
    }
    if (since.compareTo(lowRecency) < 0) {
      return negative(c) ? EngagementLevel.LOW_DISAFFECTED : EngagementLevel.LOW_ORGANIC;
    }
    return since.compareTo(disengagedRecency) < 0 ? EngagementLevel.DISENGAGED
        : EngagementLevel.LOST;
  }

  @Override
  public boolean dependsOn(String eventType) {
    return events.contains(eventType) || SIGNALS.contains(eventType);
  }

  @Override
  public Optional<Instant> nextReview(Customer c) {
    Instant now = c.now();
    List<Instant> boundaries = new ArrayList<>();
    lastEngagement(c).ifPresent(last -> {
      boundaries.add(last.plus(highRecency));
      boundaries.add(last.plus(lowRecency));
      boundaries.add(last.plus(disengagedRecency));
    });
    // high also ends when an engagement leaves the frequency window
    List<Instant> recent = engagementTimes(c);
    if (recent.size() >= highCount) {
      boundaries.add(recent.get(recent.size() - highCount).plus(highWindow));
    }
    FirstSeen.of(c).ifPresent(first -> {
      boundaries.add(first.plus(lowRecency));
      boundaries.add(first.plus(disengagedRecency));
    });
    // negative signals expire too
    c.last(EventTypes.COMPLAINED).ifPresent(t -> boundaries.add(t.plus(SIGNAL_WINDOW)));
    c.last(EventTypes.SURVEY_ANSWERED).ifPresent(t -> boundaries.add(t.plus(SIGNAL_WINDOW)));
    c.last(EventTypes.DELIVERY_FAILED).ifPresent(t -> boundaries.add(t.plus(FAILURE_WINDOW)));
    Instant next = null;
    for (Instant b : boundaries) {
      if (b.isAfter(now) && (next == null || b.isBefore(next))) {
        next = b;
      }
    }
    return Optional.ofNullable(next);
  }

  private Optional<Instant> lastEngagement(Customer c) {
    Instant last = null;
    for (String type : events) {
      Optional<Instant> t = c.last(type);
      if (t.isPresent() && (last == null || t.get().isAfter(last))) {
        last = t.get();
      }
    }
    return Optional.ofNullable(last);
  }

  /**
   * Counts recent engagements from the customer's history rather than {@code count(type,
   * within)}, which refuses windows longer than the engine's retention.
   */
  private long recentCount(Customer c, Duration window) {
    return countSince(c, events, c.now().minus(window));
  }

  private static long countSince(Customer c, Set<String> types, Instant cutoff) {
    long n = 0;
    for (String type : types) {
      for (Event e : c.history(type)) {
        if (e.time().isAfter(cutoff)) {
          n++;
        }
      }
    }
    return n;
  }

  private List<Instant> engagementTimes(Customer c) {
    List<Instant> times = new ArrayList<>();
    for (String type : events) {
      for (Event e : c.history(type)) {
        times.add(e.time());
      }
    }
    times.sort(null);
    return times;
  }

  /** Complaints, poor CSAT, failing deliveries, tickets left open. */
  private static boolean negative(Customer c) {
    Instant cutoff = c.now().minus(SIGNAL_WINDOW);
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
    if (countSince(c, Set.of(EventTypes.DELIVERY_FAILED), c.now().minus(FAILURE_WINDOW)) >= 2) {
      return true;
    }
    return c.count(EventTypes.TICKET_OPENED) > c.count(EventTypes.TICKET_RESOLVED);
  }

  @Override
  public String toString() {
    return "recency/frequency engagement over " + events;
  }
}
