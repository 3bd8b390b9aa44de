package dev.rapport.core.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Moment;
import dev.rapport.core.Persona;
import dev.rapport.core.Purpose;
import dev.rapport.core.Segment;
import dev.rapport.core.TraitKey;
import dev.rapport.core.Traits;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.Explanation.EnrollmentReport;
import dev.rapport.core.engine.MutableClock;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.Trigger;
import dev.rapport.core.journey.WaitStep;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each standard metric of {@link Metrics}, and metrics a host defines, against values computed
 * by hand on small event logs, with their edge cases: no observation yet, one observation, a
 * window that empties as the clock moves.
 */
class StandardMetricsTest {
  private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
  private static final double NAN = Double.NaN;

  private final MutableClock clock = new MutableClock(T0);
  private final List<Dispatch> outbox = new ArrayList<>();

  private final Action banner = Action.builder("banner").via(Channel.IN_APP).build();
  private final Action receipt = Action.builder("receipt").purpose(Purpose.TRANSACTIONAL)
      .via(Channel.EMAIL).build();
  private final Journey news = Journey.builder("news").enterOn(Trigger.onEvent("go"))
      .steps(SendStep.of(banner)).build();
  private final Journey receipts = Journey.builder("receipts")
      .enterOn(Trigger.onEvent("ordered")).steps(SendStep.of(receipt)).build();

  private Engine withMetrics(Metric... metrics) {
    return Engine.builder().clock(clock).metrics(metrics).build();
  }

  /** An engine whose journeys send: news (banner in-app) and receipts (receipt by email). */
  private Engine sending(Metric... metrics) {
    return Engine.builder().clock(clock).journeys(news, receipts).metrics(metrics)
        .dispatcher(outbox::add).build();
  }

  private void track(Engine engine, String customer, String type, Instant at) {
    clock.set(at);
    engine.track(Event.of(customer, type, at));
  }

  private void survey(Engine engine, String customer, String kind, int score, Instant at) {
    clock.set(at);
    engine.track(Event.builder(customer, EventTypes.SURVEY_ANSWERED)
        .with(EventTypes.KIND, kind).with(EventTypes.SCORE, score).at(at));
  }

  private void ticket(Engine engine, String type, String ticketId, Instant at) {
    clock.set(at);
    engine.track(Event.builder("c-1", type).with(EventTypes.TICKET_ID, ticketId).at(at));
  }

  private Dispatch dispatchTo(String customer) {
    return outbox.stream().filter(d -> d.customer().value().equals(customer)).findFirst()
        .orElseThrow();
  }

  private void outcome(Engine engine, String customer, String type, Instant at) {
    clock.set(at);
    engine.track(Event.builder(customer, type)
        .with(EventTypes.DISPATCH_ID, dispatchTo(customer).id()).at(at));
  }

  private void sendNewsTo(Engine engine, String... customers) {
    for (String c : customers) {
      track(engine, c, "go", T0);
    }
  }

  private void sendReceiptTo(Engine engine, String... customers) {
    for (String c : customers) {
      engine.identify(c, Traits.empty().set(TraitKey.EMAIL_ADDRESS, c + "@example.com"));
      track(engine, c, "ordered", T0);
    }
  }

  private static MetricValue value(String metric, String dimension, double value, long sample,
      String window) {
    return new MetricValue(metric, dimension, value, sample, window);
  }

  private static Instant at(Duration d) {
    return T0.plus(d);
  }

  private static Duration hours(long h) {
    return Duration.ofHours(h);
  }

  private static Duration days(long d) {
    return Duration.ofDays(d);
  }

  // ------------------------------------------------------------------ per dispatch

