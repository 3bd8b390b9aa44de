package dev.rapport.core.engine;

import dev.rapport.core.CustomerId;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call machinery: how one engine call on one customer runs. The customer's record is read
 * in a store transaction (which holds the customer), changed in place by the call's work with
 * every change saved in an undo journal, and committed with the call's counters, measures and
 * dispatches (the outbox), all or nothing; a failure rolls the record back, a conflict with
 * another engine runs the work again. Once the transaction is closed, the host's callbacks run,
 * outside every lock: the dispatcher (then the dispatch is marked delivered), the guardrail
 * listeners, the failure listener. The engine's statistics are counted here, as calls commit.
 */
final class Calls {
  private static final int MAX_CONFLICT_RETRIES = 1_000;

  /** One journal per thread, reused by every call the thread makes (calls never nest). */
  private static final ThreadLocal<Journal> JOURNALS = ThreadLocal.withInitial(Journal::new);

  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  private final StateStore store;
  private final Names names;
  private final RecordCodec codec;
  private final Duration retention;
  private final dev.rapport.core.EngagementModel engagement;
  private final MetricsRuntime metrics;
  private final Deliveries deliveries;
  private final Conditions conditions;
  private final Pipeline pipeline;
  private final Dispatcher dispatcher;
  private final FailureListener failureListener;
  private final java.util.function.Supplier<Instant> clock;

  private final LongAdder tracked = new LongAdder();

  private final LongAdder duplicates = new LongAdder();

  private final LongAdder emitted = new LongAdder();

  private final LongAdder identifies = new LongAdder();

  private final LongAdder conditionFailures = new LongAdder();

  private final LongAdder conflictRetries = new LongAdder();

  private final LongAdder dispatches = new LongAdder();

  private final LongAdder dispatchFailures = new LongAdder();

  private final LongAdder timersFired = new LongAdder();

  private final LongAdder decisions = new LongAdder();

  private final LongAdder ruleFailures = new LongAdder();

  private final LongAdder listenerFailures = new LongAdder();

  private final LongAdder modelFailures = new LongAdder();

  private final LongAdder redelivered = new LongAdder();

  private final LongAdder refusalsForgotten = new LongAdder();

  /** How many refusals each customer's record keeps, and how long. */
  private final RefusalRetention refusalRetention;

  /** Where a metric's definition that threw is told: the one condition runner. */
  private final MetricsRuntime.FailureSink metricFailed;

  Calls(StateStore store, Names names, Duration retention, RefusalRetention refusalRetention,
      dev.rapport.core.EngagementModel engagement, MetricsRuntime metrics,
      Deliveries deliveries, Conditions conditions, Pipeline pipeline, Dispatcher dispatcher,
      FailureListener failureListener, java.util.function.Supplier<Instant> clock) {
    this.store = store;
    this.names = names;
    this.codec = new RecordCodec(names);
    this.retention = retention;
    this.refusalRetention = refusalRetention;
    this.engagement = engagement;
    this.metrics = metrics;
    this.deliveries = deliveries;
    this.conditions = conditions;
    this.pipeline = pipeline;
    this.dispatcher = dispatcher;
    this.failureListener = failureListener;
    this.clock = clock;
    this.metricFailed = (t, metric, ex) -> conditions.failed("metric", metric, ex, t);
  }

  /**
   * Runs one call on a customer: its work on the customer's record, in one store transaction
   * (retried on a conflict with another engine); then, once the transaction is closed and the
   * customer released, the host's callbacks (dispatcher, guardrail and failure listeners). Nothing
   * the host can observe changes unless the whole work succeeded, and no host code runs while a
   * customer is held, so a dispatcher may call the engine for any customer without a deadlock.
   */
  <R> R call(CustomerId id, Instant now, Function<Txn, R> step) {
    Txn t = update(id, now, step);
    afterCommit(t);
    @SuppressWarnings("unchecked")
    R result = (R) t.result;
    JOURNALS.get().giveBack(t); // nothing reads it now: the next call on this thread reuses it
    return result;
  }

  /**
   * Runs read-only work on a customer: their record as stored (or a new, empty one), under
   * their lock, nothing written or counted. The work must not change the record.
   */
  <R> R read(CustomerId id, Instant now, Function<Txn, R> work) {
    Journal journal = JOURNALS.get().begin();
    try (StateStore.Transaction tx = store.begin(id)) {
      Optional<StateStore.Versioned<CustomerRecord>> stored = tx.read(codec);
      CustomerRecord rec = stored.isPresent() ? ours(stored.get().value()) : newRecord(id);
      rec.begin(journal);
      Txn t = new Txn(rec, stored.isEmpty(), journal, now, retention, names, engagement);
      t.refusalRetention = refusalRetention;
      try {
        return work.apply(t);
      } finally {
        journal.rollback(); // read-only: whatever was touched (impressions of a preview) goes
      }
    } finally {
      journal.end();
    }
  }

