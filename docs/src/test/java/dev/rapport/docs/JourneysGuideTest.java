package dev.rapport.docs;

import static dev.rapport.dsl.Rapport.*;
import static dev.rapport.testkit.RapportAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.core.Action;
import dev.rapport.core.Moment;
import dev.rapport.core.Segment;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Explanation.EnrollmentReport;
import dev.rapport.core.journey.EnrollmentStatus;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.JourneyStats;
import dev.rapport.core.journey.StepOutcome;
import dev.rapport.core.journey.StepRecord;
import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.core.policy.Reason;
import dev.rapport.report.JourneyDiagram;
import dev.rapport.testkit.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The samples of guide/journeys.md, run. */
class JourneysGuideTest {
  private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

  // snippet: journeys-actions
  Moment activated = moment("activated").reachedOn("first_sync").build();
  Segment regulars = segment("regulars")
      .matching(c -> c.count("purchased", Duration.ofDays(90)) >= 2)
      .build();

  Action welcome = action("welcome").transactional().via(EMAIL).build();
  Action keyHelp = action("api-key-help").via(IN_APP).orElse(EMAIL).build();
  Action teamSetup = action("team-setup").topic("collaboration").via(IN_APP).build();
  Action syncTips = action("sync-tips").topic("onboarding").via(IN_APP).build();
  // end

  Action brewTips = action("brew-tips").topic("coffee").via(IN_APP).build();
  Action loyaltyCard = action("loyalty-card").topic("loyalty").via(IN_APP).build();
  Action soloTips = action("solo-tips").via(IN_APP).build();
  Action inviteNudge = action("invite-nudge").via(IN_APP).build();

  private static List<String> outcomes(EnrollmentReport report) {
    return report.history().stream().map(r -> r.step() + " " + r.outcome()
        + (r.detail().isEmpty() ? "" : " " + r.detail())).toList();
  }

  private static List<String> heldOut(Scenario s) {
    return IntStream.range(0, 100).mapToObj(i -> "c-" + i)
        .filter(id -> s.explain(id).enrollment("onboarding").orElseThrow().holdout()).toList();
  }

  @Test
  void triggers() {
    // snippet: journeys-triggers
    Journey onSignUp = journey("welcome").enterOn("signed_up")
        .steps(send(welcome)).build();
    Journey onGrinder = journey("grinder-tips")
        .enterOn("purchased", p -> "grinder".equals(p.get("sku")))
        .steps(send(brewTips)).build();
    Journey onMoment = journey("first-steps").enterOn(activated)
        .steps(send(syncTips)).build();
    Journey onSegment = journey("loyalty").enterOn(regulars)
        .steps(send(loyaltyCard)).build();

    Scenario s = Scenario.startingAt(MONDAY, engine -> engine
        .moments(activated).segments(regulars)
        .journeys(onSignUp, onGrinder, onMoment, onSegment));
    s.given("c-1", profile().set(EMAIL_ADDRESS, "ada@example.com"))
        .track("c-1", "signed_up")
        .track("c-1", "first_sync")
        .track(event("c-1", "purchased").id("order-1").with("sku", "beans"))
        .track(event("c-1", "purchased").id("order-2").with("sku", "grinder"));

    assertThat(s.outbox().to("c-1")).extracting(d -> d.action().name())
        .containsExactly("welcome", "sync-tips", "brew-tips", "loyalty-card");
    // end
  }

  @Test
  void time_alone_does_not_move_a_customer_into_a_segment() {
    Segment lapsed = segment("lapsed")
        .matching(c -> c.since("purchased").map(d -> d.toDays() >= 60).orElse(false))
        .build();
    Journey winBack = journey("win-back").enterOn(lapsed).steps(send(brewTips)).build();
    Scenario s = Scenario.startingAt(MONDAY, e -> e.segments(lapsed).journeys(winBack));

    s.track("c-1", "purchased").after(Duration.ofDays(61));
    assertThat(s.engine().customer("c-1").orElseThrow().in(lapsed)).isFalse();
    s.track("c-1", "logged_in");

    assertThat(s.engine().customer("c-1").orElseThrow().in(lapsed)).isTrue();
    assertThat(s.outbox()).sent("brew-tips").to("c-1").times(1);
  }

