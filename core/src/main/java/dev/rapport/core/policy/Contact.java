package dev.rapport.core.policy;

import dev.rapport.core.Channel;
import dev.rapport.core.Purpose;
import java.time.Instant;
import java.util.Optional;

/**
 * One message sent to a customer: what caps, the minimum gap and cooldowns count.
 *
 * @param at when it was sent
 * @param action the name of the action sent
 * @param channel the channel it was sent on
 * @param topic the action's topic, if any
 * @param purpose the action's purpose
 */
public record Contact(
    Instant at, String action, Channel channel, Optional<String> topic, Purpose purpose) {

  /**
   * Checks the components.
   *
   * @param at when it was sent
   * @param action the name of the action sent
   * @param channel the channel it was sent on
   * @param topic the action's topic, if any
   * @param purpose the action's purpose
   * @throws IllegalArgumentException if a component is null
   */
  public Contact {
    if (at == null || action == null || channel == null || topic == null || purpose == null) {
      throw new IllegalArgumentException("contact: time, action, channel, topic and purpose must "
          + "not be null (use Optional.empty() for no topic); got " + at + ", " + action + ", "
          + channel + ", " + topic + ", " + purpose);
    }
  }
}
