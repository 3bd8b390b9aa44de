package dev.rapport.core.engine;

/**
 * A customer's first exposure to an action with a holdout, as their record keeps it: when the
 * action was first sent to them or, held out, first withheld, in which arm, and whether they
 * have since ordered within the attribution window (so that a conversion is counted once). Kept
 * for as long as the record, one per action: an exposure is never made twice.
 *
 * @param action the action's name
 * @param at when, in epoch nanoseconds
 * @param heldOut whether the customer is in the action's holdout
 * @param converted whether an order within the attribution window was counted
 */
record Exposure(String action, long at, boolean heldOut, boolean converted) {

  /** The same exposure, converted. */
  Exposure convert() {
    return new Exposure(action, at, heldOut, true);
  }
}
