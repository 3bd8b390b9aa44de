package dev.rapport.core.engine;

import dev.rapport.core.SendTimes;
import java.time.Instant;
import java.util.Objects;

/**
 * When to send a message to a customer, as {@link Engine#bestSendTime} chose it.
 *
 * @param at the instant: now, or the start of an hour within the window
 * @param hourOfWeek its hour of the week in the customer's zone, 0 (Monday 00:00) to 167
 * @param basis what the choice rests on: the customer's own responses, a few of them shrunk
 *     towards the population's, or the population's alone
 * @param reason the choice in words, for an explanation
 */
public record SendTime(Instant at, int hourOfWeek, SendTimes.Basis basis, String reason) {
  /**
   * Checks the components.
   *
   * @param at the instant
   * @param hourOfWeek its hour of the week
   * @param basis what the choice rests on
   * @param reason the choice in words
   * @throws NullPointerException if a component is null
   */
  public SendTime {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(basis, "basis");
    Objects.requireNonNull(reason, "reason");
  }
}
