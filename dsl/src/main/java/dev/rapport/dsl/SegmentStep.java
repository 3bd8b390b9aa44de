package dev.rapport.dsl;

import dev.rapport.core.Condition;

/**
 * The first step of a segment: the condition its members meet.
 *
 * <pre>{@code
 * segment("lonely-trials").matching(c -> c.count("teammate_invited") == 0).build();
 * }</pre>
 *
 * <p>Not a {@link dev.rapport.core.Segment} yet: give its condition with {@link #matching}, then
 * complete it with {@code build()}.
 */
public interface SegmentStep {
  /**
   * Sets the condition members meet.
   *
   * @param condition the condition
   * @return the last step
   * @throws IllegalArgumentException if null
   */
  SegmentBuildStep matching(Condition condition);
}
