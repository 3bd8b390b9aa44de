package dev.rapport.docs;

import static dev.rapport.dsl.Rapport.*;
import static dev.rapport.testkit.RapportAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.core.Action;
import dev.rapport.core.Moment;
import dev.rapport.core.Persona;
import dev.rapport.core.Segment;
import dev.rapport.core.TraitKey;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.Placement;
import dev.rapport.core.decision.PropensityModel;
import dev.rapport.core.decision.Recommendation;
import dev.rapport.core.decision.Rejection;
import dev.rapport.core.decision.Requirement;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.policy.Reason;
import dev.rapport.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The samples of guide/next-best-action.md, run. */
class NextBestActionGuideTest {
  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
  private static final TraitKey<String> PLAN = TraitKey.of("plan", String.class);

  private final TestClock clock = TestClock.at(NOW);
  private final List<Dispatch> sent = new ArrayList<>();

  // snippet: nba-definitions
  Persona barista = persona("home-barista")
      .matching(c -> c.hasDone("purchased", p -> "grinder".equals(p.get("sku"))))
      .build();
  Segment regulars = segment("regulars")
      .matching(c -> c.count("purchased", Duration.ofDays(90)) >= 2)
      .build();
  Moment delivered = moment("order-delivered").reachedOn("order_delivered").build();

  Action brewGuide = action("brew-guide").topic("coffee").via(EMAIL).value(3.0).build();
  Action filters = action("filters").topic("coffee").via(IN_APP).orElse(EMAIL).value(2.0).build();
  Action loyaltyCard = action("loyalty-card").topic("loyalty").via(IN_APP).build();
  Action reviewRequest = action("review-request").topic("reviews").via(EMAIL).build();
  Action gardenSale = action("garden-sale").topic("garden").via(EMAIL).value(1.5).build();
  // end

  // snippet: nba-rules
  RuleSet storefront = rules("storefront")
      .rule("brew-guides")
          .whenIs(barista)
          .recommend(brewGuide)
          .because("owns a grinder")
      .rule("filters")
          .whenDone("purchased", p -> "grinder".equals(p.get("sku")))
          .when(c -> c.since("purchased").map(d -> d.toDays() >= 20).orElse(false))
          .recommend(filters)
          .because("filters run out after about three weeks")
          .weight(1.5)
      .rule("loyalty")
          .whenIn(regulars)
          .unless(c -> c.hasDone("loyalty_joined"))
          .recommend(loyaltyCard)
          .because("buys regularly")
          .lever(2.0)
      .rule("review")
          .whenReached(delivered)
          .recommend(reviewRequest)
          .because("an order arrived")
      .rule("garden")
          .whenDone("garden_viewed")
          .recommend(gardenSale)
          .because("looked at garden tools")
      .never(reviewRequest).within(Duration.ofDays(7)).after("ticket_opened")
      .build();
  // end

  private Engine engine() {
    return Engine.builder().clock(clock).personas(barista).segments(regulars)
        .moments(delivered).rules(storefront).dispatcher(sent::add).build();
  }

  /** Ada: a grinder 30 days ago, beans 25 days ago, an order delivered, a ticket, garden tools. */
  private Engine withAda() {
    Engine engine = engine();
    engine.identify("ada", profile()
        .set(EMAIL_ADDRESS, "ada@example.com")
        .consent(EMAIL, MARKETING, GRANTED));
    engine.track(event("ada", "purchased").id("o-1").with("sku", "grinder")
        .at(NOW.minus(Duration.ofDays(30))));
    engine.track(event("ada", "purchased").id("o-2").with("sku", "beans")
        .at(NOW.minus(Duration.ofDays(25))));
    engine.track(event("ada", "order_delivered").at(NOW.minus(Duration.ofDays(2))));
    engine.track(event("ada", "ticket_opened").at(NOW.minus(Duration.ofDays(1))));
    engine.track(event("ada", "garden_viewed").at(NOW.minus(Duration.ofDays(1))));
    return engine;
  }

