package dev.rapport.dsl.journey;

import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.delay;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.journey;
import static dev.rapport.dsl.Rapport.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Action;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.Explanation.EnrollmentReport;
import dev.rapport.core.journey.EnrollmentStatus;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.StepOutcome;
import dev.rapport.core.journey.StepRecord;
import dev.rapport.dsl.JourneyOptionsStep;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Re-entry rules: never (the default), after the enrollment ended, after a cooldown since it
 * ended; one active enrollment per customer and journey in every case.
 */
class ReEntryTest {
  private static final Instant T = Instant.parse("2026-05-04T09:00:00Z");

  private final MutableClock clock = new MutableClock(T);
  private final List<Dispatch> outbox = new ArrayList<>();
  private final Action tip = action("trial-tip").via(IN_APP).build();

  /** A trial journey: a tip at entry, then three days of waiting; cancelling exits it. */
  private Engine engine(UnaryOperator<JourneyOptionsStep> reEntry) {
    Journey trial = reEntry.apply(journey("trial").enterOn("trial_started"))
        .exitOn("trial_cancelled")
        .steps(send(tip), delay(Duration.ofDays(3)))
        .build();
    return Engine.builder().clock(clock).journeys(trial).dispatcher(outbox::add).build();
  }

  private void track(Engine engine, String type, Instant at) {
    clock.set(at);
    engine.track(event("c-1", type).at(at));
  }

  private static EnrollmentReport trial(Engine engine) {
    return engine.explain("c-1").enrollment("trial").orElseThrow();
  }

  private static Instant plus(Duration d) {
    return T.plus(d);
  }

  @Test
  void by_default_a_trigger_after_exit_does_not_re_enroll() {
    Engine engine = engine(j -> j);
    track(engine, "trial_started", T);
    track(engine, "trial_cancelled", plus(Duration.ofDays(1)));

    track(engine, "trial_started", plus(Duration.ofDays(30)));

    EnrollmentReport r = trial(engine);
    assertThat(r.sequence()).isEqualTo(1);
    assertThat(r.status()).isEqualTo(EnrollmentStatus.EXITED);
    assertThat(r.enteredAt()).isEqualTo(T);
    assertThat(outbox).hasSize(1);
    assertThat(engine.journeyStats("trial").entered()).isEqualTo(1);
  }

  @Test
  void by_default_a_trigger_after_completion_does_not_re_enroll() {
    Engine engine = engine(j -> j);
    track(engine, "trial_started", T);
    engine.advanceTo(plus(Duration.ofDays(3)));

    track(engine, "trial_started", plus(Duration.ofDays(30)));

    EnrollmentReport r = trial(engine);
    assertThat(r.sequence()).isEqualTo(1);
    assertThat(r.status()).isEqualTo(EnrollmentStatus.COMPLETED);
    assertThat(outbox).hasSize(1);
  }

  @Test
  void by_default_a_second_trigger_while_active_is_ignored() {
    Engine engine = engine(j -> j);
    track(engine, "trial_started", T);

    track(engine, "trial_started", plus(Duration.ofHours(1)));

    EnrollmentReport r = trial(engine);
    assertThat(r.sequence()).isEqualTo(1);
    assertThat(r.status()).isEqualTo(EnrollmentStatus.WAITING);
    assertThat(r.enteredAt()).isEqualTo(T);
    assertThat(outbox).hasSize(1);
  }

  @Test
  void after_exit_a_trigger_while_the_enrollment_is_active_is_ignored() {
    Engine engine = engine(JourneyOptionsStep::reEnterAfterExit);
    track(engine, "trial_started", T);

    track(engine, "trial_started", plus(Duration.ofDays(1)));

    EnrollmentReport r = trial(engine);
    assertThat(r.sequence()).isEqualTo(1);
    assertThat(r.status()).isEqualTo(EnrollmentStatus.WAITING);
    assertThat(r.enteredAt()).isEqualTo(T);
    assertThat(r.dueAt()).contains(plus(Duration.ofDays(3)));
    assertThat(outbox).hasSize(1);
  }

