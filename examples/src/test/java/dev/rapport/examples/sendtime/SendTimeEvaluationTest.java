package dev.rapport.examples.sendtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The send-time evaluation on the online-retail log, when it is there (beside the repository in
 * the workspace the examples were written in; a user's clone has none, and the test skips itself
 * then): predicting the hour of each customer's next purchase from their past ones beats the
 * population's most common hour, within one hour and within two. The figures are those the
 * guide's page on value reports.
 */
class SendTimeEvaluationTest {
  private static final Path DATA = Path.of("shared", "data", "online-retail",
      "online-retail.csv.gz");

  private static Path dataSet() {
    return Stream.of(Path.of("..", "..").resolve(DATA), Path.of("..").resolve(DATA))
        .filter(Files::isReadable).findFirst().orElse(Path.of("..", "..").resolve(DATA));
  }

  @Test
  void the_send_time_model_beats_the_populations_most_common_hour() throws IOException {
    Path file = dataSet();
    Assumptions.assumeTrue(Files.exists(file), () -> "no online-retail data set at "
        + file.toAbsolutePath().normalize() + "; skipped");

    SendTimeEvaluation.Result r = SendTimeEvaluation.evaluate(file);

    SendTimeEvaluation.Rates population = r.rates("population's most common hour");
    SendTimeEvaluation.Rates model = r.rates("send-time model, prior strength 4, daily weight 1 (default)");
    assertThat(model.predictions()).isEqualTo(population.predictions()).isPositive();
    assertThat(model.withinOneRate()).isGreaterThan(population.withinOneRate());
    assertThat(model.withinTwoRate()).isGreaterThan(population.withinTwoRate());
    // the figures of the guide, exactly as measured
    assertThat(r.customers()).isEqualTo(2_845);
    assertThat(r.table()).contains(
        "| population's most common hour | 14,197 | 0.033 | 0.083 | 0.128 |",
        "| send-time model, prior strength 1, daily weight 1 | 14,197 | 0.072 | 0.137 | 0.179 |",
        "| send-time model, prior strength 4, daily weight 1 (default) | 14,197 | 0.071 | 0.136 "
            + "| 0.179 |",
        "| send-time model, prior strength 16, daily weight 1 | 14,197 | 0.070 | 0.135 "
            + "| 0.177 |",
        "| send-time model, prior strength 4, daily weight 0 | 14,197 | 0.072 | 0.137 | 0.179 |",
        "| send-time model, prior strength 4, daily weight 3 | 14,197 | 0.071 | 0.137 | 0.181 |");
  }
}
