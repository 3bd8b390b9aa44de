package dev.rapport.dsl;

import dev.rapport.core.Action;
import dev.rapport.core.decision.RuleSet;

/**
 * A rule set being declared: more rules, suitability rules, or {@link #build()}.
 *
 * <pre>{@code
 * rules("storefront")
 *     .rule("brew-guides")
 *         .whenDone("purchased", p -> "grinder".equals(p.get("sku")))
 *         .recommend(brewGuide)
 *         .because("owns a grinder")
 *     .never(reviewRequest).within(Duration.ofDays(7)).after("ticket_opened")
 *     .build();
 * }</pre>
 *
 * <p>Completed by {@link #build()}, which returns the {@link RuleSet}.
 *
 * <p>Single-use: the rule set is written in one chain on its core builder, and each call returns
 * the next step and retires the one it was made on. A step continued a second time, or after {@code
 * build()}, is refused with an {@link IllegalStateException} rather than writing on a builder that
 * another step already moved on; start another rule set with {@code rules(name)}.
 */
public interface RuleSetStep {
  /**
   * Starts a rule.
   *
   * @param name its name, unique in the rule set
   * @return the rule's first step
   * @throws IllegalArgumentException if blank
   * @throws IllegalStateException if a rule of that name was already declared
   */
  RuleStep rule(String name);

  /**
   * Starts a suitability rule that blocks an action.
   *
   * @param action the action
   * @return the suitability step
   * @throws IllegalArgumentException if null
   */
  SuitabilityStep never(Action action);

  /**
   * Starts a suitability rule that blocks every action of a topic.
   *
   * @param topic the topic
   * @return the suitability step
   * @throws IllegalArgumentException if blank
   */
  SuitabilityStep neverTopic(String topic);

  /**
   * Returns the rule set; called again on this step, returns the same rule set.
   *
   * @return the rule set
   * @throws IllegalStateException if it has no rule
   */
  RuleSet build();
}
