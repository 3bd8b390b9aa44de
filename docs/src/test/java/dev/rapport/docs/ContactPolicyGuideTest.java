package dev.rapport.docs;

import static dev.rapport.core.policy.Reason.CAPPED;
import static dev.rapport.core.policy.Reason.COOLDOWN;
import static dev.rapport.core.policy.Reason.MIN_GAP;
import static dev.rapport.core.policy.Reason.NO_CONSENT;
import static dev.rapport.core.policy.Reason.QUIET_HOURS_DEFERRED;
import static dev.rapport.core.policy.Reason.QUIET_HOURS_DROPPED;
import static dev.rapport.core.policy.Reason.SUPPORT_HOLD;
import static dev.rapport.core.policy.Reason.SUPPRESSED;
import static dev.rapport.core.policy.Reason.TOPIC_OPTED_OUT;
import static dev.rapport.core.policy.Reason.UNREACHABLE;
import static dev.rapport.dsl.Rapport.*;
import static dev.rapport.testkit.RapportAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.EventTypes;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.RefusalLog;
import dev.rapport.core.engine.RefusalQuery;
import dev.rapport.core.engine.RefusalRetention;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.Step;
import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.core.policy.Refusal;
import dev.rapport.core.policy.SupportHold;
import dev.rapport.core.policy.QuietHoursMode;
import dev.rapport.core.policy.Reason;
import dev.rapport.dsl.ContactPolicyStep;
import dev.rapport.testkit.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The samples of guide/contact-policy.md, run. */
class ContactPolicyGuideTest {
  private static final Instant MONDAY = Instant.parse("2026-03-02T12:00:00Z");

  // snippet: policy-actions
  Action newsletter = action("newsletter").topic("news").via(EMAIL).build();
  Action banner = action("banner").topic("tips").via(IN_APP).build();
  Action receipt = action("receipt").transactional().via(EMAIL).build();
  Action flashSale = action("flash-sale").topic("deals").via(SMS).orElse(EMAIL).build();

  /** A journey that sends its actions, in order, every time the customer does {@code type}. */
  Journey sending(String type, Action... actions) {
    return journey("on-" + type).enterOn(type).reEnterAfterExit()
        .steps(Arrays.stream(actions).map(a -> send(a)).toArray(Step[]::new))
        .build();
  }
  // end

  private static List<String> sentTo(Scenario s, String customer) {
    return s.outbox().to(customer).stream().map(d -> d.action().name() + " via " + d.channel())
        .toList();
  }

  @Test
  void consent_defaults_and_transactional_messages() {
    // snippet: policy-consent
    Scenario s = Scenario.startingAt(MONDAY, engine -> engine
        .journeys(sending("ordered", newsletter, banner, receipt)));
    s.given("ada", profile().set(EMAIL_ADDRESS, "ada@example.com"))  // no consent given yet
        .track("ada", "ordered");

    assertThat(s.engine()).refused("newsletter").to("ada").because(NO_CONSENT);
    assertThat(s.outbox()).sent("banner").to("ada");     // in-app needs no opt-in
    assertThat(s.outbox()).sent("receipt").to("ada");    // transactional needs no consent

    s.given("ada", profile().consent(EMAIL, MARKETING, GRANTED))
        .after(Duration.ofMinutes(1))
        .track("ada", "ordered");
    assertThat(s.outbox()).sent("newsletter").to("ada");
    // end
  }

  @Test
  void denying_in_app_marketing_stops_it() {
    Scenario s = Scenario.startingAt(MONDAY, e -> e.journeys(sending("ordered", banner)));

    s.given("ada", profile().consent(IN_APP, MARKETING, DENIED)).track("ada", "ordered");

    assertThat(s.engine()).refused("banner").to("ada").because(NO_CONSENT);
  }

  @Test
  void the_gate_does_not_consult_transactional_consent() {
    Scenario s = Scenario.startingAt(MONDAY, e -> e.journeys(sending("ordered", receipt)));

    s.given("ada", profile().set(EMAIL_ADDRESS, "ada@example.com")
        .consent(EMAIL, TRANSACTIONAL, DENIED)).track("ada", "ordered");

    assertThat(s.outbox()).sent("receipt").to("ada");
  }

