package dev.rapport.core.engine;

import dev.rapport.core.internal.Checks;
import dev.rapport.core.Channel;
import dev.rapport.core.Condition;
import dev.rapport.core.Consent;
import dev.rapport.core.ConsentStatus;
import dev.rapport.core.Customer;
import dev.rapport.core.CustomerId;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Moment;
import dev.rapport.core.Persona;
import dev.rapport.core.Profile;
import dev.rapport.core.Purpose;
import dev.rapport.core.Segment;
import dev.rapport.core.Traits;
import dev.rapport.core.Action;
import dev.rapport.core.Properties;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.Placement;
import dev.rapport.core.decision.PropensityModel;
import dev.rapport.core.decision.Recommendation;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.EngagementLevel;
import dev.rapport.core.EngagementModel;
import dev.rapport.core.LifecycleModel;
import dev.rapport.core.LifecycleStage;
import dev.rapport.core.measure.Dashboard;
import dev.rapport.core.measure.ExperimentResult;
import dev.rapport.core.measure.Guardrail;
import dev.rapport.core.measure.GuardrailHistory;
import dev.rapport.core.measure.GuardrailListener;
import dev.rapport.core.measure.Breakdown;
import dev.rapport.core.measure.GuardrailState;
import dev.rapport.core.measure.Metric;
import dev.rapport.core.measure.MetricValue;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Dispatcher;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.EngineStatistics;
import dev.rapport.core.engine.Explanation;
import dev.rapport.core.engine.Failure;
import dev.rapport.core.engine.FailureListener;
import dev.rapport.core.engine.InputLimits;
import dev.rapport.core.engine.StateStore;
import dev.rapport.core.journey.Goal;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.JourneyStats;
import dev.rapport.core.journey.Trigger;
import dev.rapport.core.policy.ContactPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine.
 *
 * <p>Design note. Every call that changes a customer is a pure function from the customer's
 * stored state to a new state, run under that customer's lock stripe and written back with an
 * optimistic version check. Nothing is written until the whole call succeeded, which is what
 * makes a failing call leave the customer as it was; the version check is what lets a store be
 * shared by several engines. Locks are striped by customer, so different customers proceed in
 * parallel and there is no global lock on the hot path.
 *
 * <p>An event is processed as a small work queue: the host's event first, then every event the
 * engine emits because of it (a moment reached, a segment entered), each recorded in the
 * customer's history like any other event and able to reach further moments. The queue is
 * bounded, so definitions that flap (a segment whose condition depends on its own events) cannot
 * loop forever.
 */
final class DefaultEngine implements Engine {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  private static final int MAX_EMITTED_PER_CALL = 256;
  private static final int MAX_CONFLICT_RETRIES = 1_000;

  private final Clock clock;
  private final StateStore store;
  private final List<Persona> personas;
  private final List<Segment> segments;
  private final List<Moment> eventMoments;
  private final List<Moment> conditionMoments;
  private final Set<Channel> channels;
  private final int historySize;
  private final Duration retention;
  private final boolean strict;
  private final Names names;
  private final RecordCodec codec;
  /** One journal per thread, reused by every call the thread makes (calls never nest). */
  private static final ThreadLocal<Journal> JOURNALS = ThreadLocal.withInitial(Journal::new);
  private final ContactPolicy policy;
  private final Dispatcher dispatcher;
  private final JourneyRuntime journeys;
  private final Arbiter arbiter;
  private final MetricsRuntime metrics;
  private final EngagementModel engagementModel;
  private final LifecycleModel lifecycleModel;
  private final Optional<Metric> northStar;
  /** The shortest review period of the segments that ask for one, or null. */
  private final Duration segmentReview;
  private final String name;
  private final List<Moment> momentList;
  private final List<RuleSet> ruleSets;
  private final AtomicReference<Instant> advancedTo = new AtomicReference<>(Instant.MIN);
  private final Set<String> momentNames;
  private final Set<String> segmentNames;

  private final LongAdder tracked = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder emitted = new LongAdder();
  private final LongAdder identifies = new LongAdder();
  private final LongAdder conditionFailures = new LongAdder();
  private final LongAdder conflictRetries = new LongAdder();
  private final LongAdder dispatches = new LongAdder();
  private final LongAdder dispatchFailures = new LongAdder();
  private final LongAdder timersFired = new LongAdder();
  private final LongAdder decisions = new LongAdder();
  private final LongAdder ruleFailures = new LongAdder();
  private final LongAdder listenerFailures = new LongAdder();
  private final LongAdder modelFailures = new LongAdder();
  private final LongAdder redelivered = new LongAdder();
  private final Inputs inputs;
  private final FailureListener failureListener;
  private final boolean hasDispatcher;

