package dev.rapport.core;

import dev.rapport.core.internal.Immutable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the host knows about a customer, given to the engine by {@code identify}: traits to set or
 * unset, consents the customer gave or refused, and their preferences.
 *
 * <p>Copy-on-write: every method returns a new profile.
 *
 * <pre>{@code
 * engine.identify("c-1", Profile.empty()
 *     .set(TraitKey.EMAIL_ADDRESS, "ada@example.com")
 *     .consent(Channel.EMAIL, Purpose.MARKETING, ConsentStatus.GRANTED)
 *     .preferences(Preferences.builder().timeZone(ZoneId.of("Europe/London")).build()));
 * }</pre>
 */
public final class Profile {
  private static final Profile EMPTY =
      new Profile(Traits.empty(), Set.of(), List.of(), null);

  private final Traits traits;
  private final Set<String> unset;
  private final List<ConsentChange> consents;
  private final Preferences preferences;

  private Profile(Traits traits, Set<String> unset, List<ConsentChange> consents,
      Preferences preferences) {
    this.traits = traits;
    this.unset = unset;
    this.consents = consents;
    this.preferences = preferences;
  }

  /**
   * Returns a profile that changes nothing.
   *
   * @return the empty profile
   */
  public static Profile empty() {
    return EMPTY;
  }

  /**
   * Returns a profile that sets traits.
   *
   * @param traits the traits to set
   * @return the profile
   */
  public static Profile of(Traits traits) {
    return EMPTY.set(traits);
  }

  /**
   * Returns a copy that also sets a trait.
   *
   * @param key the trait
   * @param value its value
   * @param <T> its type
   * @return the new profile
   * @throws IllegalArgumentException as {@link Traits#set} does
   */
  public <T> Profile set(TraitKey<T> key, T value) {
    return new Profile(traits.set(key, value), without(unset, key.name()), consents, preferences);
  }

  /**
   * Returns a copy that also sets every given trait.
   *
   * @param more the traits
   * @return the new profile
   * @throws IllegalArgumentException as {@link Traits#merge} does
   */
  public Profile set(Traits more) {
    Set<String> stillUnset = unset;
    for (String name : more.names()) {
      stillUnset = without(stillUnset, name);
    }
    return new Profile(traits.merge(more), stillUnset, consents, preferences);
  }

  /**
   * Returns a copy that also removes a trait from the customer.
   *
   * @param key the trait
   * @return the new profile
   */
  public Profile unset(TraitKey<?> key) {
    return new Profile(traits.remove(key.name()),
        Immutable.with(unset, key.name()), consents, preferences);
  }

  /**
   * Returns a copy that also records a consent, at the engine's time when identified.
   *
   * @param channel the channel
   * @param purpose the purpose
   * @param status granted or denied
   * @return the new profile
   * @throws IllegalArgumentException if an argument is null or the status is UNKNOWN
   */
  public Profile consent(Channel channel, Purpose purpose, ConsentStatus status) {
    return consent(channel, purpose, status, null);
  }

  /**
   * Returns a copy that also records a consent given at a known time.
   *
   * @param channel the channel
   * @param purpose the purpose
   * @param status granted or denied
   * @param at when the customer said so, or null for the engine's time when identified
   * @return the new profile
   * @throws IllegalArgumentException if an argument is null or the status is UNKNOWN
   */
  public Profile consent(Channel channel, Purpose purpose, ConsentStatus status, Instant at) {
    if (channel == null || purpose == null || status == null) {
      throw new IllegalArgumentException("profile: consent needs a channel, a purpose and a "
          + "status; got " + channel + ", " + purpose + ", " + status);
    }
    if (status == ConsentStatus.UNKNOWN) {
      throw new IllegalArgumentException("profile: consent on " + channel + " for "
          + purpose.wireName() + " is UNKNOWN; record GRANTED or DENIED");
    }
    return new Profile(traits, unset, Immutable.append(consents,
        new ConsentChange(channel, purpose, status, Optional.ofNullable(at))), preferences);
  }

  /**
   * Returns a copy that also replaces the customer's preferences.
   *
   * @param preferences the preferences
   * @return the new profile
   * @throws IllegalArgumentException if null
   */
  public Profile preferences(Preferences preferences) {
    if (preferences == null) {
      throw new IllegalArgumentException("profile: preferences is null; give Preferences.none() "
          + "to clear them");
    }
    return new Profile(traits, unset, consents, preferences);
  }

  /**
   * Returns the traits this profile sets.
   *
   * @return the traits
   */
  public Traits traits() {
    return traits;
  }

  /**
   * Returns the names of the traits this profile removes.
   *
   * @return the names
   */
  public Set<String> unset() {
    return unset;
  }

  /**
   * Returns the consents this profile records, in the order given.
   *
   * @return the consent changes
   */
  public List<ConsentChange> consents() {
    return consents;
  }

  /**
   * Returns the preferences this profile sets, if any.
   *
   * @return the preferences
   */
  public Optional<Preferences> preferences() {
    return Optional.ofNullable(preferences);
  }

  private static Set<String> without(Set<String> set, String name) {
    return Immutable.without(set, name);
  }

  /**
   * A consent recorded through a profile.
   *
   * @param channel the channel
   * @param purpose the purpose
   * @param status granted or denied
   * @param at when, or empty for the engine's time when identified
   */
  public record ConsentChange(Channel channel, Purpose purpose, ConsentStatus status,
      Optional<Instant> at) {}
}
