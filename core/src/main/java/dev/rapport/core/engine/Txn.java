package dev.rapport.core.engine;

import dev.rapport.core.CustomerId;
import dev.rapport.core.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * One engine call's work on one customer: the record it changes in place (with the journal that
 * can undo it), the engine's time for the call, the events still to process, the dispatches to
 * hand to the host once the record is stored, and the counters to add then. Nothing here is
 * visible outside until the call commits.
 */
final class Txn {
  private static final long[] NO_DELTAS = new long[0];
  CustomerId id;
  Duration retention;
  /** The engine's engagement model, which the customer's view asks for their lapse risk. */
  dev.rapport.core.EngagementModel engagement;
  Names names;
  /** The customer's record, changed in place; {@link #journal} can undo every change. */
  CustomerRecord rec;
  Journal journal;
  /** Whether the record is new in this call (the customer had none). */
  boolean created;
  Instant now;
  long nowNanos;
  /**
   * The events still to process, in order: the next one, then the others (a deque made only when
   * a second waits, which few calls need; a decision queues none).
   */
  private Event next;
  private Deque<Event> queue;
  /** The dispatches to hand over after the commit, in order. */
  final ArrayList<Dispatch> dispatches = new ArrayList<>();
  /** Counter additions, as key and delta pairs, applied when the call commits. */
  final ArrayList<String> counterKeys = new ArrayList<>();
  long[] counterDeltas = NO_DELTAS;
  /** Failures of host code met during the call, told to the failure listener after commit. */
  final ArrayList<Failure> failures = new ArrayList<>();
  /** The events processed so far, in order (the pipeline adds each). */
  final ArrayList<Event> processed = new ArrayList<>();
  /** What the call adds to the measures, computed before the record is stored. */
  MetricsRuntime.Observation observation;
  /** A dispatch whose contact was taken back because the dispatcher threw for it, or null. */
  String uncharged;
  /** What the call's work returned. */
  Object result;
  /** The standing before the call, for the distributions: engagement and stage ordinals. */
  int engagementBefore;
  int stageBefore;
  int tracked;
  int duplicates;
  int emitted;
  int conditionFailures;
  int ruleFailures;
  int decisions;
  int modelFailures;
  boolean identified;
  /** How many refusals to keep per customer, and how long; set by the engine's calls. */
  RefusalRetention refusalRetention = RefusalRetention.ofDefaults();
  /** Refusals the retention dropped in this call. */
  int refusalsForgotten;
  /** The journey and step whose decide step is deciding, named in the decision's refusals. */
  String decidingJourney;
  String decidingStep;
  boolean overflowed;
  /** Set when the record was deleted in this call (forget). */
  boolean deleted;
  /** The call's revenue events and what each did, or null: for the value metrics. */
  List<ValueRuntime.Sold> sales;
  /** The memberships before the call changed them, or null while it has not. */
  long[] personasBefore;
  long[] segmentsBefore;

  Txn(CustomerRecord rec, boolean created, Journal journal, Instant now, Duration retention,
      Names names, dev.rapport.core.EngagementModel engagement) {
    init(rec, created, journal, now, retention, names, engagement);
  }

  /**
   * Readies this object for a call, exactly as the constructor leaves a new one: a thread reuses
   * its last call's transaction ({@link Journal#reuse}) rather than making one per call. Every
   * field is set here or emptied by {@link #release}; {@code TxnReuseTest} fails if one is added
   * and left out. The lists (events
   * processed, dispatches, failures, counter keys) are kept and emptied, and so is the counters'
   * delta array, of which only the entries below the number of keys are ever read.
   */
  void init(CustomerRecord rec, boolean created, Journal journal, Instant now,
      Duration retention, Names names, dev.rapport.core.EngagementModel engagement) {
    release();
    this.id = rec.id;
    this.rec = rec;
    this.created = created;
    this.journal = journal;
    this.now = now;
    this.nowNanos = Times.of(now);
    this.retention = retention;
    this.names = names;
    this.engagement = engagement;
    this.engagementBefore = rec.engagementOrdinal();
    this.stageBefore = rec.stageOrdinal();
  }

