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
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The journey stages: single-use handles on one core {@link Journey.Builder} (see {@link Chain}).
 * A goal waits for an optional {@code within(...)} and reaches the builder with the next call.
 */
final class JourneySteps extends Stage<JourneySteps.Draft, JourneySteps>
    implements JourneyStep, GoalStep, JourneyBuildStep {
  /** The core builder, and the goal that may still be bounded. */
  static final class Draft {
    private final String name;
    private final Journey.Builder journey;
    private Goal goal;
    private boolean goalGiven;

    Draft(String name) {
      this.journey = Journey.builder(name);
      this.name = name;
    }

    /** Hands the goal given last to the builder, once it can no longer be bounded. */
    Journey.Builder flush() {
      if (goal != null) {
        journey.goal(goal);
        goal = null;
      }
      return journey;
    }
  }

  JourneySteps(String name) {
    super(new Chain<>("journey", name, "journey(name)", new Draft(name)));
  }

  private JourneySteps(Chain<Draft> chain, int turn) {
    super(chain, turn);
  }

  @Override
  JourneySteps at(int later) {
    return new JourneySteps(chain, later);
  }

  /** Writes a call on the builder, then hands it the goal given before, if any. */
  private JourneySteps set(String call, Consumer<Journey.Builder> write) {
    return go(call, d -> {
      write.accept(d.journey);
      d.flush();
    });
  }

  @Override
  public JourneyStep version(int version) {
    return set("version(" + version + ")", b -> b.version(version));
  }

  @Override
  public JourneyOptionsStep enterOn(String eventType) {
    return set("enterOn(\"" + eventType + "\")", b -> b.enterOn(Trigger.onEvent(eventType)));
  }

  @Override
  public JourneyOptionsStep enterOn(String eventType, Predicate<Properties> properties) {
    return set("enterOn(\"" + eventType + "\", properties)",
        b -> b.enterOn(Trigger.onEvent(eventType, properties)));
  }

  @Override
  public JourneyOptionsStep enterOn(Moment moment) {
    return set("enterOn(moment)", b -> b.enterOn(Trigger.onMoment(moment)));
  }

  @Override
  public JourneyOptionsStep enterOn(Segment segment) {
    return set("enterOn(segment)", b -> b.enterOn(Trigger.onSegment(segment)));
  }

  @Override
  public JourneyOptionsStep onlyIf(Condition condition) {
    return set("onlyIf(condition)", b -> b.entryCondition(condition));
  }

  @Override
  public JourneyOptionsStep reEnterAfterExit() {
    return set("reEnterAfterExit()", b -> b.reEntry(ReEntry.afterExit()));
  }

  @Override
  public JourneyOptionsStep reEnterAfter(Duration cooldown) {
    return set("reEnterAfter(" + cooldown + ")", b -> b.reEntry(ReEntry.after(cooldown)));
  }

  @Override
  public GoalStep goal(Moment moment) {
    return goal("goal(moment)", () -> Goal.moment(moment));
  }

  @Override
  public GoalStep goal(String eventType) {
    return goal("goal(\"" + eventType + "\")", () -> Goal.event(eventType));
  }

  private GoalStep goal(String call, Supplier<Goal> goal) {
    return go(call, d -> {
      Goal g = goal.get();
      if (d.goalGiven) {
        d.flush().goal(g); // refused by the builder, with its message: a journey has one goal
      }
      d.goal = g;
      d.goalGiven = true;
    });
  }

  @Override
  public JourneyOptionsStep within(Duration duration) {
    return go("within(" + duration + ")", d -> {
      if (d.goal == null) {
        // only after a second goal(...) was refused: the first one has reached the builder
        throw new IllegalStateException("journey '" + d.name + "': within(" + duration
            + ") has no goal left to bound; give within(...) right after goal(...)");
      }
      d.goal = d.goal.within(duration);
    });
  }

  @Override
  public JourneyOptionsStep exitOn(String eventType) {
    return set("exitOn(\"" + eventType + "\")", b -> b.exitOn(ExitCriterion.onEvent(eventType)));
  }

  @Override
  public JourneyOptionsStep exitOn(String eventType, Predicate<Properties> properties) {
    return set("exitOn(\"" + eventType + "\", properties)",
        b -> b.exitOn(ExitCriterion.onEvent(eventType, properties)));
  }

  @Override
  public JourneyOptionsStep exitWhen(String description, Condition condition) {
    return set("exitWhen(\"" + description + "\", condition)",
        b -> b.exitOn(ExitCriterion.when(description, condition)));
  }

  @Override
  public JourneyOptionsStep holdout(double fraction) {
    return set("holdout(" + fraction + ")", b -> b.holdout(fraction));
  }

  @Override
  public JourneyBuildStep steps(Step... steps) {
    return set("steps(...)", b -> b.steps(steps));
  }

  @Override
  public Journey build() {
    return build(d -> d.flush().build());
  }
}