  @Test
  void a_decision_ranks_explains_and_rejects() {
    Engine engine = withAda();

    // snippet: nba-decide
    Decision decision = engine.decide("ada");

    assertThat(decision.toString()).isEqualTo("""
        decision for ada at 2026-03-02T09:00:00Z (default)
          1. brew-guide via email score 1.5000 = 0.5 x 1.0 x 3.0 x 1.0 because owns a grinder
          2. loyalty-card via in_app score 1.0000 = 0.5 x 1.0 x 1.0 x 2.0 because buys regularly
          3. garden-sale via email score 0.7500 = 0.5 x 1.0 x 1.5 x 1.0 because looked at garden tools
          rejected review-request: UNSUITABLE (never review-request within PT168H after ticket_opened)
          rejected filters: TOPIC_TAKEN (a better-scored action of topic 'coffee' won)
        """);
    // end

    // snippet: nba-decision-parts
    Recommendation best = decision.best().orElseThrow();
    assertThat(best.action().name()).isEqualTo("brew-guide");
    assertThat(best.channel()).isEqualTo(EMAIL);
    assertThat(best.score()).isEqualTo(best.propensity() * best.contextWeight()
        * best.value() * best.lever());
    assertThat(best.rules()).containsExactly("brew-guides");
    assertThat(best.reasons()).containsExactly("owns a grinder");

    Rejection review = decision.rejection("review-request").orElseThrow();
    assertThat(review.reason()).isEqualTo(Reason.UNSUITABLE);
    assertThat(review.detail()).isEqualTo("never review-request within PT168H after ticket_opened");
    // end

    // snippet: nba-testkit-assert
    assertThat(decision).recommendsFirst("brew-guide").via(EMAIL).because("owns a grinder");
    assertThat(decision).ranks("brew-guide", "loyalty-card", "garden-sale");
    assertThat(decision).rejects("filters").because(Reason.TOPIC_TAKEN);
    // end

    assertThat(sent).isEmpty();
    assertThat(engine.statistics().decisions()).isEqualTo(1);
  }

  @Test
  void placements() {
    Engine engine = withAda();

    // snippet: nba-placement
    Placement homeBanner = placement("home-banner", 1, IN_APP);

    Decision decision = engine.decide("ada", homeBanner);

    assertThat(decision).recommends("filters").via(IN_APP);
    assertThat(decision).rejects("brew-guide").because(Reason.NOT_ON_PLACEMENT);
    assertThat(decision).rejects("loyalty-card").because(Reason.BELOW_CUTOFF);
    // end

    assertThat(decision.winners()).hasSize(1);
    assertThat(decision.best().orElseThrow().score()).isEqualTo(0.5 * 1.5 * 2.0 * 1.0);
    assertThat(Placement.ofDefaults().take()).isEqualTo(3);
    assertThat(Placement.ofDefaults().channels()).isEmpty();
  }

  @Test
  void decide_and_send() {
    Engine engine = withAda();

    // snippet: nba-decide-and-send
    Decision decision = engine.decideAndSend("ada", placement("newsletter-block", 1, EMAIL));

    assertThat(sent).singleElement().satisfies(d -> {
      assertThat(d.action().name()).isEqualTo("brew-guide");
      assertThat(d.id()).isEqualTo(decision.best().orElseThrow().impressionId());
      assertThat(d.journey()).isEmpty();
      assertThat(d.step()).contains("decision newsletter-block");
    });
    // end
  }

  @Test
  void decide_and_send_counts_the_winners_before_each_one() {
    Engine engine = Engine.builder().clock(clock).personas(barista).segments(regulars)
        .moments(delivered).rules(storefront).dispatcher(sent::add)
        .contactPolicy(contactPolicy().atMost(2).per(Duration.ofDays(7)).build()).build();
    engine.identify("ada", profile().set(EMAIL_ADDRESS, "ada@example.com")
        .consent(EMAIL, MARKETING, GRANTED));
    engine.track(event("ada", "purchased").id("o-1").with("sku", "grinder")
        .at(NOW.minus(Duration.ofDays(30))));
    engine.track(event("ada", "purchased").id("o-2").with("sku", "beans")
        .at(NOW.minus(Duration.ofDays(25))));
    engine.track(event("ada", "garden_viewed").at(NOW.minus(Duration.ofDays(1))));

    assertThat(engine.decide("ada").winners()).hasSize(3);
    Decision d = engine.decideAndSend("ada");

    assertThat(sent).extracting(x -> x.action().name())
        .containsExactly("brew-guide", "loyalty-card");
    assertThat(d).rejects("garden-sale").because(Reason.CAPPED);
  }

  @Test
  void requirements_index_the_rules() {
    // snippet: nba-requirements
    assertThat(storefront.rules().get(0).requirements())
        .containsExactly(Requirement.of(Requirement.Kind.PERSONA, "home-barista"));
    assertThat(storefront.rules().get(2).requirements())
        .containsExactly(Requirement.of(Requirement.Kind.SEGMENT, "regulars"));
    // end

    RuleSet plain = rules("plain").rule("r").when(c -> true).recommend(brewGuide)
        .because("always").build();
    assertThat(plain.rules().get(0).requirements()).isEmpty();
  }

