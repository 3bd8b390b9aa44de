package com.example.shop;

import static dev.rapport.dsl.Rapport.contactPolicy;

import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.testkit.EngineProperties;
import dev.rapport.testkit.History;
import dev.rapport.testkit.RapportArbitraries;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The testkit's properties, applied to the host's onboarding journey with jqwik. */
class OnboardingPropertiesTest {
  private final ContactPolicy policy = contactPolicy().atMost(1).per(Duration.ofDays(1)).build();

  @Property(tries = 25)
  void onboarding_keeps_its_promises(@ForAll("histories") History history) {
    EngineProperties.all(engine -> engine.journeys(OnboardingTest.ONBOARDING).contactPolicy(policy),
        policy, history);
  }

  @Provide
  Arbitrary<History> histories() {
    return RapportArbitraries.histories(List.of("signed_up", "api_key_created"),
        Duration.ofDays(3));
  }
}
