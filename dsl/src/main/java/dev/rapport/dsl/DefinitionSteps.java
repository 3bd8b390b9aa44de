package dev.rapport.dsl;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Condition;
import dev.rapport.core.Moment;
import dev.rapport.core.Persona;
import dev.rapport.core.Properties;
import dev.rapport.core.Purpose;
import dev.rapport.core.Segment;
import java.time.Duration;
import java.util.function.Predicate;

/** The implementations of the definition steps: thin stages over the core builders. */
final class DefinitionSteps {
  private DefinitionSteps() {}

  static final class MomentSteps implements MomentStep, MomentBuildStep {
    private final Moment.Builder builder;

    MomentSteps(String name) {
      this.builder = Moment.builder(name);
    }

    @Override
    public MomentBuildStep reachedOn(String eventType) {
      builder.reachedOn(eventType);
      return this;
    }

    @Override
    public MomentBuildStep reachedOn(String eventType, Predicate<Properties> properties) {
      builder.reachedOn(eventType, properties);
      return this;
    }

    @Override
    public MomentBuildStep reachedWhen(Condition condition) {
      builder.reachedWhen(condition);
      return this;
    }

    @Override
    public Moment build() {
      return builder.build();
    }
  }

  static final class PersonaSteps implements PersonaStep, PersonaBuildStep {
    private final Persona.Builder builder;

    PersonaSteps(String name) {
      this.builder = Persona.builder(name);
    }

    @Override
    public PersonaStep goals(String... goals) {
      builder.goals(goals);
      return this;
    }

    @Override
    public PersonaStep painPoints(String... painPoints) {
      builder.painPoints(painPoints);
      return this;
    }

    @Override
    public PersonaStep interests(String... interests) {
      builder.interests(interests);
      return this;
    }

    @Override
    public PersonaBuildStep matching(Condition condition) {
      builder.matching(condition);
      return this;
    }

    @Override
    public Persona build() {
      return builder.build();
    }
  }

  static final class SegmentSteps implements SegmentStep, SegmentBuildStep {
    private final String name;
    private Condition condition;
    private Duration review;

    SegmentSteps(String name) {
      // validates the name now, at the line that gave it
      Segment.of(name, c -> false);
      this.name = name;
    }

    @Override
    public SegmentBuildStep matching(Condition condition) {
      if (condition == null) {
        throw new IllegalArgumentException("segment '" + name
            + "': matching is null; give the condition its members meet");
      }
      this.condition = condition;
      return this;
    }

    @Override
    public SegmentBuildStep reviewedEvery(Duration period) {
      // validated now, at the line that gives it
      Segment.of(name, condition).reviewedEvery(period);
      this.review = period;
      return this;
    }

    @Override
    public Segment build() {
      Segment s = Segment.of(name, condition);
      return review == null ? s : s.reviewedEvery(review);
    }
  }

  /** One action builder seen through two stages. */
  static final class ActionSteps implements ActionStep {
    private final Action.Builder builder;
    private final Channels channels = new Channels();

    ActionSteps(String name) {
      this.builder = Action.builder(name);
    }

    @Override
    public ActionStep transactional() {
      builder.purpose(Purpose.TRANSACTIONAL);
      return this;
    }

    @Override
    public ActionStep purpose(Purpose purpose) {
      builder.purpose(purpose);
      return this;
    }

    @Override
    public ActionStep topic(String topic) {
      builder.topic(topic);
      return this;
    }

    @Override
    public ActionStep value(double value) {
      builder.value(value);
      return this;
    }

    @Override
    public ActionStep cooldown(Duration cooldown) {
      builder.cooldown(cooldown);
      return this;
    }

    @Override
    public ActionChannelStep via(Channel channel) {
      builder.via(channel);
      return channels;
    }

    final class Channels implements ActionChannelStep {
      @Override
      public ActionChannelStep orElse(Channel channel) {
        builder.via(channel);
        return this;
      }

      @Override
      public ActionChannelStep responseWindow(Duration window) {
        builder.responseWindow(window);
        return this;
      }

      @Override
      public ActionChannelStep transactional() {
        builder.purpose(Purpose.TRANSACTIONAL);
        return this;
      }

      @Override
      public ActionChannelStep purpose(Purpose purpose) {
        builder.purpose(purpose);
        return this;
      }

      @Override
      public ActionChannelStep topic(String topic) {
        builder.topic(topic);
        return this;
      }

      @Override
      public ActionChannelStep value(double value) {
        builder.value(value);
        return this;
      }

      @Override
      public ActionChannelStep cooldown(Duration cooldown) {
        builder.cooldown(cooldown);
        return this;
      }

      @Override
      public Action build() {
        return builder.build();
      }
    }
  }
}
