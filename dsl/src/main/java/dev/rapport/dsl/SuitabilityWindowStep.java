package dev.rapport.dsl;

/**
 * The event a suitability window follows.
 *
 * <p>Not a suitability rule yet: {@link #after(String)} completes it, and returns to the rule set.
 */
public interface SuitabilityWindowStep {
  /**
   * Blocks the actions within the window after the customer's latest event of a type.
   *
   * @param eventType such as {@code "ticket_opened"}
   * @return the rule set
   * @throws IllegalArgumentException if blank
   */
  RuleSetStep after(String eventType);
}
