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

/**
 * The stages of moments, personas, segments and actions: single-use handles on one core builder
 * each (see {@link Chain}).
 */
final class DefinitionSteps {
  private DefinitionSteps() {}

  static final class MomentSteps extends Stage<Moment.Builder, MomentSteps>
      implements MomentStep, MomentBuildStep {
    MomentSteps(String name) {
      super(new Chain<>("moment", name, "moment(name)", Moment.builder(name)));
    }

    private MomentSteps(Chain<Moment.Builder> chain, int turn) {
      super(chain, turn);
    }

    @Override
    MomentSteps at(int later) {
      return new MomentSteps(chain, later);
    }

    @Override
    public MomentBuildStep reachedOn(String eventType) {
      return go("reachedOn(\"" + eventType + "\")", b -> b.reachedOn(eventType));
    }

    @Override
    public MomentBuildStep reachedOn(String eventType, Predicate<Properties> properties) {
      return go("reachedOn(\"" + eventType + "\", properties)",
          b -> b.reachedOn(eventType, properties));
    }

    @Override
    public MomentBuildStep reachedWhen(Condition condition) {
      return go("reachedWhen(condition)", b -> b.reachedWhen(condition));
    }

    @Override
    public Moment build() {
      return build(Moment.Builder::build);
    }
  }

  static final class PersonaSteps extends Stage<Persona.Builder, PersonaSteps>
      implements PersonaStep, PersonaBuildStep {
    PersonaSteps(String name) {
      super(new Chain<>("persona", name, "persona(name)", Persona.builder(name)));
    }

    private PersonaSteps(Chain<Persona.Builder> chain, int turn) {
      super(chain, turn);
    }

    @Override
    PersonaSteps at(int later) {
      return new PersonaSteps(chain, later);
    }

    @Override
    public PersonaStep goals(String... goals) {
      return go("goals(...)", b -> b.goals(goals));
    }

    @Override
    public PersonaStep painPoints(String... painPoints) {
      return go("painPoints(...)", b -> b.painPoints(painPoints));
    }

    @Override
    public PersonaStep interests(String... interests) {
      return go("interests(...)", b -> b.interests(interests));
    }

    @Override
    public PersonaBuildStep matching(Condition condition) {
      return go("matching(condition)", b -> b.matching(condition));
    }

    @Override
    public Persona build() {
      return build(Persona.Builder::build);
    }
  }

  static final class SegmentSteps extends Stage<Segment.Builder, SegmentSteps>
      implements SegmentStep, SegmentBuildStep {
    SegmentSteps(String name) {
      super(new Chain<>("segment", name, "segment(name)", Segment.builder(name)));
    }

    private SegmentSteps(Chain<Segment.Builder> chain, int turn) {
      super(chain, turn);
    }

    @Override
    SegmentSteps at(int later) {
      return new SegmentSteps(chain, later);
    }

    @Override
    public SegmentBuildStep matching(Condition condition) {
      return go("matching(condition)", b -> b.matching(condition));
    }

    @Override
    public SegmentBuildStep reviewedEvery(Duration period) {
      return go("reviewedEvery(" + period + ")", b -> b.reviewedEvery(period));
    }

    @Override
    public Segment build() {
      return build(Segment.Builder::build);
    }
  }

  /**
   * An action's options, offered before and after its first channel.
   *
   * @param <S> the stage each option returns
   */
  private abstract static class Options<S> extends Stage<Action.Builder, S>
      implements ActionOptions<S> {
    Options(Chain<Action.Builder> chain, int turn) {
      super(chain, turn);
    }

    @Override
    public S transactional() {
      return go("transactional()", b -> b.purpose(Purpose.TRANSACTIONAL));
    }

    @Override
    public S purpose(Purpose purpose) {
      return go("purpose(" + purpose + ")", b -> b.purpose(purpose));
    }

    @Override
    public S topic(String topic) {
      return go("topic(\"" + topic + "\")", b -> b.topic(topic));
    }

    @Override
    public S value(double value) {
      return go("value(" + value + ")", b -> b.value(value));
    }

    @Override
    public S cooldown(Duration cooldown) {
      return go("cooldown(" + cooldown + ")", b -> b.cooldown(cooldown));
    }

    @Override
    public S holdout(double fraction) {
      return go("holdout(" + fraction + ")", b -> b.holdout(fraction));
    }
  }

  /** An action before its first channel: its options, then {@code via}. */
  static final class ActionSteps extends Options<ActionStep> implements ActionStep {
    ActionSteps(String name) {
      this(new Chain<>("action", name, "action(name)", Action.builder(name)), 0);
    }

    private ActionSteps(Chain<Action.Builder> chain, int turn) {
      super(chain, turn);
    }

    @Override
    ActionStep at(int later) {
      return new ActionSteps(chain, later);
    }

    @Override
    public ActionChannelStep via(Channel channel) {
      return new Channels(chain, chain.go(turn, "via(" + channel + ")", b -> b.via(channel)));
    }
  }

  /** An action with a channel: fallbacks, options, and {@code build()}. */
  static final class Channels extends Options<ActionChannelStep> implements ActionChannelStep {
    private Channels(Chain<Action.Builder> chain, int turn) {
      super(chain, turn);
    }

    @Override
    ActionChannelStep at(int later) {
      return new Channels(chain, later);
    }

    @Override
    public ActionChannelStep orElse(Channel channel) {
      return go("orElse(" + channel + ")", b -> b.via(channel));
    }

    @Override
    public ActionChannelStep responseWindow(Duration window) {
      return go("responseWindow(" + window + ")", b -> b.responseWindow(window));
    }

    @Override
    public Action build() {
      return build(Action.Builder::build);
    }
  }
}
