package dev.rapport.dsl;

import dev.rapport.core.Channel;

/**
 * The first steps of an action: its options, then its first channel, without which it cannot be
 * built.
 *
 * <pre>{@code
 * action("api-key-help").via(IN_APP).orElse(EMAIL).build();
 * }</pre>
 *
 * <p>Not an {@link dev.rapport.core.Action} yet, and cannot be built: give its first channel with
 * {@link #via}, then complete it with {@code build()}.
 */
public interface ActionStep extends ActionOptions<ActionStep> {
  /**
   * Sets the preferred channel.
   *
   * @param channel the channel
   * @return the channel step
   * @throws IllegalArgumentException if null
   */
  ActionChannelStep via(Channel channel);
}
