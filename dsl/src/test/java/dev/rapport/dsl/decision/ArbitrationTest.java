package dev.rapport.dsl.decision;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.GRANTED;
import static dev.rapport.dsl.Rapport.DENIED;
import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.MARKETING;
import static dev.rapport.dsl.Rapport.SMS;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.contactPolicy;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.placement;
import static dev.rapport.dsl.Rapport.preferences;
import static dev.rapport.dsl.Rapport.profile;
import static dev.rapport.dsl.Rapport.rules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import dev.rapport.core.Action;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.Placement;
import dev.rapport.core.decision.PropensityModel;
import dev.rapport.core.decision.Recommendation;
import dev.rapport.core.decision.Rejection;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.core.policy.Reason;
import dev.rapport.dsl.journey.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Arbitration by hand: priority recomputed from its factors, one action per topic, placement
 * limits, and every rejection reason where it belongs.
 */
class ArbitrationTest {
  private static final Instant T = Instant.parse("2026-05-04T10:00:00Z");

  private final MutableClock clock = new MutableClock(T);
  private final List<Dispatch> outbox = new ArrayList<>();

  private Engine.Builder engine(RuleSet... ruleSets) {
    return Engine.builder().clock(clock).rules(ruleSets).dispatcher(outbox::add);
  }

  private static List<String> winners(Decision d) {
    return d.winners().stream().map(r -> r.action().name()).toList();
  }

  /** A customer reachable by email who agreed to marketing email. */
  private static void subscriber(Engine engine, String id) {
    engine.identify(id, profile().set(EMAIL_ADDRESS, id + "@example.com")
        .consent(EMAIL, MARKETING, GRANTED));
  }

  // ------------------------------------------------------------------ the ranking by hand

  /** One candidate's factors, as the test declares them. */
  private record Factors(String action, double propensity, double weight, double value,
      double lever) {
    double score() {
      return propensity * weight * value * lever;
    }
  }

  @Nested
  class HandComputedRanking {
    private final Action upgrade = action("upgrade-offer").topic("plans").via(IN_APP).value(10)
        .build();
    private final Action webinar = action("webinar-invite").topic("education").via(IN_APP)
        .value(4).build();
    private final Action referral = action("referral-ask").topic("advocacy").via(IN_APP)
        .value(6).build();
    private final Action survey = action("feedback-survey").topic("feedback").via(IN_APP)
        .value(1).build();
    private final Action addon = action("addon-offer").via(IN_APP).value(2).build();

    private final RuleSet ruleSet = rules("account-page")
        .rule("heavy-usage-upgrade")
            .whenDone("limit_reached")
            .recommend(upgrade)
            .because("keeps hitting the plan's limits")
            .weight(0.8).lever(1.5)
        .rule("learner-webinar")
            .whenDone("docs_read")
            .recommend(webinar)
            .because("reads the docs")
            .weight(1.2).value(5.0)
        .rule("happy-referral")
            .whenDone("limit_reached")
            .recommend(referral)
            .because("gets value from the product")
            .weight(0.5).lever(2.0)
        .rule("survey-everyone")
            .recommend(survey)
            .because("we ask everyone once")
            .weight(3.0).lever(0.7)
        .rule("addon-for-readers")
            .whenDone("docs_read")
            .recommend(addon)
            .because("reads about the add-on")
        .build();

    private final PropensityModel model = PropensityModel.fixed(Map.of(
        "upgrade-offer", 0.12,
        "webinar-invite", 0.3,
        "feedback-survey", 0.4,
        "addon-offer", 0.75), 0.25);

    /** The same factors, as a reader computes them from the rules, actions and model above. */
    private final List<Factors> expected = List.of(
        new Factors("upgrade-offer", 0.12, 0.8, 10, 1.5),
        new Factors("webinar-invite", 0.3, 1.2, 5.0, 1.0),
        new Factors("referral-ask", 0.25, 0.5, 6, 2.0),
        new Factors("feedback-survey", 0.4, 3.0, 1, 0.7),
        new Factors("addon-offer", 0.75, 1.0, 2, 1.0));

    private Engine engine;

