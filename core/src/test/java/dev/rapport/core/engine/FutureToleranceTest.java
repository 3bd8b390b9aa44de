package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Event;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * An event is refused when dated more than the future tolerance after the engine's clock: the
 * check agrees with instant arithmetic to the nanosecond, and a tolerance too large for an
 * instant to be added to (a host that means "no limit") accepts every event instead of failing
 * every call.
 */
class FutureToleranceTest {
  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

  @Property(tries = 2000)
  void agrees_with_adding_the_tolerance(
      @ForAll @LongRange(min = -4_000_000_000_000_000L, max = 4_000_000_000_000_000L) long ahead,
      @ForAll @LongRange(min = 0, max = 4_000_000_000_000_000L) long tolerance,
      @ForAll @LongRange(min = -3, max = 3) long nudge) {
    Instant t = NOW.plusNanos(ahead % 1_000_000_000_000_000L);
    Duration tol = Duration.ofNanos(tolerance % 1_000_000_000_000_000L);
    // the edge itself, a nanosecond either side, and the random point
    for (Instant at : new Instant[] {t, NOW.plus(tol).plusNanos(nudge)}) {
      assertThat(Inputs.beyond(at, NOW, tol)).as("%s after %s, tolerance %s", at, NOW, tol)
          .isEqualTo(at.isAfter(NOW.plus(tol)));
    }
  }

  @Test
  void a_tolerance_of_forever_accepts_events_far_ahead() {
    Engine engine = Engine.builder().clock(new MutableClock(NOW))
        .limits(InputLimits.ofDefaults().futureTolerance(ChronoUnit.FOREVER.getDuration()))
        .build();

    assertThat(engine.track(Event.of("c-1", "signed_up", NOW.plus(Duration.ofDays(3650)))))
        .isTrue();
  }

  @Test
  void the_default_tolerance_refuses_an_event_a_nanosecond_past_it() {
    Engine engine = Engine.builder().clock(new MutableClock(NOW)).build();
    Duration tolerance = InputLimits.ofDefaults().futureTolerance();

    assertThat(engine.track(Event.of("c-1", "at-the-edge", NOW.plus(tolerance)))).isTrue();
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> engine.track(
        Event.of("c-1", "past-the-edge", NOW.plus(tolerance).plusNanos(1)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than the tolerance of");
  }
}
