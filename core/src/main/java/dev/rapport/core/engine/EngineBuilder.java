package dev.rapport.core.engine;

import dev.rapport.core.Channel;
import dev.rapport.core.EngagementModel;
import dev.rapport.core.LifecycleModel;
import dev.rapport.core.Moment;
import dev.rapport.core.Persona;
import dev.rapport.core.Score;
import dev.rapport.core.Segment;
import dev.rapport.core.SendTimes;
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
  RefusalRetention refusalRetention;
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
  /** Set once an engine is built: the builder is single-use. */
  private boolean built;
  Revenue revenue;
  final List<Score> scores = new ArrayList<>();
  SendTimes sendTimes;

  @Override
  public Engine.Builder sendTimes(SendTimes model) {
    Checks.notBuilt("engine", "sendTimes(...)", built, "Engine.builder()");
    Checks.notNull("engine", "sendTimes", model);
    Checks.once("engine", "sendTimes", this.sendTimes != null);
    this.sendTimes = model;
    return this;
  }

  @Override
  public Engine.Builder revenue(Revenue revenue) {
    Checks.notBuilt("engine", "revenue(...)", built, "Engine.builder()");
    Checks.notNull("engine", "revenue", revenue);
    Checks.once("engine", "revenue", this.revenue != null);
    this.revenue = revenue;
    return this;
  }

  @Override
  public Engine.Builder scores(Score... more) {
    Checks.notBuilt("engine", "scores(...)", built, "Engine.builder()");
    return addAll(scores, "scores", more);
  }

  @Override
  public Engine.Builder failureListener(FailureListener listener) {
    Checks.notBuilt("engine", "failureListener(...)", built, "Engine.builder()");
    Checks.notNull("engine", "failureListener", listener);
    Checks.once("engine", "failureListener", this.failureListener != null);
    this.failureListener = listener;
    return this;
  }

  @Override
  public Engine.Builder limits(InputLimits limits) {
    Checks.notBuilt("engine", "limits(...)", built, "Engine.builder()");
    Checks.notNull("engine", "limits", limits);
    Checks.once("engine", "limits", this.limits != null);
    this.limits = limits;
    return this;
  }

  @Override
  public Engine.Builder clock(Clock clock) {
    Checks.notBuilt("engine", "clock(...)", built, "Engine.builder()");
    Checks.notNull("engine", "clock", clock);
    Checks.once("engine", "clock", this.clock != null);
    this.clock = clock;
    return this;
  }

  @Override
  public Engine.Builder personas(Persona... more) {
    Checks.notBuilt("engine", "personas(...)", built, "Engine.builder()");
    return addAll(personas, "personas", more);
  }

  @Override
  public Engine.Builder segments(Segment... more) {
    Checks.notBuilt("engine", "segments(...)", built, "Engine.builder()");
    return addAll(segments, "segments", more);
  }

  @Override
  public Engine.Builder moments(Moment... more) {
    Checks.notBuilt("engine", "moments(...)", built, "Engine.builder()");
    return addAll(moments, "moments", more);
  }

  @Override
  public Engine.Builder channels(Channel... more) {
    Checks.notBuilt("engine", "channels(...)", built, "Engine.builder()");
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
    Checks.notBuilt("engine", "stateStore(...)", built, "Engine.builder()");
    Checks.notNull("engine", "stateStore", store);
    Checks.once("engine", "stateStore", this.store != null);
    this.store = store;
    return this;
  }

  @Override
  public Engine.Builder historySize(int perType) {
    Checks.notBuilt("engine", "historySize(...)", built, "Engine.builder()");
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
    Checks.notBuilt("engine", "retention(...)", built, "Engine.builder()");
    Checks.positive("engine", "retention", retention);
    Checks.once("engine", "retention", this.retention != null);
    this.retention = retention;
    return this;
  }

  @Override
  public Engine.Builder refusalRetention(RefusalRetention retention) {
    Checks.notBuilt("engine", "refusalRetention(...)", built, "Engine.builder()");
    Checks.notNull("engine", "refusalRetention", retention);
    Checks.once("engine", "refusalRetention", this.refusalRetention != null);
    this.refusalRetention = retention;
    return this;
  }

  @Override
  public Engine.Builder journeys(Journey... more) {
    Checks.notBuilt("engine", "journeys(...)", built, "Engine.builder()");
    return addAll(journeys, "journeys", more);
  }

  @Override
  public Engine.Builder rules(RuleSet... more) {
    Checks.notBuilt("engine", "rules(...)", built, "Engine.builder()");
    return addAll(ruleSets, "rules", more);
  }

  @Override
  public Engine.Builder propensity(PropensityModel model) {
    Checks.notBuilt("engine", "propensity(...)", built, "Engine.builder()");
    Checks.notNull("engine", "propensity", model);
    Checks.once("engine", "propensity", this.propensity != null);
    this.propensity = model;
    return this;
  }

  @Override
  public Engine.Builder metrics(Metric... more) {
    Checks.notBuilt("engine", "metrics(...)", built, "Engine.builder()");
    return addAll(metrics, "metrics", more);
  }

  @Override
  public Engine.Builder northStar(Metric metric) {
    Checks.notBuilt("engine", "northStar(...)", built, "Engine.builder()");
    Checks.notNull("engine", "northStar", metric);
    Checks.once("engine", "northStar", northStar != null);
    this.northStar = metric;
    return this;
  }

  @Override
  public Engine.Builder guardrail(Guardrail guardrail) {
    Checks.notBuilt("engine", "guardrail(...)", built, "Engine.builder()");
    Checks.notNull("engine", "guardrail", guardrail);
    guardrails.add(guardrail);
    return this;
  }

  @Override
  public Engine.Builder guardrailListener(GuardrailListener listener) {
    Checks.notBuilt("engine", "guardrailListener(...)", built, "Engine.builder()");
    Checks.notNull("engine", "guardrailListener", listener);
    listeners.add(listener);
    return this;
  }

  @Override
  public Engine.Builder engagement(EngagementModel model) {
    Checks.notBuilt("engine", "engagement(...)", built, "Engine.builder()");
    Checks.notNull("engine", "engagement", model);
    Checks.once("engine", "engagement", engagement != null);
    this.engagement = model;
    return this;
  }

  @Override
  public Engine.Builder lifecycle(LifecycleModel model) {
    Checks.notBuilt("engine", "lifecycle(...)", built, "Engine.builder()");
    Checks.notNull("engine", "lifecycle", model);
    Checks.once("engine", "lifecycle", lifecycle != null);
    this.lifecycle = model;
    return this;
  }

  @Override
  public Engine.Builder name(String programName) {
    Checks.notBuilt("engine", "name(...)", built, "Engine.builder()");
    Checks.name("engine", programName);
    Checks.once("engine", "name", name != null);
    this.name = programName;
    return this;
  }

  @Override
  public Engine.Builder seed(long seed) {
    Checks.notBuilt("engine", "seed(...)", built, "Engine.builder()");
    this.seed = seed;
    return this;
  }

  @Override
  public Engine.Builder contactPolicy(ContactPolicy policy) {
    Checks.notBuilt("engine", "contactPolicy(...)", built, "Engine.builder()");
    Checks.notNull("engine", "contactPolicy", policy);
    Checks.once("engine", "contactPolicy", this.policy != null);
    this.policy = policy;
    return this;
  }

  @Override
  public Engine.Builder dispatcher(Dispatcher dispatcher) {
    Checks.notBuilt("engine", "dispatcher(...)", built, "Engine.builder()");
    Checks.notNull("engine", "dispatcher", dispatcher);
    Checks.once("engine", "dispatcher", this.dispatcher != null);
    this.dispatcher = dispatcher;
    return this;
  }

  @Override
  public Engine.Builder enrollmentHistory(int entries) {
    Checks.notBuilt("engine", "enrollmentHistory(...)", built, "Engine.builder()");
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
    Checks.notBuilt("engine", "strict(...)", built, "Engine.builder()");
    this.strict = strict;
    return this;
  }

  @Override
  public Engine build() {
    if (built) {
      throw new IllegalStateException("engine: build() was already called on this builder, "
          + "which built an engine; the builder is single-use: start another with "
          + "Engine.builder()");
    }
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
    built = true;
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
