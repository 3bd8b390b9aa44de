package dev.rapport.core.journey;

/** What happened at a step of an enrollment, as recorded in its history. */
public enum StepOutcome {
  /** The customer entered the journey. */
  ENTERED,
  /** The step's action was dispatched. */
  SENT,
  /** The customer is in the holdout: the send was skipped on purpose. */
  HELD_OUT,
  /** The gate refused the send; the detail is the reason. */
  REFUSED,
  /** The gate deferred the send (quiet hours, or a wait for the gate). */
  DEFERRED,
  /** The enrollment started waiting (a wait, a wait until, a wait for an event). */
  WAITING,
  /** The event waited for arrived. */
  RECEIVED,
  /** The wait for an event ran out. */
  TIMED_OUT,
  /** A branch was taken; the detail is its number. */
  BRANCHED,
  /** No branch held. */
  OTHERWISE,
  /** A split arm was chosen; the detail is its number. */
  SPLIT,
  /** The message fell back to its next channel. */
  FALLBACK_SENT,
  /** A fallback was refused by the gate or had no channel left; the detail is the reason. */
  FALLBACK_REFUSED,
  /** The host's dispatcher threw for this step's dispatch. */
  DISPATCH_FAILED,
  /** The enrollment ran past its last step. */
  COMPLETED,
  /** The goal was reached in time. */
  CONVERTED,
  /** The enrollment left early. */
  EXITED,
  /**
   * The send was timed for the customer's best hour ({@code atBestTimeWithin}); the detail says
   * when and on what the choice rests.
   */
  SCHEDULED
}
