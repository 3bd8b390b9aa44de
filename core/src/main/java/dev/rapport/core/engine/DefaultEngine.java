package dev.rapport.core.engine;

import dev.rapport.core.internal.Checks;
import dev.rapport.core.Channel;
import dev.rapport.core.Consent;
import dev.rapport.core.Customer;
import dev.rapport.core.CustomerId;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Moment;
import dev.rapport.core.Persona;
import dev.rapport.core.Profile;
import dev.rapport.core.Score;
import dev.rapport.core.Segment;
import dev.rapport.core.SendTimes;
import dev.rapport.core.Traits;
import dev.rapport.core.Action;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.Placement;
import dev.rapport.core.decision.PropensityModel;
import dev.rapport.core.decision.Recommendation;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.EngagementModel;
import dev.rapport.core.LifecycleModel;
import dev.rapport.core.measure.Dashboard;
import dev.rapport.core.measure.ExperimentResult;
import dev.rapport.core.measure.Guardrail;
import dev.rapport.core.measure.GuardrailHistory;
import dev.rapport.core.measure.GuardrailPauses;
import dev.rapport.core.measure.Breakdown;
import dev.rapport.core.measure.GuardrailState;
import dev.rapport.core.measure.Metric;
import dev.rapport.core.measure.MetricValue;
import dev.rapport.core.measure.Revenue;
import dev.rapport.core.engine.Dispatcher;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.EngineStatistics;
import dev.rapport.core.engine.Explanation;
import dev.rapport.core.engine.InputLimits;
import dev.rapport.core.engine.StateStore;
import dev.rapport.core.journey.Goal;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.JourneyStats;
import dev.rapport.core.journey.Trigger;
import dev.rapport.core.policy.Cap;
import dev.rapport.core.policy.ContactPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine: its entry points, and the wiring of the collaborators that do the work.
 *
 * <p>Design note. The engine is carved by job, each collaborator handed in at construction and
 * none calling back into this facade:
 *
 * <ul>
 *   <li>{@link Inputs} checks everything a call brings in before anything changes;
 *   <li>{@link Calls} runs a call on a customer: the record in a store transaction, changed in
 *       place with an undo journal, committed all or nothing, then the host's callbacks outside
 *       every lock;
 *   <li>{@link Pipeline} takes each event of a call through {@link Profiles} (history, moments,
 *       personas, segments, standing), the {@link Arbiter} (decisions it answers), the
 *       {@link Deliveries} ledger (dispatches it answers) and the {@link Interpreter} (journeys
 *       it moves or starts);
 *   <li>{@link MetricsRuntime} keeps the engine-wide measures and guardrails, {@link
 *       JourneyReports} the funnels, experiments and explanations.
 * </ul>
 *
 * <p>Calls for one customer are serialised by the store's transactions, calls for different
 * customers run in parallel, and there is no global lock on the hot path.
 */
final class DefaultEngine implements Engine {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  private final Clock clock;
  private final StateStore store;
  private final Set<Channel> channels;
  private final Duration retention;
  private final EngagementModel engagement;
  private final boolean strict;
  private final Names names;
  private final ContactPolicy policy;
  private final Journeys journeys;
  private final Deliveries deliveries;
  private final Interpreter interpreter;
  private final JourneyReports reports;
  private final Conditions conditions;
  private final Arbiter arbiter;
  private final MetricsRuntime metrics;
  private final Optional<Metric> northStar;
  private final String name;
  private final List<Moment> momentList;
  private final List<RuleSet> ruleSets;
  private final AtomicReference<Instant> advancedTo = new AtomicReference<>(Instant.MIN);
  private final Set<String> momentNames;
  private final Set<String> segmentNames;

  private final Inputs inputs;
  private final ValueRuntime values;
  private final boolean hasDispatcher;
  private final Profiles profiles;
  private final Pipeline pipeline;
  private final Calls calls;
  /**
   * Held by a merge, which holds two customers: stores lock customers by stripes whose order no
   * order of ids can fix, so merges run one at a time in the JVM (engines may share a store), and
   * never wait on each other in a cycle. Other calls hold one customer and never wait for a
   * second.
   */
  private static final Object MERGE_LOCK = new Object();
  private final int historySize;
  private final RefusalRetention refusalRetention;

