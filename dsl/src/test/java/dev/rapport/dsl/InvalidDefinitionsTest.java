package dev.rapport.dsl;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.SMS;
import static dev.rapport.dsl.Rapport.TRANSACTIONAL;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.moment;
import static dev.rapport.dsl.Rapport.persona;
import static dev.rapport.dsl.Rapport.segment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Condition;
import dev.rapport.core.Event;
import dev.rapport.core.Moment;
import dev.rapport.core.Persona;
import dev.rapport.core.Properties;
import dev.rapport.core.Purpose;
import dev.rapport.core.Segment;
import dev.rapport.core.engine.Engine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The catalogue of invalid definitions, each with its exception type and exact message, and the
 * staged grammar of DESIGN section 3.
 */
class InvalidDefinitionsTest {
  private static final Condition ANYONE = c -> true;

  @Nested
  class Names {
    @Test
    void action_with_null_name_is_rejected() {
      String name = null;

      Throwable thrown = catchThrowable(() -> action(name));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("action name is null; give it a non-blank name");
    }

    @Test
    void action_with_blank_name_is_rejected() {
      String name = "  ";

      Throwable thrown = catchThrowable(() -> action(name));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("action name is blank (\"  \"); give it a non-blank name");
    }

    @Test
    void action_name_with_surrounding_whitespace_is_rejected() {
      String name = " welcome";

      Throwable thrown = catchThrowable(() -> action(name));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("action name \" welcome\" has leading or trailing whitespace; remove it");
    }

    @Test
    void moment_with_null_name_is_rejected() {
      String name = null;

      Throwable thrown = catchThrowable(() -> moment(name));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("moment name is null; give it a non-blank name");
    }

    @Test
    void moment_with_blank_name_is_rejected() {
      String name = "";

      Throwable thrown = catchThrowable(() -> moment(name));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("moment name is blank (\"\"); give it a non-blank name");
    }

    @Test
    void persona_with_null_name_is_rejected() {
      String name = null;

      Throwable thrown = catchThrowable(() -> persona(name));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("persona name is null; give it a non-blank name");
    }

    @Test
    void persona_with_blank_name_is_rejected() {
      String name = "\t";

      Throwable thrown = catchThrowable(() -> persona(name));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("persona name is blank (\"\t\"); give it a non-blank name");
    }

    @Test
    void segment_with_null_name_is_rejected() {
      String name = null;

      Throwable thrown = catchThrowable(() -> segment(name));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("segment name is null; give it a non-blank name");
    }

    @Test
    void segment_with_blank_name_is_rejected() {
      String name = " ";

      Throwable thrown = catchThrowable(() -> segment(name));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("segment name is blank (\" \"); give it a non-blank name");
    }
  }

  @Nested
  class Actions {
    @Test
    void action_with_the_same_channel_twice_is_rejected() {
      ActionChannelStep welcome = action("welcome").via(EMAIL);

      Throwable thrown = catchThrowable(() -> welcome.orElse(EMAIL));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("action 'welcome': channel email is given twice; give each channel once, "
              + "in order of preference");
    }

    @Test
    void action_with_null_channel_is_rejected() {
      ActionStep welcome = action("welcome");

      Throwable thrown = catchThrowable(() -> welcome.via(null));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("action 'welcome': channel is null; give a value");
    }

    @Test
    void action_with_blank_topic_is_rejected() {
      ActionStep brewGuide = action("brew-guide");

      Throwable thrown = catchThrowable(() -> brewGuide.topic("  "));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("action 'brew-guide': topic is blank (\"  \"); give a topic such as "
              + "\"coffee\" or leave it out");
    }

    @Test
    void action_with_null_topic_is_rejected() {
      ActionChannelStep brewGuide = action("brew-guide").via(EMAIL);

      Throwable thrown = catchThrowable(() -> brewGuide.topic(null));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("action 'brew-guide': topic is null; give a topic such as \"coffee\" or "
              + "leave it out");
    }

    @Test
    void action_with_negative_value_is_rejected() {
      ActionStep brewGuide = action("brew-guide");

      Throwable thrown = catchThrowable(() -> brewGuide.value(-1.5));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("action 'brew-guide': value is -1.5; give a finite value of zero or more");
    }

    @Test
    void action_with_nan_value_is_rejected() {
      ActionChannelStep brewGuide = action("brew-guide").via(EMAIL);

      Throwable thrown = catchThrowable(() -> brewGuide.value(Double.NaN));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("action 'brew-guide': value is NaN; give a finite value of zero or more");
    }

