package dev.rapport.core;

import java.time.Duration;
import java.util.Optional;

/**
 * Tells where a customer is in their lifecycle. The engine asks after every change to the
 * customer (its engagement level included) and emits {@link EventTypes#STAGE_CHANGED} when the
 * answer changes.
 */
public interface LifecycleModel {

  /**
   * Returns the customer's stage now, given their engagement level.
   *
   * @param customer the customer
   * @param engagement their engagement level now
   * @return the stage
   */
  LifecycleStage stageOf(Customer customer, EngagementLevel engagement);

  /**
   * Returns the next instant after {@link Customer#now()} at which the stage may change with no
   * new event, so that the engine reviews it then. The default says never.
   *
   * @param customer the customer
   * @return the next review time, if any
   */
  default Optional<java.time.Instant> nextReview(Customer customer) {
    return Optional.empty();
  }

  /**
   * Tells whether an event of a type can change the stage (beyond changing the engagement
   * level, which the engine checks itself). The default says yes for every type.
   *
   * @param eventType the event type
   * @return whether the stage may depend on it
   */
  default boolean dependsOn(String eventType) {
    return true;
  }

  /**
   * Returns the default model: win-back when lost; at-risk when disaffected or disengaged; new
   * for the first 7 days, then, with an activation moment, onboarding until it is reached; loyal
   * after 180 days of tenure with high engagement; active otherwise.
   *
   * @param activation the moment that marks activation, if the host has one
   * @return the model
   */
  static LifecycleModel ofDefaults(Optional<Moment> activation) {
    return new DefaultLifecycle(activation.map(Moment::name), Duration.ofDays(7),
        Duration.ofDays(180));
  }
}
