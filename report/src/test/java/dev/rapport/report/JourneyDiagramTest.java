package dev.rapport.report;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.exit;
import static dev.rapport.dsl.Rapport.journey;
import static dev.rapport.dsl.Rapport.moment;
import static dev.rapport.dsl.Rapport.send;
import static dev.rapport.dsl.Rapport.split;
import static dev.rapport.dsl.Rapport.waitFor;
import static dev.rapport.dsl.Rapport.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.core.Action;
import dev.rapport.core.Moment;
import dev.rapport.core.journey.Journey;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A journey drawn as a Mermaid flowchart and as a Graphviz DOT digraph from its definition
 * alone; the expected diagrams are those the engine's compiled program gave before the diagrams
 * moved out of core, node for node.
 */
class JourneyDiagramTest {
  private final Moment activated = moment("activated").reachedOn("first_sync").build();
  private final Action welcome = action("welcome").transactional().via(EMAIL).build();
  private final Action keyHelp = action("api-key-help").via(IN_APP).orElse(EMAIL).build();
  private final Action teamSetup = action("team-setup").topic("collaboration").via(IN_APP)
      .build();

  private final Journey onboarding = journey("onboarding")
      .enterOn("signed_up")
      .goal(activated).within(Duration.ofDays(14))
      .exitOn("account_closed")
      .holdout(0.10)
      .steps(
          send(welcome),
          waitFor("api_key_created").atMost(Duration.ofDays(2))
              .onTimeout(send(keyHelp)),
          when(c -> c.count("teammate_invited") > 0)
              .then(send(teamSetup)))
      .build();

  @Test
  void draws_the_onboarding_journey_as_a_mermaid_flowchart() {
    String mermaid = JourneyDiagram.mermaid(onboarding);

    assertThat(mermaid).isEqualTo("""
        flowchart TD
          %% journey onboarding v1
          start(["enter on signed_up / goal: moment activated within PT336H / holdout 10.0%"])
          n0["1 send(welcome)"]
          n1[/"2 waitFor(api_key_created, atMost PT48H)"/]
          n2{"3 when(1 branch)"}
          n3["2/timeout/1 send(api-key-help)"]
          n4["3/when1/1 send(team-setup)"]
          done(["end"])
          start --> n0
          n0 --> n1
          n1 -- "api_key_created" --> n2
          n1 -- "timeout" --> n3
          n2 -- "when 1" --> n4
          n2 -- "else" --> done
          n3 --> n2
          n4 --> done
        """);
  }

  @Test
  void draws_the_onboarding_journey_as_a_dot_digraph() {
    String dot = JourneyDiagram.dot(onboarding);

    assertThat(dot).isEqualTo("""
        digraph "onboarding v1" {
          rankdir=TB;
          start [shape=oval, label="enter on signed_up / goal: moment activated within PT336H \
        / holdout 10.0%"];
          n0 [shape=box, label="1 send(welcome)"];
          n1 [shape=parallelogram, label="2 waitFor(api_key_created, atMost PT48H)"];
          n2 [shape=diamond, label="3 when(1 branch)"];
          n3 [shape=box, label="2/timeout/1 send(api-key-help)"];
          n4 [shape=box, label="3/when1/1 send(team-setup)"];
          done [shape=oval, label="end"];
          start -> n0;
          n0 -> n1;
          n1 -> n2 [label="api_key_created"];
          n1 -> n3 [label="timeout"];
          n2 -> n4 [label="when 1"];
          n2 -> done [label="else"];
          n3 -> n2;
          n4 -> done;
        }
        """);
  }

  @Test
  void dot_output_escapes_quotes_and_backslashes() {
    Action quoted = action("say \"hi\"").via(IN_APP).build();
    Journey journey = journey("the \"new\" onboarding").enterOn("signed\\up")
        .steps(send(quoted)).build();

    String dot = JourneyDiagram.dot(journey);

    assertThat(dot)
        .startsWith("digraph \"the \\\"new\\\" onboarding v1\" {\n")
        .contains("start [shape=oval, label=\"enter on signed\\\\up\"];\n")
        .contains("n0 [shape=box, label=\"1 send(say \\\"hi\\\")\"];\n")
        .doesNotContain("\"say \"hi\"\"");
  }

  @Test
  void mermaid_output_escapes_quotes() {
    Action quoted = action("say \"hi\"").via(IN_APP).build();
    Journey journey = journey("greeting").enterOn("signed_up").steps(send(quoted)).build();

    String mermaid = JourneyDiagram.mermaid(journey);

    assertThat(mermaid).contains("  n0[\"1 send(say #quot;hi#quot;)\"]\n");
  }

  @Test
  void draws_split_arms_with_their_weights_and_exit_steps() {
    Journey journey = journey("copy-test").enterOn("go")
        .steps(
            split("subject").arm("short", 3, send(welcome)).arm("control", 1),
            when(c -> c.count("churned") > 0).then(exit()).otherwise(send(teamSetup)))
        .build();

    String mermaid = JourneyDiagram.mermaid(journey);

    assertThat(mermaid).contains(
        "  n0{\"1 split(subject)\"}\n",
        "  n0 -- \"short (3.0)\" --> n2\n",
        "  n0 -- \"control (1.0)\" --> n1\n",
        "  n1 -- \"when 1\" --> n3\n",
        "  n1 -- \"otherwise\" --> n4\n",
        "  n3 -- \"exit\" --> done\n",
        "  n4 --> done\n");
  }

  @Test
  void numbers_nested_blocks_after_their_block_as_the_engine_labels_them() {
    Journey journey = journey("nested").enterOn("go")
        .steps(
            waitFor("a").atMost(Duration.ofHours(1))
                .onTimeout(when(c -> c.count("x") > 0).then(send(welcome), exit())),
            send(teamSetup))
        .build();

    String mermaid = JourneyDiagram.mermaid(journey);

    assertThat(mermaid).contains(
        "  n0[/\"1 waitFor(a, atMost PT1H)\"/]\n",
        "  n1[\"2 send(team-setup)\"]\n",
        "  n2{\"1/timeout/1 when(1 branch)\"}\n",
        "  n3[\"1/timeout/1/when1/1 send(welcome)\"]\n",
        "  n4[\"1/timeout/1/when1/2 exit()\"]\n",
        "  n0 -- \"a\" --> n1\n",
        "  n0 -- \"timeout\" --> n2\n",
        "  n2 -- \"when 1\" --> n3\n",
        "  n2 -- \"else\" --> n1\n",
        "  n3 --> n4\n",
        "  n4 -- \"exit\" --> done\n",
        "  n1 --> done\n");
  }

  @Test
  void refuses_no_journey() {
    assertThatThrownBy(() -> JourneyDiagram.mermaid(null))
        .isInstanceOf(NullPointerException.class).hasMessage("journey");
  }
}
