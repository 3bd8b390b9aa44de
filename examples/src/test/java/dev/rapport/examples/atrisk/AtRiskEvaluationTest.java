package dev.rapport.examples.atrisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The at-risk evaluation on the online-retail log, when it is there (beside the repository in
 * the workspace the examples were written in; a user's clone has none, and the test skips itself
 * then): the rhythm model's lapse risk ranks customers better than the days since their latest
 * purchase, and, flagging as many customers as a 60-day recency rule, finds more of those who
 * lapsed. The figures are those the guide's page on engagement reports.
 */
class AtRiskEvaluationTest {
  private static final Path DATA = Path.of("shared", "data", "online-retail",
      "online-retail.csv.gz");

  private static Path dataSet() {
    return Stream.of(Path.of("..", "..").resolve(DATA), Path.of("..").resolve(DATA))
        .filter(Files::isReadable).findFirst().orElse(Path.of("..", "..").resolve(DATA));
  }

  @Test
  void the_lapse_risk_beats_plain_recency_on_the_online_retail_log() throws IOException {
    Path file = dataSet();
    Assumptions.assumeTrue(Files.exists(file), () -> "no online-retail data set at "
        + file.toAbsolutePath().normalize() + "; skipped");

    AtRiskEvaluation.Result r = AtRiskEvaluation.evaluate(file);

    assertThat(r.customers()).isEqualTo(1_941);
    assertThat(r.lapsed()).isEqualTo(540);
    AtRiskEvaluation.Flags recency = r.flags("days since the latest purchase >= 60");
    assertThat(recency.flagged()).isEqualTo(750);
    assertThat(recency.precision()).isCloseTo(0.40, within(0.005));
    assertThat(recency.recall()).isCloseTo(0.56, within(0.005));
    AtRiskEvaluation.Flags risk = r.flags("lapse risk, top 750");
    assertThat(risk.flagged()).isEqualTo(recency.flagged());
    assertThat(risk.hits()).isGreaterThan(recency.hits());
    assertThat(r.aucRhythm()).isGreaterThan(r.aucRecency());
    assertThat(r.aucFitted()).isGreaterThan(r.aucRecency());
    assertThat(r.flags("lapse risk (fitted population), top 750").hits())
        .isGreaterThan(recency.hits());
    // the rhythm model's at-risk stage finds more of the lapsed, more precisely, than the
    // default model's
    AtRiskEvaluation.Flags rhythmStage = r.flags("rhythm model: stage AT_RISK (risk >= 0.5)");
    AtRiskEvaluation.Flags defaultStage = r.flags("default model: stage AT_RISK");
    assertThat(rhythmStage.precision()).isGreaterThan(defaultStage.precision());
    assertThat(rhythmStage.recall()).isGreaterThan(defaultStage.recall());
    // the figures of the guide, exactly as measured
    assertThat(r.table()).contains(
        "| days since the latest purchase >= 60 | 750 | 303 | 0.404 | 0.561 |",
        "| default model: low or disengaged | 1,330 | 307 | 0.231 | 0.569 |",
        "| default model: stage AT_RISK | 718 | 195 | 0.272 | 0.361 |",
        "| default model: LOST | 460 | 210 | 0.457 | 0.389 |",
        "| lapse risk, top 750 | 750 | 327 | 0.436 | 0.606 |",
        "| rhythm model: stage AT_RISK (risk >= 0.5) | 1,047 | 365 | 0.349 | 0.676 |",
        "| rhythm model: LOST (risk >= 0.9) | 142 | 85 | 0.599 | 0.157 |",
        "| lapse risk (fitted population), top 750 | 750 | 321 | 0.428 | 0.594 |",
        "| rhythm model (fitted population): stage AT_RISK | 687 | 302 | 0.440 | 0.559 |",
        "ROC AUC: days since the latest purchase 0.6558, lapse risk 0.7198, lapse risk with "
            + "the fitted population 0.7252");
  }
}