  @Test
  void per_dispatch_rates_are_outcomes_over_dispatches_by_journey_action_and_channel() {
    Engine engine = sending(Metrics.unsubscribeRate(), Metrics.complaintRate(),
        Metrics.deliveryFailureRate());
    sendNewsTo(engine, "a", "b", "c", "d");
    sendReceiptTo(engine, "e", "f");

    outcome(engine, "a", EventTypes.UNSUBSCRIBED, at(hours(1)));
    outcome(engine, "f", EventTypes.UNSUBSCRIBED, at(hours(1)));
    outcome(engine, "e", EventTypes.COMPLAINED, at(hours(2)));
    outcome(engine, "b", EventTypes.DELIVERY_FAILED, at(hours(3)));

    String w = "last 30 days";
    assertThat(outbox).hasSize(6);
    assertThat(engine.metric("unsubscribe_rate"))
        .isEqualTo(value("unsubscribe_rate", "global", 2.0 / 6, 6, w));
    assertThat(engine.metric("unsubscribe_rate", "journey:news"))
        .isEqualTo(value("unsubscribe_rate", "journey:news", 0.25, 4, w));
    assertThat(engine.metric("unsubscribe_rate", "journey:receipts"))
        .isEqualTo(value("unsubscribe_rate", "journey:receipts", 0.5, 2, w));
    assertThat(engine.metric("unsubscribe_rate", "action:banner"))
        .isEqualTo(value("unsubscribe_rate", "action:banner", 0.25, 4, w));
    assertThat(engine.metric("unsubscribe_rate", "action:receipt"))
        .isEqualTo(value("unsubscribe_rate", "action:receipt", 0.5, 2, w));
    assertThat(engine.metric("unsubscribe_rate", "channel:in_app"))
        .isEqualTo(value("unsubscribe_rate", "channel:in_app", 0.25, 4, w));
    assertThat(engine.metric("unsubscribe_rate", "channel:email"))
        .isEqualTo(value("unsubscribe_rate", "channel:email", 0.5, 2, w));
    assertThat(engine.metric("complaint_rate"))
        .isEqualTo(value("complaint_rate", "global", 1.0 / 6, 6, w));
    assertThat(engine.metric("complaint_rate", "journey:news"))
        .isEqualTo(value("complaint_rate", "journey:news", 0.0, 4, w));
    assertThat(engine.metric("complaint_rate", "journey:receipts"))
        .isEqualTo(value("complaint_rate", "journey:receipts", 0.5, 2, w));
    assertThat(engine.metric("delivery_failure_rate"))
        .isEqualTo(value("delivery_failure_rate", "global", 1.0 / 6, 6, w));
    assertThat(engine.metric("delivery_failure_rate", "channel:in_app"))
        .isEqualTo(value("delivery_failure_rate", "channel:in_app", 0.25, 4, w));
    assertThat(engine.metric("delivery_failure_rate", "channel:email"))
        .isEqualTo(value("delivery_failure_rate", "channel:email", 0.0, 2, w));
  }

  @Test
  void per_dispatch_rate_with_no_dispatch_yet_has_no_value_and_an_empty_sample() {
    Engine engine = sending(Metrics.unsubscribeRate());

    track(engine, "a", "browsed", T0);

    assertThat(engine.metric("unsubscribe_rate"))
        .isEqualTo(value("unsubscribe_rate", "global", NAN, 0, "last 30 days"));
    assertThat(engine.metric("unsubscribe_rate", "journey:news"))
        .isEqualTo(value("unsubscribe_rate", "journey:news", NAN, 0, "last 30 days"));
    assertThat(engine.metric("unsubscribe_rate").hasValue()).isFalse();
  }

  @Test
  void per_dispatch_rate_after_one_dispatch_rests_on_a_sample_of_one() {
    Engine engine = sending(Metrics.unsubscribeRate());

    sendNewsTo(engine, "a");

    assertThat(engine.metric("unsubscribe_rate"))
        .isEqualTo(value("unsubscribe_rate", "global", 0.0, 1, "last 30 days"));
    assertThat(engine.metric("unsubscribe_rate").hasValue()).isTrue();
  }

  @Test

