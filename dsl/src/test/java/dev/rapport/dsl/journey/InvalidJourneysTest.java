package dev.rapport.dsl.journey;

import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.contactPolicy;
import static dev.rapport.dsl.Rapport.delay;
import static dev.rapport.dsl.Rapport.exit;
import static dev.rapport.dsl.Rapport.journey;
import static dev.rapport.dsl.Rapport.moment;
import static dev.rapport.dsl.Rapport.segment;
import static dev.rapport.dsl.Rapport.send;
import static dev.rapport.dsl.Rapport.split;
import static dev.rapport.dsl.Rapport.waitFor;
import static dev.rapport.dsl.Rapport.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Moment;
import dev.rapport.core.Segment;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.journey.BranchStep;
import dev.rapport.core.journey.Goal;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SplitStep;
import dev.rapport.core.journey.Trigger;
import dev.rapport.dsl.GoalStep;
import dev.rapport.dsl.JourneyOptionsStep;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The catalogue of invalid journeys and policies, each with its exception type and exact message.
 * What Java's types already refuse (a journey without a trigger in the DSL, a waitFor without a
 * bound, a when without then) does not compile, so those are built with the core builders here.
 */
class InvalidJourneysTest {
  private final Moment activated = moment("activated").reachedOn("first_sync").build();
  private final Action welcome = action("welcome").via(IN_APP).build();
  private final Action bye = action("bye").via(IN_APP).build();

  private JourneyOptionsStep onboarding() {
    return journey("onboarding").enterOn("signed_up");
  }

  @Nested
  class Shape {
    @Test
    void a_journey_without_a_trigger_is_refused() {
      Journey.Builder noTrigger = Journey.builder("onboarding").steps(send(welcome));

      Throwable thrown = catchThrowable(noTrigger::build);

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("journey 'onboarding': has no entry trigger; add enterOn(eventType), "
              + "enterOn(moment) or enterOn(segment)");
    }

    @Test
    void a_journey_without_steps_is_refused() {
      Journey.Builder noSteps = Journey.builder("onboarding")
          .enterOn(Trigger.onEvent("signed_up"));

      Throwable thrown = catchThrowable(noSteps::build);

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("journey 'onboarding': has no steps; add steps(...)");
    }

    @Test
    void a_journey_without_trigger_and_steps_lists_both_problems() {
      Journey.Builder empty = Journey.builder("onboarding");

      Throwable thrown = catchThrowable(empty::build);

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("journey 'onboarding': has no entry trigger; add enterOn(eventType), "
              + "enterOn(moment) or enterOn(segment); journey 'onboarding': has no steps; "
              + "add steps(...)");
    }

    @Test
    void an_empty_list_of_steps_is_refused() {
      JourneyOptionsStep journey = onboarding();

      Throwable thrown = catchThrowable(() -> journey.steps());

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("journey 'onboarding': steps: has no steps; give at least one step");
    }

    @Test
    void a_null_step_is_refused() {
      JourneyOptionsStep journey = onboarding();

      Throwable thrown = catchThrowable(() -> journey.steps(send(welcome), null));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("journey 'onboarding': steps: step 2 is null; give a step");
    }

    @Test
    void a_step_after_exit_is_refused() {
      Throwable thrown = catchThrowable(() ->
          onboarding().steps(send(welcome), exit(), send(bye)).build());

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("journey 'onboarding': step 3 (send(bye)) comes after exit() at step 2 "
              + "and can never run; remove it or move exit() last");
    }

    @Test
    void a_step_after_exit_in_a_branch_is_refused_with_its_path() {
      Throwable thrown = catchThrowable(() ->
          onboarding().steps(send(welcome), when(c -> true).then(exit(), send(bye))).build());

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("journey 'onboarding': step 2/when1/2 (send(bye)) comes after exit() at "
              + "step 2/when1/1 and can never run; remove it or move exit() last");
    }

    @Test
    void a_journey_with_a_blank_name_is_refused() {
      Throwable thrown = catchThrowable(() -> journey(" "));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("journey name is blank (\" \"); give it a non-blank name");
    }
  }

