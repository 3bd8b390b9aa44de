package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.CustomerId;
import dev.rapport.core.Event;
import dev.rapport.core.Moment;
import dev.rapport.core.Segment;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IdempotencyTest {
  static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
  static final CustomerId C1 = CustomerId.of("c-1");

  final StateStore store = StateStore.inMemory();
  final Engine engine = Engine.builder().clock(new MutableClock(T0)).stateStore(store)
      .moments(Moment.builder("first-order").reachedOn("purchased").build())
      .segments(Segment.of("buyers", c -> c.hasDone("purchased")))
      .build();

  @Test
  void duplicate_id_is_ignored_counted_and_changes_nothing() {
    Event order = Event.builder("c-1", "purchased").id("order-1").with("sku", "grinder").at(T0);
    engine.track(order);
    Stored before = Stored.of(engine, C1).orElseThrow();

    boolean processed = engine.track(order);

    assertThat(processed).isFalse();
    assertThat(Stored.of(engine, C1)).contains(before);
    assertThat(engine.statistics().duplicatesIgnored()).isEqualTo(1);
    assertThat(engine.statistics().eventsTracked()).isEqualTo(1);
    assertThat(engine.statistics().eventsEmitted()).isEqualTo(2);
    assertThat(engine.customer("c-1").orElseThrow().count("purchased")).isEqualTo(1);
  }

  @Test
  void host_id_seen_before_is_a_duplicate_whatever_the_content() {
    engine.track(Event.builder("c-1", "purchased").id("order-1").with("sku", "grinder").at(T0));
    Stored before = Stored.of(engine, C1).orElseThrow();

    boolean processed = engine.track(Event.builder("c-1", "purchased").id("order-1")
        .with("sku", "kettle").at(T0.plusSeconds(1)));

    assertThat(processed).isFalse();
    assertThat(Stored.of(engine, C1)).contains(before);
    assertThat(engine.statistics().duplicatesIgnored()).isEqualTo(1);
  }

  @Test
  void same_content_without_host_id_is_a_duplicate() {
    engine.track(Event.builder("c-1", "purchased").with("sku", "grinder").with("qty", 1).at(T0));

    boolean processed = engine.track(
        Event.builder("c-1", "purchased").with("qty", 1L).with("sku", "grinder").at(T0));

    assertThat(processed).isFalse();
    assertThat(engine.customer("c-1").orElseThrow().count("purchased")).isEqualTo(1);
    assertThat(engine.statistics().duplicatesIgnored()).isEqualTo(1);
  }

  @Test
  void same_type_and_time_with_other_content_is_a_new_event() {
    engine.track(Event.builder("c-1", "purchased").with("sku", "grinder").at(T0));

    boolean processed = engine.track(Event.builder("c-1", "purchased").with("sku", "kettle")
        .at(T0));

    assertThat(processed).isTrue();
    assertThat(engine.customer("c-1").orElseThrow().count("purchased")).isEqualTo(2);
    assertThat(engine.statistics().duplicatesIgnored()).isZero();
  }

  @Test
  void same_host_id_for_two_customers_is_two_events() {
    engine.track(Event.builder("c-1", "purchased").id("order-1").at(T0));

    boolean processed = engine.track(Event.builder("c-2", "purchased").id("order-1").at(T0));

    assertThat(processed).isTrue();
    assertThat(engine.customer("c-2").orElseThrow().count("purchased")).isEqualTo(1);
    assertThat(engine.statistics().eventsTracked()).isEqualTo(2);
    assertThat(engine.statistics().duplicatesIgnored()).isZero();
  }

  @Test
  void duplicate_arriving_after_other_events_still_changes_nothing() {
    Event order = Event.builder("c-1", "purchased").id("order-1").at(T0);
    engine.track(order);
    engine.track(Event.builder("c-1", "purchased").id("order-2").at(T0.plusSeconds(10)));
    Stored before = Stored.of(engine, C1).orElseThrow();

    boolean processed = engine.track(order);

    assertThat(processed).isFalse();
    assertThat(Stored.of(engine, C1)).contains(before);
    assertThat(engine.customer("c-1").orElseThrow().count("purchased")).isEqualTo(2);
  }
}
