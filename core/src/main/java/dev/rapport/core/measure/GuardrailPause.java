package dev.rapport.core.measure;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One pause a guardrail imposed: from its breach until its recovery, or still going on.
 *
 * @param from when the guardrail was breached and the pause began
 * @param until when it recovered and the pause was lifted; empty while it goes on
 * @param value the metric's value at the breach
 * @param sample the sample that value rested on
 * @param paused what was paused, such as {@code everything} or {@code journey onboarding}
 */
public record GuardrailPause(Instant from, Optional<Instant> until, double value, long sample,
    String paused) {
  /**
   * Checks the components.
   *
   * @param from when the guardrail was breached and the pause began
   * @param until when it recovered and the pause was lifted; empty while it goes on
   * @param value the metric's value at the breach
   * @param sample the sample that value rested on
   * @param paused what was paused, such as {@code everything} or {@code journey onboarding}
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