    HandComputedRanking() {
      engine = engine(ruleSet).propensity(model).build();
      engine.track(event("c-1", "limit_reached").at(T.minusSeconds(600)));
      engine.track(event("c-1", "docs_read").at(T.minusSeconds(300)));
    }

    @Test
    void ranks_by_propensity_times_weight_times_value_times_lever_as_computed_by_hand() {
      List<Factors> byHand = new ArrayList<>(expected);
      byHand.sort(Comparator.comparingDouble(Factors::score).reversed()
          .thenComparing(Factors::action));

      Decision d = engine.decide("c-1", placement("account", 5, IN_APP));

      assertThat(winners(d)).containsExactlyElementsOf(
          byHand.stream().map(Factors::action).toList());
      assertThat(winners(d)).containsExactly("webinar-invite", "addon-offer", "referral-ask",
          "upgrade-offer", "feedback-survey");
      for (int i = 0; i < byHand.size(); i++) {
        Factors f = byHand.get(i);
        Recommendation r = d.winners().get(i);
        assertThat(r.propensity()).as(f.action() + " propensity").isEqualTo(f.propensity());
        assertThat(r.contextWeight()).as(f.action() + " weight").isEqualTo(f.weight());
        assertThat(r.value()).as(f.action() + " value").isEqualTo(f.value());
        assertThat(r.lever()).as(f.action() + " lever").isEqualTo(f.lever());
        assertThat(r.score()).as(f.action() + " score").isCloseTo(f.score(), within(1e-12));
        assertThat(r.channel()).isEqualTo(IN_APP);
      }
      assertThat(d.rejected()).isEmpty();
    }

    @Test
    void the_scores_are_the_products_of_their_factors() {
      Decision d = engine.decide("c-1", placement("account", 5, IN_APP));

      assertThat(d.winners()).extracting(Recommendation::score).containsExactly(
          0.3 * 1.2 * 5.0, 0.75 * 2, 0.25 * 0.5 * 6 * 2.0, 0.12 * 0.8 * 10 * 1.5,
          0.4 * 3.0 * 1 * 0.7);
      assertThat(d.winners()).allSatisfy(r -> assertThat(r.score()).isCloseTo(
          r.propensity() * r.contextWeight() * r.value() * r.lever(), within(1e-12)));
    }

    @Test
    void an_exact_tie_goes_to_the_action_name_first_in_alphabetical_order() {
      Decision d = engine.decide("c-1", placement("account", 5, IN_APP));

      assertThat(d.winners().get(1).score()).isEqualTo(d.winners().get(2).score());
      assertThat(d.winners().get(1).action().name()).isEqualTo("addon-offer");
      assertThat(d.winners().get(2).action().name()).isEqualTo("referral-ask");
    }

    @Test
    void a_rule_value_overrides_the_action_value_and_weight_and_lever_default_to_one() {
      Decision d = engine.decide("c-1", placement("account", 5, IN_APP));

      Recommendation webinarWinner = d.winners().get(0);
      Recommendation addonWinner = d.winners().get(1);
      assertThat(webinarWinner.value()).isEqualTo(5.0);
      assertThat(webinarWinner.action().value()).isEqualTo(4.0);
      assertThat(addonWinner.contextWeight()).isEqualTo(1.0);
      assertThat(addonWinner.lever()).isEqualTo(1.0);
      assertThat(addonWinner.propensityNote()).isEqualTo("fixed 0.75 for addon-offer");
    }

    @Test
    void the_placement_take_cuts_the_ranking_and_says_so() {
      Decision d = engine.decide("c-1", placement("sidebar", 2, IN_APP));

      assertThat(winners(d)).containsExactly("webinar-invite", "addon-offer");
      assertThat(d.rejected()).extracting(Rejection::action, Rejection::reason).containsExactly(
          org.assertj.core.groups.Tuple.tuple("referral-ask", Reason.BELOW_CUTOFF),
          org.assertj.core.groups.Tuple.tuple("upgrade-offer", Reason.BELOW_CUTOFF),
          org.assertj.core.groups.Tuple.tuple("feedback-survey", Reason.BELOW_CUTOFF));
      assertThat(d.rejection("referral-ask").orElseThrow().detail())
          .isEqualTo("placement 'sidebar' takes 2; score 1.5000");
      assertThat(d.rejection("upgrade-offer").orElseThrow().rules())
          .containsExactly("heavy-usage-upgrade");
    }

