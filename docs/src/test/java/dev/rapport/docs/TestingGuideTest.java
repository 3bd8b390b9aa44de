package dev.rapport.docs;

import static dev.rapport.dsl.Rapport.*;
import static dev.rapport.testkit.RapportAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.core.Action;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.journey.EnrollmentStatus;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.core.policy.Reason;
import dev.rapport.testkit.EngineProperties;
import dev.rapport.testkit.History;
import dev.rapport.testkit.RapportArbitraries;
import dev.rapport.testkit.Scenario;
import dev.rapport.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The samples of guide/testing.md, run. */
class TestingGuideTest {

  // snippet: testing-definitions
  Action welcome = action("welcome").transactional().via(EMAIL).build();
  Action keyHelp = action("api-key-help").via(IN_APP).orElse(EMAIL).build();
  Action brewGuide = action("brew-guide").topic("coffee").via(EMAIL).build();

  Journey onboarding = journey("onboarding")
      .enterOn("signed_up")
      .steps(
          send(welcome),
          waitFor("api_key_created").atMost(Duration.ofDays(2))
              .onTimeout(send(keyHelp)))
      .build();

  RuleSet storefront = rules("storefront")
      .rule("brew-guides")
          .whenDone("purchased", p -> "grinder".equals(p.get("sku")))
          .recommend(brewGuide)
          .because("owns a grinder")
      .build();

  ContactPolicy policy = contactPolicy()
      .atMost(2).per(Duration.ofDays(1))
      .quietHours(LocalTime.of(22, 0), LocalTime.of(7, 0))
      .build();
  // end

  @Test
  void test_clock() {
    // snippet: testing-clock
    TestClock clock = TestClock.at("2026-03-02T09:00:00Z");

    Instant later = clock.advance(Duration.ofHours(2));
    clock.set(Instant.parse("2026-03-03T09:00:00Z"));

    assertThat(later).isEqualTo(Instant.parse("2026-03-02T11:00:00Z"));
    assertThatThrownBy(() -> clock.set(later))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("test clock: cannot go back from 2026-03-03T09:00:00Z to "
            + "2026-03-02T11:00:00Z; time only moves forward");
    // end
  }

  @Test
  void a_scenario() {
    // snippet: testing-scenario
    Scenario s = Scenario.startingAt("2026-03-02T09:00:00Z", engine -> engine
        .journeys(onboarding)
        .rules(storefront)
        .contactPolicy(policy)
        .strict(true));

    s.given("ada", profile()
            .set(EMAIL_ADDRESS, "ada@example.com")
            .consent(EMAIL, MARKETING, GRANTED))
        .track("ada", "signed_up")
        .track(event("ada", "purchased").id("order-1").with("sku", "grinder"))
        .after(Duration.ofDays(3));

    assertThat(s.outbox()).sent("welcome").to("ada").within(Duration.ofMinutes(1));
    assertThat(s.outbox()).sent("api-key-help").to("ada").via(IN_APP);
    assertThat(s.engine()).hasEnrolled("ada", "onboarding").in(EnrollmentStatus.COMPLETED);
    assertThat(s.decide("ada")).recommends("brew-guide").via(EMAIL);
    // end

    assertThat(s.now()).isEqualTo(Instant.parse("2026-03-05T09:00:00Z"));
  }

