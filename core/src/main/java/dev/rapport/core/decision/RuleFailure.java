package dev.rapport.core.decision;

/**
 * A rule whose condition threw: skipped and reported, never propagated (outside strict mode).
 *
 * @param ruleSet the rule set
 * @param rule the rule
 * @param error the exception's class name
 */
public record RuleFailure(String ruleSet, String rule, String error) {}
