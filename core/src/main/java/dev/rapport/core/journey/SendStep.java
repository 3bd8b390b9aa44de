package dev.rapport.core.journey;

import dev.rapport.core.Action;
import dev.rapport.core.internal.Checks;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends an action through the engine's gate (consent, reachability, suppression, contact policy,
 * quiet hours, guardrails). By default a refused send is recorded with its reason and the journey
 * moves on; quiet hours in defer mode hold the step until they end. {@link
 * #waitingForGate(Duration)} makes the step wait, up to a bound, for a refusal that time can lift
 * (a cap, a cooldown, a minimum gap, a guardrail pause).
 */
public final class SendStep implements Step {
  private final Action action;
  private final Duration gateWait;

  private SendStep(Action action, Duration gateWait) {
    this.action = action;
    this.gateWait = gateWait;
  }

  /**
   * Returns a step that sends an action.
   *
   * @param action the action
   * @return the step
   * @throws IllegalArgumentException if null
   */
  public static SendStep of(Action action) {
    if (action == null) {
      throw new IllegalArgumentException("send(action): action is null; give an Action");
    }
    return new SendStep(action, null);
  }

  /**
   * Returns a copy that, when the gate refuses for a reason time can lift, waits and tries again
   * until the gate allows it or {@code atMost} has passed since the first try.
   *
   * @param atMost the longest wait
   * @return the new step
   * @throws IllegalArgumentException if not positive
   * @throws IllegalStateException if already set
   */
  public SendStep waitingForGate(Duration atMost) {
    String owner = "send(" + action.name() + ")";
    Checks.positive(owner, "waitingForGate", atMost);
    Checks.once(owner, "waitingForGate", gateWait != null);
    return new SendStep(action, atMost);
  }

  /**
   * Returns the action sent.
   *
   * @return the action
   */
  public Action action() {
    return action;
  }

  /**
   * Returns how long the step waits for the gate, if it does.
   *
   * @return the bound, or empty when a refusal moves the journey on
   */
  public Optional<Duration> gateWait() {
    return Optional.ofNullable(gateWait);
  }

  @Override
  public String describe() {
    return "send(" + action.name() + ")";
  }

  @Override
  public String toString() {
    return describe();
  }
}
