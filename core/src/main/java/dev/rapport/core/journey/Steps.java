package dev.rapport.core.journey;

import java.util.ArrayList;
import java.util.List;

/** Helpers for lists of steps. */
final class Steps {
  private Steps() {}

  static List<Step> copy(String owner, Step... steps) {
    if (steps == null || steps.length == 0) {
      throw new IllegalArgumentException(owner + ": has no steps; give at least one step");
    }
    List<Step> out = new ArrayList<>(steps.length);
    for (int i = 0; i < steps.length; i++) {
      if (steps[i] == null) {
        throw new IllegalArgumentException(owner + ": step " + (i + 1)
            + " is null; give a step");
      }
      out.add(steps[i]);
    }
    return List.copyOf(out);
  }
}
