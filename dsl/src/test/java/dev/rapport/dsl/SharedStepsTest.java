package dev.rapport.dsl;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.SMS;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.contactPolicy;
import static dev.rapport.dsl.Rapport.journey;
import static dev.rapport.dsl.Rapport.moment;
import static dev.rapport.dsl.Rapport.persona;
import static dev.rapport.dsl.Rapport.rules;
import static dev.rapport.dsl.Rapport.segment;
import static dev.rapport.dsl.Rapport.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Moment;
import dev.rapport.core.TraitKey;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.policy.Cap;
import dev.rapport.core.policy.ChannelSettings;
import dev.rapport.core.policy.ContactPolicy;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What happens to a step that is kept and used twice. A named definition (journey, rule set,
 * action, moment, persona, segment) is written in one chain on a single-use builder: a step
 * continued a second time, or after {@code build()}, is refused, so that nothing meant for one
 * definition reaches another. A contact policy is copy-on-write: each step is a value, and two
 * policies made from one step each get only their own clauses.
 */
class SharedStepsTest {
  private static final Duration WEEK = Duration.ofDays(7);
  private final Action welcome = action("welcome").via(IN_APP).build();
  private final Moment activated = moment("activated").reachedOn("first_sync").build();

  @Nested
  class Journeys {
    @Test
    void a_step_shared_by_two_journeys_is_refused_and_the_first_keeps_its_holdout() {
      JourneyOptionsStep shared = journey("onboarding").enterOn("signed_up");
      Journey first = shared.holdout(0.10).steps(send(welcome)).build();

      Throwable second = catchThrowable(() -> shared.steps(send(welcome)));

      assertThat(second).isInstanceOf(IllegalStateException.class)
          .hasMessage("journey 'onboarding': steps(...) comes after build(); write each journey "
              + "in one chain ending with build(), and start another journey with journey(name)");
      assertThat(first.holdout()).isEqualTo(0.10);
    }

    @Test
    void a_call_whose_step_was_dropped_is_refused_rather_than_lost() {
      JourneyOptionsStep journey = journey("onboarding").enterOn("signed_up");
      journey.holdout(0.10);

      Throwable thrown = catchThrowable(() -> journey.exitOn("account_closed"));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("journey 'onboarding': exitOn(\"account_closed\") continues a step that "
              + "another call already continued; write each journey in one chain, each call on "
              + "the step the call before returned, and start another journey with "
              + "journey(name)");
    }

    @Test
    void steps_given_twice_on_one_step_are_refused_instead_of_replacing_the_first() {
      JourneyOptionsStep journey = journey("onboarding").enterOn("signed_up");
      JourneyBuildStep first = journey.steps(send(welcome));

      Throwable thrown = catchThrowable(() -> journey.steps(send(welcome), send(welcome)));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("journey 'onboarding': steps(...) continues a step that another call "
              + "already continued; write each journey in one chain, each call on the step the "
              + "call before returned, and start another journey with journey(name)");
      assertThat(first.build().steps()).hasSize(1);
    }

    @Test
    void a_step_continued_after_build_is_refused_and_build_again_gives_the_same_journey() {
      JourneyOptionsStep options = journey("onboarding").enterOn("signed_up");
      JourneyBuildStep last = options.steps(send(welcome));
      Journey built = last.build();

      Throwable thrown = catchThrowable(() -> options.holdout(0.10));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("journey 'onboarding': holdout(0.1) comes after build(); write each journey "
              + "in one chain ending with build(), and start another journey with journey(name)");
      assertThat(last.build()).isSameAs(built);
      assertThat(built.holdout()).isZero();
    }

    @Test
    void a_refused_call_leaves_its_step_usable() {
      JourneyOptionsStep journey = journey("onboarding").enterOn("signed_up");
      Throwable thrown = catchThrowable(() -> journey.holdout(1.0));

      Journey built = journey.holdout(0.10).steps(send(welcome)).build();

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
      assertThat(built.holdout()).isEqualTo(0.10);
    }

    @Test
    void a_second_goal_is_refused_by_the_core_builder_with_its_message() {
      GoalStep goal = journey("onboarding").enterOn("signed_up").goal(activated);

      Throwable thrown = catchThrowable(() -> goal.goal("first_sync"));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("journey 'onboarding': goal is already set to moment activated; set it "
              + "once");
    }

    @Test
    void a_goal_bounded_then_followed_by_a_setting_reaches_the_journey_bounded() {
      Journey built = journey("onboarding").enterOn("signed_up")
          .goal(activated).within(Duration.ofDays(14)).holdout(0.10)
          .steps(send(welcome)).build();

      assertThat(built.goal()).hasValueSatisfying(g ->
          assertThat(g.within()).contains(Duration.ofDays(14)));
      assertThat(built.holdout()).isEqualTo(0.10);
    }
  }

  @Nested
  class RuleSets {
    @Test
    void a_rule_step_kept_after_the_next_rule_started_is_refused() {
      RuleStep brew = rules("storefront").rule("brew-guides").whenDone("purchased");
      RuleOptionsStep next = brew.recommend(welcome).because("bought");
      next.rule("review");

      Throwable thrown = catchThrowable(() -> brew.when(c -> true));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("rule set 'storefront': when(condition) continues a step that another call "
              + "already continued; write each rule set in one chain, each call on the step the "
              + "call before returned, and start another rule set with rules(name)");
    }