  void outcome_of_a_fallback_dispatch_is_attributed_to_its_journey_action_and_channel() {
    Action digest = Action.builder("digest").via(Channel.IN_APP).via(Channel.EMAIL).build();
    Journey digests = Journey.builder("digests").enterOn(Trigger.onEvent("digest_me"))
        .steps(SendStep.of(digest)).build();
    Engine engine = Engine.builder().clock(clock).journeys(digests)
        .metrics(Metrics.unsubscribeRate(), Metrics.deliveryFailureRate())
        .dispatcher(outbox::add).build();
    engine.identify("a", Traits.empty().set(TraitKey.EMAIL_ADDRESS, "a@example.com"));
    engine.track(Event.builder("a", EventTypes.CONSENT_GRANTED).with(EventTypes.CHANNEL, "email")
        .with(EventTypes.PURPOSE, "marketing").at(T0));
    track(engine, "a", "digest_me", T0);
    outcome(engine, "a", EventTypes.DELIVERY_FAILED, at(hours(1)));
    Dispatch byEmail = outbox.get(1);

    clock.set(at(hours(2)));
    engine.track(Event.builder("a", EventTypes.UNSUBSCRIBED)
        .with(EventTypes.DISPATCH_ID, byEmail.id()).at(at(hours(2))));

    String w = "last 30 days";
    assertThat(outbox).extracting(d -> d.channel() + " attempt " + d.attempt())
        .containsExactly("in_app attempt 1", "email attempt 2");
    assertThat(engine.metric("delivery_failure_rate", "channel:in_app"))
        .isEqualTo(value("delivery_failure_rate", "channel:in_app", 1.0, 1, w));
    assertThat(engine.metric("unsubscribe_rate"))
        .isEqualTo(value("unsubscribe_rate", "global", 0.5, 2, w));
    assertThat(engine.metric("unsubscribe_rate", "channel:email"))
        .isEqualTo(value("unsubscribe_rate", "channel:email", 1.0, 1, w));
    assertThat(engine.metric("unsubscribe_rate", "journey:digests"))
        .isEqualTo(value("unsubscribe_rate", "journey:digests", 0.5, 2, w));
    assertThat(engine.metric("unsubscribe_rate", "action:digest"))
        .isEqualTo(value("unsubscribe_rate", "action:digest", 0.5, 2, w));
  }

  @Test

  void outcome_of_a_dispatch_older_than_a_week_is_still_attributed_within_the_window() {
    Action tip = Action.builder("tip").via(Channel.IN_APP).build();
    Journey tips = Journey.builder("tips").enterOn(Trigger.onEvent("tip_me"))
        .steps(SendStep.of(tip)).build();
    Engine engine = Engine.builder().clock(clock).journeys(news, tips)
        .metrics(Metrics.unsubscribeRate()).dispatcher(outbox::add).build();
    sendNewsTo(engine, "a");
    Dispatch banner = dispatchTo("a");
    track(engine, "a", "tip_me", at(days(8)));

    clock.set(at(days(9)));
    engine.track(Event.builder("a", EventTypes.UNSUBSCRIBED)
        .with(EventTypes.DISPATCH_ID, banner.id()).at(at(days(9))));

    assertThat(engine.metric("unsubscribe_rate", "journey:news"))
        .isEqualTo(value("unsubscribe_rate", "journey:news", 1.0, 1, "last 30 days"));
    assertThat(engine.metric("unsubscribe_rate", "journey:tips"))
        .isEqualTo(value("unsubscribe_rate", "journey:tips", 0.0, 1, "last 30 days"));
  }

  @Test
  void outcome_without_a_dispatch_id_counts_globally_but_in_no_journey() {
    Engine engine = sending(Metrics.unsubscribeRate());
    sendNewsTo(engine, "a", "b");

    track(engine, "a", EventTypes.UNSUBSCRIBED, at(hours(1)));

    assertThat(engine.metric("unsubscribe_rate").value()).isEqualTo(0.5);
    assertThat(engine.metric("unsubscribe_rate", "journey:news"))
        .isEqualTo(value("unsubscribe_rate", "journey:news", 0.0, 2, "last 30 days"));
  }

  @Test
  void per_dispatch_rate_window_empties_as_the_clock_moves() {
    Engine engine = sending(Metrics.unsubscribeRate());
    sendNewsTo(engine, "a", "b", "c", "d");
    outcome(engine, "a", EventTypes.UNSUBSCRIBED, at(hours(1)));

    clock.set(at(days(30).minusSeconds(1)));
    MetricValue lastSecond = engine.metric("unsubscribe_rate");
    clock.set(at(days(30)));
    MetricValue dispatchesGone = engine.metric("unsubscribe_rate", "journey:news");
    clock.set(at(days(30).plusHours(1)));
    MetricValue allGone = engine.metric("unsubscribe_rate");

    assertThat(lastSecond).isEqualTo(value("unsubscribe_rate", "global", 0.25, 4,
        "last 30 days"));
    assertThat(dispatchesGone).isEqualTo(value("unsubscribe_rate", "journey:news", NAN, 0,
        "last 30 days"));
    assertThat(allGone).isEqualTo(value("unsubscribe_rate", "global", NAN, 0, "last 30 days"));
  }

  // ------------------------------------------------------------------ surveys

