package dev.rapport.core;

import dev.rapport.core.internal.Checks;
import java.util.Set;

/** The check both engagement models make of the event types that count as engagement. */
final class EngagementEvents {
  private EngagementEvents() {}

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
}