  @Test
  void propensity_models() {
    // snippet: nba-propensity-fixed
    Engine engine = Engine.builder()
        .clock(clock)
        .personas(barista).segments(regulars).moments(delivered)
        .rules(storefront)
        .propensity(PropensityModel.fixed(Map.of("garden-sale", 0.9), 0.1))
        .build();
    // end
    engine.identify("ada", profile().set(EMAIL_ADDRESS, "ada@example.com")
        .consent(EMAIL, MARKETING, GRANTED));
    engine.track(event("ada", "garden_viewed").at(NOW));
    engine.track(event("ada", "purchased").id("o-1").with("sku", "grinder").at(NOW));

    Decision d = engine.decide("ada");

    assertThat(d).ranks("garden-sale", "brew-guide");
    assertThat(d.best().orElseThrow().score()).isCloseTo(0.9 * 1.5, org.assertj.core.api
        .Assertions.within(1e-12));
  }

  @Test
  void adaptive_propensity_learns_from_attributed_outcomes() {
    Action tour = action("tour").topic("help").via(IN_APP).build();
    Action upgrade = action("upgrade").topic("plan").via(IN_APP).build();
    RuleSet saas = rules("saas")
        .rule("upgrade").when(c -> c.trait(PLAN).orElse("").equals("free")).recommend(upgrade)
            .because("on the free plan")
        .rule("tour").recommend(tour).because("new here")
        .build();
    // snippet: nba-propensity-adaptive
    Engine engine = Engine.builder()
        .clock(clock)
        .rules(saas)
        .propensity(PropensityModel.adaptive(42))
        .build();
    engine.identify("c-1", profile().set(PLAN, "free"));

    Recommendation first = engine.decide("c-1").best().orElseThrow();   // both actions win
    engine.track(event("c-1", "clicked")
        .with("impression_id", first.impressionId())
        .at(clock.instant()));
    clock.advance(Duration.ofMinutes(1));
    Decision next = engine.decide("c-1");

    assertThat(first.propensityNote()).isEqualTo("Thompson draw from Beta(1, 1) of group *");
    assertThat(next.winners()).extracting(Recommendation::propensityNote).contains(
        "Thompson draw from Beta(2, 1) of group *",     // the one clicked: 1 success, 1 trial
        "Thompson draw from Beta(1, 2) of group *");    // the other: 0 successes, 1 trial
    // end
    assertThat(first.action().name()).isEqualTo("tour");
    assertThat(next.winners()).extracting(r -> r.action().name() + " " + r.propensityNote())
        .containsExactlyInAnyOrder("tour Thompson draw from Beta(2, 1) of group *",
            "upgrade Thompson draw from Beta(1, 2) of group *");

    Engine same = Engine.builder().clock(TestClock.at(NOW)).rules(saas)
        .propensity(PropensityModel.adaptive(42)).build();
    same.identify("c-1", profile().set(PLAN, "free"));
    assertThat(same.decide("c-1").best().orElseThrow().propensity())
        .isEqualTo(first.propensity());
  }