  @Test
  void reachability() {
    // snippet: policy-reachability
    Scenario s = Scenario.startingAt(MONDAY, engine -> engine
        .journeys(sending("ordered", receipt, flashSale)));
    s.given("bob", profile()
            .consent(SMS, MARKETING, GRANTED)
            .consent(EMAIL, MARKETING, GRANTED))
        .track("bob", "ordered");

    assertThat(s.engine()).refused("receipt").to("bob").because(UNREACHABLE);
    assertThat(s.engine()).refused("flash-sale").to("bob").because(UNREACHABLE);

    s.given("bob", profile().set(PHONE_NUMBER, "+44 7700 900123"))
        .after(Duration.ofHours(1))
        .track("bob", "ordered");
    assertThat(s.outbox()).sent("flash-sale").to("bob").via(SMS);
    // end
  }

  @Test
  void customer_preferences() {
    // snippet: policy-preferences
    Scenario s = Scenario.startingAt(MONDAY, engine -> engine
        .journeys(sending("ordered", flashSale, banner)));
    s.given("cy", profile()
            .set(EMAIL_ADDRESS, "cy@example.com").set(PHONE_NUMBER, "+44 7700 900456")
            .consent(EMAIL, MARKETING, GRANTED).consent(SMS, MARKETING, GRANTED)
            .preferences(preferences()
                .channels(EMAIL, SMS)            // email first, whatever the action says
                .topicsOut("tips")
                .timeZone(ZoneId.of("Europe/Paris"))
                .build()))
        .track("cy", "ordered");

    assertThat(s.outbox()).sent("flash-sale").to("cy").via(EMAIL);
    assertThat(s.engine()).refused("banner").to("cy").because(TOPIC_OPTED_OUT);
    // end
  }

  @Test
  void caps_and_minimum_gap() {
    Action tips = action("tips").topic("tips").via(IN_APP).build();
    Action reminder = action("reminder").transactional().via(IN_APP).build();
    Action promo = action("promo").via(IN_APP).build();
    // snippet: policy-caps
    ContactPolicy policy = contactPolicy()
        .atMost(3).per(Duration.ofDays(7))                     // marketing, all channels
        .atMost(1).per(Duration.ofDays(1)).on(SMS)             // marketing on SMS
        .atMost(1).per(Duration.ofDays(7)).onTopic("tips")     // marketing about tips
        .atMost(5).per(Duration.ofDays(1)).forPurpose(TRANSACTIONAL)
        .minimumGap(Duration.ofHours(4))
        .build();
    // end

    Scenario s = Scenario.startingAt(MONDAY, e -> e.contactPolicy(policy)
        .journeys(sending("visited", tips, reminder)));
    s.track("ada", "visited").after(Duration.ofHours(5)).track("ada", "visited");
    assertThat(sentTo(s, "ada")).containsExactly("tips via in_app", "reminder via in_app",
        "reminder via in_app");
    assertThat(s.engine()).refused("tips").to("ada").because(CAPPED);

    Scenario gap = Scenario.startingAt(MONDAY, e -> e.contactPolicy(policy)
        .journeys(sending("visited", promo, tips, reminder)));
    gap.track("bob", "visited");
    assertThat(sentTo(gap, "bob")).containsExactly("promo via in_app", "reminder via in_app");
    assertThat(gap.engine()).refused("tips").to("bob").because(MIN_GAP);

    Scenario weekly = Scenario.startingAt(MONDAY, e -> e.contactPolicy(policy)
        .journeys(sending("visited", promo)));
    for (int day = 0; day < 5; day++) {
      weekly.track(event("cy", "visited").id("v-" + day)).after(Duration.ofDays(1));
    }
    assertThat(weekly.outbox()).sent("promo").to("cy").times(3);
    assertThat(weekly.engine()).refused("promo").to("cy").because(CAPPED);

    Scenario receipts = Scenario.startingAt(MONDAY, e -> e.contactPolicy(policy)
        .journeys(sending("paid", reminder)));
    for (int i = 0; i < 6; i++) {
      receipts.track(event("dee", "paid").id("p-" + i));
    }
    assertThat(receipts.outbox()).sent("reminder").to("dee").times(5);
    assertThat(receipts.engine()).refused("reminder").to("dee").because(CAPPED);
  }