    @Test
    void the_default_placement_takes_three_on_any_channel() {
      Decision d = engine.decide("c-1");

      assertThat(d.placement()).isSameAs(Placement.ofDefaults());
      assertThat(winners(d)).containsExactly("webinar-invite", "addon-offer", "referral-ask");
      assertThat(d.rejected()).extracting(Rejection::reason)
          .containsOnly(Reason.BELOW_CUTOFF).hasSize(2);
    }
  }

  // ------------------------------------------------------------------ topics and placements

  @Test
  void at_most_one_action_per_topic_wins_the_others_are_topic_taken() {
    Action brewGuide = action("brew-guide").topic("coffee").via(IN_APP).value(3).build();
    Action grinderTips = action("grinder-tips").topic("coffee").via(IN_APP).value(2).build();
    Action descaling = action("descaling-reminder").topic("coffee").via(IN_APP).value(1).build();
    Action teaTips = action("tea-tips").topic("tea").via(IN_APP).value(0.5).build();
    RuleSet rs = rules("storefront")
        .rule("brew").recommend(brewGuide).because("b")
        .rule("tips").recommend(grinderTips).because("t")
        .rule("descale").recommend(descaling).because("d")
        .rule("tea").recommend(teaTips).because("tea")
        .build();
    Engine engine = engine(rs).build();

    Decision d = engine.decide("c-1", placement("home", 3));

    assertThat(winners(d)).containsExactly("brew-guide", "tea-tips");
    assertThat(d.rejection("grinder-tips").orElseThrow()).isEqualTo(new Rejection("grinder-tips",
        Reason.TOPIC_TAKEN, "a better-scored action of topic 'coffee' won", List.of("tips")));
    assertThat(d.rejection("descaling-reminder").orElseThrow().reason())
        .isEqualTo(Reason.TOPIC_TAKEN);
  }

  @Test
  void actions_without_a_topic_never_take_each_others_place() {
    Action a = action("a").via(IN_APP).build();
    Action b = action("b").via(IN_APP).build();
    Engine engine = engine(rules("s").rule("ra").recommend(a).because("a")
        .rule("rb").recommend(b).because("b").build()).build();

    Decision d = engine.decide("c-1");

    assertThat(winners(d)).containsExactly("a", "b");
  }

  @Test
  void a_placement_carrying_only_in_app_rejects_email_actions_and_uses_in_app_fallbacks() {
    Action emailOnly = action("newsletter-block").via(EMAIL).value(5).build();
    Action emailOrInApp = action("brew-guide").via(EMAIL).orElse(IN_APP).value(3).build();
    Action inApp = action("tips-card").via(IN_APP).build();
    Engine engine = engine(rules("storefront")
        .rule("news").recommend(emailOnly).because("n")
        .rule("brew").recommend(emailOrInApp).because("b")
        .rule("tips").recommend(inApp).because("t")
        .build()).build();
    subscriber(engine, "c-1");

    Decision d = engine.decide("c-1", placement("banner", 3, IN_APP));

    assertThat(winners(d)).containsExactly("brew-guide", "tips-card");
    assertThat(d.best().orElseThrow().channel()).isEqualTo(IN_APP);
    assertThat(d.rejection("newsletter-block").orElseThrow()).isEqualTo(new Rejection(
        "newsletter-block", Reason.NOT_ON_PLACEMENT,
        "placement 'banner' carries [in_app], the action [email]", List.of("news")));
  }

  // ------------------------------------------------------------------ the gate's reasons

