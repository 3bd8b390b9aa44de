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
 * <p>The recommendations and the rejections are built when first read: an engine keeps what it
 * needs to make them (the candidates, their channels, scores and reasons) and writes the objects
 * and their texts only for a caller who looks, so that deciding costs neither when nobody reads
 * them. Nothing is lost: every winner and every rejected candidate is there, with its reason,
 * whenever {@link #winners()} or {@link #rejected()} is called, from any thread, and both give
 * the same lists on every call.
 */
public final class Decision {
  private final CustomerId customer;
  private final Instant at;
  private final Placement placement;
  private final List<RuleFailure> failures;
  private Supplier<List<Recommendation>> recommend;
  private volatile List<Recommendation> winners;
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
    this(customer, at, placement, winners, checked(rejected, "rejections"), failures);
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
    this(customer, at, placement, checked(winners, "winners"), rejected, failures);
  }

  /**
   * Creates a decision whose recommendations and rejections are both built when first read.
   *
   * @param customer the customer
   * @param at when the decision was made
   * @param placement the placement it was made for
   * @param winners builds the recommendations, best first, at most the placement's take; called
   *     at most once, on the first read of {@link #winners()} (or of anything made from them)
   * @param rejected builds the eligible actions that did not win, with their reasons; called at
   *     most once, on the first read of {@link #rejected()}
   * @param failures the rules whose condition threw
   * @throws IllegalArgumentException if an argument is null
   */
  public Decision(CustomerId customer, Instant at, Placement placement,
      Supplier<List<Recommendation>> winners, Supplier<List<Rejection>> rejected,
      List<RuleFailure> failures) {
    if (customer == null || at == null || placement == null || winners == null
        || rejected == null || failures == null) {
      throw new IllegalArgumentException("decision: customer, time, placement, winners, "
          + "rejections and failures must not be null (give empty lists for none)");
    }
    this.customer = customer;
    this.at = at;
    this.placement = placement;
    this.failures = List.copyOf(failures);
    this.recommend = winners;
    this.explain = rejected;
  }

  /** A list as a supplier of its copy, refusing null; {@code what} names it in the error. */
  private static <T> Supplier<List<T>> checked(List<T> list, String what) {
    if (list == null) {
      throw new IllegalArgumentException("decision: " + what + " must not be null (give an "
          + "empty list for none)");
    }
    List<T> copy = List.copyOf(list);
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
   * Returns the recommendations; built on the first call.
   *
   * @return the winners, best first, at most the placement's take
   * @throws IllegalStateException if the supplier given at construction returned null
   */
  public List<Recommendation> winners() {
    List<Recommendation> w = winners;
    if (w == null) {
      synchronized (this) {
        w = winners;
        if (w == null) {
          w = List.copyOf(built(recommend, "winners"));
          winners = w;
          recommend = null;
        }
      }
    }
    return w;
  }

  /**
   * Returns the eligible actions that did not win, each with its reason; built on the first call.
   *
   * @return the rejections, in the order the engine considered the candidates
   * @throws IllegalStateException if the supplier given at construction returned null
   */
  public List<Rejection> rejected() {
    List<Rejection> r = rejected;
    if (r == null) {
      synchronized (this) {
        r = rejected;
        if (r == null) {
          r = List.copyOf(built(explain, "rejections"));
          rejected = r;
          explain = null;
        }
      }
    }
    return r;
  }

  private static <T> List<T> built(Supplier<List<T>> supplier, String what) {
    List<T> list = supplier.get();
    if (list == null) {
      throw new IllegalStateException("decision: the supplier of its " + what + " returned null; "
          + "it must return a list (empty for none)");
    }
    return list;
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
    List<Recommendation> w = winners();
    return w.isEmpty() ? Optional.empty() : Optional.of(w.get(0));
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
    for (Recommendation r : winners()) {
      out.append("  ").append(i++).append(". ").append(r).append('\n');
    }
    if (winners().isEmpty()) {
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
        && placement.equals(d.placement) && winners().equals(d.winners())
        && failures.equals(d.failures) && rejected().equals(d.rejected());
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(customer, at, placement, winners(), rejected(), failures);
  }
}