  @Test
  void a_shared_base_gives_each_policy_only_its_own_clauses() {
    // snippet: policy-shared-base
    ContactPolicyStep base = contactPolicy().atMost(3).per(Duration.ofDays(7));
    ContactPolicy evenings = base.quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)).build();
    ContactPolicy anyTime = base.build();

    assertThat(evenings.quietHours()).isPresent();
    assertThat(anyTime.quietHours()).isEmpty();
    // end
  }

  @Test
  void an_invalid_policy_does_not_build() {
    // snippet: policy-invalid
    assertThatThrownBy(() -> contactPolicy().atMost(0).per(Duration.ofDays(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("atMost(0) is a cap of zero, which blocks every message");
    // end
    assertThatThrownBy(() -> contactPolicy()
        .atMost(3).per(Duration.ofDays(7)).atMost(4).per(Duration.ofDays(7)).build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void quiet_hours_defer_or_drop() {
    // snippet: policy-quiet-hours
    ContactPolicy deferring = contactPolicy()
        .quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0))
        .build();
    ContactPolicy dropping = contactPolicy()
        .quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)).dropping()
        .build();

    Instant lateEvening = Instant.parse("2026-03-02T22:30:00Z");
    Scenario deferred = Scenario.startingAt(lateEvening, engine -> engine
        .contactPolicy(deferring).journeys(sending("visited", banner, receipt)));
    Scenario dropped = Scenario.startingAt(lateEvening, engine -> engine
        .contactPolicy(dropping).journeys(sending("visited", banner, receipt)));
    for (Scenario s : List.of(deferred, dropped)) {
      s.given("ada", profile().set(EMAIL_ADDRESS, "ada@example.com"))
          .track("ada", "visited")
          .after(Duration.ofHours(12));
    }

    assertThat(deferred.outbox()).sent("banner").to("ada")
        .at(Instant.parse("2026-03-03T08:00:00Z"));
    assertThat(deferred.engine()).refused("banner").to("ada").because(QUIET_HOURS_DEFERRED);
    assertThat(dropped.outbox()).didNotSend("banner").to("ada");
    assertThat(dropped.engine()).refused("banner").to("ada").because(QUIET_HOURS_DROPPED);
    // end

    // a deferred send waits: the transactional receipt after it goes out at 08:00 too
    assertThat(deferred.outbox()).sent("receipt").to("ada")
        .at(Instant.parse("2026-03-03T08:00:00Z"));
    assertThat(dropped.outbox()).sent("receipt").to("ada").at(lateEvening);
  }

  @Test
  void transactional_messages_ignore_quiet_hours() {
    ContactPolicy quiet = contactPolicy().quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0))
        .build();
    Instant lateEvening = Instant.parse("2026-03-02T22:30:00Z");
    Scenario s = Scenario.startingAt(lateEvening, e -> e.contactPolicy(quiet)
        .journeys(sending("paid", receipt)));

    s.given("ada", profile().set(EMAIL_ADDRESS, "ada@example.com")).track("ada", "paid");

    assertThat(s.outbox()).sent("receipt").to("ada").at(lateEvening);
  }

  @Test
  void quiet_hours_across_a_clock_change() {
    // snippet: policy-dst
    ContactPolicy policy = contactPolicy()
        .quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0))
        .defaultZone(ZoneId.of("Europe/London"))
        .build();

    // Saturday 28 March 2026, 22:00 in London; the clocks go forward that night
    Scenario s = Scenario.startingAt(Instant.parse("2026-03-28T22:00:00Z"), engine -> engine
        .contactPolicy(policy).journeys(sending("visited", banner)));
    s.track("ada", "visited").after(Duration.ofHours(12));

    assertThat(s.outbox()).sent("banner").to("ada")
        .at(Instant.parse("2026-03-29T07:00:00Z"));          // 08:00 British Summer Time
    // end
  }

  @Test
  void customers_quiet_hours_in_their_zone() {
    Scenario s = Scenario.startingAt(Instant.parse("2026-03-02T20:00:00Z"), e -> e
        .journeys(sending("visited", banner)));

    s.given("ada", profile().preferences(preferences()
            .quietHours(LocalTime.of(22, 0), LocalTime.of(7, 0))
            .timeZone(ZoneId.of("Asia/Tokyo")).build()))
        .track("ada", "visited").after(Duration.ofDays(1));

    // 20:00 UTC is 05:00 in Tokyo: quiet until 07:00 there, 22:00 UTC
    assertThat(s.outbox()).sent("banner").to("ada").at(Instant.parse("2026-03-02T22:00:00Z"));
  }

  @Test
  void cooldowns() {
    // snippet: policy-cooldown
    Action reviewRequest = action("review-request").via(IN_APP)
        .cooldown(Duration.ofDays(60))
        .build();

    Scenario s = Scenario.startingAt(MONDAY, engine -> engine
        .journeys(sending("order_delivered", reviewRequest)));
    s.track(event("ada", "order_delivered").id("o-1"))
        .after(Duration.ofDays(10))
        .track(event("ada", "order_delivered").id("o-2"));

    assertThat(s.outbox()).sent("review-request").to("ada").times(1);
    assertThat(s.engine()).refused("review-request").to("ada").because(COOLDOWN);
    // end
  }

  @Test
  void suppression_after_unsubscribe_and_complaint() {
    // snippet: policy-suppression
    Scenario s = Scenario.startingAt(MONDAY, engine -> engine
        .journeys(sending("visited", newsletter)));
    s.given("ada", profile().set(EMAIL_ADDRESS, "ada@example.com")
            .consent(EMAIL, MARKETING, GRANTED))
        .after(Duration.ofDays(1))
        .track(event("ada", EventTypes.UNSUBSCRIBED).with(EventTypes.CHANNEL, "email"))
        .after(Duration.ofMinutes(1))
        .track("ada", "visited");

    assertThat(s.engine()).refused("newsletter").to("ada").because(SUPPRESSED);

    s.track(event("ada", EventTypes.CONSENT_GRANTED)
            .with(EventTypes.CHANNEL, "email").with(EventTypes.PURPOSE, "marketing"))
        .after(Duration.ofMinutes(1))
        .track("ada", "visited");
    assertThat(s.outbox()).sent("newsletter").to("ada");
    // end

    s.after(Duration.ofMinutes(1)).track("ada", EventTypes.COMPLAINED)
        .after(Duration.ofMinutes(1)).track("ada", "visited");
    assertThat(s.outbox()).sent("newsletter").to("ada").times(1);
  }

  @Test
  void holds_during_a_support_problem() {
    Action promo = action("spring-promo").topic("offers").via(IN_APP).build();
    Action survey = action("support-survey").transactional().via(IN_APP).build();
    // snippet: policy-support-holds
    ContactPolicy policy = contactPolicy()
        .hold(SupportHold.after(EventTypes.TICKET_OPENED, Duration.ofDays(7)))
        .hold(SupportHold.whileTicketOpen())
        .build();

    Journey afterSupport = journey("after-support")
        .enterOn(EventTypes.TICKET_RESOLVED)
        .reEnterAfterExit()
        .steps(send(survey), send(promo))
        .build();

    Scenario s = Scenario.startingAt(MONDAY, engine -> engine
        .contactPolicy(policy)
        .journeys(afterSupport));
    s.track(event("ada", EventTypes.TICKET_OPENED).with(EventTypes.TICKET_ID, "t-1"))
        .after(Duration.ofDays(2))
        .track(event("ada", EventTypes.TICKET_RESOLVED).with(EventTypes.TICKET_ID, "t-1"));

    assertThat(s.outbox()).sent("support-survey").to("ada");          // transactional
    assertThat(s.outbox()).didNotSend("spring-promo").to("ada");
    assertThat(s.engine()).refused("spring-promo").to("ada").because(SUPPORT_HOLD);

    s.after(Duration.ofDays(10))
        .track(event("ada", EventTypes.TICKET_OPENED).with(EventTypes.TICKET_ID, "t-2"))
        .after(Duration.ofDays(8))
        .track(event("ada", EventTypes.TICKET_OPENED).with(EventTypes.TICKET_ID, "t-3"))
        .after(Duration.ofDays(1))
        .track(event("ada", EventTypes.TICKET_RESOLVED).with(EventTypes.TICKET_ID, "t-3"));
    assertThat(s.outbox()).didNotSend("spring-promo").to("ada");      // t-2 is still open

    s.after(Duration.ofDays(7))
        .track(event("ada", EventTypes.TICKET_RESOLVED).with(EventTypes.TICKET_ID, "t-2"));
    assertThat(s.outbox()).sent("spring-promo").to("ada").times(1);
    // end
  }

  @Test
  void refusals_can_be_queried() {
    // snippet: policy-refusal-query
    Scenario s = Scenario.startingAt(MONDAY, engine -> engine
        .contactPolicy(contactPolicy().atMost(1).per(Duration.ofDays(1)).build())
        .journeys(sending("browsed", banner))
        .refusalRetention(RefusalRetention.of(500, Duration.ofDays(30))));
    s.track(event("ada", "browsed"))
        .after(Duration.ofHours(2))
        .track(event("ada", "browsed"));

    RefusalLog log = s.engine().refusals(RefusalQuery.of("ada")
        .action("banner")
        .between(MONDAY, MONDAY.plus(Duration.ofDays(1))));
    Refusal why = log.refusals().get(0);
    assertThat(why.reason()).isEqualTo(CAPPED);
    assertThat(why.channel()).contains(IN_APP);
    assertThat(why.journey()).contains("on-browsed");
    assertThat(why.step()).contains("1");
    assertThat(why.at()).isEqualTo(MONDAY.plus(Duration.ofHours(2)));
    assertThat(log.forgotten()).isZero();

    assertThat(s.engine()).refused("banner").to("ada").inJourney("on-browsed").on(IN_APP)
        .because(CAPPED).times(1);
    // end
  }

  @Test
  void suppression_can_be_turned_off() {
    ContactPolicy lenient = contactPolicy().suppressAfterUnsubscribe(false).build();
    Scenario s = Scenario.startingAt(MONDAY, e -> e.contactPolicy(lenient)
        .journeys(sending("visited", newsletter)));

    s.given("ada", profile().set(EMAIL_ADDRESS, "ada@example.com")
            .consent(EMAIL, MARKETING, GRANTED))
        .after(Duration.ofMinutes(1))
        .track("ada", EventTypes.UNSUBSCRIBED).after(Duration.ofMinutes(1))
        .track("ada", "visited");

    assertThat(s.outbox()).sent("newsletter").to("ada");
  }

  @Test
  void fallback_after_a_failed_delivery() {
    Action shippingUpdate = action("shipping-update").via(EMAIL).orElse(SMS).build();
    // snippet: policy-fallback
    Scenario s = Scenario.startingAt(MONDAY, engine -> engine
        .journeys(sending("shipped", shippingUpdate)));
    s.given("ada", profile()
            .set(EMAIL_ADDRESS, "ada@example.com").set(PHONE_NUMBER, "+44 7700 900123")
            .consent(EMAIL, MARKETING, GRANTED).consent(SMS, MARKETING, GRANTED))
        .track("ada", "shipped");
    Dispatch email = s.outbox().to("ada").get(0);

    s.track(event("ada", EventTypes.DELIVERY_FAILED)
        .with(EventTypes.DISPATCH_ID, email.id()));

    Dispatch sms = s.outbox().to("ada").get(1);
    assertThat(sms.channel()).isEqualTo(SMS);
    assertThat(sms.attempt()).isEqualTo(2);
    // end
    assertThat(email.channel()).isEqualTo(EMAIL);
    assertThat(s.outbox().size()).isEqualTo(2);
  }

  @Test
  void fallback_after_no_response() {
    // snippet: policy-response-window
    Action billingReminder = action("billing-reminder").transactional()
        .via(EMAIL).orElse(SMS)
        .responseWindow(Duration.ofDays(1))
        .build();

    Scenario s = Scenario.startingAt(MONDAY, engine -> engine
        .journeys(sending("renewal_upcoming", billingReminder)));
    for (String id : List.of("ada", "bob")) {
      s.given(id, profile().set(EMAIL_ADDRESS, id + "@example.com")
              .set(PHONE_NUMBER, "+44 7700 900123"))
          .track(id, "renewal_upcoming");
    }
    Dispatch toAda = s.outbox().to("ada").get(0);
    s.after(Duration.ofHours(3))
        .track(event("ada", EventTypes.OPENED).with(EventTypes.DISPATCH_ID, toAda.id()))
        .after(Duration.ofDays(1));

    assertThat(sentTo(s, "ada")).containsExactly("billing-reminder via email");
    assertThat(sentTo(s, "bob")).containsExactly(
        "billing-reminder via email", "billing-reminder via sms");
    // end
    assertThat(s.outbox()).sent("billing-reminder").to("bob").via(SMS)
        .at(MONDAY.plus(Duration.ofDays(1)));
  }

  @Test
  void a_fallback_is_not_counted_again_by_caps() {
    Action shippingUpdate = action("shipping-update").via(EMAIL).orElse(SMS).build();
    ContactPolicy one = contactPolicy().atMost(1).per(Duration.ofDays(1)).build();
    Scenario s = Scenario.startingAt(MONDAY, e -> e.contactPolicy(one)
        .journeys(sending("shipped", shippingUpdate)));
    s.given("ada", profile()
            .set(EMAIL_ADDRESS, "ada@example.com").set(PHONE_NUMBER, "+44 7700 900123")
            .consent(EMAIL, MARKETING, GRANTED).consent(SMS, MARKETING, GRANTED))
        .track("ada", "shipped");

    s.track(event("ada", EventTypes.DELIVERY_FAILED)
        .with(EventTypes.DISPATCH_ID, s.outbox().to("ada").get(0).id()));

    assertThat(sentTo(s, "ada")).containsExactly("shipping-update via email",
        "shipping-update via sms");
  }

  @Test
  void a_dispatcher_that_throws_is_a_failed_delivery() {
    Action shippingUpdate = action("shipping-update").via(EMAIL).orElse(SMS).build();
    List<Dispatch> delivered = new java.util.ArrayList<>();
    dev.rapport.core.engine.Engine engine = dev.rapport.core.engine.Engine.builder()
        .clock(dev.rapport.testkit.TestClock.at(MONDAY))
        .journeys(sending("shipped", shippingUpdate))
        .dispatcher(d -> {
          if (d.channel().equals(EMAIL)) {
            throw new IllegalStateException("mail server down");
          }
          delivered.add(d);
        })
        .build();
    engine.identify("ada", profile()
        .set(EMAIL_ADDRESS, "ada@example.com").set(PHONE_NUMBER, "+44 7700 900123")
        .consent(EMAIL, MARKETING, GRANTED).consent(SMS, MARKETING, GRANTED));

    engine.track(event("ada", "shipped").at(MONDAY));

    assertThat(delivered).singleElement().satisfies(d -> assertThat(d.channel()).isEqualTo(SMS));
    assertThat(engine.statistics().dispatchFailures()).isEqualTo(1);
  }

  @Test
  void custom_channel_settings() {
    Channel whatsapp = Channel.of("whatsapp");
    // snippet: policy-channel-settings
    ContactPolicy policy = contactPolicy()
        .channel(whatsapp).requiresOptIn(true).reachableWith(PHONE_NUMBER)
        .channel(IN_APP).requiresOptIn(true)
        .build();
    // end
    assertThat(policy.channelSettings(whatsapp).requiresOptIn()).isTrue();
    Scenario s = Scenario.startingAt(MONDAY, e -> e.channels(whatsapp).contactPolicy(policy)
        .journeys(sending("visited", banner)));
    s.track("ada", "visited");
    assertThat(s.engine()).refused("banner").to("ada").because(NO_CONSENT);
  }

  @Test
  void a_decision_uses_the_same_gate() {
    dev.rapport.core.engine.Engine engine = dev.rapport.core.engine.Engine.builder()
        .clock(dev.rapport.testkit.TestClock.at(MONDAY))
        .rules(rules("r").rule("n").recommend(newsletter).because("news").build())
        .build();
    engine.identify("ada", profile().set(EMAIL_ADDRESS, "ada@example.com"));

    Decision d = engine.decide("ada");

    assertThat(d).rejects("newsletter").because(NO_CONSENT);
    assertThat(d.rejection("newsletter").orElseThrow().detail())
        .isEqualTo("no marketing consent on email");
    assertThat(Reason.CAPPED.isRetryable()).isTrue();
    assertThat(Reason.NO_CONSENT.isRetryable()).isFalse();
    assertThat(QuietHoursMode.DEFER).isNotNull();
  }

  @Test
  void an_unsubscribe_without_a_channel_suppresses_every_channel() {
    Scenario s = Scenario.startingAt(MONDAY, e -> e.journeys(sending("visited", flashSale)));
    s.given("ada", profile()
            .set(EMAIL_ADDRESS, "ada@example.com").set(PHONE_NUMBER, "+44 7700 900123")
            .consent(EMAIL, MARKETING, GRANTED).consent(SMS, MARKETING, GRANTED))
        .after(Duration.ofMinutes(1))
        .track("ada", EventTypes.UNSUBSCRIBED).after(Duration.ofMinutes(1))
        .track("ada", "visited");

    assertThat(s.outbox()).didNotSend("flash-sale").to("ada");
    assertThat(s.engine()).refused("flash-sale").to("ada").because(SUPPRESSED);
  }

  @Test
  void a_fallback_that_falls_in_quiet_hours_waits_for_them_to_end() {
    Action digest = action("digest").via(EMAIL).orElse(IN_APP)
        .responseWindow(Duration.ofHours(1)).build();
    ContactPolicy quiet = contactPolicy().quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0))
        .build();
    Scenario s = Scenario.startingAt(Instant.parse("2026-03-02T20:30:00Z"), e -> e
        .contactPolicy(quiet).journeys(sending("visited", digest)));
    s.given("ada", profile().set(EMAIL_ADDRESS, "ada@example.com")
            .consent(EMAIL, MARKETING, GRANTED))
        .track("ada", "visited").after(Duration.ofDays(1));

    assertThat(sentTo(s, "ada")).containsExactly("digest via email", "digest via in_app");
    assertThat(s.outbox().to("ada").get(1).at()).isEqualTo(Instant.parse("2026-03-03T08:00:00Z"));
    assertThat(s.engine()).refused("digest").to("ada").because(QUIET_HOURS_DEFERRED);
  }

  @Test
  void a_delivered_message_without_a_response_window_no_longer_falls_back() {
    Action shippingUpdate = action("shipping-update").via(EMAIL).orElse(SMS).build();
    Scenario s = Scenario.startingAt(MONDAY, e -> e.journeys(sending("shipped", shippingUpdate)));
    s.given("ada", profile()
            .set(EMAIL_ADDRESS, "ada@example.com").set(PHONE_NUMBER, "+44 7700 900123")
            .consent(EMAIL, MARKETING, GRANTED).consent(SMS, MARKETING, GRANTED))
        .track("ada", "shipped");
    String id = s.outbox().to("ada").get(0).id();

    s.track(event("ada", EventTypes.DELIVERED).with(EventTypes.DISPATCH_ID, id))
        .after(Duration.ofMinutes(1))
        .track(event("ada", EventTypes.DELIVERY_FAILED).with(EventTypes.DISPATCH_ID, id));

    assertThat(sentTo(s, "ada")).containsExactly("shipping-update via email");
    assertThat(s.explain("ada").pending()).isEmpty();
  }

  @Test
  void preferred_channels_never_add_a_channel() {
    Scenario s = Scenario.startingAt(MONDAY, e -> e.journeys(sending("ordered", receipt)));

    s.given("ada", profile().set(EMAIL_ADDRESS, "ada@example.com")
            .set(PHONE_NUMBER, "+44 7700 900123")
            .preferences(preferences().channels(SMS).build()))
        .track("ada", "ordered");

    assertThat(sentTo(s, "ada")).containsExactly("receipt via email");
  }

  @Test
  void preferences_are_replaced_as_a_whole() {
    Scenario s = Scenario.startingAt(MONDAY, e -> e.journeys(sending("ordered", banner)));

    s.given("ada", profile().preferences(preferences().topicsOut("tips").build()))
        .given("ada", profile().preferences(preferences()
            .timeZone(ZoneId.of("Europe/Paris")).build()))
        .track("ada", "ordered");

    assertThat(s.outbox()).sent("banner").to("ada");
  }

  @Test
  void a_clause_given_twice_is_refused() {
    assertThatThrownBy(() -> contactPolicy().minimumGap(Duration.ofHours(1))
        .minimumGap(Duration.ofHours(2)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void a_decision_in_quiet_hours_rejects_as_deferred() {
    dev.rapport.core.engine.Engine engine = dev.rapport.core.engine.Engine.builder()
        .clock(dev.rapport.testkit.TestClock.at(Instant.parse("2026-03-02T22:30:00Z")))
        .contactPolicy(contactPolicy().quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0))
            .build())
        .rules(rules("r").rule("b").recommend(banner).because("tips").build())
        .build();

    assertThat(engine.decide("ada")).rejects("banner").because(QUIET_HOURS_DEFERRED);
  }

  @Test
  void a_response_window_needs_a_second_channel() {
    assertThatThrownBy(() -> action("promo").via(EMAIL).responseWindow(Duration.ofHours(4))
        .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("action 'promo': has a response window of PT4H but only one channel (email) "
            + "to fall back from; add a second channel or remove the window");
  }

  @Test
  void quiet_hours_that_end_in_a_skipped_hour_end_with_the_gap() {
    ContactPolicy policy = contactPolicy().quietHours(LocalTime.of(22, 0), LocalTime.of(1, 30))
        .defaultZone(ZoneId.of("Europe/London")).build();
    Scenario s = Scenario.startingAt(Instant.parse("2026-03-28T23:00:00Z"), e -> e
        .contactPolicy(policy).journeys(sending("visited", banner)));

    s.track("ada", "visited").after(Duration.ofHours(12));

    assertThat(s.outbox()).sent("banner").to("ada").at(Instant.parse("2026-03-29T01:00:00Z"));
  }

  @Test
  void leaving_the_journey_stops_its_fallbacks() {
    Action digest = action("digest").via(EMAIL).orElse(IN_APP)
        .responseWindow(Duration.ofHours(4)).build();
    Journey j = journey("digest").enterOn("visited").exitOn("account_closed")
        .steps(send(digest), delay(Duration.ofDays(1))).build();
    Scenario s = Scenario.startingAt(MONDAY, e -> e.journeys(j));
    s.given("ada", profile().set(EMAIL_ADDRESS, "ada@example.com")
            .consent(EMAIL, MARKETING, GRANTED))
        .track("ada", "visited").after(Duration.ofHours(1)).track("ada", "account_closed")
        .after(Duration.ofDays(1));

    assertThat(sentTo(s, "ada")).containsExactly("digest via email");
  }

  @Test
  void social_marketing_needs_an_opt_in() {
    Action post = action("post").via(SOCIAL).build();
    Scenario s = Scenario.startingAt(MONDAY, e -> e.journeys(sending("visited", post)));

    s.track("ada", "visited");

    assertThat(s.engine()).refused("post").to("ada").because(NO_CONSENT);
  }
}
