package dev.rapport.dsl.journey;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.GRANTED;
import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.MARKETING;
import static dev.rapport.dsl.Rapport.PHONE_NUMBER;
import static dev.rapport.dsl.Rapport.SMS;
import static dev.rapport.dsl.Rapport.TRANSACTIONAL;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.contactPolicy;
import static dev.rapport.dsl.Rapport.delay;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.journey;
import static dev.rapport.dsl.Rapport.profile;
import static dev.rapport.dsl.Rapport.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Action;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.Explanation.EnrollmentReport;
import dev.rapport.core.journey.EnrollmentStatus;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.Step;
import dev.rapport.core.journey.StepOutcome;
import dev.rapport.core.journey.StepRecord;
import dev.rapport.core.journey.StepStats;
import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.core.policy.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every kind of cap of the contact policy, the minimum gap and the action cooldown, each refusing
 * with its reason, counted per step; and a send step that waits for the gate.
 */
class CapsTest {
  private static final Instant T = Instant.parse("2026-06-01T10:00:00Z");

  private final MutableClock clock = new MutableClock(T);
  private final List<Dispatch> outbox = new ArrayList<>();

  private final Action inAppA = action("in-app-a").via(IN_APP).build();
  private final Action inAppB = action("in-app-b").via(IN_APP).build();
  private final Action emailA = action("email-a").via(EMAIL).build();
  private final Action smsA = action("sms-a").via(SMS).build();
  private final Action smsB = action("sms-b").via(SMS).build();
  private final Action brewGuide = action("brew-guide").topic("coffee").via(IN_APP).build();
  private final Action grinderTips = action("grinder-tips").topic("coffee").via(IN_APP).build();
  private final Action teaTips = action("tea-tips").topic("tea").via(IN_APP).build();
  private final Action receipt = action("receipt").transactional().via(EMAIL).build();
  private final Action invoice = action("invoice").transactional().via(EMAIL).build();
  private final Action notice = action("notice").transactional().via(EMAIL).build();

  private Engine engine(ContactPolicy policy, Journey journey) {
    return Engine.builder().clock(clock).contactPolicy(policy).journeys(journey)
        .dispatcher(outbox::add).build();
  }

  private Engine engine(ContactPolicy policy, Step... steps) {
    return engine(policy, journey("caps").enterOn("go").steps(steps).build());
  }

  /** A customer reachable and consenting to marketing on every channel. */
  private void customer(Engine engine, String id) {
    engine.identify(id, profile()
        .set(EMAIL_ADDRESS, id + "@example.com")
        .set(PHONE_NUMBER, "+44 7700 900" + String.format("%03d", Math.abs(id.hashCode()) % 1000))
        .consent(EMAIL, MARKETING, GRANTED)
        .consent(SMS, MARKETING, GRANTED));
  }

  private void go(Engine engine, String id, Instant at) {
    clock.set(at);
    engine.track(event(id, "go").at(at));
  }

  private List<String> sent() {
    return outbox.stream().map(d -> d.action().name() + " at " + d.at()).toList();
  }

  private static EnrollmentReport caps(Engine engine, String id) {
    return engine.explain(id).enrollment("caps").orElseThrow();
  }

  private static Instant plus(Duration d) {
    return T.plus(d);
  }

  @Test
  void a_cap_over_all_channels_refuses_the_third_marketing_message_of_the_day() {
    Engine engine = engine(contactPolicy().atMost(2).per(Duration.ofDays(1)).build(),
        send(inAppA), send(emailA), send(inAppB));
    customer(engine, "c-1");

    go(engine, "c-1", T);

    assertThat(sent()).containsExactly("in-app-a at " + T, "email-a at " + T);
    assertThat(caps(engine, "c-1").history()).contains(
        new StepRecord(T, "3 send(in-app-b)", StepOutcome.REFUSED, "CAPPED"));
    assertThat(engine.journeyStats("caps").step("3").refused(Reason.CAPPED)).isEqualTo(1);
  }

  @Test
  void a_cap_over_all_channels_frees_up_when_the_window_rolls_on() {
    Engine engine = engine(contactPolicy().atMost(1).per(Duration.ofDays(1)).build(),
        send(inAppA), delay(Duration.ofDays(1).minusSeconds(1)), send(inAppB),
        delay(Duration.ofSeconds(1)), send(emailA));
    customer(engine, "c-1");

    go(engine, "c-1", T);
    engine.advanceTo(plus(Duration.ofDays(2)));

    assertThat(sent()).containsExactly("in-app-a at " + T,
        "email-a at " + plus(Duration.ofDays(1)));
    assertThat(caps(engine, "c-1").history()).contains(new StepRecord(
        plus(Duration.ofDays(1).minusSeconds(1)), "3 send(in-app-b)", StepOutcome.REFUSED,
        "CAPPED"));
  }

