package dev.rapport.dsl;

import dev.rapport.core.Moment;

/**
 * The last step of a moment.
 *
 * <p>Completed by {@link #build()}, which returns the {@link Moment}.
 */
public interface MomentBuildStep {
  /**
   * Returns the moment; may be called more than once.
   *
   * @return the moment
   */
  Moment build();
}
