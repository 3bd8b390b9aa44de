package dev.rapport.core.journey;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer's enrollment in a journey: the runtime state the engine keeps for them, an
 * immutable value held in the customer's state in the state store.
 *
 * <p>The position is the index of the step the enrollment is at in the journey's compiled steps
 * (of the version it entered with); {@link #dueAt()} is its timer, if it waits for a time. The
 * history is packed into longs to keep millions of enrollments small; the engine's {@code
 * explain} decodes it.
 */
public final class Enrollment {
  private final String journey;
  private final int version;
  private final int sequence;
  private final EnrollmentStatus status;
  private final boolean holdout;
  private final Instant enteredAt;
  private final Instant endedAt;
  private final int position;
  private final Instant dueAt;
  private final Instant gateDeadline;
  private final String exitReason;
  private final long[] history;
  private final List<String> arms;

  private Enrollment(String journey, int version, int sequence, EnrollmentStatus status,
      boolean holdout, Instant enteredAt, Instant endedAt, int position, Instant dueAt,
      Instant gateDeadline, String exitReason, long[] history, List<String> arms) {
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
    this.arms = arms;
  }

  /**
   * Returns a new, active enrollment.
   *
   * @param journey the journey's name
   * @param version the journey's version
   * @param sequence 1 for a customer's first enrollment in the journey, 2 for the second...
   * @param holdout whether the customer is held out
   * @param enteredAt when
   * @param position the first step's index
   * @return the enrollment
   */
  public static Enrollment start(String journey, int version, int sequence, boolean holdout,
      Instant enteredAt, int position) {
    return new Enrollment(journey, version, sequence, EnrollmentStatus.ACTIVE, holdout,
        enteredAt, null, position, null, null, null, new long[0], List.of());
  }

  /**
   * Rebuilds an enrollment from its parts, for durable state stores.
   *
   * @param journey the journey's name
   * @param version its version
   * @param sequence the enrollment's number for this customer and journey
   * @param status its state
   * @param holdout whether held out
   * @param enteredAt when it entered
   * @param endedAt when it ended, or null
   * @param position the step index
   * @param dueAt its timer, or null
   * @param gateDeadline how long a send may wait for the gate, or null
   * @param exitReason why it ended, or null
   * @param history the packed history
   * @param arms the split arms taken, as {@code split/arm}
   * @return the enrollment
   */
  public static Enrollment restore(String journey, int version, int sequence,
      EnrollmentStatus status, boolean holdout, Instant enteredAt, Instant endedAt,
      int position, Instant dueAt, Instant gateDeadline, String exitReason, long[] history,
      List<String> arms) {
    return new Enrollment(journey, version, sequence, status, holdout, enteredAt, endedAt,
        position, dueAt, gateDeadline, exitReason, history.clone(), List.copyOf(arms));
  }

  /**
   * Returns the journey's name.
   *
   * @return the name
   */
  public String journey() {
    return journey;
  }

  /**
   * Returns the journey version the enrollment entered with.
   *
   * @return the version
   */
  public int version() {
    return version;
  }

  /**
   * Returns the enrollment's number for this customer and journey, 1 for the first.
   *
   * @return the sequence number
   */
  public int sequence() {
    return sequence;
  }

  /**
   * Returns the state.
   *
   * @return the state
   */
  public EnrollmentStatus status() {
    return status;
  }

  /**
   * Tells whether the customer is held out: enrolled and measured, never sent anything.
   *
   * @return whether held out
   */
  public boolean holdout() {
    return holdout;
  }

  /**
   * Returns when the customer entered.
   *
   * @return the time
   */
  public Instant enteredAt() {
    return enteredAt;
  }

  /**
   * Returns when the enrollment ended.
   *
   * @return the time, if it ended
   */
  public Optional<Instant> endedAt() {
    return Optional.ofNullable(endedAt);
  }

  /**
   * Returns the index of the step the enrollment is at, or -1 once past the last one.
   *
   * @return the position
   */
  public int position() {
    return position;
  }

  /**
   * Returns when the enrollment's timer is due, if it waits for a time.
   *
   * @return the due time
   */
  public Optional<Instant> dueAt() {
    return Optional.ofNullable(dueAt);
  }

  /**
   * Returns until when a send step may go on waiting for the gate, if it is waiting for it.
   *
   * @return the deadline
   */
  public Optional<Instant> gateDeadline() {
    return Optional.ofNullable(gateDeadline);
  }

  /**
   * Returns why the enrollment ended, for an exit.
   *
   * @return the reason
   */
  public Optional<String> exitReason() {
    return Optional.ofNullable(exitReason);
  }

  /**
   * Returns the packed history; see the engine's {@code explain} for its meaning.
   *
   * @return a copy of the history
   */
  public long[] history() {
    return history.clone();
  }

