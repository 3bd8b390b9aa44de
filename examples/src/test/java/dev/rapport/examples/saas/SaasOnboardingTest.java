package dev.rapport.examples.saas;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.GRANTED;
import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.MARKETING;
import static dev.rapport.dsl.Rapport.TRANSACTIONAL;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.profile;
import static dev.rapport.testkit.RapportAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.EngagementLevel;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Profile;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.journey.EnrollmentStatus;
import dev.rapport.core.policy.Reason;
import dev.rapport.examples.Holdouts;
import dev.rapport.examples.subscription.Subscription;
import dev.rapport.testkit.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class SaasOnboardingTest {
  private static final String MONDAY_9AM = "2026-03-02T09:00:00Z";
  private static final UnaryOperator<Engine.Builder> ONBOARDING = SaasOnboarding::configure;
  private static final UnaryOperator<Engine.Builder> UNDER_POLICY =
      e -> SaasOnboarding.configure(e).contactPolicy(Subscription.POLICY);

  /** A customer the onboarding journey treats (not in its holdout). */
  private static final String ADA = Holdouts.treated(ONBOARDING, "onboarding", "signed_up", "ada");

  private static Profile reachable(String id) {
    return profile().set(EMAIL_ADDRESS, id + "@example.com").consent(EMAIL, MARKETING, GRANTED);
  }

  private static Scenario onboarding() {
    return Scenario.startingAt(MONDAY_9AM, ONBOARDING).given(ADA, reachable(ADA));
  }

  @Test
  void welcomes_at_sign_up_by_email_even_without_marketing_consent() {
    Scenario s = Scenario.startingAt(MONDAY_9AM, ONBOARDING)
        .given(ADA, profile().set(EMAIL_ADDRESS, "ada@example.com"));

    s.track(ADA, "signed_up");

    assertThat(s.outbox()).sent("welcome").to(ADA).via(EMAIL).within(Duration.ofMinutes(1))
        .times(1);
    assertThat(s.outbox().to(ADA)).extracting(d -> d.action().purpose())
        .containsExactly(TRANSACTIONAL);
  }

  @Test
  void helps_with_the_api_key_in_the_app_after_two_days_without_one() {
    Scenario s = onboarding().track(ADA, "signed_up");
    Instant signedUp = s.now();

    s.after(Duration.ofDays(1)).after(Duration.ofHours(23));

    assertThat(s.outbox()).didNotSend("api-key-help").to(ADA);

    s.after(Duration.ofHours(1));

    assertThat(s.outbox()).sent("api-key-help").to(ADA).via(IN_APP)
        .at(signedUp.plus(Duration.ofDays(2))).times(1);
  }

  @Test
  void does_not_help_with_the_api_key_once_it_was_created() {
    Scenario s = onboarding().track(ADA, "signed_up");

    s.after(Duration.ofHours(30)).track(ADA, "api_key_created").after(Duration.ofDays(5));

    assertThat(s.outbox()).didNotSend("api-key-help").to(ADA);
    assertThat(s.outbox()).sent("welcome").to(ADA).times(1);
  }

  @Test
  void offers_the_team_setup_checklist_to_customers_who_invited_teammates() {
    Scenario s = onboarding().track(ADA, "signed_up");

    s.after(Duration.ofHours(1)).track(ADA, "teammate_invited");
    s.after(Duration.ofHours(1)).track(ADA, "api_key_created");

    assertThat(s.outbox()).sent("team-setup").to(ADA).via(IN_APP).within(Duration.ZERO)
        .times(1);
  }

  @Test
  void leaves_out_the_team_setup_checklist_for_customers_working_alone() {
    Scenario s = onboarding().track(ADA, "signed_up");

    s.after(Duration.ofHours(2)).track(ADA, "api_key_created");
    s.after(Duration.ofDays(5));

    assertThat(s.outbox()).didNotSend("team-setup").to(ADA);
    assertThat(s.outbox()).sent("sync-tips").to(ADA).via(EMAIL)
        .at(Instant.parse(MONDAY_9AM).plus(Duration.ofHours(2)).plus(Duration.ofDays(3)));
    assertThat(s.engine()).hasEnrolled(ADA, "onboarding").in(EnrollmentStatus.WAITING);
  }

  @Test
  void completes_without_converting_when_the_goal_window_ends_without_a_first_sync() {
    Scenario s = onboarding().track(ADA, "signed_up");

    s.after(Duration.ofHours(2)).track(ADA, "api_key_created");
    s.after(Duration.ofDays(14));

    assertThat(s.engine()).hasEnrolled(ADA, "onboarding").in(EnrollmentStatus.COMPLETED);
    assertThat(s.outbox().to(ADA)).extracting(d -> d.action().name())
        .containsExactly("welcome", "sync-tips");
  }

  @Test
  void the_first_sync_converts_and_ends_the_journey() {
    Scenario s = onboarding().track(ADA, "signed_up");

    s.after(Duration.ofHours(3)).track(ADA, "api_key_created");
    s.after(Duration.ofDays(1)).track(ADA, "first_sync");
    s.after(Duration.ofDays(10));

    assertThat(s.engine()).hasEnrolled(ADA, "onboarding").in(EnrollmentStatus.CONVERTED);
    assertThat(s.outbox()).didNotSend("sync-tips").to(ADA);
    assertThat(s.engine().customer(ADA).orElseThrow().reached(SaasOnboarding.ACTIVATED))
        .isTrue();
  }

  @Test
  void closing_the_account_exits_the_journey_and_stops_its_messages() {
    Scenario s = onboarding().track(ADA, "signed_up");

    s.after(Duration.ofHours(5)).track(ADA, "account_closed");
    s.after(Duration.ofDays(10));

    assertThat(s.engine()).hasEnrolled(ADA, "onboarding").in(EnrollmentStatus.EXITED);
    assertThat(s.outbox().to(ADA)).extracting(d -> d.action().name())
        .containsExactly("welcome");
  }

  @Test
  void held_out_customers_are_measured_but_sent_nothing() {
    String held = Holdouts.heldOut(ONBOARDING, "onboarding", "signed_up", "bob");
    Scenario s = Scenario.startingAt(MONDAY_9AM, ONBOARDING).given(held, reachable(held));

    s.track(held, "signed_up").after(Duration.ofDays(1)).track(held, "teammate_invited")
        .after(Duration.ofDays(6)).track(held, "first_sync");

    assertThat(s.engine()).hasEnrolled(held, "onboarding").heldOut()
        .in(EnrollmentStatus.CONVERTED);
    assertThat(s.outbox()).didNotSend("welcome").to(held);
    assertThat(s.outbox().to(held)).isEmpty();
  }

  @Test
  void under_the_shared_contact_policy_api_key_help_waits_for_the_morning() {
    String late = Holdouts.treated(UNDER_POLICY, "onboarding", "signed_up", "late");
    Scenario s = Scenario.startingAt("2026-03-02T22:00:00Z", UNDER_POLICY)
        .given(late, reachable(late));

    s.track(late, "signed_up").after(Duration.ofDays(3));

    assertThat(s.outbox()).sent("welcome").to(late)
        .at(Instant.parse("2026-03-02T22:00:00Z"));
    assertThat(s.outbox()).sent("api-key-help").to(late).via(IN_APP)
        .at(Instant.parse("2026-03-05T08:00:00Z")).times(1);
    assertThat(s.engine()).refused("api-key-help").to(late)
        .because(Reason.QUIET_HOURS_DEFERRED);
  }

  // ------------------------------------------------------------------------------- at risk

  /** Customers engaged (a login a day for three days) who then show a sign of discontent. */
  private static Scenario engagedThenUnhappy(int customers, String discontent) {
    Scenario s = Scenario.startingAt(MONDAY_9AM, ONBOARDING);
    List<String> ids = ids(customers);
    for (String id : ids) {
      s.given(id, reachable(id));
    }
    for (int day = 0; day < 3; day++) {
      for (String id : ids) {
        s.track(id, "logged_in");
      }
      s.after(Duration.ofDays(1));
    }
    for (String id : ids) {
      if (discontent != null) {
        s.track(event(id, discontent).with(EventTypes.TICKET_ID, id + "-t1"));
      }
    }
    return s;
  }

  private static List<String> ids(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      ids.add("u-" + i);
    }
    return ids;
  }

  @Test
  void the_at_risk_journey_starts_on_the_drop_to_disaffected_and_sends_the_check_in() {
    Scenario s = engagedThenUnhappy(20, null);
    for (String id : ids(20)) {
      assertThat(s.engine().customer(id).orElseThrow().engagement())
          .isEqualTo(EngagementLevel.HIGH);
      assertThat(s.engine()).hasNotEnrolled(id, "at-risk");
    }

    for (String id : ids(20)) {
      s.track(event(id, EventTypes.TICKET_OPENED).with(EventTypes.TICKET_ID, id + "-t1"));
    }
    s.after(Duration.ofDays(10));

    List<String> treated = new ArrayList<>();
    List<String> held = new ArrayList<>();
    for (String id : ids(20)) {
      assertThat(s.engine().customer(id).orElseThrow().engagement())
          .isEqualTo(EngagementLevel.LOW_DISAFFECTED);
      boolean heldOut = s.explain(id).enrollment("at-risk").orElseThrow().holdout();
      (heldOut ? held : treated).add(id);
    }
    assertThat(treated).isNotEmpty();
    assertThat(held).as("20 customers at a 20% holdout").isNotEmpty();
    for (String id : treated) {
      // an open ticket counts against a highly engaged customer at once, on day 3
      assertThat(s.outbox()).sent("check-in").to(id).via(EMAIL)
          .at(Instant.parse("2026-03-05T09:00:00Z")).times(1);
    }
    for (String id : held) {
      assertThat(s.outbox()).didNotSend("check-in").to(id);
    }
  }

  @Test
  void a_drop_to_low_engagement_without_discontent_is_not_at_risk() {
    Scenario s = engagedThenUnhappy(3, null);

    s.after(Duration.ofDays(10));

    for (String id : ids(3)) {
      assertThat(s.engine().customer(id).orElseThrow().engagement())
          .isEqualTo(EngagementLevel.LOW_ORGANIC);
      assertThat(s.engine()).hasNotEnrolled(id, "at-risk");
    }
    assertThat(s.outbox()).didNotSend("check-in").toAnyone();
  }

  @Test
  void a_spam_complaint_starts_the_at_risk_journey_but_the_policy_suppresses_the_check_in() {
    Scenario s = engagedThenUnhappy(10, EventTypes.COMPLAINED);

    s.after(Duration.ofDays(10));

    String treated = null;
    for (String id : ids(10)) {
      assertThat(s.engine()).hasEnrolled(id, "at-risk");
      if (!s.explain(id).enrollment("at-risk").orElseThrow().holdout()) {
        treated = id;
      }
    }
    assertThat(treated).isNotNull();
    assertThat(s.engine()).refused("check-in").to(treated).because(Reason.SUPPRESSED);
    assertThat(s.outbox()).didNotSend("check-in").toAnyone();
  }

  @Test
  void the_check_in_goes_in_the_app_to_customers_without_email_consent() {
    Scenario s = engagedThenUnhappy(10, null);
    for (String id : ids(10)) {
      s.track(event(id, EventTypes.CONSENT_REVOKED).with(EventTypes.CHANNEL, "email"));
      s.track(event(id, EventTypes.TICKET_OPENED).with(EventTypes.TICKET_ID, id + "-t1"));
    }

    s.after(Duration.ofDays(10));

    List<Dispatch> checkIns = s.outbox().of("check-in");
    assertThat(checkIns).isNotEmpty().allSatisfy(d -> assertThat(d.channel()).isEqualTo(IN_APP));
  }
}