  @Test
  void after_exit_re_enrolls_once_the_first_enrollment_completed() {
    Engine engine = engine(JourneyOptionsStep::reEnterAfterExit);
    track(engine, "trial_started", T);
    engine.advanceTo(plus(Duration.ofDays(3)));

    track(engine, "trial_started", plus(Duration.ofDays(3).plusHours(1)));

    EnrollmentReport r = trial(engine);
    assertThat(r.sequence()).isEqualTo(2);
    assertThat(r.status()).isEqualTo(EnrollmentStatus.WAITING);
    assertThat(r.enteredAt()).isEqualTo(plus(Duration.ofDays(3).plusHours(1)));
    assertThat(r.history()).first().isEqualTo(new StepRecord(
        plus(Duration.ofDays(3).plusHours(1)), "trial", StepOutcome.ENTERED, ""));
    assertThat(outbox).extracting(Dispatch::at)
        .containsExactly(T, plus(Duration.ofDays(3).plusHours(1)));
    assertThat(outbox.get(0).id()).isNotEqualTo(outbox.get(1).id());
    assertThat(engine.journeyStats("trial").treated()).isEqualTo(2);
    assertThat(engine.journeyStats("trial").completed()).isEqualTo(1);
  }

  @Test
  void after_exit_re_enrolls_right_after_an_exit() {
    Engine engine = engine(JourneyOptionsStep::reEnterAfterExit);
    track(engine, "trial_started", T);
    track(engine, "trial_cancelled", plus(Duration.ofHours(2)));

    track(engine, "trial_started", plus(Duration.ofHours(2)));

    EnrollmentReport r = trial(engine);
    assertThat(r.sequence()).isEqualTo(2);
    assertThat(r.status()).isEqualTo(EnrollmentStatus.WAITING);
    assertThat(outbox).hasSize(2);
  }

  @Test
  void after_a_cooldown_re_entry_is_refused_before_the_cooldown_since_the_end() {
    Engine engine = engine(j -> j.reEnterAfter(Duration.ofDays(7)));
    track(engine, "trial_started", T);
    engine.advanceTo(plus(Duration.ofDays(3)));

    track(engine, "trial_started", plus(Duration.ofDays(10).minusSeconds(1)));

    EnrollmentReport r = trial(engine);
    assertThat(r.sequence()).isEqualTo(1);
    assertThat(r.status()).isEqualTo(EnrollmentStatus.COMPLETED);
    assertThat(r.endedAt()).contains(plus(Duration.ofDays(3)));
    assertThat(outbox).hasSize(1);
  }

  @Test
  void after_a_cooldown_the_cooldown_counts_from_the_end_not_from_the_entry() {
    Engine engine = engine(j -> j.reEnterAfter(Duration.ofDays(7)));
    track(engine, "trial_started", T);
    engine.advanceTo(plus(Duration.ofDays(3)));

    track(engine, "trial_started", plus(Duration.ofDays(8)));

    assertThat(trial(engine).sequence()).isEqualTo(1);
    assertThat(outbox).hasSize(1);
  }

  @Test
  void after_a_cooldown_re_entry_is_accepted_once_the_cooldown_has_passed() {
    Engine engine = engine(j -> j.reEnterAfter(Duration.ofDays(7)));
    track(engine, "trial_started", T);
    engine.advanceTo(plus(Duration.ofDays(3)));
    track(engine, "trial_started", plus(Duration.ofDays(9)));

    track(engine, "trial_started", plus(Duration.ofDays(10)));

    EnrollmentReport r = trial(engine);
    assertThat(r.sequence()).isEqualTo(2);
    assertThat(r.status()).isEqualTo(EnrollmentStatus.WAITING);
    assertThat(r.enteredAt()).isEqualTo(plus(Duration.ofDays(10)));
    assertThat(outbox).extracting(Dispatch::at).containsExactly(T, plus(Duration.ofDays(10)));
  }

  @Test
  void after_a_cooldown_a_trigger_while_active_is_ignored() {
    Engine engine = engine(j -> j.reEnterAfter(Duration.ofHours(1)));
    track(engine, "trial_started", T);

    track(engine, "trial_started", plus(Duration.ofDays(2)));

    assertThat(trial(engine).sequence()).isEqualTo(1);
    assertThat(outbox).hasSize(1);
  }

  @Test
  void the_sequence_counts_every_enrollment_of_the_customer() {
    Engine engine = engine(JourneyOptionsStep::reEnterAfterExit);

    for (int i = 0; i < 3; i++) {
      Instant at = plus(Duration.ofDays(10L * i));
      track(engine, "trial_started", at);
      track(engine, "trial_cancelled", at.plus(Duration.ofHours(1)));
    }

    EnrollmentReport r = trial(engine);
    assertThat(r.sequence()).isEqualTo(3);
    assertThat(r.status()).isEqualTo(EnrollmentStatus.EXITED);
    assertThat(engine.explain("c-1").toString()).contains("journey trial v1 #3: EXITED");
    assertThat(outbox).extracting(Dispatch::id).doesNotHaveDuplicates().hasSize(3);
    assertThat(engine.journeyStats("trial").exited()).isEqualTo(3);
  }
}
