package dev.rapport.docs;

import static dev.rapport.dsl.Rapport.*;
import static dev.rapport.testkit.RapportAssertions.assertThat;

import dev.rapport.core.Action;
import dev.rapport.core.Moment;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.testkit.Scenario;
import dev.rapport.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The samples of the README, run: the first thing a newcomer reads must work. */
class ReadmeTest {
  private final Instant now = Instant.parse("2026-03-02T10:00:00Z");
  private final TestClock clock = TestClock.at(now);
  private final List<Dispatch> outbox = new ArrayList<>();

  @Test
  void the_quick_start_runs_and_does_what_it_says() {
    // snippet: readme-quick-start
    Moment activated = moment("activated").reachedOn("first_sync").build();

    Action welcome   = action("welcome").transactional().via(EMAIL).build();
    Action keyHelp   = action("api-key-help").via(IN_APP).orElse(EMAIL).build();
    Action teamSetup = action("team-setup").topic("collaboration").via(IN_APP).build();
    Action brewGuide = action("brew-guide").topic("coffee").via(EMAIL).value(3.0).build();

    Journey onboarding = journey("onboarding")
        .enterOn("signed_up")
        .goal(activated).within(Duration.ofDays(14))
        .exitOn("account_closed")
        .holdout(0.10)
        .steps(
            send(welcome),
            waitFor("api_key_created").atMost(Duration.ofDays(2))
                .onTimeout(send(keyHelp)),
            when(c -> c.count("teammate_invited") > 0)
                .then(send(teamSetup)))
        .build();

    RuleSet storefront = rules("storefront")
        .rule("brew-guides")
            .whenDone("purchased", p -> "grinder".equals(p.get("sku")))
            .recommend(brewGuide)
            .because("owns a grinder")
        .build();

    ContactPolicy policy = contactPolicy()
        .atMost(3).per(Duration.ofDays(7))
        .atMost(1).per(Duration.ofDays(1)).on(SMS)
        .quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0))
        .build();

    Engine engine = Engine.builder()
        .clock(clock)
        .moments(activated)
        .journeys(onboarding)
        .rules(storefront)
        .contactPolicy(policy)
        .guardrail(guardrail(unsubscribeRate()).below(0.02).minSample(200))
        .dispatcher(outbox::add)
        .build();

    engine.identify("c-1", profile().set(EMAIL_ADDRESS, "ada@example.com")
        .consent(EMAIL, MARKETING, GRANTED));
    engine.track(event("c-1", "signed_up").at(now));
    engine.advanceTo(now.plus(Duration.ofDays(3)));   // the key-help timer fires
    Decision decision = engine.decide("c-1");          // ranked, explained, through the same gate
    System.out.println(engine.explain("c-1"));         // every step, with its reason
    // end

    org.assertj.core.api.Assertions.assertThat(outbox)
        .extracting(d -> d.action().name() + " via " + d.channel())
        .containsExactly("welcome via email", "api-key-help via in_app");
    org.assertj.core.api.Assertions.assertThat(decision.winners()).isEmpty();
  }

  @Test
  void the_testing_sample_runs() {
    Moment activated = moment("activated").reachedOn("first_sync").build();
    Action welcome = action("welcome").transactional().via(EMAIL).build();
    Action keyHelp = action("api-key-help").via(IN_APP).orElse(EMAIL).build();
    Journey onboarding = journey("onboarding")
        .enterOn("signed_up")
        .goal(activated).within(Duration.ofDays(14))
        .steps(send(welcome),
            waitFor("api_key_created").atMost(Duration.ofDays(2)).onTimeout(send(keyHelp)))
        .build();

    // snippet: readme-testing
    Scenario s = Scenario.startingAt("2026-03-02T09:00:00Z",
        engine -> engine.moments(activated).journeys(onboarding));
    s.given("c-1", profile().set(EMAIL_ADDRESS, "ada@example.com"))
     .track("c-1", "signed_up")
     .after(Duration.ofDays(2));
    assertThat(s.outbox()).sent("api-key-help").to("c-1").via(IN_APP);
    // end
  }
}