  @Test
  void a_segment_that_time_changes_can_ask_for_reviews() {
    // snippet: journeys-segment-review
    Segment lapsed = segment("lapsed")
        .matching(c -> c.since("purchased").map(d -> d.toDays() >= 60).orElse(false))
        .reviewedEvery(Duration.ofDays(1))
        .build();
    Journey winBack = journey("win-back").enterOn(lapsed).steps(send(brewTips)).build();

    Scenario s = Scenario.startingAt(MONDAY, engine -> engine
        .segments(lapsed).journeys(winBack));
    s.track("c-1", "purchased").after(Duration.ofDays(61));

    assertThat(s.outbox()).sent("brew-tips").to("c-1")
        .at(MONDAY.plus(Duration.ofDays(60)));
    // end
  }

  @Test
  void entry_condition_and_re_entry() {
    // snippet: journeys-entry
    Journey tips = journey("grinder-tips")
        .enterOn("purchased", p -> "grinder".equals(p.get("sku")))
        .onlyIf(c -> !c.hasDone("brewing_class_booked"))
        .reEnterAfter(Duration.ofDays(30))
        .steps(send(brewTips))
        .build();

    Scenario s = Scenario.startingAt(MONDAY, engine -> engine.journeys(tips));
    s.track(event("c-1", "purchased").id("order-1").with("sku", "grinder"))  // enters
        .after(Duration.ofDays(10))
        .track(event("c-1", "purchased").id("order-2").with("sku", "grinder"))  // too soon
        .after(Duration.ofDays(30))
        .track(event("c-1", "purchased").id("order-3").with("sku", "grinder")); // enters again

    assertThat(s.outbox()).sent("brew-tips").to("c-1").times(2);
    assertThat(s.explain("c-1").enrollment("grinder-tips").orElseThrow().sequence())
        .isEqualTo(2);
    // end

    s.track("c-2", "brewing_class_booked")
        .track(event("c-2", "purchased").id("order-4").with("sku", "grinder"));
    assertThat(s.engine()).hasNotEnrolled("c-2", "grinder-tips");
  }

  @Test
  void goal_window_and_exits() {
    // snippet: journeys-goal-exit
    Journey onboarding = journey("onboarding")
        .enterOn("signed_up")
        .goal(activated).within(Duration.ofDays(14))
        .exitOn("account_closed")
        .exitWhen("asked for help twice", c -> c.count("ticket_opened") >= 2)
        .steps(
            delay(Duration.ofDays(3)),
            send(syncTips))
        .build();

    Scenario s = Scenario.startingAt(MONDAY, engine -> engine
        .moments(activated).journeys(onboarding));
    s.track("ada", "signed_up").track("bob", "signed_up").track("cy", "signed_up")
        .after(Duration.ofDays(1))
        .track("ada", "first_sync")
        .track("bob", "account_closed")
        .track(event("cy", "ticket_opened").id("t-1"))
        .track(event("cy", "ticket_opened").id("t-2"));

    assertThat(s.engine()).hasEnrolled("ada", "onboarding").in(EnrollmentStatus.CONVERTED);
    assertThat(s.engine()).hasEnrolled("bob", "onboarding").in(EnrollmentStatus.EXITED);
    assertThat(s.explain("cy").enrollment("onboarding").orElseThrow().exitReason())
        .contains("exit when asked for help twice");
    // end

    s.after(Duration.ofDays(3));
    assertThat(s.outbox()).sentNothing();
    assertThat(s.explain("bob").enrollment("onboarding").orElseThrow().exitReason())
        .contains("exit on account_closed");
    JourneyStats stats = s.engine().journeyStats("onboarding");
    assertThat(stats.convertedTreated()).isEqualTo(1);
    assertThat(stats.exited()).isEqualTo(2);
  }

