package dev.rapport.core.internal;

import java.time.Duration;

/**
 * Argument and state checks that produce Rapport's error messages: each names the definition,
 * the field, the value and what to do instead.
 */
public final class Checks {
  private Checks() {}

  /**
   * Checks a name: not null, not blank, no surrounding whitespace.
   *
   * @param what what is named, e.g. {@code "action"}
   * @param name the name
   * @return the name
   */
  public static String name(String what, String name) {
    if (name == null) {
      throw new IllegalArgumentException(what + " name is null; give it a non-blank name");
    }
    if (name.isBlank()) {
      throw new IllegalArgumentException(
          what + " name is blank (\"" + name + "\"); give it a non-blank name");
    }
    if (!name.strip().equals(name)) {
      throw new IllegalArgumentException(
          what + " name \"" + name + "\" has leading or trailing whitespace; remove it");
    }
    return name;
  }

  /**
   * Checks that a value is not null.
   *
   * @param owner the definition it belongs to, e.g. {@code "action 'welcome'"}
   * @param field the field
   * @param value the value
   * @param <T> its type
   * @return the value
   */
  public static <T> T notNull(String owner, String field, T value) {
    if (value == null) {
      throw new IllegalArgumentException(owner + ": " + field + " is null; give a value");
    }
    return value;
  }

  /**
   * Checks that a duration is strictly positive.
   *
   * @param owner the definition it belongs to
   * @param field the field
   * @param value the duration
   * @return the duration
   */
  public static Duration positive(String owner, String field, Duration value) {
    notNull(owner, field, value);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(
          owner + ": " + field + " is " + value + "; give a positive duration");
    }
    return value;
  }

  /**
   * Checks that a number is a fraction from 0 (inclusive) to 1 (exclusive), such as the share of
   * customers held out of an action or a journey.
   *
   * @param owner the definition it belongs to
   * @param field the field
   * @param value the number
   * @return the number
   * @throws IllegalArgumentException if it is out of range or NaN
   */
  public static double fraction(String owner, String field, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(owner + ": " + field + " is " + value
          + "; give a fraction from 0 (inclusive) to 1 (exclusive), such as 0.10");
    }
    return value;
  }

  /**
   * Fails with {@link IllegalStateException} when a setting is given a second time.
   *
   * @param owner the definition
   * @param field the setting
   * @param alreadySet whether it was set before
   */
  public static void once(String owner, String field, boolean alreadySet) {
    if (alreadySet) {
      throw new IllegalStateException(
          owner + ": " + field + " is already set; set it once");
    }
  }

  /**
   * Fails with {@link IllegalStateException} when a single-use builder is called after it built
   * its definition: a later setting would otherwise be lost, or leak into the next definition
   * built from it.
   *
   * @param owner the definition, e.g. {@code "journey 'onboarding'"}
   * @param call the call, e.g. {@code "holdout"}
   * @param built whether the builder already built
   * @param instead how to start another definition, e.g. {@code "Journey.builder(name)"}
   */
  public static void notBuilt(String owner, String call, boolean built, String instead) {
    if (built) {
      throw new IllegalStateException(owner + ": " + call + " comes after build(); the builder "
          + "is single-use: start another with " + instead);
    }
  }

  /**
   * Quotes a name for a message.
   *
   * @param kind the kind of definition
   * @param name its name
   * @return e.g. {@code action 'welcome'}
   */
  public static String owner(String kind, String name) {
    return kind + " '" + name + "'";
  }
}