  private DefaultEngine(EngineBuilder b) {
    this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
    this.store = b.store == null ? new InMemoryStateStore() : b.store;
    this.personas = List.copyOf(b.personas);
    this.segments = List.copyOf(b.segments);
    List<Moment> byEvent = new ArrayList<>();
    List<Moment> byCondition = new ArrayList<>();
    for (Moment m : b.moments) {
      (m.eventType().isPresent() ? byEvent : byCondition).add(m);
    }
    this.eventMoments = List.copyOf(byEvent);
    this.conditionMoments = List.copyOf(byCondition);
    List<Channel> channelList = new ArrayList<>(Channel.standard());
    for (Channel c : b.channels) {
      if (!channelList.contains(c)) {
        channelList.add(c);
      }
    }
    this.channels = Set.copyOf(channelList);
    InputLimits limits = b.limits == null ? InputLimits.ofDefaults() : b.limits;
    this.names = new Names(channelList, b.moments.stream().map(Moment::name).toList(),
        b.personas.stream().map(Persona::name).toList(),
        b.segments.stream().map(Segment::name).toList(), limits.maxEventTypes());
    this.inputs = new Inputs(limits, channels, names);
    this.codec = new RecordCodec(names);
    this.historySize = b.historySize == null ? 32 : b.historySize;
    this.retention = b.retention == null ? Duration.ofDays(400) : b.retention;
    this.strict = b.strict;
    this.policy = b.policy == null ? ContactPolicy.ofDefaults() : b.policy;
    this.hasDispatcher = b.dispatcher != null;
    this.dispatcher = b.dispatcher == null ? Dispatcher.discarding() : b.dispatcher;
    this.failureListener = b.failureListener;
    this.momentNames = new HashSet<>();
    b.moments.forEach(m -> momentNames.add(m.name()));
    this.segmentNames = new HashSet<>();
    b.segments.forEach(sg -> segmentNames.add(sg.name()));
    for (Channel c : policy.channelsNamed()) {
      inputs.known(c, "contact policy");
    }
    Map<String, Action> actionNames = new HashMap<>();
    for (Journey j : b.journeys) {
      for (Action a : j.actions().values()) {
        uniqueAction(actionNames, a, "journey '" + j.name() + "'");
      }
    }
    for (RuleSet rs : b.ruleSets) {
      for (Action a : rs.actions().values()) {
        uniqueAction(actionNames, a, "rule set '" + rs.name() + "'");
      }
    }
    this.actionOwners = actionNames;
    Duration longestCooldown = Duration.ZERO;
    for (Journey j : b.journeys) {
      checkJourney(j);
      for (Action a : j.actions().values()) {
        if (a.cooldown().isPresent() && a.cooldown().get().compareTo(longestCooldown) > 0) {
          longestCooldown = a.cooldown().get();
        }
      }
    }
    Map<String, Action> ruleActions = new LinkedHashMap<>();
    Set<String> ruleSetNames = new HashSet<>();
    for (RuleSet rs : b.ruleSets) {
      if (!ruleSetNames.add(rs.name())) {
        throw new IllegalStateException("engine: rule set '" + rs.name()
            + "' is declared twice; give each rule set a unique name");
      }
      for (Action a : rs.actions().values()) {
        checkActionChannels("rule set '" + rs.name() + "'", a);
        ruleActions.putIfAbsent(a.name(), a);
        if (a.cooldown().isPresent() && a.cooldown().get().compareTo(longestCooldown) > 0) {
          longestCooldown = a.cooldown().get();
        }
      }
    }
    this.ruleSets = List.copyOf(b.ruleSets);
    this.name = b.name == null ? "Rapport" : b.name;
    Duration shortest = null;
    for (Segment sg : b.segments) {
      if (sg.review().isPresent()
          && (shortest == null || sg.review().get().compareTo(shortest) < 0)) {
        shortest = sg.review().get();
      }
    }
    this.segmentReview = shortest;
    this.momentList = List.copyOf(b.moments);
    this.engagementModel = b.engagement == null ? EngagementModel.ofDefaults() : b.engagement;
    this.lifecycleModel = b.lifecycle == null ? LifecycleModel.ofDefaults(Optional.empty())
        : b.lifecycle;
    this.northStar = Optional.ofNullable(b.northStar);
    Map<String, Metric> allMetrics = new LinkedHashMap<>();
    for (Metric m : b.metrics) {
      if (allMetrics.put(m.name(), m) != null) {
        throw new IllegalStateException("engine: metric '" + m.name()
            + "' is declared twice; give each metric a unique name");
      }
    }
    if (b.northStar != null) {
      allMetrics.putIfAbsent(b.northStar.name(), b.northStar);
    }
    for (Guardrail g : b.guardrails) {
      allMetrics.putIfAbsent(g.metric().name(), g.metric());
    }
    this.metrics = new MetricsRuntime(new ArrayList<>(allMetrics.values()), b.guardrails,
        b.listeners, momentList.stream().map(Moment::name).toList(), store, names,
        northStar.map(Metric::name));
    this.arbiter = new Arbiter(metrics::pause, policy,
        b.propensity == null ? PropensityModel.fixed(0.5) : b.propensity, store, b.seed,
        strict, ruleSets);
    Duration attribution = Duration.ZERO;
    for (Metric m : allMetrics.values()) {
      if (m.breakdowns().contains(Breakdown.JOURNEY) || m.breakdowns().contains(Breakdown.ACTION)
          || m.breakdowns().contains(Breakdown.CHANNEL)) {
        // outcomes are attributed through the contacts: keep them as long as such a window
        Duration w = m.window().orElse(Duration.ofDays(90));
        attribution = w.compareTo(attribution) > 0 ? w : attribution;
      }
    }
    if (!hasDispatcher && !b.journeys.isEmpty()) {
      throw new IllegalStateException("engine: it has journeys but no dispatcher, so every "
          + "message they send would be lost; give one with Engine.builder().dispatcher(...), "
          + "or Engine.builder().dispatcher(Dispatcher.discarding()) to drop them on purpose");
    }
    this.journeys = new JourneyRuntime(new Host(), policy,
        b.enrollmentHistory == null ? 32 : b.enrollmentHistory, b.journeys, longestCooldown,
        attribution, ruleActions, store);
  }

