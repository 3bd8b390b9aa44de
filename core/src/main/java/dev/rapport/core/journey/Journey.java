package dev.rapport.core.journey;

import dev.rapport.core.Action;
import dev.rapport.core.Condition;
import dev.rapport.core.internal.Checks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A triggered, behaviour-based journey: who enters (a trigger and an entry condition), how often
 * (re-entry), what it is for (a goal), what ends it early (exit criteria), who is held out for
 * measurement, and its steps. Immutable; carries a version, and enrollments keep the version they
 * entered with when the engine is given a newer one.
 *
 * <p>Usually built with the DSL:
 *
 * <pre>{@code
 * Journey onboarding = journey("onboarding")
 *     .enterOn("signed_up")
 *     .goal(activated).within(Duration.ofDays(14))
 *     .exitOn("account_closed")
 *     .holdout(0.10)
 *     .steps(
 *         send(welcome),
 *         waitFor("api_key_created").atMost(Duration.ofDays(2))
 *             .onTimeout(send(keyHelp)),
 *         when(c -> c.count("teammate_invited") > 0)
 *             .then(send(teamSetup)))
 *     .build();
 * }</pre>
 */
public final class Journey {
  private final String name;
  private final int version;
  private final Trigger trigger;
  private final Condition entryCondition;
  private final ReEntry reEntry;
  private final Goal goal;
  private final List<ExitCriterion> exits;
  private final double holdout;
  private final List<Step> steps;
  private final Map<String, Action> actions;

  private Journey(Builder b) {
    this.name = b.name;
    this.version = b.version == null ? 1 : b.version;
    this.trigger = b.trigger;
    this.entryCondition = b.entryCondition;
    this.reEntry = b.reEntry == null ? ReEntry.never() : b.reEntry;
    this.goal = b.goal;
    this.exits = List.copyOf(b.exits);
    this.holdout = b.holdout == null ? 0 : b.holdout;
    this.steps = List.copyOf(b.steps);
    this.actions = java.util.Collections.unmodifiableMap(StepTree.actions(steps));
  }

  /**
   * Starts a journey.
   *
   * @param name its name, unique among journeys
   * @return a builder
   * @throws IllegalArgumentException if the name is null or blank
   */
  public static Builder builder(String name) {
    return new Builder(Checks.name("journey", name));
  }

