package dev.rapport.dsl;

import dev.rapport.core.Condition;
import dev.rapport.core.Properties;
import java.util.function.Predicate;

/**
 * The first step of a moment: how it is reached. Exactly one of these must be given.
 *
 * <pre>{@code
 * moment("activated").reachedOn("first_sync").build();
 * }</pre>
 *
 * <p>Not a {@link dev.rapport.core.Moment} yet: say how it is reached, then complete it with {@code
 * build()}.
 *
 * <p>Single-use: the moment is written in one chain on its core builder, and each call returns the
 * next step and retires the one it was made on. A step continued a second time, or after {@code
 * build()}, is refused with an {@link IllegalStateException} rather than writing on a builder that
 * another step already moved on; start another moment with {@code moment(name)}.
 */
public interface MomentStep {
  /**
   * Reaches the moment on the first event of a type.
   *
   * @param eventType the event type
   * @return the last step
   * @throws IllegalArgumentException if the type is null or blank
   */
  MomentBuildStep reachedOn(String eventType);

  /**
   * Reaches the moment on the first event of a type whose properties meet a condition.
   *
   * @param eventType the event type
   * @param properties the condition on the event's properties
   * @return the last step
   * @throws IllegalArgumentException if the type is blank or the condition null
   */
  MomentBuildStep reachedOn(String eventType, Predicate<Properties> properties);

  /**
   * Reaches the moment the first time a condition on the customer holds.
   *
   * @param condition the condition
   * @return the last step
   * @throws IllegalArgumentException if the condition is null
   */
  MomentBuildStep reachedWhen(Condition condition);
}
