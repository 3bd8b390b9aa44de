package dev.rapport.testkit;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.GRANTED;
import static dev.rapport.dsl.Rapport.MARKETING;
import static dev.rapport.dsl.Rapport.SMS;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.journey;
import static dev.rapport.dsl.Rapport.profile;
import static dev.rapport.dsl.Rapport.send;
import static dev.rapport.testkit.RapportAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.core.Action;
import dev.rapport.core.journey.Journey;
import org.junit.jupiter.api.Test;

/**
 * A {@code sent(...)} assertion that finds nothing shows, beside the outbox, what the gate
 * refused of the action and why.
 */
class OutboxRefusalsTest {
  private final Action welcome = action("welcome").transactional().via(EMAIL).build();
  private final Action promo = action("promo").via(EMAIL).build();
  private final Journey onboarding = journey("onboarding").enterOn("signed_up")
      .steps(send(welcome), send(promo)).build();

  private Scenario signUp(String... customers) {
    Scenario s = Scenario.startingAt("2026-03-02T09:00:00Z", e -> e.journeys(onboarding));
    for (String c : customers) {
      s.given(c, profile().set(EMAIL_ADDRESS, c + "@example.com")).track(c, "signed_up");
    }
    return s;
  }

  @Test
  void sent_to_a_customer_shows_what_the_gate_refused_them_and_why() {
    Scenario s = signUp("ada");

    assertThatThrownBy(() -> assertThat(s.outbox()).sent("promo").to("ada"))
        .hasMessage("""
            expected 'promo' to be sent, but the outbox holds:
              2026-03-02T09:00:00Z  welcome to ada via email from journey onboarding
            and the engine held it back:
              2026-03-02T09:00:00Z  2 send(promo) to ada in journey onboarding: REFUSED \
            (NO_CONSENT)""");
  }

  @Test
  void narrowing_to_a_customer_shows_only_their_refusals() {
    Scenario s = signUp("ada", "bob");
    s.given("cy", profile().set(EMAIL_ADDRESS, "cy@example.com")
        .consent(EMAIL, MARKETING, GRANTED)).track("cy", "signed_up");

    assertThatThrownBy(() -> assertThat(s.outbox()).sent("promo").to("bob"))
        .hasMessage("""
            expected 'promo' sent to bob, but the outbox holds:
              2026-03-02T09:00:00Z  welcome to ada via email from journey onboarding
              2026-03-02T09:00:00Z  welcome to bob via email from journey onboarding
              2026-03-02T09:00:00Z  welcome to cy via email from journey onboarding
              2026-03-02T09:00:00Z  promo to cy via email from journey onboarding
            and the engine held it back:
              2026-03-02T09:00:00Z  2 send(promo) to bob in journey onboarding: REFUSED \
            (NO_CONSENT)""");
  }

  @Test
  void without_a_refusal_it_says_the_journeys_recorded_none() {
    Scenario s = signUp("ada");

    assertThatThrownBy(() -> assertThat(s.outbox()).sent("welcome").to("ada").via(SMS))
        .hasMessage("""
            expected 'welcome' sent to ada via sms, but the outbox holds:
              2026-03-02T09:00:00Z  welcome to ada via email from journey onboarding
            and the journeys of ada recorded no refusal of 'welcome'""");
  }

  @Test
  void an_outbox_outside_a_scenario_shows_the_outbox_only() {
    Outbox outbox = new Outbox();

    assertThatThrownBy(() -> assertThat(outbox).sent("promo"))
        .hasMessage("""
            expected 'promo' to be sent, but the outbox holds:
              (nothing was sent)""");
  }
}