  /**
   * Returns a customer's record as stored, encoded, with its version: what tests compare to
   * show that a call changed nothing.
   */
  Optional<StateStore.Versioned<byte[]>> stored(CustomerId id) {
    try (StateStore.Transaction tx = store.begin(id)) {
      return tx.read(codec).map(v -> new StateStore.Versioned<>(codec.encode(ours(v.value())),
          v.version()));
    }
  }

  /**
   * The record in this engine's terms: a record another engine left in a shared in-memory store
   * numbers event types as that engine met them, so it is translated through the codec.
   */
  private CustomerRecord ours(CustomerRecord rec) {
    return rec.names == names ? rec : codec.decode(new RecordCodec(rec.names).encode(rec));
  }

  private CustomerRecord newRecord(CustomerId id) {
    return new CustomerRecord(id, names);
  }

  /** How a merge makes the survivor's new record from the two it holds. */
  interface Merger {
    CustomerRecord merge(CustomerRecord into, CustomerRecord from, long fromFingerprint);
  }

  private static long fingerprint(byte[] bytes) {
    dev.rapport.core.internal.Murmur3 h = new dev.rapport.core.internal.Murmur3();
    for (byte b : bytes) {
      h.putByte(b);
    }
    return h.hash();
  }

  /**
   * The counter that marks a forgotten customer, by the fingerprint of their id (not the id): what
   * lets a merge into them be refused.
   */
  static String forgottenKey(CustomerId id) {
    return "customer/forgotten/" + Long.toHexString(Fingerprints.of(id.value()));
  }

  /**
   * Merges one customer into another: both held at once (begun in the order of their ids), the
   * survivor written with the merged record, then the other deleted, with the measures moved.
   * The survivor's record remembers a fingerprint of the record it took in (of its bytes: a
   * store's version numbers start again when a deleted record comes back): a merge whose second
   * commit did not happen (a crash, on a durable store) is finished by the next merge call, not
   * done twice. Returns false when the other customer has no record (never seen, or merged
   * already).
   *
   * @throws IllegalStateException if the survivor was forgotten and has no record
   */
  boolean merge(CustomerId from, CustomerId into, Instant now, Merger merger) {
    boolean fromFirst = from.value().compareTo(into.value()) < 0;
    for (int attempt = 0; ; attempt++) {
      Journal journal = JOURNALS.get().begin();
      try (StateStore.Transaction first = store.begin(fromFirst ? from : into);
          StateStore.Transaction second = store.begin(fromFirst ? into : from)) {
        StateStore.Transaction txFrom = fromFirst ? first : second;
        StateStore.Transaction txInto = fromFirst ? second : first;
        Optional<StateStore.Versioned<CustomerRecord>> storedFrom = txFrom.read(codec);
        Optional<StateStore.Versioned<CustomerRecord>> storedInto = txInto.read(codec);
        if (storedFrom.isEmpty()) {
          return false;
        }
        if (storedInto.isEmpty() && store.counter(forgottenKey(into)) > 0) {
          throw new IllegalStateException("merge(from, into): the surviving customer was "
              + "forgotten; a forgotten customer's data must not come back through a merge: "
              + "merge into another id, or forget the other customer too");
        }
        CustomerRecord fromRec = ours(storedFrom.get().value());
        CustomerRecord intoRec = storedInto.isPresent() ? ours(storedInto.get().value())
            : newRecord(into);
        long fromPrint = fingerprint(codec.encode(fromRec));
        fromRec.begin(journal);
        intoRec.begin(journal);
        Txn tFrom = new Txn(fromRec, false, journal, now, retention, names, engagement);
        Txn tInto = new Txn(intoRec, storedInto.isEmpty(), journal, now, retention, names,
            engagement);
        Long taken = intoRec.mergedFrom().get(from.value());
        boolean finishing = taken != null && taken == fromPrint;
        try {
          long intoStamp = 0;
          if (finishing) {
            metrics.forget(tFrom); // the survivor holds it already: only the delete is left
          } else {
            CustomerRecord merged = merger.merge(intoRec, fromRec, fromPrint);
            metrics.merge(tFrom, tInto, merged);
            long due = merged.nextDue();
            txInto.write(merged, codec, due == Times.NONE ? Optional.empty()
                : Optional.of(Times.instant(due)));
            for (int i = 0; i < tInto.counterKeys.size(); i++) {
              txInto.add(tInto.counterKeys.get(i), tInto.counterDeltas[i]);
            }
            intoStamp = txInto.commit();
          }
          txFrom.delete();
          for (int i = 0; i < tFrom.counterKeys.size(); i++) {
            txFrom.add(tFrom.counterKeys.get(i), tFrom.counterDeltas[i]);
          }
          if (tFrom.observation != null) {
            // the merged-away customer leaves the score distributions
            metrics.cells(tFrom.observation, txFrom);
          }
          long fromStamp = txFrom.commit();
          journal.clear();
          if (!finishing) {
            commit(tInto, intoStamp);
          }
          commit(tFrom, fromStamp);
          return true;
        } catch (StateStore.ConflictException conflict) {
          journal.rollback();
          conflictRetries.increment();
          if (attempt >= MAX_CONFLICT_RETRIES) {
            throw new ConcurrentModificationException("the state store kept reporting "
                + "concurrent changes to a customer being merged after " + attempt
                + " retries; check that no other writer bypasses the engine", conflict);
          }
        } catch (RuntimeException | Error failure) {
          journal.rollback();
          throw failure;
        }
      } finally {
        journal.end();
      }
    }
  }

