package dev.rapport.dsl;

import dev.rapport.core.Moment;
import dev.rapport.core.Properties;
import dev.rapport.core.Segment;
import java.util.function.Predicate;

/**
 * The first steps of a journey: an optional version, then what starts it. A journey with no
 * trigger does not compile.
 *
 * <pre>{@code
 * journey("onboarding").version(2).enterOn("signed_up")...
 * }</pre>
 *
 * <p>Not a {@link dev.rapport.core.journey.Journey} yet: give what starts it with {@code
 * enterOn(...)}, its steps with {@code steps(...)}, and complete it with {@code build()}.
 *
 * <p>Single-use: the journey is written in one chain on its core builder, and each call returns the
 * next step and retires the one it was made on. A step continued a second time, or after {@code
 * build()}, is refused with an {@link IllegalStateException} rather than writing on a builder that
 * another step already moved on; start another journey with {@code journey(name)}.
 */
public interface JourneyStep {
  /**
   * Sets the version; 1 by default. Enrollments keep the version they entered with.
   *
   * @param version 1 or more
   * @return this step
   * @throws IllegalArgumentException if less than 1
   * @throws IllegalStateException if already set
   */
  JourneyStep version(int version);

  /**
   * Starts the journey on an event type.
   *
   * @param eventType the type
   * @return the next step
   * @throws IllegalArgumentException if blank
   */
  JourneyOptionsStep enterOn(String eventType);

  /**
   * Starts the journey on an event type whose properties meet a condition.
   *
   * @param eventType the type
   * @param properties the condition
   * @return the next step
   * @throws IllegalArgumentException if the type is blank or the condition null
   */
  JourneyOptionsStep enterOn(String eventType, Predicate<Properties> properties);

  /**
   * Starts the journey when a customer reaches a moment.
   *
   * @param moment the moment
   * @return the next step
   * @throws IllegalArgumentException if null
   */
  JourneyOptionsStep enterOn(Moment moment);

  /**
   * Starts the journey when a customer enters a segment.
   *
   * @param segment the segment
   * @return the next step
   * @throws IllegalArgumentException if null
   */
  JourneyOptionsStep enterOn(Segment segment);
}
