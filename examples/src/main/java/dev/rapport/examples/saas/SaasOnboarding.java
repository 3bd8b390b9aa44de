package dev.rapport.examples.saas;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.delay;
import static dev.rapport.dsl.Rapport.journey;
import static dev.rapport.dsl.Rapport.moment;
import static dev.rapport.dsl.Rapport.persona;
import static dev.rapport.dsl.Rapport.segment;
import static dev.rapport.dsl.Rapport.send;
import static dev.rapport.dsl.Rapport.waitFor;
import static dev.rapport.dsl.Rapport.when;

import dev.rapport.core.Action;
import dev.rapport.core.EngagementLevel;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Moment;
import dev.rapport.core.Persona;
import dev.rapport.core.Segment;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.journey.Journey;
import java.time.Duration;

/**
 * A SaaS product's onboarding, from the playbooks: the activation moment is the first sync; the
 * onboarding journey welcomes, helps with the API key when it is not created within two days,
 * and offers the team-setup checklist to customers who invite teammates; an at-risk journey
 * starts when engagement drops to low with signs of discontent.
 */
public final class SaasOnboarding {
  /** The activation moment: the first successful sync. */
  public static final Moment ACTIVATED = moment("activated").reachedOn("first_sync").build();

  /** The first time a customer asks for help. */
  public static final Moment FIRST_HELP = moment("first-help").reachedOn(EventTypes.TICKET_OPENED)
      .build();

  /** Customers who invite their team. */
  public static final Persona TEAM_LEAD = persona("team-lead")
      .goals("get the whole team on board", "one place for the team's work")
      .painPoints("setting up seats and roles")
      .interests("collaboration")
      .matching(c -> c.count("teammate_invited") >= 2)
      .build();

  /** Trial users who have not invited anyone. */
  public static final Segment SOLO_TRIALS = segment("solo-trials")
      .matching(c -> c.hasDone("signed_up") && c.count("teammate_invited") == 0
          && !c.reached("activated"))
      .build();

  /** The welcome message: transactional, it confirms the account. */
  public static final Action WELCOME = action("welcome").transactional().via(EMAIL).build();

  /** Help with creating an API key: in the app first, else by email. */
  public static final Action KEY_HELP = action("api-key-help").via(IN_APP).orElse(EMAIL).build();

  /** The team-setup checklist, for customers who invite teammates. */
  public static final Action TEAM_SETUP = action("team-setup").topic("collaboration")
      .via(IN_APP).build();

  /** Tips for a first sync. */
  public static final Action SYNC_TIPS = action("sync-tips").topic("onboarding").via(EMAIL)
      .cooldown(Duration.ofDays(7)).build();

  /** A personal check-in for customers at risk. */
  public static final Action CHECK_IN = action("check-in").topic("retention").via(EMAIL)
      .orElse(IN_APP).build();

  /** The onboarding journey of DESIGN §3. */
  public static final Journey ONBOARDING = journey("onboarding")
      .enterOn("signed_up")
      .goal(ACTIVATED).within(Duration.ofDays(14))
      .exitOn("account_closed")
      .holdout(0.10)
      .steps(
          send(WELCOME),
          waitFor("api_key_created").atMost(Duration.ofDays(2))
              .onTimeout(send(KEY_HELP)),
          when(c -> c.count("teammate_invited") > 0)
              .then(send(TEAM_SETUP)),
          delay(Duration.ofDays(3)),
          send(SYNC_TIPS))
      .build();

  /** The at-risk journey: starts on the drop to disaffected low engagement. */
  public static final Journey AT_RISK = journey("at-risk")
      .enterOn(EventTypes.ENGAGEMENT_CHANGED,
          p -> EngagementLevel.LOW_DISAFFECTED.name().equals(p.get(EventTypes.TO)))
      .reEnterAfter(Duration.ofDays(30))
      .goal("logged_in").within(Duration.ofDays(14))
      .exitOn("account_closed")
      .holdout(0.2)
      .steps(send(CHECK_IN))
      .build();

  private SaasOnboarding() {}

  /**
   * Adds the example's definitions to an engine.
   *
   * @param engine the builder
   * @return the builder
   */
  public static Engine.Builder configure(Engine.Builder engine) {
    return engine.moments(ACTIVATED, FIRST_HELP).personas(TEAM_LEAD).segments(SOLO_TRIALS)
        .journeys(ONBOARDING, AT_RISK);
  }
}