  /**
   * Runs a call's work on a customer's record and commits it with its counters and measures;
   * rolls the record back if anything fails, and runs the work again on a conflict.
   */
  private Txn update(CustomerId id, Instant now, Function<Txn, ?> step) {
    for (int attempt = 0; ; attempt++) {
      Journal journal = JOURNALS.get().begin();
      Txn t;
      long stamp;
      try (StateStore.Transaction tx = store.begin(id)) {
        Optional<StateStore.Versioned<CustomerRecord>> stored = tx.read(codec);
        CustomerRecord rec = stored.isPresent() ? ours(stored.get().value()) : newRecord(id);
        rec.begin(journal);
        t = journal.reuse(rec, stored.isEmpty(), now, retention, names, engagement);
        t.refusalRetention = refusalRetention;
        try {
          t.result = step.apply(t);
          if (t.deleted) {
            tx.delete();
          } else if (t.changed() || !t.processed.isEmpty() || !t.dispatches.isEmpty()) {
            // the host's metric definitions run now, before anything is stored
            t.observation = metrics.prepare(t, metricFailed);
            if (!journal.isEmpty()) {
              long due = rec.nextDue();
              tx.write(rec, codec, due == Times.NONE ? Optional.empty()
                  : Optional.of(Times.instant(due)));
            }
          }
          for (int i = 0; i < t.counterKeys.size(); i++) {
            tx.add(t.counterKeys.get(i), t.counterDeltas[i]);
          }
          for (int i = 0; i < t.dispatches.size(); i++) {
            Dispatch d = t.dispatches.get(i);
            tx.enqueue(d.id(), d, DispatchCodec.INSTANCE);
          }
          if (t.observation != null) {
            metrics.cells(t.observation, tx);
          }
          stamp = tx.commit();
        } catch (StateStore.ConflictException conflict) {
          journal.rollback();
          conflictRetries.increment();
          if (attempt >= MAX_CONFLICT_RETRIES) {
            throw new ConcurrentModificationException("the state store kept reporting "
                + "concurrent changes to one customer after " + attempt + " retries; check that "
                + "no other writer bypasses the engine", conflict);
          }
          continue;
        } catch (RuntimeException | Error failure) {
          journal.rollback();
          throw failure;
        }
        journal.clear();
        commit(t, stamp);
      } finally {
        journal.end();
      }
      return t;
    }
  }

  /** Applies a committed call's statistics and measures; nothing here runs the host's code. */
  private void commit(Txn t, long stamp) {
    add(tracked, t.tracked);
    add(duplicates, t.duplicates);
    add(emitted, t.emitted);
    add(conditionFailures, t.conditionFailures);
    add(decisions, t.decisions);
    add(ruleFailures, t.ruleFailures);
    add(modelFailures, t.modelFailures);
    add(refusalsForgotten, t.refusalsForgotten);
    if (t.identified) {
      identifies.increment();
    }
    boolean measured = !t.counterKeys.isEmpty()
        || (t.observation != null && !t.observation.cellKeys.isEmpty());
    if (measured || (t.observation != null && !t.observation.deltas.isEmpty())) {
      metrics.apply(t.observation, t.now, stamp, measured);
    }
  }

  /** Adds to a statistic; most of a call's are zero, which costs nothing. */
  private static void add(LongAdder adder, long delta) {
    if (delta != 0) {
      adder.add(delta);
    }
  }

  /**
   * What follows a committed call, outside every lock: its dispatches to the host, the guardrail
   * listeners, the failure listener.
   */
  private void afterCommit(Txn t) {
    for (int i = 0; i < t.dispatches.size(); i++) {
      deliver(t, t.dispatches.get(i));
    }
    notifyGuardrailListeners();
    for (int i = 0; i < t.failures.size(); i++) {
      tell(t.failures.get(i));
    }
  }

