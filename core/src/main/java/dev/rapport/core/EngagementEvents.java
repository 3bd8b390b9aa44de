package dev.rapport.core;

import dev.rapport.core.internal.Checks;
import java.util.Set;

/**
 * The event types that count as engagement for a model, checked once for every model that reads
 * them, and kept in a fixed (sorted) order for the models to read them in.
 */
final class EngagementEvents {
  private final Set<String> types;
  private final String[] sorted;

  private EngagementEvents(Set<String> types) {
    this.types = types;
    this.sorted = types.stream().sorted().toArray(String[]::new);
  }

  /**
   * Checks the engagement event types of a model.
   *
   * @param owner the model, for the message
   * @param events the types
   * @return the checked types
   */
  static EngagementEvents of(String owner, Set<String> events) {
    return new EngagementEvents(check(owner, events));
  }

  /**
   * Checks the engagement event types.
   *
   * @param owner the model, for the message
   * @param events the types
   * @return an immutable copy
   */
  static Set<String> check(String owner, Set<String> events) {
    if (events == null || events.isEmpty()) {
      throw new IllegalArgumentException(owner + ": engagement events are "
          + (events == null ? "null" : "empty") + "; give the event types that count, such as "
          + "\"logged_in\"");
    }
    for (String e : events) {
      Checks.name(owner + ": engagement event type", e);
    }
    return Set.copyOf(events);
  }

  /** The types, as given. */
  Set<String> types() {
    return types;
  }

  /** The types, sorted: the order in which the models read them. */
  String[] sorted() {
    return sorted;
  }

  /**
   * Whether a model over these types that reads negative signals depends on an event type: it
   * is one of them or one the signals are read from.
   */
  boolean dependsOn(String eventType) {
    return types.contains(eventType) || NegativeSignals.TYPES.contains(eventType);
  }
}