  @Test
  void an_enrollment_stays_open_until_its_goal_window_ends() {
    Journey onboarding = journey("onboarding").enterOn("signed_up")
        .goal(activated).within(Duration.ofDays(14)).steps(send(syncTips)).build();
    Scenario s = Scenario.startingAt(MONDAY, e -> e.moments(activated).journeys(onboarding));

    s.track("c-1", "signed_up").after(Duration.ofDays(10));
    assertThat(s.engine()).hasEnrolled("c-1", "onboarding").in(EnrollmentStatus.WAITING);
    s.after(Duration.ofDays(5));

    assertThat(s.engine()).hasEnrolled("c-1", "onboarding").in(EnrollmentStatus.COMPLETED);
    assertThat(s.explain("c-1").enrollment("onboarding").orElseThrow().endedAt())
        .contains(MONDAY.plus(Duration.ofDays(14)));
  }

  @Test
  void a_customer_who_already_reached_the_goal_does_not_enter() {
    Journey onboarding = journey("onboarding").enterOn("signed_up")
        .goal(activated).steps(send(syncTips)).build();
    Scenario s = Scenario.startingAt(MONDAY, e -> e.moments(activated).journeys(onboarding));

    s.track("c-1", "first_sync").after(Duration.ofMinutes(1)).track("c-1", "signed_up");

    assertThat(s.engine()).hasNotEnrolled("c-1", "onboarding");
  }

  @Test
  void holdout() {
    // snippet: journeys-holdout
    Journey onboarding = journey("onboarding")
        .enterOn("signed_up")
        .holdout(0.20)
        .steps(send(syncTips))
        .build();

    Scenario s = Scenario.startingAt(MONDAY, engine -> engine.journeys(onboarding));
    for (int i = 0; i < 100; i++) {
      s.track("c-" + i, "signed_up");
    }

    JourneyStats stats = s.engine().journeyStats("onboarding");
    assertThat(stats.entered()).isEqualTo(100);
    assertThat(stats.heldOut()).isBetween(10L, 30L);
    assertThat(s.outbox().size()).isEqualTo((int) stats.treated());
    // end

    List<String> heldOut = heldOut(s);
    assertThat(heldOut).hasSize((int) stats.heldOut());
    for (String id : heldOut) {
      assertThat(s.outbox()).didNotSend("sync-tips").to(id);
      assertThat(outcomes(s.explain(id).enrollment("onboarding").orElseThrow()))
          .contains("1 send(sync-tips) HELD_OUT");
    }

    Scenario again = Scenario.startingAt(MONDAY.plus(Duration.ofDays(9)),
        e -> e.journeys(onboarding));
    for (int i = 0; i < 100; i++) {
      again.track("c-" + i, "signed_up");
    }
    assertThat(heldOut(again)).isEqualTo(heldOut);
  }

  @Test
  void send_refused_moves_on_unless_it_waits_for_the_gate() {
    // snippet: journeys-send-gate
    ContactPolicy oneADay = contactPolicy().atMost(1).per(Duration.ofDays(1)).build();
    Journey nurture = journey("nurture")
        .enterOn("signed_up")
        .steps(
            send(syncTips),
            send(teamSetup),                                         // refused: moves on
            send(brewTips).waitingForGate(Duration.ofDays(2)))       // waits for the cap
        .build();

    Scenario s = Scenario.startingAt(MONDAY, engine -> engine
        .contactPolicy(oneADay).journeys(nurture));
    s.track("c-1", "signed_up").after(Duration.ofDays(2));

    assertThat(s.outbox()).sent("brew-tips").to("c-1").at(MONDAY.plus(Duration.ofDays(1)));
    assertThat(s.outbox()).didNotSend("team-setup").to("c-1");
    assertThat(s.engine()).refused("team-setup").to("c-1").because(Reason.CAPPED);
    // end

    assertThat(outcomes(s.explain("c-1").enrollment("nurture").orElseThrow())).containsExactly(
        "nurture ENTERED",
        "1 send(sync-tips) SENT via in_app",
        "2 send(team-setup) REFUSED CAPPED",
        "3 send(brew-tips) DEFERRED CAPPED",
        "3 send(brew-tips) SENT via in_app",
        "nurture COMPLETED");
  }

