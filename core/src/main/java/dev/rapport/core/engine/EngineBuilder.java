package dev.rapport.core.engine;

import dev.rapport.core.Channel;
import dev.rapport.core.EngagementModel;
import dev.rapport.core.LifecycleModel;
import dev.rapport.core.Moment;
import dev.rapport.core.Persona;
import dev.rapport.core.Score;
import dev.rapport.core.Segment;
import dev.rapport.core.decision.PropensityModel;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.internal.Checks;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.measure.Guardrail;
import dev.rapport.core.measure.GuardrailListener;
import dev.rapport.core.measure.Metric;
import dev.rapport.core.measure.Revenue;
import dev.rapport.core.policy.ContactPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The engine's builder: collects the definitions, checks each setting as it is given (a bad
 * value, a repeated setting), and builds the engine, which checks them together.
 */
final class EngineBuilder implements Engine.Builder {

  Clock clock;
  StateStore store;
  final List<Persona> personas = new ArrayList<>();
  final List<Segment> segments = new ArrayList<>();
  final List<Moment> moments = new ArrayList<>();
  final List<Channel> channels = new ArrayList<>();
  Integer historySize;
  Duration retention;
  boolean strict;
  final List<Journey> journeys = new ArrayList<>();
  final List<RuleSet> ruleSets = new ArrayList<>();
  PropensityModel propensity;
  long seed;
  final List<Metric> metrics = new ArrayList<>();
  final List<Guardrail> guardrails = new ArrayList<>();
  final List<GuardrailListener> listeners = new ArrayList<>();
  Metric northStar;
  EngagementModel engagement;
  LifecycleModel lifecycle;
  String name;
  ContactPolicy policy;
  Dispatcher dispatcher;
  Integer enrollmentHistory;
  FailureListener failureListener;
  InputLimits limits;
  Revenue revenue;
  final List<Score> scores = new ArrayList<>();

  @Override
  public Engine.Builder revenue(Revenue revenue) {
    Checks.notNull("engine", "revenue", revenue);
    Checks.once("engine", "revenue", this.revenue != null);
    this.revenue = revenue;
    return this;
  }

  @Override
  public Engine.Builder scores(Score... more) {
    return addAll(scores, "scores", more);
  }

  @Override
  public Engine.Builder failureListener(FailureListener listener) {
    Checks.notNull("engine", "failureListener", listener);
    Checks.once("engine", "failureListener", this.failureListener != null);
    this.failureListener = listener;
    return this;
  }

  @Override
  public Engine.Builder limits(InputLimits limits) {
    Checks.notNull("engine", "limits", limits);
    Checks.once("engine", "limits", this.limits != null);
    this.limits = limits;
    return this;
  }

  @Override
  public Engine.Builder clock(Clock clock) {
    Checks.notNull("engine", "clock", clock);
    Checks.once("engine", "clock", this.clock != null);
    this.clock = clock;
    return this;
  }

  @Override
  public Engine.Builder personas(Persona... more) {
    return addAll(personas, "personas", more);
  }

  @Override
  public Engine.Builder segments(Segment... more) {
    return addAll(segments, "segments", more);
  }

  @Override
  public Engine.Builder moments(Moment... more) {
    return addAll(moments, "moments", more);
  }

  @Override
  public Engine.Builder channels(Channel... more) {
    return addAll(channels, "channels", more);
  }

  @SafeVarargs
  private <T> Engine.Builder addAll(List<T> into, String field, T... more) {
    for (T t : more) {
      Checks.notNull("engine", field + " entry", t);
      into.add(t);
    }
    return this;
  }

  @Override
  public Engine.Builder stateStore(StateStore store) {
    Checks.notNull("engine", "stateStore", store);
    Checks.once("engine", "stateStore", this.store != null);
    this.store = store;
    return this;
  }

  @Override
  public Engine.Builder historySize(int perType) {
    if (perType < 0) {
      throw new IllegalArgumentException("engine: historySize is " + perType
          + "; give zero or more events per type");
    }
    Checks.once("engine", "historySize", historySize != null);
    this.historySize = perType;
    return this;
  }

