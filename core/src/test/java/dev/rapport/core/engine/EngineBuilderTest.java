package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The engine's builder is single-use, like the definitions' builders. */
class EngineBuilderTest {
  @Test
  void builds_one_engine_and_refuses_a_second() {
    Engine.Builder b = Engine.builder();
    Engine engine = b.build();

    assertThat(engine).isNotNull();
    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
        .hasMessage("engine: build() was already called on this builder, which built an "
            + "engine; the builder is single-use: start another with Engine.builder()");
  }

  @Test
  void refuses_a_setting_after_build() {
    Engine.Builder b = Engine.builder();
    b.build();

    assertThatThrownBy(() -> b.clock(Clock.systemUTC())).isInstanceOf(IllegalStateException.class)
        .hasMessage("engine: clock(...) comes after build(); the builder is single-use: start "
            + "another with Engine.builder()");
  }

  @Test
  void keeps_its_settings_for_the_engine_it_builds_when_a_build_fails() {
    Engine.Builder b = Engine.builder().moments(ContinuityTest.ACTIVATED)
        .journeys(ContinuityTest.ONBOARDING);

    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dispatcher");
    Engine engine = b.dispatcher(Dispatcher.discarding()).build();
    assertThat(engine.journeyStats("onboarding").treated()).isZero();
  }
}
