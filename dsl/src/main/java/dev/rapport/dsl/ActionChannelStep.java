package dev.rapport.dsl;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import java.time.Duration;

/**
 * The steps of an action once it has a channel: fallbacks, options, and {@link #build()}.
 *
 * <p>Completed by {@link #build()}, which returns the {@link Action}.
 */
public interface ActionChannelStep extends ActionOptions<ActionChannelStep> {
  /**
   * Adds a fallback channel, used only after the previous one failed or, with a {@link
   * #responseWindow}, went unanswered.
   *
   * @param channel the channel
   * @return this step
   * @throws IllegalArgumentException if null or already given
   */
  ActionChannelStep orElse(Channel channel);

  /**
   * Falls back to the next channel when the customer has not opened, clicked or converted within
   * a window.
   *
   * @param window a positive duration
   * @return this step
   * @throws IllegalArgumentException if not positive
   * @throws IllegalStateException if already set
   */
  ActionChannelStep responseWindow(Duration window);

  /**
   * Returns the action; called again on this step, returns the same action.
   *
   * @return the action
   * @throws IllegalStateException if a response window is set with a single channel
   */
  Action build();
}
