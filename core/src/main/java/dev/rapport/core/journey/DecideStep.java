package dev.rapport.core.journey;

import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.internal.Checks;

/**
 * Asks a rule set for the customer's next best action and sends the winner through the gate,
 * like a send step whose action is chosen at run time. With no winner, the step records the first
 * rejected candidate's reason (or {@code NO_CANDIDATE} when no rule matched) and the journey moves
 * on.
 *
 * <pre>{@code
 * journey("weekly-nudge").enterOn("week_started").steps(decide(storefront)).build();
 * }</pre>
 */
public final class DecideStep implements Step {
  private final RuleSet ruleSet;

  private DecideStep(RuleSet ruleSet) {
    this.ruleSet = ruleSet;
  }

  /**
   * Returns a step that decides with a rule set and sends the winner.
   *
   * @param ruleSet the rule set
   * @return the step
   * @throws IllegalArgumentException if null
   */
  public static DecideStep of(RuleSet ruleSet) {
    Checks.notNull("decide(ruleSet)", "ruleSet", ruleSet);
    return new DecideStep(ruleSet);
  }

  /**
   * Returns the rule set.
   *
   * @return the rule set
   */
  public RuleSet ruleSet() {
    return ruleSet;
  }

  @Override
  public String describe() {
    return "decide(" + ruleSet.name() + ")";
  }

  @Override
  public String toString() {
    return describe();
  }
}
