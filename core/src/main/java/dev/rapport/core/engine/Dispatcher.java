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
 * <p>The engine calls it after the customer's new state is stored, outside every lock, in the
 * calling thread; so a dispatcher may itself call the engine, for this customer or another. If
 * it throws, the engine records the dispatch as failed (a {@code delivery_failed} event with an
 * {@code error} property, counted in {@link EngineStatistics#dispatchFailures()} and told to the
 * {@link FailureListener}), does not count it against the contact policy's caps, falls back to
 * the next channel where the action has one, and never propagates the exception.
 *
 * <p>An engine with journeys must be given a dispatcher: a journey's messages would otherwise be
 * lost without a trace. An engine that is meant to drop them (a dry run, a test of decisions
 * only) says so with {@link #discarding()}.
 */
@FunctionalInterface
public interface Dispatcher {
  /**
   * Returns a dispatcher that drops every message: an explicit choice for an engine whose
   * dispatches nobody needs, such as a dry run.
   *
   * @return the discarding dispatcher
   */
  static Dispatcher discarding() {
    return Discarding.INSTANCE;
  }

  /**
   * Sends, or queues for sending, a message.
   *
   * @param dispatch the message
   */
  void dispatch(Dispatch dispatch);
}

/** The dispatcher that drops every message, recognisable by the engine. */
enum Discarding implements Dispatcher {
  INSTANCE;

  @Override
  public void dispatch(Dispatch dispatch) {
    // dropped on purpose: see Dispatcher.discarding()
  }
}
