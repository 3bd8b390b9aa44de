package dev.rapport.kafka.streams;

import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * What runs in one stream task, apart from Kafka Streams' own plumbing: an ordinary engine over
 * the task's {@link TaskStateStore}, its clock (the task's time), and the order in which a record,
 * a tick and a punctuation reach it.
 *
 * <p>Design note. The engine's clock is the task's time: the largest timestamp of the input
 * records the task has processed (kept in its store, so a restarted task goes on from it), never
 * the wall clock. Before a record of customer c at time t, the engine advances to t: first the
 * due timers of every customer, in due order, within the sweep's budget; then, whatever the
 * budget left, every timer of c due by t. So a customer always sees their own timers and events
 * in time order, exactly as an in-process host that calls {@code advanceTo(t)} then {@code
 * track(...)}; and, while no backlog outgrows the budget, every customer's timers fire in the
 * same global order as in process too. A punctuation works off what a spent budget left, a
 * budget at a time, publishes the measures this partition changed, and, when other partitions
 * published, has the engine reload the measures and guardrail states.
 */
final class TaskRuntime {
  /** Where the task's output goes: the dispatch topic and the measures topic. */
  interface Sink {
    /**
     * Writes a dispatch.
     *
     * @param dispatch the dispatch
     */
    void dispatch(Dispatch dispatch);

    /**
     * Writes a measure of this partition: its global key and value (null when deleted).
     *
     * @param key the key
     * @param value the value, or null
     */
    void measure(Bytes key, byte[] value);
  }

  private final TaskStateStore store;
  private final Engine engine;
  private final Sink sink;
  private final int timersPerSweep;
  private final List<Dispatch> held = new ArrayList<>();
  private boolean active;
  private long remoteSeen;

  /**
   * Builds the task's engine on its store.
   *
   * @param definitions the host's engine definitions
   * @param local the task's key-value store
   * @param global the measures every partition published, or null
   * @param partition the task's partition
   * @param timersPerSweep the most customers whose timers one sweep fires
   * @param sink where output goes
   */
  TaskRuntime(Consumer<Engine.Builder> definitions, KeyValueStore<Bytes, byte[]> local,
      ReadOnlyKeyValueStore<Bytes, byte[]> global, int partition, int timersPerSweep,
      Sink sink) {
    this.store = new TaskStateStore(local, global, partition);
    this.sink = sink;
    this.timersPerSweep = timersPerSweep;
    this.engine = RapportTopology.engine(definitions, b -> b.clock(new TaskClock(store, ZoneOffset.UTC))
        .stateStore(store).dispatcher(this::dispatch));
  }

  /** The task's engine: for tests and benchmarks of this package. */
  Engine engine() {
    return engine;
  }

  /** The task's store: for tests of this package. */
  TaskStateStore store() {
    return store;
  }

  /**
   * Runs one input record of a customer: advances to its time, then hands it to the handler.
   *
   * @param customer the record's key
   * @param timestamp the record's timestamp, epoch milliseconds
   * @param handler what the record asks
   */
  void input(String customer, long timestamp, Consumer<CustomerCalls> handler) {
    begin();
    try {
      advance(timestamp);
      store.onlyDueOf(customer);
      try {
        engine.advanceTo(now());
      } finally {
        store.allDue();
      }
      handler.accept(new EngineCalls(engine, customer, Instant.ofEpochMilli(timestamp)));
    } finally {
      active = false;
    }
  }

  /**
   * Runs a tick: moves the task's time on without any customer's input.
   *
   * @param timestamp the tick's timestamp, epoch milliseconds
   */
  void tick(long timestamp) {
    begin();
    try {
      advance(timestamp);
    } finally {
      active = false;
    }
  }

  /**
   * Runs a punctuation: fires what the last sweeps left due (within one budget), publishes the
   * measures this partition changed, and, if other partitions published since the last one,
   * makes the engine reload the measures and the guardrails' states.
   *
   * @param remote how many measures the other partitions published so far
   * @return whether timers are still due after this sweep
   */
  boolean punctuate(long remote) {
    begin();
    try {
      boolean more = sweep();
      store.publish(sink::measure);
      if (remote != remoteSeen) {
        remoteSeen = remote;
        store.remoteChanged();
        engine.guardrails(); // reloads what changed, and the pauses other partitions imposed
      }
      return more;
    } finally {
      active = false;
    }
  }

  /** Publishes the measures this partition changed: for tests of this package. */
  void publish() {
    store.publish(sink::measure);
  }

  private void begin() {
    active = true;
    if (!held.isEmpty()) {
      List<Dispatch> out = new ArrayList<>(held);
      held.clear();
      out.forEach(sink::dispatch);
    }
  }

  /** Moves the task's time to a timestamp, if later, and sweeps up to it. */
  private void advance(long timestamp) {
    if (timestamp > store.time()) {
      store.time(timestamp);
    }
    sweep();
  }

  /** Fires due timers up to the task's time, within one budget; true if some are left. */
  private boolean sweep() {
    boolean spent;
    store.dueBudget(timersPerSweep);
    try {
      engine.advanceTo(now());
      spent = store.budgetSpent();
    } finally {
      store.allDue();
    }
    return spent && !store.due(now(), 1).isEmpty();
  }

  private Instant now() {
    long t = store.time();
    return t == Long.MIN_VALUE ? Instant.EPOCH : Instant.ofEpochMilli(t);
  }

  /**
   * The engine's dispatcher: to the dispatch topic, or, outside a record or a punctuation (the
   * engine hands over its outbox when it is built, in the task's init), held until the next one.
   */
  private void dispatch(Dispatch d) {
    if (active) {
      sink.dispatch(d);
    } else {
      held.add(d);
    }
  }

  /** The engine's clock: the task's time. */
  private static final class TaskClock extends Clock {
    private final TaskStateStore store;
    private final ZoneId zone;

    TaskClock(TaskStateStore store, ZoneId zone) {
      this.store = store;
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return new TaskClock(store, zone);
    }

    @Override
    public Instant instant() {
      long t = store.time();
      return t == Long.MIN_VALUE ? Instant.EPOCH : Instant.ofEpochMilli(t);
    }
  }
}
