package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Persona;
import dev.rapport.core.Purpose;
import dev.rapport.core.Segment;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.Rejection;
import dev.rapport.core.decision.Rule;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.policy.Cap;
import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.core.policy.Fatigue;
import dev.rapport.core.policy.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cadence per kind of customer and fatigue, in scenarios: a cap for one segment holds its
 * customers and no one else, with its own words in the refusal; a cap for a persona likewise;
 * after three marketing messages in a row unanswered, marketing pauses with the reason FATIGUED
 * until the customer responds or the pause ends, transactional messages still go, and the
 * dashboard counts the fatigued customers.
 */
class CadenceTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Action TIP = Action.builder("tip").via(Channel.IN_APP).build();
  private static final Action RECEIPT = Action.builder("receipt").purpose(Purpose.TRANSACTIONAL)
      .via(Channel.IN_APP).build();
  private static final RuleSet RULES = RuleSet.builder("tips")
      .rule(Rule.builder("everyone").when(c -> true).recommend(TIP).because("tips").build())
      .build();

  private final MutableClock clock = new MutableClock(T0);
  private final List<Dispatch> sent = new ArrayList<>();

  private Engine engine(ContactPolicy policy) {
    return Engine.builder().clock(clock).contactPolicy(policy).rules(RULES)
        .segments(Segment.of("newcomers", c -> c.hasDone("signed_up")))
        .personas(Persona.builder("bargain-hunter").matching(c -> c.hasDone("used_coupon"))
            .build())
        .dispatcher(sent::add)
        .build();
  }

  private void hours(int h) {
    clock.set(clock.instant().plus(Duration.ofHours(h)));
  }

  private static Rejection rejected(Decision d) {
    return d.rejected().stream().filter(r -> r.action().equals("tip")).findFirst().orElseThrow();
  }

  @Test
  void a_cap_for_a_segment_holds_its_customers_only() {
    Engine engine = engine(ContactPolicy.builder()
        .cap(Cap.of(1, Duration.ofDays(7)).forSegment("newcomers"))
        .cap(Cap.of(5, Duration.ofDays(7)))
        .build());
    engine.track(Event.of("ada", "signed_up", T0));   // a newcomer
    engine.track(Event.of("bob", "logged_in", T0));   // not one

    engine.decideAndSend("ada");
    engine.decideAndSend("bob");
    hours(1);
    Decision ada = engine.decideAndSend("ada");
    Decision bob = engine.decideAndSend("bob");

    assertThat(ada.best()).isEmpty();
    assertThat(rejected(ada).reason()).isEqualTo(Reason.CAPPED);
    assertThat(rejected(ada).detail()).contains("for segment 'newcomers'", "limit 1");
    assertThat(bob.best()).as("the segment's cap does not hold bob").isPresent();
    assertThat(sent).extracting(d -> d.customer().value())
        .containsExactly("ada", "bob", "bob");
  }

  @Test
  void a_cap_for_a_persona_holds_its_customers_only() {
    Engine engine = engine(ContactPolicy.builder()
        .cap(Cap.of(1, Duration.ofDays(1)).forPersona("bargain-hunter"))
        .build());
    engine.track(Event.of("cy", "used_coupon", T0));

    engine.decideAndSend("cy");
    engine.decideAndSend("dee");
    hours(1);

    assertThat(rejected(engine.decideAndSend("cy")).detail())
        .contains("for persona 'bargain-hunter'");
    assertThat(engine.decideAndSend("dee").best()).isPresent();
    hours(24);
    assertThat(engine.decideAndSend("cy").best()).as("a day later").isPresent();
  }

  @Test
  void a_cap_for_an_undeclared_segment_is_refused() {
    assertThatThrownBy(() -> Engine.builder().contactPolicy(ContactPolicy.builder()
        .cap(Cap.of(1, Duration.ofDays(7)).forSegment("vips")).build()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("engine: contact policy cap 'at most 1 per PT168H for segment 'vips'' is "
            + "for segment 'vips', which the engine does not declare; declare it with "
            + "Engine.builder().segments(...) or fix the name");
    assertThatThrownBy(() -> Cap.of(1, Duration.ofDays(7)).forSegment("a").forPersona("b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("contact policy: at most 1 per PT168H for segment 'a' is already for "
            + "segment 'a'; cannot add forPersona(\"b\"); declare another cap");
  }

  private Engine tiring() {
    return engine(ContactPolicy.builder()
        .fatigue(Fatigue.after(3).unansweredWithin(Duration.ofDays(2))
            .pauseFor(Duration.ofDays(10)))
        .build());
  }

  /** Three tips a day apart that ada does not open; the clock ends 2 days after the third. */
  private void threeUnanswered(Engine engine) {
    engine.track(Event.of("ada", "logged_in", T0));
    for (int i = 0; i < 3; i++) {
      assertThat(engine.decideAndSend("ada").best()).as("tip %s", i + 1).isPresent();
      hours(24);
    }
    hours(24);
    engine.advanceTo(clock.instant());   // the reviews due: the windows that passed
  }

  @Test
  void three_unanswered_messages_pause_marketing_with_the_reason_fatigued() {
    Engine engine = tiring();
    threeUnanswered(engine);

    Decision d = engine.decideAndSend("ada");

    assertThat(d.best()).isEmpty();
    assertThat(rejected(d).reason()).isEqualTo(Reason.FATIGUED);
    // the third tip at T0 + 2 days, its window of 2 days, then 10 days of pause
    assertThat(rejected(d).detail()).isEqualTo("fatigued: 3 or more marketing messages in a "
        + "row unanswered within PT48H; paused until 2026-03-16T09:00:00Z or a response");
    assertThat(engine.dashboard().fatigued()).hasValue(1);
  }

  @Test
  void a_response_ends_the_fatigue_at_once() {
    Engine engine = tiring();
    threeUnanswered(engine);

    engine.track(Event.of("ada", EventTypes.OPENED, clock.instant()));
    hours(1);

    assertThat(engine.decideAndSend("ada").best()).isPresent();
    assertThat(engine.dashboard().fatigued()).hasValue(0);
  }

  @Test
  void the_pause_ends_on_time_and_lets_one_message_through() {
    Engine engine = tiring();
    threeUnanswered(engine);
    assertThat(engine.dashboard().fatigued()).hasValue(1);

    clock.set(Instant.parse("2026-03-16T09:00:00Z"));
    engine.advanceTo(clock.instant());

    assertThat(engine.dashboard().fatigued()).as("the review at the pause's end").hasValue(0);
    assertThat(engine.decideAndSend("ada").best()).isPresent();
    hours(1);
    assertThat(rejected(engine.decideAndSend("ada")).reason())
        .as("the next waits for that one's window and a pause").isEqualTo(Reason.FATIGUED);
  }

  @Test
  void fatigue_holds_marketing_only() {
    Engine engine = tiring();
    threeUnanswered(engine);

    GateDecision g = Gate.evaluate(ContactPolicy.builder()
        .fatigue(Fatigue.after(3).unansweredWithin(Duration.ofDays(2))
            .pauseFor(Duration.ofDays(10))).build(),
        engine.customer("ada").orElseThrow(),
        ((DefaultEngine) engine).record(dev.rapport.core.CustomerId.of("ada")).orElseThrow()
            .contacts(), RECEIPT, clock.instant(), java.util.Set.of(), false, java.util.Optional.empty());

    assertThat(g.isAllowed()).as("a receipt still goes").isTrue();
  }

  @Test
  void bad_fatigue_rules_are_refused_with_what_to_do() {
    assertThatThrownBy(() -> Fatigue.after(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("contact policy fatigue: after(0) is below 1; give the number of unanswered "
            + "messages that tire a customer, such as 3");
    assertThatThrownBy(() -> ContactPolicy.builder().fatigue(Fatigue.after(2))
        .fatigue(Fatigue.after(3)))
        .isInstanceOf(IllegalStateException.class);
  }
}
