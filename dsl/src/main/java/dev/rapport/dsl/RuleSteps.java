package dev.rapport.dsl;

import dev.rapport.core.Action;
import dev.rapport.core.Condition;
import dev.rapport.core.Moment;
import dev.rapport.core.Persona;
import dev.rapport.core.Properties;
import dev.rapport.core.Segment;
import dev.rapport.core.decision.Rule;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.decision.Suitability;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The rule-set stages: single-use handles on one core {@link RuleSet.Builder} and the {@link
 * Rule.Builder} of the rule being written (see {@link Chain}).
 */
final class RuleSteps extends Stage<RuleSteps.Draft, RuleSteps>
    implements RuleOptionsStep, RuleStep, BecauseStep {
  /** The rule set's builder, and the builder of the rule being written. */
  static final class Draft {
    private final RuleSet.Builder set;
    private Rule.Builder rule;

    Draft(String name) {
      this.set = RuleSet.builder(name);
    }
  }

  RuleSteps(String name) {
    super(new Chain<>("rule set", name, "rules(name)", new Draft(name)));
  }

  private RuleSteps(Chain<Draft> chain, int turn) {
    super(chain, turn);
  }

  @Override
  RuleSteps at(int later) {
    return new RuleSteps(chain, later);
  }

  /** Writes a call on the builder of the rule being written. */
  private RuleSteps onRule(String call, Consumer<Rule.Builder> write) {
    return go(call, d -> write.accept(d.rule));
  }

  @Override
  public RuleStep rule(String ruleName) {
    return go("rule(\"" + ruleName + "\")", d -> d.rule = d.set.rule(ruleName));
  }

  @Override
  public RuleStep when(Condition condition) {
    return onRule("when(condition)", r -> r.when(condition));
  }

  @Override
  public RuleStep whenDone(String eventType) {
    return onRule("whenDone(\"" + eventType + "\")", r -> r.whenDone(eventType));
  }

  @Override
  public RuleStep whenDone(String eventType, Predicate<Properties> properties) {
    return onRule("whenDone(\"" + eventType + "\", properties)",
        r -> r.whenDone(eventType, properties));
  }

  @Override
  public RuleStep whenIn(Segment segment) {
    return onRule("whenIn(segment)", r -> r.whenIn(segment));
  }

  @Override
  public RuleStep whenIs(Persona persona) {
    return onRule("whenIs(persona)", r -> r.whenIs(persona));
  }

  @Override
  public RuleStep whenReached(Moment moment) {
    return onRule("whenReached(moment)", r -> r.whenReached(moment));
  }

  @Override
  public RuleStep unless(Condition condition) {
    return onRule("unless(condition)", r -> r.unless(condition));
  }

  @Override
  public BecauseStep recommend(Action action) {
    return onRule("recommend(action)", r -> r.recommend(action));
  }

  @Override
  public RuleOptionsStep because(String reason) {
    return onRule("because(\"" + reason + "\")", r -> r.because(reason));
  }

  @Override
  public RuleOptionsStep weight(double weight) {
    return onRule("weight(" + weight + ")", r -> r.weight(weight));
  }

  @Override
  public RuleOptionsStep value(double value) {
    return onRule("value(" + value + ")", r -> r.value(value));
  }

  @Override
  public RuleOptionsStep lever(double lever) {
    return onRule("lever(" + lever + ")", r -> r.lever(lever));
  }

  @Override
  public SuitabilityStep never(Action action) {
    return target("never(action)", Suitability.never(action));
  }

  @Override
  public SuitabilityStep neverTopic(String topic) {
    return target("neverTopic(\"" + topic + "\")", Suitability.neverTopic(topic));
  }

  /** Starts a suitability rule on what it targets (checked before the chain moves on). */
  private SuitabilityStep target(String call, Suitability.Target target) {
    return new Target(chain, chain.go(turn, call, d -> { }), target, null);
  }

  @Override
  public RuleSet build() {
    return build(d -> d.set.build());
  }

  /** A suitability rule being written, handed to the rule set's builder once complete. */
  private static final class Target extends Stage<Draft, Target>
      implements SuitabilityStep, SuitabilityWindowStep {
    private final Suitability.Target target;
    private final Suitability.Window window;

    Target(Chain<Draft> chain, int turn, Suitability.Target target, Suitability.Window window) {
      super(chain, turn);
      this.target = target;
      this.window = window;
    }

    @Override
    Target at(int later) {
      return new Target(chain, later, target, window);
    }

    @Override
    public SuitabilityWindowStep within(Duration w) {
      Suitability.Window bounded = target.within(w);
      return new Target(chain, chain.go(turn, "within(" + w + ")", d -> { }), target, bounded);
    }

    @Override
    public RuleSetStep when(String description, Condition condition) {
      return complete("when(\"" + description + "\", condition)",
          () -> target.when(description, condition));
    }

    @Override
    public RuleSetStep after(String eventType) {
      return complete("after(\"" + eventType + "\")", () -> window.after(eventType));
    }

    private RuleSetStep complete(String call, Supplier<Suitability> rule) {
      return new RuleSteps(chain, chain.go(turn, call, d -> d.set.suitability(rule.get())));
    }
  }
}
