package dev.rapport.core;

import dev.rapport.core.internal.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * An archetype of customer: who they are, what they want and what hurts them, and the condition
 * that tells whether a customer matches it. Membership is recomputed as the customer changes;
 * coming to match or ceasing to match is an event ({@link EventTypes#PERSONA_ENTERED}, {@link
 * EventTypes#PERSONA_EXITED}).
 *
 * <pre>{@code
 * Persona barista = Persona.builder("home-barista")
 *     .goals("better coffee at home")
 *     .painPoints("inconsistent grind")
 *     .interests("coffee")
 *     .matching(c -> c.hasDone("purchased", p -> "grinder".equals(p.get("sku"))))
 *     .build();
 * }</pre>
 */
public final class Persona {
  private final String name;
  private final List<String> goals;
  private final List<String> painPoints;
  private final List<String> interests;
  private final Condition condition;

  private Persona(Builder b) {
    this.name = b.name;
    this.goals = List.copyOf(b.goals);
    this.painPoints = List.copyOf(b.painPoints);
    this.interests = List.copyOf(b.interests);
    this.condition = b.condition;
  }

  /**
   * Starts a persona.
   *
   * @param name its name, unique among personas
   * @return a builder
   * @throws IllegalArgumentException if the name is null or blank
   */
  public static Builder builder(String name) {
    return new Builder(Checks.name("persona", name));
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
   * Returns what customers of this persona want to achieve.
   *
   * @return the goals
   */
  public List<String> goals() {
    return goals;
  }

  /**
   * Returns what gets in their way.
   *
   * @return the pain points
   */
  public List<String> painPoints() {
    return painPoints;
  }

  /**
   * Returns the topics they care about.
   *
   * @return the interests
   */
  public List<String> interests() {
    return interests;
  }

  /**
   * Returns the condition a customer must meet to match.
   *
   * @return the condition
   */
  public Condition condition() {
    return condition;
  }

  /**
   * Tells whether a customer matches.
   *
   * @param customer the customer
   * @return whether they match
   */
  public boolean matches(Customer customer) {
    return condition.test(customer);
  }

  @Override
  public String toString() {
    return "Persona{" + name + "}";
  }

  /**
   * Builds a {@link Persona}. Single-use: the condition is given once (goals, pain points and
   * interests add up), and any call after {@link #build()} is refused; {@link #build()} may be
   * called again and returns the same persona. The DSL's {@code persona(name)} writes on this
   * builder.
   */
  public static final class Builder {
    private final String name;
    private final List<String> goals = new ArrayList<>();
    private final List<String> painPoints = new ArrayList<>();
    private final List<String> interests = new ArrayList<>();
    private Condition condition;
    private Persona built;

    private Builder(String name) {
      this.name = name;
    }

    private String owner() {
      return Checks.owner("persona", name);
    }

    private void open(String call) {
      Checks.notBuilt(owner(), call, built != null, "Persona.builder(name)");
    }

    /**
     * Adds goals.
     *
     * @param more what customers of this persona want
     * @return this builder
     * @throws IllegalArgumentException if one is blank
     * @throws IllegalStateException after {@link #build()}
     */
    public Builder goals(String... more) {
      open("goals");
      return addTexts(goals, "goals", more);
    }

    /**
     * Adds pain points.
     *
     * @param more what gets in their way
     * @return this builder
     * @throws IllegalArgumentException if one is blank
     * @throws IllegalStateException after {@link #build()}
     */
    public Builder painPoints(String... more) {
      open("painPoints");
      return addTexts(painPoints, "painPoints", more);
    }

    /**
     * Adds interests.
     *
     * @param more topics they care about
     * @return this builder
     * @throws IllegalArgumentException if one is blank
     * @throws IllegalStateException after {@link #build()}
     */
    public Builder interests(String... more) {
      open("interests");
      return addTexts(interests, "interests", more);
    }

    private Builder addTexts(List<String> into, String field, String... more) {
      for (String s : more) {
        if (s == null || s.isBlank()) {
          throw new IllegalArgumentException(owner() + ": " + field + " has a "
              + (s == null ? "null" : "blank") + " entry; give non-blank text");
        }
        into.add(s);
      }
      return this;
    }

    /**
     * Sets the condition a customer must meet to match.
     *
     * @param condition the condition
     * @return this builder
     * @throws IllegalArgumentException if it is null
     * @throws IllegalStateException if a condition was already set, or after {@link #build()}
     */
    public Builder matching(Condition condition) {
      open("matching");
      Checks.notNull(owner(), "matching", condition);
      Checks.once(owner(), "matching", this.condition != null);
      this.condition = condition;
      return this;
    }

    /**
     * Returns the persona; called again, returns the same persona.
     *
     * @return the persona
     * @throws IllegalStateException if no condition was set
     */
    public Persona build() {
      if (built != null) {
        return built;
      }
      if (condition == null) {
        throw new IllegalStateException(owner()
            + ": has no matching condition; add matching(Condition)");
      }
      built = new Persona(this);
      return built;
    }
  }
}
