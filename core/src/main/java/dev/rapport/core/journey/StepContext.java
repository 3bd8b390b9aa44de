package dev.rapport.core.journey;

import dev.rapport.core.Action;
import dev.rapport.core.Customer;
import dev.rapport.core.Event;
import java.time.Instant;
import java.util.Optional;

/**
 * What a {@link CustomStep} sees when it runs, and what it may do: read the customer, the cause
 * and the time, keep a number between runs, and send an action through the engine's gate.
 */
public interface StepContext {
  /** What woke the step. */
  enum Cause {
    /** The enrollment arrived at the step. */
    ARRIVED,
    /** An event of the customer arrived while the enrollment waited at the step. */
    EVENT,
    /** The instant the step asked to wait until has come. */
    TIMER
  }

  /**
   * Returns what woke the step.
   *
   * @return the cause
   */
  Cause cause();

  /**
   * Returns the customer as the engine sees them now.
   *
   * @return the customer's view, valid while the step runs
   */
  Customer customer();

  /**
   * Returns the engine's time of the run.
   *
   * @return now
   */
  Instant now();

  /**
   * Returns the event that woke the step, when {@link #cause()} is {@link Cause#EVENT}.
   *
   * @return the event, or empty
   */
  Optional<Event> event();

  /**
   * Returns the number the step kept the last time it waited in this enrollment ({@link
   * StepResult#waitUntil(Instant, long)}), 0 when it has just arrived.
   *
   * @return the step's memory
   */
  long memory();

  /**
   * Returns the instant the step waits until, when it runs because of an event while waiting:
   * a step that wants to go on waiting as before returns {@code
   * StepResult.waitUntil(c.waitingUntil().orElseThrow(), c.memory())}.
   *
   * @return the instant, or empty when the step is not waiting
   */
  Optional<Instant> waitingUntil();

  /**
   * Returns a number from 0 (inclusive) to 1 (exclusive) drawn from the customer, the journey,
   * the step and a key: the same for the same inputs, in every run and every engine, as the
   * engine's own splits and holdouts are.
   *
   * @param key what the draw is for
   * @return the draw
   */
  double fraction(String key);

  /**
   * Sends an action through the engine's gate (consent, reachability, suppression, contact
   * policy, quiet hours, guardrails), as a send step would; a held-out customer is never sent
   * anything. The dispatch is made when the call commits.
   *
   * @param action one of the step's {@link CustomStep#actions()}
   * @return whether it was sent, on which channel, or why not
   * @throws IllegalArgumentException if the action is not one of the step's actions
   */
  Sent send(Action action);
}
