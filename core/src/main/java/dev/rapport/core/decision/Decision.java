package dev.rapport.core.decision;

import dev.rapport.core.CustomerId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The ranked, explained answer to "what should this customer get now?": the winners with their
 * channel, score and each factor of it and the rules that proposed them; every rejected candidate
 * with its reason code; and the rules that failed.
 *
 * <p>The rejections are built when first read: an engine keeps what it needs to explain them
 * (the candidate, its reason and score) and writes their texts only for a caller who looks, so
 * that deciding costs no text when nobody reads it. Nothing is lost: every rejected candidate is
 * there, with its reason, whenever {@link #rejected()} is called, from any thread.
 */
public final class Decision {
  private final CustomerId customer;
  private final Instant at;
  private final Placement placement;
  private final List<Recommendation> winners;
  private final List<RuleFailure> failures;
  private Supplier<List<Rejection>> explain;
  private volatile List<Rejection> rejected;

  /**
   * Creates a decision.
   *
   * @param customer the customer
   * @param at when the decision was made
   * @param placement the placement it was made for
   * @param winners the recommendations, best first, at most the placement's take
   * @param rejected the eligible actions that did not win, with their reasons
   * @param failures the rules whose condition threw
   * @throws IllegalArgumentException if an argument is null
   */
  public Decision(CustomerId customer, Instant at, Placement placement,
      List<Recommendation> winners, List<Rejection> rejected, List<RuleFailure> failures) {
    this(customer, at, placement, winners, checked(rejected), failures);
  }

  /**
   * Creates a decision whose rejections are built when first read.
   *
   * @param customer the customer
   * @param at when the decision was made
   * @param placement the placement it was made for
   * @param winners the recommendations, best first, at most the placement's take
   * @param rejected builds the eligible actions that did not win, with their reasons; called at
   *     most once, on the first read of {@link #rejected()}
   * @param failures the rules whose condition threw
   * @throws IllegalArgumentException if an argument is null
   */
  public Decision(CustomerId customer, Instant at, Placement placement,
      List<Recommendation> winners, Supplier<List<Rejection>> rejected,
      List<RuleFailure> failures) {
    if (customer == null || at == null || placement == null || winners == null
        || rejected == null || failures == null) {
      throw new IllegalArgumentException("decision: customer, time, placement, winners, "
          + "rejections and failures must not be null (give empty lists for none)");
    }
    this.customer = customer;
    this.at = at;
    this.placement = placement;
    this.winners = List.copyOf(winners);
    this.failures = List.copyOf(failures);
    this.explain = rejected;
  }

  private static Supplier<List<Rejection>> checked(List<Rejection> rejected) {
    if (rejected == null) {
      throw new IllegalArgumentException("decision: rejections must not be null (give an empty "
          + "list for none)");
    }
    List<Rejection> copy = List.copyOf(rejected);
    return () -> copy;
  }

  /**
   * Returns the customer.
   *
   * @return the customer decided for
   */
  public CustomerId customer() {
    return customer;
  }

  /**
   * Returns when the decision was made.
   *
   * @return the engine's time of the decision
   */
  public Instant at() {
    return at;
  }

  /**
   * Returns the placement the decision was made for.
   *
   * @return the placement
   */
  public Placement placement() {
    return placement;
  }

  /**
   * Returns the recommendations.
   *
   * @return the winners, best first, at most the placement's take
   */
  public List<Recommendation> winners() {
    return winners;
  }

  /**
   * Returns the eligible actions that did not win, each with its reason; built on the first call.
   *
   * @return the rejections, in the order the engine considered the candidates
   */
  public List<Rejection> rejected() {
    List<Rejection> r = rejected;
    if (r == null) {
      synchronized (this) {
        r = rejected;
        if (r == null) {
          r = List.copyOf(explain.get());
          rejected = r;
          explain = null;
        }
      }
    }
    return r;
  }

  /**
   * Returns the rules whose condition threw.
   *
   * @return the failures, in the order they happened
   */
  public List<RuleFailure> failures() {
    return failures;
  }

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
    return rejected().stream().filter(r -> r.action().equals(action)).findFirst();
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
    for (Rejection r : rejected()) {
      out.append("  rejected ").append(r).append('\n');
    }
    for (RuleFailure f : failures) {
      out.append("  rule ").append(f.ruleSet()).append('/').append(f.rule()).append(" threw ")
          .append(f.error()).append('\n');
    }
    return out.toString();
  }

  /**
   * Compares two decisions by all their parts: customer, time, placement, winners, rejections
   * and failures.
   *
   * @param o the other object
   * @return whether it is an equal decision
   */
  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof Decision d && customer.equals(d.customer) && at.equals(d.at)
        && placement.equals(d.placement) && winners.equals(d.winners)
        && failures.equals(d.failures) && rejected().equals(d.rejected());
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(customer, at, placement, winners, rejected(), failures);
  }
}
