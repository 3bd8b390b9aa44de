package dev.rapport.dsl.journey;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.GRANTED;
import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.MARKETING;
import static dev.rapport.dsl.Rapport.PHONE_NUMBER;
import static dev.rapport.dsl.Rapport.SMS;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.delay;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.journey;
import static dev.rapport.dsl.Rapport.profile;
import static dev.rapport.dsl.Rapport.send;
import static dev.rapport.dsl.Rapport.traits;
import static dev.rapport.dsl.Rapport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Profile;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Dispatcher;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.EngineStatistics;
import dev.rapport.core.engine.Explanation.EnrollmentReport;
import dev.rapport.core.journey.EnrollmentStatus;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.Step;
import dev.rapport.core.journey.StepOutcome;
import dev.rapport.core.journey.StepRecord;
import dev.rapport.core.policy.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Consent, reachability and suppression refusals, and the fallback to an action's next channel
 * after a failed delivery, after no response, or after the host's dispatcher threw.
 */
class ConsentAndFallbackTest {
  private static final Instant T = Instant.parse("2026-04-14T10:00:00Z");

  private final MutableClock clock = new MutableClock(T);
  private final List<Dispatch> outbox = new ArrayList<>();

  private final Action newsletter = action("newsletter").via(EMAIL).build();
  private final Action smsOffer = action("sms-offer").via(SMS).build();
  private final Action banner = action("banner").via(IN_APP).build();
  private final Action receipt = action("receipt").transactional().via(EMAIL).build();
  private final Action shippingUpdate = action("shipping-update").via(EMAIL).orElse(SMS).build();
  private final Action digest = action("digest").via(EMAIL).orElse(IN_APP)
      .responseWindow(Duration.ofDays(2)).build();

  private Engine engine(Dispatcher dispatcher, Journey journey) {
    return Engine.builder().clock(clock).journeys(journey).dispatcher(dispatcher).build();
  }

  /** A journey that sends one action as soon as the customer enters it. */
  private Engine sendingAtEntry(Action action) {
    return engine(outbox::add, journey("news").enterOn("go").steps(send(action)).build());
  }

  /**
   * A journey that sends one action when the order ships, then keeps the customer for three days
   * (an order cancelled meanwhile exits it).
   */
  private Journey shipping(Action action) {
    return journey("shipping").enterOn("order_placed").exitOn("order_cancelled")
        .steps(waitFor("shipped").atMost(Duration.ofDays(7)), send(action),
            delay(Duration.ofDays(3)))
        .build();
  }

  private static Profile reachableEverywhere() {
    return profile().set(EMAIL_ADDRESS, "ada@example.com").set(PHONE_NUMBER, "+447700900123");
  }

  private void track(Engine engine, String type, Instant at) {
    clock.set(at);
    engine.track(event("c-1", type).at(at));
  }

  private void outcome(Engine engine, String type, Dispatch dispatch, Instant at) {
    clock.set(at);
    engine.track(event("c-1", type).with("dispatch_id", dispatch.id()).at(at));
  }

  private void consent(Engine engine, String type, Channel channel, Instant at) {
    clock.set(at);
    engine.track(event("c-1", type).with("channel", channel.name())
        .with("purpose", "marketing").at(at));
  }

  private static EnrollmentReport report(Engine engine, String journey) {
    return engine.explain("c-1").enrollment(journey).orElseThrow();
  }

  private static List<String> describe(List<Dispatch> dispatches) {
    return dispatches.stream().map(d -> d.action().name() + " via " + d.channel() + ", attempt "
        + d.attempt() + ", at " + d.at()).toList();
  }

  private static Instant plus(Duration d) {
    return T.plus(d);
  }

  // ------------------------------------------------------------------ consent and reachability

  @Test
  void marketing_email_without_consent_is_refused_as_no_consent_and_not_dispatched() {
    Engine engine = sendingAtEntry(newsletter);
    engine.identify("c-1", traits().set(EMAIL_ADDRESS, "ada@example.com"));

    track(engine, "go", T);

    assertThat(outbox).isEmpty();
    assertThat(report(engine, "news").history()).contains(
        new StepRecord(T, "1 send(newsletter)", StepOutcome.REFUSED, "NO_CONSENT"));
    assertThat(engine.journeyStats("news").step("1").refused(Reason.NO_CONSENT)).isEqualTo(1);
    assertThat(engine.statistics().dispatches()).isZero();
  }

