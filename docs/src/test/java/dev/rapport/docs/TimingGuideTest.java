package dev.rapport.docs;

import static dev.rapport.dsl.Rapport.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Action;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.SendTimes;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.SendTime;
import dev.rapport.core.Persona;
import dev.rapport.core.Segment;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.policy.Cap;
import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.core.policy.Fatigue;
import dev.rapport.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The samples of guide/timing.md, run. */
class TimingGuideTest {
  private static final Instant MONDAY = Instant.parse("2026-03-02T00:00:00Z");
  private final TestClock clock = TestClock.at(MONDAY);
  private final List<Dispatch> sent = new ArrayList<>();

  @Test
  void a_send_at_the_customers_best_hour() {
    // snippet: timing-journey
    Action reminder = action("cart-reminder").via(IN_APP).build();
    Journey cart = journey("cart")
        .enterOn("cart_abandoned")
        .steps(send(reminder).atBestTimeWithin(Duration.ofDays(1)))
        .build();
    Engine engine = Engine.builder().clock(clock)
        .sendTimes(SendTimes.builder()
            .responses(Set.of(EventTypes.OPENED, EventTypes.CLICKED, "purchased"))
            .priorStrength(4)
            .build())
        .journeys(cart)
        .dispatcher(sent::add)
        .build();
    // end
    for (int d = 1; d <= 6; d++) {   // Ada opened at 19:10 on each of the six days before
      engine.track(Event.of("ada", EventTypes.OPENED,
          MONDAY.minus(Duration.ofDays(d)).plus(Duration.ofHours(19)).plusSeconds(600)));
    }
    clock.set(MONDAY.plus(Duration.ofHours(9)));

    // snippet: timing-host
    SendTime when = engine.bestSendTime("ada", reminder, Duration.ofDays(1));
    // when.at(): the instant to send at; when.reason(): why, for the explanation
    assertThat(when.reason()).isEqualTo("the customer's best hour, Mon 19:00 in UTC, from their "
        + "own responses (6 seen)");
    // end
    assertThat(when.at()).isEqualTo(MONDAY.plus(Duration.ofHours(19)));

    engine.track(Event.of("ada", "cart_abandoned", clock.instant()));
    clock.set(MONDAY.plus(Duration.ofDays(1)));
    engine.advanceTo(clock.instant());
    assertThat(sent).extracting(Dispatch::at).containsExactly(MONDAY.plus(Duration.ofHours(19)));
    assertThat(engine.explain("ada").enrollments().get(0).history())
        .anySatisfy(s -> assertThat(s.detail()).isEqualTo("for 2026-03-02T19:00:00Z, the "
            + "customer's best hour (from their own responses)"));
  }

  @Test
  void cadence_and_fatigue() {
    // snippet: timing-segment-cap
    ContactPolicy cadence = ContactPolicy.builder()
        .cap(Cap.of(5, Duration.ofDays(7)))                                  // everyone
        .cap(Cap.of(1, Duration.ofDays(7)).forSegment("newcomers"))          // newcomers: once a week
        .cap(Cap.of(2, Duration.ofDays(1)).on(IN_APP).forPersona("power-user"))
        .build();
    // end
    // snippet: timing-fatigue
    ContactPolicy tiring = ContactPolicy.builder()
        .fatigue(Fatigue.after(3)                        // 3 unanswered marketing messages in a row
            .unansweredWithin(Duration.ofDays(2))        // unanswered: no response within 2 days
            .pauseFor(Duration.ofDays(10))               // then pause marketing for 10 days
            .respondedBy(Set.of(EventTypes.OPENED, EventTypes.CLICKED, EventTypes.CONVERTED)))
        .build();
    // end
    Action tip = action("tip").via(IN_APP).build();
    Engine engine = Engine.builder().clock(clock).contactPolicy(cadence)
        .segments(Segment.of("newcomers", c -> c.hasDone("signed_up")))
        .personas(Persona.builder("power-user").matching(c -> c.count("logged_in") > 10).build())
        .rules(rules("tips").rule("all").when(c -> true).recommend(tip).because("tips").build())
        .dispatcher(sent::add).build();
    engine.track(Event.of("ada", "signed_up", MONDAY));
    engine.decideAndSend("ada");
    clock.set(MONDAY.plus(Duration.ofHours(1)));
    assertThat(engine.decideAndSend("ada").rejected().get(0).detail())
        .startsWith("capped: 1 marketing message for segment 'newcomers' in the last PT168H, "
            + "limit 1");

    Engine tired = Engine.builder().clock(clock).contactPolicy(tiring)
        .rules(rules("tips").rule("all").when(c -> true).recommend(tip).because("tips").build())
        .dispatcher(sent::add).build();
    tired.track(Event.of("bob", "logged_in", clock.instant()));
    for (int i = 0; i < 3; i++) {
      tired.decideAndSend("bob");
      clock.set(clock.instant().plus(Duration.ofDays(1)));
    }
    clock.set(clock.instant().plus(Duration.ofDays(1)));
    tired.advanceTo(clock.instant());
    assertThat(tired.decideAndSend("bob").rejected().get(0).reason().name())
        .isEqualTo("FATIGUED");
    assertThat(tired.dashboard().fatigued()).hasValue(1);
  }
}