  @Test
  void csat_is_the_share_of_answers_scoring_4_or_5() {
    Engine engine = withMetrics(Metrics.csat());

    survey(engine, "a", "csat", 5, T0);
    survey(engine, "b", "csat", 4, at(hours(1)));
    survey(engine, "c", "csat", 3, at(hours(2)));
    survey(engine, "d", "csat", 1, at(hours(3)));
    survey(engine, "e", "nps", 10, at(hours(4)));
    clock.set(at(hours(5)));
    engine.track(Event.builder("f", EventTypes.SURVEY_ANSWERED).with(EventTypes.KIND, "csat")
        .at(at(hours(5))));

    assertThat(engine.metric("csat")).isEqualTo(value("csat", "global", 0.5, 4, "last 90 days"));
  }

  @Test
  void csat_with_no_answer_yet_has_no_value_and_an_empty_sample() {
    Engine engine = withMetrics(Metrics.csat());

    track(engine, "a", "browsed", T0);

    assertThat(engine.metric("csat")).isEqualTo(value("csat", "global", NAN, 0, "last 90 days"));
  }

  @Test
  void csat_with_one_answer_is_all_or_nothing() {
    Engine satisfied = withMetrics(Metrics.csat());
    Engine neutral = withMetrics(Metrics.csat());

    survey(satisfied, "a", "csat", 4, T0);
    survey(neutral, "a", "csat", 3, T0);

    assertThat(satisfied.metric("csat"))
        .isEqualTo(value("csat", "global", 1.0, 1, "last 90 days"));
    assertThat(neutral.metric("csat")).isEqualTo(value("csat", "global", 0.0, 1, "last 90 days"));
  }

  @Test
  void csat_answers_leave_the_window_after_90_days() {
    Engine engine = withMetrics(Metrics.csat());
    survey(engine, "a", "csat", 5, T0);
    survey(engine, "b", "csat", 3, at(days(10)));

    clock.set(at(days(90).minusSeconds(1)));
    MetricValue both = engine.metric("csat");
    clock.set(at(days(90)));
    MetricValue oneLeft = engine.metric("csat");
    clock.set(at(days(100)));
    MetricValue none = engine.metric("csat");

    assertThat(both).isEqualTo(value("csat", "global", 0.5, 2, "last 90 days"));
    assertThat(oneLeft).isEqualTo(value("csat", "global", 0.0, 1, "last 90 days"));
    assertThat(none).isEqualTo(value("csat", "global", NAN, 0, "last 90 days"));
  }

  @Test
  void window_ends_at_the_engines_now_after_advance_to() {
    Engine engine = withMetrics(Metrics.csat());
    survey(engine, "a", "csat", 5, T0);

    engine.advanceTo(at(days(90)));

    assertThat(clock.instant()).isEqualTo(T0);
    assertThat(engine.metric("csat")).isEqualTo(value("csat", "global", NAN, 0, "last 90 days"));
  }

  @Test
  void answer_already_older_than_the_window_is_not_counted() {
    Engine engine = withMetrics(Metrics.csat());
    clock.set(at(days(100)));

    engine.track(Event.builder("a", EventTypes.SURVEY_ANSWERED).with(EventTypes.KIND, "csat")
        .with(EventTypes.SCORE, 5).at(at(days(5))));
    survey(engine, "b", "csat", 1, at(days(100)));

    assertThat(engine.metric("csat")).isEqualTo(value("csat", "global", 0.0, 1, "last 90 days"));
  }

  @Test
  void answers_within_one_second_leave_the_window_together() {
    Engine engine = withMetrics(Metrics.csat());
    survey(engine, "a", "csat", 5, T0.plusMillis(100));
    survey(engine, "b", "csat", 1, T0.plusMillis(900));

    clock.set(at(days(90)).plusMillis(99));
    MetricValue before = engine.metric("csat");
    clock.set(at(days(90)).plusMillis(100));
    MetricValue after = engine.metric("csat");

    assertThat(before).isEqualTo(value("csat", "global", 0.5, 2, "last 90 days"));
    assertThat(after).isEqualTo(value("csat", "global", NAN, 0, "last 90 days"));
  }

  @Test

  void an_answer_arriving_out_of_time_order_leaves_the_window_on_time() {
    Engine engine = withMetrics(Metrics.csat());
    clock.set(at(days(2)));
    engine.track(Event.builder("a", EventTypes.SURVEY_ANSWERED).with(EventTypes.KIND, "csat")
        .with(EventTypes.SCORE, 5).at(at(days(1))));
    engine.track(Event.builder("b", EventTypes.SURVEY_ANSWERED).with(EventTypes.KIND, "csat")
        .with(EventTypes.SCORE, 1).at(T0));

    clock.set(at(days(90).plusHours(1)));
    MetricValue late = engine.metric("csat");

    assertThat(late).isEqualTo(value("csat", "global", 1.0, 1, "last 90 days"));
  }

