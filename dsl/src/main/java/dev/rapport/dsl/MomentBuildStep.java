package dev.rapport.dsl;

import dev.rapport.core.Moment;

/**
 * The last step of a moment.
 *
 * <p>Completed by {@link #build()}, which returns the {@link Moment}.
 */
public interface MomentBuildStep {
  /**
   * Returns the moment; called again on this step, returns the same moment.
   *
   * @return the moment
   */
  Moment build();
}
