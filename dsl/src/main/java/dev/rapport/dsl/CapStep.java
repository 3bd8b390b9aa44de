package dev.rapport.dsl;

import java.time.Duration;

/**
 * The step after {@code atMost(n)}: a cap needs its window, so nothing else is offered.
 *
 * <pre>{@code
 * contactPolicy().atMost(3).per(Duration.ofDays(7)).build();
 * }</pre>
 *
 * <p>Not a cap yet: {@link #per} completes it. The policy is completed by {@code build()}, which
 * returns the {@link dev.rapport.core.policy.ContactPolicy}.
 */
public interface CapStep {
  /**
   * Gives the cap its rolling window.
   *
   * @param window a positive duration
   * @return the step that may scope the cap
   * @throws IllegalArgumentException if null or not positive
   */
  CapScopeStep per(Duration window);
}
