package dev.rapport.report;

import dev.rapport.core.journey.BranchStep;
import dev.rapport.core.journey.ExitStep;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SplitStep;
import dev.rapport.core.journey.Step;
import dev.rapport.core.journey.WaitForStep;
import dev.rapport.core.journey.WaitStep;
import dev.rapport.core.journey.WaitUntilStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Draws a journey as a Mermaid flowchart or a Graphviz DOT digraph, from its definition alone.
 *
 * <pre>{@code
 * String mermaid = JourneyDiagram.mermaid(onboarding);   // GitHub renders it in Markdown
 * String dot = JourneyDiagram.dot(onboarding);           // dot -Tsvg onboarding.dot
 * }</pre>
 *
 * <p>A node is a step, labelled with its place in the journey ({@code 2/timeout/1} is the first
 * step of the timeout block of step 2) and what it does; a wait is a parallelogram, a branch or
 * a split a diamond, any other step a box. Edges carry the event waited for, {@code timeout},
 * {@code when 1}, {@code otherwise} (or {@code else} when nothing is declared for it), a split
 * arm's name and weight, or {@code exit}. A nested block ends by going on to the step after the
 * one it belongs to, as the engine runs it. A step type the diagram does not know (a custom step)
 * is a box that goes on to the next step.
 */
public final class JourneyDiagram {
  private static final int END = -1;

  private JourneyDiagram() {}

  /** A step placed in the diagram, with where each of its ways out leads (a node, or END). */
  private static final class Node {
    final int index;
    final String label;
    final Step step;
    int next = END;
    int timeoutTarget = END;
    int[] branchTargets = new int[0];
    int otherwiseTarget = END;
    int[] armTargets = new int[0];

    Node(int index, String label, Step step) {
      this.index = index;
      this.label = label;
      this.step = step;
    }

    String describe() {
      return label + " " + step.describe();
    }

    boolean isWait() {
      return step instanceof WaitStep || step instanceof WaitUntilStep
          || step instanceof WaitForStep;
    }

    boolean isChoice() {
      return step instanceof BranchStep || step instanceof SplitStep;
    }
  }

  /** An edge of the diagram: from, to, and an optional label. */
  private record Edge(String from, String to, String label) {}

  /**
   * Places the steps of one block, then the blocks nested in them, numbering nodes in that
   * order; returns the block's first node, or the continuation for an empty block.
   */
  private static int place(List<Step> steps, String prefix, int continuation, List<Node> nodes) {
    if (steps.isEmpty()) {
      return continuation;
    }
    Node[] block = new Node[steps.size()];
    for (int i = 0; i < steps.size(); i++) {
      block[i] = new Node(nodes.size(), prefix + (i + 1), steps.get(i));
      nodes.add(block[i]);
    }
    for (int i = 0; i < block.length; i++) {
      Node n = block[i];
      int next = i + 1 < block.length ? block[i + 1].index : continuation;
      n.next = n.step instanceof ExitStep ? END : next;
      String here = n.label + "/";
      if (n.step instanceof WaitForStep w) {
        n.timeoutTarget = place(w.onTimeoutSteps(), here + "timeout/", next, nodes);
      } else if (n.step instanceof BranchStep b) {
        n.branchTargets = new int[b.branches().size()];
        for (int k = 0; k < b.branches().size(); k++) {
          n.branchTargets[k] = place(b.branches().get(k).steps(), here + "when" + (k + 1) + "/",
              next, nodes);
        }
        n.otherwiseTarget = b.otherwise().isPresent()
            ? place(b.otherwise().get(), here + "otherwise/", next, nodes)
            : next;
      } else if (n.step instanceof SplitStep sp) {
        n.armTargets = new int[sp.arms().size()];
        for (int k = 0; k < sp.arms().size(); k++) {
          SplitStep.Arm arm = sp.arms().get(k);
          n.armTargets[k] = place(arm.steps(), here + arm.name() + "/", next, nodes);
        }
      }
    }
    return block[0].index;
  }

  private static String id(int node) {
    return node == END ? "done" : "n" + node;
  }

