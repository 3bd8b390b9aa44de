package dev.rapport.core.engine;

import dev.rapport.core.Action;

/**
 * The holdouts of actions: which arm a customer is in, and their first exposure.
 *
 * <p>Design note. Journeys' send steps, their custom steps and decisions (the host's, {@code
 * decideAndSend} and journeys' decide steps) all ask {@link #withholds} at the one point where
 * the action would otherwise go: after the gate allowed it and, in a decision, once it ranked
 * among the winners. So both arms are customers the action would have been sent to, and their
 * comparison is fair. The arm is the journeys' holdout hashing ({@link Interpreter#fraction}) of
 * the action's name and the customer's id, under a tag of its own so that a journey and an
 * action of one name draw apart; once the customer has an exposure, its arm is theirs for good
 * (an identity merge keeps the earlier exposure, whatever the surviving id would draw). The
 * first call records the exposure in the customer's record and counts it, in the call's
 * transaction; {@link ValueRuntime} adds the revenue and conversions that follow it.
 */
final class ActionHoldouts {
  private static final String PREFIX = ValueRuntime.ROI_ACTION;

  private ActionHoldouts() {}

  /**
   * Whether the customer is in an action's holdout, without recording anything (a preview):
   * false for an action without a holdout.
   */
  static boolean heldOut(Txn t, Action a) {
    if (!(a.holdout() > 0)) {
      return false;
    }
    Exposure e = t.rec.exposure(a.name());
    return e != null ? e.heldOut() : draw(t, a);
  }

  /**
   * At the point where an action would be sent: records the customer's first exposure to it,
   * in their arm, and tells whether to withhold it. Nothing for an action without a holdout.
   */
  static boolean withholds(Txn t, Action a) {
    if (!(a.holdout() > 0)) {
      return false;
    }
    Exposure e = t.rec.exposure(a.name());
    if (e != null) {
      return e.heldOut();
    }
    boolean held = draw(t, a);
    t.rec.putExposure(new Exposure(a.name(), t.nowNanos, held, false));
    t.count(exposed(a.name(), held), 1);
    return held;
  }

  /** What a decision's rejection says of a withheld action. */
  static String detail(Action a) {
    return "the customer is in the holdout of action '" + a.name() + "' ("
        + Math.round(a.holdout() * 1000) / 10.0 + "% of customers): withheld to measure what it "
        + "adds";
  }

  private static boolean draw(Txn t, Action a) {
    return Interpreter.fraction(a.name() + "\u0000action-holdout\u0000" + t.id.value())
        < a.holdout();
  }

  /** The counter of customers exposed to an action, in an arm. */
  static String exposed(String action, boolean heldOut) {
    return PREFIX + action + (heldOut ? "/exposed/held-out" : "/exposed/treated");
  }

  /** The counter of exposed customers who ordered within the window, in an arm. */
  static String converted(String action, boolean heldOut) {
    return PREFIX + action + (heldOut ? "/converted/held-out" : "/converted/treated");
  }

  /** The series of the revenue (and its squares) of exposed customers, in an arm. */
  static String revenue(String action, boolean heldOut) {
    return PREFIX + action + (heldOut ? "/held-out" : "/treated");
  }
}
