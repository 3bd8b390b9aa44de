package dev.rapport.examples.sim;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The clock of a simulation or replay: it shows the time of the event being played. */
public final class SimClock extends Clock {
  private volatile Instant now;

  /**
   * Makes a clock stopped at an instant.
   *
   * @param start the instant
   */
  public SimClock(Instant start) {
    this.now = start;
  }

  /**
   * Moves the clock forward to an instant; an earlier instant leaves it where it is.
   *
   * @param instant the instant
   */
  public void moveTo(Instant instant) {
    if (instant.isAfter(now)) {
      now = instant;
    }
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
