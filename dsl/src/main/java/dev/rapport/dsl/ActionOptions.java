package dev.rapport.dsl;

import dev.rapport.core.Purpose;
import java.time.Duration;

/**
 * The optional settings of an action, offered before and after its channels.
 *
 * @param <S> the step each setting returns to
 *
 * <p>An action is completed by {@code via(channel)}, then {@code build()}, which returns the {@link
 * dev.rapport.core.Action}.
 */
public interface ActionOptions<S> {
  /**
   * Declares the action transactional: exempt from marketing consent and caps, not from
   * reachability.
   *
   * @return this step
   * @throws IllegalStateException if the purpose was already set
   */
  S transactional();

  /**
   * Sets the purpose; marketing by default.
   *
   * @param purpose the purpose
   * @return this step
   * @throws IllegalArgumentException if null
   * @throws IllegalStateException if the purpose was already set
   */
  S purpose(Purpose purpose);

  /**
   * Sets the topic, used by topic caps, topic preferences and the one-per-topic rule.
   *
   * @param topic such as {@code "coffee"}
   * @return this step
   * @throws IllegalArgumentException if blank
   * @throws IllegalStateException if already set
   */
  S topic(String topic);

  /**
   * Sets the value of the action to the host, a factor of its priority; 1.0 by default.
   *
   * @param value a finite number, zero or more
   * @return this step
   * @throws IllegalArgumentException if negative, infinite or NaN
   * @throws IllegalStateException if already set
   */
  S value(double value);

  /**
   * Sets how long after one send to a customer another is refused.
   *
   * @param cooldown a positive duration
   * @return this step
   * @throws IllegalArgumentException if not positive
   * @throws IllegalStateException if already set
   */
  S cooldown(Duration cooldown);

  /**
   * Holds a share of customers out of the action, to measure what it adds: a held-out customer
   * is never sent it (refused with {@code ACTION_HOLDOUT} where it would have gone, in journeys
   * and decisions alike), and the dashboard compares both arms from each customer's first
   * exposure. The arm is a seeded hash of the action's name and the customer's id.
   *
   * <pre>{@code
   * action("spring-offer").via(EMAIL).holdout(0.10).build();
   * }</pre>
   *
   * @param fraction from 0 (inclusive) to 1 (exclusive), such as 0.10
   * @return this step
   * @throws IllegalArgumentException if out of range or NaN
   * @throws IllegalStateException if already set
   */
  S holdout(double fraction);
}
