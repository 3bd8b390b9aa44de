package dev.rapport.dsl;

import dev.rapport.core.TraitKey;

/**
 * The step after {@code channel(c)}: how the channel treats consent and reachability, each said
 * at most once, or the next clause of the policy. What is not said keeps the channel's defaults
 * (see {@link dev.rapport.core.policy.ChannelSettings#defaultsFor}).
 *
 * <pre>{@code
 * contactPolicy()
 *     .channel(Channel.of("whatsapp")).requiresOptIn(true).reachableWith(PHONE_NUMBER)
 *     .build();
 * }</pre>
 *
 * <p>The policy is completed by {@link #build()}, which returns the {@link
 * dev.rapport.core.policy.ContactPolicy}.
 */
public interface ChannelSettingsStep extends ContactPolicyStep {
  /**
   * Sets whether marketing on the channel needs an explicit opt-in; when not, marketing is
   * allowed unless the customer denied consent.
   *
   * @param required whether an opt-in is required
   * @return this step
   * @throws IllegalStateException if already set for this channel
   */
  ChannelSettingsStep requiresOptIn(boolean required);

  /**
   * Makes a customer reachable on the channel only when a trait is set.
   *
   * @param trait the trait, such as {@code PHONE_NUMBER}
   * @return this step
   * @throws IllegalArgumentException if null
   * @throws IllegalStateException if the channel's reachability was already set
   */
  ChannelSettingsStep reachableWith(TraitKey<?> trait);

  /**
   * Makes every customer reachable on the channel.
   *
   * @return this step
   * @throws IllegalStateException if the channel's reachability was already set
   */
  ChannelSettingsStep alwaysReachable();
}
