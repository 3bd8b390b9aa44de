package dev.rapport.core.decision;

import dev.rapport.core.policy.Reason;
import java.util.List;

/**
 * An eligible action that did not win, and why.
 *
 * @param action the action's name
 * @param reason the reason code
 * @param detail a human explanation
 * @param rules the rules that proposed it
 */
public record Rejection(String action, Reason reason, String detail, List<String> rules) {
  @Override
  public String toString() {
    return action + ": " + reason + " (" + detail + ")";
  }
}
