package dev.rapport.core.engine;

import dev.rapport.core.journey.BranchStep;
import dev.rapport.core.journey.CustomStep;
import dev.rapport.core.journey.DecideStep;
import dev.rapport.core.journey.ExitStep;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.SplitStep;
import dev.rapport.core.journey.Step;
import dev.rapport.core.journey.WaitForStep;
import dev.rapport.core.journey.WaitStep;
import dev.rapport.core.journey.WaitUntilStep;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A journey's steps compiled to a flat array of nodes joined by indices, like bytecode: an
 * enrollment's position is then one int, cheap to store for millions of customers.
 *
 * <p>Nested blocks (a timeout, a branch, a split arm) end by jumping to the node after their
 * step. The graph has no back edges, so running an enrollment from any node visits each node at
 * most once per call.
 */
final class JourneyProgram {
  /** The position of an enrollment that ran off the end. */
  static final int END = -1;

  /** What a node does. */
  enum Kind {
    /** Send an action through the gate. */
    SEND,
    /** Wait a fixed duration. */
    WAIT,
    /** Wait until a local time. */
    WAIT_UNTIL,
    /** Wait for an event, with a timeout. */
    WAIT_FOR,
    /** Branch on conditions. */
    BRANCH,
    /** Split by deterministic hashing. */
    SPLIT,
    /** Decide with a rule set and send the winner. */
    DECIDE,
    /** End the enrollment. */
    EXIT,
    /** Run a step of the host's own. */
    CUSTOM
  }

  /** One node. Fields are set once, while compiling. */
  static final class Node {
    /** The node's index. */
    final int index;
    /** Its label: the path of step numbers, such as {@code 2/timeout/1}. */
    final String label;
    /** The step it runs. */
    final Step step;
    /** What it does. */
    final Kind kind;
    /** The node after it, or {@link #END}. */
    int next = END;
    /** For WAIT_FOR: the first node of the timeout block, or {@link #next}. */
    int timeoutTarget = END;
    /** For BRANCH: the first node of each branch. */
    int[] branchTargets = new int[0];
    /** For BRANCH: the first node of the otherwise block, or {@link #next}. */
    int otherwiseTarget = END;
    /** For SPLIT: the first node of each arm. */
    int[] armTargets = new int[0];
    /** For SPLIT: the cumulative weights of the arms, normalised to end at 1. */
    double[] armBounds = new double[0];
    /** {@link #describedStep()}, once made. */
    private Optional<String> description;

    Node(int index, String label, Step step, Kind kind) {
      this.index = index;
      this.label = label;
      this.step = step;
      this.kind = kind;
    }

    /**
     * Returns the label and what the step does, such as {@code 1 send(welcome)}.
     *
     * @return the description
     */
    String describe() {
      return describedStep().get();
    }

    /**
     * Returns {@link #describe()} as a dispatch carries it. Made once, when first asked (a
     * custom step's description is the host's code, not run while compiling); a step is
     * immutable, so a race only makes the same description twice.
     *
     * @return the description, present
     */
    Optional<String> describedStep() {
      Optional<String> d = description;
      if (d == null) {
        d = Optional.of(label + " " + step.describe());
        description = d;
      }
      return d;
    }

    @Override
    public String toString() {
      return describe();
    }
  }

  private final List<Node> nodes;
  private final int start;

  private JourneyProgram(List<Node> nodes, int start) {
    this.nodes = List.copyOf(nodes);
    this.start = start;
  }

