package dev.rapport.benchmarks.nba;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the engines know about one customer: how many times they did each event type, the
 * products they bought, a segment-like flag and a plan trait. Drools and Easy Rules take it as
 * their fact; Rapport is given the same customer as traits, a consent and events (see {@link
 * RapportNba#load}).
 *
 * <p>Public with getters, so that Drools' DRL can read it.
 */
public final class CustomerFact {
  private final String id;
  private final String segment;
  private final String plan;
  private final Map<String, Integer> counts;
  private final Map<String, Integer> behaviour;
  private final List<String> purchases;
  private final Set<String> skus;

  /**
   * Returns a customer.
   *
   * @param id the id
   * @param segment the segment, or null
   * @param plan the plan, or null
   * @param behaviour how many times each event type other than purchases was done, in the order
   *     they are replayed
   * @param purchases the products bought, in order (each one a {@code purchased} event)
   */
  public CustomerFact(String id, String segment, String plan, Map<String, Integer> behaviour,
      List<String> purchases) {
    this.id = id;
    this.segment = segment;
    this.plan = plan;
    this.behaviour = Collections.unmodifiableMap(new LinkedHashMap<>(behaviour));
    Map<String, Integer> all = new HashMap<>(behaviour);
    if (!purchases.isEmpty()) {
      all.merge(RuleSpec.PURCHASED, purchases.size(), Integer::sum);
    }
    this.counts = all;
    this.purchases = List.copyOf(purchases);
    this.skus = Set.copyOf(new HashSet<>(purchases));
  }

  /**
   * Returns the id.
   *
   * @return the id
   */
  public String getId() {
    return id;
  }

  /**
   * Returns the segment.
   *
   * @return the segment, or null
   */
  public String getSegment() {
    return segment;
  }

  /**
   * Returns the plan trait.
   *
   * @return the plan, or null
   */
  public String getPlan() {
    return plan;
  }

  /**
   * Returns how many times the customer did an event type.
   *
   * @param type the type
   * @return the count, 0 if never
   */
  public int eventCount(String type) {
    Integer n = counts.get(type);
    return n == null ? 0 : n;
  }

  /**
   * Tells whether the customer bought a product.
   *
   * @param sku the product
   * @return whether bought
   */
  public boolean bought(String sku) {
    return skus.contains(sku);
  }

  /**
   * Returns the counts of the event types other than purchases, in replay order.
   *
   * @return the counts by type
   */
  public Map<String, Integer> behaviour() {
    return behaviour;
  }

  /**
   * Returns the products bought, in order.
   *
   * @return the skus
   */
  public List<String> purchases() {
    return purchases;
  }

  @Override
  public String toString() {
    return "CustomerFact{" + id + ", segment " + segment + ", plan " + plan + ", " + counts
        + ", bought " + purchases + "}";
  }
}
