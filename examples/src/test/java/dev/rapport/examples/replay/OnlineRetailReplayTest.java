package dev.rapport.examples.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.rapport.report.DashboardReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Replays the whole online-retail data set, when it is there: it sits next to the repository in
 * the workspace the examples were written in (surefire runs in the module's directory), and a
 * user's clone has none, so the test skips itself then.
 */
class OnlineRetailReplayTest {
  private static final Path DATA = Path.of("shared", "data", "online-retail",
      "online-retail.csv.gz");

  /** The data set, seen from the module's directory or from the repository's. */
  private static Path dataSet() {
    return Stream.of(Path.of("..", "..").resolve(DATA), Path.of("..").resolve(DATA))
        .filter(Files::isReadable).findFirst().orElse(Path.of("..", "..").resolve(DATA));
  }

  @Test
  void replays_every_line_of_the_online_retail_data_set() throws IOException {
    Path file = dataSet();
    Assumptions.assumeTrue(Files.exists(file), () -> "no online-retail data set at "
        + file.toAbsolutePath().normalize() + "; skipped");

    Replay.Result r = new Replay(file, null).run();

    assertThat(r.lines()).isEqualTo(541_909);
    assertThat(r.rejections().byReason()).containsOnly(
        entry("anonymous (no CustomerID)", 135_080L));
    assertThat(r.events()).isEqualTo(406_829);
    assertThat(r.customers()).isEqualTo(4_372);
    assertThat(DashboardReport.text(r.dashboard())).contains("second-purchase", "win-back");
  }
}
