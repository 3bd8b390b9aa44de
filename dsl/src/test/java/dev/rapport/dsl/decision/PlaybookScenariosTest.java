package dev.rapport.dsl.decision;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.GRANTED;
import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.MARKETING;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.moment;
import static dev.rapport.dsl.Rapport.placement;
import static dev.rapport.dsl.Rapport.profile;
import static dev.rapport.dsl.Rapport.rules;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Action;
import dev.rapport.core.Moment;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.Recommendation;
import dev.rapport.core.decision.Rejection;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.policy.Reason;
import dev.rapport.dsl.journey.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The playbooks' own examples of next best action (playbook 000, sections 6 and 10), each a
 * scenario on a real engine: teammates get the team-setup checklist, a grinder buyer gets brew
 * guides and filters and not a lawnmower sale, a first appointment is followed by a plan and an
 * easy way to reschedule, and a review is asked for only after a verified success and never
 * right after a support ticket.
 */
class PlaybookScenariosTest {
  private static final Instant T = Instant.parse("2026-04-06T10:00:00Z");

  private final MutableClock clock = new MutableClock(T);

  // SaaS
  private final Action teamSetup = action("team-setup-checklist").topic("collaboration")
      .via(IN_APP).value(2.0).build();
  private final Action featureTour = action("feature-tour").topic("onboarding").via(IN_APP)
      .build();

  // ecommerce
  private final Action brewGuides = action("brew-guides").topic("coffee").via(EMAIL).value(3.0)
      .build();
  private final Action filters = action("filter-recommendations").topic("filters").via(EMAIL)
      .value(2.0).build();
  private final Action mowerSale = action("lawnmower-sale").topic("garden").via(EMAIL)
      .value(8.0).build();

  // services
  private final Action followUpPlan = action("follow-up-plan").topic("care-plan").via(EMAIL)
      .orElse(IN_APP).value(3.0).build();
  private final Action rescheduling = action("easy-rescheduling").topic("scheduling")
      .via(EMAIL).value(1.5).build();

  // advocacy
  private final Moment projectDelivered = moment("project-delivered")
      .reachedOn("project_delivered").build();
  private final Action reviewRequest = action("review-request").topic("advocacy").via(EMAIL)
      .build();

  private final RuleSet saas = rules("saas")
      .rule("teammates-invited")
          .whenDone("teammate_invited")
          .recommend(teamSetup)
          .because("invited teammates: help the team get set up")
      .rule("tour-for-everyone")
          .recommend(featureTour)
          .because("everyone can use a tour")
      .build();

  private final RuleSet storefront = rules("storefront")
      .rule("grinder-brew-guides")
          .whenDone("purchased", p -> "grinder".equals(p.get("sku")))
          .recommend(brewGuides)
          .because("owns a grinder")
      .rule("grinder-filters")
          .whenDone("purchased", p -> "grinder".equals(p.get("sku")))
          .recommend(filters)
          .because("grinders need filters")
      .rule("garden-shoppers")
          .whenDone("product_viewed", p -> "garden".equals(p.get("category")))
          .recommend(mowerSale)
          .because("looked at the garden range")
      .build();

  private final RuleSet services = rules("services")
      .rule("first-appointment-plan")
          .whenDone("appointment_completed")
          .when(c -> c.count("appointment_completed") == 1)
          .recommend(followUpPlan)
          .because("first appointment done: offer a personalised plan")
      .rule("first-appointment-rescheduling")
          .whenDone("appointment_completed")
          .recommend(rescheduling)
          .because("make the next appointment easy to move")
      .build();

  private final RuleSet advocacy = rules("advocacy")
      .rule("review-after-delivery")
          .whenReached(projectDelivered)
          .recommend(reviewRequest)
          .because("a verified success: the project was delivered")
      .never(reviewRequest).within(Duration.ofDays(7)).after("ticket_opened")
      .build();

  private Engine engine(RuleSet ruleSet) {
    return Engine.builder().clock(clock).moments(projectDelivered).rules(ruleSet).build();
  }

  /** A customer reachable by email who agreed to marketing email. */
  private static void subscriber(Engine engine, String id) {
    engine.identify(id, profile().set(EMAIL_ADDRESS, id + "@example.com")
        .consent(EMAIL, MARKETING, GRANTED));
  }