  @Test
  void nps_is_promoters_minus_detractors_with_7_and_8_neutral() {
    Engine engine = withMetrics(Metrics.nps());

    int[] scores = {10, 9, 9, 8, 7, 6};
    for (int i = 0; i < scores.length; i++) {
      survey(engine, "c-" + i, "nps", scores[i], at(hours(i)));
    }

    assertThat(engine.metric("nps")).isEqualTo(value("nps", "global", 2.0 / 6, 6,
        "last 90 days"));
  }

  @Test
  void nps_of_detractors_only_is_minus_one() {
    Engine engine = withMetrics(Metrics.nps());

    survey(engine, "a", "nps", 0, T0);
    survey(engine, "b", "nps", 6, at(hours(1)));

    assertThat(engine.metric("nps")).isEqualTo(value("nps", "global", -1.0, 2, "last 90 days"));
  }

  @Test
  void nps_with_one_neutral_answer_is_zero_and_with_none_has_no_value() {
    Engine one = withMetrics(Metrics.nps());
    Engine none = withMetrics(Metrics.nps());

    survey(one, "a", "nps", 8, T0);
    survey(none, "a", "csat", 5, T0);

    assertThat(one.metric("nps")).isEqualTo(value("nps", "global", 0.0, 1, "last 90 days"));
    assertThat(none.metric("nps")).isEqualTo(value("nps", "global", NAN, 0, "last 90 days"));
  }

  @Test
  void ces_is_the_mean_effort_score() {
    Engine engine = withMetrics(Metrics.ces());

    survey(engine, "a", "ces", 2, T0);
    survey(engine, "b", "ces", 3, at(hours(1)));
    survey(engine, "c", "ces", 7, at(hours(2)));
    survey(engine, "d", "csat", 1, at(hours(3)));

    assertThat(engine.metric("ces")).isEqualTo(value("ces", "global", 4.0, 3, "last 90 days"));
  }

  @Test
  void ces_with_no_answer_has_no_value_and_with_one_is_that_answer() {
    Engine engine = withMetrics(Metrics.ces());
    MetricValue empty = engine.metric("ces");

    survey(engine, "a", "ces", 6, T0);

    assertThat(empty).isEqualTo(value("ces", "global", NAN, 0, "last 90 days"));
    assertThat(engine.metric("ces")).isEqualTo(value("ces", "global", 6.0, 1, "last 90 days"));
  }

  // ------------------------------------------------------------------ lifecycle metrics

  @Test
  void activation_counts_the_moment_within_the_time_of_the_first_anchor() {
    Moment activated = Moment.builder("activated").reachedOn("first_sync").build();
    Engine engine = Engine.builder().clock(clock).moments(activated)
        .metrics(Metrics.activation(activated, "signed_up", days(7))).build();
    for (String c : List.of("a", "b", "c", "d", "e")) {
      track(engine, c, "signed_up", T0);
    }

    track(engine, "e", "signed_up", at(days(1)));
    track(engine, "e", "first_sync", at(days(2)));
    track(engine, "a", "first_sync", at(days(3)));
    track(engine, "b", "first_sync", at(days(7)));
    track(engine, "c", "first_sync", at(days(8)));

    assertThat(engine.metric("activation"))
        .isEqualTo(value("activation", "global", 3.0 / 5, 5, "all time"));
  }

  @Test
  void activation_of_a_moment_reached_with_no_anchor_does_not_count() {
    Moment activated = Moment.builder("activated").reachedOn("first_sync").build();
    Engine engine = Engine.builder().clock(clock).moments(activated)
        .metrics(Metrics.activation(activated, "signed_up", days(7))).build();
    track(engine, "a", "signed_up", T0);

    track(engine, "b", "first_sync", at(hours(1)));

    assertThat(engine.metric("activation"))
        .isEqualTo(value("activation", "global", 0.0, 1, "all time"));
  }

