package dev.rapport.core.journey;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What comes after a {@link CustomStep} ran: go on to the next step, wait at this step until an
 * instant (waking on every event of the customer meanwhile), or end the enrollment.
 */
public final class StepResult {
  /** What a result asks for. */
  public enum Kind {
    /** Go on to the next step. */
    NEXT,
    /** Wait at this step until an instant. */
    WAIT,
    /** End the enrollment. */
    EXIT
  }

  private static final StepResult NEXT = new StepResult(Kind.NEXT, null, 0, null);

  private final Kind kind;
  private final Instant until;
  private final long memory;
  private final String reason;

  private StepResult(Kind kind, Instant until, long memory, String reason) {
    this.kind = kind;
    this.until = until;
    this.memory = memory;
    this.reason = reason;
  }

  /**
   * Goes on to the next step.
   *
   * @return the result
   */
  public static StepResult next() {
    return NEXT;
  }

  /**
   * Waits at this step until an instant, keeping a memory of 0; every event of the customer
   * meanwhile runs the step again, and so does the instant.
   *
   * @param until when to run the step again, after the engine's time of the run
   * @return the result
   * @throws IllegalArgumentException if null
   */
  public static StepResult waitUntil(Instant until) {
    return waitUntil(until, 0);
  }

  /**
   * Waits at this step until an instant, keeping a number for the next run ({@link
   * StepContext#memory()}).
   *
   * @param until when to run the step again, after the engine's time of the run
   * @param memory what the next run reads
   * @return the result
   * @throws IllegalArgumentException if the instant is null
   */
  public static StepResult waitUntil(Instant until, long memory) {
    if (until == null) {
      throw new IllegalArgumentException("StepResult.waitUntil(until): until is null; give the "
          + "instant to run the step again");
    }
    return new StepResult(Kind.WAIT, until, memory, null);
  }

  /**
   * Ends the enrollment.
   *
   * @param reason why, for explanations
   * @return the result
   * @throws IllegalArgumentException if blank
   */
  public static StepResult exit(String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("StepResult.exit(reason): reason is "
          + (reason == null ? "null" : "blank") + "; say why the enrollment ends");
    }
    return new StepResult(Kind.EXIT, null, 0, reason);
  }

  /**
   * Returns what the result asks for.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Returns when to run the step again, for {@link Kind#WAIT}.
   *
   * @return the instant, or empty
   */
  public Optional<Instant> until() {
    return Optional.ofNullable(until);
  }

  /**
   * Returns the number kept for the next run, for {@link Kind#WAIT}.
   *
   * @return the memory
   */
  public long memory() {
    return memory;
  }

  /**
   * Returns why the enrollment ends, for {@link Kind#EXIT}.
   *
   * @return the reason, or empty
   */
  public Optional<String> reason() {
    return Optional.ofNullable(reason);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StepResult && ((StepResult) o).kind == kind
        && Objects.equals(((StepResult) o).until, until) && ((StepResult) o).memory == memory
        && Objects.equals(((StepResult) o).reason, reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, until, memory, reason);
  }

  @Override
  public String toString() {
    switch (kind) {
      case NEXT:
        return "next";
      case WAIT:
        return "wait until " + until + (memory == 0 ? "" : " (memory " + memory + ")");
      default:
        return "exit: " + reason;
    }
  }
}
