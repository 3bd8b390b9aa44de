package dev.rapport.core.engine.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Event;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.MutableClock;
import dev.rapport.core.measure.EventSelector;
import dev.rapport.core.measure.Guardrail;
import dev.rapport.core.measure.GuardrailState;
import dev.rapport.core.measure.Metric;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 10, defect 9: a guardrail's default recovery point is 10% of its bound inside it,
 * computed as a reader of the definition computes it, and a value at that point does not
 * recover, for every bound alike. It used to be computed in binary floating point: {@code
 * above(0.7)} recovered at 0.77 (its point was 0.7699999999999999) while {@code above(0.5)} did
 * not recover at 0.55.
 */
class GuardrailRecoveryPointTest {
  static final Instant T0 = Instant.parse("2025-06-02T10:00:00Z");
  static final Metric HAPPY = Metric.share("happy").of(EventSelector.type("answered"))
      .where((e, c) -> e.properties().getBoolean("happy").orElse(false));

  @ParameterizedTest(name = "{0}({1}) recovers past {2}")
  @CsvSource({
      "above, 0.1, 0.11", "above, 0.3, 0.33", "above, 0.5, 0.55", "above, 0.6, 0.66",
      "above, 0.7, 0.77", "above, 0.8, 0.88", "above, 4.0, 4.4", "above, -2.0, -1.8",
      "below, 0.02, 0.018", "below, 0.05, 0.045", "below, 0.3, 0.27", "below, 0.7, 0.63",
      "below, 1.5, 1.35", "below, -0.5, -0.55"})
  void default_recovery_point_is_ten_percent_of_the_bound_inside_it_and_not_itself_recovered(
      String direction, double bound, double point) {
    Guardrail.Start start = Guardrail.on(HAPPY);
    Guardrail g = direction.equals("above") ? start.above(bound) : start.below(bound);
    double past = direction.equals("above") ? Math.nextUp(point) : Math.nextDown(point);

    assertThat(g.recoveryPoint()).isEqualTo(point);
    assertThat(g.isRecoveredBy(point)).as("at the point").isFalse();
    assertThat(g.isRecoveredBy(past)).as("just past the point").isTrue();
  }

  @Test
  void engine_keeps_a_guardrail_breached_at_its_recovery_point_and_lifts_it_just_past() {
    // happy answers must stay above 70%; breached at 7 of 10, recovery past 77%
    MutableClock clock = new MutableClock(T0);
    Engine engine = Engine.builder().clock(clock)
        .guardrail(Guardrail.on(HAPPY).above(0.7).minSample(10)).build();
    int[] n = {0};
    Runnable unhappy = () -> answer(engine, n[0]++, false);
    Runnable happy = () -> answer(engine, n[0]++, true);
    for (int i = 0; i < 7; i++) {
      happy.run();
    }
    for (int i = 0; i < 3; i++) {
      unhappy.run();
    }
    assertThat(state(engine).breached()).as("7 of 10").isTrue();
    for (int i = 0; i < 20; i++) {
      unhappy.run();
    }
    for (int i = 0; i < 70; i++) {
      happy.run();
    }
    assertThat(state(engine).value()).isEqualTo(0.77);

    boolean atThePoint = state(engine).breached();
    happy.run();

    assertThat(atThePoint).as("77 of 100").isTrue();
    assertThat(state(engine).breached()).as("78 of 101").isFalse();
  }

  static void answer(Engine engine, int n, boolean happy) {
    engine.track(Event.builder("c-" + n, "answered").with("happy", happy)
        .at(T0.minus(Duration.ofMinutes(200 - n))));
  }

  static GuardrailState state(Engine engine) {
    return engine.guardrails().get(0);
  }
}
