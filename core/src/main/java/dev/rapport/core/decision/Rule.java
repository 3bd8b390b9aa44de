package dev.rapport.core.decision;

import dev.rapport.core.Action;
import dev.rapport.core.Condition;
import dev.rapport.core.Moment;
import dev.rapport.core.Persona;
import dev.rapport.core.Properties;
import dev.rapport.core.Segment;
import dev.rapport.core.internal.Checks;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A next-best-action rule: when its requirements are met and its condition holds (and its
 * {@code unless} condition does not), it recommends an action, for a reason, with a context weight,
 * an optional value overriding the action's, and a lever.
 *
 * <p>Usually built with the DSL: {@code rules("storefront").rule("brew-guides").when(...)
 * .recommend(brewGuide).because("owns a grinder")}; with the core builders, {@code
 * RuleSet.builder("storefront")} declares it with {@link RuleSet.Builder#rule(String)}.
 */
public final class Rule {
  private final String name;
  private final Set<Requirement> requirements;
  private final List<Condition> conditions;
  private final List<Condition> unless;
  private final Action action;
  private final String reason;
  private final double weight;
  private final Double value;
  private final double lever;

  private Rule(Builder b) {
    this.name = b.name;
    this.requirements = Set.copyOf(b.requirements);
    this.conditions = List.copyOf(b.conditions);
    this.unless = List.copyOf(b.unless);
    this.action = b.action;
    this.reason = b.reason;
    this.weight = b.weight == null ? 1.0 : b.weight;
    this.value = b.value;
    this.lever = b.lever == null ? 1.0 : b.lever;
  }

  /**
   * Starts a rule.
   *
   * @param name its name, unique in its rule set
   * @return a builder
   * @throws IllegalArgumentException if the name is null or blank
   */
  public static Builder builder(String name) {
    return new Builder(Checks.name("rule", name));
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
   * Returns what the customer must have for the rule to be evaluated at all.
   *
   * @return the requirements, empty if the rule is evaluated for everyone
   */
  public Set<Requirement> requirements() {
    return requirements;
  }

  /**
   * Returns the conditions that must all hold.
   *
   * @return the conditions
   */
  public List<Condition> conditions() {
    return conditions;
  }

  /**
   * Returns the conditions that must all fail.
   *
   * @return the unless conditions
   */
  public List<Condition> unless() {
    return unless;
  }

  /**
   * Returns the action recommended.
   *
   * @return the action
   */
  public Action action() {
    return action;
  }

  /**
   * Returns why the rule recommends its action, for explanations.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }

  /**
   * Returns the context weight, a factor of priority; 1.0 by default.
   *
   * @return the weight
   */
  public double weight() {
    return weight;
  }

  /**
   * Returns the value overriding the action's, if any.
   *
   * @return the value
   */
  public Optional<Double> value() {
    return Optional.ofNullable(value);
  }

  /**
   * Returns the value overriding the action's, or a fallback (the action's value) when the rule
   * has none; without boxing, for the engine's hot path.
   *
   * @param fallback the value to return when the rule has none
   * @return the value
   */
  public double valueOr(double fallback) {
    return value == null ? fallback : value;
  }

  /**
   * Returns the lever, the business's own factor of priority; 1.0 by default.
   *
   * @return the lever
   */
  public double lever() {
    return lever;
  }

  @Override
  public String toString() {
    return "Rule{" + name + " -> " + action.name() + "}";
  }

  /**
   * Builds a {@link Rule}. Single-use: each setting is given once (conditions and requirements
   * add up), and any call after {@link #build()} is refused, so that a builder kept after one
   * rule cannot hand its settings to the next. {@link #build()} may be called again and returns
   * the same rule. The DSL's {@code rules(name).rule(name)} writes on this builder, obtained
   * from {@link RuleSet.Builder#rule(String)}.
   */
  public static final class Builder {
    private final String name;
    private final Set<Requirement> requirements = new LinkedHashSet<>();
    private final List<Condition> conditions = new ArrayList<>();
    private final List<Condition> unless = new ArrayList<>();
    private Action action;
    private String reason;
    private Double weight;
    private Double value;
    private Double lever;
    private Rule built;

    private Builder(String name) {
      this.name = name;
    }

    private String owner() {
      return Checks.owner("rule", name);
    }

    private void open(String call) {
      Checks.notBuilt(owner(), call, built != null, "Rule.builder(name)");
    }

    /**
     * Adds a requirement.
     *
     * @param requirement the requirement
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException after {@link #build()}
     */
    public Builder requires(Requirement requirement) {
      return add("requires", "requirement", requirements, requirement);
    }

    /**
     * Requires the customer to have done an event type: the rule is evaluated only for
     * customers who have.
     *
     * @param eventType the type
     * @return this builder
     * @throws IllegalArgumentException if blank
     * @throws IllegalStateException after {@link #build()}
     */
    public Builder whenDone(String eventType) {
      return requires(Requirement.of(Requirement.Kind.EVENT, eventType));
    }

    /**
     * Requires the customer to have done an event type with properties meeting a condition (in
     * their recent history).
     *
     * @param eventType the type
     * @param properties the condition on the event's properties
     * @return this builder
     * @throws IllegalArgumentException if the type is blank or the condition null
     * @throws IllegalStateException after {@link #build()}
     */
    public Builder whenDone(String eventType, Predicate<Properties> properties) {
      open("whenDone");
      if (properties == null) {
        throw new IllegalArgumentException(owner() + ": whenDone(\"" + eventType
            + "\", properties): properties is null; give a condition on the event's properties");
      }
      requires(Requirement.of(Requirement.Kind.EVENT, eventType));
      return when(c -> c.hasDone(eventType, properties));
    }

    /**
     * Requires the customer to be in a segment.
     *
     * @param segment the segment
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException after {@link #build()}
     */
    public Builder whenIn(Segment segment) {
      return requires("whenIn", Requirement.Kind.SEGMENT, segment, Segment::name);
    }

    /**
     * Requires the customer to match a persona.
     *
     * @param persona the persona
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException after {@link #build()}
     */
    public Builder whenIs(Persona persona) {
      return requires("whenIs", Requirement.Kind.PERSONA, persona, Persona::name);
    }

    /**
     * Requires the customer to have reached a moment.
     *
     * @param moment the moment
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException after {@link #build()}
     */
    public Builder whenReached(Moment moment) {
      return requires("whenReached", Requirement.Kind.MOMENT, moment, Moment::name);
    }

    /** Requires a named definition (a segment, a persona, a moment) of the customer. */
    private <T> Builder requires(String call, Requirement.Kind kind, T definition,
        Function<T, String> name) {
      open(call);
      Checks.notNull(owner(), call, definition);
      return requires(Requirement.of(kind, name.apply(definition)));
    }

    /**
     * Adds a condition that must hold.
     *
     * @param condition the condition
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException after {@link #build()}
     */
    public Builder when(Condition condition) {
      return add("when", "when", conditions, condition);
    }

    /**
     * Adds a condition that must not hold.
     *
     * @param condition the condition
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException after {@link #build()}
     */
    public Builder unless(Condition condition) {
      return add("unless", "unless", unless, condition);
    }

    /** Adds to a setting that adds up (requirements, conditions). */
    private <T> Builder add(String call, String field, Collection<T> to, T item) {
      open(call);
      Checks.notNull(owner(), field, item);
      to.add(item);
      return this;
    }

    /**
     * Sets the action recommended.
     *
     * @param action the action
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException if already set, or after {@link #build()}
     */
    public Builder recommend(Action action) {
      open("recommend");
      Checks.notNull(owner(), "recommend", action);
      Checks.once(owner(), "recommend", this.action != null);
      this.action = action;
      return this;
    }

    /**
     * Sets the reason.
     *
     * @param reason such as {@code "owns a grinder"}
     * @return this builder
     * @throws IllegalArgumentException if blank
     * @throws IllegalStateException if already set, or after {@link #build()}
     */
    public Builder because(String reason) {
      open("because");
      if (reason == null || reason.isBlank()) {
        throw new IllegalArgumentException(owner() + ": because is "
            + (reason == null ? "null" : "blank") + "; say why the rule recommends its action");
      }
      Checks.once(owner(), "because", this.reason != null);
      this.reason = reason;
      return this;
    }

    /**
     * Sets the context weight.
     *
     * @param weight a finite number, zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative, infinite or NaN
     * @throws IllegalStateException if already set, or after {@link #build()}
     */
    public Builder weight(double weight) {
      this.weight = factor("weight", this.weight, weight);
      return this;
    }

    /**
     * Sets a value overriding the action's.
     *
     * @param value a finite number, zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative, infinite or NaN
     * @throws IllegalStateException if already set, or after {@link #build()}
     */
    public Builder value(double value) {
      this.value = factor("value", this.value, value);
      return this;
    }

    /**
     * Sets the lever.
     *
     * @param lever a finite number, zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative, infinite or NaN
     * @throws IllegalStateException if already set, or after {@link #build()}
     */
    public Builder lever(double lever) {
      this.lever = factor("lever", this.lever, lever);
      return this;
    }

    /** Checks a factor of the priority given once: finite, zero or more. */
    private double factor(String field, Double current, double v) {
      open(field);
      Checks.once(owner(), field, current != null);
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException(owner() + ": " + field + " is " + v
            + "; give a finite number of zero or more");
      }
      return v;
    }

    /**
     * Returns the rule; called again, returns the same rule.
     *
     * @return the rule
     * @throws IllegalStateException if it recommends nothing or has no reason
     */
    public Rule build() {
      if (built != null) {
        return built;
      }
      if (action == null) {
        throw new IllegalStateException(owner() + ": recommends nothing; add recommend(action)");
      }
      if (reason == null) {
        throw new IllegalStateException(owner() + ": has no reason; add because(\"...\") so that "
            + "decisions explain themselves");
      }
      built = new Rule(this);
      return built;
    }
  }
}
