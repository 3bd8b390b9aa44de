package dev.rapport.core.engine.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.ConsentStatus;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Moment;
import dev.rapport.core.Preferences;
import dev.rapport.core.Profile;
import dev.rapport.core.Purpose;
import dev.rapport.core.TraitKey;
import dev.rapport.core.decision.Rule;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.MutableClock;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.Trigger;
import dev.rapport.core.measure.MomentReach;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hostile inputs found while writing the catalogue that the first fixes of issue 10 still let
 * through: an id beyond the limit through decide, a consent dated far ahead, a theme too long to
 * resolve, a number of a million digits, a preference topic of a million characters, a host
 * sending the engine's own moment_reached, a value nested 100,000 deep. Each is now refused or
 * handled.
 */
class KnownGapsTest {
  static final Instant T0 = Instant.parse("2025-06-02T10:00:00Z");
  static final String N300 = "n".repeat(300);
  static final Action TIPS = Action.builder("tips").via(Channel.IN_APP).build();
  static final Action NEWS = Action.builder("news").via(Channel.EMAIL).build();
  static final RuleSet OFFERS = RuleSet.builder("offers").rule(Rule.builder("everyone")
      .when(c -> true).recommend(TIPS).because("tips help").build()).build();

  final MutableClock clock = new MutableClock(T0);
  final Outbox outbox = new Outbox();

  @Test
  void decide_for_a_customer_id_beyond_the_name_limit_is_refused_and_stores_nothing() {
    Engine engine = Engine.builder().clock(clock).rules(OFFERS).dispatcher(outbox).build();
    // the view of that customer cannot be asked for either: the statistics and outbox tell
    Observed before = Observed.of(engine, List.of(), outbox);

    Throwable byDecide = catchThrowable(() -> engine.decide(N300));
    Throwable bySend = catchThrowable(() -> engine.decideAndSend(N300));

    assertThat(byDecide).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("customer id").hasMessageContaining("InputLimits.maxNameLength");
    assertThat(bySend).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("customer id").hasMessageContaining("InputLimits.maxNameLength");
    assertThat(Observed.of(engine, List.of(), outbox)).isEqualTo(before);
    assertThat(catchThrowable(() -> engine.customer(N300))).as("and it stored nothing to read")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void consent_dated_beyond_the_future_tolerance_is_refused_as_an_event_would_be() {
    Engine engine = Engine.builder().clock(clock).dispatcher(outbox)
        .journeys(Journey.builder("welcome").enterOn(Trigger.onEvent("signed_up"))
            .steps(SendStep.of(NEWS)).build())
        .build();
    Instant farAhead = Instant.parse("2200-01-01T00:00:00Z");

    Throwable thrown = catchThrowable(() -> engine.identify("c-1", Profile.empty()
        .set(TraitKey.EMAIL_ADDRESS, "ada@example.com")
        .consent(Channel.EMAIL, Purpose.MARKETING, ConsentStatus.GRANTED, farAhead)));
    engine.track(Event.builder("c-1", EventTypes.UNSUBSCRIBED).with("channel", "email")
        .at(T0));
    engine.track(Event.of("c-1", "signed_up", T0));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(farAhead.toString())
        .hasMessageContaining("InputLimits.futureTolerance");
    assertThat(outbox.actions()).isEmpty();
  }

  @Test
  void theme_accepted_in_a_survey_answer_can_be_resolved() {
    Engine engine = Engine.builder().clock(clock).build();
    String theme = "t".repeat(250);
    engine.track(Event.builder("c-1", EventTypes.SURVEY_ANSWERED).with("kind", "csat")
        .with("score", 2).with("themes", List.of(theme)).at(T0));

    int told = engine.resolveTheme(theme);

    assertThat(told).isEqualTo(1);
    assertThat(engine.customer("c-1").orElseThrow().count(EventTypes.THEME_RESOLVED))
        .isEqualTo(1);
  }

  @Test
  void number_of_a_million_digits_is_refused() {
    Engine engine = Engine.builder().clock(clock).build();
    Observed before = Observed.of(engine, List.of("c-1"), outbox);

    Throwable thrown = catchThrowable(() -> engine.track(Event.builder("c-1", "viewed")
        .with("n", new BigInteger("9".repeat(1_000_000))).at(T0)));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("property 'n'");
    assertThat(Observed.of(engine, List.of("c-1"), outbox)).isEqualTo(before);
  }

  @Test
  void preference_topic_beyond_the_string_limit_is_refused() {
    Engine engine = Engine.builder().clock(clock).build();
    Observed before = Observed.of(engine, List.of("c-1"), outbox);

    Throwable thrown = catchThrowable(() -> engine.identify("c-1", Profile.empty()
        .preferences(Preferences.builder().topicsIn("t".repeat(1_000_000)).build())));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("topic");
    assertThat(Observed.of(engine, List.of("c-1"), outbox)).isEqualTo(before);
  }

  @Test
  void moment_reach_counts_only_customers_whose_view_reached_the_moment() {
    Engine engine = Engine.builder().clock(clock)
        .moments(Moment.builder("activated").reachedOn("first_sync").build()).build();

    catchThrowable(() -> engine.track(Event.builder("c-1", EventTypes.MOMENT_REACHED)
        .with(EventTypes.MOMENT, "activated").at(T0)));
    engine.forget("c-1");

    MomentReach reach = engine.dashboard().moments().get(0);
    assertThat(reach.reached()).isZero();
  }

  @Test
  void value_nested_beyond_reason_is_refused_with_a_message() {
    Object deep = "leaf";
    for (int i = 0; i < 100_000; i++) {
      deep = List.of(deep);
    }
    Object value = deep;

    Throwable thrown = catchThrowable(() -> Event.builder("c-1", "viewed").with("v", value)
        .at(T0));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("property 'v'");
  }
}
