package dev.rapport.core.engine.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Event;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.MutableClock;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.Trigger;
import dev.rapport.core.journey.WaitStep;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10, defect 5: times outside the range the engine supports are refused with a message
 * that names them, and leave the engine working. {@code advanceTo(Instant.MAX)} used to be
 * accepted and to break every later call with an overflow; an event at {@code Instant.MIN} or
 * {@code Instant.MAX} failed with a bare {@code ArithmeticException: long overflow}.
 */
class SupportedTimeRangeTest {
  static final Instant T0 = Instant.parse("2025-06-02T10:00:00Z");
  static final List<String> WATCHED = List.of("c-1", "c-2");

  final MutableClock clock = new MutableClock(T0);
  final Outbox outbox = new Outbox();
  final Journey nudge = Journey.builder("nudge").enterOn(Trigger.onEvent("signed_up"))
      .steps(WaitStep.of(Duration.ofDays(1)),
          SendStep.of(Action.builder("nudge").via(Channel.IN_APP).build()))
      .build();
  final Engine engine = Engine.builder().clock(clock).journeys(nudge).dispatcher(outbox).build();

  @BeforeEach
  void customerWaiting() {
    engine.track(Event.of("c-1", "signed_up", T0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"+1000000000-12-31T23:59:59.999999999Z", "2500-01-01T00:00:00Z",
      "-1000000000-01-01T00:00:00Z"})
  void advance_to_an_unsupported_instant_is_refused_and_changes_nothing(String instant) {
    Instant to = Instant.parse(instant);
    Observed before = Observed.of(engine, WATCHED, outbox);

    Throwable thrown = catchThrowable(() -> engine.advanceTo(to));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(to.toString()).hasMessageContaining("supported range");
    assertThat(Observed.of(engine, WATCHED, outbox)).isEqualTo(before);
  }

  @Test
  void engine_refusing_advance_to_the_end_of_time_keeps_working() {
    catchThrowable(() -> engine.advanceTo(Instant.MAX));

    boolean tracked = engine.track(Event.of("c-2", "signed_up", T0));
    int fired = engine.advanceTo(T0.plus(Duration.ofDays(1)));

    assertThat(tracked).isTrue();
    assertThat(fired).isEqualTo(2);
    assertThat(outbox.actions()).containsExactly("nudge", "nudge");
    assertThat(engine.now()).isEqualTo(T0.plus(Duration.ofDays(1)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"+1000000000-12-31T23:59:59.999999999Z",
      "-1000000000-01-01T00:00:00Z", "1969-12-31T23:59:59Z"})
  void event_at_an_unsupported_time_is_refused_naming_the_time(String instant) {
    Instant at = Instant.parse(instant);
    Observed before = Observed.of(engine, WATCHED, outbox);

    Throwable thrown = catchThrowable(() -> engine.track(Event.of("c-2", "signed_up", at)));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(at.toString()).hasMessageContaining("supported range");
    assertThat(Observed.of(engine, WATCHED, outbox)).isEqualTo(before);
  }
}
