package dev.rapport.dsl;

import dev.rapport.core.Condition;

/**
 * The steps of a persona: descriptive goals, pain points and interests, in any number, then the
 * condition that tells whether a customer matches.
 *
 * <pre>{@code
 * persona("home-barista")
 *     .goals("better coffee at home")
 *     .painPoints("inconsistent grind")
 *     .interests("coffee")
 *     .matching(c -> c.hasDone("purchased", p -> "grinder".equals(p.get("sku"))))
 *     .build();
 * }</pre>
 *
 * <p>Not a {@link dev.rapport.core.Persona} yet: give its condition with {@link #matching}, then
 * complete it with {@code build()}.
 *
 * <p>Single-use: the persona is written in one chain on its core builder, and each call returns the
 * next step and retires the one it was made on. A step continued a second time, or after {@code
 * build()}, is refused with an {@link IllegalStateException} rather than writing on a builder that
 * another step already moved on; start another persona with {@code persona(name)}.
 */
public interface PersonaStep {
  /**
   * Adds goals.
   *
   * @param goals what customers of this persona want
   * @return this step
   * @throws IllegalArgumentException if one is blank
   */
  PersonaStep goals(String... goals);

  /**
   * Adds pain points.
   *
   * @param painPoints what gets in their way
   * @return this step
   * @throws IllegalArgumentException if one is blank
   */
  PersonaStep painPoints(String... painPoints);

  /**
   * Adds interests.
   *
   * @param interests topics they care about
   * @return this step
   * @throws IllegalArgumentException if one is blank
   */
  PersonaStep interests(String... interests);

  /**
   * Sets the condition a customer must meet to match.
   *
   * @param condition the condition
   * @return the last step
   * @throws IllegalArgumentException if null
   */
  PersonaBuildStep matching(Condition condition);
}
