package dev.rapport.core.journey;

import java.time.Instant;

/**
 * One line of an enrollment's history: when, at which step, what happened, and why.
 *
 * @param at when (to the second)
 * @param step the step's label and description, such as {@code 2/timeout/1 send(api-key-help)},
 *     or the journey's name for entry and exit
 * @param outcome what happened
 * @param detail the reason or choice, such as {@code NO_CONSENT} or {@code arm short}; may be
 *     empty
 */
public record StepRecord(Instant at, String step, StepOutcome outcome, String detail) {
  @Override
  public String toString() {
    return at + "  " + step + "  " + outcome + (detail.isEmpty() ? "" : " (" + detail + ")");
  }
}
