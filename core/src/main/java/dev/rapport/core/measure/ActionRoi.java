package dev.rapport.core.measure;

import java.util.Objects;
import java.util.Optional;

/**
 * What one action's messages cost and what they brought: by attribution, always, and against
 * its holdout, when it has one.
 *
 * <p><b>Attributed.</b> The revenue of the orders that answer one of its dispatches (an order
 * event carrying the dispatch's {@code dispatch_id}), or one of the decisions' recommendations of
 * it that the host showed itself (an order carrying the recommendation's {@linkplain
 * dev.rapport.core.decision.Recommendation#impressionId() impression id} as its {@code
 * dispatch_id}, while the customer's record keeps the impression). An order that answers a
 * message might have been placed without it, so the attributed revenue is an upper bound of
 * what the action added: read it to compare actions.
 *
 * <p><b>Against its holdout.</b> An action declared with a {@linkplain
 * dev.rapport.core.Action#holdout() holdout} is withheld from a random share of the customers it
 * would have been sent to, and {@link #holdout()} compares both arms from each customer's first
 * exposure: conversion and revenue per customer, the incremental revenue with its interval, and
 * the return on the messages' cost (see {@link RoiResult}). That one is causal: decide on it.
 *
 * <pre>{@code
 * ActionRoi offer = engine.dashboard().actionRoi("spring-offer").orElseThrow();
 * offer.holdout().ifPresent(roi -> System.out.println(roi.incrementalRevenue()));
 * }</pre>
 *
 * @param action the action
 * @param messages its messages the engine dispatched, from journeys and {@code decideAndSend}
 *     (not the recommendations the host showed itself)
 * @param cost their cost, from the prices per channel of the revenue definition
 * @param orders orders that answer one of its dispatches or shown recommendations
 * @param revenue their revenue
 * @param holdout its return against its holdout, if it has one
 */
public record ActionRoi(String action, long messages, double cost, long orders,
    double revenue, Optional<RoiResult> holdout) {

  /**
   * Checks the components.
   *
   * @param action the action
   * @param messages its messages
   * @param cost their cost
   * @param orders attributed orders
   * @param revenue attributed revenue
   * @param holdout its return against its holdout, if it has one
   * @throws NullPointerException if the action or the holdout is null
   */
  public ActionRoi {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(holdout, "holdout");
  }

  /**
   * Makes the figures of an action without a holdout: attributed only.
   *
   * @param action the action
   * @param messages its messages
   * @param cost their cost
   * @param orders attributed orders
   * @param revenue attributed revenue
   * @throws NullPointerException if the action is null
   */
  public ActionRoi(String action, long messages, double cost, long orders, double revenue) {
    this(action, messages, cost, orders, revenue, Optional.empty());
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
