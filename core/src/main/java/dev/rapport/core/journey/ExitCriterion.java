package dev.rapport.core.journey;

import dev.rapport.core.Condition;
import dev.rapport.core.Event;
import dev.rapport.core.Properties;
import dev.rapport.core.internal.Checks;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What ends an enrollment early: an event of a type (optionally with a condition on its
 * properties) or a condition on the customer, checked on every event and before every step.
 */
public final class ExitCriterion {
  private final String eventType;
  private final Predicate<Properties> properties;
  private final Condition condition;
  private final String description;

  private ExitCriterion(String eventType, Predicate<Properties> properties, Condition condition,
      String description) {
    this.eventType = eventType;
    this.properties = properties;
    this.condition = condition;
    this.description = description;
  }

  /**
   * Returns an exit on an event type.
   *
   * @param eventType the type
   * @return the criterion
   * @throws IllegalArgumentException if blank
   */
  public static ExitCriterion onEvent(String eventType) {
    return new ExitCriterion(EventPatterns.type("exitOn", eventType), null, null, eventType);
  }

  /**
   * Returns an exit on an event type whose properties meet a condition.
   *
   * @param eventType the type
   * @param properties the condition
   * @return the criterion
   * @throws IllegalArgumentException if the type is blank or the condition null
   */
  public static ExitCriterion onEvent(String eventType, Predicate<Properties> properties) {
    return new ExitCriterion(eventType, EventPatterns.properties("exitOn", eventType, properties),
        null, eventType + " (with condition)");
  }

  /**
   * Returns an exit when a condition on the customer holds.
   *
   * @param description how the condition reads, for explanations
   * @param condition the condition
   * @return the criterion
   * @throws IllegalArgumentException if the description is blank or the condition null
   */
  public static ExitCriterion when(String description, Condition condition) {
    Checks.name("exitWhen description", description);
    Checks.notNull("exitWhen(\"" + description + "\")", "condition", condition);
    return new ExitCriterion(null, null, condition, description);
  }

  /**
   * Returns the event type, for an event criterion.
   *
   * @return the event type
   */
  public Optional<String> eventType() {
    return Optional.ofNullable(eventType);
  }

  /**
   * Returns the condition, for a condition criterion.
   *
   * @return the condition
   */
  public Optional<Condition> condition() {
    return Optional.ofNullable(condition);
  }

  /**
   * Tells whether an event meets this criterion (always false for a condition criterion).
   *
   * @param event the event
   * @return whether it does
   */
  public boolean isMetBy(Event event) {
    return eventType != null && EventPatterns.matches(eventType, properties, event);
  }

  /**
   * Describes the criterion.
   *
   * @return the description
   */
  public String describe() {
    return description;
  }

  @Override
  public String toString() {
    return describe();
  }
}
