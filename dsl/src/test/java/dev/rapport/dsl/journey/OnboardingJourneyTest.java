package dev.rapport.dsl.journey;

import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.traits;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.journey.EnrollmentStatus;
import dev.rapport.core.journey.Journey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The onboarding journey of DESIGN section 3, as the README runs it. */
class OnboardingJourneyTest {
  private final Instant start = Instant.parse("2026-03-02T10:00:00Z");
  private final MutableClock clock = new MutableClock(start);
  private final List<Dispatch> outbox = new ArrayList<>();

  private final Journey onboarding = Onboarding.journey();

  private Engine engine() {
    return Engine.builder().clock(clock).moments(Onboarding.ACTIVATED).journeys(onboarding)
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