  @Test
  void a_rule_that_throws_is_skipped_and_reported_or_rethrown_in_strict_mode() {
    Action tour = action("tour").topic("help").via(IN_APP).build();
    Action upgrade = action("upgrade").topic("plan").via(IN_APP).build();
    // snippet: nba-failures
    RuleSet saas = rules("saas")
        .rule("upgrade")
            .when(c -> c.trait(PLAN).orElseThrow().equals("free"))   // throws without a plan
            .recommend(upgrade).because("on the free plan")
        .rule("tour").recommend(tour).because("new here")
        .build();

    Engine lenient = Engine.builder().clock(clock).rules(saas).build();
    Decision d = lenient.decide("c-1");

    assertThat(d).recommends("tour");
    assertThat(d.failures()).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo("upgrade");
      assertThat(f.error()).isEqualTo("java.util.NoSuchElementException");
    });
    assertThat(lenient.statistics().ruleFailures()).isEqualTo(1);

    Engine strict = Engine.builder().clock(clock).rules(saas).strict(true).build();
    assertThatThrownBy(() -> strict.decide("c-1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("rule set 'saas', rule 'upgrade': its condition threw "
            + "java.util.NoSuchElementException (strict mode); fix the condition");
    // end
  }

  @Test
  void no_rule_set_no_decision() {
    Engine engine = Engine.builder().clock(clock).build();

    assertThatThrownBy(() -> engine.decide("c-1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("decide(\"c-1\"): the engine has no rule set; add one with "
            + "Engine.builder().rules(...)");
  }

  @Test
  void suitability_by_topic_and_condition() {
    // snippet: nba-suitability
    RuleSet careful = rules("careful")
        .rule("garden").whenDone("garden_viewed").recommend(gardenSale)
            .because("looked at garden tools")
        .neverTopic("garden").when("has an open ticket",
            c -> c.count("ticket_opened") > c.count("ticket_resolved"))
        .build();
    // end
    Engine engine = Engine.builder().clock(clock).rules(careful).build();
    engine.identify("ada", profile().set(EMAIL_ADDRESS, "ada@example.com")
        .consent(EMAIL, MARKETING, GRANTED));
    engine.track(event("ada", "garden_viewed").at(NOW));
    engine.track(event("ada", "ticket_opened").at(NOW));

    Decision d = engine.decide("ada");

    assertThat(d).rejects("garden-sale").because(Reason.UNSUITABLE);
    assertThat(d.rejection("garden-sale").orElseThrow().detail())
        .isEqualTo("never topic garden when has an open ticket");
    engine.track(event("ada", "ticket_resolved").at(NOW));
    assertThat(engine.decide("ada")).recommends("garden-sale");
  }

  @Test
  void gate_refusals_are_rejections_too() {
    Engine engine = engine();
    engine.identify("bob", profile().set(EMAIL_ADDRESS, "bob@example.com"));
    engine.track(event("bob", "garden_viewed").at(NOW));

    assertThat(engine.decide("bob")).rejects("garden-sale").because(Reason.NO_CONSENT);
  }

  @Test
  void a_rule_name_is_unique_in_its_rule_set() {
    assertThatThrownBy(() -> rules("r").rule("a").recommend(brewGuide).because("x")
        .rule("a"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("rule 'a'");
  }

  @Test
  void several_rules_for_one_action_make_one_candidate_scored_by_the_strongest() {
    RuleSet twice = rules("twice")
        .rule("weak").whenDone("a").recommend(gardenSale).because("did a")
        .rule("strong").whenDone("b").recommend(gardenSale).because("did b").weight(2.0)
        .build();
    Engine engine = Engine.builder().clock(clock).rules(twice).build();
    engine.identify("ada", profile().set(EMAIL_ADDRESS, "ada@example.com")
        .consent(EMAIL, MARKETING, GRANTED));
    engine.track(event("ada", "a").at(NOW));
    engine.track(event("ada", "b").at(NOW));

    Recommendation r = engine.decide("ada").best().orElseThrow();

    assertThat(r.rules()).containsExactly("strong", "weak");
    assertThat(r.reasons()).containsExactly("did b", "did a");
    assertThat(r.contextWeight()).isEqualTo(2.0);
  }

  @Test
  void a_candidate_of_two_rule_sets_passes_the_suitability_rules_of_both() {
    RuleSet first = rules("first").rule("g").whenDone("garden_viewed").recommend(gardenSale)
        .because("x").build();
    RuleSet second = rules("second").rule("g").whenDone("garden_viewed").recommend(gardenSale)
        .because("y").neverTopic("garden").when("always", c -> true).build();
    Engine engine = Engine.builder().clock(clock).rules(first, second).build();
    engine.identify("ada", profile().set(EMAIL_ADDRESS, "ada@example.com")
        .consent(EMAIL, MARKETING, GRANTED));
    engine.track(event("ada", "garden_viewed").at(NOW));

    assertThat(engine.decide("ada")).rejects("garden-sale").because(Reason.UNSUITABLE);
  }

  @Test
  void a_customer_no_rule_matches_gets_an_empty_decision() {
    Decision d = engine().decide("nobody");

    assertThat(d.winners()).isEmpty();
    assertThat(d.rejected()).isEmpty();
  }

  @Test
  void decide_sends_nothing_and_counts_no_contact() {
    Engine engine = Engine.builder().clock(clock).personas(barista).segments(regulars)
        .moments(delivered).rules(storefront).dispatcher(sent::add)
        .contactPolicy(contactPolicy().atMost(1).per(Duration.ofDays(7)).build()).build();
    engine.identify("ada", profile().set(EMAIL_ADDRESS, "ada@example.com")
        .consent(EMAIL, MARKETING, GRANTED));
    engine.track(event("ada", "garden_viewed").at(NOW));

    engine.decide("ada");
    engine.decide("ada");
    assertThat(engine.decide("ada")).recommends("garden-sale");
    assertThat(sent).isEmpty();
    engine.decideAndSend("ada");
    assertThat(engine.decide("ada")).rejects("garden-sale").because(Reason.CAPPED);
  }

  @Test
  void a_suitability_rule_that_throws_blocks_its_action() {
    RuleSet careful = rules("careful")
        .rule("garden").whenDone("garden_viewed").recommend(gardenSale).because("x")
        .never(gardenSale).when("broken", c -> {
          throw new IllegalStateException("boom");
        })
        .build();
    Engine engine = Engine.builder().clock(clock).rules(careful).build();
    engine.identify("ada", profile().set(EMAIL_ADDRESS, "ada@example.com")
        .consent(EMAIL, MARKETING, GRANTED));
    engine.track(event("ada", "garden_viewed").at(NOW));

    Decision d = engine.decide("ada");

    assertThat(d).rejects("garden-sale").because(Reason.UNSUITABLE);
    assertThat(d.rejection("garden-sale").orElseThrow().detail())
        .isEqualTo("never garden-sale when broken (its condition threw "
            + "java.lang.IllegalStateException)");
  }
}
