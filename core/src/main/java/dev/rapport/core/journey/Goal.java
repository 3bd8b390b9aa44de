package dev.rapport.core.journey;

import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Moment;
import dev.rapport.core.Properties;
import dev.rapport.core.internal.Checks;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a journey is for: a moment reached or an event done, optionally within a time of entry.
 * Reaching the goal ends the enrollment as converted if within the time (or with no time);
 * reaching it later ends it without counting as a conversion.
 */
public final class Goal {
  private final Moment moment;
  private final String eventType;
  private final Predicate<Properties> properties;
  private final Duration within;

  private Goal(Moment moment, String eventType, Predicate<Properties> properties,
      Duration within) {
    this.moment = moment;
    this.eventType = eventType;
    this.properties = properties;
    this.within = within;
  }

  /**
   * Returns the goal of reaching a moment.
   *
   * @param moment the moment
   * @return the goal
   * @throws IllegalArgumentException if null
   */
  public static Goal moment(Moment moment) {
    Checks.notNull("goal(moment)", "moment", moment);
    return new Goal(moment, null, null, null);
  }

  /**
   * Returns the goal of an event of a type.
   *
   * @param eventType the type
   * @return the goal
   * @throws IllegalArgumentException if blank
   */
  public static Goal event(String eventType) {
    return new Goal(null, EventPatterns.type("goal", eventType), null, null);
  }

  /**
   * Returns the goal of an event of a type whose properties meet a condition.
   *
   * @param eventType the type
   * @param properties the condition
   * @return the goal
   * @throws IllegalArgumentException if the type is blank or the condition null
   */
  public static Goal event(String eventType, Predicate<Properties> properties) {
    return new Goal(null, eventType, EventPatterns.properties("goal", eventType, properties), null);
  }

  /**
   * Returns a copy that counts as a conversion only within a time of entry.
   *
   * @param duration the time, positive
   * @return the new goal
   * @throws IllegalArgumentException if not positive
   * @throws IllegalStateException if already set
   */
  public Goal within(Duration duration) {
    Checks.positive("goal " + name(), "within", duration);
    Checks.once("goal " + name(), "within", within != null);
    return new Goal(moment, eventType, properties, duration);
  }

  /**
   * Returns the moment, for a moment goal.
   *
   * @return the moment
   */
  public Optional<Moment> moment() {
    return Optional.ofNullable(moment);
  }

  /**
   * Returns the event type, for an event goal.
   *
   * @return the event type
   */
  public Optional<String> eventType() {
    return Optional.ofNullable(eventType);
  }

  /**
   * Returns the time within which reaching the goal counts as a conversion.
   *
   * @return the time, if bounded
   */
  public Optional<Duration> within() {
    return Optional.ofNullable(within);
  }

  /**
   * Returns the moment's name or the event type.
   *
   * @return the name
   */
  public String name() {
    return moment != null ? moment.name() : eventType;
  }

  /**
   * Tells whether an event reaches this goal.
   *
   * @param event the event
   * @return whether it does
   */
  public boolean isReachedBy(Event event) {
    if (moment != null) {
      return event.type().equals(EventTypes.MOMENT_REACHED)
          && moment.name().equals(event.properties().get(EventTypes.MOMENT));
    }
    return EventPatterns.matches(eventType, properties, event);
  }

  @Override
  public String toString() {
    return (moment != null ? "moment " + moment.name() : eventType)
        + (within != null ? " within " + within : "");
  }
}
