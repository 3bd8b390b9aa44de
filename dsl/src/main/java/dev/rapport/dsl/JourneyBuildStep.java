package dev.rapport.dsl;

import dev.rapport.core.journey.Journey;

/**
 * The last step of a journey.
 *
 * <p>Completed by {@link #build()}, which returns the {@link Journey}.
 */
public interface JourneyBuildStep {
  /**
   * Returns the journey; called again on this step, returns the same journey.
   *
   * @return the journey
   * @throws IllegalStateException if a step follows exit(), a split has fewer than two arms, or
   *     two splits share a name; the message lists every problem
   */
  Journey build();
}
