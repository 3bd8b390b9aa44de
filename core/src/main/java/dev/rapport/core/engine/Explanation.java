package dev.rapport.core.engine;

import dev.rapport.core.CustomerId;
import dev.rapport.core.journey.EnrollmentStatus;
import dev.rapport.core.journey.StepRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Why a customer got what they got: each of their enrollments, its current step, and the history
 * of its steps with reasons; and the dispatches that may still fall back to another channel.
 *
 * @param customer the customer
 * @param at the engine's time of the explanation
 * @param enrollments one report per journey the customer was in
 * @param pending the dispatches awaiting a response or a delivery outcome
 */
public record Explanation(CustomerId customer, Instant at, List<EnrollmentReport> enrollments,
    List<PendingDispatch> pending) {

  /**
   * Returns the report on one journey.
   *
   * @param journey the journey's name
   * @return the report, if the customer was in it
   */
  public Optional<EnrollmentReport> enrollment(String journey) {
    return enrollments.stream().filter(e -> e.journey().equals(journey)).findFirst();
  }

  /** Renders the explanation as text, one line per step. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("customer " + customer + " at " + at + "\n");
    if (enrollments.isEmpty()) {
      out.append("  in no journey\n");
    }
    for (EnrollmentReport e : enrollments) {
      out.append("  journey ").append(e.journey()).append(" v").append(e.version())
          .append(" #").append(e.sequence()).append(": ").append(e.status())
          .append(e.holdout() ? " (holdout)" : "");
      e.currentStep().ifPresent(s -> out.append(", at ").append(s));
      e.dueAt().ifPresent(d -> out.append(", until ").append(d));
      e.exitReason().ifPresent(r -> out.append(", ").append(r));
      out.append('\n');
      for (StepRecord r : e.history()) {
        out.append("    ").append(r).append('\n');
      }
    }
    for (PendingDispatch p : pending) {
      out.append("  pending ").append(p.action()).append(" via ").append(p.channel())
          .append(" (attempt ").append(p.attempt()).append(')')
          .append(p.responseDeadline().map(d -> ", falls back at " + d).orElse(""))
          .append('\n');
    }
    return out.toString();
  }

  /**
   * One enrollment, explained.
   *
   * @param journey the journey's name
   * @param version its version
   * @param sequence the enrollment's number for this customer
   * @param status its state
   * @param holdout whether the customer is held out
   * @param enteredAt when it entered
   * @param endedAt when it ended
   * @param currentStep the step it is at, while running
   * @param dueAt its timer
   * @param exitReason why it ended
   * @param history its steps, oldest first (the most recent ones, up to the engine's bound)
   */
  public record EnrollmentReport(String journey, int version, int sequence,
      EnrollmentStatus status, boolean holdout, Instant enteredAt, Optional<Instant> endedAt,
      Optional<String> currentStep, Optional<Instant> dueAt, Optional<String> exitReason,
      List<StepRecord> history) {}
}