  @Test
  void a_scenario_owns_the_clock_and_the_dispatcher() {
    assertThatThrownBy(() -> Scenario.startingAt("2026-03-02T09:00:00Z",
        engine -> engine.clock(TestClock.at("2026-03-02T09:00:00Z"))))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void the_same_event_at_the_same_instant_is_one_event() {
    // snippet: testing-duplicates
    Scenario s = Scenario.startingAt("2026-03-02T09:00:00Z", engine -> engine);

    s.track("ada", "ticket_opened").track("ada", "ticket_opened");     // the same event twice
    s.track(event("bob", "ticket_opened").id("t-1"))
        .track(event("bob", "ticket_opened").id("t-2"));                // two events

    assertThat(s.engine().customer("ada").orElseThrow().count("ticket_opened")).isEqualTo(1);
    assertThat(s.engine().customer("bob").orElseThrow().count("ticket_opened")).isEqualTo(2);
    assertThat(s.engine().statistics().duplicatesIgnored()).isEqualTo(1);
    // end
  }

  @Test
  void an_outbox_failure_shows_what_the_gate_refused() {
    // snippet: testing-outbox-refusal
    Journey afterPurchase = journey("after-purchase")
        .enterOn("purchased")
        .steps(send(brewGuide))
        .build();
    Scenario s = Scenario.startingAt("2026-03-02T09:00:00Z",
        engine -> engine.journeys(afterPurchase));
    s.given("ada", profile().set(EMAIL_ADDRESS, "ada@example.com"))  // no marketing consent
        .track("ada", "purchased");

    assertThatThrownBy(() -> assertThat(s.outbox()).sent("brew-guide").to("ada"))
        .hasMessage("""
            expected 'brew-guide' to be sent, but the outbox holds:
              (nothing was sent)
            and the engine held it back:
              2026-03-02T09:00:00Z  1 send(brew-guide) to ada in journey after-purchase: \
            REFUSED (NO_CONSENT)""");
    // end
  }

  @Test
  void failure_messages_show_what_happened() {
    Scenario s = Scenario.startingAt("2026-03-02T09:00:00Z", engine -> engine
        .journeys(onboarding).rules(storefront).contactPolicy(policy));
    s.given("ada", profile().set(EMAIL_ADDRESS, "ada@example.com"))
        .track("ada", "signed_up");

    // snippet: testing-outbox-failure
    assertThatThrownBy(() -> assertThat(s.outbox()).sent("api-key-help").to("ada"))
        .hasMessage("""
            expected 'api-key-help' to be sent, but the outbox holds:
              2026-03-02T09:00:00Z  welcome to ada via email from journey onboarding
            and the journeys of ada recorded no refusal of 'api-key-help'""");
    // end

    s.track(event("ada", "purchased").id("order-1").with("sku", "grinder"));

    // snippet: testing-decision-failure
    assertThatThrownBy(() -> assertThat(s.decide("ada")).recommends("brew-guide"))
        .hasMessageContaining("""
            expected the decision to recommend 'brew-guide', but it did not:
            decision for ada at 2026-03-02T09:00:00Z (default)
              no recommendation
              rejected brew-guide: NO_CONSENT (no marketing consent on email)""");
    // end

    // snippet: testing-refusal-failure
    assertThatThrownBy(() -> assertThat(s.engine()).refused("welcome").to("ada")
            .because(Reason.CAPPED))
        .hasMessageContaining("""
            expected 'welcome' refused to ada because CAPPED, but:
            customer ada at 2026-03-02T09:00:00Z
              journey onboarding v1 #1: WAITING, at 2 waitFor(api_key_created, atMost PT48H), \
            until 2026-03-04T09:00:00Z
                2026-03-02T09:00:00Z  onboarding  ENTERED
                2026-03-02T09:00:00Z  1 send(welcome)  SENT (via email)""");
    // end
  }

  @Test
  void histories_replay_on_fresh_engines() {
    // snippet: testing-history
    History history = new History(RapportArbitraries.START,
        List.of(new History.CustomerSpec("c-0", true, false,
            Map.of(EMAIL, GRANTED), ZoneOffset.UTC)),
        List.of(new History.Track(Duration.ZERO, "c-0", "signed_up", Map.of()),
            new History.Advance(Duration.ofDays(3))));

    List<Dispatch> sent = history.replay(engine -> engine.journeys(onboarding));

    assertThat(sent).extracting(d -> d.action().name())
        .containsExactly("welcome", "api-key-help");
    // end
  }

  // snippet: testing-property
  @Property(tries = 100)
  void onboarding_keeps_its_promises(@ForAll("histories") History history) {
    EngineProperties.all(
        engine -> engine.journeys(onboarding).rules(storefront).contactPolicy(policy),
        policy, history);
  }

  @Provide
  Arbitrary<History> histories() {
    return RapportArbitraries.histories(
        List.of("signed_up", "api_key_created", "purchased"), Duration.ofDays(5));
  }
  // end

  @Test
  void a_broken_configuration_fails_a_property_with_what_happened() {
    Action nag = action("nag").via(EMAIL).build();
    Journey nagging = journey("nag").enterOn("signed_up").reEnterAfterExit()
        .steps(send(nag)).build();
    ContactPolicy claimed = contactPolicy().atMost(1).per(Duration.ofDays(1)).build();
    History history = new History(RapportArbitraries.START,
        List.of(new History.CustomerSpec("c-0", true, false,
            Map.of(EMAIL, GRANTED), ZoneOffset.UTC)),
        List.of(new History.Track(Duration.ZERO, "c-0", "signed_up", Map.of()),
            new History.Track(Duration.ofHours(1), "c-0", "signed_up", Map.of())));

    // snippet: testing-property-failure
    // the policy says one a day, but the engine was not given it
    assertThatThrownBy(() -> EngineProperties.capsHeld(
            engine -> engine.journeys(nagging), claimed, history))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("expected at most 1 messages per PT24H (at most 1 per PT24H), "
            + "but c-0 got 2:");
    // end
  }
}
