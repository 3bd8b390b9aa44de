package dev.rapport.dsl;

/**
 * A rule's optional priority factors, then the next rule, a suitability rule or the end.
 *
 * <p>The rule set is completed by {@link #build()}, which returns the {@link
 * dev.rapport.core.decision.RuleSet}.
 */
public interface RuleOptionsStep extends RuleSetStep {
  /**
   * Sets the rule's context weight; 1.0 by default.
   *
   * @param weight a finite number, zero or more
   * @return this step
   * @throws IllegalArgumentException if negative, infinite or NaN
   * @throws IllegalStateException if already set
   */
  RuleOptionsStep weight(double weight);

  /**
   * Overrides the action's value for this rule.
   *
   * @param value a finite number, zero or more
   * @return this step
   * @throws IllegalArgumentException if negative, infinite or NaN
   * @throws IllegalStateException if already set
   */
  RuleOptionsStep value(double value);

  /**
   * Sets the rule's lever, the business's own factor; 1.0 by default.
   *
   * @param lever a finite number, zero or more
   * @return this step
   * @throws IllegalArgumentException if negative, infinite or NaN
   * @throws IllegalStateException if already set
   */
  RuleOptionsStep lever(double lever);
}