  private static List<String> winners(Decision d) {
    return d.winners().stream().map(r -> r.action().name()).toList();
  }

  private static List<String> rejected(Decision d) {
    return d.rejected().stream().map(Rejection::action).toList();
  }

  // ------------------------------------------------------------------ SaaS

  @Test
  void a_customer_who_invites_teammates_gets_the_team_setup_checklist_first() {
    Engine engine = engine(saas);
    engine.track(event("c-1", "teammate_invited").with("invitee", "grace").at(T.minusSeconds(60)));

    Decision d = engine.decide("c-1", placement("home-banner", 1, IN_APP));

    Recommendation best = d.best().orElseThrow();
    assertThat(best.action().name()).isEqualTo("team-setup-checklist");
    assertThat(best.channel()).isEqualTo(IN_APP);
    assertThat(best.rules()).containsExactly("teammates-invited");
    assertThat(best.reasons()).containsExactly("invited teammates: help the team get set up");
    assertThat(d.rejection("feature-tour").orElseThrow().reason()).isEqualTo(Reason.BELOW_CUTOFF);
  }

  @Test
  void a_customer_who_invited_nobody_is_not_offered_the_team_setup_checklist() {
    Engine engine = engine(saas);
    engine.track(event("c-1", "signed_up").at(T.minusSeconds(60)));

    Decision d = engine.decide("c-1", placement("home-banner", 1, IN_APP));

    assertThat(winners(d)).containsExactly("feature-tour");
    assertThat(rejected(d)).doesNotContain("team-setup-checklist");
  }

  // ------------------------------------------------------------------ ecommerce

  @Test
  void a_grinder_buyer_gets_brew_guides_and_filter_recommendations_not_a_lawnmower_sale() {
    Engine engine = engine(storefront);
    subscriber(engine, "c-1");
    engine.track(event("c-1", "purchased").with("sku", "grinder").at(T.minusSeconds(3600)));

    Decision d = engine.decide("c-1", placement("newsletter", 2, EMAIL));

    assertThat(winners(d)).containsExactly("brew-guides", "filter-recommendations");
    assertThat(d.winners()).allSatisfy(r -> assertThat(r.channel()).isEqualTo(EMAIL));
    assertThat(d.winners().get(0).reasons()).containsExactly("owns a grinder");
    assertThat(d.winners().get(1).reasons()).containsExactly("grinders need filters");
    assertThat(rejected(d)).doesNotContain("lawnmower-sale");
  }

  @Test
  void a_buyer_of_something_else_gets_no_brew_guides() {
    Engine engine = engine(storefront);
    subscriber(engine, "c-1");
    engine.track(event("c-1", "purchased").with("sku", "kettle").at(T.minusSeconds(3600)));

    Decision d = engine.decide("c-1", placement("newsletter", 2, EMAIL));

    assertThat(d.winners()).isEmpty();
    assertThat(d.rejected()).isEmpty();
  }

  @Test
  void the_lawnmower_sale_goes_to_the_customer_who_looked_at_the_garden_range() {
    Engine engine = engine(storefront);
    subscriber(engine, "c-2");
    engine.track(event("c-2", "product_viewed").with("category", "garden")
        .at(T.minusSeconds(3600)));

    Decision d = engine.decide("c-2", placement("newsletter", 2, EMAIL));

    assertThat(winners(d)).containsExactly("lawnmower-sale");
  }

  // ------------------------------------------------------------------ services

  @Test
  void after_a_first_appointment_the_customer_gets_a_follow_up_plan_and_easy_rescheduling() {
    Engine engine = engine(services);
    subscriber(engine, "c-1");
    engine.track(event("c-1", "appointment_completed").at(T.minusSeconds(1800)));

    Decision d = engine.decide("c-1", placement("after-visit-email", 2, EMAIL));

    assertThat(winners(d)).containsExactly("follow-up-plan", "easy-rescheduling");
    assertThat(d.winners().get(0).reasons())
        .containsExactly("first appointment done: offer a personalised plan");
    assertThat(d.winners().get(1).reasons())
        .containsExactly("make the next appointment easy to move");
  }