  @Test
  void a_cap_on_a_channel_counts_only_that_channel() {
    Engine engine = engine(contactPolicy().atMost(1).per(Duration.ofDays(1)).on(SMS).build(),
        send(smsA), send(smsB), send(inAppA));
    customer(engine, "c-1");

    go(engine, "c-1", T);

    assertThat(sent()).containsExactly("sms-a at " + T, "in-app-a at " + T);
    assertThat(caps(engine, "c-1").history()).contains(
        new StepRecord(T, "2 send(sms-b)", StepOutcome.REFUSED, "CAPPED"));
    assertThat(engine.journeyStats("caps").step("2").refused(Reason.CAPPED)).isEqualTo(1);
  }

  @Test
  void a_cap_on_a_topic_counts_only_that_topic() {
    Engine engine = engine(
        contactPolicy().atMost(1).per(Duration.ofDays(7)).onTopic("coffee").build(),
        send(brewGuide), send(grinderTips), send(teaTips));
    customer(engine, "c-1");

    go(engine, "c-1", T);

    assertThat(sent()).containsExactly("brew-guide at " + T, "tea-tips at " + T);
    assertThat(caps(engine, "c-1").history()).contains(
        new StepRecord(T, "2 send(grinder-tips)", StepOutcome.REFUSED, "CAPPED"));
  }

  @Test
  void a_cap_for_the_transactional_purpose_refuses_beyond_its_limit() {
    Engine engine = engine(
        contactPolicy().atMost(2).per(Duration.ofDays(1)).forPurpose(TRANSACTIONAL).build(),
        send(receipt), send(invoice), send(notice), send(inAppA));
    customer(engine, "c-1");

    go(engine, "c-1", T);

    assertThat(sent()).containsExactly("receipt at " + T, "invoice at " + T, "in-app-a at " + T);
    assertThat(caps(engine, "c-1").history()).contains(
        new StepRecord(T, "3 send(notice)", StepOutcome.REFUSED, "CAPPED"));
  }

  @Test
  void a_cap_for_the_marketing_purpose_does_not_count_transactional_messages() {
    Engine engine = engine(
        contactPolicy().atMost(1).per(Duration.ofDays(1)).forPurpose(MARKETING).build(),
        send(receipt), send(inAppA), send(inAppB));
    customer(engine, "c-1");

    go(engine, "c-1", T);

    assertThat(sent()).containsExactly("receipt at " + T, "in-app-a at " + T);
  }

  @Test
  void transactional_messages_are_exempt_from_marketing_caps_and_do_not_count_in_them() {
    Engine engine = engine(contactPolicy().atMost(1).per(Duration.ofDays(1))
            .atMost(1).per(Duration.ofDays(1)).on(EMAIL).minimumGap(Duration.ofHours(4)).build(),
        send(emailA), send(receipt), send(invoice), send(inAppA));
    customer(engine, "c-1");

    go(engine, "c-1", T);

    assertThat(sent()).containsExactly("email-a at " + T, "receipt at " + T, "invoice at " + T);
    assertThat(caps(engine, "c-1").history()).contains(
        new StepRecord(T, "4 send(in-app-a)", StepOutcome.REFUSED, "CAPPED"));
  }

  @Test
  void the_minimum_gap_refuses_a_marketing_message_too_soon_after_another() {
    Engine engine = engine(contactPolicy().minimumGap(Duration.ofHours(4)).build(),
        send(inAppA), delay(Duration.ofHours(3)), send(inAppB), delay(Duration.ofHours(1)),
        send(emailA));
    customer(engine, "c-1");

    go(engine, "c-1", T);
    engine.advanceTo(plus(Duration.ofDays(1)));

    assertThat(sent()).containsExactly("in-app-a at " + T,
        "email-a at " + plus(Duration.ofHours(4)));
    assertThat(caps(engine, "c-1").history()).contains(new StepRecord(
        plus(Duration.ofHours(3)), "3 send(in-app-b)", StepOutcome.REFUSED, "MIN_GAP"));
    assertThat(engine.journeyStats("caps").step("3").refused(Reason.MIN_GAP)).isEqualTo(1);
  }

  @Test
  void the_action_cooldown_refuses_the_same_action_again_within_it() {
    Action daily = action("daily-deal").cooldown(Duration.ofDays(1)).via(IN_APP).build();
    Engine engine = engine(ContactPolicy.ofDefaults(),
        journey("caps").enterOn("go").reEnterAfterExit().steps(send(daily)).build());
    customer(engine, "c-1");

    go(engine, "c-1", T);
    go(engine, "c-1", plus(Duration.ofHours(12)));
    EnrollmentReport second = caps(engine, "c-1");
    go(engine, "c-1", plus(Duration.ofDays(1)));

    assertThat(sent()).containsExactly("daily-deal at " + T,
        "daily-deal at " + plus(Duration.ofDays(1)));
    assertThat(second.sequence()).isEqualTo(2);
    assertThat(second.history()).contains(new StepRecord(plus(Duration.ofHours(12)),
        "1 send(daily-deal)", StepOutcome.REFUSED, "COOLDOWN"));
    StepStats step = engine.journeyStats("caps").step("1");
    assertThat(step.refused(Reason.COOLDOWN)).isEqualTo(1);
    assertThat(step.sent()).isEqualTo(2);
  }

