package dev.rapport.examples.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.examples.durable.DurableState;
import dev.rapport.report.DashboardReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A replay with its state in an H2 file: replayed again, it ends where it ended. */
class DurableReplayTest {
  @TempDir Path dir;

  @Test
  void a_replay_fed_again_on_its_database_changes_nothing_and_sends_nothing() throws Exception {
    List<String> lines = new ArrayList<>(List.of("customer_id,type,time"));
    Instant t = Instant.parse("2026-01-05T09:00:00Z");
    for (int i = 0; i < 200; i++) {
      String c = "c-" + (i % 40);
      lines.add(c + "," + (i < 40 ? "signed_up" : i % 3 == 0 ? "purchased" : "logged_in") + ","
          + t.plus(Duration.ofHours(i)));
    }
    Path file = dir.resolve("events.csv");
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    String url = "jdbc:h2:file:" + dir.resolve("state").toAbsolutePath() + ";WRITE_DELAY=0";

    Replay.Result first;
    try (DurableState state = DurableState.open(url)) {
      first = new Replay(file, null, state).run();
    }
    Replay.Result again;
    try (DurableState state = DurableState.open(url)) {
      assertThat(state.customersBefore()).isEqualTo(40);
      again = new Replay(file, null, state).run();
    }

    assertThat(first.events()).isEqualTo(200);
    assertThat(again.engine().statistics().duplicatesIgnored()).as("events seen before").isEqualTo(200);
    assertThat(again.engine().statistics().dispatches()).as("messages sent again").isZero();
    assertThat(DashboardReport.text(again.dashboard()))
        .isEqualTo(DashboardReport.text(first.dashboard()));
  }
}
