package dev.rapport.dsl.journey;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.moment;
import static dev.rapport.dsl.Rapport.send;
import static dev.rapport.dsl.Rapport.waitFor;
import static dev.rapport.dsl.Rapport.when;

import dev.rapport.core.Action;
import dev.rapport.core.Moment;
import dev.rapport.core.journey.Journey;
import dev.rapport.dsl.Rapport;
import java.time.Duration;

/**
 * The onboarding journey of DESIGN section 3 and the README, which several of the DSL's tests run
 * end to end: a welcome email at sign-up, API-key help in the app two days later unless a key was
 * created, team-setup tips for a customer who invited a teammate; converted by reaching {@link
 * #ACTIVATED} within 14 days, ended by {@code account_closed}.
 *
 * <p>The guide and the README restate it on purpose (their samples are the documentation, run
 * by the docs module); tests that only need the journey take it from here.
 */
final class Onboarding {
  /** Reached on the customer's first sync: the journey's goal. */
  static final Moment ACTIVATED = moment("activated").reachedOn("first_sync").build();
  /** The welcome email, transactional. */
  static final Action WELCOME = action("welcome").transactional().via(EMAIL).build();
  /** Help with the API key, in the app or else by email. */
  static final Action KEY_HELP = action("api-key-help").via(IN_APP).orElse(EMAIL).build();
  /** Team-setup tips, in the app. */
  static final Action TEAM_SETUP = action("team-setup").topic("collaboration").via(IN_APP)
      .build();

  private Onboarding() {}

  /**
   * Returns the journey with no holdout.
   *
   * @return the journey
   */
  static Journey journey() {
    return journey(0);
  }

  /**
   * Returns the journey holding out a share of entering customers (the README's holds out 10%).
   *
   * @param holdout the share, from 0 (inclusive) to 1 (exclusive)
   * @return the journey
   */
  static Journey journey(double holdout) {
    return Rapport.journey("onboarding")
        .enterOn("signed_up")
        .goal(ACTIVATED).within(Duration.ofDays(14))
        .exitOn("account_closed")
        .holdout(holdout)
        .steps(
            send(WELCOME),
            waitFor("api_key_created").atMost(Duration.ofDays(2))
                .onTimeout(send(KEY_HELP)),
            when(c -> c.count("teammate_invited") > 0)
                .then(send(TEAM_SETUP)))
        .build();
  }
}