    @Test
    void a_suitability_step_completed_twice_is_refused() {
      SuitabilityStep never = rules("storefront").rule("brew-guides").recommend(welcome)
          .because("bought").never(welcome);
      never.when("a ticket is open", c -> true);

      Throwable thrown = catchThrowable(() -> never.within(WEEK));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("rule set 'storefront': within(PT168H) continues a step that another call "
              + "already continued; write each rule set in one chain, each call on the step the "
              + "call before returned, and start another rule set with rules(name)");
    }

    @Test
    void a_rule_set_step_used_after_build_is_refused() {
      RuleOptionsStep last = rules("storefront").rule("brew-guides").recommend(welcome)
          .because("bought");
      RuleSet built = last.build();

      Throwable thrown = catchThrowable(() -> last.weight(2.0));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("rule set 'storefront': weight(2.0) comes after build(); write each rule "
              + "set in one chain ending with build(), and start another rule set with "
              + "rules(name)");
      assertThat(built.rules().get(0).weight()).isEqualTo(1.0);
    }
  }

  @Nested
  class OtherDefinitions {
    @Test
    void an_action_step_shared_by_two_actions_is_refused() {
      ActionStep shared = action("offer").topic("coffee");
      Action first = shared.via(EMAIL).build();

      Throwable thrown = catchThrowable(() -> shared.via(SMS));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("action 'offer': via(sms) comes after build(); write each action in one "
              + "chain ending with build(), and start another action with action(name)");
      assertThat(first.channels()).containsExactly(Channel.EMAIL);
    }

    @Test
    void an_action_option_on_a_step_already_continued_is_refused() {
      ActionChannelStep email = action("offer").via(EMAIL);
      email.orElse(SMS);

      Throwable thrown = catchThrowable(() -> email.value(2.0));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("action 'offer': value(2.0) continues a step that another call already "
              + "continued; write each action in one chain, each call on the step the call "
              + "before returned, and start another action with action(name)");
    }

    @Test
    void a_moment_step_continued_twice_is_refused() {
      MomentStep step = moment("activated");
      step.reachedOn("first_sync");

      Throwable thrown = catchThrowable(() -> step.reachedOn("api_key_created"));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("moment 'activated': reachedOn(\"api_key_created\") continues a step that "
              + "another call already continued; write each moment in one chain, each call on "
              + "the step the call before returned, and start another moment with moment(name)");
    }

    @Test
    void a_persona_step_continued_twice_is_refused() {
      PersonaStep step = persona("home-barista").goals("better coffee at home");
      step.matching(c -> true);

      Throwable thrown = catchThrowable(() -> step.matching(c -> false));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("persona 'home-barista': matching(condition) continues a step that another "
              + "call already continued; write each persona in one chain, each call on the step "
              + "the call before returned, and start another persona with persona(name)");
    }

    @Test
    void a_segment_reviewed_twice_is_refused_by_the_core_builder() {
      SegmentBuildStep step = segment("lapsed").matching(c -> true)
          .reviewedEvery(Duration.ofDays(1));

      Throwable thrown = catchThrowable(() -> step.reviewedEvery(Duration.ofHours(1)));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("segment 'lapsed': reviewedEvery is already set; set it once");
    }
  }

  @Nested
  class Policies {
    @Test
    void a_step_shared_by_two_policies_gives_each_only_its_own_clauses() {
      ContactPolicyStep base = contactPolicy().atMost(3).per(WEEK);

      ContactPolicy evenings = base.quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)).build();
      ContactPolicy plain = base.build();

      assertThat(evenings.quietHours()).isPresent();
      assertThat(plain.quietHours()).isEmpty();
      assertThat(evenings.caps()).containsExactly(Cap.of(3, WEEK));
      assertThat(plain.caps()).containsExactly(Cap.of(3, WEEK));
      assertThat(base.build()).isEqualTo(plain);
    }

    @Test
    void a_dropped_step_changes_nothing_because_each_step_is_a_value() {
      ContactPolicyStep base = contactPolicy();
      base.minimumGap(Duration.ofHours(4));

      ContactPolicy built = base.build();

      assertThat(built).isEqualTo(ContactPolicy.ofDefaults());
    }

    @Test
    void a_channel_step_shared_by_two_policies_gives_each_its_own_settings() {
      Channel whatsapp = Channel.of("whatsapp");
      ChannelSettingsStep channel = contactPolicy().channel(whatsapp);

      ContactPolicy optIn = channel.requiresOptIn(true).build();
      ContactPolicy phone = channel.reachableWith(TraitKey.PHONE_NUMBER).build();

      assertThat(optIn.channelSettings(whatsapp)).isEqualTo(ChannelSettings.of(true, null));
      assertThat(phone.channelSettings(whatsapp))
          .isEqualTo(ChannelSettings.of(true, TraitKey.PHONE_NUMBER));
    }

    @Test
    void a_setting_repeated_along_one_chain_is_still_refused() {
      ContactPolicyStep gap = contactPolicy().minimumGap(Duration.ofHours(4));

      Throwable thrown = catchThrowable(() -> gap.minimumGap(Duration.ofHours(1)));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("contact policy: minimumGap is already set; set it once");
    }
  }
}
