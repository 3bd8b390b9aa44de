package dev.rapport.dsl;

import dev.rapport.core.Segment;

/** The last step of a segment. */
public interface SegmentBuildStep {
  /**
   * Returns the segment; may be called more than once.
   *
   * @return the segment
   */
  Segment build();
}