  /**
   * Hands over again what the store's outbox holds undelivered: dispatches committed before a
   * crash and not marked delivered since. Run once, when the engine is built.
   */
  private int recoverOutbox() {
    int handed = 0;
    for (List<Dispatch> batch = store.undelivered(DispatchCodec.INSTANCE, 256);
        !batch.isEmpty(); batch = store.undelivered(DispatchCodec.INSTANCE, 256)) {
      for (Dispatch d : batch) {
        deliver(d, now());
        handed++;
      }
    }
    if (handed > 0) {
      redelivered.add(handed);
      LOG.warn("handed over {} dispatches that the state store's outbox held undelivered (a "
          + "previous engine stopped between a commit and its hand-over); their ids are the "
          + "same as before, so a host that deduplicates by id sees each once", handed);
    }
    return handed;
  }

  /** Action names seen at build, to refuse a second, different action of the same name. */
  private final Map<String, Action> actionOwners;

  private static void uniqueAction(Map<String, Action> seen, Action a, String owner) {
    Action before = seen.putIfAbsent(a.name(), a);
    if (before != null && !before.equals(a)) {
      throw new IllegalStateException("engine: " + owner + " uses action '" + a.name()
          + "', but another action of that name is declared elsewhere (" + before + " and "
          + a + "); give each action a unique name, or use the same Action everywhere");
    }
  }

  private void checkActionChannels(String owner, Action a) {
    for (Channel c : a.channels()) {
      if (!channels.contains(c)) {
        throw new IllegalStateException(owner + ": action '" + a.name()
            + "' uses unknown channel '" + c + "'; declare it with Engine.builder().channels("
            + "Channel.of(\"" + c + "\"))");
      }
    }
  }

  /** Checks that a journey names only what the engine knows. */
  private void checkJourney(Journey j) {
    String owner = "journey '" + j.name() + "'";
    Trigger trigger = j.trigger();
    if (trigger.kind() == Trigger.Kind.MOMENT && !momentNames.contains(trigger.name())) {
      throw new IllegalStateException(owner + ": enters on moment '" + trigger.name()
          + "', which the engine does not know; add it with Engine.builder().moments(...)");
    }
    if (trigger.kind() == Trigger.Kind.SEGMENT && !segmentNames.contains(trigger.name())) {
      throw new IllegalStateException(owner + ": enters on segment '" + trigger.name()
          + "', which the engine does not know; add it with Engine.builder().segments(...)");
    }
    Optional<Goal> goal = j.goal();
    if (goal.isPresent() && goal.get().moment().isPresent()
        && !momentNames.contains(goal.get().name())) {
      throw new IllegalStateException(owner + ": its goal, moment '" + goal.get().name()
          + "', can never be reached because the engine does not know it; add it with "
          + "Engine.builder().moments(...)");
    }
    for (Action a : j.actions().values()) {
      checkActionChannels(owner, a);
    }
  }

  /**
   * Returns a new builder.
   *
   * @return the builder
   */
  public static Engine.Builder builder() {
    return new EngineBuilder();
  }

  // ---------------------------------------------------------------- entry points

  @Override
  public void identify(String customerId, Traits traits) {
    if (traits == null) {
      throw new IllegalArgumentException("identify(\"" + customerId
          + "\", traits): traits is null; give Traits.empty() or some traits");
    }
    identify(customerId, Profile.of(traits));
  }

  @Override
  public void identify(String customerId, Profile profile) {
    CustomerId id = CustomerId.of(customerId);
    if (profile == null) {
      throw new IllegalArgumentException("identify(\"" + customerId
          + "\", profile): profile is null; give Profile.empty() or a profile");
    }
    inputs.profile(customerId, profile);
    call(id, now(), t -> {
      Traits traits = t.rec.traits().merge(profile.traits());
      for (String name : profile.unset()) {
        traits = traits.remove(name);
      }
      if (!traits.equals(t.rec.traits())) {
        t.rec.setTraits(traits);
      }
      for (Profile.ConsentChange c : profile.consents()) {
        t.rec.setConsent(names.channel(c.channel()),
            Consent.of(c.channel(), c.purpose(), c.status(), c.at().orElse(t.now)));
      }
      if (profile.preferences().isPresent()
          && !profile.preferences().get().equals(t.rec.preferences())) {
        t.rec.setPreferences(profile.preferences().get());
      }
      derive(t, null, t.now, "identify@" + t.now.toEpochMilli());
      drain(t);
      t.identified = true;
      return null;
    });
  }

  @Override
  public boolean track(Event event) {
    if (event == null) {
      throw new IllegalArgumentException("track(event): event is null; give an Event");
    }
    Instant now = now();
    inputs.event(event, now);
    long fingerprint = Fingerprints.of(event.id());
    Boolean processed = call(event.customer(), now, t -> {
      if (t.rec.hasSeen(fingerprint)) {
        t.duplicates = 1;
        return false;
      }
      t.rec.markSeen(fingerprint);
      t.queue.add(event);
      drain(t);
      t.tracked = 1;
      return true;
    });
    if (LOG.isDebugEnabled()) {
      LOG.debug("track {} {} {}: {}", event.customer(), event.type(), event.id(),
          processed ? "processed" : "duplicate, ignored");
    }
    return processed;
  }

  @Override
  public boolean forget(String customerId) {
    CustomerId id = CustomerId.of(customerId);
    inputs.customerId("forget", customerId);
    Boolean removed = call(id, now(), t -> {
      if (t.created) {
        return false;
      }
      metrics.forget(t);
      t.deleted = true;
      return true;
    });
    // the id may be an e-mail address: it is personal data, so only at DEBUG
    LOG.debug("forgot customer {} ({})", id, removed ? "erased" : "nothing held");
    return removed;
  }

