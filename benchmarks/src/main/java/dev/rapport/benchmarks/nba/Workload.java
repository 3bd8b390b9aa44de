package dev.rapport.benchmarks.nba;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The one definition of the next-best-action comparison: a vocabulary (event types, products,
 * segments, plans, actions and their topics), the rules over it and the customers to decide for,
 * all generated deterministically from fixed seeds. Every engine builds its rules from {@link
 * #rules()} and its facts from {@link #customers(int, long)}.
 *
 * <p>{@link #of(int) of(20)} is a storefront's NBA rule set over a small, named vocabulary;
 * larger sizes use a generated catalogue (200 event types, 150 products, 12 segments, 250
 * actions in 40 topics), so that each customer can match only a few dozen of the rules, as in a
 * real catalogue of a thousand offers.
 */
public final class Workload {
  private static final double[] WEIGHTS = {0.5, 1.0, 1.5, 2.0, 2.5, 3.0};

  private final String name;
  private final List<String> eventTypes;
  private final List<String> skus;
  private final List<String> segments;
  private final List<String> plans;
  private final List<ActionSpec> actions;
  private final List<RuleSpec> rules;

  private Workload(String name, List<String> eventTypes, List<String> skus,
      List<String> segments, List<String> plans, List<ActionSpec> actions, int ruleCount,
      long seed) {
    this.name = name;
    this.eventTypes = List.copyOf(eventTypes);
    this.skus = List.copyOf(skus);
    this.segments = List.copyOf(segments);
    this.plans = List.copyOf(plans);
    this.actions = List.copyOf(actions);
    SplittableRandom r = new SplittableRandom(seed);
    List<RuleSpec> out = new ArrayList<>(ruleCount);
    for (int i = 0; i < ruleCount; i++) {
      out.add(new RuleSpec(
          "r-" + pad(i, 4),
          pick(r, eventTypes),
          1 + r.nextInt(3),
          r.nextDouble() < 0.35 ? pick(r, skus) : null,
          r.nextDouble() < 0.30 ? pick(r, segments) : null,
          r.nextDouble() < 0.25 ? pick(r, plans) : null,
          pick(r, actions),
          WEIGHTS[r.nextInt(WEIGHTS.length)],
          1 + r.nextInt(10)));
    }
    this.rules = List.copyOf(out);
  }

  /**
   * Returns the workload of a number of rules: the storefront set for 20 or fewer, the generated
   * catalogue above.
   *
   * @param ruleCount the number of rules, 1 or more
   * @return the workload
   */
  public static Workload of(int ruleCount) {
    if (ruleCount < 1) {
      throw new IllegalArgumentException("ruleCount is " + ruleCount + "; give 1 or more");
    }
    if (ruleCount <= 20) {
      return new Workload("storefront-" + ruleCount,
          List.of("page_viewed", "product_viewed", "searched", "added_to_cart", "cart_abandoned",
              "wishlist_added", "review_written", "newsletter_clicked", "app_opened",
              "ticket_opened"),
          List.of("grinder", "kettle", "scale", "espresso-machine", "milk-frother",
              "beans-dark", "beans-light", "filter-papers"),
          List.of("vip", "bargain-hunter", "new-customer", "at-risk"),
          List.of("basic", "plus", "premium"),
          List.of(
              new ActionSpec("brew-guide", "coffee", false),
              new ActionSpec("beans-subscription", "coffee", false),
              new ActionSpec("grinder-upgrade", "equipment", false),
              new ActionSpec("espresso-bundle", "equipment", false),
              new ActionSpec("vip-preview", "loyalty", false),
              new ActionSpec("points-reminder", "loyalty", true),
              new ActionSpec("win-back-offer", "retention", false),
              new ActionSpec("cart-reminder", "retention", false),
              new ActionSpec("support-follow-up", "service", true),
              new ActionSpec("review-request", "service", false),
              new ActionSpec("newsletter-digest", "content", false),
              new ActionSpec("app-tips", "content", true)),
          ruleCount, 20_2026L);
    }
    List<ActionSpec> actions = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      actions.add(new ActionSpec("act-" + pad(i, 3), "topic-" + pad(i % 40, 2), i % 5 == 0));
    }
    return new Workload("catalogue-" + ruleCount, names("ev-", 200, 3), names("sku-", 150, 3),
        names("seg-", 12, 2), names("plan-", 4, 1), actions, ruleCount, 1000_2026L + ruleCount);
  }

  private static List<String> names(String prefix, int n, int digits) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(prefix + pad(i, digits));
    }
    return out;
  }

  /** Zero-padded, without String.format: its classes would weigh on the cold starts. */
  private static String pad(int i, int digits) {
    String s = Integer.toString(i);
    return s.length() >= digits ? s : "0".repeat(digits - s.length()) + s;
  }

  private static <T> T pick(SplittableRandom r, List<T> from) {
    return from.get(r.nextInt(from.size()));
  }

  /**
   * Generates customers: each did 3 to 7 of the event types 1 to 8 times, bought 0 to 3
   * products, is in a segment (65%) and has a plan (70%).
   *
   * @param n how many
   * @param seed the seed: the same seed gives the same customers
   * @return the customers, with ids {@code c-0} to {@code c-(n-1)}
   */
  public CustomerFact[] customers(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    CustomerFact[] out = new CustomerFact[n];
    for (int i = 0; i < n; i++) {
      Map<String, Integer> behaviour = new LinkedHashMap<>();
      int types = 3 + r.nextInt(5);
      while (behaviour.size() < types) {
        behaviour.putIfAbsent(pick(r, eventTypes), 1 + r.nextInt(8));
      }
      List<String> bought = new ArrayList<>();
      int purchases = r.nextInt(4);
      for (int k = 0; k < purchases; k++) {
        bought.add(pick(r, skus));
      }
      String segment = r.nextDouble() < 0.65 ? pick(r, segments) : null;
      String plan = r.nextDouble() < 0.70 ? pick(r, plans) : null;
      out[i] = new CustomerFact("c-" + i, segment, plan, behaviour, bought);
    }
    return out;
  }

  /**
   * Returns the reference answer for a customer: the rules evaluated one by one in plain Java,
   * then the top-3 pick.
   *
   * @param c the customer
   * @return the winners, best first
   */
  public List<String> expected(CustomerFact c) {
    Proposals p = new Proposals();
    for (RuleSpec rule : rules) {
      if (rule.matches(c)) {
        p.propose(rule.action().name(), rule.action().topic(), rule.weight(), rule.value());
      }
    }
    return p.top(3);
  }

  /**
   * Returns the name, such as {@code storefront-20}.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the rules.
   *
   * @return the rules, in order
   */
  public List<RuleSpec> rules() {
    return rules;
  }

  /**
   * Returns the actions.
   *
   * @return the actions
   */
  public List<ActionSpec> actions() {
    return actions;
  }

  /**
   * Returns the segments.
   *
   * @return the segment names
   */
  public List<String> segments() {
    return segments;
  }

  /**
   * Returns the event types customers do (purchases aside).
   *
   * @return the types
   */
  public List<String> eventTypes() {
    return eventTypes;
  }
}
