package dev.rapport.core.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.core.Channel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Metrics and guardrails are copy-on-write values: a shared one is narrowed or tailored for each
 * use without the change reaching another. A guardrail's settings are given once; a metric's
 * window, description, unit and scale are meant to be tailored and are replaced.
 */
class CopyOnWriteMeasuresTest {
  private final Guardrail shared = Guardrail.on(Metrics.unsubscribeRate()).below(0.05);

  @Test
  void a_shared_guardrail_narrowed_for_two_journeys_gives_two_guardrails_and_stays_global() {
    Guardrail onboarding = shared.forJourney("onboarding").minSample(50);
    Guardrail winBack = shared.forJourney("win-back");

    assertThat(onboarding.protects()).isEqualTo("journey onboarding");
    assertThat(onboarding.minSample()).isEqualTo(50);
    assertThat(winBack.protects()).isEqualTo("journey win-back");
    assertThat(winBack.minSample()).isEqualTo(30);
    assertThat(shared.protects()).isEqualTo("everything");
    assertThat(shared.minSample()).isEqualTo(30);
  }

  @Test
  void a_guardrail_narrowed_twice_is_refused() {
    Guardrail onboarding = shared.forJourney("onboarding");

    Throwable action = catchThrowable(() -> onboarding.forAction("welcome"));
    Throwable channel = catchThrowable(() -> onboarding.forChannel(Channel.SMS));

    assertThat(action).isInstanceOf(IllegalStateException.class)
        .hasMessage("guardrail on 'unsubscribe_rate': already protects journey onboarding; a "
            + "guardrail protects one journey, action or channel: declare one guardrail for each");
    assertThat(channel).isInstanceOf(IllegalStateException.class)
        .hasMessage("guardrail on 'unsubscribe_rate': already protects journey onboarding; a "
            + "guardrail protects one journey, action or channel: declare one guardrail for each");
  }

  @Test
  void a_minimum_sample_or_recovery_point_given_twice_is_refused() {
    Guardrail set = shared.minSample(200).recoverAt(0.04);

    Throwable sample = catchThrowable(() -> set.minSample(100));
    Throwable recovery = catchThrowable(() -> set.recoverAt(0.03));

    assertThat(sample).isInstanceOf(IllegalStateException.class)
        .hasMessage("guardrail on 'unsubscribe_rate': minSample is already set; set it once");
    assertThat(recovery).isInstanceOf(IllegalStateException.class)
        .hasMessage("guardrail on 'unsubscribe_rate': recoverAt is already set; set it once");
    assertThat(set.minSample()).isEqualTo(200);
    assertThat(set.recoveryPoint()).isEqualTo(0.04);
  }

  @Test
  void a_tailored_standard_metric_replaces_its_window_and_leaves_the_standard_one_as_it_was() {
    Metric standard = Metrics.csat();

    Metric lastFifty = standard.last(50);
    Metric weekly = lastFifty.over(Duration.ofDays(7)).describedAs("weekly CSAT");

    assertThat(standard.window()).contains(Duration.ofDays(90));
    assertThat(standard.lastN()).isEmpty();
    assertThat(lastFifty.lastN()).hasValue(50);
    assertThat(lastFifty.window()).isEmpty();
    assertThat(weekly.window()).contains(Duration.ofDays(7));
    assertThat(weekly.lastN()).isEmpty();
    assertThat(weekly.description()).isEqualTo("weekly CSAT");
    assertThat(Metrics.csat().description()).isEqualTo(standard.description());
  }

  @Test
  void breakdowns_add_to_those_a_metric_has() {
    Metric global = Metrics.csat();

    Metric byJourney = global.by(Breakdown.JOURNEY);
    Metric byBoth = byJourney.by(Breakdown.CHANNEL);

    assertThat(global.breakdowns()).isEmpty();
    assertThat(byJourney.breakdowns()).containsExactly(Breakdown.JOURNEY);
    assertThat(byBoth.breakdowns()).containsExactlyInAnyOrder(Breakdown.JOURNEY,
        Breakdown.CHANNEL);
  }
}
