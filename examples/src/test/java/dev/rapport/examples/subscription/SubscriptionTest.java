package dev.rapport.examples.subscription;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.GRANTED;
import static dev.rapport.dsl.Rapport.MARKETING;
import static dev.rapport.dsl.Rapport.PHONE_NUMBER;
import static dev.rapport.dsl.Rapport.SMS;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.journey;
import static dev.rapport.dsl.Rapport.preferences;
import static dev.rapport.dsl.Rapport.profile;
import static dev.rapport.dsl.Rapport.send;
import static dev.rapport.testkit.RapportAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rapport.core.Action;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Profile;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.journey.EnrollmentStatus;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.policy.Reason;
import dev.rapport.testkit.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class SubscriptionTest {
  private static final String MONDAY_9AM = "2026-03-02T09:00:00Z";
  private static final Instant START = Instant.parse(MONDAY_9AM);
  private static final UnaryOperator<Engine.Builder> BILLING =
      e -> Subscription.configure(e).contactPolicy(Subscription.POLICY);

  private static Profile emailAndPhone() {
    return profile().set(EMAIL_ADDRESS, "ada@example.com").set(PHONE_NUMBER, "+44 7700 900123")
        .consent(EMAIL, MARKETING, GRANTED);
  }

  private static Scenario renewalComing() {
    return Scenario.startingAt(MONDAY_9AM, BILLING).given("ada", emailAndPhone())
        .track("ada", "renewal_upcoming");
  }

  private static Dispatch reminderEmail(Scenario s) {
    return s.outbox().of("billing-reminder").get(0);
  }

  private static Event.Builder answer(Scenario s, String type) {
    return event("ada", type).with(EventTypes.DISPATCH_ID, reminderEmail(s).id());
  }

  // ---------------------------------------------------------------- billing reminder

  @Test
  void the_billing_reminder_goes_by_email_first_and_by_sms_after_a_day_without_an_open() {
    Scenario s = renewalComing();
    assertThat(s.outbox()).sent("billing-reminder").to("ada").via(EMAIL).at(START).times(1);
    s.after(Duration.ofMinutes(1)).track(answer(s, EventTypes.DELIVERED));

    s.after(Duration.ofHours(23).plusMinutes(58));

    assertThat(s.outbox().of("billing-reminder")).extracting(Dispatch::channel)
        .containsExactly(EMAIL);

    s.after(Duration.ofMinutes(1));

    assertThat(s.outbox()).sent("billing-reminder").to("ada").via(SMS)
        .at(START.plus(Duration.ofDays(1))).times(1);
    assertThat(s.outbox().of("billing-reminder"))
        .extracting(Dispatch::channel, Dispatch::attempt, Dispatch::at)
        .containsExactly(tuple(EMAIL, 1, START), tuple(SMS, 2, START.plus(Duration.ofDays(1))));
  }

  @Test
  void an_open_within_the_day_prevents_the_sms() {
    Scenario s = renewalComing();

    s.after(Duration.ofHours(20)).track(answer(s, EventTypes.OPENED));
    s.after(Duration.ofDays(3));

    assertThat(s.outbox().of("billing-reminder")).extracting(Dispatch::channel)
        .containsExactly(EMAIL);
    assertThat(s.explain("ada").pending()).isEmpty();
  }

  @Test
  void a_delivery_failure_falls_back_to_sms_at_once() {
    Scenario s = renewalComing();

    s.after(Duration.ofMinutes(10)).track(answer(s, EventTypes.DELIVERY_FAILED));

    assertThat(s.outbox()).sent("billing-reminder").to("ada").via(SMS)
        .within(Duration.ZERO).times(1);

    s.after(Duration.ofDays(2));

    assertThat(s.outbox().of("billing-reminder")).hasSize(2);
  }

  @Test
  void paying_within_the_day_converts_and_prevents_the_sms() {
    Scenario s = renewalComing();

    s.after(Duration.ofHours(6)).track("ada", "payment_succeeded");
    s.after(Duration.ofDays(3));

    assertThat(s.engine()).hasEnrolled("ada", "billing").in(EnrollmentStatus.CONVERTED);
    assertThat(s.outbox().of("billing-reminder")).extracting(Dispatch::channel)
        .containsExactly(EMAIL);
  }

  @Test
  void reminds_again_at_the_next_renewal() {
    Scenario s = renewalComing();
    s.after(Duration.ofHours(2)).track(answer(s, EventTypes.OPENED));
    s.after(Duration.ofDays(3)).track("ada", "payment_succeeded");

    s.at(START.plus(Duration.ofDays(30))).track("ada", "renewal_upcoming");

    assertThat(s.outbox()).sent("billing-reminder").to("ada").via(EMAIL)
        .within(Duration.ZERO).times(1);
    assertThat(s.outbox().of("billing-reminder")).hasSize(2);
    assertThat(s.explain("ada").enrollment("billing").orElseThrow().sequence()).isEqualTo(2);
  }

  @Test
  void without_a_phone_number_a_failed_reminder_has_nowhere_to_fall_back() {
    Scenario s = Scenario.startingAt(MONDAY_9AM, BILLING)
        .given("ada", profile().set(EMAIL_ADDRESS, "ada@example.com"))
        .track("ada", "renewal_upcoming");

    s.after(Duration.ofMinutes(10)).track(answer(s, EventTypes.DELIVERY_FAILED));

    assertThat(s.outbox().of("billing-reminder")).extracting(Dispatch::channel)
        .containsExactly(EMAIL);
    assertThat(s.engine()).refused("billing-reminder").to("ada").because(Reason.UNREACHABLE);
  }

  @Test
  void the_billing_reminder_is_transactional_and_goes_out_at_night_too() {
    Scenario s = Scenario.startingAt("2026-03-02T23:30:00Z", BILLING)
        .given("ada", profile().set(EMAIL_ADDRESS, "ada@example.com"));

    s.track("ada", "renewal_upcoming");

    assertThat(s.outbox()).sent("billing-reminder").to("ada").via(EMAIL)
        .within(Duration.ZERO);
  }

  @Test
  void a_failed_payment_brings_the_notice_and_two_days_later_an_upgrade_offer() {
    Scenario s = renewalComing();
    s.after(Duration.ofHours(2)).track(answer(s, EventTypes.OPENED));

    s.after(Duration.ofDays(3)).track("ada", "payment_failed");
    Instant failed = s.now();
    s.after(Duration.ofDays(3));

    assertThat(s.outbox()).sent("payment-failed").to("ada").via(EMAIL).at(failed).times(1);
    assertThat(s.outbox()).sent("upgrade-offer").to("ada").via(EMAIL)
        .at(failed.plus(Duration.ofDays(2))).times(1);
  }

  @Test
  void a_cancellation_exits_the_billing_journey() {
    Scenario s = renewalComing();

    s.after(Duration.ofHours(2)).track(answer(s, EventTypes.OPENED));
    s.after(Duration.ofDays(1)).track("ada", "subscription_cancelled");
    s.after(Duration.ofDays(10));

    assertThat(s.engine()).hasEnrolled("ada", "billing").in(EnrollmentStatus.EXITED);
    assertThat(s.outbox().to("ada")).extracting(d -> d.action().name())
        .containsExactly("billing-reminder");
  }

  // ------------------------------------------------------------------- contact policy

  /** A host's marketing message, sent each time the customer browses, to probe the policy. */
  private static final Action DEAL = action("deal").topic("deals").via(EMAIL).build();
  private static final Action SMS_DEAL = action("sms-deal").topic("deals").via(SMS)
      .orElse(EMAIL).build();
  private static final Journey DEALS = journey("deals").enterOn("browsed").reEnterAfterExit()
      .steps(send(DEAL)).build();
  private static final Journey SMS_DEALS = journey("sms-deals").enterOn("texted")
      .reEnterAfterExit().steps(send(SMS_DEAL)).build();
  private static final UnaryOperator<Engine.Builder> UNDER_POLICY =
      e -> e.journeys(DEALS, SMS_DEALS).contactPolicy(Subscription.POLICY);

  private static Profile consenting(ZoneId zone) {
    return profile().set(EMAIL_ADDRESS, "ada@example.com").set(PHONE_NUMBER, "+44 7700 900123")
        .consent(EMAIL, MARKETING, GRANTED).consent(SMS, MARKETING, GRANTED)
        .preferences(preferences().timeZone(zone).build());
  }

  private static Scenario underPolicy(String start) {
    return Scenario.startingAt(start, UNDER_POLICY).given("ada", consenting(ZoneId.of("UTC")));
  }

  private static List<Instant> sent(Scenario s, String action) {
    return s.outbox().of(action).stream().map(Dispatch::at).toList();
  }

  @Test
  void the_policy_caps_marketing_at_three_messages_a_week() {
    Scenario s = underPolicy(MONDAY_9AM);

    s.track("ada", "browsed");
    s.after(Duration.ofHours(5)).track("ada", "browsed");
    s.after(Duration.ofHours(5)).track("ada", "browsed");
    s.at(Instant.parse("2026-03-04T10:00:00Z")).track("ada", "browsed");
    s.at(Instant.parse("2026-03-09T08:59:00Z")).track("ada", "browsed");

    assertThat(sent(s, "deal")).containsExactly(START, START.plus(Duration.ofHours(5)),
        START.plus(Duration.ofHours(10)));
    assertThat(s.engine()).refused("deal").to("ada").because(Reason.CAPPED);

    s.at(Instant.parse("2026-03-09T09:00:00Z")).track("ada", "browsed");

    assertThat(s.outbox()).sent("deal").to("ada").within(Duration.ZERO).times(1);
    assertThat(s.outbox().of("deal")).hasSize(4);
  }

  @Test
  void the_policy_keeps_four_hours_between_marketing_messages() {
    Scenario s = underPolicy(MONDAY_9AM);

    s.track("ada", "browsed");
    s.after(Duration.ofHours(3).plusMinutes(59)).track("ada", "browsed");

    assertThat(s.outbox().of("deal")).hasSize(1);
    assertThat(s.engine()).refused("deal").to("ada").because(Reason.MIN_GAP);

    s.after(Duration.ofMinutes(1)).track("ada", "browsed");

    assertThat(s.outbox().of("deal")).hasSize(2);
  }

  @Test
  void the_policy_allows_one_marketing_sms_a_day_and_the_next_goes_by_email() {
    Scenario s = underPolicy(MONDAY_9AM);

    s.track("ada", "texted");
    s.after(Duration.ofHours(5)).track("ada", "texted");

    assertThat(s.outbox().of("sms-deal")).extracting(Dispatch::channel, Dispatch::at)
        .containsExactly(tuple(SMS, START), tuple(EMAIL, START.plus(Duration.ofHours(5))));

    s.at(START.plus(Duration.ofDays(1))).track("ada", "texted");

    assertThat(s.outbox()).sent("sms-deal").to("ada").via(SMS).within(Duration.ZERO).times(1);
  }

  @Test
  void the_policy_refuses_a_second_sms_the_same_day_when_there_is_no_other_channel() {
    Action smsOnly = action("sms-only").via(SMS).build();
    Journey texts = journey("texts").enterOn("texted").reEnterAfterExit().steps(send(smsOnly))
        .build();
    Scenario s = Scenario.startingAt(MONDAY_9AM,
        e -> e.journeys(texts).contactPolicy(Subscription.POLICY))
        .given("ada", consenting(ZoneId.of("UTC")));

    s.track("ada", "texted").after(Duration.ofHours(6)).track("ada", "texted");

    assertThat(s.outbox()).sent("sms-only").to("ada").times(1);
    assertThat(s.engine()).refused("sms-only").to("ada").because(Reason.CAPPED);
  }

  @Test
  void the_policy_defers_marketing_at_night_in_the_customers_own_zone() {
    // 03:00 UTC is 22:00 in New York (quiet), 12:00 in Tokyo, and night in London too
    String at3am = "2026-03-03T03:00:00Z";
    Scenario s = Scenario.startingAt(at3am, UNDER_POLICY)
        .given("ny", consenting(ZoneId.of("America/New_York")))
        .given("tokyo", consenting(ZoneId.of("Asia/Tokyo")))
        .given("london", consenting(ZoneId.of("Europe/London")));

    for (String id : List.of("ny", "tokyo", "london")) {
      s.track(id, "browsed");
    }
    s.after(Duration.ofDays(1));

    assertThat(s.outbox()).sent("deal").to("tokyo").at(Instant.parse(at3am)).times(1);
    assertThat(s.outbox()).sent("deal").to("london").at(Instant.parse("2026-03-03T08:00:00Z"))
        .times(1);
    assertThat(s.outbox()).sent("deal").to("ny").at(Instant.parse("2026-03-03T13:00:00Z"))
        .times(1);
    assertThat(s.engine()).refused("deal").to("ny").because(Reason.QUIET_HOURS_DEFERRED);
  }
}
