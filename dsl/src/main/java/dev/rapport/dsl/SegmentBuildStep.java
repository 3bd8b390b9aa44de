package dev.rapport.dsl;

import dev.rapport.core.Segment;

/**
 * The last step of a segment.
 *
 * <p>Completed by {@link #build()}, which returns the {@link Segment}.
 */
public interface SegmentBuildStep {
  /**
   * Asks the engine to re-evaluate the segment at least this often, for a condition that time
   * alone can change; see {@link Segment#reviewedEvery(java.time.Duration)}.
   *
   * @param period the period, positive
   * @return this step
   * @throws IllegalArgumentException if not positive
   */
  SegmentBuildStep reviewedEvery(java.time.Duration period);

  /**
   * Returns the segment; called again on this step, returns the same segment.
   *
   * @return the segment
   */
  Segment build();
}