  @Override
  public Engine.Builder retention(Duration retention) {
    Checks.positive("engine", "retention", retention);
    Checks.once("engine", "retention", this.retention != null);
    this.retention = retention;
    return this;
  }

  @Override
  public Engine.Builder journeys(Journey... more) {
    return addAll(journeys, "journeys", more);
  }

  @Override
  public Engine.Builder rules(RuleSet... more) {
    return addAll(ruleSets, "rules", more);
  }

  @Override
  public Engine.Builder propensity(PropensityModel model) {
    Checks.notNull("engine", "propensity", model);
    Checks.once("engine", "propensity", this.propensity != null);
    this.propensity = model;
    return this;
  }

  @Override
  public Engine.Builder metrics(Metric... more) {
    return addAll(metrics, "metrics", more);
  }

  @Override
  public Engine.Builder northStar(Metric metric) {
    Checks.notNull("engine", "northStar", metric);
    Checks.once("engine", "northStar", northStar != null);
    this.northStar = metric;
    return this;
  }

  @Override
  public Engine.Builder guardrail(Guardrail guardrail) {
    Checks.notNull("engine", "guardrail", guardrail);
    guardrails.add(guardrail);
    return this;
  }

  @Override
  public Engine.Builder guardrailListener(GuardrailListener listener) {
    Checks.notNull("engine", "guardrailListener", listener);
    listeners.add(listener);
    return this;
  }

  @Override
  public Engine.Builder engagement(EngagementModel model) {
    Checks.notNull("engine", "engagement", model);
    Checks.once("engine", "engagement", engagement != null);
    this.engagement = model;
    return this;
  }

  @Override
  public Engine.Builder lifecycle(LifecycleModel model) {
    Checks.notNull("engine", "lifecycle", model);
    Checks.once("engine", "lifecycle", lifecycle != null);
    this.lifecycle = model;
    return this;
  }

  @Override
  public Engine.Builder name(String programName) {
    Checks.name("engine", programName);
    Checks.once("engine", "name", name != null);
    this.name = programName;
    return this;
  }

  @Override
  public Engine.Builder seed(long seed) {
    this.seed = seed;
    return this;
  }

  @Override
  public Engine.Builder contactPolicy(ContactPolicy policy) {
    Checks.notNull("engine", "contactPolicy", policy);
    Checks.once("engine", "contactPolicy", this.policy != null);
    this.policy = policy;
    return this;
  }

  @Override
  public Engine.Builder dispatcher(Dispatcher dispatcher) {
    Checks.notNull("engine", "dispatcher", dispatcher);
    Checks.once("engine", "dispatcher", this.dispatcher != null);
    this.dispatcher = dispatcher;
    return this;
  }

  @Override
  public Engine.Builder enrollmentHistory(int entries) {
    if (entries < 0) {
      throw new IllegalArgumentException("engine: enrollmentHistory is " + entries
          + "; give zero or more entries");
    }
    Checks.once("engine", "enrollmentHistory", enrollmentHistory != null);
    this.enrollmentHistory = entries;
    return this;
  }

  @Override
  public Engine.Builder strict(boolean strict) {
    this.strict = strict;
    return this;
  }

  @Override
  public Engine build() {
    unique("persona", personas, Persona::name);
    unique("segment", segments, Segment::name);
    unique("moment", moments, Moment::name);
    Set<String> versions = new HashSet<>();
    for (Journey j : journeys) {
      if (!versions.add(j.name() + " v" + j.version())) {
        throw new IllegalStateException("engine: journey '" + j.name() + "' version "
            + j.version() + " is declared twice; give each definition its own version");
      }
    }
    DefaultEngine engine = new DefaultEngine(this);
    engine.recoverOutbox();
    return engine;
  }

  private static <T> void unique(String kind, List<T> defs, Function<T, String> name) {
    Set<String> seen = new HashSet<>();
    for (T d : defs) {
      if (!seen.add(name.apply(d))) {
        throw new IllegalStateException("engine: " + kind + " '" + name.apply(d)
            + "' is declared twice; give each " + kind + " a unique name");
      }
    }
  }

}
