package dev.rapport.core.engine;

/**
 * Where the engine hands the messages it decides to send: the host's outbox, message queue or
 * delivery service.
 *
 * <pre>{@code
 * List<Dispatch> outbox = new CopyOnWriteArrayList<>();
 * Engine engine = Engine.builder().dispatcher(outbox::add)...build();
 * }</pre>
 *
 * <p>The engine calls it after the customer's new state is stored, in the calling thread, one
 * customer at a time. If it throws, the engine records the dispatch as failed (a {@code
 * delivery_failed} event with an {@code error} property), falls back to the next channel where
 * the action has one, and never propagates the exception.
 */
@FunctionalInterface
public interface Dispatcher {
  /**
   * Sends, or queues for sending, a message.
   *
   * @param dispatch the message
   */
  void dispatch(Dispatch dispatch);
}