  @Override
  public int advanceTo(Instant instant) {
    if (instant == null) {
      throw new IllegalArgumentException("advanceTo(instant): instant is null; give an Instant");
    }
    inputs.advance(instant);
    int fired = 0;
    for (List<StateStore.Due> batch = store.due(instant, DUE_BATCH); !batch.isEmpty();
        batch = store.due(instant, DUE_BATCH)) {
      for (StateStore.Due d : batch) {
        if (fire(d)) {
          fired++;
        }
      }
    }
    advancedTo.accumulateAndGet(instant, (a, b) -> a.isAfter(b) ? a : b);
    timersFired.add(fired);
    return fired;
  }

  private static final int DUE_BATCH = 64;

  /** Fires one customer's due timers; false if another thread fired them first. */
  private boolean fire(StateStore.Due d) {
    advancedTo.accumulateAndGet(d.at(), (a, b) -> a.isAfter(b) ? a : b);
    long due = Times.of(d.at());
    boolean[] ran = {false};
    Long after = call(d.customer(), d.at(), t -> {
      ran[0] = false; // run again after a conflict: only the attempt that commits counts
      long next = t.rec.nextDue();
      if (t.created || next == Times.NONE || next > due) {
        // read before the lock: another thread fired this timer meanwhile
        return next;
      }
      ran[0] = true;
      journeys.onTimers(t);
      drain(t);
      long review = t.rec.reviewAt();
      if (review != Times.NONE && review <= t.nowNanos) {
        derive(t, null, t.now, "review@" + t.now.toEpochMilli());
        drain(t);
      }
      return t.rec.nextDue();
    });
    if (ran[0] && after != Times.NONE && after <= due) {
      throw new IllegalStateException("a timer due at " + d.at() + " did not move on; this "
          + "is a bug in Rapport, please report it");
    }
    return ran[0];
  }

  @Override
  public Decision decide(String customerId) {
    return decide(customerId, Placement.ofDefaults(), false);
  }

  @Override
  public Decision decide(String customerId, Placement placement) {
    return decide(customerId, placement, false);
  }

  @Override
  public Decision decideAndSend(String customerId) {
    return decide(customerId, Placement.ofDefaults(), true);
  }

  @Override
  public Decision decideAndSend(String customerId, Placement placement) {
    return decide(customerId, placement, true);
  }

  @Override
  public Decision preview(String customerId, Placement placement) {
    CustomerId id = CustomerId.of(customerId);
    if (placement == null) {
      throw new IllegalArgumentException("preview(\"" + customerId
          + "\", placement): placement is null; give a Placement such as "
          + "Placement.ofDefaults()");
    }
    if (ruleSets.isEmpty()) {
      throw new IllegalStateException("preview(\"" + customerId + "\"): the engine has no "
          + "rule set; add one with Engine.builder().rules(...)");
    }
    // read-only: decided on a copy of the record, nothing written or counted
    return read(id, now(), t -> arbiter.decide(t, arbiter.engineRuleSets(), placement, false));
  }

  private Decision decide(String customerId, Placement placement, boolean send) {
    CustomerId id = CustomerId.of(customerId);
    if (placement == null) {
      throw new IllegalArgumentException("decide(\"" + customerId
          + "\", placement): placement is null; give a Placement or call decide(customerId)");
    }
    if (ruleSets.isEmpty()) {
      throw new IllegalStateException("decide(\"" + customerId + "\"): the engine has no rule "
          + "set; add one with Engine.builder().rules(...)");
    }
    if (send && !hasDispatcher) {
      throw new IllegalStateException("decideAndSend(\"" + customerId + "\"): the engine has no "
          + "dispatcher, so the messages would be lost; give one with "
          + "Engine.builder().dispatcher(...), or call decide and send them yourself");
    }
    return call(id, now(), t -> {
      t.decisions++;
      Decision d = arbiter.decide(t, arbiter.engineRuleSets(), placement, true, send);
      if (send) {
        for (Recommendation r : d.winners()) {
          journeys.dispatch(t, Optional.empty(), 0, -1,
              Optional.of("decision " + placement.name()), r.action(), r.channel(), 1,
              r.impressionId(), List.of());
        }
      }
      return d;
    });
  }

  @Override
  public MetricValue metric(String metric) {
    return metric(metric, "global");
  }

  @Override
  public MetricValue metric(String metric, String dimension) {
    if (metric == null || dimension == null) {
      throw new IllegalArgumentException("metric(name, dimension): give a metric name and a "
          + "dimension such as \"global\" or \"journey:onboarding\"");
    }
    return metrics.value(metric, dimension, now());
  }

  @Override
  public List<GuardrailState> guardrails() {
    List<GuardrailState> states = metrics.guardrailStates(now());
    notifyGuardrailListeners();
    return states;
  }

  @Override
  public List<GuardrailHistory> guardrailHistory() {
    return metrics.guardrailHistory(now());
  }

  @Override
  public int resolveTheme(String theme) {
    Checks.name("resolveTheme theme", theme);
    Instant at = now();
    int reached = 0;
    for (CustomerId id : metrics.resolve(theme)) {
      boolean fresh = track(Event.builder(id, EventTypes.THEME_RESOLVED)
          .id("theme_resolved:" + theme + "@" + at.toEpochMilli())
          .with(EventTypes.THEME, theme).at(at));
      if (fresh) {
        reached++;
      }
    }
    LOG.info("theme '{}' resolved: {} customers told", theme, reached);
    return reached;
  }

