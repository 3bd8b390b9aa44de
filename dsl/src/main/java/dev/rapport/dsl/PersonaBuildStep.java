package dev.rapport.dsl;

import dev.rapport.core.Persona;

/**
 * The last step of a persona.
 *
 * <p>Completed by {@link #build()}, which returns the {@link Persona}.
 */
public interface PersonaBuildStep {
  /**
   * Returns the persona; called again on this step, returns the same persona.
   *
   * @return the persona
   */
  Persona build();
}