  /**
   * Compiles a journey's steps, or fails with every problem found.
   *
   * @param journey the journey's name, for messages
   * @param steps its top-level steps
   * @return the program
   * @throws IllegalStateException listing the problems: a step after exit(), a split with fewer
   *     than two arms, two splits with the same name
   */
  static JourneyProgram compile(String journey, List<Step> steps) {
    List<Node> nodes = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Set<String> splitNames = new HashSet<>();
    int start = block(journey, steps, "", END, nodes, problems, splitNames);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(String.join("; ", problems));
    }
    return new JourneyProgram(nodes, start);
  }

  private static int block(String journey, List<Step> steps, String prefix, int continuation,
      List<Node> nodes, List<String> problems, Set<String> splitNames) {
    if (steps.isEmpty()) {
      return continuation;
    }
    Node[] block = new Node[steps.size()];
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      String label = prefix + (i + 1);
      if (s instanceof ExitStep && i < steps.size() - 1) {
        problems.add("journey '" + journey + "': step " + prefix + (i + 2) + " ("
            + steps.get(i + 1).describe() + ") comes after exit() at step " + label
            + " and can never run; remove it or move exit() last");
      }
      block[i] = new Node(nodes.size(), label, s, kindOf(journey, s, label, problems));
      nodes.add(block[i]);
    }
    for (int i = 0; i < block.length; i++) {
      Node n = block[i];
      int next = i + 1 < block.length ? block[i + 1].index : continuation;
      n.next = n.kind == Kind.EXIT ? END : next;
      String here = n.label + "/";
      if (n.step instanceof WaitForStep) {
        n.timeoutTarget = block(journey, ((WaitForStep) n.step).onTimeoutSteps(),
            here + "timeout/", next, nodes, problems, splitNames);
      } else if (n.step instanceof BranchStep) {
        BranchStep b = (BranchStep) n.step;
        n.branchTargets = new int[b.branches().size()];
        for (int k = 0; k < b.branches().size(); k++) {
          n.branchTargets[k] = block(journey, b.branches().get(k).steps(),
              here + "when" + (k + 1) + "/", next, nodes, problems, splitNames);
        }
        n.otherwiseTarget = b.otherwise().isPresent()
            ? block(journey, b.otherwise().get(), here + "otherwise/", next, nodes, problems,
                splitNames)
            : next;
      } else if (n.step instanceof SplitStep) {
        SplitStep sp = (SplitStep) n.step;
        if (sp.arms().size() < 2) {
          problems.add("journey '" + journey + "': split '" + sp.name() + "' at step " + n.label
              + " has " + sp.arms().size() + (sp.arms().size() == 1 ? " arm" : " arms")
              + "; give it at least two with arm(name, weight, steps...)");
        }
        if (!splitNames.add(sp.name())) {
          problems.add("journey '" + journey + "': split '" + sp.name()
              + "' appears twice; give each split a unique name");
        }
        double total = sp.arms().stream().mapToDouble(SplitStep.Arm::weight).sum();
        n.armTargets = new int[sp.arms().size()];
        n.armBounds = new double[sp.arms().size()];
        double sum = 0;
        for (int k = 0; k < sp.arms().size(); k++) {
          SplitStep.Arm arm = sp.arms().get(k);
          sum += arm.weight();
          n.armBounds[k] = k == sp.arms().size() - 1 ? 1.0 : sum / total;
          n.armTargets[k] = block(journey, arm.steps(), here + arm.name() + "/", next, nodes,
              problems, splitNames);
        }
      }
    }
    return block[0].index;
  }

  private static Kind kindOf(String journey, Step s, String label, List<String> problems) {
    if (s instanceof SendStep) {
      return Kind.SEND;
    } else if (s instanceof WaitStep) {
      return Kind.WAIT;
    } else if (s instanceof WaitUntilStep) {
      return Kind.WAIT_UNTIL;
    } else if (s instanceof WaitForStep) {
      return Kind.WAIT_FOR;
    } else if (s instanceof BranchStep) {
      return Kind.BRANCH;
    } else if (s instanceof SplitStep) {
      return Kind.SPLIT;
    } else if (s instanceof ExitStep) {
      return Kind.EXIT;
    } else if (s instanceof DecideStep) {
      return Kind.DECIDE;
    } else if (s instanceof CustomStep) {
      return Kind.CUSTOM;
    }
    problems.add("journey '" + journey + "': step " + label + " is a "
        + s.getClass().getName() + ", which the engine cannot run; use the DSL's steps");
    return Kind.EXIT;
  }

  /**
   * Returns the first node, or {@link #END} for no steps.
   *
   * @return the start
   */
  int start() {
    return start;
  }

  /**
   * Returns a node.
   *
   * @param index its index
   * @return the node
   */
  Node node(int index) {
    return nodes.get(index);
  }

  /**
   * Returns every node, in index order.
   *
   * @return the nodes
   */
  List<Node> nodes() {
    return nodes;
  }

  /**
   * Returns the number of nodes.
   *
   * @return the size
   */
  int size() {
    return nodes.size();
  }
}