  /**
   * Starts a builder holding a journey's settings, to make another version of it: each setting
   * may be replaced once, and exit criteria added to those it has.
   *
   * <pre>{@code
   * Journey v2 = Journey.from(v1).version(2).steps(send(welcomeV2)).build();
   * }</pre>
   *
   * @param existing the journey
   * @return a builder
   * @throws IllegalArgumentException if null
   */
  public static Builder from(Journey existing) {
    Checks.notNull("journey", "from(existing)", existing);
    Builder b = new Builder(existing.name);
    b.version = existing.version;
    b.trigger = existing.trigger;
    b.entryCondition = existing.entryCondition;
    b.reEntry = existing.reEntry;
    b.goal = existing.goal;
    b.exits.addAll(existing.exits);
    b.holdout = existing.holdout;
    b.steps.addAll(existing.steps);
    return b;
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
   * Returns the version, 1 unless set.
   *
   * @return the version
   */
  public int version() {
    return version;
  }

  /**
   * Returns what starts the journey.
   *
   * @return the trigger
   */
  public Trigger trigger() {
    return trigger;
  }

  /**
   * Returns the condition a customer must meet, when triggered, to enter.
   *
   * @return the entry condition, if any
   */
  public Optional<Condition> entryCondition() {
    return Optional.ofNullable(entryCondition);
  }

  /**
   * Returns the re-entry rule; never by default.
   *
   * @return the rule
   */
  public ReEntry reEntry() {
    return reEntry;
  }

  /**
   * Returns the goal.
   *
   * @return the goal, if any
   */
  public Optional<Goal> goal() {
    return Optional.ofNullable(goal);
  }

  /**
   * Returns the exit criteria.
   *
   * @return the criteria
   */
  public List<ExitCriterion> exits() {
    return exits;
  }

  /**
   * Returns the share of entering customers held out: enrolled and measured, never sent anything.
   *
   * @return the fraction, from 0 (inclusive) to 1 (exclusive)
   */
  public double holdout() {
    return holdout;
  }

  /**
   * Returns the top-level steps.
   *
   * @return the steps
   */
  public List<Step> steps() {
    return steps;
  }

  /**
   * Returns every action the journey may send, by name: its send steps', those its decide
   * steps' rule sets may recommend, and its custom steps'.
   *
   * @return the actions
   */
  public Map<String, Action> actions() {
    return actions;
  }

  @Override
  public String toString() {
    return "Journey{" + name + " v" + version + "}";
  }

  /**
   * Builds a {@link Journey}. Single-use: each setting is given once ({@link #exitOn} adds a
   * criterion each time), and any call after {@link #build()} is refused, so that a builder
   * kept after one journey cannot hand its settings to the next. {@link #build()} may be called
   * again and returns the same journey. A builder started {@link Journey#from from} an existing
   * journey holds its settings, and may replace each of them once.
   *
   * <p>The DSL's {@code journey(name)} writes its settings on this builder, so a journey gets
   * the same checks and the same messages whichever way it is declared.
   */
  public static final class Builder {
    private final String name;
    private Integer version;
    private Trigger trigger;
    private Condition entryCondition;
    private ReEntry reEntry;
    private Goal goal;
    private final List<ExitCriterion> exits = new ArrayList<>();
    private Double holdout;
    private final List<Step> steps = new ArrayList<>();
    private final Set<String> setHere = new HashSet<>();
    private Journey built;

    private Builder(String name) {
      this.name = name;
    }

    private String owner() {
      return Checks.owner("journey", name);
    }

    /** Refuses a setting given twice on this builder (a copied one may be replaced once). */
    private void set(String field) {
      Checks.once(owner(), field, !setHere.add(field));
    }

    private void open(String call) {
      Checks.notBuilt(owner(), call, built != null,
          "Journey.builder(name), or Journey.from(journey) for its next version");
    }

    /**
     * Sets the version.
     *
     * @param version 1 or more
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     * @throws IllegalStateException if already set, or after {@link #build()}
     */
    public Builder version(int version) {
      open("version");
      if (version < 1) {
        throw new IllegalArgumentException(owner() + ": version is " + version
            + "; give 1 or more");
      }
      set("version");
      this.version = version;
      return this;
    }

    /**
     * Sets what starts the journey.
     *
     * @param trigger the trigger
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException if already set, or after {@link #build()}
     */
    public Builder enterOn(Trigger trigger) {
      open("enterOn");
      Checks.notNull(owner(), "enterOn", trigger);
      set("enterOn");
      this.trigger = trigger;
      return this;
    }

    /**
     * Sets the condition a triggered customer must meet to enter.
     *
     * @param condition the condition
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException if already set, or after {@link #build()}
     */
    public Builder entryCondition(Condition condition) {
      open("entryCondition");
      Checks.notNull(owner(), "entryCondition", condition);
      set("entryCondition");
      this.entryCondition = condition;
      return this;
    }

    /**
     * Sets the re-entry rule.
     *
     * @param rule the rule
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException if already set, or after {@link #build()}
     */
    public Builder reEntry(ReEntry rule) {
      open("reEntry");
      Checks.notNull(owner(), "reEntry", rule);
      set("reEntry");
      this.reEntry = rule;
      return this;
    }

    /**
     * Sets the goal.
     *
     * @param goal the goal
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException if already set, or after {@link #build()}
     */
    public Builder goal(Goal goal) {
      open("goal");
      Checks.notNull(owner(), "goal", goal);
      if (!setHere.add("goal")) {
        throw new IllegalStateException(owner() + ": goal is already set to " + this.goal
            + "; set it once");
      }
      this.goal = goal;
      return this;
    }

    /**
     * Adds an exit criterion.
     *
     * @param criterion the criterion
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException after {@link #build()}
     */
    public Builder exitOn(ExitCriterion criterion) {
      open("exitOn");
      Checks.notNull(owner(), "exitOn", criterion);
      exits.add(criterion);
      return this;
    }

    /**
     * Sets the share of entering customers held out.
     *
     * @param fraction from 0 (inclusive) to 1 (exclusive)
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set, or after {@link #build()}
     */
    public Builder holdout(double fraction) {
      open("holdout");
      Checks.fraction(owner(), "holdout", fraction);
      set("holdout");
      this.holdout = fraction;
      return this;
    }

    /**
     * Sets the steps.
     *
     * @param more the steps, at least one
     * @return this builder
     * @throws IllegalArgumentException if none is given or one is null
     * @throws IllegalStateException if already set, or after {@link #build()}
     */
    public Builder steps(Step... more) {
      open("steps");
      List<Step> copy = Steps.copy(owner() + ": steps", more);
      set("steps");
      steps.clear();
      steps.addAll(copy);
      return this;
    }

    /**
     * Returns the journey; called again, returns the same journey.
     *
     * @return the journey
     * @throws IllegalStateException if it has no trigger or no steps, a step follows exit(), a
     *     split has fewer than two arms, or two splits share a name; the message lists every
     *     problem
     */
    public Journey build() {
      if (built != null) {
        return built;
      }
      List<String> problems = new ArrayList<>();
      if (trigger == null) {
        problems.add(owner() + ": has no entry trigger; add enterOn(eventType), "
            + "enterOn(moment) or enterOn(segment)");
      }
      if (steps.isEmpty()) {
        problems.add(owner() + ": has no steps; add steps(...)");
      }
      if (!problems.isEmpty()) {
        throw new IllegalStateException(String.join("; ", problems));
      }
      List<String> stepProblems = StepTree.problems(name, steps);
      if (!stepProblems.isEmpty()) {
        throw new IllegalStateException(String.join("; ", stepProblems));
      }
      built = new Journey(this);
      return built;
    }
  }
}