    @Test
    void action_with_infinite_value_is_rejected() {
      ActionStep brewGuide = action("brew-guide");

      Throwable thrown = catchThrowable(() -> brewGuide.value(Double.POSITIVE_INFINITY));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "action 'brew-guide': value is Infinity; give a finite value of zero or more");
    }

    @Test
    void action_with_zero_cooldown_is_rejected() {
      ActionStep welcome = action("welcome");

      Throwable thrown = catchThrowable(() -> welcome.cooldown(Duration.ZERO));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("action 'welcome': cooldown is PT0S; give a positive duration");
    }

    @Test
    void action_with_negative_cooldown_is_rejected() {
      ActionChannelStep welcome = action("welcome").via(EMAIL);

      Throwable thrown = catchThrowable(() -> welcome.cooldown(Duration.ofHours(-2)));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("action 'welcome': cooldown is PT-2H; give a positive duration");
    }

    @Test
    void action_with_null_cooldown_is_rejected() {
      ActionStep welcome = action("welcome");

      Throwable thrown = catchThrowable(() -> welcome.cooldown(null));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("action 'welcome': cooldown is null; give a value");
    }

    @Test
    void action_with_zero_response_window_is_rejected() {
      ActionChannelStep keyHelp = action("api-key-help").via(IN_APP).orElse(EMAIL);

      Throwable thrown = catchThrowable(() -> keyHelp.responseWindow(Duration.ZERO));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("action 'api-key-help': responseWindow is PT0S; give a positive duration");
    }

    @Test
    void action_with_response_window_and_a_single_channel_fails_at_build() {
      ActionChannelStep keyHelp =
          action("api-key-help").via(IN_APP).responseWindow(Duration.ofHours(4));

      Throwable thrown = catchThrowable(keyHelp::build);

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("action 'api-key-help': has a response window of PT4H but only one "
              + "channel (in_app) to fall back from; add a second channel or remove the window");
    }

    @Test
    void action_with_topic_given_twice_is_rejected() {
      ActionChannelStep brewGuide = action("brew-guide").topic("coffee").via(EMAIL);

      Throwable thrown = catchThrowable(() -> brewGuide.topic("tea"));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("action 'brew-guide': topic is already set; set it once");
    }

    @Test
    void action_declared_transactional_twice_is_rejected() {
      ActionStep welcome = action("welcome").transactional();

      Throwable thrown = catchThrowable(welcome::transactional);

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("action 'welcome': purpose is already set; set it once");
    }

    @Test
    void action_declared_transactional_before_and_after_its_channel_is_rejected() {
      ActionChannelStep welcome = action("welcome").transactional().via(EMAIL);

      Throwable thrown = catchThrowable(welcome::transactional);

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("action 'welcome': purpose is already set; set it once");
    }

    @Test
    void action_with_a_purpose_after_transactional_is_rejected() {
      ActionStep welcome = action("welcome").transactional();

      Throwable thrown = catchThrowable(() -> welcome.purpose(Purpose.MARKETING));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("action 'welcome': purpose is already set; set it once");
    }

    @Test
    void action_with_null_purpose_is_rejected() {
      ActionStep welcome = action("welcome");

      Throwable thrown = catchThrowable(() -> welcome.purpose(null));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("action 'welcome': purpose is null; give a value");
    }

    @Test
    void action_with_value_given_twice_is_rejected() {
      ActionChannelStep brewGuide = action("brew-guide").value(2.0).via(EMAIL);

      Throwable thrown = catchThrowable(() -> brewGuide.value(3.0));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("action 'brew-guide': value is already set; set it once");
    }

    @Test
    void action_with_cooldown_given_twice_is_rejected() {
      ActionStep welcome = action("welcome").cooldown(Duration.ofDays(1));

      Throwable thrown = catchThrowable(() -> welcome.cooldown(Duration.ofDays(2)));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("action 'welcome': cooldown is already set; set it once");
    }

    @Test
    void action_with_a_holdout_of_one_is_rejected() {
      ActionChannelStep offer = action("spring-offer").via(EMAIL);

      Throwable thrown = catchThrowable(() -> offer.holdout(1.0));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("action 'spring-offer': holdout is 1.0; give a fraction from 0 "
              + "(inclusive) to 1 (exclusive), such as 0.10");
    }

    @Test
    void action_with_holdout_given_twice_is_rejected() {
      ActionStep offer = action("spring-offer").holdout(0.1);

      Throwable thrown = catchThrowable(() -> offer.holdout(0.2));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("action 'spring-offer': holdout is already set; set it once");
    }

