package dev.rapport.core.measure;

import java.time.Instant;
import java.util.Objects;

/**
 * A guardrail's change, as its listeners are told of it: a breach that opened a pause, or a
 * recovery that lifted it.
 *
 * @param state the guardrail and where it stands after the change
 * @param breached true for a breach, false for a recovery
 * @param at the engine's time of the change (its clock's, or the instant it was advanced to):
 *     during a replay, the time in the replayed log, not the wall clock's
 * @param pause the pause the breach opened, or that the recovery closed
 */
public record GuardrailChange(GuardrailState state, boolean breached, Instant at,
    GuardrailPause pause) {
  /**
   * Checks the components.
   *
   * @param state the guardrail and where it stands after the change
   * @param breached true for a breach, false for a recovery
   * @param at the engine's time of the change
   * @param pause the pause the breach opened, or that the recovery closed
   * @throws NullPointerException if one is null
   */
  public GuardrailChange {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(pause, "pause");
  }
}
