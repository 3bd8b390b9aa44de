package dev.rapport.dsl;

import java.time.Duration;

/**
 * A journey's goal, which may be bounded in time; then the journey's other settings.
 *
 * <p>Not a {@link dev.rapport.core.journey.Journey} yet: give its steps with {@link #steps}, then
 * complete it with {@code build()}.
 */
public interface GoalStep extends JourneyOptionsStep {
  /**
   * Counts reaching the goal as a conversion only within a time of entry.
   *
   * @param duration the time, positive
   * @return the journey's settings
   * @throws IllegalArgumentException if not positive
   */
  JourneyOptionsStep within(Duration duration);
}
