package dev.rapport.dsl.journey;

import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.contactPolicy;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.exit;
import static dev.rapport.dsl.Rapport.journey;
import static dev.rapport.dsl.Rapport.preferences;
import static dev.rapport.dsl.Rapport.profile;
import static dev.rapport.dsl.Rapport.send;
import static dev.rapport.dsl.Rapport.split;
import static dev.rapport.dsl.Rapport.waitUntil;
import static dev.rapport.dsl.Rapport.when;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Action;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.Explanation.EnrollmentReport;
import dev.rapport.core.journey.EnrollmentStatus;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.StepOutcome;
import dev.rapport.core.journey.StepRecord;
import dev.rapport.core.policy.ContactPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Branches with several conditions, weighted random splits, waits until a local time, exit. */
class SplitsAndBranchesTest {
  private static final Instant T = Instant.parse("2026-01-15T12:00:00Z");

  private final MutableClock clock = new MutableClock(T);
  private final List<Dispatch> outbox = new ArrayList<>();

  private final Action teamTips = action("team-tips").via(IN_APP).build();
  private final Action soloTips = action("solo-tips").via(IN_APP).build();
  private final Action inviteNudge = action("invite-nudge").via(IN_APP).build();
  private final Action shortCopy = action("short-copy").via(IN_APP).build();
  private final Action longCopy = action("long-copy").via(IN_APP).build();
  private final Action morning = action("morning").via(IN_APP).build();
  private final Action hello = action("hello").via(IN_APP).build();
  private final Action bye = action("bye").via(IN_APP).build();

  private final Journey branching = journey("tips").enterOn("go")
      .steps(
          when(c -> c.count("teammate_invited") > 0).then(send(teamTips))
              .when(c -> c.count("project_created") > 0).then(send(soloTips))
              .otherwise(send(inviteNudge)))
      .build();

  private final Journey splitting = journey("copy-test").enterOn("go")
      .steps(
          split("subject-line")
              .arm("short", 1, send(shortCopy))
              .arm("long", 1, send(longCopy)))
      .build();

  private Engine engine(Journey journey) {
    return engine(ContactPolicy.ofDefaults(), journey, outbox);
  }

  private Engine engine(ContactPolicy policy, Journey journey, List<Dispatch> into) {
    return Engine.builder().clock(clock).contactPolicy(policy).journeys(journey)
        .dispatcher(into::add).build();
  }

  private void track(Engine engine, String customer, String type) {
    engine.track(event(customer, type).at(clock.instant()));
  }

  private static EnrollmentReport report(Engine engine, String customer, String journey) {
    return engine.explain(customer).enrollment(journey).orElseThrow();
  }

  private List<String> sentTo(String customer) {
    return outbox.stream().filter(d -> d.customer().value().equals(customer))
        .map(d -> d.action().name()).toList();
  }

  // ------------------------------------------------------------------ branches

  @Test
  void takes_the_first_branch_whose_condition_holds_even_when_later_ones_hold_too() {
    Engine engine = engine(branching);
    track(engine, "c-1", "teammate_invited");
    track(engine, "c-1", "project_created");

    track(engine, "c-1", "go");

    assertThat(sentTo("c-1")).containsExactly("team-tips");
    assertThat(report(engine, "c-1", "tips").history()).contains(
        new StepRecord(T, "1 when(2 branches, otherwise)", StepOutcome.BRANCHED, "branch 1"));
  }

  @Test
  void takes_the_second_branch_when_only_its_condition_holds() {
    Engine engine = engine(branching);
    track(engine, "c-1", "project_created");

    track(engine, "c-1", "go");

    assertThat(sentTo("c-1")).containsExactly("solo-tips");
    assertThat(outbox.get(0).step()).contains("1/when2/1 send(solo-tips)");
    assertThat(report(engine, "c-1", "tips").history()).contains(
        new StepRecord(T, "1 when(2 branches, otherwise)", StepOutcome.BRANCHED, "branch 2"));
  }

  @Test
  void takes_otherwise_when_no_branch_holds() {
    Engine engine = engine(branching);

    track(engine, "c-1", "go");

    assertThat(sentTo("c-1")).containsExactly("invite-nudge");
    assertThat(outbox.get(0).step()).contains("1/otherwise/1 send(invite-nudge)");
    assertThat(report(engine, "c-1", "tips").history()).contains(
        new StepRecord(T, "1 when(2 branches, otherwise)", StepOutcome.OTHERWISE, ""));
  }