  @Override
  public Dashboard dashboard() {
    Instant at = now();
    long customers = store.size();
    List<JourneyStats> funnels = new ArrayList<>();
    List<ExperimentResult> experiments = new ArrayList<>();
    List<String> journeyNames = new ArrayList<>();
    journeys.latestVersions().forEach(c -> journeyNames.add(c.journey.name()));
    journeyNames.sort(null);
    for (String j : journeyNames) {
      funnels.add(journeys.stats(j));
      experiments.addAll(journeys.experiments(j, 100));
    }
    Dashboard dashboard = new Dashboard(name, at, customers,
        northStar.map(m -> metrics.value(m.name(), "global", at)), metrics.values(at),
        metrics.guardrailStates(at), List.copyOf(funnels), metrics.momentReach(customers),
        metrics.engagementCounts(), metrics.stageCounts(), List.copyOf(experiments),
        metrics.themes(), metrics.northStarTrend(at), metrics.guardrailHistory(at),
        metrics.definitions());
    notifyGuardrailListeners();
    return dashboard;
  }

  @Override
  public Explanation explain(String customerId) {
    CustomerId id = CustomerId.of(customerId);
    return read(id, now(), t -> {
      if (t.created) {
        return new Explanation(id, t.now, List.of(), List.of());
      }
      List<Explanation.EnrollmentReport> reports = new ArrayList<>();
      for (int i = 0; i < t.rec.enrollmentCount(); i++) {
        reports.add(journeys.report(t.rec.enrollmentAt(i)));
      }
      return new Explanation(id, t.now, List.copyOf(reports), List.copyOf(t.rec.pending()));
    });
  }

  @Override
  public JourneyStats journeyStats(String journey) {
    if (journey == null) {
      throw new IllegalArgumentException("journeyStats(journey): journey is null; give a name");
    }
    return journeys.stats(journey);
  }

  @Override
  public void deploy(Journey journey) {
    if (journey == null) {
      throw new IllegalArgumentException("deploy(journey): journey is null; give a Journey");
    }
    checkJourney(journey);
    if (!hasDispatcher) {
      throw new IllegalStateException("deploy(journey '" + journey.name() + "'): the engine has "
          + "no dispatcher, so every message of the journey would be lost; build it with "
          + "Engine.builder().dispatcher(...)");
    }
    for (Action a : journey.actions().values()) {
      Action other = actionOwners.get(a.name());
      if (other != null && !other.equals(a)) {
        throw new IllegalStateException("deploy(journey '" + journey.name() + "'): action '"
            + a.name() + "' differs from the engine's action of that name (" + other + " and "
            + a + "); give it another name, or use the same Action");
      }
    }
    journeys.deploy(journey);
    LOG.info("deployed journey {} v{}", journey.name(), journey.version());
  }

  @Override
  public Optional<Customer> customer(String customerId) {
    CustomerId id = CustomerId.of(customerId);
    return read(id, now(), t -> t.created ? Optional.<Customer>empty()
        : Optional.<Customer>of(new RecordView(t.rec.copy(), names, t.nowNanos, retention)));
  }

  @Override
  public Instant now() {
    Instant c = clock.instant();
    Instant a = advancedTo.get();
    return a.isAfter(c) ? a : c;
  }

  @Override
  public EngineStatistics statistics() {
    return new EngineStatistics(tracked.sum(), duplicates.sum(), emitted.sum(), identifies.sum(),
        conditionFailures.sum(), conflictRetries.sum(), dispatches.sum(), dispatchFailures.sum(),
        timersFired.sum(), decisions.sum(), ruleFailures.sum(), listenerFailures.sum(),
        modelFailures.sum(), redelivered.sum());
  }

  private void checkKnown(Channel channel, String where) {
    inputs.known(channel, where);
  }

  // ---------------------------------------------------------------- state transitions

  /** Applies every queued event in turn, each possibly queueing the events it causes. */
  private void drain(Txn t) {
    while (!t.queue.isEmpty()) {
      Event ev = t.queue.poll();
      t.processed.add(ev);
      record(t, ev);
      derive(t, ev, ev.time(), ev.id());
      arbiter.onEvent(t, ev);
      journeys.onEvent(t, ev);
    }
  }

  /** Records one event: its statistics, and its effect on consent for the standard events. */
  private void record(Txn t, Event ev) {
    long cutoff = t.nowNanos - retention.toNanos();
    int type = names.type(ev.type());
    t.rec.recordEvent(type, ev.type(), ev, Times.ofMillis(Times.millis(cutoff)), historySize);
    if (type == Names.CONSENT_GRANTED || type == Names.CONSENT_REVOKED) {
      Consent c = inputs.consentOf(ev);
      t.rec.setConsent(names.channel(c.channel()), c);
    }
  }

