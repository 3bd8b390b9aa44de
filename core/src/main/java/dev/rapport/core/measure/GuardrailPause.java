package dev.rapport.core.measure;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One pause a guardrail imposed: from its breach until its recovery, or still going on, with the
 * metric's value and sample at both ends.
 *
 * @param from when the guardrail was breached and the pause began
 * @param until when it recovered and the pause was lifted; empty while it goes on
 * @param value the metric's value at the breach
 * @param sample the sample that value rested on
 * @param paused what was paused, such as {@code everything} or {@code journey onboarding}
 * @param recoveryValue the metric's value at the recovery; NaN while the pause goes on (and for a
 *     pause recorded by a release that did not keep it)
 * @param recoverySample the sample the recovery value rested on; 0 while the pause goes on
 */
public record GuardrailPause(Instant from, Optional<Instant> until, double value, long sample,
    String paused, double recoveryValue, long recoverySample) {
  /**
   * Checks the components.
   *
   * @param from when the guardrail was breached and the pause began
   * @param until when it recovered and the pause was lifted; empty while it goes on
   * @param value the metric's value at the breach
   * @param sample the sample that value rested on
   * @param paused what was paused, such as {@code everything} or {@code journey onboarding}
   * @param recoveryValue the metric's value at the recovery, NaN while the pause goes on
   * @param recoverySample the sample the recovery value rested on, 0 while the pause goes on
   * @throws NullPointerException if one is null
   * @throws IllegalArgumentException if the pause ends before it begins
   */
  public GuardrailPause {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(paused, "paused");
    if (until.isPresent() && until.get().isBefore(from)) {
      throw new IllegalArgumentException("guardrail pause: until " + until.get()
          + " is before from " + from + "; a pause ends after it begins");
    }
  }

  /**
   * Makes a pause whose values at the recovery are not known (NaN and 0).
   *
   * @param from when the guardrail was breached and the pause began
   * @param until when it recovered and the pause was lifted; empty while it goes on
   * @param value the metric's value at the breach
   * @param sample the sample that value rested on
   * @param paused what was paused
   * @throws NullPointerException if one is null
   * @throws IllegalArgumentException if the pause ends before it begins
   */
  public GuardrailPause(Instant from, Optional<Instant> until, double value, long sample,
      String paused) {
    this(from, until, value, sample, paused, Double.NaN, 0);
  }

  /**
   * Tells whether the pause overlaps a period: it began before the period's end and did not end
   * before its start.
   *
   * @param start the period's start
   * @param end the period's end (exclusive)
   * @return whether it overlaps
   */
  public boolean overlaps(Instant start, Instant end) {
    return from.isBefore(end) && (until.isEmpty() || !until.get().isBefore(start));
  }

  /**
   * Tells whether the pause still goes on.
   *
   * @return whether it has no end yet
   */
  public boolean isOpen() {
    return until.isEmpty();
  }

  /**
   * Returns how long the pause lasted, or has lasted by an instant if it still goes on.
   *
   * @param now the instant an open pause is measured to
   * @return the length, never negative
   */
  public Duration length(Instant now) {
    Instant end = until.orElse(now);
    return end.isBefore(from) ? Duration.ZERO : Duration.between(from, end);
  }
}
