package com.example.shop;

import static dev.rapport.dsl.Rapport.*;
import static dev.rapport.testkit.RapportAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Action;
import dev.rapport.core.journey.EnrollmentStatus;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.testkit.EngineProperties;
import dev.rapport.testkit.History;
import dev.rapport.testkit.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.support.ReflectionSupport;

/** A host's own test of its onboarding journey, as the testkit's guide shows it. */
class OnboardingTest {
  static final Action WELCOME = action("welcome").transactional().via(EMAIL).build();
  static final Action KEY_HELP = action("api-key-help").via(IN_APP).orElse(EMAIL).build();
  static final Journey ONBOARDING = journey("onboarding")
      .enterOn("signed_up")
      .steps(
          send(WELCOME),
          waitFor("api_key_created").atMost(Duration.ofDays(2))
              .onTimeout(send(KEY_HELP)))
      .build();

  @Test
  void a_customer_without_an_api_key_gets_help_on_day_two() {
    Scenario s = Scenario.startingAt("2026-03-02T09:00:00Z",
        engine -> engine.journeys(ONBOARDING).strict(true));

    s.given("ada", profile().set(EMAIL_ADDRESS, "ada@example.com"))
        .track("ada", "signed_up")
        .after(Duration.ofDays(2));

    assertThat(s.outbox()).sent("welcome").to("ada").via(EMAIL);
    assertThat(s.outbox()).sent("api-key-help").to("ada").via(IN_APP);
    assertThat(s.engine()).hasEnrolled("ada", "onboarding").in(EnrollmentStatus.COMPLETED);
  }

  @Test
  void the_testkit_properties_hold_for_a_written_history_without_jqwik() {
    ContactPolicy policy = contactPolicy().atMost(1).per(Duration.ofDays(1)).build();
    History history = new History(Instant.parse("2026-03-02T09:00:00Z"),
        List.of(new History.CustomerSpec("ada", true, false, Map.of(EMAIL, GRANTED),
            ZoneOffset.UTC)),
        List.of(new History.Track(Duration.ZERO, "ada", "signed_up", Map.of()),
            new History.Advance(Duration.ofDays(3))));

    EngineProperties.all(engine -> engine.journeys(ONBOARDING).contactPolicy(policy), policy,
        history);

    assertThat(history.replay(engine -> engine.journeys(ONBOARDING)))
        .extracting(d -> d.action().name()).containsExactly("welcome", "api-key-help");
  }

  @Test
  void jqwik_is_on_the_class_path_only_if_this_project_added_it() {
    boolean expected = Boolean.parseBoolean(System.getProperty("expected.jqwik"));

    assertThat(present("net.jqwik.api.Arbitrary")).isEqualTo(expected);
    assertThat(present("net.jqwik.engine.JqwikTestEngine")).isEqualTo(expected);
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, OnboardingTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @Test
  void runs_on_the_junit_this_project_chose() {
    // the testkit brings no JUnit Platform of its own: Jupiter and the Platform on the class path
    // are the versions this project's build asked for
    String jupiter = System.getProperty("expected.jupiter.version");

    assertThat(Test.class.getPackage().getImplementationVersion()).isEqualTo(jupiter);
    assertThat(ReflectionSupport.class.getPackage().getImplementationVersion())
        .isEqualTo("1" + jupiter.substring(1));
  }
}
