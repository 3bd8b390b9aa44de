package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Channel;
import dev.rapport.core.ConsentStatus;
import dev.rapport.core.CustomerId;
import dev.rapport.core.Event;
import dev.rapport.core.Moment;
import dev.rapport.core.Profile;
import dev.rapport.core.Purpose;
import dev.rapport.core.Segment;
import dev.rapport.core.TraitKey;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ForgetTest {
  static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

  final MutableClock clock = new MutableClock(T0);
  final StateStore store = StateStore.inMemory();
  final Engine engine = Engine.builder().clock(clock).stateStore(store)
      .moments(Moment.builder("activated").reachedOn("first_sync").build())
      .segments(Segment.of("buyers", c -> c.hasDone("purchased")))
      .build();

  void knowEverythingAbout(String id) {
    engine.identify(id, Profile.empty().set(TraitKey.EMAIL_ADDRESS, id + "@example.com")
        .consent(Channel.EMAIL, Purpose.MARKETING, ConsentStatus.GRANTED));
    engine.track(Event.builder(id, "purchased").id(id + "-order-1").with("sku", "grinder")
        .at(T0.minus(Duration.ofDays(1))));
    engine.track(Event.of(id, "first_sync", T0));
  }

  @Test
  void forget_leaves_nothing_behind() {
    knowEverythingAbout("c-1");

    boolean held = engine.forget("c-1");

    assertThat(held).isTrue();
    assertThat(engine.customer("c-1")).isEmpty();
    assertThat(Stored.of(engine, CustomerId.of("c-1"))).isEmpty();
    assertThat(store.size()).isZero();
  }

  @Test
  void forget_of_a_customer_never_seen_reports_nothing_held() {
    knowEverythingAbout("c-1");

    boolean held = engine.forget("c-2");

    assertThat(held).isFalse();
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void forget_leaves_other_customers_as_they_were() {
    knowEverythingAbout("c-1");
    knowEverythingAbout("c-2");
    Stored before = Stored.of(engine, CustomerId.of("c-2")).orElseThrow();

    engine.forget("c-1");

    assertThat(Stored.of(engine, CustomerId.of("c-2"))).contains(before);
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void event_tracked_again_after_forget_is_processed_as_new() {
    Event order = Event.builder("c-1", "purchased").id("order-1").at(T0);
    engine.track(order);
    engine.forget("c-1");

    boolean processed = engine.track(order);

    assertThat(processed).isTrue();
    assertThat(engine.customer("c-1").orElseThrow().count("purchased")).isEqualTo(1);
    assertThat(engine.customer("c-1").orElseThrow().segments()).containsExactly("buyers");
    assertThat(engine.statistics().duplicatesIgnored()).isZero();
    assertThat(engine.statistics().eventsTracked()).isEqualTo(2);
  }

  @Test
  void customer_forgotten_and_seen_again_starts_from_nothing() {
    knowEverythingAbout("c-1");
    engine.forget("c-1");

    engine.track(Event.of("c-1", "logged_in", T0));

    var c = engine.customer("c-1").orElseThrow();
    assertThat(c.traits().isEmpty()).isTrue();
    assertThat(c.moments()).isEmpty();
    assertThat(c.segments()).isEmpty();
    assertThat(c.eventTypes()).containsExactly("logged_in");
    assertThat(c.consent(Channel.EMAIL, Purpose.MARKETING).status())
        .isEqualTo(ConsentStatus.UNKNOWN);
    assertThat(Stored.of(engine, CustomerId.of("c-1")).orElseThrow().version()).isEqualTo(1);
  }
}
