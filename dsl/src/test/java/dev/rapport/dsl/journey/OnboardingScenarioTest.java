package dev.rapport.dsl.journey;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.traits;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Action;
import dev.rapport.core.CustomerId;
import dev.rapport.core.Moment;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.Explanation.EnrollmentReport;
import dev.rapport.core.journey.EnrollmentStatus;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.JourneyStats;
import dev.rapport.core.journey.StepOutcome;
import dev.rapport.core.journey.StepRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The onboarding journey of DESIGN section 3, end to end, with a controllable clock. */
class OnboardingScenarioTest {
  private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
  private static final String WAIT_FOR_KEY = "2 waitFor(api_key_created, atMost PT48H)";

  private final MutableClock clock = new MutableClock(START);
  private final List<Dispatch> outbox = new ArrayList<>();

  private final Moment activated = Onboarding.ACTIVATED;
  private final Action welcome = Onboarding.WELCOME;

  private Engine engine(double holdout, List<Dispatch> into) {
    return Engine.builder().clock(clock).moments(activated).journeys(Onboarding.journey(holdout))
        .dispatcher(into::add).build();
  }

  private Engine engine() {
    return engine(0, outbox);
  }

  private void signUp(Engine engine, String customer, Instant at) {
    clock.set(at);
    engine.identify(customer, traits().set(EMAIL_ADDRESS, customer + "@example.com"));
    engine.track(event(customer, "signed_up").at(at));
  }

  private void track(Engine engine, String customer, String type, Instant at) {
    clock.set(at);
    engine.track(event(customer, type).at(at));
  }

  private static EnrollmentReport report(Engine engine, String customer) {
    return engine.explain(customer).enrollment("onboarding").orElseThrow();
  }

  private static List<String> sent(List<Dispatch> dispatches) {
    return dispatches.stream().map(d -> d.action().name() + " via " + d.channel() + " at " + d.at())
        .toList();
  }

  private static Instant plus(Duration d) {
    return START.plus(d);
  }

  @Test
  void sends_the_welcome_email_at_entry() {
    Engine engine = engine();

    signUp(engine, "c-1", START);

    assertThat(outbox).containsExactly(new Dispatch(outbox.get(0).id(), CustomerId.of("c-1"),
        welcome, EMAIL, Optional.of("onboarding"), 1, Optional.of("1 send(welcome)"), 1, START));
    EnrollmentReport r = report(engine, "c-1");
    assertThat(r.status()).isEqualTo(EnrollmentStatus.WAITING);
    assertThat(r.currentStep()).contains(WAIT_FOR_KEY);
    assertThat(r.dueAt()).contains(plus(Duration.ofDays(2)));
  }

  @Test
  void sends_key_help_in_app_two_days_after_sign_up_without_an_api_key() {
    Engine engine = engine();
    signUp(engine, "c-1", START);

    engine.advanceTo(plus(Duration.ofDays(2).minusSeconds(1)));
    List<String> beforeTimeout = sent(outbox);
    engine.advanceTo(plus(Duration.ofDays(3)));

    assertThat(beforeTimeout).containsExactly("welcome via email at " + START);
    assertThat(sent(outbox)).containsExactly(
        "welcome via email at " + START,
        "api-key-help via in_app at " + plus(Duration.ofDays(2)));
    assertThat(outbox.get(1).step()).contains("2/timeout/1 send(api-key-help)");
    assertThat(engine.journeyStats("onboarding").step("2").timedOut()).isEqualTo(1);
  }

  @Test
  void sends_no_key_help_when_the_api_key_is_created_within_two_days() {
    Engine engine = engine();
    signUp(engine, "c-1", START);

    track(engine, "c-1", "api_key_created", plus(Duration.ofHours(47)));
    engine.advanceTo(plus(Duration.ofDays(5)));

    assertThat(sent(outbox)).containsExactly("welcome via email at " + START);
    assertThat(report(engine, "c-1").history()).contains(
        new StepRecord(plus(Duration.ofHours(47)), WAIT_FOR_KEY, StepOutcome.RECEIVED, ""));
    assertThat(engine.journeyStats("onboarding").step("2").timedOut()).isZero();
  }

  @Test
  void sends_team_setup_when_a_teammate_was_invited_before_the_key_was_created() {
    Engine engine = engine();
    signUp(engine, "c-1", START);

    track(engine, "c-1", "teammate_invited", plus(Duration.ofHours(1)));
    track(engine, "c-1", "api_key_created", plus(Duration.ofHours(5)));

    assertThat(sent(outbox)).containsExactly(
        "welcome via email at " + START,
        "team-setup via in_app at " + plus(Duration.ofHours(5)));
    assertThat(outbox.get(1).step()).contains("3/when1/1 send(team-setup)");
    assertThat(report(engine, "c-1").history()).contains(
        new StepRecord(plus(Duration.ofHours(5)), "3 when(1 branch)", StepOutcome.BRANCHED,
            "branch 1"));
  }