  /**
   * Detects the moments an event (or, for identify, a change) reaches, recomputes personas and
   * segments, and queues the events that follow.
   */
  private void derive(Txn t, Event cause, Instant at, String causeId) {
    CustomerRecord rec = t.rec;
    if (cause != null) {
      for (Moment m : eventMoments) {
        int mi = names.moment(m.name());
        if (rec.momentAt(mi) == Times.NONE && reachedBy(m, cause, t)) {
          rec.reachMoment(mi, Times.of(cause.time()));
          emit(t, EventTypes.MOMENT_REACHED, at, causeId, EventTypes.MOMENT, m.name());
        }
      }
    }
    if (conditionMoments.isEmpty() && personas.isEmpty() && segments.isEmpty()) {
      standing(t, cause, at, causeId);
      return;
    }
    for (Moment m : conditionMoments) {
      int mi = names.moment(m.name());
      if (rec.momentAt(mi) == Times.NONE
          && Boolean.TRUE.equals(test("moment", m.name(), m.condition().get(), t))) {
        rec.reachMoment(mi, Times.of(at));
        emit(t, EventTypes.MOMENT_REACHED, at, causeId, EventTypes.MOMENT, m.name());
      }
    }
    long[] newPersonas = rec.personaBits().clone();
    for (int i = 0; i < personas.size(); i++) {
      Persona p = personas.get(i);
      Boolean in = test("persona", p.name(), p.condition(), t);
      if (in != null) {
        newPersonas[i >>> 6] = in ? newPersonas[i >>> 6] | (1L << i)
            : newPersonas[i >>> 6] & ~(1L << i);
      }
    }
    long[] newSegments = rec.segmentBits().clone();
    for (int i = 0; i < segments.size(); i++) {
      Segment sg = segments.get(i);
      Boolean in = test("segment", sg.name(), sg.condition(), t);
      if (in != null) {
        newSegments[i >>> 6] = in ? newSegments[i >>> 6] | (1L << i)
            : newSegments[i >>> 6] & ~(1L << i);
      }
    }
    for (int i = 0; i < personas.size(); i++) {
      membershipEvents(t, personas.get(i).name(), rec.isPersona(i),
          (newPersonas[i >>> 6] & (1L << i)) != 0, EventTypes.PERSONA_ENTERED,
          EventTypes.PERSONA_EXITED, EventTypes.PERSONA, at, causeId);
    }
    for (int i = 0; i < segments.size(); i++) {
      membershipEvents(t, segments.get(i).name(), rec.inSegment(i),
          (newSegments[i >>> 6] & (1L << i)) != 0, EventTypes.SEGMENT_ENTERED,
          EventTypes.SEGMENT_EXITED, EventTypes.SEGMENT, at, causeId);
    }
    if (!java.util.Arrays.equals(newPersonas, rec.personaBits())
        || !java.util.Arrays.equals(newSegments, rec.segmentBits())) {
      rec.setMemberships(newPersonas, newSegments);
    }
    standing(t, cause, at, causeId);
  }

  /**
   * Recomputes the engagement level and lifecycle stage, and emits their change events (not on
   * a customer's first computation, which is no change).
   */
  private void standing(Txn t, Event cause, Instant at, String causeId) {
    CustomerRecord rec = t.rec;
    if (cause != null && rec.hasStanding()
        && !engagementModel.dependsOn(cause.type()) && !lifecycleModel.dependsOn(cause.type())) {
      return; // nothing this event says can change them; time passing is the review's job
    }
    Customer view = t.view();
    EngagementLevel level;
    LifecycleStage stage;
    Optional<Instant> review;
    try {
      level = engagementModel.levelOf(view);
      stage = lifecycleModel.stageOf(view, level);
      Optional<Instant> a = engagementModel.nextReview(view);
      Optional<Instant> b = lifecycleModel.nextReview(view);
      review = a.isEmpty() ? b : b.isEmpty() ? a : Optional.of(a.get().isBefore(b.get())
          ? a.get() : b.get());
    } catch (RuntimeException ex) {
      failed("engagement or lifecycle model", "standing", ex, t);
      return;
    }
    if (segmentReview != null) {
      Instant periodic = t.now.plus(segmentReview);
      review = Optional.of(review.filter(r -> r.isBefore(periodic)).orElse(periodic));
    }
    long reviewAt = review.filter(r -> r.isAfter(t.now)).map(Times::of).orElse(Times.NONE);
    boolean had = rec.hasStanding();
    EngagementLevel previousLevel = rec.engagement();
    LifecycleStage previousStage = rec.stage();
    if (!had || previousLevel != level || previousStage != stage || rec.reviewAt() != reviewAt) {
      rec.setStanding(level, stage, reviewAt);
    }
    if (had && previousLevel != level) {
      emit(t, EventTypes.ENGAGEMENT_CHANGED, at, causeId, EventTypes.FROM,
          previousLevel.name(), EventTypes.TO, level.name());
    }
    if (had && previousStage != stage) {
      emit(t, EventTypes.STAGE_CHANGED, at, causeId, EventTypes.FROM,
          previousStage.name(), EventTypes.TO, stage.name());
    }
  }

  private void membershipEvents(Txn t, String name, boolean was, boolean is, String enteredType,
      String exitedType, String property, Instant at, String causeId) {
    if (was != is) {
      emit(t, is ? enteredType : exitedType, at, causeId, property, name);
    }
  }

  /** Queues an event the engine emits, with properties given as name, value, name, value... */
  private void emit(Txn t, String type, Instant at, String causeId, String... properties) {
    if (t.emitted >= MAX_EMITTED_PER_CALL) {
      if (!t.overflowed) {
        t.overflowed = true;
        LOG.warn("more than {} events emitted by one call; stopped emitting. A persona, "
            + "segment or moment condition probably depends on its own events.",
            MAX_EMITTED_PER_CALL);
      }
      return;
    }
    t.emitted++;
    Event.Builder b = Event.builder(t.id, type).id(causeId + "/" + t.emitted);
    for (int i = 0; i < properties.length; i += 2) {
      b.with(properties[i], properties[i + 1]);
    }
    t.queue.add(b.at(at));
  }

  private boolean reachedBy(Moment m, Event ev, Txn t) {
    try {
      return m.isReachedBy(ev);
    } catch (RuntimeException ex) {
      failed("moment", m.name(), ex, t);
      return false;
    }
  }