  @Nested
  class GateReasons {
    private final Action newsletter = action("newsletter").topic("news").via(EMAIL).value(4)
        .build();
    private final Action smsDeal = action("sms-deal").topic("deals").via(SMS).value(3).build();
    private final Action gardenSale = action("garden-sale").topic("garden").via(IN_APP).value(2)
        .build();
    private final Action tipsCard = action("tips-card").topic("tips").via(IN_APP).build();
    private final Action receipt = action("order-receipt").transactional().via(EMAIL).value(0.5)
        .build();
    private final RuleSet ruleSet = rules("everything")
        .rule("news").recommend(newsletter).because("news")
        .rule("sms").recommend(smsDeal).because("deal")
        .rule("garden").recommend(gardenSale).because("garden")
        .rule("tips").recommend(tipsCard).because("tips")
        .rule("receipt").whenDone("ordered").recommend(receipt).because("ordered")
        .build();

    private Reason reasonFor(Decision d, String action) {
      return d.rejection(action).map(Rejection::reason).orElse(null);
    }

    @Test
    void no_consent_for_marketing_email_is_no_consent_while_a_transactional_email_goes() {
      Engine engine = engine(ruleSet).build();
      engine.identify("c-1", profile().set(EMAIL_ADDRESS, "c-1@example.com"));
      engine.track(event("c-1", "ordered").at(T.minusSeconds(60)));

      Decision d = engine.decide("c-1", placement("all", 5));

      assertThat(d.rejection("newsletter").orElseThrow()).isEqualTo(new Rejection("newsletter",
          Reason.NO_CONSENT, "no marketing consent on email", List.of("news")));
      assertThat(winners(d)).contains("order-receipt");
    }

    @Test
    void a_denied_consent_is_no_consent() {
      Engine engine = engine(ruleSet).build();
      engine.identify("c-1", profile().set(EMAIL_ADDRESS, "c-1@example.com")
          .consent(EMAIL, MARKETING, DENIED));

      Decision d = engine.decide("c-1", placement("all", 5));

      assertThat(d.rejection("newsletter").orElseThrow().detail())
          .isEqualTo("marketing consent on email was denied");
      assertThat(reasonFor(d, "newsletter")).isEqualTo(Reason.NO_CONSENT);
    }

    @Test
    void a_customer_without_a_phone_number_is_unreachable_by_sms_even_with_consent() {
      Engine engine = engine(ruleSet).build();
      engine.identify("c-1", profile().consent(SMS, MARKETING, GRANTED));

      Decision d = engine.decide("c-1", placement("all", 5));

      assertThat(reasonFor(d, "sms-deal")).isEqualTo(Reason.UNREACHABLE);
      assertThat(d.rejection("sms-deal").orElseThrow().detail())
          .isEqualTo("unreachable on sms: no phone_number trait");
    }

    @Test
    void an_unsubscribe_after_the_consent_is_suppressed() {
      Engine engine = engine(ruleSet).build();
      subscriber(engine, "c-1");
      clock.advance(Duration.ofHours(1));
      engine.track(event("c-1", "unsubscribed").with("channel", "email")
          .at(T.plus(Duration.ofMinutes(30))));

      Decision d = engine.decide("c-1", placement("all", 5));

      assertThat(reasonFor(d, "newsletter")).isEqualTo(Reason.SUPPRESSED);
    }

    @Test
    void a_topic_the_customer_opted_out_of_is_topic_opted_out() {
      Engine engine = engine(ruleSet).build();
      engine.identify("c-1", profile().preferences(preferences().topicsOut("garden").build()));

      Decision d = engine.decide("c-1", placement("all", 5));

      assertThat(reasonFor(d, "garden-sale")).isEqualTo(Reason.TOPIC_OPTED_OUT);
      assertThat(d.rejection("garden-sale").orElseThrow().detail())
          .isEqualTo("topic 'garden' is opted out by the customer");
      assertThat(winners(d)).contains("tips-card");
    }

    @Test
    void an_action_sent_within_its_cooldown_is_cooldown() {
      Action coupon = action("coupon").via(IN_APP).value(9).cooldown(Duration.ofDays(3)).build();
      Engine engine = engine(rules("coupons").rule("coupon").recommend(coupon).because("c")
          .rule("tips").recommend(tipsCard).because("t").build()).build();
      Decision sent = engine.decideAndSend("c-1", placement("card", 1));
      clock.advance(Duration.ofDays(1));

      Decision next = engine.decide("c-1", placement("card", 1));
      clock.advance(Duration.ofDays(2));
      Decision afterCooldown = engine.decide("c-1", placement("card", 1));

      assertThat(winners(sent)).containsExactly("coupon");
      assertThat(reasonFor(next, "coupon")).isEqualTo(Reason.COOLDOWN);
      assertThat(winners(next)).containsExactly("tips-card");
      assertThat(winners(afterCooldown)).containsExactly("coupon");
    }

