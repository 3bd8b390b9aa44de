package dev.rapport.dsl;

import dev.rapport.core.Channel;
import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.core.policy.QuietHoursMode;
import dev.rapport.core.policy.Fatigue;
import dev.rapport.core.policy.SupportHold;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The clauses of a contact policy, in any order, each given once (caps and channels once per
 * scope), ended by {@link #build()}.
 *
 * <pre>{@code
 * ContactPolicy policy = contactPolicy()
 *     .atMost(3).per(Duration.ofDays(7))
 *     .atMost(1).per(Duration.ofDays(1)).on(SMS)
 *     .minimumGap(Duration.ofHours(4))
 *     .quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0))
 *     .channel(Channel.of("whatsapp")).requiresOptIn(true).reachableWith(PHONE_NUMBER)
 *     .build();
 * }</pre>
 *
 * <p>Copy-on-write: each step is a value, the clauses given so far, and each call returns a new
 * step and leaves the one it was made on as it was. A step may be shared: two policies made from
 * one base each get only their own clauses (and a call whose result is dropped changes nothing).
 *
 * <pre>{@code
 * ContactPolicyStep base = contactPolicy().atMost(3).per(Duration.ofDays(7));
 * ContactPolicy evenings = base.quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)).build();
 * ContactPolicy anyTime = base.build();       // no quiet hours
 * }</pre>
 *
 * <p>Completed by {@link #build()}, which returns the {@link
 * dev.rapport.core.policy.ContactPolicy}.
 */
public interface ContactPolicyStep {
  /**
   * Starts a cap: at most {@code limit} marketing messages per window, over all channels unless
   * scoped. A cap needs its window: {@link CapStep#per(Duration)} must follow.
   *
   * @param limit the most messages allowed in any window, 1 or more
   * @return the step that takes the window
   * @throws IllegalArgumentException if the limit is below 1
   */
  CapStep atMost(int limit);

  /**
   * Sets the shortest time allowed between two marketing messages to a customer.
   *
   * @param gap a positive duration
   * @return this step
   * @throws IllegalArgumentException if null or not positive
   * @throws IllegalStateException if already set
   */
  ContactPolicyStep minimumGap(Duration gap);

  /**
   * Sets quiet hours for every customer, in the customer's own time zone; marketing in them is
   * deferred to their end unless {@link QuietHoursStep#dropping()} follows.
   *
   * @param start the first quiet local time, such as 21:00
   * @param end the first local time that is no longer quiet, such as 08:00
   * @return the step that may say what happens in them
   * @throws IllegalArgumentException if a bound is null or both are equal
   * @throws IllegalStateException if already set
   */
  QuietHoursStep quietHours(LocalTime start, LocalTime end);

  /**
   * Sets what happens to marketing in quiet hours, the policy's or the customer's own; useful
   * when the policy has no quiet hours of its own. Deferred unless set.
   *
   * @param mode defer or drop
   * @return this step
   * @throws IllegalArgumentException if null
   * @throws IllegalStateException if already set, here or by {@link QuietHoursStep}
   */
  ContactPolicyStep quietHoursMode(QuietHoursMode mode);

  /**
   * Sets the time zone of customers whose own zone is unknown; UTC unless set.
   *
   * @param zone the zone
   * @return this step
   * @throws IllegalArgumentException if null
   * @throws IllegalStateException if already set
   */
  ContactPolicyStep defaultZone(ZoneId zone);

  /**
   * Sets whether marketing is suppressed after an unsubscribe until consent is granted again;
   * true unless set.
   *
   * @param suppress whether to suppress
   * @return this step
   * @throws IllegalStateException if already set
   */
  ContactPolicyStep suppressAfterUnsubscribe(boolean suppress);

  /**
   * Sets whether marketing is suppressed after a complaint until consent is granted again; true
   * unless set.
   *
   * @param suppress whether to suppress
   * @return this step
   * @throws IllegalStateException if already set
   */
  ContactPolicyStep suppressAfterComplaint(boolean suppress);

  /**
   * Adds a hold on marketing while a customer has a support problem; holds add up.
   *
   * <pre>{@code
   * contactPolicy()
   *     .hold(SupportHold.after(EventTypes.TICKET_OPENED, Duration.ofDays(7)))
   *     .hold(SupportHold.whileTicketOpen())
   *     .build();
   * }</pre>
   *
   * @param hold the hold
   * @return this step
   * @throws IllegalArgumentException if null
   * @throws IllegalStateException if an equal hold was already given
   */
  ContactPolicyStep hold(SupportHold hold);

  /**
   * Sets the fatigue rule: after a number of marketing messages in a row left unanswered,
   * marketing to the customer pauses until they respond or the pause ends (refused with {@code
   * FATIGUED}).
   *
   * <pre>{@code
   * contactPolicy()
   *     .fatigue(Fatigue.after(3).unansweredWithin(Duration.ofDays(3)).pauseFor(Duration.ofDays(14)))
   *     .build();
   * }</pre>
   *
   * @param rule the rule
   * @return this step
   * @throws IllegalArgumentException if null
   * @throws IllegalStateException if already set
   */
  ContactPolicyStep fatigue(Fatigue rule);

  /**
   * Configures how a channel treats consent and reachability; what is not said keeps the
   * channel's defaults.
   *
   * @param channel the channel, standard or custom
   * @return the step that configures it
   * @throws IllegalArgumentException if null
   * @throws IllegalStateException if the channel was already configured
   */
  ChannelSettingsStep channel(Channel channel);

  /**
   * Returns the policy; may be called more than once, giving equal policies, and on any step of
   * the chain, giving the policy with the clauses up to that step.
   *
   * @return the policy
   * @throws IllegalStateException if two caps have the same scope and window, or a clause is
   *     repeated
   */
  ContactPolicy build();
}
