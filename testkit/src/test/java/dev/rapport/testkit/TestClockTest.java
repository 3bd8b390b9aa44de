package dev.rapport.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TestClockTest {

  @Test
  void moves_only_when_told() {
    TestClock clock = TestClock.at("2026-01-05T09:00:00Z");

    clock.advance(Duration.ofDays(2));

    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-07T09:00:00Z"));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-07T09:00:00Z"));
  }

  @Test
  void refuses_to_go_back_and_keeps_its_time() {
    TestClock clock = TestClock.at("2026-01-05T09:00:00Z");

    assertThatThrownBy(() -> clock.set(Instant.parse("2026-01-04T09:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("test clock: cannot go back from 2026-01-05T09:00:00Z to "
            + "2026-01-04T09:00:00Z; time only moves forward");
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-05T09:00:00Z"));
  }

  @Test
  void a_zoned_copy_shares_the_time() {
    TestClock clock = TestClock.at("2026-01-05T09:00:00Z");
    var paris = clock.withZone(ZoneId.of("Europe/Paris"));

    clock.advance(Duration.ofHours(1));

    assertThat(paris.instant()).isEqualTo(Instant.parse("2026-01-05T10:00:00Z"));
    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
  }

  @Test
  void refuses_a_negative_advance() {
    TestClock clock = TestClock.at("2026-01-05T09:00:00Z");

    assertThatThrownBy(() -> clock.advance(Duration.ofHours(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("test clock: cannot advance by PT-1H; give a duration of zero or more");
  }
}