  @Test
  void a_send_waiting_for_the_gate_goes_out_when_the_cap_window_frees_up() {
    Engine engine = engine(contactPolicy().atMost(1).per(Duration.ofDays(1)).build(),
        send(inAppA), send(inAppB).waitingForGate(Duration.ofDays(2)));
    customer(engine, "c-1");

    go(engine, "c-1", T);
    EnrollmentReport waiting = caps(engine, "c-1");
    engine.advanceTo(plus(Duration.ofDays(3)));

    assertThat(waiting.status()).isEqualTo(EnrollmentStatus.WAITING);
    assertThat(waiting.dueAt()).contains(plus(Duration.ofDays(1)));
    assertThat(waiting.history()).contains(
        new StepRecord(T, "2 send(in-app-b)", StepOutcome.DEFERRED, "CAPPED"));
    assertThat(sent()).containsExactly("in-app-a at " + T,
        "in-app-b at " + plus(Duration.ofDays(1)));
    assertThat(caps(engine, "c-1").status()).isEqualTo(EnrollmentStatus.COMPLETED);
    StepStats step = engine.journeyStats("caps").step("2");
    assertThat(step.sent()).isEqualTo(1);
    assertThat(step.refused(Reason.CAPPED)).isEqualTo(1); // the deferral
    assertThat(step.waiting()).isZero();
  }

  @Test
  void a_send_waiting_for_the_gate_gives_up_after_its_bound_and_the_journey_moves_on() {
    Engine engine = engine(contactPolicy().atMost(1).per(Duration.ofDays(1)).build(),
        send(inAppA), send(inAppB).waitingForGate(Duration.ofHours(6)), send(receipt));
    customer(engine, "c-1");

    go(engine, "c-1", T);
    engine.advanceTo(plus(Duration.ofDays(3)));

    assertThat(sent()).containsExactly("in-app-a at " + T,
        "receipt at " + plus(Duration.ofHours(6)));
    EnrollmentReport r = caps(engine, "c-1");
    assertThat(r.history()).contains(
        new StepRecord(T, "2 send(in-app-b)", StepOutcome.DEFERRED, "CAPPED"),
        new StepRecord(plus(Duration.ofHours(6)), "2 send(in-app-b)", StepOutcome.REFUSED,
            "CAPPED"));
    assertThat(r.status()).isEqualTo(EnrollmentStatus.COMPLETED);
    // refusals are counted with the deferrals: one deferral, then the final refusal
    assertThat(engine.journeyStats("caps").step("2").refused(Reason.CAPPED)).isEqualTo(2);
    assertThat(engine.journeyStats("caps").step("2").sent()).isZero();
  }

  @Test
  void a_send_waiting_for_the_gate_waits_out_the_minimum_gap() {
    Engine engine = engine(contactPolicy().minimumGap(Duration.ofHours(4)).build(),
        send(inAppA), send(inAppB).waitingForGate(Duration.ofDays(1)));
    customer(engine, "c-1");

    go(engine, "c-1", T);
    engine.advanceTo(plus(Duration.ofDays(1)));

    assertThat(sent()).containsExactly("in-app-a at " + T,
        "in-app-b at " + plus(Duration.ofHours(4)));
  }

  @Test
  void a_send_that_does_not_wait_for_the_gate_is_refused_and_the_journey_moves_on() {
    Engine engine = engine(contactPolicy().atMost(1).per(Duration.ofDays(1)).build(),
        send(inAppA), send(inAppB), send(receipt));
    customer(engine, "c-1");

    go(engine, "c-1", T);

    assertThat(sent()).containsExactly("in-app-a at " + T, "receipt at " + T);
    assertThat(caps(engine, "c-1").status()).isEqualTo(EnrollmentStatus.COMPLETED);
  }

  @Test
  void refusals_are_counted_per_step_across_customers() {
    Engine engine = engine(contactPolicy().atMost(1).per(Duration.ofDays(1)).build(),
        send(inAppA), send(inAppB), send(emailA));

    for (int i = 0; i < 3; i++) {
      customer(engine, "c-" + i);
      go(engine, "c-" + i, plus(Duration.ofMinutes(i)));
    }

    StepStats first = engine.journeyStats("caps").step("1");
    StepStats second = engine.journeyStats("caps").step("2");
    StepStats third = engine.journeyStats("caps").step("3");
    assertThat(first.sent()).isEqualTo(3);
    assertThat(first.refused()).isEmpty();
    assertThat(second.refused(Reason.CAPPED)).isEqualTo(3);
    assertThat(second.refused()).containsOnlyKeys(Reason.CAPPED);
    assertThat(third.refused(Reason.CAPPED)).isEqualTo(3);
    assertThat(second.arrived()).isEqualTo(3);
    assertThat(outbox).hasSize(3);
  }
}
