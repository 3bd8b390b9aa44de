package dev.rapport.core.decision;

import dev.rapport.core.Action;
import dev.rapport.core.internal.Checks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

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
      declare(owner, names, r.name());
    }
    for (Suitability s : suitability) {
      Checks.notNull(owner, "suitability rule", s);
    }
    return new RuleSet(name, new ArrayList<>(rules), suitability);
  }

  /** Records a rule's name, refusing a name the rule set already has. */
  private static void declare(String owner, Set<String> names, String rule) {
    if (!names.add(rule)) {
      throw new IllegalStateException(owner + ": rule '" + rule
          + "' is declared twice; give each rule a unique name");
    }
  }

  /**
   * Starts a rule set.
   *
   * <pre>{@code
   * RuleSet.Builder storefront = RuleSet.builder("storefront");
   * storefront.rule("brew-guides").whenDone("purchased").recommend(brewGuide)
   *     .because("owns a grinder");
   * storefront.suitability(Suitability.never(review).within(Duration.ofDays(7))
   *     .after("ticket_opened"));
   * RuleSet rules = storefront.build();
   * }</pre>
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

  /**
   * Builds a {@link RuleSet}. Single-use: a rule name is declared once, and any call after
   * {@link #build()} is refused, so that a builder kept after one rule set cannot hand its rules
   * to the next; {@link #build()} may be called again and returns the same rule set. The DSL's
   * {@code rules(name)} writes on this builder, so a rule set gets the same checks and messages
   * whichever way it is declared.
   */
  public static final class Builder {
    private final String name;
    private final List<Supplier<Rule>> rules = new ArrayList<>();
    private final Set<String> ruleNames = new HashSet<>();
    private final List<Suitability> suitability = new ArrayList<>();
    private RuleSet built;

    private Builder(String name) {
      this.name = name;
    }

    private String owner() {
      return Checks.owner("rule set", name);
    }

    private void open(String call) {
      Checks.notBuilt(owner(), call, built != null, "RuleSet.builder(name)");
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
     * Declares a rule and returns its builder, which this builder builds with the rule set.
     *
     * @param ruleName the rule's name, unique in the rule set
     * @return the rule's builder
     * @throws IllegalArgumentException if the name is null or blank
     * @throws IllegalStateException if a rule of the same name was declared, or after {@link
     *     #build()}
     */
    public Rule.Builder rule(String ruleName) {
      open("rule");
      Rule.Builder rule = Rule.builder(ruleName);
      declare(owner(), ruleNames, ruleName);
      rules.add(rule::build);
      return rule;
    }

    /**
     * Adds a rule.
     *
     * @param rule the rule
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException if a rule of the same name was declared, or after {@link
     *     #build()}
     */
    public Builder rule(Rule rule) {
      open("rule");
      Checks.notNull(owner(), "rule", rule);
      declare(owner(), ruleNames, rule.name());
      rules.add(() -> rule);
      return this;
    }

    /**
     * Adds a suitability rule.
     *
     * @param rule the suitability rule
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException after {@link #build()}
     */
    public Builder suitability(Suitability rule) {
      open("suitability");
      Checks.notNull(owner(), "suitability", rule);
      suitability.add(rule);
      return this;
    }

    /**
     * Returns the rule set, building the rules declared with {@link #rule(String)}; called
     * again, returns the same rule set.
     *
     * @return the rule set
     * @throws IllegalStateException if it has no rule, or a declared rule recommends nothing or
     *     has no reason
     */
    public RuleSet build() {
      if (built == null) {
        List<Rule> all = new ArrayList<>(rules.size());
        for (Supplier<Rule> r : rules) {
          all.add(r.get());
        }
        built = RuleSet.of(name, all, suitability);
      }
      return built;
    }
  }
}
