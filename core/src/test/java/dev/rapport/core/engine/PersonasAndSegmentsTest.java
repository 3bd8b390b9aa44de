package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Customer;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Persona;
import dev.rapport.core.Segment;
import dev.rapport.core.TraitKey;
import dev.rapport.core.Traits;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PersonasAndSegmentsTest {
  static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
  static final TraitKey<String> PLAN = TraitKey.of("plan", String.class);

  final MutableClock clock = new MutableClock(T0.plus(Duration.ofDays(1)));

  final Segment happyBuyers = Segment.of("happy-buyers",
      c -> c.hasDone("purchased") && !c.hasDone("refunded"));
  final Segment teamPlan = Segment.of("team-plan",
      c -> c.trait(PLAN).map("team"::equals).orElse(false));
  final Persona barista = Persona.builder("home-barista")
      .goals("better coffee at home")
      .matching(c -> c.hasDone("purchased", p -> "grinder".equals(p.get("sku")))
          && !c.hasDone("returned"))
      .build();

  final Engine engine = Engine.builder().clock(clock)
      .segments(happyBuyers, teamPlan).personas(barista).build();

  Customer customer() {
    return engine.customer("c-1").orElseThrow();
  }

  @Test
  void entering_a_segment_emits_segment_entered_at_the_event_time() {
    Event purchase = Event.builder("c-1", "purchased").with("sku", "kettle").at(T0);

    engine.track(purchase);

    Customer c = customer();
    assertThat(c.in(happyBuyers)).isTrue();
    assertThat(c.in("happy-buyers")).isTrue();
    assertThat(c.segments()).containsExactly("happy-buyers");
    assertThat(c.count(EventTypes.SEGMENT_ENTERED)).isEqualTo(1);
    assertThat(c.history(EventTypes.SEGMENT_ENTERED)).singleElement().satisfies(e -> {
      assertThat(e.properties().get(EventTypes.SEGMENT)).isEqualTo("happy-buyers");
      assertThat(e.time()).isEqualTo(T0);
    });
    assertThat(c.hasDone(EventTypes.SEGMENT_EXITED)).isFalse();
  }

  @Test
  void staying_in_a_segment_emits_nothing_more() {
    engine.track(Event.builder("c-1", "purchased").with("sku", "kettle").at(T0));

    engine.track(Event.builder("c-1", "purchased").with("sku", "scale").at(T0.plusSeconds(1)));

    assertThat(customer().count(EventTypes.SEGMENT_ENTERED)).isEqualTo(1);
    assertThat(customer().in(happyBuyers)).isTrue();
    assertThat(engine.statistics().eventsEmitted()).isEqualTo(1);
  }

  @Test
  void leaving_a_segment_emits_segment_exited() {
    engine.track(Event.builder("c-1", "purchased").with("sku", "kettle").at(T0));

    engine.track(Event.of("c-1", "refunded", T0.plus(Duration.ofHours(2))));

    Customer c = customer();
    assertThat(c.in(happyBuyers)).isFalse();
    assertThat(c.segments()).isEmpty();
    assertThat(c.count(EventTypes.SEGMENT_EXITED)).isEqualTo(1);
    assertThat(c.history(EventTypes.SEGMENT_EXITED)).singleElement().satisfies(e -> {
      assertThat(e.properties().get(EventTypes.SEGMENT)).isEqualTo("happy-buyers");
      assertThat(e.time()).isEqualTo(T0.plus(Duration.ofHours(2)));
    });
  }

  @Test
  void coming_to_match_a_persona_emits_persona_entered() {
    engine.track(Event.builder("c-1", "purchased").with("sku", "kettle").at(T0));
    boolean baristaAfterKettle = customer().is(barista);

    engine.track(Event.builder("c-1", "purchased").with("sku", "grinder").at(T0.plusSeconds(5)));

    Customer c = customer();
    assertThat(baristaAfterKettle).isFalse();
    assertThat(c.is(barista)).isTrue();
    assertThat(c.is("home-barista")).isTrue();
    assertThat(c.personas()).containsExactly("home-barista");
    assertThat(c.count(EventTypes.PERSONA_ENTERED)).isEqualTo(1);
    assertThat(c.history(EventTypes.PERSONA_ENTERED)).singleElement().satisfies(e -> {
      assertThat(e.properties().get(EventTypes.PERSONA)).isEqualTo("home-barista");
      assertThat(e.time()).isEqualTo(T0.plusSeconds(5));
    });
  }

  @Test
  void ceasing_to_match_a_persona_emits_persona_exited() {
    engine.track(Event.builder("c-1", "purchased").with("sku", "grinder").at(T0));

    engine.track(Event.of("c-1", "returned", T0.plusSeconds(60)));

    Customer c = customer();
    assertThat(c.is(barista)).isFalse();
    assertThat(c.personas()).isEmpty();
    assertThat(c.count(EventTypes.PERSONA_ENTERED)).isEqualTo(1);
    assertThat(c.count(EventTypes.PERSONA_EXITED)).isEqualTo(1);
    assertThat(c.history(EventTypes.PERSONA_EXITED)).singleElement()
        .satisfies(e -> assertThat(e.properties().get(EventTypes.PERSONA))
            .isEqualTo("home-barista"));
  }

  @Test
  void membership_is_recomputed_on_identify_at_the_engines_time() {
    engine.identify("c-1", Traits.empty().set(PLAN, "trial"));
    boolean inOnTrial = customer().in(teamPlan);

    engine.identify("c-1", Traits.empty().set(PLAN, "team"));

    Customer c = customer();
    assertThat(inOnTrial).isFalse();
    assertThat(c.in(teamPlan)).isTrue();
    assertThat(c.count(EventTypes.SEGMENT_ENTERED)).isEqualTo(1);
    assertThat(c.last(EventTypes.SEGMENT_ENTERED)).contains(clock.instant());
  }

  @Test
  void leaving_on_identify_emits_segment_exited() {
    engine.identify("c-1", Traits.empty().set(PLAN, "team"));
    clock.advance(Duration.ofHours(1));

    engine.identify("c-1", Traits.empty().set(PLAN, "trial"));

    Customer c = customer();
    assertThat(c.in(teamPlan)).isFalse();
    assertThat(c.count(EventTypes.SEGMENT_EXITED)).isEqualTo(1);
    assertThat(c.last(EventTypes.SEGMENT_EXITED)).contains(clock.instant());
  }

  @Test
  void one_event_can_change_a_persona_and_a_segment_together() {
    Event grinder = Event.builder("c-1", "purchased").with("sku", "grinder").at(T0);

    engine.track(grinder);

    Customer c = customer();
    assertThat(c.segments()).containsExactly("happy-buyers");
    assertThat(c.personas()).containsExactly("home-barista");
    assertThat(engine.statistics().eventsEmitted()).isEqualTo(2);
    assertThat(engine.statistics().eventsTracked()).isEqualTo(1);
  }

  @Test
  void a_segment_can_depend_on_another_segments_events() {
    Segment everHappy = Segment.of("ever-happy",
        c -> c.hasDone(EventTypes.SEGMENT_ENTERED, p -> "happy-buyers".equals(p.get("segment"))));
    Engine chained = Engine.builder().clock(clock).segments(happyBuyers, everHappy).build();
    chained.track(Event.of("c-1", "purchased", T0));

    chained.track(Event.of("c-1", "refunded", T0.plusSeconds(1)));

    Customer c = chained.customer("c-1").orElseThrow();
    assertThat(c.segments()).containsExactly("ever-happy");
    assertThat(c.count(EventTypes.SEGMENT_ENTERED)).isEqualTo(2);
    assertThat(c.count(EventTypes.SEGMENT_EXITED)).isEqualTo(1);
  }
}