  /**
   * Lets go of what the call held (the record, its events, its result, the engine's parts):
   * every reference dropped, every list emptied, every count zero. What a call is about
   * (customer, record, time, the engine's parts) is {@link #init}'s to set.
   */
  void release() {
    id = null;
    rec = null;
    journal = null;
    created = false;
    now = null;
    nowNanos = 0;
    retention = null;
    names = null;
    engagement = null;
    engagementBefore = 0;
    stageBefore = 0;
    next = null;
    queue = null;
    dispatches.clear();
    counterKeys.clear();
    failures.clear();
    processed.clear();
    observation = null;
    uncharged = null;
    result = null;
    tracked = 0;
    duplicates = 0;
    emitted = 0;
    conditionFailures = 0;
    ruleFailures = 0;
    decisions = 0;
    modelFailures = 0;
    identified = false;
    refusalRetention = RefusalRetention.ofDefaults();
    refusalsForgotten = 0;
    decidingJourney = null;
    decidingStep = null;
    overflowed = false;
    deleted = false;
    sales = null;
    personasBefore = null;
    segmentsBefore = null;
    view = null;
  }

  private RecordView view;

  /**
   * Keeps a refusal in the customer's record (names only: no text is built), dropping what the
   * retention no longer keeps and counting it.
   */
  void refused(String action, dev.rapport.core.policy.Reason reason,
      dev.rapport.core.Channel channel, String journey, String step, String placement,
      int attempt) {
    long age = refusalRetention.maxAgeNanos();
    long cutoff = nowNanos - age > nowNanos ? Long.MIN_VALUE : nowNanos - age;
    refusalsForgotten += rec.addRefusal(new RefusalEntry(nowNanos, action, reason, channel,
        journey, step, placement, attempt), cutoff, refusalRetention.perCustomer());
  }

  /** Returns the view of the customer as the call has changed it so far. */
  RecordView view() {
    // the view reads the live record: one per instant, however many conditions read it
    if (view == null || view.nowNanos() != nowNanos) {
      view = new RecordView(rec, names, nowNanos, retention, engagement);
    }
    return view;
  }

  /** Queues an event to process after those queued before it. */
  void enqueue(Event event) {
    if (next == null && (queue == null || queue.isEmpty())) {
      next = event;
      return;
    }
    if (queue == null) {
      queue = new ArrayDeque<>(4);
    }
    queue.add(event);
  }

  /** The next event to process, or null when none is queued. */
  Event nextQueued() {
    Event e = next;
    if (e != null) {
      next = null;
      return e;
    }
    return queue == null ? null : queue.poll();
  }

  /** Moves the call's time (a timer fires at its own due time). */
  void at(Instant instant) {
    this.now = instant;
    this.nowNanos = Times.of(instant);
  }

  /** Whether the call changed the record (or deleted it). */
  boolean changed() {
    return deleted || !journal.isEmpty();
  }

  /** Adds to an engine-wide counter, applied only if the call commits. */
  void count(String key, long delta) {
    int n = counterKeys.size();
    if (n == counterDeltas.length) {
      // a call that counts usually counts a dozen things: room for 16 at once, not 4, 8, 16
      int room = Math.max(16, n * 2);
      counterDeltas = java.util.Arrays.copyOf(counterDeltas, room);
      counterKeys.ensureCapacity(room);
    }
    counterKeys.add(key);
    counterDeltas[n] = delta;
  }

  /** Notes a failure of host code, for the failure listener. */
  void failed(Failure.Kind kind, String source, RuntimeException ex) {
    failures.add(new Failure(kind, source, Optional.of(id), Optional.empty(), now, ex));
  }
}