    @Test
    void once_decide_and_send_has_filled_a_cap_every_marketing_action_is_capped() {
      ContactPolicy policy = contactPolicy().atMost(2).per(Duration.ofDays(1)).build();
      Engine engine = engine(ruleSet).contactPolicy(policy).build();
      subscriber(engine, "c-1");
      engine.track(event("c-1", "ordered").at(T.minusSeconds(60)));
      Placement card = placement("card", 1, IN_APP);

      Decision first = engine.decideAndSend("c-1", card);
      clock.advance(Duration.ofHours(1));
      Decision second = engine.decideAndSend("c-1", card);
      clock.advance(Duration.ofHours(1));
      Decision third = engine.decide("c-1", placement("all", 5));
      clock.set(T.plus(Duration.ofDays(1)).plusSeconds(1));
      Decision nextDay = engine.decide("c-1", placement("all", 5));

      assertThat(winners(first)).containsExactly("garden-sale");
      assertThat(winners(second)).containsExactly("garden-sale");
      assertThat(outbox).hasSize(2);
      assertThat(winners(third)).containsExactly("order-receipt");
      assertThat(third.rejected()).extracting(Rejection::action, Rejection::reason)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("newsletter", Reason.CAPPED),
              org.assertj.core.groups.Tuple.tuple("sms-deal", Reason.UNREACHABLE),
              org.assertj.core.groups.Tuple.tuple("garden-sale", Reason.CAPPED),
              org.assertj.core.groups.Tuple.tuple("tips-card", Reason.CAPPED));
      assertThat(third.rejection("newsletter").orElseThrow().detail())
          .isEqualTo("capped: 2 marketing messages in the last PT24H, limit 2");
      assertThat(winners(nextDay)).contains("newsletter", "garden-sale");
    }

    @Test
    void a_marketing_message_inside_the_minimum_gap_is_min_gap() {
      ContactPolicy policy = contactPolicy().minimumGap(Duration.ofHours(4)).build();
      Engine engine = engine(ruleSet).contactPolicy(policy).build();
      engine.decideAndSend("c-1", placement("card", 1, IN_APP));
      clock.advance(Duration.ofHours(1));

      Decision d = engine.decide("c-1", placement("card", 3, IN_APP));

      assertThat(d.winners()).isEmpty();
      assertThat(reasonFor(d, "tips-card")).isEqualTo(Reason.MIN_GAP);
    }