  @Test
  void goes_on_with_the_next_step_after_a_branch() {
    Engine engine = engine(journey("tips").enterOn("go")
        .steps(when(c -> c.count("project_created") > 0).then(send(soloTips)), send(bye))
        .build());
    track(engine, "c-1", "project_created");

    track(engine, "c-1", "go");
    track(engine, "c-2", "go");

    assertThat(sentTo("c-1")).containsExactly("solo-tips", "bye");
    assertThat(sentTo("c-2")).containsExactly("bye");
  }

  // ------------------------------------------------------------------ splits

  private static Map<String, String> armsOf(List<Dispatch> dispatches) {
    Map<String, String> arms = new TreeMap<>();
    dispatches.forEach(d -> arms.put(d.customer().value(), d.action().name()));
    return arms;
  }

  @Test
  void an_even_split_over_a_thousand_customers_is_roughly_balanced() {
    Engine engine = engine(splitting);

    for (int i = 0; i < 1000; i++) {
      track(engine, "c-" + i, "go");
    }

    Map<String, String> arms = armsOf(outbox);
    long shortArm = arms.values().stream().filter("short-copy"::equals).count();
    assertThat(arms).hasSize(1000);
    assertThat(shortArm).isBetween(400L, 600L);
  }

  @Test
  void split_assignment_is_the_same_in_two_fresh_engines() {
    List<Dispatch> first = new ArrayList<>();
    List<Dispatch> second = new ArrayList<>();
    Engine one = engine(ContactPolicy.ofDefaults(), splitting, first);
    Engine two = engine(ContactPolicy.ofDefaults(), splitting, second);

    for (int i = 0; i < 1000; i++) {
      track(one, "c-" + i, "go");
      track(two, "c-" + i, "go");
    }

    assertThat(armsOf(first)).isEqualTo(armsOf(second)).hasSize(1000);
  }

  @Test
  void a_weighted_split_follows_its_weights() {
    Engine engine = engine(journey("copy-test").enterOn("go")
        .steps(split("subject-line").arm("short", 3, send(shortCopy)).arm("long", 1,
            send(longCopy)))
        .build());

    for (int i = 0; i < 1000; i++) {
      track(engine, "c-" + i, "go");
    }

    long shortArm = armsOf(outbox).values().stream().filter("short-copy"::equals).count();
    assertThat(shortArm).isBetween(680L, 820L);
  }

  @Test
  void the_chosen_arm_is_recorded_by_name() {
    Engine engine = engine(splitting);

    track(engine, "c-1", "go");

    String arm = outbox.get(0).action().name().equals("short-copy") ? "short" : "long";
    assertThat(report(engine, "c-1", "copy-test").history()).contains(
        new StepRecord(T, "1 split(subject-line)", StepOutcome.SPLIT, "arm " + arm));
    assertThat(outbox.get(0).step()).contains("1/" + arm + "/1 send(" + arm + "-copy)");
  }

  @Test
  void a_control_arm_without_steps_sends_nothing() {
    Engine engine = engine(journey("copy-test").enterOn("go")
        .steps(split("control").arm("treated", 1, send(shortCopy)).arm("control", 1))
        .build());

    for (int i = 0; i < 200; i++) {
      track(engine, "c-" + i, "go");
    }

    assertThat(outbox.size()).isBetween(70, 130);
    assertThat(engine.journeyStats("copy-test").completed()).isEqualTo(200);
  }

  // ------------------------------------------------------------------ waitUntil

  private Journey morningJourney() {
    return journey("morning").enterOn("go").steps(waitUntil(LocalTime.of(9, 0)), send(morning))
        .build();
  }

  private void customerIn(Engine engine, String customer, ZoneId zone) {
    engine.identify(customer, profile().preferences(preferences().timeZone(zone).build()));
  }

  @Test
  void waits_until_the_next_nine_in_the_morning_in_the_customers_zone() {
    Engine engine = engine(morningJourney());
    customerIn(engine, "early", ZoneId.of("America/New_York"));
    customerIn(engine, "late", ZoneId.of("America/New_York"));
    clock.set(Instant.parse("2026-01-15T12:00:00Z")); // 07:00 in New York

    track(engine, "early", "go");
    clock.set(Instant.parse("2026-01-15T15:00:00Z")); // 10:00 in New York
    track(engine, "late", "go");
    engine.advanceTo(Instant.parse("2026-01-18T00:00:00Z"));

    assertThat(outbox).extracting(d -> d.customer().value() + " at " + d.at()).containsExactly(
        "early at 2026-01-15T14:00:00Z", "late at 2026-01-16T14:00:00Z");
    assertThat(report(engine, "late", "morning").status()).isEqualTo(EnrollmentStatus.COMPLETED);
  }

