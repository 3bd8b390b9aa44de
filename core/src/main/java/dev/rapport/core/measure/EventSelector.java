package dev.rapport.core.measure;

import dev.rapport.core.Customer;
import dev.rapport.core.Event;
import dev.rapport.core.Properties;
import java.util.function.Predicate;

/**
 * Picks the events a metric counts, looking at the event and at the customer as they are after
 * it.
 *
 * <pre>{@code
 * EventSelector firstPurchase = (e, c) -> e.type().equals("purchased") && c.count("purchased") == 1;
 * }</pre>
 */
@FunctionalInterface
public interface EventSelector {
  /**
   * Tells whether an event counts.
   *
   * @param event the event
   * @param customer the customer after it
   * @return whether it counts
   */
  boolean test(Event event, Customer customer);

  /**
   * Selects the events of a type.
   *
   * @param type the event type
   * @return the selector
   */
  static EventSelector type(String type) {
    return (e, c) -> e.type().equals(type);
  }

  /**
   * Selects the events of a type whose properties meet a condition.
   *
   * @param type the event type
   * @param properties the condition
   * @return the selector
   */
  static EventSelector type(String type, Predicate<Properties> properties) {
    return (e, c) -> e.type().equals(type) && properties.test(e.properties());
  }

  /**
   * Returns a selector that picks what both pick.
   *
   * @param other the other selector
   * @return the conjunction
   */
  default EventSelector and(EventSelector other) {
    return (e, c) -> test(e, c) && other.test(e, c);
  }
}
