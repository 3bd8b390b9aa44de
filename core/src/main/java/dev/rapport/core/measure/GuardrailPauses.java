package dev.rapport.core.measure;

import java.util.List;
import java.util.Objects;

/**
 * The pauses one guardrail imposed within a period, as {@code Engine.guardrailPauses} returns
 * them. An engine keeps the latest 1,000 pauses of each guardrail (a guardrail that flaps that
 * often is misconfigured); it counts the older ones it forgot, so that a gap in the history never
 * goes unnoticed.
 *
 * @param guardrail the guardrail's description, as in {@link GuardrailState#guardrail()}
 * @param pauses its pauses that overlap the period, oldest first
 * @param forgotten how many older pauses the engine no longer keeps
 */
public record GuardrailPauses(String guardrail, List<GuardrailPause> pauses, long forgotten) {
  /**
   * Copies the pauses.
   *
   * @param guardrail the guardrail's description
   * @param pauses its pauses within the period, oldest first
   * @param forgotten how many older pauses the engine no longer keeps
   * @throws NullPointerException if the guardrail, the pauses or one pause is null
   */
  public GuardrailPauses {
    Objects.requireNonNull(guardrail, "guardrail");
    pauses = List.copyOf(pauses);
  }
}
