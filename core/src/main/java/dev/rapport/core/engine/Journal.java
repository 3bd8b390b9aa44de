package dev.rapport.core.engine;

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
  private static final java.util.concurrent.atomic.AtomicLong CALLS =
      new java.util.concurrent.atomic.AtomicLong();

  /** Starts a new call: an empty journal with a fresh call number. */
  Journal begin() {
    Arrays.fill(undos, 0, size, null);
    size = 0;
    call = CALLS.incrementAndGet();
    return this;
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