  @Test
  void waits() {
    // snippet: journeys-waits
    Journey morning = journey("morning-tips")
        .enterOn("signed_up")
        .steps(
            delay(Duration.ofDays(1)),
            waitUntil(LocalTime.of(9, 0)),      // in the customer's own time zone
            send(syncTips))
        .build();

    Scenario s = Scenario.startingAt(MONDAY, engine -> engine.journeys(morning));
    s.given("c-1", profile().preferences(preferences()
            .timeZone(ZoneId.of("America/New_York")).build()))
        .track("c-1", "signed_up")                // Monday 09:00 UTC, 04:00 in New York
        .after(Duration.ofDays(2));

    assertThat(s.outbox()).sent("sync-tips").to("c-1")
        .at(Instant.parse("2026-03-03T14:00:00Z")); // Tuesday 09:00 in New York
    // end
  }

  @Test
  void wait_for_an_event() {
    Journey onboarding = journey("onboarding").enterOn("signed_up").steps(
        // snippet: journeys-wait-for
        waitFor("api_key_created").atMost(Duration.ofDays(2))
            .onTimeout(send(keyHelp)),
        waitFor("invoice_paid", p -> "annual".equals(p.get("plan"))).atMost(Duration.ofDays(30)),
        // end
        send(teamSetup)).build();
    Scenario s = Scenario.startingAt(MONDAY, e -> e.journeys(onboarding));

    s.track("ada", "signed_up").track("bob", "signed_up")
        .after(Duration.ofDays(1)).track("ada", "api_key_created")
        .after(Duration.ofDays(2))
        .track(event("ada", "invoice_paid").with("plan", "monthly"))
        .track(event("bob", "invoice_paid").with("plan", "annual"));

    assertThat(s.outbox()).didNotSend("api-key-help").to("ada");
    assertThat(s.outbox()).sent("api-key-help").to("bob").at(MONDAY.plus(Duration.ofDays(2)));
    assertThat(s.outbox()).sent("team-setup").to("bob");
    assertThat(s.outbox()).didNotSend("team-setup").to("ada");
    assertThat(outcomes(s.explain("ada").enrollment("onboarding").orElseThrow())).contains(
        "1 waitFor(api_key_created, atMost PT48H) RECEIVED");
    s.after(Duration.ofDays(30));
    assertThat(s.outbox()).sent("team-setup").to("ada");
  }

  @Test
  void keyed_waits() {
    // snippet: journeys-keyed-wait
    Action cartReminder = action("cart-reminder").topic("cart").via(IN_APP).build();
    Journey abandonedCart = journey("abandoned-cart")
        .enterOn("cart_abandoned")
        .reEnterAfterExit()
        .steps(waitFor("checkout_completed").withSame("cart_id").atMost(Duration.ofHours(4))
            .onTimeout(send(cartReminder)))
        .build();

    Scenario s = Scenario.startingAt(MONDAY, engine -> engine.journeys(abandonedCart));
    s.track(event("ada", "cart_abandoned").with("cart_id", "cart-1"))
        .track(event("bob", "cart_abandoned").with("cart_id", "cart-7"))
        .after(Duration.ofHours(1))
        .track(event("ada", "checkout_completed").with("cart_id", "cart-2"))  // another cart
        .track(event("bob", "checkout_completed").with("cart_id", "cart-7"))  // that cart
        .after(Duration.ofHours(4));

    assertThat(s.outbox()).sent("cart-reminder").to("ada").times(1);
    assertThat(s.outbox()).didNotSend("cart-reminder").to("bob");
    // end
  }

  @Test
  void branches() {
    // snippet: journeys-branches
    Journey teamwork = journey("teamwork")
        .enterOn("trial_started")
        .steps(
            when(c -> c.count("teammate_invited") > 0).then(send(teamSetup))
                .when(c -> c.hasDone("solo_mode_chosen")).then(send(soloTips))
                .otherwise(send(inviteNudge)),
            send(syncTips))
        .build();

    Scenario s = Scenario.startingAt(MONDAY, engine -> engine.journeys(teamwork));
    s.track("ada", "teammate_invited").track("ada", "trial_started")
        .track("bob", "solo_mode_chosen").track("bob", "trial_started")
        .track("cy", "trial_started");

    assertThat(s.outbox()).sent("team-setup").to("ada");
    assertThat(s.outbox()).sent("solo-tips").to("bob");
    assertThat(s.outbox()).sent("invite-nudge").to("cy");
    assertThat(s.outbox()).sent("sync-tips").times(3);
    // end

    assertThat(outcomes(s.explain("bob").enrollment("teamwork").orElseThrow())).containsExactly(
        "teamwork ENTERED",
        "1 when(2 branches, otherwise) BRANCHED branch 2",
        "1/when2/1 send(solo-tips) SENT via in_app",
        "2 send(sync-tips) SENT via in_app",
        "teamwork COMPLETED");
  }

