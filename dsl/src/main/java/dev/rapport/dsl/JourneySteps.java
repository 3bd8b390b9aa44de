package dev.rapport.dsl;

import dev.rapport.core.Condition;
import dev.rapport.core.Moment;
import dev.rapport.core.Properties;
import dev.rapport.core.Segment;
import dev.rapport.core.journey.ExitCriterion;
import dev.rapport.core.journey.Goal;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.ReEntry;
import dev.rapport.core.journey.Step;
import dev.rapport.core.journey.Trigger;
import java.time.Duration;
import java.util.function.Predicate;

/** The journey stages, over the core {@link Journey.Builder}. */
final class JourneySteps implements JourneyStep, GoalStep, JourneyBuildStep {
  private final String name;
  private final Journey.Builder builder;
  private Goal goal;
  private boolean goalGiven;

  JourneySteps(String name) {
    this.builder = Journey.builder(name);
    this.name = name;
  }

  @Override
  public JourneyStep version(int version) {
    builder.version(version);
    return this;
  }

  @Override
  public JourneyOptionsStep enterOn(String eventType) {
    builder.enterOn(Trigger.onEvent(eventType));
    return this;
  }

  @Override
  public JourneyOptionsStep enterOn(String eventType, Predicate<Properties> properties) {
    builder.enterOn(Trigger.onEvent(eventType, properties));
    return this;
  }

  @Override
  public JourneyOptionsStep enterOn(Moment moment) {
    builder.enterOn(Trigger.onMoment(moment));
    return this;
  }

  @Override
  public JourneyOptionsStep enterOn(Segment segment) {
    builder.enterOn(Trigger.onSegment(segment));
    return this;
  }

  @Override
  public JourneyOptionsStep onlyIf(Condition condition) {
    builder.entryCondition(condition);
    return this;
  }

  @Override
  public JourneyOptionsStep reEnterAfterExit() {
    builder.reEntry(ReEntry.afterExit());
    return this;
  }

  @Override
  public JourneyOptionsStep reEnterAfter(Duration cooldown) {
    builder.reEntry(ReEntry.after(cooldown));
    return this;
  }

  @Override
  public GoalStep goal(Moment moment) {
    return setGoal(Goal.moment(moment));
  }

  @Override
  public GoalStep goal(String eventType) {
    return setGoal(Goal.event(eventType));
  }

  private GoalStep setGoal(Goal g) {
    if (goal != null) {
      throw new IllegalStateException("journey '" + name + "': goal is already set to " + goal
          + "; set it once");
    }
    this.goal = g;
    return this;
  }

  @Override
  public JourneyOptionsStep within(Duration duration) {
    // the goal reaches the core builder at build(), once bounded or not
    this.goal = goal.within(duration);
    return this;
  }

  @Override
  public JourneyOptionsStep exitOn(String eventType) {
    builder.exitOn(ExitCriterion.onEvent(eventType));
    return this;
  }

  @Override
  public JourneyOptionsStep exitOn(String eventType, Predicate<Properties> properties) {
    builder.exitOn(ExitCriterion.onEvent(eventType, properties));
    return this;
  }

  @Override
  public JourneyOptionsStep exitWhen(String description, Condition condition) {
    builder.exitOn(ExitCriterion.when(description, condition));
    return this;
  }

  @Override
  public JourneyOptionsStep holdout(double fraction) {
    builder.holdout(fraction);
    return this;
  }

  @Override
  public JourneyBuildStep steps(Step... steps) {
    builder.steps(steps);
    return this;
  }

  @Override
  public Journey build() {
    if (goal != null && !goalGiven) {
      builder.goal(goal);
      goalGiven = true;
    }
    return builder.build();
  }
}
