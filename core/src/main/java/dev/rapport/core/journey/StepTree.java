package dev.rapport.core.journey;

import dev.rapport.core.Action;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks a journey's steps, nested blocks included: to check them when the journey is built, and
 * to find every action they may send.
 */
final class StepTree {
  private StepTree() {}

  /**
   * Returns every problem of a journey's steps: a step after {@code exit()}, a split with fewer
   * than two arms, two splits with the same name.
   */
  static List<String> problems(String journey, List<Step> steps) {
    List<String> problems = new ArrayList<>();
    check(journey, steps, "", problems, new HashSet<>());
    return problems;
  }

  private static void check(String journey, List<Step> steps, String prefix,
      List<String> problems, Set<String> splitNames) {
    for (int i = 0; i < steps.size() - 1; i++) {
      if (steps.get(i) instanceof ExitStep) {
        problems.add("journey '" + journey + "': step " + prefix + (i + 2) + " ("
            + steps.get(i + 1).describe() + ") comes after exit() at step " + prefix + (i + 1)
            + " and can never run; remove it or move exit() last");
      }
    }
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      String label = prefix + (i + 1);
      String here = label + "/";
      if (s instanceof WaitForStep) {
        check(journey, ((WaitForStep) s).onTimeoutSteps(), here + "timeout/", problems,
            splitNames);
      } else if (s instanceof BranchStep) {
        BranchStep b = (BranchStep) s;
        for (int k = 0; k < b.branches().size(); k++) {
          check(journey, b.branches().get(k).steps(), here + "when" + (k + 1) + "/", problems,
              splitNames);
        }
        if (b.otherwise().isPresent()) {
          check(journey, b.otherwise().get(), here + "otherwise/", problems, splitNames);
        }
      } else if (s instanceof SplitStep) {
        SplitStep sp = (SplitStep) s;
        if (sp.arms().size() < 2) {
          problems.add("journey '" + journey + "': split '" + sp.name() + "' at step " + label
              + " has " + sp.arms().size() + (sp.arms().size() == 1 ? " arm" : " arms")
              + "; give it at least two with arm(name, weight, steps...)");
        }
        if (!splitNames.add(sp.name())) {
          problems.add("journey '" + journey + "': split '" + sp.name()
              + "' appears twice; give each split a unique name");
        }
        for (SplitStep.Arm arm : sp.arms()) {
          check(journey, arm.steps(), here + arm.name() + "/", problems, splitNames);
        }
      }
    }
  }

  /**
   * Returns every action the steps may send, by name: the send steps', those the decide steps'
   * rule sets may recommend, and the custom steps'.
   */
  static Map<String, Action> actions(List<Step> steps) {
    Map<String, Action> out = new LinkedHashMap<>();
    collect(steps, out);
    return out;
  }

  private static void collect(List<Step> steps, Map<String, Action> out) {
    for (Step s : steps) {
      if (s instanceof SendStep) {
        Action a = ((SendStep) s).action();
        out.putIfAbsent(a.name(), a);
      } else if (s instanceof DecideStep) {
        ((DecideStep) s).ruleSet().actions().forEach(out::putIfAbsent);
      } else if (s instanceof CustomStep) {
        for (Action a : ((CustomStep) s).actions()) {
          out.putIfAbsent(a.name(), a);
        }
      } else if (s instanceof WaitForStep) {
        collect(((WaitForStep) s).onTimeoutSteps(), out);
      } else if (s instanceof BranchStep) {
        BranchStep b = (BranchStep) s;
        for (BranchStep.Branch branch : b.branches()) {
          collect(branch.steps(), out);
        }
        b.otherwise().ifPresent(o -> collect(o, out));
      } else if (s instanceof SplitStep) {
        for (SplitStep.Arm arm : ((SplitStep) s).arms()) {
          collect(arm.steps(), out);
        }
      }
    }
  }
}