  @Test
  void marketing_email_is_sent_once_consent_is_granted_by_a_consent_event() {
    Engine engine = sendingAtEntry(newsletter);
    engine.identify("c-1", traits().set(EMAIL_ADDRESS, "ada@example.com"));

    consent(engine, "consent_granted", EMAIL, T);
    track(engine, "go", plus(Duration.ofMinutes(1)));

    assertThat(describe(outbox)).containsExactly(
        "newsletter via email, attempt 1, at " + plus(Duration.ofMinutes(1)));
  }

  @Test
  void marketing_email_is_sent_with_consent_given_through_identify() {
    Engine engine = sendingAtEntry(newsletter);
    engine.identify("c-1", profile().set(EMAIL_ADDRESS, "ada@example.com")
        .consent(EMAIL, MARKETING, GRANTED));

    track(engine, "go", T);

    assertThat(outbox).extracting(Dispatch::channel).containsExactly(EMAIL);
  }

  @Test
  void marketing_email_is_refused_again_after_consent_is_revoked() {
    Engine engine = sendingAtEntry(newsletter);
    engine.identify("c-1", traits().set(EMAIL_ADDRESS, "ada@example.com"));
    consent(engine, "consent_granted", EMAIL, T);

    consent(engine, "consent_revoked", EMAIL, plus(Duration.ofMinutes(1)));
    track(engine, "go", plus(Duration.ofMinutes(2)));

    assertThat(outbox).isEmpty();
    assertThat(report(engine, "news").history()).contains(new StepRecord(
        plus(Duration.ofMinutes(2)), "1 send(newsletter)", StepOutcome.REFUSED, "NO_CONSENT"));
  }

  @Test
  void consent_on_another_channel_does_not_count() {
    Engine engine = sendingAtEntry(smsOffer);
    engine.identify("c-1", reachableEverywhere());
    consent(engine, "consent_granted", EMAIL, T);

    track(engine, "go", plus(Duration.ofMinutes(1)));

    assertThat(outbox).isEmpty();
    assertThat(engine.journeyStats("news").step("1").refused(Reason.NO_CONSENT)).isEqualTo(1);
  }

  @Test
  void in_app_marketing_needs_no_consent() {
    Engine engine = sendingAtEntry(banner);

    track(engine, "go", T);

    assertThat(describe(outbox)).containsExactly("banner via in_app, attempt 1, at " + T);
  }

  @Test
  void transactional_email_goes_without_consent() {
    Engine engine = sendingAtEntry(receipt);
    engine.identify("c-1", traits().set(EMAIL_ADDRESS, "ada@example.com"));

    track(engine, "go", T);

    assertThat(describe(outbox)).containsExactly("receipt via email, attempt 1, at " + T);
  }

  @Test
  void email_without_an_address_is_unreachable_even_for_a_transactional_message() {
    Engine engine = sendingAtEntry(receipt);

    track(engine, "go", T);

    assertThat(outbox).isEmpty();
    assertThat(report(engine, "news").history()).contains(
        new StepRecord(T, "1 send(receipt)", StepOutcome.REFUSED, "UNREACHABLE"));
    assertThat(engine.journeyStats("news").step("1").refused(Reason.UNREACHABLE)).isEqualTo(1);
  }

  @Test
  void sms_without_a_phone_number_is_unreachable() {
    Engine engine = sendingAtEntry(smsOffer);
    engine.identify("c-1", profile().consent(SMS, MARKETING, GRANTED));

    track(engine, "go", T);

    assertThat(outbox).isEmpty();
    assertThat(report(engine, "news").history()).contains(
        new StepRecord(T, "1 send(sms-offer)", StepOutcome.REFUSED, "UNREACHABLE"));
  }

  @Test
  void marketing_after_an_unsubscribe_is_suppressed() {
    Engine engine = sendingAtEntry(newsletter);
    engine.identify("c-1", traits().set(EMAIL_ADDRESS, "ada@example.com"));
    consent(engine, "consent_granted", EMAIL, T);

    clock.set(plus(Duration.ofDays(1)));
    engine.track(event("c-1", "unsubscribed").with("channel", "email")
        .at(plus(Duration.ofDays(1))));
    track(engine, "go", plus(Duration.ofDays(2)));

    assertThat(outbox).isEmpty();
    assertThat(report(engine, "news").history()).contains(new StepRecord(
        plus(Duration.ofDays(2)), "1 send(newsletter)", StepOutcome.REFUSED, "SUPPRESSED"));
    assertThat(engine.journeyStats("news").step("1").refused(Reason.SUPPRESSED)).isEqualTo(1);
  }

