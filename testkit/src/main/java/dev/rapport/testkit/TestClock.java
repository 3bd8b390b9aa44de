package dev.rapport.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when a test says so. Give it to {@code Engine.builder().clock(...)}
 * and move time with {@link #advance(Duration)} or {@link #set(Instant)}.
 *
 * <pre>{@code
 * TestClock clock = TestClock.at(Instant.parse("2026-01-05T09:00:00Z"));
 * Engine engine = Engine.builder().clock(clock).build();
 * clock.advance(Duration.ofDays(2));
 * }</pre>
 *
 * <p>Safe to share between threads. Time never goes backwards: {@link #set} refuses an earlier
 * instant, as a real clock would never return one to the engine.
 */
public final class TestClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private TestClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /**
   * Returns a clock stopped at an instant, in UTC.
   *
   * @param start the instant
   * @return the clock
   * @throws IllegalArgumentException if null
   */
  public static TestClock at(Instant start) {
    if (start == null) {
      throw new IllegalArgumentException("test clock: start is null; give an Instant");
    }
    return new TestClock(new AtomicReference<>(start), ZoneOffset.UTC);
  }

  /**
   * Returns a clock stopped at an ISO-8601 instant, such as {@code "2026-01-05T09:00:00Z"}.
   *
   * @param start the instant
   * @return the clock
   * @throws java.time.format.DateTimeParseException if the text is not an instant
   */
  public static TestClock at(String start) {
    return at(Instant.parse(start));
  }

  /**
   * Moves time forward.
   *
   * @param amount how far, zero or more
   * @return the new time
   * @throws IllegalArgumentException if negative
   */
  public Instant advance(Duration amount) {
    if (amount == null || amount.isNegative()) {
      throw new IllegalArgumentException("test clock: cannot advance by " + amount
          + "; give a duration of zero or more");
    }
    return now.updateAndGet(t -> t.plus(amount));
  }

  /**
   * Moves time to an instant.
   *
   * @param instant the new time, not before the current one
   * @return the new time
   * @throws IllegalArgumentException if null or earlier than now
   */
  public Instant set(Instant instant) {
    if (instant == null) {
      throw new IllegalArgumentException("test clock: instant is null; give an Instant");
    }
    return now.updateAndGet(t -> {
      if (instant.isBefore(t)) {
        throw new IllegalArgumentException("test clock: cannot go back from " + t + " to "
            + instant + "; time only moves forward");
      }
      return instant;
    });
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** Returns a clock sharing this one's time, in another zone. */
  @Override
  public Clock withZone(ZoneId newZone) {
    return new TestClock(now, newZone);
  }
}
