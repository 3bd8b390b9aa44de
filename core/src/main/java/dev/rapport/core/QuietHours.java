package dev.rapport.core;

import java.time.LocalTime;

/**
 * A daily span of local time in which a customer is not to be disturbed, such as 21:00 to 08:00.
 * The span may cross midnight; {@code start} is inside it and {@code end} is not.
 *
 * @param start the first quiet local time
 * @param end the first local time that is no longer quiet
 */
public record QuietHours(LocalTime start, LocalTime end) {

  /**
   * Checks the span.
   *
   * @param start the first quiet local time
   * @param end the first local time that is no longer quiet
   * @throws IllegalArgumentException if a bound is null or both are equal
   */
  public QuietHours {
    if (start == null || end == null) {
      throw new IllegalArgumentException("quiet hours: start and end must not be null; got "
          + start + " to " + end);
    }
    if (start.equals(end)) {
      throw new IllegalArgumentException("quiet hours: start and end are both " + start
          + "; give a span such as 21:00 to 08:00");
    }
  }

  /**
   * Tells whether a local time falls in the quiet span.
   *
   * @param time a local time
   * @return whether it is quiet
   */
  public boolean contains(LocalTime time) {
    if (start.isBefore(end)) {
      return !time.isBefore(start) && time.isBefore(end);
    }
    return !time.isBefore(start) || time.isBefore(end);
  }
}
