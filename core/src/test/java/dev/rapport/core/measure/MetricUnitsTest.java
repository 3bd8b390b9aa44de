package dev.rapport.core.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** What a mean's values are (a unit, a survey's scale), for dashboards to write them well. */
class MetricUnitsTest {
  private final Metric basket = Metric.mean("basket").of(EventSelector.type("purchased"))
      .value((e, c) -> OptionalDouble.of(1));

  @Test
  void mean_is_a_plain_number_on_no_scale_unless_told() {
    assertThat(basket.unit()).isEqualTo(Metric.Unit.NUMBER);
    assertThat(basket.scale()).isEmpty();
  }

  @Test
  void unit_and_scale_survive_every_copy() {
    Metric m = basket.measuredIn(Metric.Unit.HOURS).onScale(1, 7).over(Duration.ofDays(7))
        .last(50).by(Breakdown.JOURNEY).describedAs("effort");

    assertThat(m.unit()).isEqualTo(Metric.Unit.HOURS);
    assertThat(m.scale()).contains(new Metric.Scale(1, 7));
  }

  @Test
  void standard_metrics_say_what_their_means_are() {
    assertThat(Metrics.ces().scale()).contains(new Metric.Scale(1, 7));
    assertThat(Metrics.timeToFirstResponse().unit()).isEqualTo(Metric.Unit.HOURS);
    assertThat(Metrics.timeToResolution().unit()).isEqualTo(Metric.Unit.HOURS);
    assertThat(Metrics.csat().scale()).isEmpty();
  }

  @Test
  void scale_must_run_from_low_to_high() {
    assertThatThrownBy(() -> basket.onScale(7, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("metric 'basket': onScale(7.0, 1.0) is not a scale; give finite bounds "
            + "with low below high, such as onScale(1, 7)");
  }

  @Test
  void rate_has_no_unit_or_scale_of_its_own() {
    Metric rate = Metrics.unsubscribeRate();

    assertThatThrownBy(() -> rate.onScale(1, 5))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("metric 'unsubscribe_rate': onScale is for a mean, and this metric is a "
            + "rate, which dashboards write as a percentage or a net score; remove it");
    assertThatThrownBy(() -> Metrics.nps().measuredIn(Metric.Unit.HOURS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("metric 'nps': measuredIn(HOURS) is for a mean, and this metric "
            + "is a net share");
  }

  @Test
  void unit_must_be_given() {
    assertThatThrownBy(() -> basket.measuredIn(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("measuredIn");
  }
}
