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
 * (a cap, a cooldown, a minimum gap, a guardrail pause). {@link #atBestTimeWithin(Duration)}
 * times the send for the customer's best hour.
 */
public final class SendStep implements Step {
  /** The longest {@link #atBestTimeWithin} window: what a step's history can say. */
  public static final Duration LONGEST_BEST_TIME_WINDOW = Duration.ofDays(42);

  private final Action action;
  private final Duration gateWait;
  private final Duration bestTimeWithin;

  private SendStep(Action action, Duration gateWait, Duration bestTimeWithin) {
    this.action = action;
    this.gateWait = gateWait;
    this.bestTimeWithin = bestTimeWithin;
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
    return new SendStep(action, null, null);
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
    return new SendStep(action, atMost, bestTimeWithin);
  }

  /**
   * Returns a copy that sends at the customer's best hour within a window from the moment the
   * step is reached: the engine's {@code SendTimes} model picks the hour of the week the
   * customer is most likely to respond in, and the step waits until its next start within the
   * window (or sends now, when now is that hour). Only hours the gate would allow at that time
   * are chosen (outside quiet hours, within caps and gaps, as the customer's contacts stand);
   * the gate is asked again when the time comes. The choice and its reason are in the
   * enrollment's explanation.
   *
   * <pre>{@code
   * send(reminder).atBestTimeWithin(Duration.ofDays(1))
   * }</pre>
   *
   * @param window how long the send may wait for the best hour, at most 42 days
   * @return the new step
   * @throws IllegalArgumentException if not positive or longer than 42 days
   * @throws IllegalStateException if already set
   */
  public SendStep atBestTimeWithin(Duration window) {
    String owner = "send(" + action.name() + ")";
    Checks.positive(owner, "atBestTimeWithin", window);
    if (window.compareTo(LONGEST_BEST_TIME_WINDOW) > 0) {
      throw new IllegalArgumentException(owner + ": atBestTimeWithin(" + window + ") is longer "
          + "than 42 days; give a window of at most Duration.ofDays(42)");
    }
    Checks.once(owner, "atBestTimeWithin", bestTimeWithin != null);
    return new SendStep(action, gateWait, window);
  }

  /**
   * Returns the window within which the step sends at the customer's best hour, if it does.
   *
   * @return the window, or empty when the step sends as soon as it is reached
   */
  public Optional<Duration> bestTimeWithin() {
    return Optional.ofNullable(bestTimeWithin);
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
    return "send(" + action.name() + ")"
        + (bestTimeWithin == null ? "" : " at best time within " + bestTimeWithin);
  }

  @Override
  public String toString() {
    return describe();
  }
}