  @Nested
  class Splits {
    @Test
    void a_split_with_one_arm_is_refused() {
      Throwable thrown = catchThrowable(() ->
          onboarding().steps(split("subject").arm("short", 1, send(welcome))).build());

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("journey 'onboarding': split 'subject' at step 1 has 1 arm; give it at "
              + "least two with arm(name, weight, steps...)");
    }

    @Test
    void a_split_with_no_arm_is_refused() {
      Throwable thrown = catchThrowable(() -> onboarding().steps(split("subject")).build());

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("journey 'onboarding': split 'subject' at step 1 has 0 arms; give it at "
              + "least two with arm(name, weight, steps...)");
    }

    @Test
    void two_splits_with_the_same_name_are_refused() {
      SplitStep subject = split("subject").arm("short", 1, send(welcome)).arm("long", 1);

      Throwable thrown = catchThrowable(() -> onboarding().steps(subject, subject).build());

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("journey 'onboarding': split 'subject' appears twice; give each split a "
              + "unique name");
    }

    @Test
    void two_arms_with_the_same_name_are_refused() {
      SplitStep oneArm = split("subject").arm("short", 1, send(welcome));

      Throwable thrown = catchThrowable(() -> oneArm.arm("short", 2, send(bye)));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("split 'subject': arm 'short' is given twice; give each arm a unique name");
    }

    @Test
    void an_arm_with_a_weight_of_zero_is_refused() {
      SplitStep subject = split("subject");

      Throwable thrown = catchThrowable(() -> subject.arm("short", 0, send(welcome)));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("split 'subject': arm 'short' has weight 0.0; give a positive, finite "
              + "weight");
    }

    @Test
    void every_problem_of_a_journey_is_reported_at_once() {
      SplitStep lonely = split("subject").arm("short", 1, send(welcome));

      Throwable thrown = catchThrowable(() ->
          onboarding().steps(lonely, exit(), lonely).build());

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("journey 'onboarding': step 3 (split(subject)) comes after exit() at step "
              + "2 and can never run; remove it or move exit() last; journey 'onboarding': split "
              + "'subject' at step 1 has 1 arm; give it at least two with arm(name, weight, "
              + "steps...); journey 'onboarding': split 'subject' at step 3 has 1 arm; give it at "
              + "least two with arm(name, weight, steps...); journey 'onboarding': split "
              + "'subject' appears twice; give each split a unique name");
    }
  }

  @Nested
  class Durations {
    @Test
    void a_wait_of_zero_is_refused() {
      Throwable thrown = catchThrowable(() -> delay(Duration.ZERO));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("wait(duration): duration is PT0S; give a positive duration");
    }

    @Test
    void a_negative_wait_is_refused() {
      Throwable thrown = catchThrowable(() -> delay(Duration.ofHours(-1)));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("wait(duration): duration is PT-1H; give a positive duration");
    }

    @Test
    void a_wait_for_an_event_bounded_by_zero_is_refused() {
      Throwable thrown = catchThrowable(() -> waitFor("api_key_created").atMost(Duration.ZERO));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("waitFor(\"api_key_created\"): atMost is PT0S; give a positive duration");
    }

    @Test
    void a_goal_within_a_negative_time_is_refused() {
      GoalStep goal = onboarding().goal(activated);

      Throwable thrown = catchThrowable(() -> goal.within(Duration.ofDays(-14)));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("goal activated: within is PT-336H; give a positive duration");
    }

    @Test
    void a_re_entry_cooldown_of_zero_is_refused() {
      JourneyOptionsStep journey = onboarding();

      Throwable thrown = catchThrowable(() -> journey.reEnterAfter(Duration.ZERO));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("reEnterAfter: cooldown is PT0S; give a positive duration");
    }

    @Test
    void a_wait_for_the_gate_of_zero_is_refused() {
      Throwable thrown = catchThrowable(() -> send(welcome).waitingForGate(Duration.ZERO));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("send(welcome): waitingForGate is PT0S; give a positive duration");
    }

    @Test
    void an_action_cooldown_of_zero_is_refused() {
      Throwable thrown = catchThrowable(() -> action("deal").cooldown(Duration.ZERO));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("action 'deal': cooldown is PT0S; give a positive duration");
    }
  }

