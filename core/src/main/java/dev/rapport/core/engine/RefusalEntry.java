package dev.rapport.core.engine;

import dev.rapport.core.Channel;
import dev.rapport.core.CustomerId;
import dev.rapport.core.policy.Reason;
import dev.rapport.core.policy.Refusal;
import java.util.Optional;

/**
 * A refusal as a customer's record keeps it: the time in nanoseconds and the names the
 * definitions already hold (no text is built when a message is refused).
 *
 * @param at when, in epoch nanoseconds
 * @param action the action's name
 * @param reason why
 * @param channel the channel the refusal is about, or null
 * @param journey the journey, or null for a decision
 * @param step the step's label, or null
 * @param placement the decision's placement, or null for a journey's send step
 * @param attempt 1 for a message's first channel, 2 and more for a fallback
 */
record RefusalEntry(long at, String action, Reason reason, Channel channel, String journey,
    String step, String placement, int attempt) {

  /** The public form, for one customer. */
  Refusal toRefusal(CustomerId customer) {
    return new Refusal(customer, Times.instant(at), action, reason, Optional.ofNullable(channel),
        Optional.ofNullable(journey), Optional.ofNullable(step), Optional.ofNullable(placement),
        attempt);
  }
}
