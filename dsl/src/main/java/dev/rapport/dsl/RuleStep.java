package dev.rapport.dsl;

import dev.rapport.core.Action;
import dev.rapport.core.Condition;
import dev.rapport.core.Moment;
import dev.rapport.core.Persona;
import dev.rapport.core.Properties;
import dev.rapport.core.Segment;
import java.util.function.Predicate;

/**
 * A rule's conditions, then the action it recommends. The {@code whenDone}, {@code whenIn},
 * {@code whenIs} and {@code whenReached} forms also tell the engine what the rule looks at, so
 * that it is only evaluated for customers who have it: prefer them to {@link #when(Condition)}
 * where they fit, for large rule sets.
 *
 * <p>Not a rule yet: give the action with {@link #recommend} and the reason with {@code
 * because(...)}. The rule set is completed by {@code build()}, which returns the {@link
 * dev.rapport.core.decision.RuleSet}.
 */
public interface RuleStep {
  /**
   * Adds a condition that must hold.
   *
   * @param condition the condition
   * @return this step
   * @throws IllegalArgumentException if null
   */
  RuleStep when(Condition condition);

  /**
   * Requires the customer to have done an event type.
   *
   * @param eventType the type
   * @return this step
   * @throws IllegalArgumentException if blank
   */
  RuleStep whenDone(String eventType);

  /**
   * Requires the customer to have done an event type with properties meeting a condition (in
   * their recent history).
   *
   * @param eventType the type
   * @param properties the condition
   * @return this step
   * @throws IllegalArgumentException if the type is blank or the condition null
   */
  RuleStep whenDone(String eventType, Predicate<Properties> properties);

  /**
   * Requires the customer to be in a segment.
   *
   * @param segment the segment
   * @return this step
   * @throws IllegalArgumentException if null
   */
  RuleStep whenIn(Segment segment);

  /**
   * Requires the customer to match a persona.
   *
   * @param persona the persona
   * @return this step
   * @throws IllegalArgumentException if null
   */
  RuleStep whenIs(Persona persona);

  /**
   * Requires the customer to have reached a moment.
   *
   * @param moment the moment
   * @return this step
   * @throws IllegalArgumentException if null
   */
  RuleStep whenReached(Moment moment);

  /**
   * Adds a condition that must not hold.
   *
   * @param condition the condition
   * @return this step
   * @throws IllegalArgumentException if null
   */
  RuleStep unless(Condition condition);

  /**
   * Sets the action the rule recommends.
   *
   * @param action the action
   * @return the step that asks why
   * @throws IllegalArgumentException if null
   */
  BecauseStep recommend(Action action);
}