  private static List<Edge> edges(int start, List<Node> nodes) {
    List<Edge> edges = new ArrayList<>();
    edges.add(new Edge("start", id(start), null));
    for (Node n : nodes) {
      String from = id(n.index);
      if (n.step instanceof WaitForStep w) {
        edges.add(new Edge(from, id(n.next), w.eventType()));
        edges.add(new Edge(from, id(n.timeoutTarget), "timeout"));
      } else if (n.step instanceof BranchStep b) {
        for (int k = 0; k < n.branchTargets.length; k++) {
          edges.add(new Edge(from, id(n.branchTargets[k]), "when " + (k + 1)));
        }
        edges.add(new Edge(from, id(n.otherwiseTarget),
            b.otherwise().isPresent() ? "otherwise" : "else"));
      } else if (n.step instanceof SplitStep split) {
        for (int k = 0; k < n.armTargets.length; k++) {
          SplitStep.Arm arm = split.arms().get(k);
          edges.add(new Edge(from, id(n.armTargets[k]), arm.name() + " (" + arm.weight() + ")"));
        }
      } else if (n.step instanceof ExitStep) {
        edges.add(new Edge(from, "done", "exit"));
      } else {
        edges.add(new Edge(from, id(n.next), null));
      }
    }
    return edges;
  }

  private static String startLabel(Journey journey) {
    StringBuilder s = new StringBuilder("enter on " + journey.trigger().describe());
    journey.goal().ifPresent(g -> s.append(" / goal: ").append(g));
    if (journey.holdout() > 0) {
      s.append(" / holdout ").append(Math.round(journey.holdout() * 1000) / 10.0).append('%');
    }
    return s.toString();
  }

  /**
   * Draws a journey as a Mermaid flowchart ({@code flowchart TD}), which GitHub renders in
   * Markdown. Double quotes in names are written {@code #quot;}.
   *
   * @param journey the journey
   * @return the Mermaid source, lines ending in {@code \n}
   * @throws NullPointerException if the journey is null
   */
  public static String mermaid(Journey journey) {
    Objects.requireNonNull(journey, "journey");
    List<Node> nodes = new ArrayList<>();
    int start = place(journey.steps(), "", END, nodes);
    StringBuilder out = new StringBuilder();
    out.append("flowchart TD\n");
    out.append("  %% journey ").append(journey.name()).append(" v").append(journey.version())
        .append('\n');
    out.append("  start([\"").append(mermaidText(startLabel(journey))).append("\"])\n");
    for (Node n : nodes) {
      String text = mermaidText(n.describe());
      if (n.isChoice()) {
        out.append("  ").append(id(n.index)).append("{\"").append(text).append("\"}\n");
      } else if (n.isWait()) {
        out.append("  ").append(id(n.index)).append("[/\"").append(text).append("\"/]\n");
      } else {
        out.append("  ").append(id(n.index)).append("[\"").append(text).append("\"]\n");
      }
    }
    out.append("  done([\"end\"])\n");
    for (Edge e : edges(start, nodes)) {
      out.append("  ").append(e.from());
      if (e.label() != null) {
        out.append(" -- \"").append(mermaidText(e.label())).append("\" -->");
      } else {
        out.append(" -->");
      }
      out.append(' ').append(e.to()).append('\n');
    }
    return out.toString();
  }

  /**
   * Draws a journey as a Graphviz DOT digraph, top to bottom. Double quotes and backslashes in
   * names are escaped.
   *
   * @param journey the journey
   * @return the DOT source, lines ending in {@code \n}
   * @throws NullPointerException if the journey is null
   */
  public static String dot(Journey journey) {
    Objects.requireNonNull(journey, "journey");
    List<Node> nodes = new ArrayList<>();
    int start = place(journey.steps(), "", END, nodes);
    StringBuilder out = new StringBuilder();
    out.append("digraph \"").append(dotText(journey.name() + " v" + journey.version()))
        .append("\" {\n");
    out.append("  rankdir=TB;\n");
    out.append("  start [shape=oval, label=\"").append(dotText(startLabel(journey)))
        .append("\"];\n");
    for (Node n : nodes) {
      String shape = n.isChoice() ? "diamond" : n.isWait() ? "parallelogram" : "box";
      out.append("  ").append(id(n.index)).append(" [shape=").append(shape).append(", label=\"")
          .append(dotText(n.describe())).append("\"];\n");
    }
    out.append("  done [shape=oval, label=\"end\"];\n");
    for (Edge e : edges(start, nodes)) {
      out.append("  ").append(e.from()).append(" -> ").append(e.to());
      if (e.label() != null) {
        out.append(" [label=\"").append(dotText(e.label())).append("\"]");
      }
      out.append(";\n");
    }
    out.append("}\n");
    return out.toString();
  }

  private static String mermaidText(String s) {
    return s.replace("\"", "#quot;");
  }

  private static String dotText(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
