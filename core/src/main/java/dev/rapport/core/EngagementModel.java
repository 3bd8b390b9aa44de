package dev.rapport.core;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Tells how engaged a customer is. The engine asks after every change to the customer and at
 * every {@link #nextReview} time, and emits {@link EventTypes#ENGAGEMENT_CHANGED} when the answer
 * changes, so that an at-risk journey can start on the drop to low engagement.
 *
 * <pre>{@code
 * Engine.builder().engagement(EngagementModel.recencyFrequency(Set.of("logged_in", "purchased")))
 * }</pre>
 *
 * <p>Two models come with Rapport: {@link RecencyFrequencyEngagement}, the default, which looks
 * at how recently and how often a customer engaged, with windows you can set; and {@link
 * RhythmEngagement}, which measures a customer's silence against their own rhythm and scores it
 * as a {@linkplain #lapseRisk lapse risk}.
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
   * Returns the probability that the customer does not engage again within the model's horizon,
   * for models that estimate one; rules and journeys read it as {@link Customer#lapseRisk()}.
   * The default estimates none.
   *
   * @param customer the customer
   * @return the risk, between 0 and 1, or empty
   */
  default OptionalDouble lapseRisk(Customer customer) {
    return OptionalDouble.empty();
  }

  /**
   * Returns the default model over the given engagement events: high when the customer engaged
   * at least 3 times in 14 days and within the last 7; low within 30 days (disaffected with a
   * negative signal: a complaint or a CSAT of 2 or less in 90 days, 2 delivery failures in 30
   * days, or a ticket still open; organic otherwise); disengaged within 90 days; lost after.
   * A customer who never engaged is low (organic) for the 30 days after their first event,
   * disengaged until 90, then lost.
   *
   * A negative signal keeps a customer from counting as highly engaged. {@link
   * RecencyFrequencyEngagement#builder} sets other windows.
   *
   * @param engagementEvents the event types that count as engagement
   * @return the model
   * @throws IllegalArgumentException if the set is empty or holds a blank type
   */
  static EngagementModel recencyFrequency(Set<String> engagementEvents) {
    return RecencyFrequencyEngagement.builder(engagementEvents).build();
  }

  /**
   * Returns the rhythm model over the given engagement events, with its default settings: each
   * customer's silence measured against their own rhythm, scored as the probability of no
   * engagement within 90 days (see {@link RhythmEngagement}).
   *
   * @param engagementEvents the event types that count as engagement
   * @return the model
   * @throws IllegalArgumentException if the set is empty or holds a blank type
   */
  static EngagementModel rhythm(Set<String> engagementEvents) {
    return RhythmEngagement.builder(engagementEvents).build();
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
