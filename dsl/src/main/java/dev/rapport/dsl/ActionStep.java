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
 *
 * <p>Single-use: the action is written in one chain on its core builder, and each call returns the
 * next step and retires the one it was made on. A step continued a second time, or after {@code
 * build()}, is refused with an {@link IllegalStateException} rather than writing on a builder that
 * another step already moved on; start another action with {@code action(name)}.
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