  /**
   * Hands one dispatch to the host. A dispatcher that throws gets the dispatch recorded as
   * failed: the contact is taken back (a message that was not handed over costs no cap), a
   * {@code delivery_failed} event is recorded, and the message falls back to its next channel.
   */
  private void deliver(Txn t, Dispatch d) {
    deliver(d, t.now);
  }

  private void deliver(Dispatch d, Instant now) {
    dispatches.increment();
    try {
      dispatcher.dispatch(d);
      store.delivered(d.id());
      return;
    } catch (RuntimeException ex) {
      store.delivered(d.id()); // recorded as failed below: it is not handed over again
      dispatchFailures.increment();
      LOG.warn("dispatcher threw {} for a dispatch of action '{}' via {}; recorded as failed "
          + "(counted in statistics().dispatchFailures(); details through "
          + "Engine.builder().failureListener)", ex.getClass().getName(), d.action().name(),
          d.channel());
      LOG.debug("dispatcher failure for dispatch {}", d.id(), ex);
      tell(new Failure(Failure.Kind.DISPATCHER, dispatcher.getClass().getName(),
          Optional.of(d.customer()), Optional.of(d.id()), now, ex));
      Instant at = now;
      call(d.customer(), at, f -> {
        deliveries.onDispatchFailure(f, d);
        Event failure = Event.builder(d.customer(), EventTypes.DELIVERY_FAILED)
            .id("dispatcher-error:" + d.id())
            .with(EventTypes.DISPATCH_ID, d.id())
            .with(EventTypes.CHANNEL, d.channel().name())
            .with("error", ex.getClass().getName())
            .at(at);
        long fingerprint = Fingerprints.of(failure.id());
        if (f.rec.markSeen(fingerprint)) {
          f.enqueue(failure);
          pipeline.drain(f);
        }
        return null;
      });
    }
  }

  void notifyGuardrailListeners() {
    metrics.notifyListeners((listener, ex) -> {
      listenerFailures.increment();
      LOG.warn("guardrail listener {} threw {}; ignored (counted in "
          + "statistics().listenerFailures(); details through Engine.builder().failureListener)",
          listener.getClass().getName(), ex.getClass().getName());
      LOG.debug("guardrail listener failure", ex);
      tell(new Failure(Failure.Kind.GUARDRAIL_LISTENER, listener.getClass().getName(),
          Optional.empty(), Optional.empty(), clock.get(), ex));
    });
  }

  /** Tells the failure listener, if any; a listener that throws is counted and ignored. */
  private void tell(Failure f) {
    if (failureListener == null) {
      return;
    }
    try {
      failureListener.onFailure(f);
    } catch (RuntimeException ex) {
      listenerFailures.increment();
      LOG.warn("failure listener threw {}; ignored (counted in statistics().listenerFailures())",
          ex.getClass().getName());
      LOG.debug("failure listener failure", ex);
    }
  }

  /**
   * Hands over again what the store's outbox holds undelivered: dispatches committed before a
   * crash and not marked delivered since. Run once, when the engine is built.
   */
  int recoverOutbox() {
    int handed = 0;
    for (List<Dispatch> batch = store.undelivered(DispatchCodec.INSTANCE, 256);
        !batch.isEmpty(); batch = store.undelivered(DispatchCodec.INSTANCE, 256)) {
      for (Dispatch d : batch) {
        deliver(d, clock.get());
        handed++;
      }
    }
    if (handed > 0) {
      redelivered.add(handed);
      LOG.warn("handed over {} dispatches that the state store's outbox held undelivered (a "
          + "previous engine stopped between a commit and its hand-over); their ids are the "
          + "same as before, so a host that deduplicates by id sees each once", handed);
    }
    return handed;
  }

  RecordCodec codec() {
    return codec;
  }

  /** A copy of a customer's record as stored, for tests. */
  Optional<CustomerRecord> record(CustomerId id) {
    try (StateStore.Transaction tx = store.begin(id)) {
      return tx.read(codec).map(v -> ours(v.value()).copy());
    }
  }

  /** Counts the customers whose timers one advanceTo fired. */
  void timersFired(int fired) {
    timersFired.add(fired);
  }

  EngineStatistics statistics() {
    return new EngineStatistics(tracked.sum(), duplicates.sum(), emitted.sum(), identifies.sum(),
        conditionFailures.sum(), conflictRetries.sum(), dispatches.sum(), dispatchFailures.sum(),
        timersFired.sum(), decisions.sum(), ruleFailures.sum(), listenerFailures.sum(),
        modelFailures.sum(), redelivered.sum(), refusalsForgotten.sum());
  }
}
