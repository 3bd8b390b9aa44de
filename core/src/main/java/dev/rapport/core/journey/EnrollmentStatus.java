package dev.rapport.core.journey;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where an enrollment is in its life, and the moves allowed between states: the table below is
 * the whole state machine.
 *
 * <pre>
 * ACTIVE    -&gt; WAITING, COMPLETED, CONVERTED, EXITED
 * WAITING   -&gt; ACTIVE, CONVERTED, EXITED
 * COMPLETED, CONVERTED, EXITED: final
 * </pre>
 */
public enum EnrollmentStatus {
  /** Running its steps, within one engine call. */
  ACTIVE,
  /** Waiting for a time, an event or the gate. */
  WAITING,
  /** Ran past its last step. */
  COMPLETED,
  /** Reached the journey's goal. */
  CONVERTED,
  /** Left early: an exit criterion, an exit step, or the goal reached too late. */
  EXITED;

  private static final Map<EnrollmentStatus, Set<EnrollmentStatus>> ALLOWED = Map.of(
      ACTIVE, EnumSet.of(WAITING, COMPLETED, CONVERTED, EXITED),
      WAITING, EnumSet.of(ACTIVE, CONVERTED, EXITED),
      COMPLETED, EnumSet.noneOf(EnrollmentStatus.class),
      CONVERTED, EnumSet.noneOf(EnrollmentStatus.class),
      EXITED, EnumSet.noneOf(EnrollmentStatus.class));

  /**
   * Tells whether an enrollment in this state may move to another.
   *
   * @param to the other state
   * @return whether the move is allowed
   */
  public boolean canMoveTo(EnrollmentStatus to) {
    return ALLOWED.get(this).contains(to);
  }

  /**
   * Tells whether the enrollment is over.
   *
   * @return whether final
   */
  public boolean isFinal() {
    return ALLOWED.get(this).isEmpty();
  }
}
