package dev.rapport.benchmarks.nba;

import java.util.ArrayList;
import java.util.List;

/**
 * One next-best-action rule, as every engine expresses it: the customer did {@code eventType}
 * at least {@code minCount} times, and (where given) bought {@code sku}, is in {@code segment}
 * and has the {@code plan} trait; then it proposes {@code action} with score {@code weight x
 * value}.
 *
 * @param name the rule's name, unique in its workload
 * @param eventType the event type counted
 * @param minCount how many times at least, 1 or more
 * @param sku a product the customer must have bought, or null
 * @param segment a segment the customer must be in, or null
 * @param plan the value the customer's plan trait must have, or null
 * @param action the action proposed
 * @param weight the rule's context weight
 * @param value the action's value for this rule
 */
public record RuleSpec(String name, String eventType, int minCount, String sku, String segment,
    String plan, ActionSpec action, double weight, double value) {

  /** The event type of a purchase; its {@code sku} property names the product. */
  public static final String PURCHASED = "purchased";

  /**
   * Tells whether the rule matches a customer: the reference semantics every engine follows.
   *
   * @param c the customer
   * @return whether every condition holds
   */
  public boolean matches(CustomerFact c) {
    return c.eventCount(eventType) >= minCount
        && (sku == null || c.bought(sku))
        && (segment == null || segment.equals(c.getSegment()))
        && (plan == null || plan.equals(c.getPlan()));
  }

  /**
   * Returns why the rule proposes its action, for Rapport's explanations.
   *
   * @return the reason
   */
  public String reason() {
    List<String> parts = new ArrayList<>(4);
    parts.add(eventType + " at least " + minCount + " times");
    if (sku != null) {
      parts.add("bought " + sku);
    }
    if (segment != null) {
      parts.add("in " + segment);
    }
    if (plan != null) {
      parts.add("on plan " + plan);
    }
    return String.join(", ", parts);
  }
}
