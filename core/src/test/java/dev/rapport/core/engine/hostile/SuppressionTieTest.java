package dev.rapport.core.engine.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.TraitKey;
import dev.rapport.core.Traits;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.Rule;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.MutableClock;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.Trigger;
import dev.rapport.core.policy.Reason;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10, defect 1: an unsubscribe or a complaint given in the same instant as the consent
 * wins the tie. Clocks with whole-second resolution and replays make such ties common, and a
 * customer who said both at once must not be sent marketing.
 */
class SuppressionTieTest {
  static final Instant T0 = Instant.parse("2025-06-02T10:00:00Z");

  final MutableClock clock = new MutableClock(T0);
  final Outbox outbox = new Outbox();
  final Action newsletter = Action.builder("newsletter").via(Channel.EMAIL).build();
  final Journey welcome = Journey.builder("welcome").enterOn(Trigger.onEvent("signed_up"))
      .steps(SendStep.of(newsletter)).build();
  final RuleSet offers = RuleSet.builder("offers").rule(Rule.builder("everyone")
      .when(c -> true).recommend(newsletter).because("everyone gets the newsletter").build())
      .build();
  final Engine engine = Engine.builder().clock(clock).journeys(welcome).rules(offers)
      .dispatcher(outbox).build();

  @BeforeEach
  void reachableByEmail() {
    engine.identify("c-1", Traits.empty().set(TraitKey.EMAIL_ADDRESS, "ada@example.com"));
  }

  Event consent(Instant at) {
    return Event.builder("c-1", EventTypes.CONSENT_GRANTED).with("channel", "email")
        .with("purpose", "marketing").at(at);
  }

  Event optOut(String type, Instant at) {
    return Event.builder("c-1", type).with("channel", "email").at(at);
  }

  @ParameterizedTest
  @ValueSource(strings = {EventTypes.UNSUBSCRIBED, EventTypes.COMPLAINED})
  void opt_out_in_the_same_instant_as_the_consent_stops_a_journey_sending_marketing(
      String optOut) {
    engine.track(consent(T0));
    engine.track(optOut(optOut, T0));
    clock.advance(Duration.ofMinutes(1));

    engine.track(Event.of("c-1", "signed_up", clock.instant()));

    assertThat(outbox.handedOver()).isEmpty();
    assertThat(engine.journeyStats("welcome").steps().get(0).refused(Reason.SUPPRESSED))
        .isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {EventTypes.UNSUBSCRIBED, EventTypes.COMPLAINED})
  void opt_out_tracked_before_a_consent_of_the_same_instant_still_wins(String optOut) {
    engine.track(optOut(optOut, T0));
    engine.track(consent(T0));
    clock.advance(Duration.ofMinutes(1));

    engine.track(Event.of("c-1", "signed_up", clock.instant()));

    assertThat(outbox.handedOver()).isEmpty();
  }

  @Test
  void unsubscribe_in_the_same_instant_as_the_consent_stops_a_decision_recommending_marketing() {
    engine.track(consent(T0));
    engine.track(optOut(EventTypes.UNSUBSCRIBED, T0));
    clock.advance(Duration.ofMinutes(1));

    Decision decision = engine.decide("c-1");

    assertThat(decision.winners()).isEmpty();
    assertThat(decision.rejection("newsletter")).hasValueSatisfying(
        r -> assertThat(r.reason()).isEqualTo(Reason.SUPPRESSED));
  }

  @Test
  void consent_given_strictly_after_an_unsubscribe_lets_marketing_through_again() {
    engine.track(optOut(EventTypes.UNSUBSCRIBED, T0));
    engine.track(consent(T0.plusSeconds(1)));
    clock.advance(Duration.ofMinutes(1));

    engine.track(Event.of("c-1", "signed_up", clock.instant()));

    assertThat(outbox.actions()).containsExactly("newsletter");
  }
}
