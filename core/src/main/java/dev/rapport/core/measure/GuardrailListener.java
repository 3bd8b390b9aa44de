package dev.rapport.core.measure;

/**
 * Told when a guardrail is breached and when it recovers. Called on the thread whose event
 * caused the change, after that event's state is stored and outside every lock (a listener may
 * call the engine); an exception it throws is logged and never reaches the engine's caller.
 *
 * <p>Implement {@link #onChange} to be told the engine's time of the change and the pause, or
 * {@link #onBreach} and {@link #onRecovery}, which the default {@code onChange} calls.
 *
 * <pre>{@code
 * GuardrailListener pager = new GuardrailListener() {
 *   public void onChange(GuardrailChange change) {
 *     alerts.add(change.at() + " " + change.state().guardrail()
 *         + (change.breached() ? " breached" : " recovered"));
 *   }
 * };
 * }</pre>
 */
public interface GuardrailListener {
  /**
   * A guardrail changed: it was breached (what it protects is paused) or it recovered (the pause
   * is lifted). The default calls {@link #onBreach} or {@link #onRecovery}.
   *
   * @param change the change, with the engine's time and the pause
   */
  default void onChange(GuardrailChange change) {
    if (change.breached()) {
      onBreach(change.state());
    } else {
      onRecovery(change.state());
    }
  }

  /**
   * A guardrail's metric crossed its bound with at least its minimum sample: what it protects is
   * paused. The default does nothing.
   *
   * @param state the guardrail's state
   */
  default void onBreach(GuardrailState state) {}

  /**
   * A breached guardrail's metric came back past its recovery point: the pause is lifted. The
   * default does nothing.
   *
   * @param state the guardrail's state
   */
  default void onRecovery(GuardrailState state) {}
}
