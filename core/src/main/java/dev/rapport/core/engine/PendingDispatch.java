package dev.rapport.core.engine;

import dev.rapport.core.Channel;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A dispatch that may still fall back to its action's next channel: kept in the customer's state
 * until it is answered, fails for good, or has no channel left.
 *
 * @param dispatchId the id of the latest attempt
 * @param action the action's name
 * @param journey the journey, if from one
 * @param journeyVersion its version, 0 otherwise
 * @param step the step's index in the journey, -1 otherwise
 * @param attempt the latest attempt's number
 * @param tried the channels tried so far, in order
 * @param sentAt when the latest attempt was sent
 * @param responseDeadline when to fall back if nothing answered it, if the action asks for that
 */
public record PendingDispatch(String dispatchId, String action, Optional<String> journey,
    int journeyVersion, int step, int attempt, List<Channel> tried, Instant sentAt,
    Optional<Instant> responseDeadline) {

  /**
   * Checks and copies the components.
   *
   * @param dispatchId the id of the latest attempt
   * @param action the action's name
   * @param journey the journey, if from one
   * @param journeyVersion its version, 0 otherwise
   * @param step the step's index in the journey, -1 otherwise
   * @param attempt the latest attempt's number
   * @param tried the channels tried so far, in order
   * @param sentAt when the latest attempt was sent
   * @param responseDeadline when to fall back if nothing answered it, if the action asks for that
   * @throws IllegalArgumentException if a component is null
   */
  public PendingDispatch {
    if (dispatchId == null || action == null || journey == null || tried == null
        || sentAt == null || responseDeadline == null) {
      throw new IllegalArgumentException("pending dispatch: no component may be null");
    }
    tried = List.copyOf(tried);
  }

  /**
   * Returns the channel of the latest attempt.
   *
   * @return the channel
   */
  public Channel channel() {
    return tried.get(tried.size() - 1);
  }
}