  @Test
  void split_exit_and_decide() {
    Action shortCopy = action("welcome-short").via(IN_APP).build();
    Action longCopy = action("welcome-long").via(IN_APP).build();
    // snippet: journeys-split
    Journey copyTest = journey("welcome-copy")
        .enterOn("signed_up")
        .steps(split("subject-line")
            .arm("short", 1, send(shortCopy))
            .arm("long", 1, send(longCopy))
            .arm("control", 1))                       // an arm may send nothing
        .build();
    // end

    Scenario s = Scenario.startingAt(MONDAY, e -> e.journeys(copyTest));
    for (int i = 0; i < 300; i++) {
      s.track("c-" + i, "signed_up");
    }
    assertThat(s.outbox().of("welcome-short")).hasSizeBetween(70, 130);
    assertThat(s.outbox().of("welcome-long")).hasSizeBetween(70, 130);
    assertThat(s.outbox().size()).isBetween(170, 230);
    Scenario again = Scenario.startingAt(MONDAY, e -> e.journeys(copyTest));
    for (int i = 0; i < 300; i++) {
      again.track("c-" + i, "signed_up");
    }
    assertThat(again.outbox().all()).extracting(Dispatch::id)
        .isEqualTo(s.outbox().all().stream().map(Dispatch::id).toList());

    // snippet: journeys-exit
    Journey upsell = journey("upsell")
        .enterOn("trial_started")
        .steps(
            when(c -> c.hasDone("upgraded")).then(exit()),
            send(teamSetup))
        .build();
    // end
    Scenario u = Scenario.startingAt(MONDAY, e -> e.journeys(upsell));
    u.track("ada", "upgraded").track("ada", "trial_started").track("bob", "trial_started");
    assertThat(u.engine()).hasEnrolled("ada", "upsell").in(EnrollmentStatus.EXITED);
    assertThat(u.outbox()).sent("team-setup").to("bob");
    assertThat(u.outbox()).didNotSend("team-setup").to("ada");

    // snippet: journeys-decide
    RuleSet storefront = rules("storefront")
        .rule("brew-tips").whenDone("grinder_bought").recommend(brewTips)
            .because("owns a grinder")
        .rule("loyalty").whenIn(regulars).recommend(loyaltyCard)
            .because("buys regularly")
        .build();
    Journey weekly = journey("weekly-nudge")
        .enterOn("week_started")
        .reEnterAfterExit()
        .steps(decide(storefront))
        .build();
    // end
    Scenario w = Scenario.startingAt(MONDAY, e -> e.segments(regulars).journeys(weekly));
    w.track("ada", "grinder_bought").track("ada", "week_started").track("bob", "week_started");
    assertThat(w.outbox()).sent("brew-tips").to("ada").times(1);
    assertThat(w.outbox().to("bob")).isEmpty();
    assertThat(outcomes(w.explain("bob").enrollment("weekly-nudge").orElseThrow()))
        .contains("1 decide(storefront) REFUSED NO_CANDIDATE");
    assertThat(outcomes(w.explain("ada").enrollment("weekly-nudge").orElseThrow()))
        .contains("1 decide(storefront) SENT action brew-tips");
  }

