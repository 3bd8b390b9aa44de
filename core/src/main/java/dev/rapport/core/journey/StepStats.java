package dev.rapport.core.journey;

import dev.rapport.core.policy.Reason;
import java.util.Map;

/**
 * What happened at one step of one version of a journey, across all customers.
 *
 * @param version the journey version
 * @param step the step's label and description, such as {@code 1 send(welcome)}
 * @param arrived how many times an enrollment reached the step
 * @param sent dispatches made by the step (first attempts)
 * @param heldOut sends skipped because the customer is in the holdout
 * @param refused gate refusals (and deferrals) by reason
 * @param waiting enrollments waiting at the step now
 * @param timedOut waits for an event that ran out
 * @param fallbacks dispatches that fell back to a next channel
 */
public record StepStats(int version, String step, long arrived, long sent, long heldOut,
    Map<Reason, Long> refused, long waiting, long timedOut, long fallbacks) {

  /**
   * Returns how many refusals of a reason the step had.
   *
   * @param reason the reason
   * @return the count
   */
  public long refused(Reason reason) {
    return refused.getOrDefault(reason, 0L);
  }
}
