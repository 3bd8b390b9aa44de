package dev.rapport.core.measure;

import dev.rapport.core.Customer;
import dev.rapport.core.Event;
import java.util.OptionalDouble;

/** Reads the number a mean metric averages from an event, such as a survey's score. */
@FunctionalInterface
public interface ValueExtractor {
  /**
   * Reads the value.
   *
   * @param event the event
   * @param customer the customer after it
   * @return the value, or empty if the event has none (it is then not counted)
   */
  OptionalDouble value(Event event, Customer customer);

  /**
   * Reads a numeric property.
   *
   * @param property the property's name
   * @return the extractor
   */
  static ValueExtractor property(String property) {
    return (e, c) -> {
      Object v = e.properties().get(property);
      return v instanceof Number ? OptionalDouble.of(((Number) v).doubleValue())
          : OptionalDouble.empty();
    };
  }
}