  DefaultEngine(EngineBuilder b) {
    this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
    this.store = b.store == null ? new InMemoryStateStore() : b.store;
    List<Channel> channelList = new ArrayList<>(Channel.standard());
    for (Channel c : b.channels) {
      if (!channelList.contains(c)) {
        channelList.add(c);
      }
    }
    this.channels = Set.copyOf(channelList);
    InputLimits limits = b.limits == null ? InputLimits.ofDefaults() : b.limits;
    this.retention = b.retention == null ? Duration.ofDays(400) : b.retention;
    List<String> personaList = b.personas.stream().map(Persona::name).toList();
    List<String> segmentList = b.segments.stream().map(Segment::name).toList();
    List<Score> scores = new ArrayList<>(b.scores);
    if (b.policy != null && b.policy.fatigue().isPresent()) {
      scores.add(new FatigueScore(b.policy.fatigue().get()));
    }
    this.values = new ValueRuntime(b.revenue, scores, retention, personaList, segmentList);
    this.names = new Names(channelList, b.moments.stream().map(Moment::name).toList(),
        personaList, segmentList, limits.maxEventTypes(), values);
    this.inputs = new Inputs(limits, channels, names);
    this.historySize = b.historySize == null ? 32 : b.historySize;
    this.refusalRetention = b.refusalRetention == null ? RefusalRetention.ofDefaults()
        : b.refusalRetention;
    this.strict = b.strict;
    this.policy = b.policy == null ? ContactPolicy.ofDefaults() : b.policy;
    this.hasDispatcher = b.dispatcher != null;
    this.momentNames = new HashSet<>();
    b.moments.forEach(m -> momentNames.add(m.name()));
    this.segmentNames = new HashSet<>();
    b.segments.forEach(sg -> segmentNames.add(sg.name()));
    for (Channel c : policy.channelsNamed()) {
      inputs.known(c, "contact policy");
    }
    for (Cap cap : policy.caps()) {
      if (cap.segment().isPresent() && !segmentNames.contains(cap.segment().get())) {
        throw new IllegalStateException("engine: contact policy cap '" + cap + "' is for "
            + "segment '" + cap.segment().get() + "', which the engine does not declare; "
            + "declare it with Engine.builder().segments(...) or fix the name");
      }
      if (cap.persona().isPresent() && b.personas.stream()
          .noneMatch(p -> p.name().equals(cap.persona().get()))) {
        throw new IllegalStateException("engine: contact policy cap '" + cap + "' is for "
            + "persona '" + cap.persona().get() + "', which the engine does not declare; "
            + "declare it with Engine.builder().personas(...) or fix the name");
      }
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
    this.actionOwners = new ConcurrentHashMap<>(actionNames);
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
    this.momentList = List.copyOf(b.moments);
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
    this.conditions = new Conditions(strict);
    this.arbiter = new Arbiter(metrics, policy,
        b.propensity == null ? PropensityModel.fixed(0.5) : b.propensity, store, b.seed,
        conditions, ruleSets, names);
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
    int historyBound = b.enrollmentHistory == null ? 32 : b.enrollmentHistory;
    this.journeys = new Journeys(b.journeys, ruleActions);
    this.deliveries = new Deliveries(policy, journeys, metrics, historyBound, longestCooldown,
        attribution);
    this.interpreter = new Interpreter(journeys, deliveries, conditions, arbiter, metrics, policy,
        historyBound);
    boolean bestTimes = b.sendTimes != null;
    for (Journeys.Compiled c : journeys.latestVersions()) {
      for (JourneyProgram.Node n : c.program.nodes()) {
        bestTimes |= n.step instanceof SendStep s && s.bestTimeWithin().isPresent();
      }
    }
    this.sendTimes = bestTimes ? new SendTimeRuntime(
        b.sendTimes == null ? SendTimes.ofDefaults() : b.sendTimes, b.revenue, policy, store)
        : SendTimeRuntime.NONE;
    interpreter.sendTimes(sendTimes);
    metrics.sendTimes(sendTimes);
    this.reports = new JourneyReports(journeys, store);
    this.engagement = b.engagement == null ? EngagementModel.ofDefaults() : b.engagement;
    this.profiles = new Profiles(names, inputs, conditions, b.personas, b.segments, b.moments,
        engagement,
        b.lifecycle == null ? LifecycleModel.ofDefaults(Optional.empty()) : b.lifecycle,
        historySize, retention);
    this.pipeline = new Pipeline(profiles, arbiter, deliveries, interpreter);
    this.calls = new Calls(store, names, retention,
        refusalRetention, engagement, metrics, deliveries, conditions,
        pipeline,
        b.dispatcher == null ? Dispatcher.discarding() : b.dispatcher, b.failureListener,
        this::now);
  }

  /** Hands over what the store's outbox held undelivered; once, when the engine is built. */
  int recoverOutbox() {
    return calls.recoverOutbox();
  }

  /** The codec of this engine's records: for tests. */
  RecordCodec codec() {
    return calls.codec();
  }

  /** A copy of a customer's record as stored: for tests. */
  Optional<CustomerRecord> record(CustomerId id) {
    return calls.record(id);
  }

  /** A customer's record as stored, encoded, with its version: for tests. */
  Optional<StateStore.Versioned<byte[]>> stored(CustomerId id) {
    return calls.stored(id);
  }

  /**
   * Every action of the engine's journeys and rule sets, by name: those seen at build and those
   * of journeys deployed since. Refuses a second, different action of one name; the dashboard
   * reports the returns of all of them.
   */
  private final Map<String, Action> actionOwners;
  /** Held while a journey is deployed: one deploy at a time. */
  private final Object deploys = new Object();
  private final SendTimeRuntime sendTimes;

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
    Instant now = now();
    inputs.profile(customerId, profile, now);
    calls.call(id, now, t -> {
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
      profiles.derive(t, null, t.now, "identify@" + t.now.toEpochMilli());
      pipeline.drain(t);
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
    Boolean processed = calls.call(event.customer(), now, t -> {
      if (!t.rec.markSeen(fingerprint)) {
        t.duplicates = 1;
        return false;
      }
      t.enqueue(event);
      pipeline.drain(t);
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
    java.util.Set<String> merged = new java.util.TreeSet<>();
    boolean merges = store.holdsTwoCustomers(); // where merges are refused, no tombstone
    Boolean removed = calls.call(id, now(), t -> {
      if (merges) {
        t.count(Calls.forgottenKey(id), 1);
      }
      if (t.created) {
        return false;
      }
      merged.addAll(t.rec.mergedFrom().keySet());
      metrics.forget(t);
      t.deleted = true;
      return true;
    });
    for (String other : merged) {
      forget(other); // the ids merged into this customer are this customer: erased with it
    }
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
    calls.timersFired(fired);
    return fired;
  }

  private static final int DUE_BATCH = 64;

  /** Fires one customer's due timers; false if another thread fired them first. */
  private boolean fire(StateStore.Due d) {
    advancedTo.accumulateAndGet(d.at(), (a, b) -> a.isAfter(b) ? a : b);
    long due = Times.of(d.at());
    boolean[] ran = {false};
    Long after = calls.call(d.customer(), d.at(), t -> {
      ran[0] = false; // run again after a conflict: only the attempt that commits counts
      long next = t.rec.nextDue();
      if (t.created || next == Times.NONE || next > due) {
        // read before the lock: another thread fired this timer meanwhile
        return next;
      }
      ran[0] = true;
      interpreter.onTimers(t);
      pipeline.drain(t);
      long review = t.rec.reviewAt();
      if (review != Times.NONE && review <= t.nowNanos) {
        profiles.derive(t, null, t.now, "review@" + t.now.toEpochMilli());
        pipeline.drain(t);
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
    inputs.customerId("preview", customerId);
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
    return calls.read(id, now(), t -> arbiter.decide(t, arbiter.engineRuleSets(), placement, false));
  }

  private Decision decide(String customerId, Placement placement, boolean send) {
    CustomerId id = CustomerId.of(customerId);
    inputs.customerId(send ? "decideAndSend" : "decide", customerId);
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
    return calls.call(id, now(), t -> {
      t.decisions++;
      Decision d = arbiter.decide(t, arbiter.engineRuleSets(), placement, true, send);
      if (send) {
        for (Recommendation r : d.winners()) {
          deliveries.dispatch(t, Optional.empty(), 0, -1,
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
    calls.notifyGuardrailListeners();
    return states;
  }

  @Override
  public List<GuardrailHistory> guardrailHistory() {
    return metrics.guardrailHistory(now());
  }

  @Override
  public GuardrailPauses guardrailPauses(Guardrail guardrail, Instant from, Instant to) {
    if (guardrail == null || from == null || to == null) {
      throw new IllegalArgumentException("guardrailPauses(guardrail, from, to): "
          + (guardrail == null ? "guardrail" : from == null ? "from" : "to") + " is null; give "
          + "a value");
    }
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("guardrailPauses(guardrail, from, to): to " + to
          + " is before from " + from + "; give a period that ends after it starts");
    }
    return metrics.pauses(guardrail, from, to, now());
  }

  @Override
  public int resolveTheme(String theme) {
    Checks.name("resolveTheme theme", theme);
    inputs.theme(theme);
    Instant at = now();
    int reached = 0;
    String eventId = "theme_resolved:" + theme + "@" + at.toEpochMilli();
    if (eventId.length() > inputs.limits().maxNameLength()) {
      // a long theme: the id names it by its fingerprint, within the limit on names
      eventId = "theme_resolved:" + Long.toHexString(Fingerprints.of(theme)) + "@"
          + at.toEpochMilli();
    }
    for (CustomerId id : metrics.resolve(theme)) {
      boolean fresh = track(Event.builder(id, EventTypes.THEME_RESOLVED)
          .id(eventId)
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
      funnels.add(reports.stats(j));
      experiments.addAll(reports.experiments(j, 100));
    }
    Dashboard dashboard = new Dashboard(name, at, customers,
        northStar.map(m -> metrics.value(m.name(), "global", at)), metrics.values(at),
        metrics.guardrailStates(at), List.copyOf(funnels), metrics.momentReach(customers),
        metrics.engagementCounts(), metrics.stageCounts(), List.copyOf(experiments),
        metrics.themes(), metrics.northStarTrend(at), metrics.guardrailHistory(at),
        metrics.definitions(), values.revenue().map(Revenue::currency),
        values.distributions(store), values.returns(store, funnels, 100),
        values.actionReturns(store, actionOwners.values().stream()
            .sorted(java.util.Comparator.comparing(Action::name)).toList(), 100));
    calls.notifyGuardrailListeners();
    return dashboard;
  }

  @Override
  public SendTime bestSendTime(String customerId, Action action, Duration within) {
    CustomerId id = CustomerId.of(customerId);
    inputs.customerId("bestSendTime", customerId);
    Checks.notNull("bestSendTime", "action", action);
    Checks.positive("bestSendTime", "within", within);
    if (!sendTimes.enabled()) {
      throw new IllegalStateException("bestSendTime: the engine has no send-time model; give "
          + "one with Engine.builder().sendTimes(SendTimes.ofDefaults())");
    }
    Instant now = now();
    return calls.read(id, now, t -> {
      SendTimeRuntime.Choice c = sendTimes.choose(t.view(), t.rec.contacts(), action, now,
          now.plus(within));
      return new SendTime(c.at(), c.hourOfWeek(), c.basis(), c.reason());
    });
  }

  @Override
  public boolean merge(String fromId, String intoId) {
    CustomerId from = CustomerId.of(fromId);
    CustomerId into = CustomerId.of(intoId);
    inputs.customerId("merge", fromId);
    inputs.customerId("merge", intoId);
    if (from.equals(into)) {
      // the id may be personal data: the message says what is wrong without repeating it
      throw new IllegalArgumentException("merge(fromId, intoId): both ids are the same; a "
          + "customer cannot be merged into itself: give the id to merge away first and the "
          + "surviving id second");
    }
    if (!store.holdsTwoCustomers()) {
      throw new IllegalStateException("merge(fromId, intoId): this engine's state store ("
          + store.getClass().getSimpleName() + ") keeps each customer apart and cannot hold "
          + "two at once, so it cannot merge them; on Kafka Streams, see the guide's page on "
          + "identity merge for what to do instead");
    }
    long cutoff = retention.compareTo(Duration.ofDays(100L * 365)) > 0 ? Long.MIN_VALUE
        : Times.of(now()) - retention.toNanos();
    RefusalRetention kept = refusalRetention;
    boolean mergedAny;
    synchronized (MERGE_LOCK) {
      mergedAny = calls.merge(from, into, now(), (intoRec, fromRec, print) ->
          intoRec.mergedWith(fromRec, print, historySize, cutoff, kept.perCustomer()));
    }
    LOG.debug("merged customer {} into {} ({})", from, into, mergedAny ? "merged"
        : "nothing to merge");
    return mergedAny;
  }

  @Override
  public RefusalLog refusals(RefusalQuery query) {
    if (query == null) {
      throw new IllegalArgumentException("refusals(query): query is null; give one such as "
          + "RefusalQuery.of(customerId)");
    }
    CustomerId id = query.customer();
    inputs.customerId("refusals", id.value());
    return calls.read(id, now(), t -> {
      CustomerRecord rec = t.rec;
      List<dev.rapport.core.policy.Refusal> found = new ArrayList<>();
      for (int i = 0; i < rec.refusalCount(); i++) {
        RefusalEntry r = rec.refusalAt(i);
        if (query.matches(r.action(), r.journey(), r.at())) {
          found.add(r.toRefusal(id));
        }
      }
      return new RefusalLog(id, found, rec.refusalsForgotten(),
          Optional.ofNullable(Times.instantOrNull(rec.refusalsForgottenUntil())));
    });
  }

  @Override
  public Explanation explain(String customerId) {
    CustomerId id = CustomerId.of(customerId);
    inputs.customerId("explain", customerId);
    return calls.read(id, now(), t -> {
      if (t.created) {
        return new Explanation(id, t.now, List.of(), List.of());
      }
      List<Explanation.EnrollmentReport> reports = new ArrayList<>();
      for (int i = 0; i < t.rec.enrollmentCount(); i++) {
        reports.add(this.reports.report(t.rec.enrollmentAt(i)));
      }
      return new Explanation(id, t.now, List.copyOf(reports), List.copyOf(t.rec.pending()));
    });
  }

  @Override
  public JourneyStats journeyStats(String journey) {
    if (journey == null) {
      throw new IllegalArgumentException("journeyStats(journey): journey is null; give a name");
    }
    return reports.stats(journey);
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
    // Deploys are rare: one at a time, so that two journeys deployed at once cannot both
    // bring a different action of one name, and the actions join the dashboard's returns only
    // with the journey that uses them.
    synchronized (deploys) {
      for (Action a : journey.actions().values()) {
        Action other = actionOwners.get(a.name());
        if (other != null && !other.equals(a)) {
          throw new IllegalStateException("deploy(journey '" + journey.name() + "'): action '"
              + a.name() + "' differs from the engine's action of that name (" + other
              + " and " + a + "); give it another name, or use the same Action");
        }
      }
      journeys.deploy(journey);
      for (Action a : journey.actions().values()) {
        actionOwners.putIfAbsent(a.name(), a);
      }
    }
    LOG.info("deployed journey {} v{}", journey.name(), journey.version());
  }

  @Override
  public Optional<Customer> customer(String customerId) {
    CustomerId id = CustomerId.of(customerId);
    inputs.customerId("customer", customerId);
    return calls.read(id, now(), t -> t.created ? Optional.<Customer>empty()
        : Optional.<Customer>of(new RecordView(t.rec.copy(), names, t.nowNanos, retention,
            engagement)));
  }

  @Override
  public Instant now() {
    Instant c = clock.instant();
    Instant a = advancedTo.get();
    return a.isAfter(c) ? a : c;
  }

  @Override
  public EngineStatistics statistics() {
    return calls.statistics();
  }

  private void checkKnown(Channel channel, String where) {
    inputs.known(channel, where);
  }

}