  @Test
  void sends_key_help_then_team_setup_when_a_teammate_was_invited_but_no_key_came() {
    Engine engine = engine();
    signUp(engine, "c-1", START);

    track(engine, "c-1", "teammate_invited", plus(Duration.ofHours(1)));
    engine.advanceTo(plus(Duration.ofDays(3)));

    assertThat(sent(outbox)).containsExactly(
        "welcome via email at " + START,
        "api-key-help via in_app at " + plus(Duration.ofDays(2)),
        "team-setup via in_app at " + plus(Duration.ofDays(2)));
  }

  @Test
  void skips_team_setup_without_a_teammate() {
    Engine engine = engine();
    signUp(engine, "c-1", START);

    track(engine, "c-1", "api_key_created", plus(Duration.ofHours(5)));

    assertThat(sent(outbox)).containsExactly("welcome via email at " + START);
    assertThat(report(engine, "c-1").history()).contains(
        new StepRecord(plus(Duration.ofHours(5)), "3 when(1 branch)", StepOutcome.OTHERWISE,
            ""));
  }

  @Test
  void reaching_activated_converts_and_stops_further_sends() {
    Engine engine = engine();
    signUp(engine, "c-1", START);

    track(engine, "c-1", "first_sync", plus(Duration.ofHours(5)));
    engine.advanceTo(plus(Duration.ofDays(20)));

    assertThat(sent(outbox)).containsExactly("welcome via email at " + START);
    EnrollmentReport r = report(engine, "c-1");
    assertThat(r.status()).isEqualTo(EnrollmentStatus.CONVERTED);
    assertThat(r.endedAt()).contains(plus(Duration.ofHours(5)));
    assertThat(r.exitReason()).contains("goal activated reached");
    JourneyStats stats = engine.journeyStats("onboarding");
    assertThat(stats.treated()).isEqualTo(1);
    assertThat(stats.convertedTreated()).isEqualTo(1);
    assertThat(stats.completed()).isZero();
    assertThat(stats.step("2").waiting()).isZero();
    assertThat(stats.step("2").timedOut()).isZero();
  }

  @Test
  void reaching_activated_after_the_last_step_still_converts_within_the_window() {
    Engine engine = engine();
    signUp(engine, "c-1", START);
    engine.advanceTo(plus(Duration.ofDays(3)));

    track(engine, "c-1", "first_sync", plus(Duration.ofDays(10)));

    EnrollmentReport r = report(engine, "c-1");
    assertThat(r.status()).isEqualTo(EnrollmentStatus.CONVERTED);
    assertThat(r.endedAt()).contains(plus(Duration.ofDays(10)));
    assertThat(engine.journeyStats("onboarding").convertedTreated()).isEqualTo(1);
  }

  @Test
  void account_closed_exits_and_stops_further_sends() {
    Engine engine = engine();
    signUp(engine, "c-1", START);

    track(engine, "c-1", "account_closed", plus(Duration.ofDays(1)));
    engine.advanceTo(plus(Duration.ofDays(20)));

    assertThat(sent(outbox)).containsExactly("welcome via email at " + START);
    EnrollmentReport r = report(engine, "c-1");
    assertThat(r.status()).isEqualTo(EnrollmentStatus.EXITED);
    assertThat(r.endedAt()).contains(plus(Duration.ofDays(1)));
    assertThat(r.exitReason()).contains("exit on account_closed");
    JourneyStats stats = engine.journeyStats("onboarding");
    assertThat(stats.exited()).isEqualTo(1);
    assertThat(stats.step("2").waiting()).isZero();
  }

  @Test
  void stays_waiting_after_its_last_step_until_the_goal_window_ends_then_completes() {
    Engine engine = engine();
    signUp(engine, "c-1", START);

    engine.advanceTo(plus(Duration.ofDays(13)));
    EnrollmentReport measuring = report(engine, "c-1");
    engine.advanceTo(plus(Duration.ofDays(15)));

    assertThat(measuring.status()).isEqualTo(EnrollmentStatus.WAITING);
    assertThat(measuring.currentStep())
        .contains("past the last step, measuring the goal until its window ends");
    assertThat(measuring.dueAt()).contains(plus(Duration.ofDays(14)));
    EnrollmentReport done = report(engine, "c-1");
    assertThat(done.status()).isEqualTo(EnrollmentStatus.COMPLETED);
    assertThat(done.endedAt()).contains(plus(Duration.ofDays(14)));
    Instant timeout = plus(Duration.ofDays(2));
    assertThat(done.history()).containsExactly(
        new StepRecord(START, "onboarding", StepOutcome.ENTERED, ""),
        new StepRecord(START, "1 send(welcome)", StepOutcome.SENT, "via email"),
        new StepRecord(START, WAIT_FOR_KEY, StepOutcome.WAITING, ""),
        new StepRecord(timeout, WAIT_FOR_KEY, StepOutcome.TIMED_OUT, ""),
        new StepRecord(timeout, "2/timeout/1 send(api-key-help)", StepOutcome.SENT,
            "via in_app"),
        new StepRecord(timeout, "3 when(1 branch)", StepOutcome.OTHERWISE, ""),
        new StepRecord(plus(Duration.ofDays(14)), "onboarding", StepOutcome.COMPLETED, ""));
    assertThat(engine.journeyStats("onboarding").completed()).isEqualTo(1);
  }