  /**
   * Returns the number of history entries.
   *
   * @return the size
   */
  public int historySize() {
    return history.length;
  }

  /**
   * Returns the split arms the enrollment took, as {@code split/arm}, in order.
   *
   * @return the arms
   */
  public List<String> arms() {
    return arms;
  }

  /**
   * Returns a copy that took one more split arm.
   *
   * @param arm the arm, as {@code split/arm}
   * @return the new enrollment
   */
  public Enrollment withArm(String arm) {
    List<String> more = new java.util.ArrayList<>(arms);
    more.add(arm);
    return new Enrollment(journey, version, sequence, status, holdout, enteredAt, endedAt,
        position, dueAt, gateDeadline, exitReason, history, List.copyOf(more));
  }

  /**
   * Tells whether the enrollment is still running.
   *
   * @return whether not final
   */
  public boolean isActive() {
    return !status.isFinal();
  }

  private Enrollment copy(EnrollmentStatus newStatus, Instant newEndedAt, int newPosition,
      Instant newDueAt, Instant newGateDeadline, String newExitReason, long[] newHistory) {
    return new Enrollment(journey, version, sequence, newStatus, holdout, enteredAt, newEndedAt,
        newPosition, newDueAt, newGateDeadline, newExitReason, newHistory, arms);
  }

  /**
   * Returns a copy in another state, checking the move against {@link EnrollmentStatus}.
   *
   * @param to the new state
   * @param customer the customer, for the message
   * @param at when, recorded as the end time for a final state
   * @param reason why it ended, for a final state (may be null)
   * @return the new enrollment
   * @throws IllegalTransitionException if the move is not allowed
   */
  public Enrollment moveTo(EnrollmentStatus to, String customer, Instant at, String reason) {
    if (!status.canMoveTo(to)) {
      throw new IllegalTransitionException(journey, customer, status, to);
    }
    if (to.isFinal()) {
      return copy(to, at, -1, null, null, reason, history);
    }
    return copy(to, endedAt, position, to == EnrollmentStatus.ACTIVE ? null : dueAt,
        gateDeadline, exitReason, history);
  }

  /**
   * Returns a copy at another step.
   *
   * @param newPosition the step index
   * @return the new enrollment
   */
  public Enrollment at(int newPosition) {
    return copy(status, endedAt, newPosition, dueAt, newPosition == position ? gateDeadline : null,
        exitReason, history);
  }

  /**
   * Returns a copy waiting until a time.
   *
   * @param due when the timer is due
   * @param newGateDeadline the deadline of a wait for the gate, or null
   * @param customer the customer, for the message
   * @return the new enrollment
   * @throws IllegalTransitionException if it may not wait
   */
  public Enrollment waitUntil(Instant due, Instant newGateDeadline, String customer) {
    Enrollment waiting = status == EnrollmentStatus.WAITING ? this
        : moveTo(EnrollmentStatus.WAITING, customer, due, null);
    return waiting.copy(EnrollmentStatus.WAITING, endedAt, position, due, newGateDeadline,
        exitReason, history);
  }

  /**
   * Returns a copy with one more history entry, dropping the oldest beyond a bound.
   *
   * @param entry the packed entry
   * @param bound the most entries to keep
   * @return the new enrollment
   */
  public Enrollment record(long entry, int bound) {
    if (bound <= 0) {
      return this;
    }
    long[] h;
    if (history.length < bound) {
      h = Arrays.copyOf(history, history.length + 1);
    } else {
      h = new long[bound];
      System.arraycopy(history, history.length - bound + 1, h, 0, bound - 1);
    }
    h[h.length - 1] = entry;
    return copy(status, endedAt, position, dueAt, gateDeadline, exitReason, h);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Enrollment)) {
      return false;
    }
    Enrollment e = (Enrollment) o;
    return journey.equals(e.journey) && version == e.version && sequence == e.sequence
        && status == e.status && holdout == e.holdout && enteredAt.equals(e.enteredAt)
        && Objects.equals(endedAt, e.endedAt) && position == e.position
        && Objects.equals(dueAt, e.dueAt) && Objects.equals(gateDeadline, e.gateDeadline)
        && Objects.equals(exitReason, e.exitReason) && Arrays.equals(history, e.history)
        && arms.equals(e.arms);
  }

  @Override
  public int hashCode() {
    return Objects.hash(journey, version, sequence, status, position, dueAt);
  }

  @Override
  public String toString() {
    return "Enrollment{" + journey + " v" + version + " #" + sequence + ", " + status
        + (holdout ? ", holdout" : "") + ", at " + position
        + (dueAt != null ? ", due " + dueAt : "") + "}";
  }
}
