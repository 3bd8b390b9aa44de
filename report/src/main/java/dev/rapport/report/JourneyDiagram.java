package dev.rapport.core.internal;

import dev.rapport.core.journey.BranchStep;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SplitStep;
import dev.rapport.core.journey.WaitForStep;
import java.util.ArrayList;
import java.util.List;

/** Renders a journey's compiled steps as Mermaid and Graphviz DOT. */
public final class JourneyDiagrams {
  private JourneyDiagrams() {}

  /** An edge of the diagram: from, to (a node index, or END), and an optional label. */
  private record Edge(String from, String to, String label) {}

  private static String id(int node) {
    return node == JourneyProgram.END ? "done" : "n" + node;
  }

  private static List<Edge> edges(Journey journey, JourneyProgram program) {
    List<Edge> edges = new ArrayList<>();
    edges.add(new Edge("start", id(program.start()), null));
    for (JourneyProgram.Node n : program.nodes()) {
      String from = id(n.index);
      switch (n.kind) {
        case WAIT_FOR:
          edges.add(new Edge(from, id(n.next), ((WaitForStep) n.step).eventType()));
          edges.add(new Edge(from, id(n.timeoutTarget), "timeout"));
          break;
        case BRANCH:
          for (int k = 0; k < n.branchTargets.length; k++) {
            edges.add(new Edge(from, id(n.branchTargets[k]), "when " + (k + 1)));
          }
          edges.add(new Edge(from, id(n.otherwiseTarget),
              ((BranchStep) n.step).otherwise().isPresent() ? "otherwise" : "else"));
          break;
        case SPLIT:
          SplitStep split = (SplitStep) n.step;
          for (int k = 0; k < n.armTargets.length; k++) {
            SplitStep.Arm arm = split.arms().get(k);
            edges.add(new Edge(from, id(n.armTargets[k]), arm.name() + " (" + arm.weight() + ")"));
          }
          break;
        case EXIT:
          edges.add(new Edge(from, "done", "exit"));
          break;
        default:
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
   * Renders a Mermaid flowchart.
   *
   * @param journey the journey
   * @param program its compiled steps
   * @return the Mermaid source
   */
  public static String mermaid(Journey journey, JourneyProgram program) {
    StringBuilder out = new StringBuilder();
    out.append("flowchart TD\n");
    out.append("  %% journey ").append(journey.name()).append(" v").append(journey.version())
        .append('\n');
    out.append("  start([\"").append(mermaidText(startLabel(journey))).append("\"])\n");
    for (JourneyProgram.Node n : program.nodes()) {
      String text = mermaidText(n.describe());
      switch (n.kind) {
        case BRANCH:
        case SPLIT:
          out.append("  ").append(id(n.index)).append("{\"").append(text).append("\"}\n");
          break;
        case WAIT:
        case WAIT_UNTIL:
        case WAIT_FOR:
          out.append("  ").append(id(n.index)).append("[/\"").append(text).append("\"/]\n");
          break;
        default:
          out.append("  ").append(id(n.index)).append("[\"").append(text).append("\"]\n");
      }
    }
    out.append("  done([\"end\"])\n");
    for (Edge e : edges(journey, program)) {
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
   * Renders a Graphviz DOT digraph.
   *
   * @param journey the journey
   * @param program its compiled steps
   * @return the DOT source
   */
  public static String dot(Journey journey, JourneyProgram program) {
    StringBuilder out = new StringBuilder();
    out.append("digraph \"").append(dotText(journey.name() + " v" + journey.version()))
        .append("\" {\n");
    out.append("  rankdir=TB;\n");
    out.append("  start [shape=oval, label=\"").append(dotText(startLabel(journey)))
        .append("\"];\n");
    for (JourneyProgram.Node n : program.nodes()) {
      String shape;
      switch (n.kind) {
        case BRANCH:
        case SPLIT:
          shape = "diamond";
          break;
        case WAIT:
        case WAIT_UNTIL:
        case WAIT_FOR:
          shape = "parallelogram";
          break;
        default:
          shape = "box";
      }
      out.append("  ").append(id(n.index)).append(" [shape=").append(shape).append(", label=\"")
          .append(dotText(n.describe())).append("\"];\n");
    }
    out.append("  done [shape=oval, label=\"end\"];\n");
    for (Edge e : edges(journey, program)) {
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
