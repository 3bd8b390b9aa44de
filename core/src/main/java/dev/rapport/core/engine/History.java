package dev.rapport.core.engine;

import dev.rapport.core.journey.StepOutcome;
import dev.rapport.core.policy.Reason;
import java.time.Instant;

/**
 * The entries of an enrollment's history, each packed into one {@code long}: what happened at
 * which step, when, and a detail (see {@link #entry}).
 */
final class History {
  /** The detail of an entry that has none. */
  static final int NO_DETAIL = 4095;

  private History() {}

  /**
   * Packs a history entry: the second (34 bits, until the year 2514), the step index + 1 (12
   * bits, 0 for the journey itself), the {@link StepOutcome} (6 bits) and a detail (12 bits,
   * {@link #NO_DETAIL} for none: a {@link Reason}, a branch, an arm, a channel or an action
   * index). A detail that does not fit (an action past the 4,094th of a rule set) is left out.
   */
  static long entry(Instant at, int node, StepOutcome outcome, int detail) {
    int d = detail >= 0 && detail < NO_DETAIL ? detail : NO_DETAIL;
    return (at.getEpochSecond() << 30) | ((long) (node + 1) << 18)
        | ((long) outcome.ordinal() << 12) | d;
  }

  static Instant at(long entry) {
    return Instant.ofEpochSecond(entry >>> 30);
  }

  static int node(long entry) {
    return (int) ((entry >>> 18) & 0xFFF) - 1;
  }

  static StepOutcome outcome(long entry) {
    return StepOutcome.values()[(int) ((entry >>> 12) & 0x3F)];
  }

  static int detail(long entry) {
    return (int) (entry & 0xFFF);
  }
}
