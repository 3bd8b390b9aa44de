package dev.rapport.core.journey;

import dev.rapport.core.internal.Checks;
import java.time.Duration;

/** Waits a fixed duration before the next step. */
public final class WaitStep implements Step {
  private final Duration duration;

  private WaitStep(Duration duration) {
    this.duration = duration;
  }

  /**
   * Returns a step that waits.
   *
   * @param duration how long, positive
   * @return the step
   * @throws IllegalArgumentException if not positive
   */
  public static WaitStep of(Duration duration) {
    Checks.positive("wait(duration)", "duration", duration);
    return new WaitStep(duration);
  }

  /**
   * Returns how long the step waits.
   *
   * @return the duration
   */
  public Duration duration() {
    return duration;
  }

  @Override
  public String describe() {
    return "wait(" + duration + ")";
  }

  @Override
  public String toString() {
    return describe();
  }
}