  @Test
  void repeat_purchase_rate_is_customers_who_bought_twice_of_those_who_bought_once() {
    Engine engine = withMetrics(Metrics.repeatPurchaseRate("purchased"));

    track(engine, "a", "purchased", T0);
    track(engine, "a", "purchased", at(days(1)));
    track(engine, "a", "purchased", at(days(2)));
    track(engine, "b", "purchased", at(days(3)));
    track(engine, "c", "purchased", at(days(4)));
    track(engine, "c", "purchased", at(days(5)));

    assertThat(engine.metric("repeat_purchase_rate"))
        .isEqualTo(value("repeat_purchase_rate", "global", 2.0 / 3, 3, "all time"));
  }

  @Test
  void churn_counts_each_leaving_customer_once() {
    Engine engine = withMetrics(Metrics.churn("cancelled", "signed_up"));
    for (String c : List.of("a", "b", "c", "d")) {
      track(engine, c, "signed_up", T0);
    }

    track(engine, "a", "cancelled", at(days(1)));
    track(engine, "a", "cancelled", at(days(2)));
    track(engine, "b", "cancelled", at(days(3)));

    assertThat(engine.metric("churn")).isEqualTo(value("churn", "global", 0.5, 4, "all time"));
  }

  @Test
  void retention_counts_customers_active_again_late_enough_once() {
    Engine engine = withMetrics(Metrics.retention("signed_up", "logged_in", days(30)));
    for (String c : List.of("a", "b", "c")) {
      track(engine, c, "signed_up", T0);
    }

    track(engine, "b", "logged_in", at(days(5)));
    track(engine, "a", "logged_in", at(days(10)));
    track(engine, "c", "logged_in", at(days(30)));
    track(engine, "a", "logged_in", at(days(31)));
    track(engine, "a", "logged_in", at(days(40)));

    assertThat(engine.metric("retention"))
        .isEqualTo(value("retention", "global", 2.0 / 3, 3, "all time"));
  }

  // ------------------------------------------------------------------ support

  @Test
  void time_to_first_response_pairs_responses_with_their_ticket_in_hours() {
    Engine engine = withMetrics(Metrics.timeToFirstResponse());

    ticket(engine, EventTypes.TICKET_OPENED, "t1", T0);
    ticket(engine, EventTypes.TICKET_OPENED, "t2", at(hours(1)));
    ticket(engine, EventTypes.TICKET_RESPONDED, "t1", at(hours(2)));
    ticket(engine, EventTypes.TICKET_RESPONDED, "t2", at(hours(5)));
    ticket(engine, EventTypes.TICKET_RESPONDED, "t1", at(hours(6)));

    assertThat(engine.metric("time_to_first_response_hours"))
        .isEqualTo(value("time_to_first_response_hours", "global", 3.0, 2, "last 30 days"));
  }

  @Test
  void time_to_resolution_pairs_resolutions_with_their_ticket_in_hours() {
    Engine engine = withMetrics(Metrics.timeToResolution());

    ticket(engine, EventTypes.TICKET_OPENED, "t1", T0);
    ticket(engine, EventTypes.TICKET_OPENED, "t2", at(hours(1)));
    ticket(engine, EventTypes.TICKET_RESOLVED, "t2", at(hours(7)));
    ticket(engine, EventTypes.TICKET_RESOLVED, "t1", at(hours(24)));

    assertThat(engine.metric("time_to_resolution_hours"))
        .isEqualTo(value("time_to_resolution_hours", "global", 15.0, 2, "last 30 days"));
  }

  @Test
  void time_to_resolution_of_a_ticket_never_opened_is_not_counted() {
    Engine engine = withMetrics(Metrics.timeToResolution());

    ticket(engine, EventTypes.TICKET_OPENED, "t1", T0);
    ticket(engine, EventTypes.TICKET_RESOLVED, "t9", at(hours(3)));

    assertThat(engine.metric("time_to_resolution_hours"))
        .isEqualTo(value("time_to_resolution_hours", "global", NAN, 0, "last 30 days"));
  }

  @Test
  void repeat_contacts_is_the_share_of_tickets_opened_soon_after_the_previous_one() {
    Engine engine = withMetrics(Metrics.repeatContacts(days(7)));

    ticket(engine, EventTypes.TICKET_OPENED, "t1", T0);
    clock.set(at(days(1)));
    engine.track(Event.builder("c-2", EventTypes.TICKET_OPENED).with(EventTypes.TICKET_ID, "u1")
        .at(at(days(1))));
    ticket(engine, EventTypes.TICKET_OPENED, "t2", at(days(3)));
    ticket(engine, EventTypes.TICKET_OPENED, "t3", at(days(20)));
    ticket(engine, EventTypes.TICKET_OPENED, "t4", at(days(22)));

    assertThat(engine.metric("repeat_contacts"))
        .isEqualTo(value("repeat_contacts", "global", 2.0 / 5, 5, "last 30 days"));
  }

