package dev.rapport.examples.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.examples.durable.DurableState;
import dev.rapport.report.DashboardReport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulation with its state in an H2 file: stopped and started again, it continues. */
class DurableSimulationTest {
  @TempDir Path dir;

  private String url(String name) {
    return "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath() + ";WRITE_DELAY=0";
  }

  @Test
  void a_run_stopped_and_started_again_ends_as_a_run_straight_through() {
    Simulation.Result straight;
    try (DurableState state = DurableState.open(url("straight"))) {
      straight = new Simulation(60, 12, 5, null, state).run();
    }

    Simulation.Result stopped;
    long half = straight.events() / 2;
    try (DurableState state = DurableState.open(url("stopped"))) {
      stopped = new Simulation(60, 12, 5, null, state).run(half);
    }
    Simulation.Result continued;
    try (DurableState state = DurableState.open(url("stopped"))) {
      assertThat(state.customersBefore()).as("customers kept by the stopped run").isEqualTo(60);
      continued = new Simulation(60, 12, 5, null, state).run();
    }

    assertThat(stopped.events()).isEqualTo(half);
    assertThat(stopped.dispatches()).isPositive();
    assertThat(continued.dispatches()).as("sent by the second run")
        .isEqualTo(straight.dispatches() - stopped.dispatches());
    assertThat(DashboardReport.text(continued.dashboard()))
        .isEqualTo(DashboardReport.text(straight.dashboard()));
  }

  @Test
  void a_run_started_again_after_it_ended_changes_nothing_and_sends_nothing() {
    String first;
    try (DurableState state = DurableState.open(url("twice"))) {
      first = DashboardReport.text(new Simulation(40, 10, 9, null, state).run().dashboard());
    }

    Simulation.Result again;
    try (DurableState state = DurableState.open(url("twice"))) {
      again = new Simulation(40, 10, 9, null, state).run();
    }

    assertThat(again.dispatches()).as("messages sent by the second run").isZero();
    assertThat(DashboardReport.text(again.dashboard())).isEqualTo(first);
  }
}
