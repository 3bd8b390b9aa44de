package dev.rapport.core.engine;

import java.time.Instant;

/**
 * Instants as the engine keeps them: nanoseconds since 1970 in one {@code long}, exact for every
 * instant the engine accepts ({@link InputLimits#EARLIEST} to {@link InputLimits#LATEST}), and
 * {@link #NONE} for no instant.
 */
final class Times {
  /** No instant. */
  static final long NONE = Long.MIN_VALUE;

  private static final long NANOS = 1_000_000_000L;

  private Times() {}

  static long of(Instant t) {
    return t.getEpochSecond() * NANOS + t.getNano();
  }

  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS), Math.floorMod(nanos, NANOS));
  }

  static Instant instantOrNull(long nanos) {
    return nanos == NONE ? null : instant(nanos);
  }

  static long ofMillis(long millis) {
    return millis * 1_000_000L;
  }

  static long millis(long nanos) {
    return Math.floorDiv(nanos, 1_000_000L);
  }
}
