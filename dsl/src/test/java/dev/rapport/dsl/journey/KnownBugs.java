package dev.rapport.dsl.journey;

/**
 * The reasons of the journey tests disabled because of a bug in the runtime, one constant per
 * bug, so that fixing one re-enables every test it holds back.
 */
final class KnownBugs {
  private KnownBugs() {}

  /**
   * JourneyRuntime.tryEnter and onTimers write {@code t.state = t.state.withEnrollment(run(...))}:
   * Java reads {@code t.state} before {@code run} changes it, so the contacts and pending
   * dispatches that a send inside {@code run} adds are thrown away.
   */
  static final String LOST_STATE = "bug: a send made at entry or on a timer loses its contact "
      + "and pending dispatch (JourneyRuntime: t.state = t.state.withEnrollment(run(...)) reads "
      + "t.state before run changes it)";

  /**
   * JourneyRuntime.fallback sends the next channel whenever the enrollment of the same version
   * exists, without checking that it is still active: a customer who exited (or converted) still
   * gets the fallback.
   */
  static final String FALLBACK_AFTER_EXIT = "bug: a fallback goes out after the enrollment "
      + "exited or converted (JourneyRuntime.fallback checks the version, not isActive())";

  /**
   * JourneyRuntime.nextLocal uses {@code ZonedDateTime.of(date, time, zone)}, which moves a local
   * time in a daylight-saving gap later by the gap's length (01:30 becomes 02:30 BST), while
   * WaitUntilStep documents the first instant after the gap (02:00 BST).
   */
  static final String WAIT_UNTIL_GAP = "bug: waitUntil a local time in a spring-forward gap "
      + "fires the gap's length after the gap ends, not when it ends as WaitUntilStep documents "
      + "(JourneyRuntime.nextLocal uses ZonedDateTime.of)";
}
