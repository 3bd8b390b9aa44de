package dev.rapport.core;

import java.util.Map;

/**
 * Where a message can be sent: email, SMS, push, in-app, social, or a custom channel.
 *
 * <pre>{@code
 * Channel whatsapp = Channel.of("whatsapp");
 * }</pre>
 *
 * <p>A channel is a name; how the engine treats a custom channel (whether marketing on it needs
 * an opt-in, which trait makes a customer reachable on it) is configured on the engine.
 */
public final class Channel {

  /** Email; reachable with an {@link TraitKey#EMAIL_ADDRESS}. */
  public static final Channel EMAIL = new Channel("email");

  /** SMS; reachable with a {@link TraitKey#PHONE_NUMBER}. */
  public static final Channel SMS = new Channel("sms");

  /** Push notifications; reachable with a {@link TraitKey#DEVICE_TOKEN}. */
  public static final Channel PUSH = new Channel("push");

  /** Messages inside the host's own product; always reachable. */
  public static final Channel IN_APP = new Channel("in_app");

  /** Social media messages. */
  public static final Channel SOCIAL = new Channel("social");

  private static final Map<String, Channel> STANDARD = Map.of(
      EMAIL.name, EMAIL, SMS.name, SMS, PUSH.name, PUSH, IN_APP.name, IN_APP,
      SOCIAL.name, SOCIAL);

  private final String name;

  private Channel(String name) {
    this.name = name;
  }

  /**
   * Returns the channel of a name: a standard one for {@code email}, {@code sms}, {@code push},
   * {@code in_app} and {@code social}, a custom one for any other.
   *
   * @param name lower-case letters, digits, {@code _} and {@code -}, starting with a letter
   * @return the channel
   * @throws IllegalArgumentException if the name is null or not of that form
   */
  public static Channel of(String name) {
    if (name == null) {
      throw new IllegalArgumentException("channel name is null; give a name such as \"whatsapp\"");
    }
    Channel standard = STANDARD.get(name);
    if (standard != null) {
      return standard;
    }
    if (!validName(name)) {
      throw new IllegalArgumentException("channel name \"" + name + "\" is not valid; use "
          + "lower-case letters, digits, '_' and '-', starting with a letter, such as \"whatsapp\"");
    }
    return new Channel(name);
  }

  /** Lower-case letters, digits, '_' and '-', starting with a letter (no regex at start-up). */
  private static boolean validName(String name) {
    if (name.isEmpty() || name.charAt(0) < 'a' || name.charAt(0) > 'z') {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the standard channels: email, SMS, push, in-app and social.
   *
   * @return the standard channels
   */
  public static java.util.Set<Channel> standard() {
    return java.util.Set.of(EMAIL, SMS, PUSH, IN_APP, SOCIAL);
  }

  /**
   * Returns the channel's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Tells whether this is one of the standard channels.
   *
   * @return whether standard
   */
  public boolean isStandard() {
    return STANDARD.containsKey(name);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Channel && ((Channel) o).name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  /** Returns the name. */
  @Override
  public String toString() {
    return name;
  }
}
