package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Event;
import dev.rapport.core.measure.EventSelector;
import dev.rapport.core.measure.Metric;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The store keeps a metric's cells while they are in its window and lets them go as the window
 * moves on: a long run keeps a bounded number of cells, however far it goes, and an engine
 * built on the store afterwards reads the same value.
 */
class SeriesPruningTest {
  static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");
  static final Duration WINDOW = Duration.ofHours(6);
  static final Metric CLICKS = Metric.rate("click_rate").count(EventSelector.type("clicked"))
      .per(EventSelector.type("viewed")).over(WINDOW);
  static final String SERIES = "metric/click_rate/global";

  static Engine engine(StateStore store, MutableClock clock) {
    return Engine.builder().clock(clock).stateStore(store).metrics(CLICKS).build();
  }

  /** Tracks {@code count} events of fifty customers, one every {@code step}; the last time. */
  static Instant observe(Engine engine, MutableClock clock, int count, Duration step,
      IntFunction<String> type) {
    Instant at = T0;
    for (int n = 0; n < count; n++) {
      at = at.plus(step);
      clock.set(at);
      engine.track(Event.builder("c-" + n % 50, type.apply(n)).id("e-" + n).at(at));
    }
    return at;
  }

  @Test
  void cells_that_left_the_window_leave_the_store_and_a_new_engine_reads_the_same_value() {
    StateStore store = StateStore.inMemory();
    MutableClock clock = new MutableClock(T0);
    Engine engine = engine(store, clock);
    // ten days, an observation every 90 seconds: 9,600 seconds of data, 240 in a window
    Instant at = observe(engine, clock, 9_600, Duration.ofSeconds(90),
        n -> n % 3 == 0 ? "clicked" : "viewed");
    List<StateStore.Cell> cells = store.series(SERIES);
    long windowStart = Math.floorDiv(at.minus(WINDOW).toEpochMilli(), 1000);
    long kept = cells.stream().filter(c -> c.bucket() <= windowStart).count();

    // what left the window is gone but for the last 64th of a window, at most
    assertThat(cells).isNotEmpty();
    assertThat(cells.get(0).bucket())
        .isGreaterThanOrEqualTo(windowStart - WINDOW.toSeconds() / 64 - 60 - 90);
    assertThat(kept).isLessThanOrEqualTo(WINDOW.toSeconds() / 64 / 90 + 2);
    assertThat(cells.size()).isLessThanOrEqualTo(240 + (int) kept + 1);

    // an engine built on the store reads the window exactly
    Engine again = engine(store, clock);
    assertThat(again.metric("click_rate").value())
        .isEqualTo(engine.metric("click_rate").value());
    assertThat(again.metric("click_rate").sample())
        .isEqualTo(engine.metric("click_rate").sample())
        .isEqualTo(160); // the 240 observations of the window: 160 views
  }

  @Test
  void a_run_that_jumps_days_at_a_time_keeps_only_the_window() {
    StateStore store = StateStore.inMemory();
    MutableClock clock = new MutableClock(T0);
    Engine engine = engine(store, clock);
    observe(engine, clock, 200, Duration.ofDays(1), n -> "viewed");
    // each observation is a day after the one before: the window holds one, the store two at most
    assertThat(store.series(SERIES)).hasSizeLessThanOrEqualTo(2);
    assertThat(engine(store, clock).metric("click_rate").sample()).isEqualTo(1);
  }
}
