package dev.rapport.core;

import java.time.Instant;
import java.util.Optional;

/**
 * When a customer was first seen, which the default lifecycle and engagement models both measure
 * tenure from: the earliest event of the customer's own, leaving out the notices the engine emits
 * itself (a moment reached, a segment entered), which follow from those events.
 */
final class FirstSeen {
  private FirstSeen() {}

  /**
   * Returns the time of the customer's first event of their own.
   *
   * @param c the customer
   * @return the time, or empty for a customer with no event of their own
   */
  static Optional<Instant> of(Customer c) {
    Instant first = null;
    for (String type : c.eventTypes()) {
      if (EventTypes.emittedByEngine().contains(type)) {
        continue;
      }
      Optional<Instant> t = c.first(type);
      if (t.isPresent() && (first == null || t.get().isBefore(first))) {
        first = t.get();
      }
    }
    return Optional.ofNullable(first);
  }
}
