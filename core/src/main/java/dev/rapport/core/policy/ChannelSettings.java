package dev.rapport.core.policy;

import dev.rapport.core.Channel;
import dev.rapport.core.TraitKey;
import java.util.Objects;
import java.util.Optional;

/**
 * How the gate treats one channel: whether marketing on it needs an explicit opt-in, and which
 * trait makes a customer reachable on it.
 *
 * <pre>{@code
 * ChannelSettings whatsapp = ChannelSettings.of(true, TraitKey.PHONE_NUMBER);
 * }</pre>
 *
 * <p>Without settings of its own, a channel has its {@link #defaultsFor(Channel) defaults}.
 */
public final class ChannelSettings {
  private static final ChannelSettings EMAIL =
      new ChannelSettings(true, Optional.of(TraitKey.EMAIL_ADDRESS));
  private static final ChannelSettings SMS =
      new ChannelSettings(true, Optional.of(TraitKey.PHONE_NUMBER));
  private static final ChannelSettings PUSH =
      new ChannelSettings(true, Optional.of(TraitKey.DEVICE_TOKEN));
  private static final ChannelSettings IN_APP = new ChannelSettings(false, Optional.empty());
  private static final ChannelSettings OPT_IN_ALWAYS_REACHABLE =
      new ChannelSettings(true, Optional.empty());

  private final boolean requiresOptIn;
  private final Optional<TraitKey<?>> reachableWith;

  private ChannelSettings(boolean requiresOptIn, Optional<TraitKey<?>> reachableWith) {
    this.requiresOptIn = requiresOptIn;
    this.reachableWith = reachableWith;
  }

  /**
   * Returns settings.
   *
   * @param requiresOptIn whether marketing needs an explicit {@code GRANTED} consent; when false,
   *     marketing is allowed unless the customer's consent is {@code DENIED}
   * @param reachableWithOrNull the trait a customer needs to be reachable, or null when every
   *     customer is reachable
   * @return the settings
   */
  public static ChannelSettings of(boolean requiresOptIn, TraitKey<?> reachableWithOrNull) {
    return new ChannelSettings(requiresOptIn, Optional.ofNullable(reachableWithOrNull));
  }

  /**
   * Returns the settings a channel has unless configured: email, SMS and push need an opt-in and
   * an email address, a phone number and a device token; in-app needs neither; social and custom
   * channels need an opt-in and no trait.
   *
   * @param channel the channel
   * @return its default settings
   * @throws IllegalArgumentException if the channel is null
   */
  public static ChannelSettings defaultsFor(Channel channel) {
    if (channel == null) {
      throw new IllegalArgumentException("channel settings: channel is null; give a channel");
    }
    if (channel.equals(Channel.EMAIL)) {
      return EMAIL;
    }
    if (channel.equals(Channel.SMS)) {
      return SMS;
    }
    if (channel.equals(Channel.PUSH)) {
      return PUSH;
    }
    if (channel.equals(Channel.IN_APP)) {
      return IN_APP;
    }
    return OPT_IN_ALWAYS_REACHABLE;
  }

  /**
   * Tells whether marketing on the channel needs an explicit {@code GRANTED} consent. When it
   * does not, marketing is allowed unless the consent is {@code DENIED}.
   *
   * @return whether an opt-in is required
   */
  public boolean requiresOptIn() {
    return requiresOptIn;
  }

  /**
   * Returns the trait that must be set for a customer to be reachable on the channel.
   *
   * @return the trait, or empty when every customer is reachable
   */
  public Optional<TraitKey<?>> reachableWith() {
    return reachableWith;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChannelSettings && ((ChannelSettings) o).requiresOptIn == requiresOptIn
        && ((ChannelSettings) o).reachableWith.equals(reachableWith);
  }

  @Override
  public int hashCode() {
    return Objects.hash(requiresOptIn, reachableWith);
  }

  @Override
  public String toString() {
    return (requiresOptIn ? "opt-in" : "no opt-in") + ", "
        + reachableWith.map(k -> "reachable with " + k.name()).orElse("always reachable");
  }
}
