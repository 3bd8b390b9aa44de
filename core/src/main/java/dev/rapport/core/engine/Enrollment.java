package dev.rapport.core.engine;

import dev.rapport.core.Properties;
import dev.rapport.core.journey.EnrollmentStatus;
import dev.rapport.core.journey.IllegalTransitionException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One customer's place in one journey: the runtime record of an enrollment, part of its
 * customer's {@link CustomerRecord}, changed in place within a call.
 *
 * <p>Every change goes through {@link #touch()}, which saves the enrollment's fields in the
 * call's journal the first time the call changes it, so that a failed call puts it back. Its
 * status moves only along {@link EnrollmentStatus}'s table of transitions; an illegal move
 * throws {@link IllegalTransitionException}.
 *
 * <p>History entries are packed into a long each (see {@code JourneyRuntime}); the most recent
 * ones are kept, up to the engine's bound. Instants are kept as nanoseconds ({@link Times}).
 */
final class Enrollment {
  private final CustomerRecord owner;
  private final String journey;
  private final int version;
  private final int sequence;
  private final boolean holdout;
  private final long enteredAt;
  private EnrollmentStatus status;
  private long endedAt;
  private int position;
  private long dueAt;
  private long gateDeadline;
  private String exitReason;
  private long[] history;
  private int historyLength;
  private List<String> arms;
  /** What a custom step keeps between its runs, 0 when it has just arrived. */
  private long memory;
  /** The call that last saved this enrollment in its journal. */
  private long saved;
  /**
   * The properties of the event that started the enrollment that its keyed waits read (none when
   * it has no wait keyed on that event).
   */
  private Properties entryKeys = Properties.of();
  /**
   * The key the awaited event must carry while the enrollment is at a keyed wait: null when it is
   * not, {@link #MISSING} when the key's source had no such property.
   */
  private Object waitKey;

  /** The key of a keyed wait whose source had no value: no event can meet it. */
  static final Object MISSING = new Object() {
    @Override
    public String toString() {
      return "(missing)";
    }
  };

  Enrollment(CustomerRecord owner, String journey, int version, int sequence,
      EnrollmentStatus status, boolean holdout, long enteredAt, long endedAt, int position,
      long dueAt, long gateDeadline, String exitReason, long[] history, List<String> arms) {
    this.owner = owner;
    this.journey = journey;
    this.version = version;
    this.sequence = sequence;
    this.status = status;
    this.holdout = holdout;
    this.enteredAt = enteredAt;
    this.endedAt = endedAt;
    this.position = position;
    this.dueAt = dueAt;
    this.gateDeadline = gateDeadline;
    this.exitReason = exitReason;
    this.history = history;
    this.historyLength = history.length;
    this.arms = arms;
  }

  /** Starts an enrollment, active at a position; it is new in this call, so nothing to save. */
  static Enrollment start(CustomerRecord owner, String journey, int version, int sequence,
      boolean holdout, long enteredAt, int position) {
    Enrollment e = new Enrollment(owner, journey, version, sequence, EnrollmentStatus.ACTIVE,
        holdout, enteredAt, Times.NONE, position, Times.NONE, Times.NONE, null, new long[4],
        List.of());
    e.historyLength = 0;
    e.saved = owner.call();
    return e;
  }

  /** A deep copy for another record: a snapshot, or a record read back. */
  Enrollment copyFor(CustomerRecord other) {
    Enrollment e = new Enrollment(other, journey, version, sequence, status, holdout, enteredAt,
        endedAt, position, dueAt, gateDeadline, exitReason,
        Arrays.copyOf(history, historyLength), arms);
    e.memory = memory;
    e.entryKeys = entryKeys;
    e.waitKey = waitKey;
    return e;
  }

  /** Saves the fields in the call's journal, once per call, before the first change. */
  private void touch() {
    long call = owner.call();
    if (saved == call) {
      return;
    }
    saved = call;
    EnrollmentStatus s = status;
    long ended = endedAt;
    int pos = position;
    long due = dueAt;
    long deadline = gateDeadline;
    String reason = exitReason;
    long[] h = history;
    int length = historyLength;
    List<String> a = arms;
    long m = memory;
    Object key = waitKey;
    owner.journal().save(() -> {
      memory = m;
      waitKey = key;
      status = s;
      endedAt = ended;
      position = pos;
      dueAt = due;
      gateDeadline = deadline;
      exitReason = reason;
      history = h;
      historyLength = length;
      arms = a;
      saved = 0;
    });
  }

  // ------------------------------------------------------------------ reading

  String journey() {
    return journey;
  }

  int version() {
    return version;
  }

  int sequence() {
    return sequence;
  }

  EnrollmentStatus status() {
    return status;
  }

  boolean holdout() {
    return holdout;
  }

  long enteredAtNanos() {
    return enteredAt;
  }

  Instant enteredAt() {
    return Times.instant(enteredAt);
  }

  long endedAtNanos() {
    return endedAt;
  }

  Optional<Instant> endedAt() {
    return Optional.ofNullable(Times.instantOrNull(endedAt));
  }

  int position() {
    return position;
  }

  long dueAtNanos() {
    return dueAt;
  }

  Optional<Instant> dueAt() {
    return Optional.ofNullable(Times.instantOrNull(dueAt));
  }

  long gateDeadlineNanos() {
    return gateDeadline;
  }

  Optional<String> exitReason() {
    return Optional.ofNullable(exitReason);
  }

  /** The history entries, oldest first (a copy). */
  long[] history() {
    return Arrays.copyOf(history, historyLength);
  }

  int historyLength() {
    return historyLength;
  }

  long historyEntry(int i) {
    return history[i];
  }

  List<String> arms() {
    return arms;
  }

  long memory() {
    return memory;
  }

  Properties entryKeys() {
    return entryKeys;
  }

  Object waitKey() {
    return waitKey;
  }

  /**
   * Keeps the properties of the enrolling event that keyed waits read: on an enrollment that has
   * just started (new in this call, so nothing to save), or one being read back.
   */
  Enrollment restoreKeys(Properties entry, Object wait) {
    entryKeys = entry;
    waitKey = wait;
    return this;
  }

  /** Sets the key the awaited event must carry at the keyed wait the enrollment is at. */
  Enrollment keyWait(Object key) {
    touch();
    waitKey = key;
    return this;
  }

  /** Sets the memory of an enrollment being read back, outside any call. */
  Enrollment restoreMemory(long value) {
    memory = value;
    return this;
  }

  /** Keeps a number for a custom step's next run. */
  Enrollment memory(long value) {
    if (value != memory) {
      touch();
      memory = value;
    }
    return this;
  }

  boolean isActive() {
    return !status.isFinal();
  }

  // ------------------------------------------------------------------ changing

  /** Adds a split arm the customer was assigned to. */
  Enrollment withArm(String arm) {
    touch();
    List<String> more = new ArrayList<>(arms.size() + 1);
    more.addAll(arms);
    more.add(arm);
    arms = List.copyOf(more);
    return this;
  }

  /**
   * Moves to another status; a final one ends the enrollment.
   *
   * @throws IllegalTransitionException if the move is not allowed
   */
  Enrollment moveTo(EnrollmentStatus to, String customer, long at, String reason) {
    if (!status.canMoveTo(to)) {
      throw new IllegalTransitionException(journey, customer, status, to);
    }
    touch();
    status = to;
    if (to.isFinal()) {
      endedAt = at;
      position = -1;
      dueAt = Times.NONE;
      gateDeadline = Times.NONE;
      exitReason = reason;
    } else if (to == EnrollmentStatus.ACTIVE) {
      dueAt = Times.NONE;
    }
    return this;
  }

  /** Moves to another step; a new step forgets the gate deadline of the one before. */
  Enrollment at(int newPosition) {
    touch();
    if (newPosition != position) {
      gateDeadline = Times.NONE;
      memory = 0;
      waitKey = null;
    }
    position = newPosition;
    return this;
  }

  /**
   * Waits until an instant, at the same step.
   *
   * @throws IllegalTransitionException if it may not wait
   */
  Enrollment waitUntil(long due, long newGateDeadline, String customer) {
    if (status != EnrollmentStatus.WAITING) {
      moveTo(EnrollmentStatus.WAITING, customer, due, null);
    }
    touch();
    dueAt = due;
    gateDeadline = newGateDeadline;
    return this;
  }

  /** Appends a history entry, keeping the most recent {@code bound}. */
  Enrollment record(long entry, int bound) {
    if (bound <= 0) {
      return this;
    }
    touch();
    if (historyLength < bound) {
      if (historyLength == history.length) {
        history = Arrays.copyOf(history, Math.min(bound, Math.max(4, historyLength * 2)));
      }
      history[historyLength++] = entry; // past the saved length: the saved state is intact
    } else {
      long[] h = new long[bound];
      System.arraycopy(history, historyLength - bound + 1, h, 0, bound - 1);
      h[bound - 1] = entry;
      history = h;
      historyLength = bound;
    }
    return this;
  }

  /** Whether two enrollments hold the same values (the owner aside). */
  boolean sameAs(Enrollment e) {
    return journey.equals(e.journey) && version == e.version && sequence == e.sequence
        && status == e.status && holdout == e.holdout && enteredAt == e.enteredAt
        && endedAt == e.endedAt && position == e.position && dueAt == e.dueAt
        && gateDeadline == e.gateDeadline && java.util.Objects.equals(exitReason, e.exitReason)
        && Arrays.equals(history, 0, historyLength, e.history, 0, e.historyLength)
        && arms.equals(e.arms) && memory == e.memory && entryKeys.equals(e.entryKeys)
        && sameKey(waitKey, e.waitKey);
  }

  private static boolean sameKey(Object a, Object b) {
    return a == b || (a != null && a != MISSING && a.equals(b));
  }

  @Override
  public String toString() {
    return "Enrollment{" + journey + " v" + version + " #" + sequence + ", " + status
        + (holdout ? ", holdout" : "") + ", at " + position
        + (dueAt != Times.NONE ? ", due " + Times.instant(dueAt) : "") + "}";
  }
}
