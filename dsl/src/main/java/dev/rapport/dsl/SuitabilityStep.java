package dev.rapport.dsl;

import dev.rapport.core.Condition;
import java.time.Duration;

/**
 * A suitability rule's condition: a time after an event, or any condition on the customer.
 *
 * <p>Not a suitability rule yet: {@code within(duration).after(eventType)} or {@link #when}
 * completes it, and returns to the rule set.
 */
public interface SuitabilityStep {
  /**
   * Bounds the rule to a time after an event, completed with {@link SuitabilityWindowStep#after}.
   *
   * @param window the time, positive
   * @return the window step
   * @throws IllegalArgumentException if not positive
   */
  SuitabilityWindowStep within(Duration window);

  /**
   * Blocks the actions while a condition holds.
   *
   * @param description how the condition reads, for explanations
   * @param condition the condition
   * @return the rule set
   * @throws IllegalArgumentException if the description is blank or the condition null
   */
  RuleSetStep when(String description, Condition condition);
}
