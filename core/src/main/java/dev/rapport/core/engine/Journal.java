package dev.rapport.core.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The undo journal of one call: what each change to a customer's record overwrote, so that a
 * call that fails half-way puts the record back exactly as it was.
 *
 * <p>Design note. A record is changed in place while its customer's lock is held. Each change
 * first saves what it is about to lose, as a small {@link Undo}; most changes append (an event,
 * a contact, a history entry) and their undo only restores a length, so the journal costs a few
 * objects per call and copies no collection. {@link #rollback} runs the undos newest first;
 * {@link #clear} forgets them once the call committed. A record and its parts also remember
 * which call last saved them ({@link #call()}), so that a part touched many times in one call is
 * saved once.
 */
final class Journal {
  /** One change's inverse. */
  @FunctionalInterface
  interface Undo {
    /** Puts back what the change overwrote. */
    void undo();
  }

  private Undo[] undos = new Undo[16];
  private int size;
  private long call;
  /**
   * The next block of call numbers to hand out. Numbers must differ between every two calls of
   * the process (a part remembers the call that saved it, and any thread may be the next to
   * touch it), but a thread takes them a block at a time: one shared increment per
   * {@value #BLOCK} calls rather than one per call, which every thread would contend for.
   */
  private static final java.util.concurrent.atomic.AtomicLong CALLS =
      new java.util.concurrent.atomic.AtomicLong();
  static final int BLOCK = 1024;
  /** This thread's next number and the end of its block. */
  private long nextCall;
  private long blockEnd;

  /** Whether a call holds this journal (its thread's) now. */
  private boolean open;

  /**
   * Starts a new call: an empty journal with a fresh call number.
   *
   * @throws IllegalStateException if a call of this thread holds the journal: the host's code
   *     that runs inside a call (a condition, a segment, a persona, a moment, a metric, a score,
   *     a custom step, a propensity model) called the engine; that call would have wiped the
   *     undo entries of the call around it and held a second customer while holding the first
   */
  Journal begin() {
    if (open) {
      throw new IllegalStateException("the engine was called from inside one of its own calls "
          + "on this thread: conditions, segments, personas, moments, metrics, scores, custom "
          + "steps and propensity models run while their customer is held and must not call the "
          + "engine; "
          + "read what they need from the Customer they are given, or call the engine from the "
          + "dispatcher or a listener, which run after the call");
    }
    open = true;
    Arrays.fill(undos, 0, size, null);
    size = 0;
    if (nextCall == blockEnd) {
      nextCall = CALLS.getAndAdd(BLOCK) + 1; // numbers start at 1: 0 is "never saved"
      blockEnd = nextCall + BLOCK;
    }
    call = nextCall++;
    return this;
  }

  /** Ends the call that began the journal, however it ended: the thread may begin another. */
  void end() {
    open = false;
  }

  /** The transaction this thread's last finished call gave back, or null. */
  private Txn spare;

  /**
   * A transaction for a call on this thread: the one the last finished call gave back, readied
   * as new, or a new one. A call that runs while another's transaction is still in use (a
   * dispatcher calling the engine after a call) finds none spare and makes its own.
   */
  Txn reuse(CustomerRecord rec, boolean created, Instant now, Duration retention, Names names,
      dev.rapport.core.EngagementModel engagement) {
    Txn t = spare;
    if (t == null) {
      return new Txn(rec, created, this, now, retention, names, engagement);
    }
    spare = null;
    t.init(rec, created, this, now, retention, names, engagement);
    return t;
  }

  /**
   * Takes back a call's transaction once nothing reads it any more, for the next call on this
   * thread; what it held is let go at once, so a spare keeps no customer's data alive.
   */
  void giveBack(Txn t) {
    t.release();
    spare = t;
  }

  /** The current call's number: parts saved in this call carry it. */
  long call() {
    return call;
  }

  private boolean rollingBack;

  /** Records the inverse of a change about to be made; ignored while rolling back. */
  void save(Undo undo) {
    if (rollingBack) {
      return;
    }
    if (size == undos.length) {
      undos = Arrays.copyOf(undos, size * 2);
    }
    undos[size++] = undo;
  }

  /** Undoes every change of the call, newest first, and empties the journal. */
  void rollback() {
    rollingBack = true;
    try {
      for (int i = size - 1; i >= 0; i--) {
        undos[i].undo();
        undos[i] = null;
      }
    } finally {
      rollingBack = false;
      size = 0;
    }
  }

  /** Forgets the call's changes: they are committed. */
  void clear() {
    Arrays.fill(undos, 0, size, null);
    size = 0;
  }

  /** Whether the call changed anything. */
  boolean isEmpty() {
    return size == 0;
  }
}
