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
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The stages of moments, personas, segments and actions: single-use handles on one core builder
 * each (see {@link Chain}).
 */
final class DefinitionSteps {
  private DefinitionSteps() {}

  static final class MomentSteps implements MomentStep, MomentBuildStep {
    private final Chain<Moment.Builder> chain;
    private final int turn;

    MomentSteps(String name) {
      Moment.Builder builder = Moment.builder(name);
      this.chain = new Chain<>("moment '" + name + "'", "moment", "moment(name)", builder);
      this.turn = chain.first();
    }

    private MomentSteps(Chain<Moment.Builder> chain, int turn) {
      this.chain = chain;
      this.turn = turn;
    }

    private MomentSteps go(String call, Consumer<Moment.Builder> write) {
      return new MomentSteps(chain, chain.go(turn, call, write));
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
      return chain.build(turn, Moment.Builder::build);
    }
  }

  static final class PersonaSteps implements PersonaStep, PersonaBuildStep {
    private final Chain<Persona.Builder> chain;
    private final int turn;

    PersonaSteps(String name) {
      Persona.Builder builder = Persona.builder(name);
      this.chain = new Chain<>("persona '" + name + "'", "persona", "persona(name)", builder);
      this.turn = chain.first();
    }

    private PersonaSteps(Chain<Persona.Builder> chain, int turn) {
      this.chain = chain;
      this.turn = turn;
    }

    private PersonaSteps go(String call, Consumer<Persona.Builder> write) {
      return new PersonaSteps(chain, chain.go(turn, call, write));
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
      return chain.build(turn, Persona.Builder::build);
    }
  }

  static final class SegmentSteps implements SegmentStep, SegmentBuildStep {
    private final Chain<Segment.Builder> chain;
    private final int turn;

    SegmentSteps(String name) {
      Segment.Builder builder = Segment.builder(name);
      this.chain = new Chain<>("segment '" + name + "'", "segment", "segment(name)", builder);
      this.turn = chain.first();
    }

    private SegmentSteps(Chain<Segment.Builder> chain, int turn) {
      this.chain = chain;
      this.turn = turn;
    }

    private SegmentSteps go(String call, Consumer<Segment.Builder> write) {
      return new SegmentSteps(chain, chain.go(turn, call, write));
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
      return chain.build(turn, Segment.Builder::build);
    }
  }

  /**
   * An action's options, offered before and after its first channel.
   *
   * @param <S> the stage each option returns
   */
  private abstract static class Options<S> implements ActionOptions<S> {
    final Chain<Action.Builder> chain;
    final int turn;

    Options(Chain<Action.Builder> chain, int turn) {
      this.chain = chain;
      this.turn = turn;
    }

    /** Writes a call on the builder and returns the stage it makes. */
    abstract S go(String call, Consumer<Action.Builder> write);

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
  }

  /** An action before its first channel: its options, then {@code via}. */
  static final class ActionSteps extends Options<ActionStep> implements ActionStep {
    ActionSteps(String name) {
      this(start(name));
    }

    private ActionSteps(Chain<Action.Builder> chain) {
      super(chain, chain.first());
    }

    private ActionSteps(Chain<Action.Builder> chain, int turn) {
      super(chain, turn);
    }

    private static Chain<Action.Builder> start(String name) {
      Action.Builder builder = Action.builder(name);
      return new Chain<>("action '" + name + "'", "action", "action(name)", builder);
    }

    @Override
    ActionStep go(String call, Consumer<Action.Builder> write) {
      return new ActionSteps(chain, chain.go(turn, call, write));
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
    ActionChannelStep go(String call, Consumer<Action.Builder> write) {
      return new Channels(chain, chain.go(turn, call, write));
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
      return chain.build(turn, Action.Builder::build);
    }
  }
}