  @Test
  void waits_until_nine_in_the_policy_default_zone_without_a_zone_of_its_own() {
    Engine engine = engine(contactPolicy().defaultZone(ZoneId.of("Asia/Tokyo")).build(),
        morningJourney(), outbox);
    clock.set(Instant.parse("2026-01-15T12:00:00Z")); // 21:00 in Tokyo

    track(engine, "c-1", "go");
    engine.advanceTo(Instant.parse("2026-01-18T00:00:00Z"));

    assertThat(outbox).extracting(Dispatch::at)
        .containsExactly(Instant.parse("2026-01-16T00:00:00Z"));
  }

  @Test
  void waits_until_nine_in_the_morning_across_the_spring_change() {
    Engine engine = engine(morningJourney());
    customerIn(engine, "c-1", ZoneId.of("Europe/London"));
    clock.set(Instant.parse("2026-03-28T12:00:00Z"));

    track(engine, "c-1", "go");
    engine.advanceTo(Instant.parse("2026-03-31T00:00:00Z"));

    assertThat(outbox).extracting(Dispatch::at)
        .containsExactly(Instant.parse("2026-03-29T08:00:00Z"));
  }

  @Test
  void a_local_time_in_the_spring_gap_is_taken_as_the_first_instant_after_the_gap() {
    Engine engine = engine(journey("night").enterOn("go")
        .steps(waitUntil(LocalTime.of(1, 30)), send(morning)).build());
    customerIn(engine, "c-1", ZoneId.of("Europe/London"));
    clock.set(Instant.parse("2026-03-28T12:00:00Z"));

    track(engine, "c-1", "go");
    engine.advanceTo(Instant.parse("2026-03-31T00:00:00Z"));

    // 01:30 does not exist on 29 March in London: the gap ends at 02:00 BST, 01:00 UTC
    assertThat(outbox).extracting(Dispatch::at)
        .containsExactly(Instant.parse("2026-03-29T01:00:00Z"));
  }

  // ------------------------------------------------------------------ exit

  @Test
  void exit_ends_the_enrollment_as_exited_and_skips_the_rest() {
    Engine engine = engine(journey("farewell").enterOn("go")
        .steps(send(hello), when(c -> c.count("churned") > 0).then(exit()), send(bye))
        .build());
    track(engine, "leaver", "churned");

    track(engine, "leaver", "go");
    track(engine, "stayer", "go");

    assertThat(sentTo("leaver")).containsExactly("hello");
    assertThat(sentTo("stayer")).containsExactly("hello", "bye");
    EnrollmentReport r = report(engine, "leaver", "farewell");
    assertThat(r.status()).isEqualTo(EnrollmentStatus.EXITED);
    assertThat(r.exitReason()).contains("exit step 2/when1/1");
    assertThat(r.endedAt()).contains(T);
    assertThat(report(engine, "stayer", "farewell").status())
        .isEqualTo(EnrollmentStatus.COMPLETED);
    assertThat(engine.journeyStats("farewell").exited()).isEqualTo(1);
    assertThat(engine.journeyStats("farewell").completed()).isEqualTo(1);
  }

  @Test
  void exit_as_the_last_step_exits_rather_than_completes() {
    Engine engine = engine(journey("farewell").enterOn("go").steps(send(hello), exit()).build());

    track(engine, "c-1", "go");

    EnrollmentReport r = report(engine, "c-1", "farewell");
    assertThat(r.status()).isEqualTo(EnrollmentStatus.EXITED);
    assertThat(r.exitReason()).contains("exit step 2");
    assertThat(engine.journeyStats("farewell").completed()).isZero();
  }

  @Test
  void splits_and_branches_run_when_reached_after_a_wait() {
    Engine engine = engine(journey("later").enterOn("go")
        .steps(waitUntil(LocalTime.of(9, 0)),
            when(c -> c.count("project_created") > 0).then(send(soloTips))
                .otherwise(send(inviteNudge)))
        .build());
    track(engine, "c-1", "go");
    clock.set(T.plus(Duration.ofHours(3)));

    track(engine, "c-1", "project_created");
    engine.advanceTo(Instant.parse("2026-01-17T00:00:00Z"));

    assertThat(outbox).extracting(d -> d.action().name() + " at " + d.at())
        .containsExactly("solo-tips at 2026-01-16T09:00:00Z");
  }
}
