package dev.rapport.core.journey;

import dev.rapport.core.Event;
import dev.rapport.core.Properties;
import dev.rapport.core.internal.Checks;
import java.util.function.Predicate;

/**
 * An event type with an optional condition on the event's properties, as a journey's trigger,
 * goal, exit criteria and waits name it: checked, and matched, the same way for all of them.
 */
final class EventPatterns {
  private EventPatterns() {}

  /**
   * Checks the event type given to a clause.
   *
   * @param clause the clause, such as {@code exitOn}, for the message
   * @param eventType the type
   * @return the type
   */
  static String type(String clause, String eventType) {
    return Checks.name(clause + " event type", eventType);
  }

  /**
   * Checks the event type and the condition on its properties given to a clause.
   *
   * @param clause the clause, such as {@code exitOn}, for the message
   * @param eventType the type
   * @param properties the condition
   * @return the condition
   */
  static Predicate<Properties> properties(String clause, String eventType,
      Predicate<Properties> properties) {
    type(clause, eventType);
    return Checks.notNull(clause + "(\"" + eventType + "\")", "properties", properties);
  }

  /** Whether an event is of the type and, if there is a condition, meets it. */
  static boolean matches(String eventType, Predicate<Properties> properties, Event event) {
    return eventType.equals(event.type())
        && (properties == null || properties.test(event.properties()));
  }
}
