package dev.rapport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

  @Test
  void span_across_midnight_holds_late_evening_and_early_morning() {
    QuietHours night = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));

    boolean atStart = night.contains(LocalTime.of(21, 0));
    boolean beforeMidnight = night.contains(LocalTime.of(23, 59));
    boolean atMidnight = night.contains(LocalTime.MIDNIGHT);
    boolean justBeforeEnd = night.contains(LocalTime.of(7, 59, 59));

    assertThat(atStart).isTrue();
    assertThat(beforeMidnight).isTrue();
    assertThat(atMidnight).isTrue();
    assertThat(justBeforeEnd).isTrue();
  }

  @Test
  void span_across_midnight_excludes_its_end_and_the_daytime() {
    QuietHours night = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));

    boolean atEnd = night.contains(LocalTime.of(8, 0));
    boolean noon = night.contains(LocalTime.NOON);
    boolean justBeforeStart = night.contains(LocalTime.of(20, 59, 59));

    assertThat(atEnd).isFalse();
    assertThat(noon).isFalse();
    assertThat(justBeforeStart).isFalse();
  }

  @Test
  void span_within_one_day_holds_from_start_to_before_end() {
    QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(14, 0));

    boolean atStart = lunch.contains(LocalTime.NOON);
    boolean inside = lunch.contains(LocalTime.of(13, 30));
    boolean atEnd = lunch.contains(LocalTime.of(14, 0));
    boolean night = lunch.contains(LocalTime.of(23, 0));

    assertThat(atStart).isTrue();
    assertThat(inside).isTrue();
    assertThat(atEnd).isFalse();
    assertThat(night).isFalse();
  }

  @Test
  void equal_bounds_are_rejected() {
    LocalTime nine = LocalTime.of(9, 0);

    Throwable thrown = catchThrowable(() -> new QuietHours(nine, nine));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("quiet hours: start and end are both 09:00; give a span such as 21:00 to "
            + "08:00");
  }

  @Test
  void null_bound_is_rejected() {
    LocalTime start = null;

    Throwable thrown = catchThrowable(() -> new QuietHours(start, LocalTime.of(8, 0)));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("quiet hours: start and end must not be null; got null to 08:00");
  }
}
