package dev.rapport.core.measure;

/**
 * Bugs in src/main found by the measurement tests, each disabling the test that shows it. Remove
 * a constant, and the {@code @Disabled} that uses it, once the bug is fixed and its test passes.
 */
final class KnownBugs {
  private KnownBugs() {}

  /**
   * Aggregate.add appends an observation at the end of the ring whatever its time, and
   * Aggregate.evict stops at the first entry still inside the window: an event tracked after a
   * later one (a late arrival, or a replay slightly out of order) sits behind it and stays in the
   * window until the later one leaves too.
   */
  static final String LATE_OBSERVATION_STAYS_IN_WINDOW = "bug: Aggregate keeps an observation "
      + "that arrived out of time order in its window until every later one has left "
      + "(internal/Aggregate.java add/evict assume observations arrive in time order)";

  /**
   * MetricsRuntime.check runs only from add, when a new observation of the watched metric in the
   * watched dimension arrives; pause reads the stored flag, and guardrailStates refreshes value
   * and sample without re-evaluating recovery. A breached guardrail pauses the very dispatches
   * that would feed its denominator, so when its window empties it stays breached for ever.
   */
  static final String GUARDRAIL_NEVER_RECOVERS_AS_WINDOW_EMPTIES = "bug: a breached guardrail "
      + "does not recover when its window empties as time passes (internal/MetricsRuntime.java "
      + "re-evaluates a guardrail only in check(), called from add() on a new observation; "
      + "pause() and guardrailStates() never re-check recovery at the engine's now)";

  /**
   * MetricsRuntime.pause answers for a message only when every one of its channels is paused;
   * otherwise it answers no pause, and Gate.evaluate, which is not told which channels are
   * paused, picks the first allowed channel: the paused one.
   */
  static final String CHANNEL_PAUSE_IGNORED_WITH_FALLBACK = "bug: an action whose first channel "
      + "is paused by a guardrail goes out on that channel instead of its next one "
      + "(internal/MetricsRuntime.java pause() returns empty unless every channel is paused, "
      + "and Gate.evaluate is never told which channels to skip)";

  /**
   * MetricsRuntime.dimensions finds the journey, action and channel of an outcome's dispatch_id
   * only among the customer's contacts, and JourneyRuntime.dispatch records a contact for first
   * attempts only ("a fallback is the same message"): an outcome answering a fallback dispatch
   * (its own id, attempt 2) is counted globally and in no dimension, while that dispatch's
   * dispatched notice did count in the channel's, action's and journey's denominators.
   */
  static final String FALLBACK_OUTCOME_NOT_ATTRIBUTED = "bug: an outcome answering a fallback "
      + "dispatch is attributed to no journey, action or channel (internal/MetricsRuntime.java "
      + "dimensions() looks the dispatch_id up in state.contacts(), which "
      + "internal/JourneyRuntime.java dispatch() fills for attempt 1 only)";

  /**
   * JourneyRuntime keeps contacts for the contact policy's longest window, at least 7 days, and
   * prunes older ones on every new dispatch; MetricsRuntime.dimensions attributes an outcome only
   * through those contacts. So an unsubscribe answering a dispatch more than a week old, after
   * any newer dispatch, is counted in no journey, action or channel, though the per-dispatch
   * metrics look back 30 days and Breakdown promises attribution to the dispatch named.
   */
  static final String ATTRIBUTION_LOST_AFTER_A_WEEK = "bug: an outcome answering a dispatch more "
      + "than a week old is attributed to no journey, action or channel once a newer dispatch "
      + "pruned the old contact (internal/JourneyRuntime.java contactRetention, at least 7 days, "
      + "is shorter than the 30-day windows of the per-dispatch metrics; "
      + "internal/MetricsRuntime.java dimensions() only looks at contacts)";
}
