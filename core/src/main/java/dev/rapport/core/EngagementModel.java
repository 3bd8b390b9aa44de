package dev.rapport.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Tells how engaged a customer is. The engine asks after every change to the customer and at
 * every {@link #nextReview} time, and emits {@link EventTypes#ENGAGEMENT_CHANGED} when the answer
 * changes, so that an at-risk journey can start on the drop to low engagement.
 *
 * <pre>{@code
 * Engine.builder().engagement(EngagementModel.recencyFrequency(Set.of("logged_in", "purchased")))
 * }</pre>
 */
public interface EngagementModel {

  /**
   * Returns the customer's level now.
   *
   * @param customer the customer
   * @return the level
   */
  EngagementLevel levelOf(Customer customer);

  /**
   * Returns the next instant after {@link Customer#now()} at which the level may change with no
   * new event (for example when the latest engagement leaves a recency window), so that the
   * engine reviews it then. The default says never: the level is reviewed on events only.
   *
   * @param customer the customer
   * @return the next review time, if any
   */
  default Optional<Instant> nextReview(Customer customer) {
    return Optional.empty();
  }

  /**
   * Tells whether an event of a type can change the level, so that the engine can skip the
   * model for the others (time passing is covered by {@link #nextReview}). The default says yes
   * for every type: a custom model need not know.
   *
   * @param eventType the event type
   * @return whether the level may depend on it
   */
  default boolean dependsOn(String eventType) {
    return true;
  }

  /**
   * Returns the default model over the given engagement events: high when the customer engaged
   * at least 3 times in 14 days and within the last 7; low within 30 days (disaffected with a
   * negative signal: a complaint or a CSAT of 2 or less in 90 days, 2 delivery failures in 30
   * days, or a ticket still open; organic otherwise); disengaged within 90 days; lost after.
   * A customer who never engaged is low (organic) for the 30 days after their first event,
   * disengaged until 90, then lost.
   *
   * @param engagementEvents the event types that count as engagement
   * @return the model
   * @throws IllegalArgumentException if the set is empty or holds a blank type
   */
  static EngagementModel recencyFrequency(Set<String> engagementEvents) {
    return new RecencyFrequencyEngagement(engagementEvents, Duration.ofDays(7),
        Duration.ofDays(14), 3, Duration.ofDays(30), Duration.ofDays(90));
  }

  /**
   * Returns the default model over the default engagement events: {@code opened}, {@code
   * clicked}, {@code converted}, {@code logged_in}, {@code purchased} and {@code
   * session_started}.
   *
   * @return the model
   */
  static EngagementModel ofDefaults() {
    return recencyFrequency(Set.of(EventTypes.OPENED, EventTypes.CLICKED, EventTypes.CONVERTED,
        "logged_in", "purchased", "session_started"));
  }
}
