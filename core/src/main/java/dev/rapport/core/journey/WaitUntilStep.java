package dev.rapport.core.journey;

import java.time.LocalTime;

/**
 * Waits until the next occurrence of a local time in the customer's own time zone (their
 * preference, else the contact policy's default zone), such as 09:00. A local time that does not
 * exist that day because of a daylight-saving change is taken as the first instant after the gap.
 */
public final class WaitUntilStep implements Step {
  private final LocalTime time;

  private WaitUntilStep(LocalTime time) {
    this.time = time;
  }

  /**
   * Returns a step that waits until a local time.
   *
   * @param time the local time
   * @return the step
   * @throws IllegalArgumentException if null
   */
  public static WaitUntilStep of(LocalTime time) {
    if (time == null) {
      throw new IllegalArgumentException("waitUntil(time): time is null; give a LocalTime");
    }
    return new WaitUntilStep(time);
  }

  /**
   * Returns the local time waited for.
   *
   * @return the time
   */
  public LocalTime time() {
    return time;
  }

  @Override
  public String describe() {
    return "waitUntil(" + time + ")";
  }

  @Override
  public String toString() {
    return describe();
  }
}