  @Test
  void transactional_messages_still_go_after_an_unsubscribe() {
    Engine engine = sendingAtEntry(receipt);
    engine.identify("c-1", traits().set(EMAIL_ADDRESS, "ada@example.com"));

    track(engine, "unsubscribed", T);
    track(engine, "go", plus(Duration.ofDays(1)));

    assertThat(outbox).extracting(d -> d.action().name()).containsExactly("receipt");
  }

  @Test
  void granting_consent_again_after_an_unsubscribe_lifts_the_suppression() {
    Engine engine = sendingAtEntry(newsletter);
    engine.identify("c-1", traits().set(EMAIL_ADDRESS, "ada@example.com"));
    consent(engine, "consent_granted", EMAIL, T);
    track(engine, "unsubscribed", plus(Duration.ofDays(1)));

    consent(engine, "consent_granted", EMAIL, plus(Duration.ofDays(2)));
    track(engine, "go", plus(Duration.ofDays(3)));

    assertThat(outbox).extracting(d -> d.action().name()).containsExactly("newsletter");
  }

  // ------------------------------------------------------------------ fallback

  /** A customer reachable on email and SMS, consenting to marketing on both; the order shipped. */
  private Engine shipped(Action action, Dispatcher dispatcher, Profile profile) {
    Engine engine = engine(dispatcher, shipping(action));
    engine.identify("c-1", profile);
    track(engine, "order_placed", T);
    track(engine, "shipped", plus(Duration.ofHours(1)));
    return engine;
  }

  private Engine shipped(Action action) {
    return shipped(action, outbox::add, reachableEverywhere().consent(EMAIL, MARKETING, GRANTED)
        .consent(SMS, MARKETING, GRANTED));
  }

  @Test
  void a_delivery_failure_falls_back_to_the_next_channel_as_attempt_two() {
    Engine engine = shipped(shippingUpdate);
    List<String> beforeFailure = describe(outbox);

    outcome(engine, "delivery_failed", outbox.get(0), plus(Duration.ofHours(2)));

    assertThat(beforeFailure).containsExactly(
        "shipping-update via email, attempt 1, at " + plus(Duration.ofHours(1)));
    assertThat(describe(outbox)).containsExactly(
        "shipping-update via email, attempt 1, at " + plus(Duration.ofHours(1)),
        "shipping-update via sms, attempt 2, at " + plus(Duration.ofHours(2)));
    Dispatch first = outbox.get(0);
    Dispatch second = outbox.get(1);
    assertThat(second.id()).isNotEqualTo(first.id());
    assertThat(second.journey()).isEqualTo(first.journey()).contains("shipping");
    assertThat(second.step()).isEqualTo(first.step()).contains("2 send(shipping-update)");
    assertThat(report(engine, "shipping").history()).contains(new StepRecord(
        plus(Duration.ofHours(2)), "2 send(shipping-update)", StepOutcome.FALLBACK_SENT,
        "via sms"));
    assertThat(engine.journeyStats("shipping").step("2").fallbacks()).isEqualTo(1);
    assertThat(engine.journeyStats("shipping").step("2").sent()).isEqualTo(1);
  }

  @Test
  void a_delivery_failure_of_the_last_channel_leaves_nothing_to_fall_back_to() {
    Engine engine = shipped(shippingUpdate);
    outcome(engine, "delivery_failed", outbox.get(0), plus(Duration.ofHours(2)));

    outcome(engine, "delivery_failed", outbox.get(1), plus(Duration.ofHours(3)));
    outcome(engine, "delivery_failed", outbox.get(0), plus(Duration.ofHours(4)));

    assertThat(outbox).hasSize(2);
    assertThat(engine.explain("c-1").pending()).isEmpty();
  }

  @Test
  void a_delivery_failure_for_an_unknown_dispatch_changes_nothing() {
    Engine engine = shipped(shippingUpdate);

    clock.set(plus(Duration.ofHours(2)));
    engine.track(event("c-1", "delivery_failed").with("dispatch_id", "d:unknown")
        .at(plus(Duration.ofHours(2))));

    assertThat(outbox).hasSize(1);
    assertThat(engine.explain("c-1").pending()).extracting(p -> p.dispatchId())
        .containsExactly(outbox.get(0).id());
  }

  @Test
  void a_fallback_is_refused_without_consent_on_the_next_channel() {
    Engine engine = shipped(shippingUpdate, outbox::add,
        reachableEverywhere().consent(EMAIL, MARKETING, GRANTED));

    outcome(engine, "delivery_failed", outbox.get(0), plus(Duration.ofHours(2)));

    assertThat(outbox).hasSize(1);
    assertThat(report(engine, "shipping").history()).contains(new StepRecord(
        plus(Duration.ofHours(2)), "2 send(shipping-update)", StepOutcome.FALLBACK_REFUSED,
        "NO_CONSENT"));
  }

