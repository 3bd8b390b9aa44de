package dev.rapport.dsl;

import dev.rapport.core.Channel;
import dev.rapport.core.ConsentStatus;
import dev.rapport.core.Event;
import dev.rapport.core.Preferences;
import dev.rapport.core.Profile;
import dev.rapport.core.Purpose;
import dev.rapport.core.TraitKey;
import dev.rapport.core.Traits;

/**
 * The one static entry point of Rapport's DSL, designed for {@code import static
 * dev.rapport.dsl.Rapport.*}: verbs that start definitions, and the constants they use.
 *
 * <pre>{@code
 * Moment activated = moment("activated").reachedOn("first_sync").build();
 * Persona barista = persona("home-barista").goals("better coffee at home")
 *     .matching(c -> c.hasDone("purchased", p -> "grinder".equals(p.get("sku")))).build();
 * Segment lonely = segment("lonely-trials").matching(c -> c.count("teammate_invited") == 0)
 *     .build();
 * Action welcome = action("welcome").transactional().via(EMAIL).build();
 *
 * engine.identify("c-1", traits().set(EMAIL_ADDRESS, "ada@example.com"));
 * engine.track(event("c-1", "signed_up").at(now));
 * }</pre>
 */
public final class Rapport {
  private Rapport() {}

  /** Email. */
  public static final Channel EMAIL = Channel.EMAIL;
  /** SMS. */
  public static final Channel SMS = Channel.SMS;
  /** Push notifications. */
  public static final Channel PUSH = Channel.PUSH;
  /** In-app messages. */
  public static final Channel IN_APP = Channel.IN_APP;
  /** Social media messages. */
  public static final Channel SOCIAL = Channel.SOCIAL;

  /** The email address trait. */
  public static final TraitKey<String> EMAIL_ADDRESS = TraitKey.EMAIL_ADDRESS;
  /** The phone number trait. */
  public static final TraitKey<String> PHONE_NUMBER = TraitKey.PHONE_NUMBER;
  /** The push device token trait. */
  public static final TraitKey<String> DEVICE_TOKEN = TraitKey.DEVICE_TOKEN;

  /** The marketing purpose. */
  public static final Purpose MARKETING = Purpose.MARKETING;
  /** The transactional purpose. */
  public static final Purpose TRANSACTIONAL = Purpose.TRANSACTIONAL;

  /** A consent given. */
  public static final ConsentStatus GRANTED = ConsentStatus.GRANTED;
  /** A consent refused or revoked. */
  public static final ConsentStatus DENIED = ConsentStatus.DENIED;

  /**
   * Starts a moment that matters.
   *
   * @param name its name, unique among moments
   * @return the first step: how it is reached
   * @throws IllegalArgumentException if the name is null or blank
   */
  public static MomentStep moment(String name) {
    return new DefinitionSteps.MomentSteps(name);
  }

  /**
   * Starts a persona.
   *
   * @param name its name, unique among personas
   * @return the first step: its description, then its condition
   * @throws IllegalArgumentException if the name is null or blank
   */
  public static PersonaStep persona(String name) {
    return new DefinitionSteps.PersonaSteps(name);
  }

  /**
   * Starts a segment.
   *
   * @param name its name, unique among segments
   * @return the first step: its condition
   * @throws IllegalArgumentException if the name is null or blank
   */
  public static SegmentStep segment(String name) {
    return new DefinitionSteps.SegmentSteps(name);
  }

  /**
   * Starts an action.
   *
   * @param name its name, unique among actions
   * @return the first step: options, then its channel
   * @throws IllegalArgumentException if the name is null or blank
   */
  public static ActionStep action(String name) {
    return new DefinitionSteps.ActionSteps(name);
  }

  /**
   * Returns empty traits, to {@link Traits#set set} traits on.
   *
   * @return no traits
   */
  public static Traits traits() {
    return Traits.empty();
  }

  /**
   * Returns an empty profile, to set traits, consents and preferences on for {@code identify}.
   *
   * @return the empty profile
   */
  public static Profile profile() {
    return Profile.empty();
  }

  /**
   * Starts a customer's preferences.
   *
   * @return a builder
   */
  public static Preferences.Builder preferences() {
    return Preferences.builder();
  }

  /**
   * Starts an event; {@link Event.Builder#at} gives its time and returns it.
   *
   * @param customerId the host's customer id
   * @param type the event type
   * @return the event builder
   * @throws IllegalArgumentException if the id or type is null or blank
   */
  public static Event.Builder event(String customerId, String type) {
    return Event.builder(customerId, type);
  }
}
