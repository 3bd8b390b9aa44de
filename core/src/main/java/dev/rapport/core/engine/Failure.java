package dev.rapport.core.engine;

import dev.rapport.core.CustomerId;
import java.time.Instant;
import java.util.Optional;

/**
 * A failure of the host's code that the engine contained: a dispatcher, a guardrail listener or
 * a propensity model that threw, or a condition (of a persona, segment, moment, metric, rule or
 * journey) that threw and was skipped. The engine counts each one in {@link
 * Engine#statistics()} and logs a line without personal data; a {@link FailureListener} gets the
 * details, the exception included.
 *
 * @param kind what kind of host code failed
 * @param source which definition or callback, such as {@code segment 'lapsed'} or the
 *     dispatcher's class name
 * @param customer the customer the engine was working on, if any
 * @param dispatchId the dispatch concerned, for a dispatcher failure
 * @param at the engine's time of the failure
 * @param exception what the host's code threw
 */
public record Failure(Kind kind, String source, Optional<CustomerId> customer,
    Optional<String> dispatchId, Instant at, RuntimeException exception) {

  /** What kind of host code failed. */
  public enum Kind {
    /** The dispatcher threw: the dispatch was recorded as failed and fell back where it can. */
    DISPATCHER,
    /** A guardrail listener threw: the guardrail's change stands, the listener missed it. */
    GUARDRAIL_LISTENER,
    /** A propensity model threw: while estimating, the action was rejected; while observing,
     * the model missed the observation. */
    PROPENSITY_MODEL,
    /** A condition threw and was skipped (a persona, segment, moment, metric or journey's). */
    CONDITION,
    /** A rule's or a suitability rule's condition threw and the rule was skipped. */
    RULE
  }

  /**
   * Checks the components.
   *
   * @param kind what kind of host code failed
   * @param source which definition or callback
   * @param customer the customer, if any
   * @param dispatchId the dispatch, if any
   * @param at the engine's time
   * @param exception what was thrown
   * @throws IllegalArgumentException if a component is null
   */
  public Failure {
    if (kind == null || source == null || customer == null || dispatchId == null || at == null
        || exception == null) {
      throw new IllegalArgumentException("failure: no component may be null");
    }
  }
}
