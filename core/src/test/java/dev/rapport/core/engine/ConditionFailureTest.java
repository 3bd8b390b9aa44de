package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.core.Condition;
import dev.rapport.core.Customer;
import dev.rapport.core.CustomerId;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Moment;
import dev.rapport.core.Persona;
import dev.rapport.core.Segment;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConditionFailureTest {
  static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
  static final CustomerId C1 = CustomerId.of("c-1");

  static final Condition THROWS = c -> {
    throw new IllegalArgumentException("no such trait for " + c.id());
  };

  final MutableClock clock = new MutableClock(T0);

  @Test
  void segment_whose_condition_throws_is_skipped_and_counted() {
    Engine engine = Engine.builder().clock(clock).segments(Segment.of("flaky", THROWS)).build();

    boolean processed = engine.track(Event.of("c-1", "purchased", T0));

    Customer c = engine.customer("c-1").orElseThrow();
    assertThat(processed).isTrue();
    assertThat(c.count("purchased")).isEqualTo(1);
    assertThat(c.in("flaky")).isFalse();
    assertThat(c.hasDone(EventTypes.SEGMENT_ENTERED)).isFalse();
    assertThat(engine.statistics().conditionFailures()).isEqualTo(1);
    assertThat(engine.statistics().eventsTracked()).isEqualTo(1);
  }

  @Test
  void throwing_segment_does_not_stop_the_others() {
    Engine engine = Engine.builder().clock(clock)
        .segments(Segment.of("flaky", THROWS), Segment.of("buyers", c -> c.hasDone("purchased")))
        .personas(Persona.builder("broken").matching(THROWS).build())
        .build();

    engine.track(Event.of("c-1", "purchased", T0));

    Customer c = engine.customer("c-1").orElseThrow();
    assertThat(c.segments()).containsExactly("buyers");
    assertThat(c.personas()).isEmpty();
    // asked once for the purchase and once for the segment_entered it caused, each time twice
    assertThat(engine.statistics().conditionFailures()).isEqualTo(4);
  }

  @Test
  void segment_whose_condition_throws_keeps_its_previous_membership() {
    Segment fragile = Segment.of("buyers", c -> {
      if (c.count("purchased") >= 2) {
        throw new IllegalStateException("boom");
      }
      return c.count("purchased") == 1;
    });
    Engine engine = Engine.builder().clock(clock).segments(fragile).build();
    engine.track(Event.of("c-1", "purchased", T0));

    engine.track(Event.of("c-1", "purchased", T0.plusSeconds(1)));

    Customer c = engine.customer("c-1").orElseThrow();
    assertThat(c.in("buyers")).isTrue();
    assertThat(c.count(EventTypes.SEGMENT_EXITED)).isZero();
    assertThat(c.count("purchased")).isEqualTo(2);
    assertThat(engine.statistics().conditionFailures()).isEqualTo(1);
  }

  @Test
  void moment_whose_property_condition_throws_is_not_reached_and_counted() {
    Moment broken = Moment.builder("big-order")
        .reachedOn("purchased", p -> p.getString("total").isPresent()).build();
    Engine engine = Engine.builder().clock(clock).moments(broken).build();

    engine.track(Event.builder("c-1", "purchased").with("total", 12).at(T0));

    Customer c = engine.customer("c-1").orElseThrow();
    assertThat(c.reached("big-order")).isFalse();
    assertThat(c.count("purchased")).isEqualTo(1);
    assertThat(engine.statistics().conditionFailures()).isEqualTo(1);
  }

  @Test
  void strict_mode_rethrows_naming_the_segment_and_leaves_the_state_unchanged() {
    StateStore store = StateStore.inMemory();
    Engine engine = Engine.builder().clock(clock).stateStore(store).strict(true)
        .segments(Segment.of("flaky", c -> {
          if (c.hasDone("purchased")) {
            throw new IllegalArgumentException("boom");
          }
          return false;
        }))
        .build();
    engine.track(Event.of("c-1", "signed_up", T0));
    Stored before = Stored.of(engine, C1).orElseThrow();

    Throwable thrown = catchThrowable(() -> engine.track(Event.of("c-1", "purchased", T0)));

    assertThat(thrown).isInstanceOf(IllegalStateException.class)
        .hasMessage("segment 'flaky': its condition threw java.lang.IllegalArgumentException "
            + "(strict mode); fix the condition")
        .hasCauseInstanceOf(IllegalArgumentException.class);
    assertThat(Stored.of(engine, C1)).contains(before);
    assertThat(engine.customer("c-1").orElseThrow().hasDone("purchased")).isFalse();
    assertThat(engine.statistics().eventsTracked()).isEqualTo(1);
    assertThat(engine.statistics().conditionFailures()).isZero();
  }

  @Test
  void strict_mode_rethrows_naming_the_persona() {
    Engine engine = Engine.builder().clock(clock).strict(true)
        .personas(Persona.builder("broken").matching(THROWS).build()).build();

    Throwable thrown = catchThrowable(() -> engine.track(Event.of("c-1", "purchased", T0)));

    assertThat(thrown).isInstanceOf(IllegalStateException.class)
        .hasMessage("persona 'broken': its condition threw java.lang.IllegalArgumentException "
            + "(strict mode); fix the condition");
    assertThat(engine.customer("c-1")).isEmpty();
  }
}
