package dev.rapport.core.engine;

import dev.rapport.core.Channel;
import dev.rapport.core.Purpose;
import java.time.Instant;
import java.util.Optional;

/**
 * One message sent to a customer: what caps, the minimum gap and cooldowns count, and what
 * outcome events are attributed to (by their {@code dispatch_id}) when metrics are broken down by
 * journey, action or channel.
 *
 * @param at when it was sent
 * @param action the name of the action sent
 * @param channel the channel it was sent on
 * @param topic the action's topic, if any
 * @param purpose the action's purpose
 * @param dispatchId the dispatch's id, empty when unknown
 * @param journey the journey that sent it, if any
 * @param attempt 1 for a message's first channel, 2 and more for its fallbacks, which caps,
 *     the minimum gap and cooldowns do not count again (they are the same message)
 */
record Contact(Instant at, String action, Channel channel, Optional<String> topic,
    Purpose purpose, String dispatchId, Optional<String> journey, int attempt) {

  /**
   * Checks the components.
   *
   * @param at when it was sent
   * @param action the name of the action sent
   * @param channel the channel it was sent on
   * @param topic the action's topic, if any
   * @param purpose the action's purpose
   * @param dispatchId the dispatch's id, empty when unknown
   * @param journey the journey that sent it, if any
   * @param attempt the attempt, 1 or more
   * @throws IllegalArgumentException if a component is null or the attempt less than 1
   */
  public Contact {
    if (attempt < 1) {
      throw new IllegalArgumentException("contact: attempt is " + attempt + "; give 1 or more");
    }
    if (at == null || action == null || channel == null || topic == null || purpose == null
        || dispatchId == null || journey == null) {
      throw new IllegalArgumentException("contact: time, action, channel, topic, purpose, "
          + "dispatch id and journey must not be null (use Optional.empty() for no topic or "
          + "journey); got " + at + ", " + action + ", " + channel + ", " + topic + ", "
          + purpose + ", " + dispatchId + ", " + journey);
    }
  }

  /**
   * Makes a contact whose dispatch and journey are unknown.
   *
   * @param at when it was sent
   * @param action the name of the action sent
   * @param channel the channel it was sent on
   * @param topic the action's topic, if any
   * @param purpose the action's purpose
   * @throws IllegalArgumentException if a component is null
   */
  public Contact(Instant at, String action, Channel channel, Optional<String> topic,
      Purpose purpose) {
    this(at, action, channel, topic, purpose, "", Optional.empty(), 1);
  }

  /**
   * Makes the first attempt of a message.
   *
   * @param at when it was sent
   * @param action the name of the action sent
   * @param channel the channel it was sent on
   * @param topic the action's topic, if any
   * @param purpose the action's purpose
   * @param dispatchId the dispatch's id
   * @param journey the journey that sent it, if any
   * @throws IllegalArgumentException if a component is null
   */
  public Contact(Instant at, String action, Channel channel, Optional<String> topic,
      Purpose purpose, String dispatchId, Optional<String> journey) {
    this(at, action, channel, topic, purpose, dispatchId, journey, 1);
  }
}
