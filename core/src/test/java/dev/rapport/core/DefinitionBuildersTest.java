package dev.rapport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The single-use builders of the core package (actions, moments, personas, segments, events):
 * a setting after {@code build()} is refused, {@code build()} again gives the same definition,
 * and a repeated setting is refused with its name.
 */
class DefinitionBuildersTest {
  private static final Instant T = Instant.parse("2025-06-01T09:00:00Z");

  @Test
  void an_action_builder_kept_after_build_refuses_the_next_actions_channel() {
    Action.Builder builder = Action.builder("welcome").via(Channel.EMAIL);
    Action first = builder.build();

    Throwable thrown = catchThrowable(() -> builder.via(Channel.SMS));

    assertThat(thrown).isInstanceOf(IllegalStateException.class)
        .hasMessage("action 'welcome': via comes after build(); the builder is single-use: start "
            + "another with Action.builder(name)");
    assertThat(builder.build()).isSameAs(first);
    assertThat(first.channels()).containsExactly(Channel.EMAIL);
  }

  @Test
  void an_action_s_single_settings_are_given_once() {
    Action.Builder builder = Action.builder("welcome").via(Channel.EMAIL).via(Channel.SMS)
        .purpose(Purpose.TRANSACTIONAL).topic("setup").value(2).cooldown(Duration.ofDays(1))
        .responseWindow(Duration.ofHours(4)).holdout(0.1);

    assertThat(catchThrowable(() -> builder.purpose(Purpose.MARKETING)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("action 'welcome': purpose is already set; set it once");
    assertThat(catchThrowable(() -> builder.topic("other")))
        .hasMessage("action 'welcome': topic is already set; set it once");
    assertThat(catchThrowable(() -> builder.value(3)))
        .hasMessage("action 'welcome': value is already set; set it once");
    assertThat(catchThrowable(() -> builder.cooldown(Duration.ofDays(2))))
        .hasMessage("action 'welcome': cooldown is already set; set it once");
    assertThat(catchThrowable(() -> builder.responseWindow(Duration.ofHours(1))))
        .hasMessage("action 'welcome': responseWindow is already set; set it once");
    assertThat(catchThrowable(() -> builder.holdout(0.2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("action 'welcome': holdout is already set; set it once");
    assertThat(catchThrowable(() -> builder.via(Channel.EMAIL)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("action 'welcome': channel email is given twice; give each channel once, in "
            + "order of preference");
  }

  @Test
  void an_action_s_holdout_is_a_fraction_from_zero_up_to_one() {
    Action.Builder builder = Action.builder("offer").via(Channel.EMAIL);

    assertThat(catchThrowable(() -> builder.holdout(1.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("action 'offer': holdout is 1.0; give a fraction from 0 (inclusive) to 1 "
            + "(exclusive), such as 0.10");
    assertThat(catchThrowable(() -> builder.holdout(-0.1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("action 'offer': holdout is -0.1; give a fraction from 0 (inclusive) to 1 "
            + "(exclusive), such as 0.10");
    assertThat(catchThrowable(() -> builder.holdout(Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("action 'offer': holdout is NaN; give a fraction from 0 (inclusive) to 1 "
            + "(exclusive), such as 0.10");
    Action none = Action.builder("plain").via(Channel.EMAIL).build();
    Action offer = builder.holdout(0.0).build();
    Action held = Action.builder("offer").via(Channel.EMAIL).holdout(0.25).build();
    assertThat(none.holdout()).isZero();
    assertThat(offer.holdout()).isZero();
    assertThat(held.holdout()).isEqualTo(0.25);
    assertThat(held).as("another holdout is another definition").isNotEqualTo(offer);
    assertThat(held.toString()).isEqualTo("Action{offer, marketing, [email], holdout 0.25}");
  }

  @Test
  void a_moment_builder_kept_after_build_is_refused() {
    Moment.Builder builder = Moment.builder("activated").reachedOn("first_sync");
    Moment first = builder.build();

    Throwable thrown = catchThrowable(() -> builder.reachedWhen(c -> true));

    assertThat(thrown).isInstanceOf(IllegalStateException.class)
        .hasMessage("moment 'activated': reachedWhen comes after build(); the builder is "
            + "single-use: start another with Moment.builder(name)");
    assertThat(builder.build()).isSameAs(first);
  }

  @Test
  void a_persona_builder_kept_after_build_does_not_add_to_the_built_persona() {
    Persona.Builder builder = Persona.builder("home-barista").goals("better coffee")
        .matching(c -> true);
    Persona first = builder.build();

    Throwable thrown = catchThrowable(() -> builder.goals("less waste"));

    assertThat(thrown).isInstanceOf(IllegalStateException.class)
        .hasMessage("persona 'home-barista': goals comes after build(); the builder is "
            + "single-use: start another with Persona.builder(name)");
    assertThat(first.goals()).containsExactly("better coffee");
    assertThat(builder.build()).isSameAs(first);
  }

  @Test
  void a_segment_builder_gives_each_setting_once() {
    Segment.Builder builder = Segment.builder("lapsed").matching(c -> true)
        .reviewedEvery(Duration.ofDays(1));

    Throwable matching = catchThrowable(() -> builder.matching(c -> false));
    Throwable review = catchThrowable(() -> builder.reviewedEvery(Duration.ofHours(1)));
    Segment built = builder.build();

    assertThat(matching).isInstanceOf(IllegalStateException.class)
        .hasMessage("segment 'lapsed': matching is already set; set it once");
    assertThat(review).isInstanceOf(IllegalStateException.class)
        .hasMessage("segment 'lapsed': reviewedEvery is already set; set it once");
    assertThat(built.review()).contains(Duration.ofDays(1));
  }

  @Test
  void a_segment_builder_refuses_a_missing_or_null_condition_and_settings_after_build() {
    Segment.Builder empty = Segment.builder("lapsed");
    Segment.Builder built = Segment.builder("lapsed").matching(c -> true);
    built.build();

    assertThat(catchThrowable(empty::build)).isInstanceOf(IllegalStateException.class)
        .hasMessage("segment 'lapsed': has no condition; add matching(Condition)");
    assertThat(catchThrowable(() -> empty.matching(null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("segment 'lapsed': matching is null; give the condition its members meet");
    assertThat(catchThrowable(() -> built.reviewedEvery(Duration.ofDays(1))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("segment 'lapsed': reviewedEvery comes after build(); the builder is "
            + "single-use: start another with Segment.builder(name)");
  }

  @Test
  void an_event_builder_refuses_properties_after_its_time_and_gives_the_same_event_later() {
    Event.Builder builder = Event.builder("c-1", "purchased").with("sku", "grinder");
    Event first = builder.at(T);

    Throwable thrown = catchThrowable(() -> builder.with("qty", 2));
    Event later = builder.at(T.plusSeconds(60));

    assertThat(thrown).isInstanceOf(IllegalStateException.class)
        .hasMessage("event 'purchased': with comes after at(time); the builder is single-use: "
            + "start another with Event.builder(customerId, type)");
    assertThat(first.properties().asMap()).containsOnlyKeys("sku");
    assertThat(later.properties()).isEqualTo(first.properties());
    assertThat(later.time()).isEqualTo(T.plusSeconds(60));
  }
}
