package dev.rapport.core;

import java.time.Instant;
import java.util.Optional;

/**
 * A customer's consent to be contacted on a channel for a purpose, and when it was given.
 *
 * @param channel the channel
 * @param purpose the purpose
 * @param status granted, denied or unknown
 * @param at when the customer said so; empty for {@link ConsentStatus#UNKNOWN}
 */
public record Consent(Channel channel, Purpose purpose, ConsentStatus status, Optional<Instant> at) {

  /**
   * Checks the components.
   *
   * @param channel the channel
   * @param purpose the purpose
   * @param status granted, denied or unknown
   * @param at when the customer said so; empty for {@link ConsentStatus#UNKNOWN}
   * @throws IllegalArgumentException if a component is null, or a known status has no time
   */
  public Consent {
    if (channel == null || purpose == null || status == null || at == null) {
      throw new IllegalArgumentException("consent: channel, purpose, status and time must not be "
          + "null; got " + channel + ", " + purpose + ", " + status + ", " + at);
    }
    if (status != ConsentStatus.UNKNOWN && at.isEmpty()) {
      throw new IllegalArgumentException("consent " + status + " on " + channel + " for "
          + purpose.wireName() + " has no time; give the time the customer said so");
    }
  }

  /**
   * Returns the consent a customer has when they never said anything.
   *
   * @param channel the channel
   * @param purpose the purpose
   * @return an unknown consent
   */
  public static Consent unknown(Channel channel, Purpose purpose) {
    return new Consent(channel, purpose, ConsentStatus.UNKNOWN, Optional.empty());
  }

  /**
   * Returns a consent given or refused at a time.
   *
   * @param channel the channel
   * @param purpose the purpose
   * @param status granted or denied
   * @param at when
   * @return the consent
   */
  public static Consent of(Channel channel, Purpose purpose, ConsentStatus status, Instant at) {
    return new Consent(channel, purpose, status, Optional.ofNullable(at));
  }

  /**
   * Tells whether the customer opted in.
   *
   * @return whether granted
   */
  public boolean isGranted() {
    return status == ConsentStatus.GRANTED;
  }
}
