package dev.rapport.kafka.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.testkit.TestClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology, in Kafka Streams' test driver, gives exactly the dispatches of the in-process
 * engine on a seeded synthetic log of sign-ups, API keys, first syncs, opens, unsubscribes,
 * survey answers, identifies and decisions: journeys with waits that time out into a message
 * that falls back to its second channel when unanswered, a cap, decisions sent, and a guardrail
 * that breaks and pauses.
 */
class EquivalenceTest {
  @TempDir
  Path stateDir;

  @Test
  void gives_the_dispatches_of_the_in_process_engine_in_the_same_order() {
    // GIVEN a seeded log of 900 calls of 60 customers over three weeks
    List<Program.Call> log = Program.log(7, 900, 60);

    // WHEN both hosts run it (every timer due before a call fires before it in the topology)
    List<Dispatch> inProcess = Hosts.inProcess(Program.definitions(true), log);
    List<Dispatch> topology = Hosts.topology(
        Hosts.topology(Program.definitions(true), 1_000), log, stateDir);

    // THEN the same dispatches, in the same order, with the same stable ids
    assertThat(Hosts.shown(topology)).containsExactlyElementsOf(Hosts.shown(inProcess));
  }

  @Test
  void the_log_covers_timeouts_fallbacks_caps_decisions_and_a_guardrail_pause() {
    List<Program.Call> log = Program.log(7, 900, 60);
    List<Dispatch> sent = new ArrayList<>();
    TestClock clock = TestClock.at(Program.T0);
    Engine.Builder b = Engine.builder();
    Program.definitions(true).accept(b);
    Engine engine = b.clock(clock).dispatcher(sent::add).build();

    for (Program.Call c : log) {
      clock.set(c.at());
      engine.advanceTo(c.at());
      c.run(engine);
    }

    assertThat(sent).as("timeouts").anyMatch(d -> d.action().name().equals("help"));
    assertThat(sent).as("fallbacks").anyMatch(d -> d.attempt() == 2);
    assertThat(sent).as("decisions sent").anyMatch(d -> d.step().orElse("").startsWith("decision"));
    assertThat(engine.journeyStats("onboarding").steps()).as("caps")
        .anySatisfy(s -> assertThat(s.refused())
            .containsKey(dev.rapport.core.policy.Reason.CAPPED));
    assertThat(engine.guardrailHistory()).as("a guardrail pause")
        .anySatisfy(h -> assertThat(h.pauses()).isNotEmpty());
  }

  @Test
  void with_a_budget_of_one_customer_per_sweep_each_customer_still_gets_the_same_dispatches() {
    // GIVEN the same kind of log, and a sweep that fires one customer's timers at a time, so
    // that timers due together are worked off across several records
    List<Program.Call> log = Program.log(11, 900, 60);

    // WHEN both hosts run it, without the guardrail (whose engine-wide window sees the
    // customers' observations in another order when a backlog is worked off late)
    List<Dispatch> inProcess = Hosts.inProcess(Program.definitions(false), log);
    List<Dispatch> topology = Hosts.topology(
        Hosts.topology(Program.definitions(false), 1), log, stateDir);

    // THEN every customer gets the same dispatches, in the same order; across customers, the
    // budget did defer some timers past other customers' input
    assertThat(Hosts.perCustomer(topology)).containsExactlyInAnyOrderEntriesOf(
        Hosts.perCustomer(inProcess));
    assertThat(Hosts.shown(topology)).as("the order across customers")
        .containsExactlyInAnyOrderElementsOf(Hosts.shown(inProcess))
        .isNotEqualTo(Hosts.shown(inProcess));
  }
}
