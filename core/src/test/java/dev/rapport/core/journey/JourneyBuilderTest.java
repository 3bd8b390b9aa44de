package dev.rapport.core.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Moment;
import org.junit.jupiter.api.Test;

/**
 * The core journey builder, which the DSL writes on: single-use, each setting once, and from an
 * existing journey each copied setting replaced once.
 */
class JourneyBuilderTest {
  private final Action welcome = Action.builder("welcome").via(Channel.IN_APP).build();
  private final Action tips = Action.builder("tips").via(Channel.IN_APP).build();
  private final Moment activated = Moment.builder("activated").reachedOn("first_sync").build();

  private Journey.Builder onboarding() {
    return Journey.builder("onboarding").enterOn(Trigger.onEvent("signed_up"));
  }

  @Test
  void steps_given_twice_are_refused_instead_of_replacing_the_first() {
    Journey.Builder journey = onboarding().steps(SendStep.of(welcome));

    Throwable thrown = catchThrowable(() -> journey.steps(SendStep.of(tips)));

    assertThat(thrown).isInstanceOf(IllegalStateException.class)
        .hasMessage("journey 'onboarding': steps is already set; set it once");
    assertThat(journey.build().actions()).containsOnlyKeys("welcome");
  }

  @Test
  void each_setting_given_twice_is_refused_with_its_name() {
    Journey.Builder journey = onboarding().version(2).entryCondition(c -> true)
        .reEntry(ReEntry.afterExit()).holdout(0.1).goal(Goal.moment(activated));

    assertThat(catchThrowable(() -> journey.enterOn(Trigger.onEvent("trial_started"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("journey 'onboarding': enterOn is already set; set it once");
    assertThat(catchThrowable(() -> journey.version(3)))
        .hasMessage("journey 'onboarding': version is already set; set it once");
    assertThat(catchThrowable(() -> journey.entryCondition(c -> false)))
        .hasMessage("journey 'onboarding': entryCondition is already set; set it once");
    assertThat(catchThrowable(() -> journey.reEntry(ReEntry.never())))
        .hasMessage("journey 'onboarding': reEntry is already set; set it once");
    assertThat(catchThrowable(() -> journey.holdout(0.2)))
        .hasMessage("journey 'onboarding': holdout is already set; set it once");
    assertThat(catchThrowable(() -> journey.goal(Goal.event("first_sync"))))
        .hasMessage("journey 'onboarding': goal is already set to moment activated; set it once");
  }

  @Test
  void a_builder_kept_after_build_refuses_the_next_journeys_settings() {
    Journey.Builder journey = onboarding().holdout(0.1).steps(SendStep.of(welcome));
    Journey first = journey.build();

    Throwable thrown = catchThrowable(() -> journey.exitOn(ExitCriterion.onEvent("churned")));

    assertThat(thrown).isInstanceOf(IllegalStateException.class)
        .hasMessage("journey 'onboarding': exitOn comes after build(); the builder is single-use: "
            + "start another with Journey.builder(name), or Journey.from(journey) for its next "
            + "version");
    assertThat(journey.build()).isSameAs(first);
    assertThat(first.exits()).isEmpty();
  }

  @Test
  void from_lets_each_copied_setting_be_replaced_once_and_leaves_the_journey_as_it_was() {
    Journey v1 = onboarding().holdout(0.1).goal(Goal.moment(activated))
        .steps(SendStep.of(welcome)).build();

    Journey v2 = Journey.from(v1).version(2).holdout(0.2).goal(Goal.event("first_sync"))
        .steps(SendStep.of(tips)).exitOn(ExitCriterion.onEvent("churned")).build();

    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.holdout()).isEqualTo(0.2);
    assertThat(v2.goal()).hasValueSatisfying(g -> assertThat(g.name()).isEqualTo("first_sync"));
    assertThat(v2.actions()).containsOnlyKeys("tips");
    assertThat(v2.exits()).hasSize(1);
    assertThat(v2.trigger()).isSameAs(v1.trigger());
    assertThat(v1.version()).isEqualTo(1);
    assertThat(v1.holdout()).isEqualTo(0.1);
    assertThat(v1.actions()).containsOnlyKeys("welcome");
    assertThat(v1.exits()).isEmpty();
  }

  @Test
  void from_refuses_a_copied_setting_replaced_twice() {
    Journey v1 = onboarding().steps(SendStep.of(welcome)).build();
    Journey.Builder v2 = Journey.from(v1).holdout(0.1).steps(SendStep.of(tips));

    Throwable holdout = catchThrowable(() -> v2.holdout(0.2));
    Throwable steps = catchThrowable(() -> v2.steps(SendStep.of(welcome)));
    Throwable trigger = catchThrowable(() -> Journey.from(v1)
        .enterOn(Trigger.onEvent("a")).enterOn(Trigger.onEvent("b")));

    assertThat(holdout).isInstanceOf(IllegalStateException.class)
        .hasMessage("journey 'onboarding': holdout is already set; set it once");
    assertThat(steps).isInstanceOf(IllegalStateException.class)
        .hasMessage("journey 'onboarding': steps is already set; set it once");
    assertThat(trigger).isInstanceOf(IllegalStateException.class)
        .hasMessage("journey 'onboarding': enterOn is already set; set it once");
  }

  @Test
  void a_refused_setting_leaves_the_builder_as_it_was() {
    Journey.Builder journey = onboarding();
    Throwable thrown = catchThrowable(() -> journey.holdout(1.5));

    Journey built = journey.holdout(0.5).steps(SendStep.of(welcome)).build();

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
    assertThat(built.holdout()).isEqualTo(0.5);
  }
}
