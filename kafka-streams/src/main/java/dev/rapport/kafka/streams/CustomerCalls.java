package dev.rapport.kafka.streams;

import dev.rapport.core.Event;
import dev.rapport.core.Profile;
import dev.rapport.core.Traits;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.Placement;
import dev.rapport.core.engine.Engine;
import java.time.Instant;

/**
 * The engine calls one input record may make: those of {@link dev.rapport.core.engine.Engine}
 * that change a customer, all for the customer whose id is the record's key. A customer's state
 * lives in the partition of their id, so a call for anyone else is refused.
 *
 * <p>Dispatches that the calls make go to the topology's dispatch topic, in the same Kafka
 * transaction as the customer's new state.
 */
public interface CustomerCalls {
  /**
   * Returns the calls one record makes on an engine, held to its customer as in a stream task:
   * for running an {@link InputHandler} against an in-process engine, for example to check in a
   * test that a topology's handler feeds the engine what the host would.
   *
   * @param engine the engine the calls go to
   * @param customerId the record's customer (its key)
   * @param time the record's timestamp
   * @return the calls
   * @throws IllegalArgumentException if an argument is null or the id is blank
   */
  static CustomerCalls on(Engine engine, String customerId, Instant time) {
    if (engine == null || customerId == null || time == null) {
      throw new IllegalArgumentException("CustomerCalls.on(engine, customerId, time): "
          + (engine == null ? "engine" : customerId == null ? "customerId" : "time")
          + " is null; give the engine, the record's key and its timestamp");
    }
    if (customerId.isBlank()) {
      throw new IllegalArgumentException("CustomerCalls.on(engine, customerId, time): "
          + "customerId is blank; give the record's key, the customer's id");
    }
    return new EngineCalls(engine, customerId, time);
  }

  /**
   * Returns the customer of the record: its key.
   *
   * @return the customer's id
   */
  String customerId();

  /**
   * Returns the record's timestamp: the time of what it says, when the producer set it so.
   *
   * @return the timestamp
   */
  Instant time();

  /**
   * Tracks an event of the record's customer, as {@link
   * dev.rapport.core.engine.Engine#track(Event)} does.
   *
   * @param event the event
   * @return true if processed, false if it was a duplicate
   * @throws IllegalArgumentException if the event is null, is of another customer, or is refused
   *     by the engine's checks
   */
  boolean track(Event event);

  /**
   * Records traits, consents and preferences of the record's customer, as {@link
   * dev.rapport.core.engine.Engine#identify(String, Profile)} does.
   *
   * @param profile what to record
   * @throws IllegalArgumentException if the profile is null or refused by the engine's checks
   */
  void identify(Profile profile);

  /**
   * Records traits of the record's customer, as {@link
   * dev.rapport.core.engine.Engine#identify(String, Traits)} does.
   *
   * @param traits the traits to set
   * @throws IllegalArgumentException if null or conflicting with the customer's
   */
  void identify(Traits traits);

  /**
   * Decides the customer's next best actions for the default placement and sends the winners to
   * the dispatch topic, as {@link dev.rapport.core.engine.Engine#decideAndSend(String)} does.
   *
   * @return the decision
   * @throws IllegalStateException if the engine has no rule set
   */
  Decision decideAndSend();

  /**
   * Decides for a placement and sends the winners, as {@link
   * dev.rapport.core.engine.Engine#decideAndSend(String, Placement)} does.
   *
   * @param placement the placement
   * @return the decision
   * @throws IllegalArgumentException if the placement is null
   * @throws IllegalStateException if the engine has no rule set
   */
  Decision decideAndSend(Placement placement);

  /**
   * Erases everything about the customer, as {@link dev.rapport.core.engine.Engine#forget}
   * does.
   *
   * @return whether anything was held about them
   */
  boolean forget();

  /**
   * Would merge another customer into the record's customer, as {@link
   * dev.rapport.core.engine.Engine#merge(String, String)} does in process; on Kafka Streams it is
   * always refused. A customer's state lives in the partition of their id and is changed only by
   * the task that owns that partition, in one Kafka transaction; the other id's state is in
   * general in another partition, owned by another task (often on another instance), so no task
   * can read both and commit the merge all or nothing. What to do instead: make the surviving id
   * the key of the anonymous visitor's events from the start where you can (key by a stable
   * account or device id), or run the merge where both records can be held: an in-process or
   * JDBC engine. The guide's page on identity merge says more.
   *
   * @param otherCustomerId the customer to merge away
   * @return never returns normally
   * @throws IllegalStateException always: the Kafka Streams host cannot hold two customers
   * @throws IllegalArgumentException if the id is null or blank, or the record's customer's own
   */
  boolean mergeFrom(String otherCustomerId);
}
