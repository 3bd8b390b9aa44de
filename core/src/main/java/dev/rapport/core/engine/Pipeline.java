package dev.rapport.core.engine;

import dev.rapport.core.Event;

/**
 * What happens to each event of a call, in order: its profile (history, moments, personas,
 * segments, standing), the decisions it answers, the dispatches it answers, the journeys it moves
 * or starts. An event queues the events it causes (a moment reached, a segment entered), and the
 * pipeline processes those in turn, so that journeys can start on them.
 */
final class Pipeline {
  private final Profiles profiles;
  private final Arbiter arbiter;
  private final Deliveries deliveries;
  private final Interpreter interpreter;

  Pipeline(Profiles profiles, Arbiter arbiter, Deliveries deliveries, Interpreter interpreter) {
    this.profiles = profiles;
    this.arbiter = arbiter;
    this.deliveries = deliveries;
    this.interpreter = interpreter;
  }

  /** Applies every queued event in turn, each possibly queueing the events it causes. */
  void drain(Txn t) {
    for (Event ev = t.nextQueued(); ev != null; ev = t.nextQueued()) {
      t.processed.add(ev);
      profiles.record(t, ev);
      profiles.derive(t, ev, ev.time(), ev.id());
      arbiter.onEvent(t, ev);
      deliveries.onEvent(t, ev);
      interpreter.onEvent(t, ev);
    }
  }
}
