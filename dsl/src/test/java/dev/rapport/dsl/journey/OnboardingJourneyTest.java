package dev.rapport.dsl.journey;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.journey;
import static dev.rapport.dsl.Rapport.moment;
import static dev.rapport.dsl.Rapport.send;
import static dev.rapport.dsl.Rapport.traits;
import static dev.rapport.dsl.Rapport.waitFor;
import static dev.rapport.dsl.Rapport.when;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Action;
import dev.rapport.core.Moment;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.journey.EnrollmentStatus;
import dev.rapport.core.journey.Journey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnboardingJourneyTest {
  private final Instant start = Instant.parse("2026-03-02T10:00:00Z");
  private final MutableClock clock = new MutableClock(start);
  private final List<Dispatch> outbox = new ArrayList<>();

  private final Moment activated = moment("activated").reachedOn("first_sync").build();
  private final Action welcome = action("welcome").transactional().via(EMAIL).build();
  private final Action keyHelp = action("api-key-help").via(IN_APP).orElse(EMAIL).build();
  private final Action teamSetup = action("team-setup").topic("collaboration").via(IN_APP)
      .build();

  private final Journey onboarding = journey("onboarding")
      .enterOn("signed_up")
      .goal(activated).within(Duration.ofDays(14))
      .exitOn("account_closed")
      .steps(
          send(welcome),
          waitFor("api_key_created").atMost(Duration.ofDays(2))
              .onTimeout(send(keyHelp)),
          when(c -> c.count("teammate_invited") > 0)
              .then(send(teamSetup)))
      .build();

  private Engine engine() {
    return Engine.builder().clock(clock).moments(activated).journeys(onboarding)
        .dispatcher(outbox::add).build();
  }

  @Test
  void sends_welcome_then_key_help_after_two_days_without_a_key() {
    Engine engine = engine();
    engine.identify("c-1", traits().set(EMAIL_ADDRESS, "ada@example.com"));

    engine.track(event("c-1", "signed_up").at(start));
    engine.advanceTo(start.plus(Duration.ofDays(3)));

    assertThat(outbox).extracting(d -> d.action().name() + " via " + d.channel())
        .containsExactly("welcome via email", "api-key-help via in_app");
    assertThat(outbox.get(1).at()).isEqualTo(start.plus(Duration.ofDays(2)));
    assertThat(engine.explain("c-1").enrollment("onboarding").orElseThrow().status())
        .isEqualTo(EnrollmentStatus.WAITING);
    engine.advanceTo(start.plus(Duration.ofDays(15)));
    assertThat(engine.explain("c-1").enrollment("onboarding").orElseThrow().status())
        .isEqualTo(EnrollmentStatus.COMPLETED);
  }

  @Test
  void no_key_help_when_the_key_is_created_in_time_and_goal_converts() {
    Engine engine = engine();
    engine.identify("c-1", traits().set(EMAIL_ADDRESS, "ada@example.com"));

    engine.track(event("c-1", "signed_up").at(start));
    clock.set(start.plus(Duration.ofHours(5)));
    engine.track(event("c-1", "api_key_created").at(clock.instant()));
    engine.track(event("c-1", "first_sync").at(clock.instant()));
    engine.advanceTo(start.plus(Duration.ofDays(3)));

    assertThat(outbox).extracting(d -> d.action().name()).containsExactly("welcome");
    assertThat(engine.explain("c-1").enrollment("onboarding").orElseThrow().status())
        .isEqualTo(EnrollmentStatus.CONVERTED);
    assertThat(engine.journeyStats("onboarding").convertedTreated()).isEqualTo(1);
  }
}
