package dev.rapport.dsl;

import dev.rapport.core.Condition;
import dev.rapport.core.Moment;
import dev.rapport.core.Properties;
import dev.rapport.core.journey.Step;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * The optional settings of a journey, then its steps.
 *
 * <pre>{@code
 * .onlyIf(c -> c.trait(PLAN).isPresent())
 * .reEnterAfter(Duration.ofDays(30))
 * .goal(activated).within(Duration.ofDays(14))
 * .exitOn("account_closed")
 * .holdout(0.10)
 * .steps(send(welcome), ...)
 * }</pre>
 *
 * <p>Not a {@link dev.rapport.core.journey.Journey} yet: give its steps with {@link #steps}, then
 * complete it with {@code build()}.
 */
public interface JourneyOptionsStep {
  /**
   * Sets the condition a triggered customer must meet to enter.
   *
   * @param condition the condition
   * @return this step
   * @throws IllegalArgumentException if null
   * @throws IllegalStateException if already set
   */
  JourneyOptionsStep onlyIf(Condition condition);

  /**
   * Lets a customer enter again once their enrollment ended (by default a customer enters once).
   *
   * @return this step
   * @throws IllegalStateException if a re-entry rule is already set
   */
  JourneyOptionsStep reEnterAfterExit();

  /**
   * Lets a customer enter again a cooldown after their enrollment ended.
   *
   * @param cooldown the cooldown, positive
   * @return this step
   * @throws IllegalArgumentException if not positive
   * @throws IllegalStateException if a re-entry rule is already set
   */
  JourneyOptionsStep reEnterAfter(Duration cooldown);

  /**
   * Sets the goal: reaching a moment.
   *
   * @param moment the moment
   * @return the goal step, to bound it with {@code within}
   * @throws IllegalArgumentException if null
   * @throws IllegalStateException if a goal is already set
   */
  GoalStep goal(Moment moment);

  /**
   * Sets the goal: an event of a type.
   *
   * @param eventType the type
   * @return the goal step, to bound it with {@code within}
   * @throws IllegalArgumentException if blank
   * @throws IllegalStateException if a goal is already set
   */
  GoalStep goal(String eventType);

  /**
   * Ends enrollments early on an event type.
   *
   * @param eventType the type
   * @return this step
   * @throws IllegalArgumentException if blank
   */
  JourneyOptionsStep exitOn(String eventType);

  /**
   * Ends enrollments early on an event type whose properties meet a condition.
   *
   * @param eventType the type
   * @param properties the condition
   * @return this step
   * @throws IllegalArgumentException if the type is blank or the condition null
   */
  JourneyOptionsStep exitOn(String eventType, Predicate<Properties> properties);

  /**
   * Ends enrollments early when a condition on the customer holds, checked on every event and
   * before every step.
   *
   * @param description how the condition reads, for explanations, such as {@code "churned"}
   * @param condition the condition
   * @return this step
   * @throws IllegalArgumentException if the description is blank or the condition null
   */
  JourneyOptionsStep exitWhen(String description, Condition condition);

  /**
   * Holds out a share of entering customers: enrolled and measured, never sent anything.
   *
   * @param fraction from 0 (inclusive) to 1 (exclusive)
   * @return this step
   * @throws IllegalArgumentException if out of range
   * @throws IllegalStateException if already set
   */
  JourneyOptionsStep holdout(double fraction);

  /**
   * Sets the steps.
   *
   * @param steps the steps, at least one
   * @return the last step
   * @throws IllegalArgumentException if none is given or one is null
   */
  JourneyBuildStep steps(Step... steps);
}