  private Boolean test(String kind, String name, Condition c, Txn t) {
    try {
      return c.test(t.view());
    } catch (RuntimeException ex) {
      failed(kind, name, ex, t);
      return null;
    }
  }

  private void failed(String kind, String name, RuntimeException ex, Txn t) {
    if (strict) {
      throw new IllegalStateException(kind + " '" + name + "': its condition threw "
          + ex.getClass().getName() + " (strict mode); fix the condition", ex);
    }
    t.conditionFailures++;
    t.failed(Failure.Kind.CONDITION, kind + " '" + name + "'", ex);
    // the exception's message may quote customer data: only its class above DEBUG
    LOG.warn("{} '{}': condition threw {}; skipped (counted in statistics().conditionFailures(); "
        + "details through Engine.builder().failureListener)", kind, name,
        ex.getClass().getName());
    LOG.debug("{} '{}': condition failure", kind, name, ex);
  }

  /** What the journey runtime may ask of the engine. */
  private final class Host implements JourneyRuntime.Host {
    @Override
    public Boolean test(String kind, String name, Condition condition, Txn txn) {
      return DefaultEngine.this.test(kind, name, condition, txn);
    }

    @Override
    public void failed(String kind, String name, RuntimeException ex, Txn txn) {
      DefaultEngine.this.failed(kind, name, ex, txn);
    }

    @Override
    public Boolean testProperties(String kind, String name, Predicate<Properties> p,
        Properties props, Txn txn) {
      try {
        return p.test(props);
      } catch (RuntimeException ex) {
        DefaultEngine.this.failed(kind, name, ex, txn);
        return null;
      }
    }

    @Override
    public Decision decide(Txn txn, RuleSet ruleSet, Placement placement) {
      txn.decisions++;
      return arbiter.decide(txn, List.of(arbiter.compiled(ruleSet)), placement, true);
    }

    @Override
    public MetricsRuntime.Pause pause(Optional<String> journey, Action action, Instant now) {
      return metrics.pause(journey, action, now);
    }
  }

  // ---------------------------------------------------------------- plumbing

  /**
   * Runs one call on a customer: its work on the customer's record, in one store transaction
   * (retried on a conflict with another engine); then, once the transaction is closed and the
   * customer released, the host's callbacks (dispatcher, guardrail and failure listeners). Nothing
   * the host can observe changes unless the whole work succeeded, and no host code runs while a
   * customer is held, so a dispatcher may call the engine for any customer without a deadlock.
   */
  private <R> R call(CustomerId id, Instant now, Function<Txn, R> step) {
    Txn t = update(id, now, step);
    afterCommit(t);
    @SuppressWarnings("unchecked")
    R result = (R) t.result;
    return result;
  }

  /**
   * Runs read-only work on a customer: their record as stored (or a new, empty one), under
   * their lock, nothing written or counted. The work must not change the record.
   */
  private <R> R read(CustomerId id, Instant now, Function<Txn, R> work) {
    Journal journal = JOURNALS.get().begin();
    try (StateStore.Transaction tx = store.begin(id)) {
      Optional<StateStore.Versioned<CustomerRecord>> stored = tx.read(codec);
      CustomerRecord rec = stored.isPresent() ? stored.get().value() : newRecord(id);
      rec.begin(journal);
      Txn t = new Txn(rec, stored.isEmpty(), journal, now, retention, names);
      try {
        return work.apply(t);
      } finally {
        journal.rollback(); // read-only: whatever was touched (impressions of a preview) goes
      }
    }
  }

  /**
   * Returns a customer's record as stored, encoded, with its version: what tests compare to
   * show that a call changed nothing.
   */
  Optional<StateStore.Versioned<byte[]>> stored(CustomerId id) {
    try (StateStore.Transaction tx = store.begin(id)) {
      return tx.read(codec).map(v -> new StateStore.Versioned<>(codec.encode(v.value()),
          v.version()));
    }
  }

  private CustomerRecord newRecord(CustomerId id) {
    return new CustomerRecord(id, names.moments(), names.personas(), names.segments());
  }

  /**
   * Runs a call's work on a customer's record and commits it with its counters and measures;
   * rolls the record back if anything fails, and runs the work again on a conflict.
   */
  private Txn update(CustomerId id, Instant now, Function<Txn, ?> step) {
    for (int attempt = 0; ; attempt++) {
      Journal journal = JOURNALS.get().begin();
      Txn t;
      long stamp;
      try (StateStore.Transaction tx = store.begin(id)) {
        Optional<StateStore.Versioned<CustomerRecord>> stored = tx.read(codec);
        CustomerRecord rec = stored.isPresent() ? stored.get().value() : newRecord(id);
        rec.begin(journal);
        t = new Txn(rec, stored.isEmpty(), journal, now, retention, names);
        try {
          t.result = step.apply(t);
          if (t.deleted) {
            tx.delete();
          } else if (t.changed() || !t.processed.isEmpty() || !t.dispatches.isEmpty()) {
            // the host's metric definitions run now, before anything is stored
            t.observation = metrics.prepare(t, (metric, ex) -> failed("metric", metric, ex, t));
            if (!journal.isEmpty()) {
              long due = rec.nextDue();
              tx.write(rec, codec, due == Times.NONE ? Optional.empty()
                  : Optional.of(Times.instant(due)));
            }
          }
          for (int i = 0; i < t.counterKeys.size(); i++) {
            tx.add(t.counterKeys.get(i), t.counterDeltas[i]);
          }
          for (Dispatch d : t.dispatches) {
            tx.enqueue(d.id(), d, DispatchCodec.INSTANCE);
          }
          if (t.observation != null) {
            metrics.cells(t.observation, tx);
          }
          stamp = tx.commit();
        } catch (StateStore.ConflictException conflict) {
          journal.rollback();
          conflictRetries.increment();
          if (attempt >= MAX_CONFLICT_RETRIES) {
            throw new ConcurrentModificationException("the state store kept reporting "
                + "concurrent changes to one customer after " + attempt + " retries; check that "
                + "no other writer bypasses the engine", conflict);
          }
          continue;
        } catch (RuntimeException | Error failure) {
          journal.rollback();
          throw failure;
        }
        journal.clear();
        commit(t, stamp);
      }
      return t;
    }
  }

