package dev.rapport.core.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * The bounds an engine puts on what it accepts from the host, so that a runaway producer or a
 * hostile input cannot fill its memory or its store. Input beyond a bound is refused with an
 * {@link IllegalArgumentException} that names the input, the value and the bound, and changes
 * nothing.
 *
 * <pre>{@code
 * Engine engine = Engine.builder()
 *     .limits(InputLimits.ofDefaults().maxStringLength(1_000_000).futureTolerance(Duration.ZERO))
 *     ...
 *     .build();
 * }</pre>
 *
 * <p>The defaults ({@link #ofDefaults()}):
 *
 * <ul>
 *   <li>names (customer ids, event types and ids, property and trait names) up to 256
 *       characters;
 *   <li>string values (of properties and traits, at any depth) up to 65,536 characters;
 *   <li>up to 256 properties on one event, and up to 10,000 items in one list or map value;
 *   <li>up to 10,000 distinct event types in one engine (the engine interns every type it
 *       sees; types are a vocabulary, and an id or free text belongs in a property);
 *   <li>events dated at most 5 minutes after the engine's clock ({@link #futureTolerance()}),
 *       which absorbs the clock skew between the host's machines; an event dated further ahead
 *       is almost always a unit mistake (milliseconds read as seconds) or a bad clock;
 *   <li>times (of events, consents and {@code advanceTo}) from {@link #EARLIEST} to before
 *       {@link #LATEST}, a fixed range that no limit changes (the engine keeps times as
 *       nanoseconds since 1970 in one {@code long}).
 * </ul>
 *
 * <p>Instances are immutable: every {@code with}-style method returns a new copy.
 *
 * @param maxNameLength the longest name accepted, in characters
 * @param maxStringLength the longest string value accepted, in characters
 * @param maxProperties the most properties accepted on one event
 * @param maxCollectionSize the most items accepted in one list or map value
 * @param futureTolerance how far ahead of the engine's clock an event may be dated
 * @param maxEventTypes the most distinct event types one engine accepts
 */
public record InputLimits(int maxNameLength, int maxStringLength, int maxProperties,
    int maxCollectionSize, Duration futureTolerance, int maxEventTypes) {

  /** The earliest time the engine accepts: 1970-01-01T00:00:00Z. */
  public static final Instant EARLIEST = Instant.EPOCH;

  /** The first time the engine no longer accepts: 2262-01-01T00:00:00Z. */
  public static final Instant LATEST = Instant.parse("2262-01-01T00:00:00Z");

  private static final InputLimits DEFAULTS = new InputLimits(256, 65_536, 256, 10_000,
      Duration.ofMinutes(5), 10_000);

  /**
   * Checks the bounds.
   *
   * @param maxNameLength the longest name accepted, 1 or more
   * @param maxStringLength the longest string value accepted, 1 or more
   * @param maxProperties the most properties on one event, 0 or more
   * @param maxCollectionSize the most items in one list or map value, 0 or more
   * @param futureTolerance how far ahead of the engine's clock an event may be dated, zero or
   *     more
   * @param maxEventTypes the most distinct event types one engine accepts, 16 or more
   * @throws IllegalArgumentException if a bound is out of its range
   */
  public InputLimits {
    atLeast("maxNameLength", maxNameLength, 1, " characters");
    atLeast("maxStringLength", maxStringLength, 1, " characters");
    atLeast("maxProperties", maxProperties, 0, "");
    atLeast("maxCollectionSize", maxCollectionSize, 0, "");
    atLeast("maxEventTypes", maxEventTypes, 16, " (the standard event types alone take a dozen)");
    if (futureTolerance == null || futureTolerance.isNegative()) {
      throw new IllegalArgumentException("input limits: futureTolerance is " + futureTolerance
          + "; give a duration of zero or more, such as Duration.ofMinutes(5)");
    }
  }

  private static void atLeast(String bound, int value, int least, String unit) {
    if (value < least) {
      throw new IllegalArgumentException("input limits: " + bound + " is " + value + "; give "
          + least + " or more" + unit);
    }
  }

  /**
   * Returns the default limits (see the class description).
   *
   * @return the defaults
   */
  public static InputLimits ofDefaults() {
    return DEFAULTS;
  }

  /**
   * Returns a copy with another longest name.
   *
   * @param characters the longest name accepted, 1 or more
   * @return the new limits
   * @throws IllegalArgumentException if less than 1
   */
  public InputLimits maxNameLength(int characters) {
    return new InputLimits(characters, maxStringLength, maxProperties, maxCollectionSize,
        futureTolerance, maxEventTypes);
  }

  /**
   * Returns a copy with another longest string value.
   *
   * @param characters the longest string value accepted, 1 or more
   * @return the new limits
   * @throws IllegalArgumentException if less than 1
   */
  public InputLimits maxStringLength(int characters) {
    return new InputLimits(maxNameLength, characters, maxProperties, maxCollectionSize,
        futureTolerance, maxEventTypes);
  }

  /**
   * Returns a copy with another most properties on one event.
   *
   * @param count the most properties, 0 or more
   * @return the new limits
   * @throws IllegalArgumentException if negative
   */
  public InputLimits maxProperties(int count) {
    return new InputLimits(maxNameLength, maxStringLength, count, maxCollectionSize,
        futureTolerance, maxEventTypes);
  }

  /**
   * Returns a copy with another most items in one list or map value.
   *
   * @param count the most items, 0 or more
   * @return the new limits
   * @throws IllegalArgumentException if negative
   */
  public InputLimits maxCollectionSize(int count) {
    return new InputLimits(maxNameLength, maxStringLength, maxProperties, count,
        futureTolerance, maxEventTypes);
  }

  /**
   * Returns a copy with another tolerance for events dated after the engine's clock.
   *
   * @param tolerance how far ahead an event may be dated, zero or more
   * @return the new limits
   * @throws IllegalArgumentException if null or negative
   */
  public InputLimits futureTolerance(Duration tolerance) {
    return new InputLimits(maxNameLength, maxStringLength, maxProperties, maxCollectionSize,
        tolerance, maxEventTypes);
  }

  /**
   * Returns a copy with another most distinct event types.
   *
   * @param count the most event types, 16 or more
   * @return the new limits
   * @throws IllegalArgumentException if less than 16
   */
  public InputLimits maxEventTypes(int count) {
    return new InputLimits(maxNameLength, maxStringLength, maxProperties, maxCollectionSize,
        futureTolerance, count);
  }
}
