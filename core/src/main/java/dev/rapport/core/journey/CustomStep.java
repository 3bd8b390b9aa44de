package dev.rapport.core.journey;

import dev.rapport.core.Action;
import java.util.List;

/**
 * A journey step of the host's own, run by the engine like the built-in ones: a function of the
 * customer, what woke the step (the enrollment arriving at it, an event while it waits, its
 * timer), the time, and a number it keeps between runs, that returns what comes next (go on,
 * wait until an instant, exit) and may send actions through the engine's one gate. That is the
 * contract of every step (DESIGN §4), which is what lets the same journey run in process, on a
 * database and on Kafka Streams with the same results; so a custom step must be deterministic
 * (no clock or random source of its own: {@link StepContext#now()} and {@link
 * StepContext#fraction(String)} are the step's).
 *
 * <pre>{@code
 * // Nudges until the customer has three sessions, at most once a day, for a week.
 * final class NudgeUntilActive implements CustomStep {
 *   public StepResult run(StepContext c) {
 *     if (c.customer().count("session_started") >= 3) {
 *       return StepResult.next();
 *     }
 *     if (c.memory() >= 7) {
 *       return StepResult.exit("not active after a week of nudges");
 *     }
 *     if (c.cause() == StepContext.Cause.EVENT) {
 *       return StepResult.waitUntil(c.waitingUntil().orElseThrow(), c.memory());
 *     }
 *     c.send(NUDGE);
 *     return StepResult.waitUntil(c.now().plus(Duration.ofDays(1)), c.memory() + 1);
 *   }
 *   public List<Action> actions() { return List.of(NUDGE); }
 *   public String describe() { return "nudgeUntilActive()"; }
 * }
 * }</pre>
 *
 * <p>The engine runs it under the customer's lock, within the call that woke it: what it sends
 * is committed with the call, all or nothing. If {@code run} throws, the failure is counted like
 * a condition's and the enrollment exits (in strict mode the call fails).
 */
public non-sealed interface CustomStep extends Step {
  /**
   * Runs the step.
   *
   * @param context the customer, the cause, the time, the step's memory, and the gate
   * @return what comes next
   */
  StepResult run(StepContext context);

  /**
   * Returns every action the step may send, so that the engine knows them when it is built (their
   * channels are checked, their names are unique). Sending another one is refused.
   *
   * @return the actions, none by default
   */
  default List<Action> actions() {
    return List.of();
  }
}