  // ------------------------------------------------------------------ host-defined metrics

  @Test
  void host_defined_rate_share_mean_and_net_share_are_computed_like_the_standard_ones() {
    Metric refunds = Metric.rate("refund_rate").count(EventSelector.type("refunded"))
        .per(EventSelector.type("purchased"));
    Metric bigOrders = Metric.share("big_orders").of(EventSelector.type("purchased"))
        .where(EventSelector.type("purchased", p -> p.getDouble("total").orElse(0) > 100));
    Metric basket = Metric.mean("basket").of(EventSelector.type("purchased"))
        .value(ValueExtractor.property("total"));
    Metric thumbs = Metric.net("thumbs").of(EventSelector.type("rated"))
        .promotersAndDetractors(EventSelector.type("rated", p -> "up".equals(p.get("thumb"))),
            EventSelector.type("rated", p -> "down".equals(p.get("thumb"))))
        .over(days(7));
    Engine engine = withMetrics(refunds, bigOrders, basket, thumbs);

    double[] totals = {20, 120.5, 50, 300};
    for (int i = 0; i < totals.length; i++) {
      clock.set(at(hours(i)));
      engine.track(Event.builder("a", "purchased").with("total", totals[i]).at(at(hours(i))));
    }
    track(engine, "b", "purchased", at(hours(5)));
    track(engine, "a", "refunded", at(hours(6)));
    String[] rated = {"up", "up", "down", "meh"};
    for (int i = 0; i < rated.length; i++) {
      clock.set(at(hours(10 + i)));
      engine.track(Event.builder("r-" + i, "rated").with("thumb", rated[i]).at(at(hours(10 + i))));
    }

    assertThat(engine.metric("refund_rate"))
        .isEqualTo(value("refund_rate", "global", 1.0 / 5, 5, "all time"));
    assertThat(engine.metric("big_orders"))
        .isEqualTo(value("big_orders", "global", 2.0 / 5, 5, "all time"));
    assertThat(engine.metric("basket"))
        .isEqualTo(value("basket", "global", 122.625, 4, "all time"));
    assertThat(engine.metric("thumbs"))
        .isEqualTo(value("thumbs", "global", 0.25, 4, "last 7 days"));
  }

  @Test
  void last_n_keeps_the_last_n_denominator_observations() {
    Metric refunds = Metric.rate("refund_rate").count(EventSelector.type("refunded"))
        .per(EventSelector.type("purchased")).last(2);
    Engine engine = withMetrics(refunds);
    track(engine, "a", "purchased", T0);
    track(engine, "a", "refunded", at(hours(1)));
    track(engine, "b", "purchased", at(hours(2)));
    MetricValue afterTwo = engine.metric("refund_rate");

    track(engine, "c", "purchased", at(hours(3)));
    MetricValue refundPushedOut = engine.metric("refund_rate");
    track(engine, "c", "refunded", at(hours(4)));

    assertThat(afterTwo).isEqualTo(value("refund_rate", "global", 0.5, 2, "last 2"));
    assertThat(refundPushedOut).isEqualTo(value("refund_rate", "global", 0.0, 2, "last 2"));
    assertThat(engine.metric("refund_rate"))
        .isEqualTo(value("refund_rate", "global", 0.5, 2, "last 2"));
  }

  @Test
  void last_n_does_not_empty_as_the_clock_moves() {
    Engine engine = withMetrics(Metrics.csat().last(3));
    int[] scores = {5, 5, 1, 1};
    for (int i = 0; i < scores.length; i++) {
      survey(engine, "c-" + i, "csat", scores[i], at(hours(i)));
    }

    clock.set(at(days(365)));

    assertThat(engine.metric("csat")).isEqualTo(value("csat", "global", 1.0 / 3, 3, "last 3"));
  }

  // ------------------------------------------------------------------ breakdowns

