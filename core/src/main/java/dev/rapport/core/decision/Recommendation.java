package dev.rapport.core.decision;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import java.util.List;

/**
 * A winning action of a decision, with its channel, its score and each factor of it, and the
 * rules that proposed it with their reasons.
 *
 * @param action the action
 * @param channel the channel the gate allows for it
 * @param score propensity x context weight x value x lever
 * @param propensity the propensity model's estimate that the customer responds
 * @param contextWeight the proposing rule's context weight
 * @param value the action's value (or the rule's override)
 * @param lever the proposing rule's lever
 * @param rules the names of the rules that proposed the action, best first
 * @param reasons their reasons, in the same order
 * @param impressionId the impression this recommendation was recorded as; outcome events carry
 *     it as {@code impression_id} so that they are attributed to it
 * @param propensityNote how the model arrived at the propensity
 */
public record Recommendation(Action action, Channel channel, double score, double propensity,
    double contextWeight, double value, double lever, List<String> rules, List<String> reasons,
    String impressionId, String propensityNote) {

  @Override
  public String toString() {
    return action.name() + " via " + channel + " score " + String.format(java.util.Locale.ROOT,
        "%.4f", score) + " = " + propensity + " x " + contextWeight + " x " + value + " x "
        + lever + " because " + String.join("; ", reasons);
  }
}