    @Test
    void action_with_response_window_given_twice_is_rejected() {
      ActionChannelStep keyHelp = action("api-key-help").via(IN_APP).orElse(EMAIL)
          .responseWindow(Duration.ofHours(1));

      Throwable thrown = catchThrowable(() -> keyHelp.responseWindow(Duration.ofHours(2)));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("action 'api-key-help': responseWindow is already set; set it once");
    }
  }

  @Nested
  class Moments {
    @Test
    void moment_reached_on_a_blank_event_type_is_rejected() {
      MomentStep activated = moment("activated");

      Throwable thrown = catchThrowable(() -> activated.reachedOn(" "));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("moment 'activated': reachedOn event type name is blank (\" \"); "
              + "give it a non-blank name");
    }

    @Test
    void moment_reached_on_a_null_event_type_is_rejected() {
      MomentStep activated = moment("activated");

      Throwable thrown = catchThrowable(() -> activated.reachedOn(null));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("moment 'activated': reachedOn event type name is null; "
              + "give it a non-blank name");
    }

    @Test
    void moment_reached_on_an_event_with_null_property_condition_is_rejected() {
      MomentStep bigOrder = moment("big-order");

      Throwable thrown = catchThrowable(() -> bigOrder.reachedOn("purchased", null));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("moment 'big-order': reachedOn(\"purchased\", properties) is null; "
              + "give a value");
    }

    @Test
    void moment_reached_on_a_blank_event_type_with_a_property_condition_is_rejected() {
      MomentStep bigOrder = moment("big-order");
      Predicate<Properties> anyProperties = p -> true;

      Throwable thrown = catchThrowable(() -> bigOrder.reachedOn("", anyProperties));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("moment 'big-order': reachedOn event type name is blank (\"\"); "
              + "give it a non-blank name");
    }

    @Test
    void moment_reached_when_a_null_condition_holds_is_rejected() {
      MomentStep powerUser = moment("power-user");

      Throwable thrown = catchThrowable(() -> powerUser.reachedWhen(null));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("moment 'power-user': reachedWhen is null; give a value");
    }
  }

  @Nested
  class Personas {
    @Test
    void persona_with_a_blank_goal_is_rejected() {
      PersonaStep barista = persona("home-barista").goals("better coffee at home");

      Throwable thrown = catchThrowable(() -> barista.goals("  "));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("persona 'home-barista': goals has a blank entry; give non-blank text");
    }

    @Test
    void persona_with_a_null_pain_point_is_rejected() {
      PersonaStep barista = persona("home-barista");

      Throwable thrown = catchThrowable(() -> barista.painPoints("inconsistent grind", null));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("persona 'home-barista': painPoints has a null entry; give non-blank text");
    }

    @Test
    void persona_with_a_blank_interest_is_rejected() {
      PersonaStep barista = persona("home-barista");

      Throwable thrown = catchThrowable(() -> barista.interests(""));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("persona 'home-barista': interests has a blank entry; give non-blank text");
    }

    @Test
    void persona_matching_a_null_condition_is_rejected() {
      PersonaStep barista = persona("home-barista").goals("better coffee at home");

      Throwable thrown = catchThrowable(() -> barista.matching(null));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("persona 'home-barista': matching is null; give a value");
    }
  }

  @Nested
  class Segments {
    @Test
    void segment_matching_a_null_condition_is_rejected() {
      SegmentStep lonely = segment("lonely-trials");

      Throwable thrown = catchThrowable(() -> lonely.matching(null));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("segment 'lonely-trials': matching is null; give the condition its "
              + "members meet");
    }
  }

  @Nested
  class Engines {
    @Test
    void engine_with_two_personas_of_the_same_name_is_rejected() {
      Persona first = persona("home-barista").matching(ANYONE).build();
      Persona second = persona("home-barista").goals("espresso").matching(c -> false).build();
      Engine.Builder builder = Engine.builder().personas(first, second);

      Throwable thrown = catchThrowable(builder::build);

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("engine: persona 'home-barista' is declared twice; give each persona a "
              + "unique name");
    }

    @Test
    void engine_with_two_segments_of_the_same_name_given_in_two_calls_is_rejected() {
      Segment first = segment("lonely-trials").matching(ANYONE).build();
      Segment second = segment("lonely-trials").matching(c -> false).build();
      Engine.Builder builder = Engine.builder().segments(first).segments(second);

      Throwable thrown = catchThrowable(builder::build);

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("engine: segment 'lonely-trials' is declared twice; give each segment a "
              + "unique name");
    }

    @Test
    void engine_with_two_moments_of_the_same_name_is_rejected() {
      Moment byEvent = moment("activated").reachedOn("first_sync").build();
      Moment byCondition = moment("activated").reachedWhen(ANYONE).build();
      Engine.Builder builder = Engine.builder().moments(byEvent, byCondition);

      Throwable thrown = catchThrowable(builder::build);

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("engine: moment 'activated' is declared twice; give each moment a unique "
              + "name");
    }

    @Test
    void engine_accepts_a_persona_a_segment_and_a_moment_sharing_one_name() {
      Persona persona = persona("regular").matching(ANYONE).build();
      Segment segment = segment("regular").matching(ANYONE).build();
      Moment moment = moment("regular").reachedOn("purchased").build();

      Engine engine = Engine.builder().personas(persona).segments(segment).moments(moment).build();

      assertThat(engine.statistics().eventsTracked()).isZero();
    }

    @Test
    void engine_with_a_null_segment_is_rejected() {
      Engine.Builder builder = Engine.builder();

      Throwable thrown = catchThrowable(() -> builder.segments((Segment) null));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("engine: segments entry is null; give a value");
    }
  }

  @Nested
  class Grammar {
    @Test
    void transactional_action_reads_like_design_section_3() {
      ActionChannelStep step = action("welcome").transactional().via(EMAIL);

      Action welcome = step.build();

      assertThat(welcome.name()).isEqualTo("welcome");
      assertThat(welcome.purpose()).isEqualTo(TRANSACTIONAL);
      assertThat(welcome.isTransactional()).isTrue();
      assertThat(welcome.channels()).containsExactly(Channel.EMAIL);
      assertThat(welcome.topic()).isEmpty();
      assertThat(welcome.value()).isEqualTo(1.0);
      assertThat(welcome.cooldown()).isEmpty();
      assertThat(welcome.responseWindow()).isEmpty();
    }

    @Test
    void marketing_action_with_topic_and_value_reads_like_design_section_3() {
      ActionChannelStep step = action("brew-guide").topic("coffee").via(EMAIL).value(3.0);

      Action brewGuide = step.build();

      assertThat(brewGuide.name()).isEqualTo("brew-guide");
      assertThat(brewGuide.purpose()).isEqualTo(Purpose.MARKETING);
      assertThat(brewGuide.isTransactional()).isFalse();
      assertThat(brewGuide.topic()).contains("coffee");
      assertThat(brewGuide.channels()).containsExactly(Channel.EMAIL);
      assertThat(brewGuide.value()).isEqualTo(3.0);
    }

    @Test
    void action_with_a_fallback_lists_its_channels_in_order() {
      ActionChannelStep step = action("api-key-help").via(IN_APP).orElse(EMAIL);

      Action keyHelp = step.build();

      assertThat(keyHelp.channels()).containsExactly(Channel.IN_APP, Channel.EMAIL);
      assertThat(keyHelp.responseWindow()).isEmpty();
    }

    @Test
    void action_with_a_response_window_and_two_channels_builds() {
      ActionChannelStep step = action("api-key-help").via(IN_APP).orElse(SMS)
          .responseWindow(Duration.ofHours(4)).cooldown(Duration.ofDays(1));

      Action keyHelp = step.build();

      assertThat(keyHelp.channels()).containsExactly(Channel.IN_APP, Channel.SMS);
      assertThat(keyHelp.responseWindow()).contains(Duration.ofHours(4));
      assertThat(keyHelp.cooldown()).contains(Duration.ofDays(1));
    }

    @Test
    void action_with_a_holdout_before_or_after_its_channel_builds() {
      Action before = action("spring-offer").holdout(0.1).via(EMAIL).build();
      Action after = action("spring-offer").via(EMAIL).holdout(0.1).build();

      assertThat(before.holdout()).isEqualTo(0.1);
      assertThat(after).isEqualTo(before);
      assertThat(action("welcome").via(EMAIL).build().holdout()).isZero();
    }

    @Test
    void moment_reached_on_an_event_type_is_reached_by_that_event_only() {
      Moment activated = moment("activated").reachedOn("first_sync").build();
      Instant now = Instant.parse("2025-01-01T00:00:00Z");

      boolean bySync = activated.isReachedBy(Event.of("c-1", "first_sync", now));
      boolean bySignup = activated.isReachedBy(Event.of("c-1", "signed_up", now));

      assertThat(bySync).isTrue();
      assertThat(bySignup).isFalse();
      assertThat(activated.eventType()).contains("first_sync");
      assertThat(activated.condition()).isEmpty();
    }

    @Test
    void moment_reached_on_an_event_with_a_property_condition_checks_the_properties() {
      Moment bigOrder = moment("big-order")
          .reachedOn("purchased", p -> p.getDouble("total").orElse(0) > 100).build();
      Instant now = Instant.parse("2025-01-01T00:00:00Z");

      boolean big = bigOrder.isReachedBy(
          Rapport.event("c-1", "purchased").with("total", 120.5).at(now));
      boolean small = bigOrder.isReachedBy(
          Rapport.event("c-1", "purchased").with("total", 20).at(now));

      assertThat(big).isTrue();
      assertThat(small).isFalse();
    }

    @Test
    void persona_keeps_its_description_in_order() {
      PersonaBuildStep step = persona("home-barista")
          .goals("better coffee at home", "less waste")
          .painPoints("inconsistent grind")
          .interests("coffee")
          .matching(ANYONE);

      Persona barista = step.build();

      assertThat(barista.name()).isEqualTo("home-barista");
      assertThat(barista.goals()).containsExactly("better coffee at home", "less waste");
      assertThat(barista.painPoints()).containsExactly("inconsistent grind");
      assertThat(barista.interests()).containsExactly("coffee");
      assertThat(barista.condition()).isSameAs(ANYONE);
    }
  }

  @Nested
  class BuildTwice {
    @Test
    void action_built_twice_is_the_same_action() {
      ActionChannelStep step = action("api-key-help").topic("setup").via(IN_APP).orElse(EMAIL)
          .responseWindow(Duration.ofHours(4)).value(2.5).cooldown(Duration.ofDays(3));

      Action first = step.build();
      Action second = step.build();

      assertThat(second).isSameAs(first);
      assertThat(describe(second)).isEqualTo(List.of("api-key-help", Purpose.MARKETING,
          Optional.of("setup"), List.of(Channel.IN_APP, Channel.EMAIL), 2.5,
          Optional.of(Duration.ofDays(3)), Optional.of(Duration.ofHours(4)), Optional.of(false)));
    }

    @Test
    void a_channel_added_to_a_built_action_is_refused_and_the_action_keeps_its_channels() {
      ActionChannelStep step = action("api-key-help").via(IN_APP);
      Action first = step.build();

      Throwable thrown = catchThrowable(() -> step.orElse(EMAIL));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("action 'api-key-help': orElse(email) comes after build(); write each "
              + "action in one chain ending with build(), and start another action with "
              + "action(name)");
      assertThat(first.channels()).containsExactly(Channel.IN_APP);
      assertThat(step.build()).isSameAs(first);
    }

    @Test
    void action_channels_cannot_be_changed_through_the_built_action() {
      Action welcome = action("welcome").via(EMAIL).build();

      Throwable thrown = catchThrowable(() -> welcome.channels().add(Channel.SMS));

      assertThat(thrown).isInstanceOf(UnsupportedOperationException.class);
      assertThat(welcome.channels()).containsExactly(Channel.EMAIL);
    }

    @Test
    void a_persona_step_continued_after_it_was_continued_is_refused() {
      PersonaStep step = persona("home-barista").goals("better coffee at home");
      PersonaBuildStep last = step.matching(ANYONE);
      Persona first = last.build();

      Throwable thrown = catchThrowable(() -> step.goals("less waste"));

      assertThat(thrown).isInstanceOf(IllegalStateException.class)
          .hasMessage("persona 'home-barista': goals(...) comes after build(); write each "
              + "persona in one chain ending with build(), and start another persona with "
              + "persona(name)");
      assertThat(first.goals()).containsExactly("better coffee at home");
      assertThat(last.build()).isSameAs(first);
    }

    @Test
    void moment_built_twice_is_the_same_moment() {
      Predicate<Properties> grinder = p -> "grinder".equals(p.get("sku"));
      MomentBuildStep step = moment("bought-grinder").reachedOn("purchased", grinder);

      Moment first = step.build();
      Moment second = step.build();

      assertThat(second).isSameAs(first);
      assertThat(second.name()).isEqualTo("bought-grinder");
      assertThat(second.eventType()).contains("purchased");
    }

    @Test
    void segment_built_twice_is_the_same_segment() {
      Condition noTeammates = c -> c.count("teammate_invited") == 0;
      SegmentBuildStep step = segment("lonely-trials").matching(noTeammates);

      Segment first = step.build();
      Segment second = step.build();

      assertThat(second).isSameAs(first);
      assertThat(second.condition()).isSameAs(noTeammates);
    }

    private List<Object> describe(Action a) {
      return List.of(a.name(), a.purpose(), a.topic(), a.channels(), a.value(), a.cooldown(),
          a.responseWindow(), Optional.of(a.isTransactional()));
    }
  }
}