  @Test
  void persona_and_segment_breakdowns_count_the_customers_in_them() {
    Persona barista = Persona.builder("barista")
        .matching(c -> c.hasDone("purchased", p -> "grinder".equals(p.get("sku")))).build();
    Segment regulars = Segment.of("regulars", c -> c.count("purchased") >= 2);
    Engine engine = Engine.builder().clock(clock).personas(barista).segments(regulars)
        .metrics(Metrics.csat().by(Breakdown.PERSONA, Breakdown.SEGMENT)).build();
    engine.track(Event.builder("a", "purchased").with("sku", "grinder").at(T0));
    track(engine, "b", "purchased", T0);
    track(engine, "b", "purchased", at(hours(1)));

    survey(engine, "a", "csat", 5, at(hours(2)));
    survey(engine, "b", "csat", 2, at(hours(3)));
    survey(engine, "c", "csat", 4, at(hours(4)));

    String w = "last 90 days";
    assertThat(engine.metric("csat")).isEqualTo(value("csat", "global", 2.0 / 3, 3, w));
    assertThat(engine.metric("csat", "persona:barista"))
        .isEqualTo(value("csat", "persona:barista", 1.0, 1, w));
    assertThat(engine.metric("csat", "segment:regulars"))
        .isEqualTo(value("csat", "segment:regulars", 0.0, 1, w));
  }

  @Test
  void arm_breakdown_splits_a_metric_between_held_out_and_treated_customers() {
    Journey onboarding = Journey.builder("onboarding").enterOn(Trigger.onEvent("signed_up"))
        .holdout(0.5).steps(SendStep.of(banner), WaitStep.of(days(30))).build();
    Engine engine = Engine.builder().clock(clock).journeys(onboarding)
        .metrics(Metrics.csat().by(Breakdown.ARM)).dispatcher(outbox::add).build();
    List<String> customers = List.of("a", "b", "c", "d", "e", "f", "g", "h");
    for (String c : customers) {
      track(engine, c, "signed_up", T0);
    }
    long heldOut = 0;
    long heldOutSatisfied = 0;
    long treated = 0;
    long treatedSatisfied = 0;

    for (int i = 0; i < customers.size(); i++) {
      String c = customers.get(i);
      int score = i % 2 == 0 ? 5 : 2;
      survey(engine, c, "csat", score, at(hours(1 + i)));
      EnrollmentReport r = engine.explain(c).enrollment("onboarding").orElseThrow();
      if (r.holdout()) {
        heldOut++;
        heldOutSatisfied += score >= 4 ? 1 : 0;
      } else {
        treated++;
        treatedSatisfied += score >= 4 ? 1 : 0;
      }
    }

    String w = "last 90 days";
    assertThat(heldOut + treated).isEqualTo(8);
    assertThat(engine.metric("csat", "arm:onboarding/holdout")).isEqualTo(
        value("csat", "arm:onboarding/holdout",
            heldOut == 0 ? NAN : (double) heldOutSatisfied / heldOut, heldOut, w));
    assertThat(engine.metric("csat", "arm:onboarding/treated")).isEqualTo(
        value("csat", "arm:onboarding/treated",
            treated == 0 ? NAN : (double) treatedSatisfied / treated, treated, w));
  }

  // ------------------------------------------------------------------ north star and names

  @Test
  void north_star_is_computed_and_shown_on_the_dashboard() {
    Engine engine = Engine.builder().clock(clock).northStar(Metrics.csat()).build();
    survey(engine, "a", "csat", 5, T0);
    survey(engine, "b", "csat", 3, at(hours(1)));

    Dashboard dashboard = engine.dashboard();

    MetricValue expected = value("csat", "global", 0.5, 2, "last 90 days");
    assertThat(dashboard.northStar()).contains(expected);
    assertThat(engine.metric("csat")).isEqualTo(expected);
  }

  @Test
  void dashboard_without_a_north_star_has_none() {
    Engine engine = withMetrics(Metrics.csat());

    survey(engine, "a", "csat", 5, T0);

    assertThat(engine.dashboard().northStar()).isEmpty();
  }

  @Test
  void metric_the_engine_does_not_compute_is_refused_with_the_names_it_does() {
    Engine engine = withMetrics(Metrics.csat());

    assertThatThrownBy(() -> engine.metric("nps"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("metric 'nps' is not computed by this engine; it computes [csat]");
  }

  @Test
  void metric_declared_twice_is_refused_at_build() {
    assertThatThrownBy(() -> Engine.builder().metrics(Metrics.csat(), Metrics.csat()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("engine: metric 'csat' is declared twice; give each metric a unique name");
  }

  @Test
  void last_of_zero_observations_is_refused() {
    assertThatThrownBy(() -> Metrics.csat().last(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("metric 'csat': last(0) keeps no observation; give 1 or more");
  }
}