  @Test
  void falls_back_after_no_response_within_the_response_window() {
    Engine engine = shipped(digest);
    Instant sentAt = plus(Duration.ofHours(1));

    engine.advanceTo(sentAt.plus(Duration.ofDays(2)).minusSeconds(1));
    List<String> withinWindow = describe(outbox);
    engine.advanceTo(plus(Duration.ofDays(5)));

    assertThat(withinWindow).containsExactly("digest via email, attempt 1, at " + sentAt);
    assertThat(describe(outbox)).containsExactly(
        "digest via email, attempt 1, at " + sentAt,
        "digest via in_app, attempt 2, at " + sentAt.plus(Duration.ofDays(2)));
  }

  @Test
  void an_open_within_the_response_window_prevents_the_fallback() {
    Engine engine = shipped(digest);

    outcome(engine, "opened", outbox.get(0), plus(Duration.ofDays(1)));
    engine.advanceTo(plus(Duration.ofDays(5)));

    assertThat(outbox).hasSize(1);
    assertThat(engine.explain("c-1").pending()).isEmpty();
  }

  @Test
  void a_click_within_the_response_window_prevents_the_fallback() {
    Engine engine = shipped(digest);

    outcome(engine, "clicked", outbox.get(0), plus(Duration.ofDays(1)));
    engine.advanceTo(plus(Duration.ofDays(5)));

    assertThat(outbox).hasSize(1);
  }

  @Test
  void a_delivery_alone_does_not_prevent_the_response_window_fallback() {
    Engine engine = shipped(digest);

    outcome(engine, "delivered", outbox.get(0), plus(Duration.ofMinutes(61)));
    engine.advanceTo(plus(Duration.ofDays(5)));

    assertThat(outbox).extracting(Dispatch::channel).containsExactly(EMAIL, IN_APP);
  }

  @Test
  void an_open_of_another_dispatch_does_not_prevent_the_fallback() {
    Engine engine = shipped(digest);

    clock.set(plus(Duration.ofDays(1)));
    engine.track(event("c-1", "opened").with("dispatch_id", "d:another")
        .at(plus(Duration.ofDays(1))));
    engine.advanceTo(plus(Duration.ofDays(5)));

    assertThat(outbox).extracting(Dispatch::channel).containsExactly(EMAIL, IN_APP);
  }

  @Test
  void a_throwing_dispatcher_is_not_propagated_and_the_engine_falls_back() {
    List<Dispatch> calls = new ArrayList<>();
    Dispatcher flaky = d -> {
      calls.add(d);
      if (d.attempt() == 1) {
        throw new IllegalStateException("smtp relay down");
      }
    };
    Engine engine = engine(flaky, shipping(shippingUpdate));
    engine.identify("c-1", reachableEverywhere().consent(EMAIL, MARKETING, GRANTED)
        .consent(SMS, MARKETING, GRANTED));
    track(engine, "order_placed", T);
    Instant shippedAt = plus(Duration.ofHours(1));

    clock.set(shippedAt);
    assertThatCode(() -> engine.track(event("c-1", "shipped").at(shippedAt)))
        .doesNotThrowAnyException();

    assertThat(describe(calls)).containsExactly(
        "shipping-update via email, attempt 1, at " + shippedAt,
        "shipping-update via sms, attempt 2, at " + shippedAt);
    EngineStatistics stats = engine.statistics();
    assertThat(stats.dispatchFailures()).isEqualTo(1);
    assertThat(stats.dispatches()).isEqualTo(2);
    assertThat(report(engine, "shipping").history()).containsSubsequence(
        new StepRecord(shippedAt, "2 send(shipping-update)", StepOutcome.SENT, "via email"),
        new StepRecord(shippedAt, "2 send(shipping-update)", StepOutcome.DISPATCH_FAILED,
            "via email"),
        new StepRecord(shippedAt, "2 send(shipping-update)", StepOutcome.FALLBACK_SENT,
            "via sms"));
    assertThat(engine.customer("c-1").orElseThrow().count("delivery_failed")).isEqualTo(1);
  }

