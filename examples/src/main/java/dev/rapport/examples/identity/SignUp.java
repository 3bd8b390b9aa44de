package dev.rapport.examples.identity;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.GRANTED;
import static dev.rapport.dsl.Rapport.MARKETING;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.profile;

import dev.rapport.core.engine.Engine;
import java.time.Instant;

/**
 * An anonymous visitor signs up: the store tracked them under a cookie id while they browsed
 * and left a cart; from the sign-up on they have an account id. The sign-up merges the cookie id
 * into the account id, so that the account inherits the visitor's history, consents, moments
 * and journeys (the abandoned-cart reminder goes to the account, and the checkout of that cart
 * under the account id ends it), and caps count the messages sent to both ids.
 */
public final class SignUp {
  /** The event of a sign-up, tracked under the account id. */
  public static final String SIGNED_UP = "signed_up";

  private SignUp() {}

  /**
   * Handles a sign-up: records the account's email and marketing consent, merges the visitor
   * into the account, and tracks the sign-up under the account id. Calling it again for the same
   * pair merges nothing more (the merge is idempotent).
   *
   * @param engine the engine
   * @param visitorId the anonymous id the visitor was tracked under
   * @param accountId the id of the new account
   * @param email the account's email address
   * @param at when the visitor signed up
   * @return whether the visitor had anything to merge
   */
  public static boolean signedUp(Engine engine, String visitorId, String accountId, String email,
      Instant at) {
    engine.identify(accountId, profile().set(EMAIL_ADDRESS, email)
        .consent(EMAIL, MARKETING, GRANTED, at));
    boolean merged = engine.merge(visitorId, accountId);
    engine.track(event(accountId, SIGNED_UP).at(at));
    return merged;
  }
}
