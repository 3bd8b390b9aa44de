package dev.rapport.core.engine.hostile;

import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Dispatcher;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The host's side of the dispatcher: keeps every dispatch it was handed, in order, from any
 * thread; then runs what a test asks of it (which may throw, or call the engine back).
 */
final class Outbox implements Dispatcher {
  private final List<Dispatch> handedOver = new CopyOnWriteArrayList<>();
  private volatile Consumer<Dispatch> then = d -> { };

  /** Runs {@code hostCode} after keeping each dispatch; it may throw or call the engine. */
  Outbox then(Consumer<Dispatch> hostCode) {
    this.then = hostCode;
    return this;
  }

  @Override
  public void dispatch(Dispatch dispatch) {
    handedOver.add(dispatch);
    then.accept(dispatch);
  }

  /** Every dispatch handed over so far, including those whose host code threw. */
  List<Dispatch> handedOver() {
    return List.copyOf(handedOver);
  }

  /** The names of the actions handed over, in order. */
  List<String> actions() {
    return handedOver.stream().map(d -> d.action().name()).toList();
  }
}