  @Test
  void invalid_journeys_do_not_build() {
    // snippet: journeys-invalid
    assertThatThrownBy(() -> journey("upsell").enterOn("trial_started")
            .steps(exit(), send(teamSetup))
            .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("journey 'upsell': step 2 (send(team-setup)) comes after exit() at step 1 "
            + "and can never run; remove it or move exit() last");
    // end

    assertThatThrownBy(() -> journey("j").enterOn("go")
            .steps(split("s").arm("a", 1, send(teamSetup)), exit(), send(teamSetup)).build())
        .hasMessageContaining("comes after exit()")
        .hasMessageContaining("split 's' at step 1 has 1 arm");
  }

  @Test
  void versions() {
    // snippet: journeys-versions
    Journey v1 = journey("onboarding").enterOn("signed_up")
        .steps(delay(Duration.ofDays(2)), send(syncTips))
        .build();
    Journey v2 = journey("onboarding").version(2).enterOn("signed_up")
        .steps(delay(Duration.ofDays(1)), send(keyHelp))
        .build();

    Scenario s = Scenario.startingAt(MONDAY, engine -> engine.journeys(v1));
    s.track("ada", "signed_up");
    s.engine().deploy(v2);
    s.track("bob", "signed_up").after(Duration.ofDays(3));

    assertThat(s.outbox()).sent("sync-tips").to("ada");   // ada keeps version 1
    assertThat(s.outbox()).sent("api-key-help").to("bob"); // newcomers get version 2
    // end

    assertThat(s.explain("ada").enrollment("onboarding").orElseThrow().version()).isEqualTo(1);
    assertThat(s.explain("bob").enrollment("onboarding").orElseThrow().version()).isEqualTo(2);
    assertThat(s.engine().journeyStats("onboarding").steps()).extracting(st -> st.version())
        .containsExactly(1, 1, 2, 2);
    assertThatThrownBy(() -> s.engine().deploy(journey("onboarding").version(2)
        .enterOn("signed_up").steps(send(syncTips)).build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("journey 'onboarding': version 2 is already deployed; give the new "
            + "definition a new version with version(3)");
  }

  @Test
  void diagrams() {
    // snippet: journeys-diagram
    Journey onboarding = journey("onboarding")
        .enterOn("signed_up")
        .goal(activated).within(Duration.ofDays(14))
        .steps(
            send(welcome),
            waitFor("api_key_created").atMost(Duration.ofDays(2))
                .onTimeout(send(keyHelp)))
        .build();

    String mermaid = JourneyDiagram.mermaid(onboarding);
    String dot = JourneyDiagram.dot(onboarding);
    // end

    assertThat(mermaid).isEqualTo("""
        flowchart TD
          %% journey onboarding v1
          start(["enter on signed_up / goal: moment activated within PT336H"])
          n0["1 send(welcome)"]
          n1[/"2 waitFor(api_key_created, atMost PT48H)"/]
          n2["2/timeout/1 send(api-key-help)"]
          done(["end"])
          start --> n0
          n0 --> n1
          n1 -- "api_key_created" --> done
          n1 -- "timeout" --> n2
          n2 --> done
        """);
    assertThat(dot).startsWith("digraph \"onboarding v1\" {");
  }

  @Test
  void stats_and_explanations() {
    Journey onboarding = journey("onboarding")
        .enterOn("signed_up")
        .goal(activated).within(Duration.ofDays(14))
        .steps(
            send(welcome),
            waitFor("api_key_created").atMost(Duration.ofDays(2))
                .onTimeout(send(keyHelp)))
        .build();
    Scenario s = Scenario.startingAt(MONDAY, e -> e.moments(activated).journeys(onboarding));
    s.given("ada", profile().set(EMAIL_ADDRESS, "ada@example.com"))
        .given("bob", profile().set(EMAIL_ADDRESS, "bob@example.com"))
        .track("ada", "signed_up").track("bob", "signed_up").track("cy", "signed_up")
        .after(Duration.ofDays(1)).track("ada", "api_key_created")
        .after(Duration.ofDays(2)).track("ada", "first_sync");

    // snippet: journeys-stats
    JourneyStats stats = s.engine().journeyStats("onboarding");

    assertThat(stats.entered()).isEqualTo(3);
    assertThat(stats.convertedTreated()).isEqualTo(1);
    assertThat(stats.step("1").sent()).isEqualTo(2);
    assertThat(stats.step("1").refused(Reason.UNREACHABLE)).isEqualTo(1);
    assertThat(stats.step("2").timedOut()).isEqualTo(2);
    assertThat(stats.step("2/timeout/1").sent()).isEqualTo(2);
    // end

    // snippet: journeys-explain
    EnrollmentReport cy = s.explain("cy").enrollment("onboarding").orElseThrow();

    assertThat(cy.status()).isEqualTo(EnrollmentStatus.WAITING);
    assertThat(cy.history()).extracting(StepRecord::outcome).containsExactly(
        StepOutcome.ENTERED, StepOutcome.REFUSED, StepOutcome.WAITING,
        StepOutcome.TIMED_OUT, StepOutcome.SENT);
    assertThat(cy.history().get(1).detail()).isEqualTo("UNREACHABLE");
    // end
  }

  @Test
  void an_event_before_the_wait_does_not_end_it() {
    Journey onboarding = journey("onboarding").enterOn("signed_up").steps(
        waitFor("api_key_created").atMost(Duration.ofDays(2)).onTimeout(send(keyHelp))).build();
    Scenario s = Scenario.startingAt(MONDAY, e -> e.journeys(onboarding));

    s.track("c-1", "api_key_created").after(Duration.ofMinutes(1)).track("c-1", "signed_up")
        .after(Duration.ofDays(3));

    assertThat(s.outbox()).sent("api-key-help").to("c-1");
  }

  @Test
  void refusals_time_cannot_lift_move_on_even_when_waiting_for_the_gate() {
    Action promo = action("promo").via(EMAIL).build();
    Journey j = journey("j").enterOn("go")
        .steps(send(promo).waitingForGate(Duration.ofDays(2)), send(syncTips)).build();
    Scenario s = Scenario.startingAt(MONDAY, e -> e.journeys(j));

    s.given("c-1", profile().set(EMAIL_ADDRESS, "ada@example.com")).track("c-1", "go");

    assertThat(s.outbox()).sent("sync-tips").to("c-1").at(MONDAY);
    assertThat(outcomes(s.explain("c-1").enrollment("j").orElseThrow()))
        .contains("1 send(promo) REFUSED NO_CONSENT");
  }

  @Test
  void wait_until_a_local_time_that_a_clock_change_skips() {
    Journey j = journey("j").enterOn("go")
        .steps(waitUntil(LocalTime.of(1, 30)), send(syncTips)).build();
    Scenario s = Scenario.startingAt(Instant.parse("2026-03-29T00:10:00Z"), e -> e.journeys(j));

    s.given("c-1", profile().preferences(preferences().timeZone(ZoneId.of("Europe/London"))
        .build())).track("c-1", "go").after(Duration.ofDays(1));

    // 01:30 does not exist in London that night: clocks go from 01:00 GMT to 02:00 BST
    assertThat(s.outbox()).sent("sync-tips").to("c-1").at(Instant.parse("2026-03-29T01:00:00Z"));
  }

  @Test
  void a_goal_reached_after_its_window_is_not_a_conversion() {
    Journey slow = journey("slow").enterOn("signed_up").goal(activated).within(Duration.ofDays(14))
        .steps(delay(Duration.ofDays(20)), send(syncTips)).build();
    Scenario s = Scenario.startingAt(MONDAY, e -> e.moments(activated).journeys(slow));

    s.track("c-1", "signed_up").after(Duration.ofDays(15)).track("c-1", "first_sync");

    EnrollmentReport r = s.explain("c-1").enrollment("slow").orElseThrow();
    assertThat(r.status()).isEqualTo(EnrollmentStatus.EXITED);
    assertThat(r.exitReason()).contains("goal activated reached after PT336H");
    assertThat(s.engine().journeyStats("slow").converted()).isZero();
  }

  @Test
  void next_version_from_an_existing_journey() {
    Journey v1 = journey("onboarding").enterOn("signed_up").steps(send(syncTips)).build();

    Journey v2 = Journey.from(v1).version(2).steps(send(keyHelp)).build();

    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.trigger().describe()).isEqualTo("signed_up");
    assertThat(v2.actions()).containsOnlyKeys("api-key-help");
  }

  @Test
  void an_engine_refuses_a_journey_on_a_moment_it_does_not_know() {
    Journey j = journey("j").enterOn(moment("m").reachedOn("y").build()).steps(send(syncTips))
        .build();

    assertThatThrownBy(() -> dev.rapport.core.engine.Engine.builder().journeys(j).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("journey 'j': enters on moment 'm', which the engine does not know; add it "
            + "with Engine.builder().moments(...)");
  }
}