  @Nested
  class Settings {
    @Test
    void a_holdout_of_one_is_refused() {
      JourneyOptionsStep journey = onboarding();

      Throwable thrown = catchThrowable(() -> journey.holdout(1.0));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("journey 'onboarding': holdout is 1.0; give a fraction from 0 (inclusive) "
              + "to 1 (exclusive), such as 0.10");
    }

    @Test
    void a_negative_holdout_is_refused() {
      JourneyOptionsStep journey = onboarding();

      Throwable thrown = catchThrowable(() -> journey.holdout(-0.1));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("journey 'onboarding': holdout is -0.1; give a fraction from 0 (inclusive) "
              + "to 1 (exclusive), such as 0.10");
    }

    @Test
    void a_holdout_given_twice_is_refused() {
      JourneyOptionsStep journey = onboarding().holdout(0.1);

      Throwable thrown = catchThrowable(() -> journey.holdout(0.2));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("journey 'onboarding': holdout is already set; set it once");
    }

    @Test
    void version_zero_is_refused() {
      Throwable thrown = catchThrowable(() -> journey("onboarding").version(0));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("journey 'onboarding': version is 0; give 1 or more");
    }

    @Test
    void a_version_given_twice_is_refused() {
      Throwable thrown = catchThrowable(() -> journey("onboarding").version(2).version(3));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("journey 'onboarding': version is already set; set it once");
    }

    @Test
    void a_goal_set_twice_is_refused() {
      JourneyOptionsStep journey = onboarding().goal(activated).within(Duration.ofDays(14));

      Throwable thrown = catchThrowable(() -> journey.goal("first_sync"));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("journey 'onboarding': goal is already set to moment activated within "
              + "PT336H; set it once");
    }

    @Test
    void a_goal_set_twice_on_the_core_builder_is_refused() {
      Journey.Builder journey = Journey.builder("onboarding").goal(Goal.moment(activated));

      Throwable thrown = catchThrowable(() -> journey.goal(Goal.event("first_sync")));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("journey 'onboarding': goal is already set to moment activated; set it "
              + "once");
    }

    @Test
    void two_re_entry_rules_are_refused() {
      JourneyOptionsStep journey = onboarding().reEnterAfterExit();

      Throwable thrown = catchThrowable(() -> journey.reEnterAfter(Duration.ofDays(30)));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("journey 'onboarding': reEntry is already set; set it once");
    }

    @Test
    void when_after_otherwise_is_refused() {
      BranchStep closed = when(c -> true).then(send(welcome)).otherwise(send(bye));

      Throwable thrown = catchThrowable(() -> closed.when(c -> false));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("when(...): comes after otherwise(...); put otherwise(...) last");
    }

    @Test
    void otherwise_given_twice_is_refused() {
      BranchStep closed = when(c -> true).then(send(welcome)).otherwise(send(bye));

      Throwable thrown = catchThrowable(() -> closed.otherwise(send(welcome)));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("when(...): otherwise is already set; set it once");
    }

    @Test
    void on_timeout_given_twice_is_refused() {
      var timeout = waitFor("api_key_created").atMost(Duration.ofDays(2)).onTimeout(send(bye));

      Throwable thrown = catchThrowable(() -> timeout.onTimeout(send(welcome)));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("waitFor(api_key_created, atMost PT48H): onTimeout is already set; set it "
              + "once");
    }
  }

  @Nested
  class InTheEngine {
    @Test
    void a_goal_moment_the_engine_does_not_know_is_refused() {
      Journey journey = onboarding().goal(activated).within(Duration.ofDays(14))
          .steps(send(welcome)).build();
      Engine.Builder engine = Engine.builder().journeys(journey);

      Throwable thrown = catchThrowable(engine::build);

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("journey 'onboarding': its goal, moment 'activated', can never be reached "
              + "because the engine does not know it; add it with Engine.builder().moments(...)");
    }

    @Test
    void entering_on_a_segment_the_engine_does_not_know_is_refused() {
      Segment lonely = segment("lonely-trials").matching(c -> c.count("teammate_invited") == 0)
          .build();
      Journey journey = journey("nudge").enterOn(lonely).steps(send(welcome)).build();
      Engine.Builder engine = Engine.builder().journeys(journey);

      Throwable thrown = catchThrowable(engine::build);

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("journey 'nudge': enters on segment 'lonely-trials', which the engine does "
              + "not know; add it with Engine.builder().segments(...)");
    }

