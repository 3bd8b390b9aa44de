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
}
