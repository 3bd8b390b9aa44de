package dev.rapport.core;

/**
 * A yes-or-no question about a customer, asked of the read-only {@link Customer} view.
 *
 * <pre>{@code
 * Condition powerUser = c -> c.count("report_run", Duration.ofDays(7)) >= 5;
 * }</pre>
 *
 * <p>A condition must not have side effects: the engine may ask it any number of times.
 */
@FunctionalInterface
public interface Condition {
  /**
   * Answers the question for a customer.
   *
   * @param customer the customer's view
   * @return whether the condition holds
   */
  boolean test(Customer customer);

  /**
   * Returns a condition that holds when both hold.
   *
   * @param other the other condition
   * @return the conjunction
   */
  default Condition and(Condition other) {
    return c -> test(c) && other.test(c);
  }

  /**
   * Returns a condition that holds when either holds.
   *
   * @param other the other condition
   * @return the disjunction
   */
  default Condition or(Condition other) {
    return c -> test(c) || other.test(c);
  }

  /**
   * Returns a condition that holds when this one does not.
   *
   * @return the negation
   */
  default Condition negate() {
    return c -> !test(c);
  }
}
