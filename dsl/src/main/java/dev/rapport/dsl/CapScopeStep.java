package dev.rapport.dsl;

import dev.rapport.core.Channel;
import dev.rapport.core.Purpose;

/**
 * The step after a cap's window: at most one scope, or the next clause of the policy. Without a
 * scope the cap counts marketing messages on all channels.
 *
 * <pre>{@code
 * contactPolicy()
 *     .atMost(1).per(Duration.ofDays(1)).on(SMS)
 *     .atMost(2).per(Duration.ofDays(7)).onTopic("coffee")
 *     .atMost(10).per(Duration.ofDays(1)).forPurpose(TRANSACTIONAL)
 *     .atMost(1).per(Duration.ofDays(7)).forSegment("newcomers")
 *     .build();
 * }</pre>
 *
 * <p>The policy is completed by {@link #build()}, which returns the {@link
 * dev.rapport.core.policy.ContactPolicy}.
 */
public interface CapScopeStep extends ContactPolicyStep {
  /**
   * Scopes the cap to one channel: it counts the marketing messages on it.
   *
   * @param channel the channel
   * @return the policy step
   * @throws IllegalArgumentException if null
   * @throws IllegalStateException if a cap with the same scope and window was already given
   */
  ContactPolicyStep on(Channel channel);

  /**
   * Scopes the cap to one topic: it counts the marketing messages on it and applies to actions
   * with it.
   *
   * @param topic the topic, such as {@code "coffee"}
   * @return the policy step
   * @throws IllegalArgumentException if null or blank
   * @throws IllegalStateException if a cap with the same scope and window was already given
   */
  ContactPolicyStep onTopic(String topic);

  /**
   * Scopes the cap to one purpose: it counts the messages of that purpose and applies to actions
   * of that purpose, transactional ones included.
   *
   * @param purpose the purpose
   * @return the policy step
   * @throws IllegalArgumentException if null
   * @throws IllegalStateException if a cap with the same scope and window was already given
   */
  ContactPolicyStep forPurpose(Purpose purpose);

  /**
   * Makes the cap one for the customers of a segment only (marketing, all channels): how often
   * that kind of customer wants to hear from you. For a channel, topic or purpose as well, give
   * the policy a core {@link dev.rapport.core.policy.Cap} with both.
   *
   * @param segment the segment's name, which the engine must declare
   * @return the policy step
   * @throws IllegalArgumentException if null or blank
   * @throws IllegalStateException if a cap with the same scope and window was already given
   */
  ContactPolicyStep forSegment(String segment);

  /**
   * Makes the cap one for the customers of a persona only (marketing, all channels); see {@link
   * #forSegment}.
   *
   * @param persona the persona's name, which the engine must declare
   * @return the policy step
   * @throws IllegalArgumentException if null or blank
   * @throws IllegalStateException if a cap with the same scope and window was already given
   */
  ContactPolicyStep forPersona(String persona);
}