  @Test
  void a_dispatcher_that_always_throws_fails_every_channel_once_and_stops() {
    List<Dispatch> calls = new ArrayList<>();
    Dispatcher down = d -> {
      calls.add(d);
      throw new IllegalStateException("every relay down");
    };
    Engine engine = engine(down, shipping(shippingUpdate));
    engine.identify("c-1", reachableEverywhere().consent(EMAIL, MARKETING, GRANTED)
        .consent(SMS, MARKETING, GRANTED));
    track(engine, "order_placed", T);

    track(engine, "shipped", plus(Duration.ofHours(1)));

    assertThat(calls).extracting(d -> d.channel() + " #" + d.attempt())
        .containsExactly("email #1", "sms #2");
    assertThat(engine.statistics().dispatchFailures()).isEqualTo(2);
    assertThat(engine.customer("c-1").orElseThrow().count("delivery_failed")).isEqualTo(2);
    assertThat(engine.explain("c-1").pending()).isEmpty();
  }

  @Test
  void the_customer_state_is_usable_after_a_dispatcher_threw() {
    Dispatcher broken = d -> {
      throw new IllegalStateException("outbox full");
    };
    Engine engine = engine(broken, shipping(receipt));
    engine.identify("c-1", reachableEverywhere());
    track(engine, "order_placed", T);
    track(engine, "shipped", plus(Duration.ofHours(1)));

    track(engine, "order_cancelled", plus(Duration.ofHours(2)));
    engine.advanceTo(plus(Duration.ofDays(10)));

    assertThat(engine.statistics().dispatchFailures()).isEqualTo(1);
    EnrollmentReport r = report(engine, "shipping");
    assertThat(r.status()).isEqualTo(EnrollmentStatus.EXITED);
    assertThat(r.exitReason()).contains("exit on order_cancelled");
    assertThat(engine.customer("c-1").orElseThrow().count("order_cancelled")).isEqualTo(1);
    assertThat(engine.explain("c-1").pending()).isEmpty();
  }

  // --------------------------- fallbacks of sends at entry and on timers, and after leaving

  @Test
  void a_delivery_failure_of_a_message_sent_at_entry_falls_back() {
    Engine engine = engine(outbox::add,
        journey("news").enterOn("go").steps(send(shippingUpdate)).build());
    engine.identify("c-1", reachableEverywhere().consent(EMAIL, MARKETING, GRANTED)
        .consent(SMS, MARKETING, GRANTED));
    track(engine, "go", T);

    outcome(engine, "delivery_failed", outbox.get(0), plus(Duration.ofHours(1)));

    assertThat(describe(outbox)).containsExactly(
        "shipping-update via email, attempt 1, at " + T,
        "shipping-update via sms, attempt 2, at " + plus(Duration.ofHours(1)));
  }

  @Test
  void a_message_sent_on_a_timer_falls_back_after_no_response() {
    Step[] steps = {delay(Duration.ofDays(1)), send(digest)};
    Engine engine = engine(outbox::add, journey("news").enterOn("go").steps(steps).build());
    engine.identify("c-1", reachableEverywhere().consent(EMAIL, MARKETING, GRANTED));
    track(engine, "go", T);

    engine.advanceTo(plus(Duration.ofDays(5)));

    assertThat(describe(outbox)).containsExactly(
        "digest via email, attempt 1, at " + plus(Duration.ofDays(1)),
        "digest via in_app, attempt 2, at " + plus(Duration.ofDays(3)));
  }

  @Test
  void no_fallback_once_the_customer_left_the_journey() {
    Engine engine = shipped(shippingUpdate);

    track(engine, "order_cancelled", plus(Duration.ofHours(2)));
    outcome(engine, "delivery_failed", outbox.get(0), plus(Duration.ofHours(3)));

    assertThat(report(engine, "shipping").status()).isEqualTo(EnrollmentStatus.EXITED);
    assertThat(describe(outbox)).containsExactly(
        "shipping-update via email, attempt 1, at " + plus(Duration.ofHours(1)));
  }

  @Test
  void no_response_window_fallback_once_the_customer_converted() {
    Engine engine = engine(outbox::add, journey("digest").enterOn("go").goal("purchased")
        .steps(send(digest), delay(Duration.ofDays(3))).build());
    engine.identify("c-1", reachableEverywhere().consent(EMAIL, MARKETING, GRANTED));
    track(engine, "go", T);

    track(engine, "purchased", plus(Duration.ofDays(1)));
    engine.advanceTo(plus(Duration.ofDays(5)));

    assertThat(report(engine, "digest").status()).isEqualTo(EnrollmentStatus.CONVERTED);
    assertThat(describe(outbox)).containsExactly("digest via email, attempt 1, at " + T);
  }

  @Test
  void no_response_window_fallback_once_the_customer_left_the_journey() {
    Engine engine = shipped(digest);

    track(engine, "order_cancelled", plus(Duration.ofHours(2)));
    engine.advanceTo(plus(Duration.ofDays(5)));

    assertThat(outbox).hasSize(1);
  }
}
