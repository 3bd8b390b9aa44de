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
 *
 * <p>Single-use: the segment is written in one chain on its core builder, and each call returns the
 * next step and retires the one it was made on. A step continued a second time, or after {@code
 * build()}, is refused with an {@link IllegalStateException} rather than writing on a builder that
 * another step already moved on; start another segment with {@code segment(name)}.
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
