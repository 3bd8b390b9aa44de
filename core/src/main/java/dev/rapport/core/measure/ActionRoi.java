package dev.rapport.core.measure;

import java.util.Objects;

/**
 * What one action's messages cost and what they brought, by attribution: the revenue of the
 * orders that answer one of its dispatches (an order event carrying the dispatch's {@code
 * dispatch_id}). Unlike a journey's {@link RoiResult}, it is not measured against a holdout: an
 * order that answers a message might have been placed without it, so the attributed revenue is
 * an upper bound of what the action added. Decide on a journey's incremental revenue; read this
 * to compare actions.
 *
 * @param action the action
 * @param messages its messages sent, by journeys and by the host's decisions
 * @param cost their cost, from the prices per channel of the revenue definition
 * @param orders orders that answer one of its dispatches
 * @param revenue their revenue
 */
public record ActionRoi(String action, long messages, double cost, long orders,
    double revenue) {

  /**
   * Checks the components.
   *
   * @param action the action
   * @param messages its messages
   * @param cost their cost
   * @param orders attributed orders
   * @param revenue attributed revenue
   * @throws NullPointerException if the action is null
   */
  public ActionRoi {
    Objects.requireNonNull(action, "action");
  }

  /**
   * Returns the attributed return on cost: {@code (revenue - cost) / cost}.
   *
   * @return the return, NaN when the messages cost nothing
   */
  public double returnOnCost() {
    return cost > 0 ? (revenue - cost) / cost : Double.NaN;
  }
}