  /** Applies a committed call's statistics and measures; nothing here runs the host's code. */
  private void commit(Txn t, long stamp) {
    tracked.add(t.tracked);
    duplicates.add(t.duplicates);
    emitted.add(t.emitted);
    conditionFailures.add(t.conditionFailures);
    decisions.add(t.decisions);
    ruleFailures.add(t.ruleFailures);
    modelFailures.add(t.modelFailures);
    if (t.identified) {
      identifies.increment();
    }
    if (t.observation != null) {
      metrics.apply(t.observation, t.now, stamp);
    }
  }

  /**
   * What follows a committed call, outside every lock: its dispatches to the host, the guardrail
   * listeners, the failure listener.
   */
  private void afterCommit(Txn t) {
    for (Dispatch d : t.dispatches) {
      deliver(t, d);
    }
    notifyGuardrailListeners();
    for (Failure f : t.failures) {
      tell(f);
    }
  }

  /**
   * Hands one dispatch to the host. A dispatcher that throws gets the dispatch recorded as
   * failed: the contact is taken back (a message that was not handed over costs no cap), a
   * {@code delivery_failed} event is recorded, and the message falls back to its next channel.
   */
  private void deliver(Txn t, Dispatch d) {
    deliver(d, t.now);
  }

  private void deliver(Dispatch d, Instant now) {
    dispatches.increment();
    try {
      dispatcher.dispatch(d);
      store.delivered(d.id());
      return;
    } catch (RuntimeException ex) {
      store.delivered(d.id()); // recorded as failed below: it is not handed over again
      dispatchFailures.increment();
      LOG.warn("dispatcher threw {} for a dispatch of action '{}' via {}; recorded as failed "
          + "(counted in statistics().dispatchFailures(); details through "
          + "Engine.builder().failureListener)", ex.getClass().getName(), d.action().name(),
          d.channel());
      LOG.debug("dispatcher failure for dispatch {}", d.id(), ex);
      tell(new Failure(Failure.Kind.DISPATCHER, dispatcher.getClass().getName(),
          Optional.of(d.customer()), Optional.of(d.id()), now, ex));
      Instant at = now;
      call(d.customer(), at, f -> {
        journeys.onDispatchFailure(f, d);
        Event failure = Event.builder(d.customer(), EventTypes.DELIVERY_FAILED)
            .id("dispatcher-error:" + d.id())
            .with(EventTypes.DISPATCH_ID, d.id())
            .with(EventTypes.CHANNEL, d.channel().name())
            .with("error", ex.getClass().getName())
            .at(at);
        long fingerprint = Fingerprints.of(failure.id());
        if (!f.rec.hasSeen(fingerprint)) {
          f.rec.markSeen(fingerprint);
          f.queue.add(failure);
          drain(f);
        }
        return null;
      });
    }
  }

  private void notifyGuardrailListeners() {
    metrics.notifyListeners((listener, ex) -> {
      listenerFailures.increment();
      LOG.warn("guardrail listener {} threw {}; ignored (counted in "
          + "statistics().listenerFailures(); details through Engine.builder().failureListener)",
          listener.getClass().getName(), ex.getClass().getName());
      LOG.debug("guardrail listener failure", ex);
      tell(new Failure(Failure.Kind.GUARDRAIL_LISTENER, listener.getClass().getName(),
          Optional.empty(), Optional.empty(), now(), ex));
    });
  }

  /** Tells the failure listener, if any; a listener that throws is counted and ignored. */
  private void tell(Failure f) {
    if (failureListener == null) {
      return;
    }
    try {
      failureListener.onFailure(f);
    } catch (RuntimeException ex) {
      listenerFailures.increment();
      LOG.warn("failure listener threw {}; ignored (counted in statistics().listenerFailures())",
          ex.getClass().getName());
      LOG.debug("failure listener failure", ex);
    }
  }

  // ---------------------------------------------------------------- builder

  private static final class EngineBuilder implements Engine.Builder {
    private Clock clock;
    private StateStore store;
    private final List<Persona> personas = new ArrayList<>();
    private final List<Segment> segments = new ArrayList<>();
    private final List<Moment> moments = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();
    private Integer historySize;
    private Duration retention;
    private boolean strict;
    private final List<Journey> journeys = new ArrayList<>();
    private final List<RuleSet> ruleSets = new ArrayList<>();
    private PropensityModel propensity;
    private long seed;
    private final List<Metric> metrics = new ArrayList<>();
    private final List<Guardrail> guardrails = new ArrayList<>();
    private final List<GuardrailListener> listeners = new ArrayList<>();
    private Metric northStar;
    private EngagementModel engagement;
    private LifecycleModel lifecycle;
    private String name;
    private ContactPolicy policy;
    private Dispatcher dispatcher;
    private Integer enrollmentHistory;
    private FailureListener failureListener;
    private InputLimits limits;

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
}
