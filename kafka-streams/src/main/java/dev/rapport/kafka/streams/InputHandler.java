package dev.rapport.kafka.streams;

/**
 * Turns one record of an input topic into engine calls for the record's customer: the host's
 * own glue between its event format and Rapport, as it would write it in process.
 *
 * <pre>{@code
 * InputHandler<ShopEvent> handler = (event, calls) -> calls.track(
 *     Event.builder(calls.customerId(), event.type()).id(event.id()).at(calls.time()));
 * }</pre>
 *
 * <p>A handler that throws {@link IllegalArgumentException} (as the engine does for bad input)
 * rejects the record: it is skipped, logged with its topic, partition and offset, and the
 * customer's state is left as it was. Any other exception fails the stream task, as Kafka
 * Streams' processing exception handler is configured to treat it.
 *
 * @param <V> the type of the topic's values
 */
@FunctionalInterface
public interface InputHandler<V> {
  /**
   * Handles one record.
   *
   * @param value the record's value, as the topic's deserializer read it (not null)
   * @param calls the engine calls the record may make, all for the customer of its key
   */
  void handle(V value, CustomerCalls calls);
}