  @Test
  void the_follow_up_plan_is_for_the_first_appointment_only() {
    Engine engine = engine(services);
    subscriber(engine, "c-1");
    engine.track(event("c-1", "appointment_completed").at(T.minusSeconds(86_400 * 30)));
    engine.track(event("c-1", "appointment_completed").at(T.minusSeconds(1800)));

    Decision d = engine.decide("c-1", placement("after-visit-email", 2, EMAIL));

    assertThat(winners(d)).containsExactly("easy-rescheduling");
  }

  @Test
  void the_follow_up_plan_falls_back_to_in_app_for_a_customer_without_email_consent() {
    Engine engine = engine(services);
    engine.identify("c-1", profile().set(EMAIL_ADDRESS, "c-1@example.com"));
    engine.track(event("c-1", "appointment_completed").at(T.minusSeconds(1800)));

    Decision d = engine.decide("c-1");

    assertThat(d.best().orElseThrow().action().name()).isEqualTo("follow-up-plan");
    assertThat(d.best().orElseThrow().channel()).isEqualTo(IN_APP);
    assertThat(d.rejection("easy-rescheduling").orElseThrow().reason())
        .isEqualTo(Reason.NO_CONSENT);
  }

  // ------------------------------------------------------------------ advocacy

  @Test
  void no_review_request_without_a_verified_success_moment() {
    Engine engine = engine(advocacy);
    subscriber(engine, "c-1");
    engine.track(event("c-1", "project_started").at(T.minusSeconds(86_400)));

    Decision d = engine.decide("c-1");

    assertThat(d.winners()).isEmpty();
    assertThat(d.rejected()).isEmpty();
  }

  @Test
  void a_review_request_follows_a_verified_success_moment() {
    Engine engine = engine(advocacy);
    subscriber(engine, "c-1");
    engine.track(event("c-1", "project_delivered").at(T.minusSeconds(3600)));

    Decision d = engine.decide("c-1");

    assertThat(engine.customer("c-1").orElseThrow().reached(projectDelivered)).isTrue();
    assertThat(winners(d)).containsExactly("review-request");
    assertThat(d.best().orElseThrow().reasons())
        .containsExactly("a verified success: the project was delivered");
  }

  @Test
  void no_review_request_within_seven_days_of_a_support_ticket_and_one_after() {
    Engine engine = engine(advocacy);
    subscriber(engine, "c-1");
    Instant ticket = T.minus(Duration.ofDays(1));
    engine.track(event("c-1", "project_delivered").at(T.minus(Duration.ofDays(2))));
    engine.track(event("c-1", "ticket_opened").at(ticket));

    Decision dayAfterTicket = engine.decide("c-1");
    clock.set(ticket.plus(Duration.ofDays(7)).minusSeconds(1));
    Decision lastSecondOfWindow = engine.decide("c-1");
    clock.set(ticket.plus(Duration.ofDays(7)));
    Decision windowOver = engine.decide("c-1");

    Rejection rejection = dayAfterTicket.rejection("review-request").orElseThrow();
    assertThat(dayAfterTicket.winners()).isEmpty();
    assertThat(rejection.reason()).isEqualTo(Reason.UNSUITABLE);
    assertThat(rejection.detail())
        .isEqualTo("never review-request within PT168H after ticket_opened");
    assertThat(rejection.rules()).containsExactly("review-after-delivery");
    assertThat(lastSecondOfWindow.rejection("review-request").orElseThrow().reason())
        .isEqualTo(Reason.UNSUITABLE);
    assertThat(winners(windowOver)).containsExactly("review-request");
  }

  @Test
  void a_new_ticket_after_the_window_closes_it_again() {
    Engine engine = engine(advocacy);
    subscriber(engine, "c-1");
    engine.track(event("c-1", "project_delivered").at(T.minus(Duration.ofDays(20))));
    engine.track(event("c-1", "ticket_opened").at(T.minus(Duration.ofDays(10))));
    Decision beforeNewTicket = engine.decide("c-1");

    engine.track(event("c-1", "ticket_opened").at(T.minusSeconds(60)));
    Decision afterNewTicket = engine.decide("c-1");

    assertThat(winners(beforeNewTicket)).containsExactly("review-request");
    assertThat(afterNewTicket.rejection("review-request").orElseThrow().reason())
        .isEqualTo(Reason.UNSUITABLE);
  }
}
