package dev.rapport.testkit;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.SMS;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.contactPolicy;
import static dev.rapport.dsl.Rapport.journey;
import static dev.rapport.dsl.Rapport.send;
import static dev.rapport.dsl.Rapport.waitFor;

import dev.rapport.core.Action;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.policy.ContactPolicy;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The testkit's own properties, applied the way a host applies them. */
class TestkitPropertiesTest {
  private final Action nudge = action("nudge").via(EMAIL).orElse(SMS).build();
  private final Action tips = action("tips").topic("tips").via(SMS).build();
  private final Journey journey = journey("engage").enterOn("signed_up").reEnterAfterExit()
      .steps(send(nudge), waitFor("purchased").atMost(Duration.ofHours(6))
          .onTimeout(send(tips)), send(nudge))
      .build();
  private final ContactPolicy policy = contactPolicy()
      .atMost(2).per(Duration.ofDays(1))
      .atMost(1).per(Duration.ofHours(12)).on(SMS)
      .quietHours(LocalTime.of(22, 0), LocalTime.of(7, 0))
      .build();

  @Property(tries = 60)
  void the_engine_keeps_its_promises_for_every_history(@ForAll("histories") History history) {
    EngineProperties.all(e -> e.journeys(journey).contactPolicy(policy), policy, history);
  }

  @Provide
  Arbitrary<History> histories() {
    return RapportArbitraries.histories(List.of("signed_up", "purchased"), Duration.ofDays(3));
  }
}
