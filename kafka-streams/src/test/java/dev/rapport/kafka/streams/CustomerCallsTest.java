package dev.rapport.kafka.streams;

import static dev.rapport.dsl.Rapport.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.core.engine.Engine;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The calls of a record, made on an in-process engine as a stream task makes them. */
class CustomerCallsTest {
  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
  private final Engine engine = Engine.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

  @Test
  void the_calls_go_to_the_engine_for_the_records_customer_only() {
    CustomerCalls calls = CustomerCalls.on(engine, "c-1", NOW);

    assertThat(calls.customerId()).isEqualTo("c-1");
    assertThat(calls.time()).isEqualTo(NOW);
    assertThat(calls.track(event("c-1", "signed_up").at(NOW))).isTrue();
    assertThat(engine.customer("c-1")).isPresent();
    assertThatThrownBy(() -> calls.track(event("c-2", "signed_up").at(NOW)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("track(event): the event is of another customer than the "
            + "record's key");
    assertThat(engine.customer("c-2")).isEmpty();
  }

  @Test
  void missing_arguments_are_refused_by_name() {
    assertThatThrownBy(() -> CustomerCalls.on(null, "c-1", NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CustomerCalls.on(engine, customerId, time): engine is null; give the "
            + "engine, the record's key and its timestamp");
    assertThatThrownBy(() -> CustomerCalls.on(engine, " ", NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CustomerCalls.on(engine, customerId, time): customerId is blank; give the "
            + "record's key, the customer's id");
    assertThatThrownBy(() -> CustomerCalls.on(engine, "c-1", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("time is null");
  }
}