    @Test
    void marketing_in_quiet_hours_is_deferred() {
      ContactPolicy policy = contactPolicy()
          .quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)).deferring().build();
      Engine engine = engine(ruleSet).contactPolicy(policy).build();
      subscriber(engine, "c-1");
      engine.track(event("c-1", "ordered").at(T.minusSeconds(60)));
      clock.set(Instant.parse("2026-05-04T23:00:00Z"));

      Decision d = engine.decide("c-1", placement("all", 5));

      assertThat(reasonFor(d, "newsletter")).isEqualTo(Reason.QUIET_HOURS_DEFERRED);
      assertThat(winners(d)).containsExactly("order-receipt");
    }

    @Test
    void a_suitability_rule_of_the_rule_set_is_unsuitable() {
      Action promo = action("spring-promo").topic("promotions").via(IN_APP).value(5).build();
      RuleSet rs = rules("storefront")
          .rule("promo").recommend(promo).because("spring")
          .rule("tips").recommend(tipsCard).because("tips")
          .neverTopic("promotions").when("a support ticket is open",
              c -> c.count("ticket_opened") > c.count("ticket_resolved"))
          .build();
      Engine engine = engine(rs).build();
      engine.track(event("c-1", "ticket_opened").at(T.minusSeconds(60)));

      Decision d = engine.decide("c-1");

      assertThat(d.rejection("spring-promo").orElseThrow()).isEqualTo(new Rejection(
          "spring-promo", Reason.UNSUITABLE,
          "never topic promotions when a support ticket is open", List.of("promo")));
      assertThat(winners(d)).containsExactly("tips-card");
    }
  }

  // ------------------------------------------------------------------ rules

  @Test
  void an_unless_condition_excludes_the_rule_entirely() {
    Action winBack = action("win-back").via(IN_APP).build();
    Action tips = action("tips").via(IN_APP).build();
    Engine engine = engine(rules("s")
        .rule("win-back").whenDone("went_quiet").unless(c -> c.hasDone("cancelled"))
            .recommend(winBack).because("quiet, not gone")
        .rule("tips").recommend(tips).because("t")
        .build()).build();
    engine.track(event("quiet", "went_quiet").at(T.minusSeconds(60)));
    engine.track(event("gone", "went_quiet").at(T.minusSeconds(60)));
    engine.track(event("gone", "cancelled").at(T.minusSeconds(30)));

    Decision quiet = engine.decide("quiet");
    Decision gone = engine.decide("gone");

    assertThat(winners(quiet)).containsExactly("tips", "win-back");
    assertThat(winners(gone)).containsExactly("tips");
    assertThat(gone.rejection("win-back")).isEmpty();
  }

  @Test
  void two_rules_for_one_action_are_merged_with_the_best_rules_factors_and_both_reasons() {
    Action brewGuide = action("brew-guide").via(IN_APP).value(3).build();
    Engine engine = engine(rules("storefront")
        .rule("owns-grinder").whenDone("purchased").recommend(brewGuide)
            .because("owns a grinder").weight(1.0)
        .rule("reads-coffee-blog").whenDone("blog_read").recommend(brewGuide)
            .because("reads about coffee").weight(2.0).lever(1.5)
        .build()).build();
    engine.track(event("c-1", "purchased").at(T.minusSeconds(60)));
    engine.track(event("c-1", "blog_read").at(T.minusSeconds(30)));

    Decision d = engine.decide("c-1");

    assertThat(d.winners()).hasSize(1);
    Recommendation r = d.best().orElseThrow();
    assertThat(r.rules()).containsExactly("reads-coffee-blog", "owns-grinder");
    assertThat(r.reasons()).containsExactly("reads about coffee", "owns a grinder");
    assertThat(r.contextWeight()).isEqualTo(2.0);
    assertThat(r.lever()).isEqualTo(1.5);
    assertThat(r.score()).isCloseTo(0.5 * 2.0 * 3 * 1.5, within(1e-12));
  }

  @Test
  void a_merged_action_keeps_the_first_rule_when_the_factors_tie() {
    Action brewGuide = action("brew-guide").via(IN_APP).build();
    Engine engine = engine(rules("storefront")
        .rule("first").recommend(brewGuide).because("first reason")
        .rule("second").recommend(brewGuide).because("second reason")
        .build()).build();

    Decision d = engine.decide("c-1");

    assertThat(d.best().orElseThrow().rules()).containsExactly("first", "second");
  }

  // ------------------------------------------------------------------ sending

  @Test
  void decide_and_send_dispatches_exactly_the_winners_with_the_impression_id_as_dispatch_id() {
    Action a = action("a").topic("x").via(IN_APP).value(3).build();
    Action b = action("b").topic("y").via(EMAIL).value(2).build();
    Action c = action("c").topic("x").via(IN_APP).value(1).build();
    Action d = action("d").topic("z").via(IN_APP).value(0.5).build();
    Engine engine = engine(rules("s")
        .rule("ra").recommend(a).because("a")
        .rule("rb").recommend(b).because("b")
        .rule("rc").recommend(c).because("c")
        .rule("rd").recommend(d).because("d")
        .build()).build();
    subscriber(engine, "c-1");

    Decision decision = engine.decideAndSend("c-1", placement("all", 2));

    assertThat(winners(decision)).containsExactly("a", "b");
    assertThat(outbox).extracting(x -> x.action().name()).containsExactly("a", "b");
    for (int i = 0; i < outbox.size(); i++) {
      Dispatch sent = outbox.get(i);
      Recommendation r = decision.winners().get(i);
      assertThat(sent.id()).isEqualTo(r.impressionId());
      assertThat(sent.channel()).isEqualTo(r.channel());
      assertThat(sent.customer().value()).isEqualTo("c-1");
      assertThat(sent.journey()).isEmpty();
      assertThat(sent.attempt()).isEqualTo(1);
      assertThat(sent.at()).isEqualTo(T);
    }
    assertThat(engine.statistics().dispatches()).isEqualTo(2);
  }

  @Test
  void decide_alone_dispatches_nothing_and_counts_no_contact() {
    Action a = action("a").via(IN_APP).build();
    ContactPolicy policy = contactPolicy().atMost(1).per(Duration.ofDays(1)).build();
    Engine engine = engine(rules("s").rule("ra").recommend(a).because("a").build())
        .contactPolicy(policy).build();

    Decision first = engine.decide("c-1");
    Decision second = engine.decide("c-1");

    assertThat(outbox).isEmpty();
    assertThat(winners(first)).containsExactly("a");
    assertThat(winners(second)).containsExactly("a");
    assertThat(engine.statistics().decisions()).isEqualTo(2);
  }

  @Test

  void decide_and_send_never_sends_more_winners_than_a_cap_allows() {
    Action a = action("a").via(IN_APP).value(3).build();
    Action b = action("b").via(IN_APP).value(2).build();
    Action c = action("c").via(IN_APP).value(1).build();
    ContactPolicy policy = contactPolicy().atMost(2).per(Duration.ofDays(1)).build();
    Engine engine = engine(rules("s")
        .rule("ra").recommend(a).because("a")
        .rule("rb").recommend(b).because("b")
        .rule("rc").recommend(c).because("c")
        .build()).contactPolicy(policy).build();

    Decision d = engine.decideAndSend("c-1", placement("all", 3));

    assertThat(outbox).hasSize(2);
    assertThat(winners(d)).containsExactly("a", "b");
    assertThat(d.rejection("c").orElseThrow().reason()).isEqualTo(Reason.CAPPED);
  }

  @Test

  void a_rule_sets_suitability_rule_holds_when_another_rule_set_proposes_the_same_action() {
    Action review = action("review-request").via(IN_APP).build();
    RuleSet growth = rules("growth")
        .rule("ask-happy-customers").whenDone("project_delivered").recommend(review)
            .because("delivered")
        .build();
    RuleSet care = rules("care")
        .rule("ask-after-delivery").whenDone("project_delivered").recommend(review)
            .because("delivered")
        .never(review).within(Duration.ofDays(7)).after("ticket_opened")
        .build();
    Engine careFirst = engine(care, growth).build();
    Engine growthFirst = engine(growth, care).build();
    for (Engine e : List.of(careFirst, growthFirst)) {
      e.track(event("c-1", "project_delivered").at(T.minus(Duration.ofDays(2))));
      e.track(event("c-1", "ticket_opened").at(T.minus(Duration.ofDays(1))));
    }

    Decision a = careFirst.decide("c-1");
    Decision b = growthFirst.decide("c-1");

    assertThat(a.rejection("review-request").orElseThrow().reason())
        .isEqualTo(Reason.UNSUITABLE);
    assertThat(b.rejection("review-request").orElseThrow().reason())
        .isEqualTo(Reason.UNSUITABLE);
  }

  // ------------------------------------------------------------------ misuse

  @Test
  void deciding_on_an_engine_without_rule_sets_is_an_illegal_state() {
    Engine engine = Engine.builder().clock(clock).build();

    Throwable thrown = catchThrowable(() -> engine.decide("c-1"));

    assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage(
        "decide(\"c-1\"): the engine has no rule set; add one with Engine.builder().rules(...)");
  }

  @Test
  void decide_and_send_on_an_engine_without_rule_sets_is_an_illegal_state_too() {
    Engine engine = Engine.builder().clock(clock).build();

    Throwable thrown = catchThrowable(() -> engine.decideAndSend("c-1", placement("p", 1)));

    assertThat(thrown).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the engine has no rule set");
  }
}
