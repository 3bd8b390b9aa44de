package dev.rapport.core.journey;

import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Moment;
import dev.rapport.core.Properties;
import dev.rapport.core.Segment;
import dev.rapport.core.internal.Checks;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What starts a journey for a customer: an event type (optionally with a condition on its
 * properties), reaching a moment, or entering a segment.
 */
public final class Trigger {
  /** The kinds of trigger. */
  public enum Kind {
    /** An event of a type. */
    EVENT,
    /** Reaching a moment ({@link EventTypes#MOMENT_REACHED}). */
    MOMENT,
    /** Entering a segment ({@link EventTypes#SEGMENT_ENTERED}). */
    SEGMENT
  }

  private final Kind kind;
  private final String name;
  private final Predicate<Properties> properties;

  private Trigger(Kind kind, String name, Predicate<Properties> properties) {
    this.kind = kind;
    this.name = name;
    this.properties = properties;
  }

  /**
   * Returns a trigger on an event type.
   *
   * @param eventType the type
   * @return the trigger
   * @throws IllegalArgumentException if blank
   */
  public static Trigger onEvent(String eventType) {
    return new Trigger(Kind.EVENT, EventPatterns.type("enterOn", eventType), null);
  }

  /**
   * Returns a trigger on an event type whose properties meet a condition.
   *
   * @param eventType the type
   * @param properties the condition
   * @return the trigger
   * @throws IllegalArgumentException if the type is blank or the condition null
   */
  public static Trigger onEvent(String eventType, Predicate<Properties> properties) {
    return new Trigger(Kind.EVENT, eventType,
        EventPatterns.properties("enterOn", eventType, properties));
  }

  /**
   * Returns a trigger on reaching a moment.
   *
   * @param moment the moment
   * @return the trigger
   * @throws IllegalArgumentException if null
   */
  public static Trigger onMoment(Moment moment) {
    Checks.notNull("enterOn(moment)", "moment", moment);
    return new Trigger(Kind.MOMENT, moment.name(), null);
  }

  /**
   * Returns a trigger on entering a segment.
   *
   * @param segment the segment
   * @return the trigger
   * @throws IllegalArgumentException if null
   */
  public static Trigger onSegment(Segment segment) {
    Checks.notNull("enterOn(segment)", "segment", segment);
    return new Trigger(Kind.SEGMENT, segment.name(), null);
  }

  /**
   * Returns the kind.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Returns the event type, moment or segment name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the event type this trigger listens to.
   *
   * @return the event type
   */
  public String eventType() {
    switch (kind) {
      case MOMENT:
        return EventTypes.MOMENT_REACHED;
      case SEGMENT:
        return EventTypes.SEGMENT_ENTERED;
      default:
        return name;
    }
  }

  /**
   * Returns the condition on the event's properties, for an event trigger that has one.
   *
   * @return the condition
   */
  public Optional<Predicate<Properties>> properties() {
    return Optional.ofNullable(properties);
  }

  /**
   * Tells whether an event fires this trigger.
   *
   * @param event the event
   * @return whether it does
   */
  public boolean matches(Event event) {
    if (!event.type().equals(eventType())) {
      return false;
    }
    switch (kind) {
      case MOMENT:
        return name.equals(event.properties().get(EventTypes.MOMENT));
      case SEGMENT:
        return name.equals(event.properties().get(EventTypes.SEGMENT));
      default:
        return properties == null || properties.test(event.properties());
    }
  }

  /**
   * Describes the trigger, such as {@code signed_up} or {@code moment activated}.
   *
   * @return the description
   */
  public String describe() {
    switch (kind) {
      case MOMENT:
        return "moment " + name;
      case SEGMENT:
        return "segment " + name + " entered";
      default:
        return name + (properties != null ? " (with condition)" : "");
    }
  }

  @Override
  public String toString() {
    return describe();
  }
}
