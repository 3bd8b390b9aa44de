package dev.rapport.examples.subscription;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.SMS;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.contactPolicy;
import static dev.rapport.dsl.Rapport.delay;
import static dev.rapport.dsl.Rapport.journey;
import static dev.rapport.dsl.Rapport.send;
import static dev.rapport.dsl.Rapport.waitFor;

import dev.rapport.core.Action;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.policy.ContactPolicy;
import java.time.Duration;
import java.time.LocalTime;

/**
 * A subscription business, from the playbooks: the billing reminder goes on one primary channel
 * (email) and falls back to SMS only if the email fails or is not opened within a day, never both
 * at once; all messages respect a contact policy (caps, SMS cap, quiet hours) that the other
 * examples share.
 */
public final class Subscription {
  /** The renewal reminder: transactional, email first, SMS if unanswered within a day. */
  public static final Action BILLING_REMINDER = action("billing-reminder").transactional()
      .via(EMAIL).orElse(SMS).responseWindow(Duration.ofDays(1)).build();

  /** A payment-failed notice. */
  public static final Action PAYMENT_FAILED = action("payment-failed").transactional()
      .via(EMAIL).orElse(SMS).build();

  /** A plan upgrade offer. */
  public static final Action UPGRADE_OFFER = action("upgrade-offer").topic("upgrade")
      .via(EMAIL).cooldown(Duration.ofDays(30)).build();

  /** Reminds of a renewal three days before it, and again if the payment fails. */
  public static final Journey BILLING = journey("billing")
      .enterOn("renewal_upcoming")
      .reEnterAfterExit()
      .goal("payment_succeeded").within(Duration.ofDays(10))
      .exitOn("subscription_cancelled")
      .steps(
          send(BILLING_REMINDER),
          waitFor("payment_failed").atMost(Duration.ofDays(4)),
          send(PAYMENT_FAILED),
          delay(Duration.ofDays(2)),
          send(UPGRADE_OFFER))
      .build();

  /**
   * The contact policy every message of the examples passes: three marketing messages a week,
   * one SMS a day, four hours between marketing messages, quiet from 21:00 to 08:00 in the
   * customer's zone.
   */
  public static final ContactPolicy POLICY = contactPolicy()
      .atMost(3).per(Duration.ofDays(7))
      .atMost(1).per(Duration.ofDays(1)).on(SMS)
      .minimumGap(Duration.ofHours(4))
      .quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0))
      .build();

  private Subscription() {}

  /**
   * Adds the example's definitions (without the policy) to an engine.
   *
   * @param engine the builder
   * @return the builder
   */
  public static Engine.Builder configure(Engine.Builder engine) {
    return engine.journeys(BILLING);
  }
}
