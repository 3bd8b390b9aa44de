package dev.rapport.testkit;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.GRANTED;
import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.MARKETING;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.contactPolicy;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.journey;
import static dev.rapport.dsl.Rapport.profile;
import static dev.rapport.dsl.Rapport.rules;
import static dev.rapport.dsl.Rapport.send;
import static dev.rapport.testkit.RapportAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.core.Action;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.journey.EnrollmentStatus;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.core.policy.Reason;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestkitSelfTest {
  private final Action brewGuide = action("brew-guide").topic("coffee").via(EMAIL).build();
  private final Action promo = action("promo").via(EMAIL).build();
  private final Action welcome = action("welcome").transactional().via(EMAIL).build();

  /** Meant to recommend brew guides to grinder owners, but reads the wrong property. */
  private final RuleSet broken = rules("storefront")
      .rule("brew-guides")
          .whenDone("purchased", p -> "grinder".equals(p.get("product")))
          .recommend(brewGuide)
          .because("owns a grinder")
      .build();

  private final RuleSet fixed = rules("storefront")
      .rule("brew-guides")
          .whenDone("purchased", p -> "grinder".equals(p.get("sku")))
          .recommend(brewGuide)
          .because("owns a grinder")
      .build();

  private Scenario grinderOwner(RuleSet ruleSet) {
    Scenario s = Scenario.startingAt("2026-03-02T09:00:00Z", e -> e.rules(ruleSet));
    s.given("c-1", profile().set(EMAIL_ADDRESS, "ada@example.com")
        .consent(EMAIL, MARKETING, GRANTED));
    s.track(event("c-1", "purchased").with("sku", "grinder"));
    return s;
  }

  @Test
  void a_broken_rule_set_fails_with_what_was_expected_and_what_happened() {
    Scenario s = grinderOwner(broken);

    Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
        () -> assertThat(s.decide("c-1")).recommends("brew-guide").via(EMAIL));

    org.assertj.core.api.Assertions.assertThat(failure).isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected the decision to recommend 'brew-guide', but it did not:")
        .hasMessageContaining("decision for c-1 at 2026-03-02T09:00:00Z (default)")
        .hasMessageContaining("no recommendation");
  }

  @Test
  void the_fixed_rule_set_passes_the_same_assertion() {
    Scenario s = grinderOwner(fixed);

    assertThat(s.decide("c-1")).recommends("brew-guide").via(EMAIL).because("owns a grinder");
  }

  @Test
  void a_wrong_channel_says_which_channel_it_was() {
    Scenario s = grinderOwner(fixed);

    assertThatThrownBy(() -> assertThat(s.decide("c-1")).recommends("brew-guide").via(IN_APP))
        .hasMessageContaining("expected 'brew-guide' via in_app, but it goes via email");
  }

  @Test
  void outbox_assertions_list_what_was_sent_instead() {
    Journey onboarding = journey("onboarding").enterOn("signed_up").steps(send(welcome)).build();
    Scenario s = Scenario.startingAt("2026-03-02T09:00:00Z", e -> e.journeys(onboarding));
    s.given("c-1", profile().set(EMAIL_ADDRESS, "ada@example.com"));
    s.after(Duration.ofMinutes(5)).track("c-1", "signed_up");

    assertThat(s.outbox()).sent("welcome").to("c-1").within(Duration.ofMinutes(1)).times(1);
    assertThatThrownBy(() -> assertThat(s.outbox()).sent("promo").to("c-1"))
        .hasMessageContaining("expected 'promo' to be sent, but the outbox holds:")
        .hasMessageContaining("2026-03-02T09:05:00Z  welcome to c-1 via email from journey "
            + "onboarding");
    assertThatThrownBy(() -> assertThat(s.outbox()).didNotSend("welcome").to("c-1"))
        .hasMessageContaining("expected 'welcome' not to be sent to c-1");
    assertThat(s.engine()).hasEnrolled("c-1", "onboarding").in(EnrollmentStatus.COMPLETED);
  }

  @Test
  void engine_assertions_find_refusals_and_explain_when_there_is_none() {
    ContactPolicy policy = contactPolicy().atMost(1).per(Duration.ofDays(1)).build();
    Journey promos = journey("promos").enterOn("browsed").reEnterAfterExit()
        .steps(send(promo)).build();
    Scenario s = Scenario.startingAt("2026-03-02T09:00:00Z",
        e -> e.journeys(promos).contactPolicy(policy));
    s.given("c-1", profile().set(EMAIL_ADDRESS, "ada@example.com")
        .consent(EMAIL, MARKETING, GRANTED));
    s.track("c-1", "browsed").after(Duration.ofHours(1)).track("c-1", "browsed");

    assertThat(s.outbox()).sent("promo").to("c-1").times(1);
    assertThat(s.engine()).refused("promo").because(Reason.CAPPED);
    assertThat(s.engine()).refused("promo").to("c-1").because(Reason.CAPPED);
    assertThatThrownBy(() -> assertThat(s.engine()).refused("promo").to("c-1")
        .because(Reason.NO_CONSENT))
        .hasMessageContaining("expected 'promo' refused to c-1 because NO_CONSENT, but:")
        .hasMessageContaining("REFUSED (CAPPED)");
  }

  @Test
  void refusal_assertions_narrow_by_journey_decision_channel_and_time_and_count() {
    ContactPolicy policy = contactPolicy().atMost(1).per(Duration.ofDays(1)).build();
    Journey promos = journey("promos").enterOn("browsed").reEnterAfterExit()
        .steps(send(promo)).build();
    Scenario s = Scenario.startingAt("2026-03-02T09:00:00Z",
        e -> e.journeys(promos).contactPolicy(policy));
    s.given("c-1", profile().set(EMAIL_ADDRESS, "ada@example.com")
        .consent(EMAIL, MARKETING, GRANTED));
    java.time.Instant start = s.clock().instant();

    s.track("c-1", "browsed").after(Duration.ofHours(1)).track("c-1", "browsed")
        .after(Duration.ofHours(1)).track("c-1", "browsed");

    assertThat(s.engine()).refused("promo").to("c-1").inJourney("promos").on(EMAIL)
        .because(Reason.CAPPED).times(2);
    assertThat(s.engine()).refused("promo").to("c-1")
        .between(start, start.plus(Duration.ofMinutes(90))).because(Reason.CAPPED).times(1);
    assertThatThrownBy(() -> assertThat(s.engine()).refused("promo").to("c-1").inDecision()
        .because(Reason.CAPPED))
        .hasMessageContaining("expected 'promo' refused to c-1 because CAPPED in a decision, "
            + "but:")
        .hasMessageContaining("refusals of 'promo' kept for c-1:")
        .hasMessageContaining("promo  CAPPED on email  journey promos step 1");
    assertThatThrownBy(() -> assertThat(s.engine()).refused("promo").to("c-1")
        .because(Reason.CAPPED).times(3))
        .hasMessageContaining("expected 'promo' refused to c-1 because CAPPED 3 times, but it "
            + "was 2 times:");
    assertThatThrownBy(() -> assertThat(s.engine()).refused("promo").on(EMAIL))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("refused('promo').on(...): narrow to a customer first, with "
            + "to(customerId)");
  }

  @Test
  void refusal_assertions_find_a_customer_held_out_of_an_action() {
    Action offer = action("spring-offer").via(IN_APP).holdout(0.5).build();
    Journey spring = journey("spring").enterOn("browsed").steps(send(offer)).build();
    RuleSet shop = rules("shop").rule("everyone").when(c -> true).recommend(offer)
        .because("spring").build();
    Scenario s = Scenario.startingAt("2026-03-02T09:00:00Z", e -> e.journeys(spring)
        .rules(shop));
    List<String> customers = List.of("c-1", "c-2", "c-3", "c-4", "c-5", "c-6", "c-7", "c-8");
    for (String c : customers) {
      s.track(c, "browsed");
    }
    String held = customers.stream().filter(c -> s.outbox().to(c).isEmpty()).findFirst()
        .orElseThrow();
    String treated = customers.stream().filter(c -> !s.outbox().to(c).isEmpty()).findFirst()
        .orElseThrow();

    dev.rapport.core.decision.Decision decision = s.engine().decideAndSend(held);

    assertThat(s.engine()).refused("spring-offer").because(Reason.ACTION_HOLDOUT);
    assertThat(s.engine()).refused("spring-offer").to(held).inJourney("spring")
        .because(Reason.ACTION_HOLDOUT).times(1);
    assertThat(s.engine()).refused("spring-offer").to(held).inDecision()
        .because(Reason.ACTION_HOLDOUT).times(1);
    assertThat(decision).rejects("spring-offer").because(Reason.ACTION_HOLDOUT);
    assertThatThrownBy(() -> assertThat(s.engine()).refused("spring-offer").to(treated)
        .because(Reason.ACTION_HOLDOUT))
        .hasMessageContaining("expected 'spring-offer' refused to " + treated
            + " because ACTION_HOLDOUT, but:");
    assertThatThrownBy(() -> assertThat(s.outbox()).sent("spring-offer").to(held))
        .hasMessageContaining("send(spring-offer) to " + held + " in journey spring: REFUSED "
            + "(ACTION_HOLDOUT)");
  }

  @Test
  void held_out_customers_are_never_sent_the_action_as_a_ready_made_property() {
    Action offer = action("spring-offer").via(EMAIL).holdout(0.5).build();
    Journey spring = journey("spring").enterOn("browsed").reEnterAfterExit()
        .steps(send(offer)).build();
    List<History.CustomerSpec> customers = new java.util.ArrayList<>();
    List<History.Step> steps = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      customers.add(new History.CustomerSpec("c-" + i, true, false,
          java.util.Map.of(EMAIL, GRANTED), java.time.ZoneId.of("UTC")));
      steps.add(new History.Track(Duration.ofHours(i), "c-" + i, "browsed", java.util.Map.of()));
      steps.add(new History.Track(Duration.ofHours(20 + i), "c-" + i, "browsed",
          java.util.Map.of("again", true)));
    }
    History history = new History(RapportArbitraries.START, customers, steps);
    ContactPolicy policy = contactPolicy().build();

    EngineProperties.all(e -> e.journeys(spring).contactPolicy(policy), policy, history);

    List<dev.rapport.core.engine.Dispatch> sent = history.replay(e -> e.journeys(spring)
        .contactPolicy(policy));
    org.assertj.core.api.Assertions.assertThat(sent).as("some held out, some sent twice")
        .hasSizeBetween(2, 14).hasSize(sent.size() / 2 * 2);
  }

  @Test
  void ready_made_properties_hold_for_a_sound_configuration_and_fail_for_a_false_claim() {
    ContactPolicy policy = contactPolicy().atMost(1).per(Duration.ofDays(1)).build();
    Journey promos = journey("promos").enterOn("browsed").reEnterAfterExit()
        .steps(send(promo)).build();
    History history = new History(RapportArbitraries.START,
        List.of(new History.CustomerSpec("c-1", true, false,
            java.util.Map.of(EMAIL, GRANTED), java.time.ZoneId.of("UTC"))),
        List.of(new History.Track(Duration.ZERO, "c-1", "browsed", java.util.Map.of()),
            new History.Track(Duration.ofHours(1), "c-1", "browsed", java.util.Map.of("n", 1)),
            new History.Track(Duration.ofHours(30), "c-1", "browsed", java.util.Map.of("n", 2))));

    EngineProperties.all(e -> e.journeys(promos).contactPolicy(policy), policy, history);

    ContactPolicy claimed = contactPolicy().atMost(1).per(Duration.ofDays(7)).build();
    assertThatThrownBy(() -> EngineProperties.capsHeld(
        e -> e.journeys(promos).contactPolicy(policy), claimed, history))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected at most 1 messages per PT168H")
        .hasMessageContaining("but c-1 got 2");
  }
}
