package dev.rapport.core.journey;

import dev.rapport.core.Channel;
import dev.rapport.core.policy.Reason;
import java.util.Optional;

/**
 * What became of an action a {@link CustomStep} sent: sent on a channel, or refused for a reason.
 *
 * @param channel the channel it was sent on, if sent
 * @param refused why it was not sent, if not
 * @param detail the gate's explanation, empty when sent
 */
public record Sent(Optional<Channel> channel, Optional<Reason> refused, String detail) {

  /**
   * Checks that exactly one of channel and reason is present.
   *
   * @param channel the channel it was sent on, if sent
   * @param refused why it was not sent, if not
   * @param detail the gate's explanation, empty when sent
   * @throws IllegalArgumentException if both or neither are present, or an argument is null
   */
  public Sent {
    if (channel == null || refused == null || detail == null
        || channel.isPresent() == refused.isPresent()) {
      throw new IllegalArgumentException("sent: give either the channel it went on or the "
          + "reason it was refused, and a detail");
    }
  }

  /**
   * Tells whether the action was sent.
   *
   * @return whether it was sent
   */
  public boolean isSent() {
    return channel.isPresent();
  }
}