    @Test
    void entering_on_a_moment_the_engine_does_not_know_is_refused() {
      Journey journey = journey("celebrate").enterOn(activated).steps(send(welcome)).build();
      Engine.Builder engine = Engine.builder().journeys(journey);

      Throwable thrown = catchThrowable(engine::build);

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("journey 'celebrate': enters on moment 'activated', which the engine does "
              + "not know; add it with Engine.builder().moments(...)");
    }

    @Test
    void two_definitions_of_the_same_journey_version_are_refused() {
      Journey one = onboarding().steps(send(welcome)).build();
      Journey other = onboarding().steps(send(bye)).build();
      Engine.Builder engine = Engine.builder().journeys(one, other);

      Throwable thrown = catchThrowable(engine::build);

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("engine: journey 'onboarding' version 1 is declared twice; give each "
              + "definition its own version");
    }

    @Test
    void an_action_on_a_channel_the_engine_does_not_know_is_refused() {
      Action whatsapp = action("hello").via(Channel.of("whatsapp")).build();
      Journey journey = onboarding().steps(send(whatsapp)).build();
      Engine.Builder engine = Engine.builder().journeys(journey);

      Throwable thrown = catchThrowable(engine::build);

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("journey 'onboarding': action 'hello' uses unknown channel 'whatsapp'; "
              + "declare it with Engine.builder().channels(Channel.of(\"whatsapp\"))");
    }

    @Test
    void deploying_a_journey_whose_goal_the_engine_does_not_know_is_refused() {
      Engine engine = Engine.builder().build();
      Journey journey = onboarding().goal(activated).steps(send(welcome)).build();

      Throwable thrown = catchThrowable(() -> engine.deploy(journey));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("journey 'onboarding': its goal, moment 'activated', can never be reached "
              + "because the engine does not know it; add it with Engine.builder().moments(...)");
    }
  }

  @Nested
  class Policies {
    @Test
    void a_cap_of_zero_is_refused() {
      Throwable thrown = catchThrowable(() -> contactPolicy().atMost(0));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("contact policy: atMost(0) is a cap of zero, which blocks every message; "
              + "give 1 or more, or remove the cap");
    }

    @Test
    void two_caps_with_the_same_scope_and_window_are_refused() {
      Throwable thrown = catchThrowable(() -> contactPolicy()
          .atMost(3).per(Duration.ofDays(7))
          .atMost(5).per(Duration.ofDays(7))
          .build());

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("contact policy: caps 'at most 3 per PT168H' and 'at most 5 per PT168H' "
              + "count the same messages over the same window; keep one of them");
    }

    @Test
    void two_caps_on_the_same_channel_and_window_are_refused() {
      Throwable thrown = catchThrowable(() -> contactPolicy()
          .atMost(1).per(Duration.ofDays(1)).on(Channel.SMS)
          .atMost(2).per(Duration.ofDays(1)).on(Channel.SMS)
          .build());

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("contact policy: caps 'at most 1 per PT24H on sms' and 'at most 2 per "
              + "PT24H on sms' count the same messages over the same window; keep one of them");
    }

    @Test
    void quiet_hours_that_start_where_they_end_are_refused() {
      Throwable thrown = catchThrowable(() -> contactPolicy()
          .quietHours(LocalTime.of(21, 0), LocalTime.of(21, 0)));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("contact policy: quietHours(21:00, 21:00) is an empty span; give a span "
              + "such as 21:00 to 08:00");
    }

    @Test
    void a_policy_naming_a_channel_the_engine_does_not_know_is_refused() {
      Engine.Builder engine = Engine.builder().contactPolicy(contactPolicy()
          .atMost(1).per(Duration.ofDays(1)).on(Channel.of("whatsapp")).build());

      Throwable thrown = catchThrowable(engine::build);

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("contact policy names unknown channel 'whatsapp'; declare it with "
              + "Engine.builder().channels(Channel.of(\"whatsapp\")) or use one of [email, "
              + "in_app, push, sms, social]");
    }
  }
}
