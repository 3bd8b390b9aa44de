package dev.rapport.docs;

import static dev.rapport.dsl.Rapport.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Action;
import dev.rapport.core.Moment;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.journey.EnrollmentStatus;
import dev.rapport.core.journey.Journey;
import dev.rapport.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The samples of guide/quick-start.md, run. */
class QuickStartGuideTest {

  @Test
  void a_first_journey_from_sign_up_to_explanation() {
    // snippet: quick-start-define
    Moment activated = moment("activated").reachedOn("first_sync").build();

    Action welcome = action("welcome").transactional().via(EMAIL).build();
    Action keyHelp = action("api-key-help").via(IN_APP).orElse(EMAIL).build();

    Journey onboarding = journey("onboarding")
        .enterOn("signed_up")
        .goal(activated).within(Duration.ofDays(14))
        .steps(
            send(welcome),
            waitFor("api_key_created").atMost(Duration.ofDays(2))
                .onTimeout(send(keyHelp)))
        .build();
    // end

    // snippet: quick-start-engine
    TestClock clock = TestClock.at("2026-03-02T09:00:00Z");
    List<Dispatch> sent = new ArrayList<>();

    Engine engine = Engine.builder()
        .clock(clock)
        .moments(activated)
        .journeys(onboarding)
        .dispatcher(sent::add)
        .build();
    // end

    // snippet: quick-start-track
    Instant monday = clock.instant();
    engine.identify("c-1", profile().set(EMAIL_ADDRESS, "ada@example.com"));
    engine.track(event("c-1", "signed_up").at(monday));

    assertThat(sent).singleElement().satisfies(d -> {
      assertThat(d.action().name()).isEqualTo("welcome");
      assertThat(d.channel()).isEqualTo(EMAIL);
    });
    // end

    // snippet: quick-start-advance
    Instant thursday = clock.advance(Duration.ofDays(3));
    engine.advanceTo(thursday);

    Dispatch help = sent.get(1);
    assertThat(help.action().name()).isEqualTo("api-key-help");
    assertThat(help.channel()).isEqualTo(IN_APP);         // the first channel that is allowed
    assertThat(help.journey()).contains("onboarding");
    assertThat(help.step()).contains("2/timeout/1 send(api-key-help)");
    assertThat(help.attempt()).isEqualTo(1);              // 2 and more are fallbacks
    assertThat(help.at()).isEqualTo(monday.plus(Duration.ofDays(2)));
    // end

    assertThat(help.id()).startsWith("d:");
    assertThat(help.customer().value()).isEqualTo("c-1");

    // snippet: quick-start-explain
    assertThat(engine.explain("c-1").toString()).isEqualTo("""
        customer c-1 at 2026-03-05T09:00:00Z
          journey onboarding v1 #1: WAITING, at past the last step, \
        measuring the goal until its window ends, until 2026-03-16T09:00:00Z
            2026-03-02T09:00:00Z  onboarding  ENTERED
            2026-03-02T09:00:00Z  1 send(welcome)  SENT (via email)
            2026-03-02T09:00:00Z  2 waitFor(api_key_created, atMost PT48H)  WAITING
            2026-03-04T09:00:00Z  2 waitFor(api_key_created, atMost PT48H)  TIMED_OUT
            2026-03-04T09:00:00Z  2/timeout/1 send(api-key-help)  SENT (via in_app)
          pending api-key-help via in_app (attempt 1)
        """);
    // end

    // snippet: quick-start-goal
    engine.track(event("c-1", "first_sync").at(clock.instant()));

    assertThat(engine.explain("c-1").enrollment("onboarding").orElseThrow().status())
        .isEqualTo(EnrollmentStatus.CONVERTED);
    assertThat(engine.journeyStats("onboarding").convertedTreated()).isEqualTo(1);
    // end

    assertThat(engine.customer("c-1").flatMap(c -> c.reachedAt("activated")))
        .isEqualTo(Optional.of(clock.instant()));
  }
}
