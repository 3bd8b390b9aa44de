package dev.rapport.core.decision;

import dev.rapport.core.Action;
import dev.rapport.core.internal.Checks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A named set of next-best-action rules and the suitability rules that keep them honest.
 *
 * <pre>{@code
 * RuleSet storefront = rules("storefront")
 *     .rule("brew-guides")
 *         .when(c -> c.hasDone("purchased", p -> "grinder".equals(p.get("sku"))))
 *         .recommend(brewGuide)
 *         .because("owns a grinder")
 *     .never(reviewRequest).within(Duration.ofDays(7)).after("ticket_opened")
 *     .build();
 * }</pre>
 */
public final class RuleSet {
  private final String name;
  private final List<Rule> rules;
  private final List<Suitability> suitability;
  private final Map<String, Action> actions;

  private RuleSet(String name, List<Rule> rules, List<Suitability> suitability) {
    this.name = name;
    this.rules = List.copyOf(rules);
    this.suitability = List.copyOf(suitability);
    Map<String, Action> byName = new LinkedHashMap<>();
    for (Rule r : rules) {
      byName.putIfAbsent(r.action().name(), r.action());
    }
    this.actions = java.util.Collections.unmodifiableMap(byName);
  }

  /**
   * Returns a rule set.
   *
   * @param name its name, unique among rule sets
   * @param rules its rules, at least one, with unique names
   * @param suitability its suitability rules
   * @return the rule set
   * @throws IllegalArgumentException if the name is blank or an argument null
   * @throws IllegalStateException if there is no rule or two rules share a name
   */
  public static RuleSet of(String name, List<Rule> rules, List<Suitability> suitability) {
    Checks.name("rule set", name);
    String owner = Checks.owner("rule set", name);
    Checks.notNull(owner, "rules", rules);
    Checks.notNull(owner, "suitability", suitability);
    if (rules.isEmpty()) {
      throw new IllegalStateException(owner + ": has no rule; add rule(name)...");
    }
    Set<String> names = new HashSet<>();
    for (Rule r : rules) {
      Checks.notNull(owner, "rule", r);
      if (!names.add(r.name())) {
        throw new IllegalStateException(owner + ": rule '" + r.name()
            + "' is declared twice; give each rule a unique name");
      }
    }
    for (Suitability s : suitability) {
      Checks.notNull(owner, "suitability rule", s);
    }
    return new RuleSet(name, new ArrayList<>(rules), suitability);
  }

  /**
   * Starts a rule set.
   *
   * @param name its name, unique among rule sets
   * @return a builder
   * @throws IllegalArgumentException if the name is null or blank
   */
  public static Builder builder(String name) {
    return new Builder(Checks.name("rule set", name));
  }

  /**
   * Returns the name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the rules, in declaration order.
   *
   * @return the rules
   */
  public List<Rule> rules() {
    return rules;
  }

  /**
   * Returns the suitability rules.
   *
   * @return the suitability rules
   */
  public List<Suitability> suitability() {
    return suitability;
  }

  /**
   * Returns every action the rules may recommend, by name.
   *
   * @return the actions
   */
  public Map<String, Action> actions() {
    return actions;
  }

  @Override
  public String toString() {
    return "RuleSet{" + name + ", " + rules.size() + " rules}";
  }

  /** Builds a {@link RuleSet}; {@link #build()} may be called more than once. */
  public static final class Builder {
    private final String name;
    private final List<Rule> rules = new ArrayList<>();
    private final List<Suitability> suitability = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Returns the rule set's name.
     *
     * @return the name
     */
    public String name() {
      return name;
    }

    /**
     * Adds a rule.
     *
     * @param rule the rule
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException if a rule of the same name was added
     */
    public Builder rule(Rule rule) {
      Checks.notNull(Checks.owner("rule set", name), "rule", rule);
      for (Rule r : rules) {
        if (r.name().equals(rule.name())) {
          throw new IllegalStateException(Checks.owner("rule set", name) + ": rule '"
              + rule.name() + "' is declared twice; give each rule a unique name");
        }
      }
      rules.add(rule);
      return this;
    }

    /**
     * Adds a suitability rule.
     *
     * @param rule the suitability rule
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public Builder suitability(Suitability rule) {
      Checks.notNull(Checks.owner("rule set", name), "suitability", rule);
      suitability.add(rule);
      return this;
    }

    /**
     * Returns the rule set.
     *
     * @return the rule set
     * @throws IllegalStateException if it has no rule
     */
    public RuleSet build() {
      return RuleSet.of(name, rules, suitability);
    }
  }
}
