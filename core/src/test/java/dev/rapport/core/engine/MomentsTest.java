package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Customer;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Moment;
import dev.rapport.core.TraitKey;
import dev.rapport.core.Traits;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MomentsTest {
  static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
  static final TraitKey<String> PLAN = TraitKey.of("plan", String.class);

  final MutableClock clock = new MutableClock(T0.plus(Duration.ofDays(10)));

  final Moment activated = Moment.builder("activated").reachedOn("first_sync").build();
  final Moment bigOrder = Moment.builder("big-order")
      .reachedOn("purchased", p -> p.getDouble("total").orElse(0) > 100).build();
  final Moment powerUser = Moment.builder("power-user")
      .reachedWhen(c -> c.count("report_run") >= 3).build();
  final Moment paying = Moment.builder("paying")
      .reachedWhen(c -> c.trait(PLAN).map(p -> !p.equals("free")).orElse(false)).build();
  final Moment onboarded = Moment.builder("onboarded")
      .reachedOn(EventTypes.MOMENT_REACHED, p -> "activated".equals(p.get(EventTypes.MOMENT)))
      .build();

  final Engine engine = Engine.builder().clock(clock)
      .moments(activated, bigOrder, powerUser, paying).build();

  Customer customer() {
    return engine.customer("c-1").orElseThrow();
  }

  @Test
  void moment_is_reached_once_and_recorded_with_its_event_time() {
    Event sync = Event.of("c-1", "first_sync", T0);

    engine.track(sync);

    assertThat(customer().reached(activated)).isTrue();
    assertThat(customer().reached("activated")).isTrue();
    assertThat(customer().reachedAt("activated")).contains(T0);
    assertThat(customer().moments()).containsExactly(Map.entry("activated", T0));
    assertThat(engine.statistics().eventsEmitted()).isEqualTo(1);
  }

  @Test
  void moment_reached_again_does_nothing() {
    engine.track(Event.of("c-1", "first_sync", T0));

    engine.track(Event.of("c-1", "first_sync", T0.plus(Duration.ofDays(1))));

    assertThat(customer().reachedAt("activated")).contains(T0);
    assertThat(customer().count(EventTypes.MOMENT_REACHED)).isEqualTo(1);
    assertThat(customer().count("first_sync")).isEqualTo(2);
    assertThat(engine.statistics().eventsEmitted()).isEqualTo(1);
  }

  @Test
  void moment_not_reached_is_not_recorded() {
    engine.track(Event.of("c-1", "signed_up", T0));

    Customer c = customer();

    assertThat(c.reached(activated)).isFalse();
    assertThat(c.reachedAt("activated")).isEmpty();
    assertThat(c.moments()).isEmpty();
    assertThat(c.hasDone(EventTypes.MOMENT_REACHED)).isFalse();
  }

  @Test
  void reaching_a_moment_records_a_moment_reached_event_in_the_history() {
    engine.track(Event.of("c-1", "first_sync", T0));

    Customer c = customer();

    assertThat(c.count(EventTypes.MOMENT_REACHED)).isEqualTo(1);
    assertThat(c.last(EventTypes.MOMENT_REACHED)).contains(T0);
    assertThat(c.history(EventTypes.MOMENT_REACHED)).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(EventTypes.MOMENT_REACHED);
      assertThat(e.time()).isEqualTo(T0);
      assertThat(e.properties().asMap()).containsExactly(Map.entry("moment", "activated"));
    });
    assertThat(c.hasDone(EventTypes.MOMENT_REACHED,
        p -> "activated".equals(p.get(EventTypes.MOMENT)))).isTrue();
  }

  @Test
  void moment_with_a_property_condition_is_reached_only_by_a_matching_event() {
    engine.track(Event.builder("c-1", "purchased").with("total", 20).at(T0));

    engine.track(Event.builder("c-1", "purchased").with("total", 120.5)
        .at(T0.plus(Duration.ofHours(1))));

    assertThat(customer().reachedAt("big-order")).contains(T0.plus(Duration.ofHours(1)));
    assertThat(customer().count(EventTypes.MOMENT_REACHED)).isEqualTo(1);
  }

  @Test
  void moment_reached_when_a_condition_first_holds_after_an_event() {
    engine.track(Event.of("c-1", "report_run", T0));
    engine.track(Event.of("c-1", "report_run", T0.plusSeconds(60)));
    boolean reachedAfterTwo = customer().reached(powerUser);

    engine.track(Event.of("c-1", "report_run", T0.plusSeconds(120)));
    engine.track(Event.of("c-1", "report_run", T0.plusSeconds(180)));

    assertThat(reachedAfterTwo).isFalse();
    assertThat(customer().reachedAt("power-user")).contains(T0.plusSeconds(120));
    assertThat(customer().history(EventTypes.MOMENT_REACHED)).extracting(
        e -> e.properties().get(EventTypes.MOMENT)).containsExactly("power-user");
  }

  @Test
  void moment_reached_when_a_condition_holds_after_identify_is_recorded_at_the_engines_time() {
    engine.identify("c-1", Traits.empty().set(PLAN, "free"));
    boolean reachedOnFree = customer().reached(paying);

    engine.identify("c-1", Traits.empty().set(PLAN, "team"));

    assertThat(reachedOnFree).isFalse();
    assertThat(customer().reachedAt("paying")).contains(clock.instant());
    assertThat(customer().count(EventTypes.MOMENT_REACHED)).isEqualTo(1);
    assertThat(customer().last(EventTypes.MOMENT_REACHED)).contains(clock.instant());
  }

  @Test
  void moment_reached_on_another_moment_is_reached_in_the_same_call() {
    Engine chained = Engine.builder().clock(clock).moments(activated, onboarded).build();

    chained.track(Event.of("c-1", "first_sync", T0));

    Customer c = chained.customer("c-1").orElseThrow();
    assertThat(c.moments()).containsOnly(Map.entry("activated", T0), Map.entry("onboarded", T0));
    assertThat(c.count(EventTypes.MOMENT_REACHED)).isEqualTo(2);
    assertThat(c.history(EventTypes.MOMENT_REACHED))
        .extracting(e -> e.properties().get(EventTypes.MOMENT))
        .containsExactlyInAnyOrder("activated", "onboarded");
    assertThat(chained.statistics().eventsEmitted()).isEqualTo(2);
    assertThat(chained.statistics().eventsTracked()).isEqualTo(1);
  }

  @Test
  void moment_reached_on_another_moment_ignores_other_moments() {
    Moment other = Moment.builder("other").reachedOn("other_thing").build();
    Engine chained = Engine.builder().clock(clock).moments(other, onboarded).build();

    chained.track(Event.of("c-1", "other_thing", T0));

    Customer c = chained.customer("c-1").orElseThrow();
    assertThat(c.moments()).containsOnlyKeys("other");
  }
}
