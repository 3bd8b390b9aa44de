package dev.rapport.core.engine;

import dev.rapport.core.Customer;
import dev.rapport.core.CustomerId;
import dev.rapport.core.Event;
import dev.rapport.core.engine.CustomerState;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Failure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One engine call's work on one customer: the state as it evolves, the engine's time for the
 * call, the events still to process, the dispatches to hand to the host once the state is
 * stored, and the counters to add then. Nothing here is visible outside until the call commits.
 */
final class Txn {
  final CustomerId id;
  final Duration retention;
  final CustomerState before;
  CustomerState state;
  Instant now;
  final Deque<Event> queue = new ArrayDeque<>(4);
  final List<Dispatch> dispatches = new ArrayList<>();
  final List<Runnable> onCommit = new ArrayList<>();
  /** Host code to run once the call has committed, outside the lock (model observations). */
  final List<Runnable> callbacks = new ArrayList<>(0);
  /** Failures of host code met during the call, told to the failure listener after commit. */
  final List<Failure> failures = new ArrayList<>(0);
  final List<Event> processed = new ArrayList<>();
  /** What the call adds to the measures, computed before the state is stored. */
  MetricsRuntime.Observation observation;
  /** A dispatch whose contact was taken back because the dispatcher threw for it, or null. */
  String uncharged;
  /** What the call's work returned. */
  Object result;
  int tracked;
  int duplicates;
  int emitted;
  int conditionFailures;
  int ruleFailures;
  int decisions;
  int modelFailures;
  boolean identified;
  boolean overflowed;

  Txn(CustomerState state, Instant now, Duration retention) {
    this.id = state.id();
    this.before = state;
    this.state = state;
    this.now = now;
    this.retention = retention;
  }

  private CustomerView view;

  /** Returns the view of the customer as the call has changed it so far. */
  Customer view() {
    // views are immutable snapshots: one per state, however many conditions read it
    if (view == null || view.state() != state || !view.now().equals(now)) {
      view = new CustomerView(state, now, retention);
    }
    return view;
  }

  /** Queues a counter change, applied only if the call's state is stored. */
  void count(Runnable change) {
    onCommit.add(change);
  }

  /** Queues host code to run after the call committed, outside the customer's lock. */
  void callback(Runnable hostCode) {
    callbacks.add(hostCode);
  }

  /** Notes a failure of host code, for the failure listener. */
  void failed(Failure.Kind kind, String source, RuntimeException ex) {
    failures.add(new Failure(kind, source, java.util.Optional.of(id), java.util.Optional.empty(),
        now, ex));
  }
}
