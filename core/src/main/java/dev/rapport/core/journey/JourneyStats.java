package dev.rapport.core.journey;

import java.util.List;

/**
 * A journey's funnel across all its versions: who entered (treated and held out), who converted,
 * exited or completed, and each step's counts.
 *
 * @param journey the journey's name
 * @param treated enrollments that were sent messages
 * @param heldOut enrollments in the holdout
 * @param convertedTreated treated enrollments that reached the goal in time
 * @param convertedHeldOut held-out enrollments that reached the goal in time
 * @param exited enrollments that left early
 * @param completed enrollments that ran past their last step
 * @param steps each step's counts, by version then position
 */
public record JourneyStats(String journey, long treated, long heldOut, long convertedTreated,
    long convertedHeldOut, long exited, long completed, List<StepStats> steps) {

  /**
   * Returns every enrollment, treated and held out.
   *
   * @return the count
   */
  public long entered() {
    return treated + heldOut;
  }

  /**
   * Returns every conversion, treated and held out.
   *
   * @return the count
   */
  public long converted() {
    return convertedTreated + convertedHeldOut;
  }

  /**
   * Returns a step's counts by its label (such as {@code 1} or {@code 2/timeout/1}) in the
   * latest version that has it.
   *
   * @param label the label
   * @return the counts
   * @throws IllegalArgumentException if no step has that label
   */
  public StepStats step(String label) {
    StepStats found = null;
    for (StepStats s : steps) {
      if (s.step().equals(label) || s.step().startsWith(label + " ")) {
        if (found == null || s.version() > found.version()) {
          found = s;
        }
      }
    }
    if (found == null) {
      throw new IllegalArgumentException("journey '" + journey + "' has no step '" + label
          + "'; its steps are " + steps.stream().map(StepStats::step).toList());
    }
    return found;
  }
}
