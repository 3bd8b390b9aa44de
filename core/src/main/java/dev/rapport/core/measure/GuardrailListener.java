package dev.rapport.core.measure;

/**
 * Told when a guardrail is breached and when it recovers. Called on the thread whose event
 * caused the change, after that event's state is stored; an exception it throws is logged and
 * never reaches the engine's caller.
 */
public interface GuardrailListener {
  /**
   * A guardrail's metric crossed its bound with at least its minimum sample: what it protects is
   * paused.
   *
   * @param state the guardrail's state
   */
  void onBreach(GuardrailState state);

  /**
   * A breached guardrail's metric came back past its recovery point: the pause is lifted.
   *
   * @param state the guardrail's state
   */
  void onRecovery(GuardrailState state);
}
