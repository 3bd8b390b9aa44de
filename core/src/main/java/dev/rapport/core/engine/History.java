package dev.rapport.core.engine;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.journey.CustomStep;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.Step;
import dev.rapport.core.journey.StepOutcome;
import java.util.List;
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

  /**
   * The detail of a send at a step: the channel's index among the action's channels, and for a
   * custom step, which may send several actions, the action's index among the step's in the
   * upper bits.
   */
  static int sendDetail(Step step, Action a, Channel channel) {
    int c = a.channels().indexOf(channel);
    if (step instanceof CustomStep) {
      return (((CustomStep) step).actions().indexOf(a) << 4) | (c & 0xF);
    }
    return c;
  }

  /** Describes the detail of a send at a step, such as {@code via email}. */
  static String sendText(Step step, int detail) {
    if (step instanceof SendStep && detail < ((SendStep) step).action().channels().size()) {
      return "via " + ((SendStep) step).action().channels().get(detail);
    }
    if (step instanceof CustomStep) {
      List<Action> actions = ((CustomStep) step).actions();
      int a = detail >>> 4;
      int c = detail & 0xF;
      if (a < actions.size() && c < actions.get(a).channels().size()) {
        return "action " + actions.get(a).name() + " via " + actions.get(a).channels().get(c);
      }
    }
    return "";
  }
}