  @Test
  void first_sync_after_the_goal_window_is_not_a_conversion() {
    Engine engine = engine();
    signUp(engine, "c-1", START);
    engine.advanceTo(plus(Duration.ofDays(15)));

    track(engine, "c-1", "first_sync", plus(Duration.ofDays(16)));

    assertThat(report(engine, "c-1").status()).isEqualTo(EnrollmentStatus.COMPLETED);
    assertThat(engine.journeyStats("onboarding").converted()).isZero();
    assertThat(engine.customer("c-1").orElseThrow().reached(activated)).isTrue();
  }

  @Test
  void held_out_customers_are_enrolled_and_counted_but_never_dispatched_anything() {
    Engine engine = engine(0.5, outbox);
    List<String> customers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      customers.add("c-" + i);
      signUp(engine, "c-" + i, START.plus(Duration.ofMinutes(i)));
    }

    for (int i = 0; i < 200; i += 4) {
      track(engine, "c-" + i, "first_sync", plus(Duration.ofDays(1).plusMinutes(i)));
    }
    engine.advanceTo(plus(Duration.ofDays(20)));

    Set<String> heldOut = customers.stream().filter(c -> report(engine, c).holdout())
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(heldOut).hasSizeBetween(70, 130);
    Set<String> dispatchedTo = outbox.stream().map(d -> d.customer().value())
        .collect(Collectors.toSet());
    assertThat(dispatchedTo).doesNotContainAnyElementsOf(heldOut)
        .hasSize(200 - heldOut.size());
    long convertingHeldOut = heldOut.stream()
        .filter(c -> Integer.parseInt(c.substring(2)) % 4 == 0).count();
    JourneyStats stats = engine.journeyStats("onboarding");
    assertThat(stats.heldOut()).isEqualTo(heldOut.size());
    assertThat(stats.treated()).isEqualTo(200 - heldOut.size());
    assertThat(stats.convertedHeldOut()).isEqualTo(convertingHeldOut);
    assertThat(stats.convertedTreated()).isEqualTo(50 - convertingHeldOut);
    assertThat(stats.completed()).isEqualTo(150);
    assertThat(stats.step("1").heldOut()).isEqualTo(heldOut.size());
    assertThat(stats.step("1").sent()).isEqualTo(200 - heldOut.size());
    // the 150 who never synced timed out; only the treated among them got key help
    assertThat(stats.step("2/timeout/1").heldOut() + stats.step("2/timeout/1").sent())
        .isEqualTo(150);
    assertThat(outbox).hasSize((int) (stats.treated() + stats.step("2/timeout/1").sent()));
  }

  @Test
  void a_held_out_customer_explanation_shows_held_out_steps() {
    Engine engine = engine(0.5, outbox);
    String heldOut = null;
    for (int i = 0; heldOut == null; i++) {
      signUp(engine, "c-" + i, START);
      if (report(engine, "c-" + i).holdout()) {
        heldOut = "c-" + i;
      }
    }

    engine.advanceTo(plus(Duration.ofDays(15)));

    String customer = heldOut;
    assertThat(outbox).noneMatch(d -> d.customer().value().equals(customer));
    Instant timeout = plus(Duration.ofDays(2));
    assertThat(report(engine, customer).history()).containsExactly(
        new StepRecord(START, "onboarding", StepOutcome.ENTERED, ""),
        new StepRecord(START, "1 send(welcome)", StepOutcome.HELD_OUT, ""),
        new StepRecord(START, WAIT_FOR_KEY, StepOutcome.WAITING, ""),
        new StepRecord(timeout, WAIT_FOR_KEY, StepOutcome.TIMED_OUT, ""),
        new StepRecord(timeout, "2/timeout/1 send(api-key-help)", StepOutcome.HELD_OUT, ""),
        new StepRecord(timeout, "3 when(1 branch)", StepOutcome.OTHERWISE, ""),
        new StepRecord(plus(Duration.ofDays(14)), "onboarding", StepOutcome.COMPLETED, ""));
    assertThat(engine.explain(customer).toString()).contains("(holdout)");
  }

  @Test
  void holdout_assignment_is_the_same_in_two_fresh_engines() {
    List<Dispatch> first = new ArrayList<>();
    List<Dispatch> second = new ArrayList<>();
    Engine one = engine(0.5, first);
    Engine two = engine(0.5, second);

    Set<String> heldOutInOne = new TreeSet<>();
    Set<String> heldOutInTwo = new TreeSet<>();
    for (int i = 0; i < 200; i++) {
      String c = "c-" + i;
      signUp(one, c, START.plus(Duration.ofMinutes(i)));
      signUp(two, c, START.plus(Duration.ofMinutes(i)));
      if (report(one, c).holdout()) {
        heldOutInOne.add(c);
      }
      if (report(two, c).holdout()) {
        heldOutInTwo.add(c);
      }
    }

    assertThat(heldOutInOne).isEqualTo(heldOutInTwo).hasSizeBetween(70, 130);
    assertThat(first).extracting(Dispatch::id)
        .containsExactlyElementsOf(second.stream().map(Dispatch::id).toList());
  }
}
