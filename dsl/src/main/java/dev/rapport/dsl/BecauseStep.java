package dev.rapport.dsl;

/**
 * Why a rule recommends its action: required, so that every decision explains itself.
 *
 * <p>Not a rule yet: {@link #because(String)} completes the rule. The rule set is completed by
 * {@code build()}, which returns the {@link dev.rapport.core.decision.RuleSet}.
 */
public interface BecauseStep {
  /**
   * Gives the reason.
   *
   * @param reason such as {@code "owns a grinder"}
   * @return the rule's options, then the next rule or the rule set's end
   * @throws IllegalArgumentException if blank
   */
  RuleOptionsStep because(String reason);
}
