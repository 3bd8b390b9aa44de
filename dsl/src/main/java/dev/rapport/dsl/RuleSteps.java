package dev.rapport.dsl;

import dev.rapport.core.Action;
import dev.rapport.core.Condition;
import dev.rapport.core.Moment;
import dev.rapport.core.Persona;
import dev.rapport.core.Properties;
import dev.rapport.core.Segment;
import dev.rapport.core.decision.Requirement;
import dev.rapport.core.decision.Rule;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.decision.Suitability;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** The rule-set stages, over the core {@link Rule.Builder} and {@link RuleSet}. */
final class RuleSteps implements RuleOptionsStep, RuleStep, BecauseStep {
  private final String name;
  private final List<Rule.Builder> rules = new ArrayList<>();
  private final Set<String> ruleNames = new HashSet<>();
  private final List<Suitability> suitability = new ArrayList<>();
  private Rule.Builder current;

  RuleSteps(String name) {
    this.name = RuleSet.builder(name).name();
  }

  @Override
  public RuleStep rule(String ruleName) {
    Rule.Builder b = Rule.builder(ruleName);
    if (!ruleNames.add(ruleName)) {
      throw new IllegalStateException("rule set '" + name + "': rule '" + ruleName
          + "' is declared twice; give each rule a unique name");
    }
    rules.add(b);
    current = b;
    return this;
  }

  @Override
  public RuleStep when(Condition condition) {
    current.when(condition);
    return this;
  }

  @Override
  public RuleStep whenDone(String eventType) {
    current.requires(Requirement.of(Requirement.Kind.EVENT, eventType));
    return this;
  }

  @Override
  public RuleStep whenDone(String eventType, Predicate<Properties> properties) {
    if (properties == null) {
      throw new IllegalArgumentException("rule set '" + name + "': whenDone(\"" + eventType
          + "\", properties): properties is null; give a condition on the event's properties");
    }
    current.requires(Requirement.of(Requirement.Kind.EVENT, eventType));
    current.when(c -> c.hasDone(eventType, properties));
    return this;
  }

  @Override
  public RuleStep whenIn(Segment segment) {
    notNull("whenIn", segment);
    current.requires(Requirement.of(Requirement.Kind.SEGMENT, segment.name()));
    return this;
  }

  @Override
  public RuleStep whenIs(Persona persona) {
    notNull("whenIs", persona);
    current.requires(Requirement.of(Requirement.Kind.PERSONA, persona.name()));
    return this;
  }

  @Override
  public RuleStep whenReached(Moment moment) {
    notNull("whenReached", moment);
    current.requires(Requirement.of(Requirement.Kind.MOMENT, moment.name()));
    return this;
  }

  private void notNull(String field, Object value) {
    if (value == null) {
      throw new IllegalArgumentException("rule set '" + name + "': " + field
          + " is null; give a value");
    }
  }

  @Override
  public RuleStep unless(Condition condition) {
    current.unless(condition);
    return this;
  }

  @Override
  public BecauseStep recommend(Action action) {
    current.recommend(action);
    return this;
  }

  @Override
  public RuleOptionsStep because(String reason) {
    current.because(reason);
    return this;
  }

  @Override
  public RuleOptionsStep weight(double weight) {
    current.weight(weight);
    return this;
  }

  @Override
  public RuleOptionsStep value(double value) {
    current.value(value);
    return this;
  }

  @Override
  public RuleOptionsStep lever(double lever) {
    current.lever(lever);
    return this;
  }

  @Override
  public SuitabilityStep never(Action action) {
    return new Target(Suitability.never(action));
  }

  @Override
  public SuitabilityStep neverTopic(String topic) {
    return new Target(Suitability.neverTopic(topic));
  }

  @Override
  public RuleSet build() {
    List<Rule> built = new ArrayList<>(rules.size());
    for (Rule.Builder b : rules) {
      built.add(b.build());
    }
    return RuleSet.of(name, built, suitability);
  }

  private final class Target implements SuitabilityStep, SuitabilityWindowStep {
    private final Suitability.Target target;
    private Suitability.Window window;

    Target(Suitability.Target target) {
      this.target = target;
    }

    @Override
    public SuitabilityWindowStep within(Duration w) {
      this.window = target.within(w);
      return this;
    }

    @Override
    public RuleSetStep when(String description, Condition condition) {
      suitability.add(target.when(description, condition));
      return RuleSteps.this;
    }

    @Override
    public RuleSetStep after(String eventType) {
      suitability.add(window.after(eventType));
      return RuleSteps.this;
    }
  }
}
