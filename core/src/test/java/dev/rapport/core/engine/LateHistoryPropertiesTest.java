package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Customer;
import dev.rapport.core.Event;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A customer's counts are right whatever the order their events arrive in: the record keeps the
 * latest few of a type whole and only the times of the others, each list in time order, and an
 * event that arrives late (before ones already tracked) takes its place among them.
 */
class LateHistoryPropertiesTest {
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  static Engine engine() {
    return Engine.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).historySize(2).build();
  }

  /** Minutes before now, repeats and all, in the order the events arrive. */
  @Provide
  Arbitrary<List<Integer>> arrivals() {
    return Arbitraries.integers().between(0, 600).list().ofMinSize(1).ofMaxSize(60);
  }

  @Property(tries = 300)
  void counts_within_any_window_match_the_events_tracked(
      @ForAll("arrivals") List<Integer> minutesAgo,
      @ForAll("windows") int windowMinutes) {
    Engine engine = engine();
    for (int i = 0; i < minutesAgo.size(); i++) {
      engine.track(viewed(i, minutesAgo.get(i)));
    }
    Customer c = engine.customer("c-1").orElseThrow();
    long expected = minutesAgo.stream().filter(m -> m < windowMinutes).count();

    assertThat(c.count("viewed")).isEqualTo(minutesAgo.size());
    assertThat(c.occasions("viewed")).as("distinct instants")
        .isEqualTo(minutesAgo.stream().distinct().count());
    assertThat(c.count("viewed", Duration.ofMinutes(windowMinutes)))
        .as("viewed within %d minutes", windowMinutes).isEqualTo(expected);
  }

  static Event viewed(int n, int minutesAgo) {
    return Event.builder("c-1", "viewed").id("v-" + n)
        .at(NOW.minus(Duration.ofMinutes(minutesAgo)));
  }

  @Provide
  Arbitrary<Integer> windows() {
    return Arbitraries.integers().between(1, 620);
  }
}
