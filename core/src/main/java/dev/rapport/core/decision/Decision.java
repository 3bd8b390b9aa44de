package dev.rapport.core.decision;

import dev.rapport.core.CustomerId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The ranked, explained answer to "what should this customer get now?": the winners with their
 * channel, score and each factor of it and the rules that proposed them; every rejected candidate
 * with its reason code; and the rules that failed.
 *
 * @param customer the customer
 * @param at when the decision was made
 * @param placement the placement it was made for
 * @param winners the recommendations, best first, at most the placement's take
 * @param rejected the eligible actions that did not win, with their reasons
 * @param failures the rules whose condition threw
 */
public record Decision(CustomerId customer, Instant at, Placement placement,
    List<Recommendation> winners, List<Rejection> rejected, List<RuleFailure> failures) {

  /**
   * Returns the best recommendation.
   *
   * @return the first winner, if any
   */
  public Optional<Recommendation> best() {
    return winners.isEmpty() ? Optional.empty() : Optional.of(winners.get(0));
  }

  /**
   * Returns the rejection of an action, if it was rejected.
   *
   * @param action the action's name
   * @return the rejection
   */
  public Optional<Rejection> rejection(String action) {
    return rejected.stream().filter(r -> r.action().equals(action)).findFirst();
  }

  /** Renders the decision as text: winners with their score factors, then rejections. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("decision for " + customer + " at " + at + " ("
        + placement.name() + ")\n");
    int i = 1;
    for (Recommendation r : winners) {
      out.append("  ").append(i++).append(". ").append(r).append('\n');
    }
    if (winners.isEmpty()) {
      out.append("  no recommendation\n");
    }
    for (Rejection r : rejected) {
      out.append("  rejected ").append(r).append('\n');
    }
    for (RuleFailure f : failures) {
      out.append("  rule ").append(f.ruleSet()).append('/').append(f.rule()).append(" threw ")
          .append(f.error()).append('\n');
    }
    return out.toString();
  }
}
