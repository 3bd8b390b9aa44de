package dev.rapport.core.engine;

import com.google.common.hash.Hashing;
import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Condition;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Properties;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Explanation;
import dev.rapport.core.engine.PendingDispatch;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.Placement;
import dev.rapport.core.decision.Recommendation;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.journey.BranchStep;
import dev.rapport.core.journey.DecideStep;
import dev.rapport.core.journey.EnrollmentStatus;
import dev.rapport.core.journey.ExitCriterion;
import dev.rapport.core.journey.Goal;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.JourneyStats;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.SplitStep;
import dev.rapport.core.journey.StepOutcome;
import dev.rapport.core.journey.StepRecord;
import dev.rapport.core.journey.StepStats;
import dev.rapport.core.journey.WaitForStep;
import dev.rapport.core.journey.WaitStep;
import dev.rapport.core.journey.WaitUntilStep;
import dev.rapport.core.measure.ArmResult;
import dev.rapport.core.measure.ExperimentResult;
import dev.rapport.core.policy.Contact;
import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.core.policy.GateDecision;
import dev.rapport.core.policy.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Runs journeys: entry, steps, waits, exits, goals, fallbacks.
 *
 * <p>Design note. Every method here is a step function in the sense of DESIGN §4: it reads the
 * customer's state in a {@link Txn}, and writes back the new state, the dispatches to make and
 * (through each enrollment's {@code dueAt}) the timers to set. It touches nothing else: counters
 * are queued on the transaction and applied only when the state is stored. So a durable or
 * distributed host can run the same function on its own state store.
 *
 * <p>An enrollment's position is an index into its version's {@link JourneyProgram}; the
 * registry keeps every version that was ever deployed, so running enrollments keep theirs.
 *
 * <p>History entries are packed into a long each: the second (34 bits, until the year 2514), the
 * step index + 1 (12 bits, 0 for the journey itself), the {@link StepOutcome} (6 bits) and a
 * detail (12 bits, 4095 for none: a {@link Reason}, a branch, an arm, a channel or an action
 * index).
 */
final class JourneyRuntime {
  private static final int NO_DETAIL = 4095;
  private static final int MAX_NODES = 4000;
  private static final Duration GATE_RETRY = Duration.ofHours(1);
  private static final Duration PENDING_TTL = Duration.ofDays(7);

  /** One deployed version of a journey, with its compiled steps and counters. */
  static final class Compiled {
    final Journey journey;
    final JourneyProgram program;
    final Counters counters;

    /** The goal's moment, or null: read before every step. */
    final String goalMoment;
    /** Whether any exit criterion is a condition, to test before every step. */
    final boolean conditionExits;

    Compiled(Journey journey) {
      this.journey = journey;
      this.goalMoment = journey.goal().flatMap(Goal::moment).map(m -> m.name()).orElse(null);
      this.conditionExits = journey.exits().stream().anyMatch(x -> x.condition().isPresent());
      this.program = JourneyProgram.compile(journey.name(), journey.steps());
      if (program.size() > MAX_NODES) {
        throw new IllegalStateException("journey '" + journey.name() + "': has "
            + program.size() + " steps; split it into journeys of at most " + MAX_NODES);
      }
      this.counters = new Counters(journey.name(), journey.version(), program.size());
    }
  }

  /**
   * The keys of one journey version's counters in the state store: engine-wide numbers that
   * every engine sharing the store adds to.
   */
  static final class Counters {
    final String treated;
    final String heldOut;
    final String convertedTreated;
    final String convertedHeldOut;
    final String exited;
    final String completed;
    final String[] arrived;
    final String[] sent;
    final String[] held;
    final String[][] refused;
    final String[] waiting;
    final String[] timedOut;
    final String[] fallbacks;
    private final String prefix;

    Counters(String journey, int version, int nodes) {
      prefix = "journey/" + journey + "/v" + version + "/";
      treated = prefix + "treated";
      heldOut = prefix + "held-out";
      convertedTreated = prefix + "converted-treated";
      convertedHeldOut = prefix + "converted-held-out";
      exited = prefix + "exited";
      completed = prefix + "completed";
      arrived = keys(nodes, "arrived");
      sent = keys(nodes, "sent");
      held = keys(nodes, "held");
      waiting = keys(nodes, "waiting");
      timedOut = keys(nodes, "timed-out");
      fallbacks = keys(nodes, "fallbacks");
      refused = new String[nodes][];
      for (int i = 0; i < nodes; i++) {
        refused[i] = new String[Reason.values().length];
        for (Reason r : Reason.values()) {
          refused[i][r.ordinal()] = prefix + "step/" + i + "/refused/" + r.name();
        }
      }
    }

    private String[] keys(int nodes, String what) {
      String[] k = new String[nodes];
      for (int i = 0; i < nodes; i++) {
        k[i] = prefix + "step/" + i + "/" + what;
      }
      return k;
    }

    /** The key of a split arm's entries, built when a customer enters it (not per event). */
    String armEntered(String arm) {
      return prefix + "arm/" + arm + "/entered";
    }

    String armConverted(String arm) {
      return prefix + "arm/" + arm + "/converted";
    }
  }

  /** What the runtime needs from the engine. */
  interface Host {
    /** Tests a condition, counting (or in strict mode rethrowing) a failure; null if it threw. */
    Boolean test(String kind, String name, Condition condition, Txn txn);

    /** Counts (or in strict mode rethrows) a failure of a host's code. */
    void failed(String kind, String name, RuntimeException ex, Txn txn);

    /** Tests a property predicate the same way. */
    Boolean testProperties(String kind, String name, Predicate<Properties> p, Properties props,
        Txn txn);

    /** Decides with a rule set for the transaction's customer, recording impressions. */
    Decision decide(Txn txn, RuleSet ruleSet, Placement placement);

    /** Returns what guardrails hold back of an action in a journey now. */
    MetricsRuntime.Pause pause(Optional<String> journey, Action action, Instant now);
  }

  private final Host host;
  private final StateStore store;
  private final ContactPolicy policy;
  private final int historyBound;
  private final Duration contactRetention;
  /** name -> version -> compiled; replaced whole on deploy. */
  private volatile Map<String, TreeMap<Integer, Compiled>> versions;
  /** event type -> the latest version of every journey it can start. */
  private volatile Map<String, List<Compiled>> byTrigger;
  private volatile Map<String, Action> actions;

  JourneyRuntime(Host host, ContactPolicy policy, int historyBound, Collection<Journey> journeys,
      Duration actionRetention, Duration attributionWindow, Map<String, Action> otherActions,
      StateStore store) {
    this.host = host;
    this.store = store;
    this.policy = policy;
    this.historyBound = historyBound;
    Duration r = policy.retention().compareTo(actionRetention) > 0 ? policy.retention()
        : actionRetention;
    // long enough for outcome events to be attributed to the dispatch they answer
    Duration attribution = attributionWindow.compareTo(Duration.ofDays(7)) < 0
        ? Duration.ofDays(7) : attributionWindow;
    this.contactRetention = r.compareTo(attribution) < 0 ? attribution : r;
    this.versions = Map.of();
    this.byTrigger = Map.of();
    this.actions = Map.copyOf(otherActions);
    for (Journey j : journeys) {
      deploy(j);
    }
  }

  // ------------------------------------------------------------------ registry

  synchronized void deploy(Journey journey) {
    Map<String, TreeMap<Integer, Compiled>> next = new HashMap<>();
    versions.forEach((k, v) -> next.put(k, new TreeMap<>(v)));
    TreeMap<Integer, Compiled> ofName = next.computeIfAbsent(journey.name(), k -> new TreeMap<>());
    Compiled existing = ofName.get(journey.version());
    if (existing != null) {
      if (existing.journey == journey) {
        return;
      }
      throw new IllegalStateException("journey '" + journey.name() + "': version "
          + journey.version() + " is already deployed; give the new definition a new version "
          + "with version(" + (ofName.lastKey() + 1) + ")");
    }
    Compiled compiled = new Compiled(journey);
    ofName.put(journey.version(), compiled);
    Map<String, List<Compiled>> triggers = new HashMap<>();
    Map<String, Action> allActions = new LinkedHashMap<>(actions);
    for (TreeMap<Integer, Compiled> vs : next.values()) {
      Compiled latest = vs.lastEntry().getValue();
      triggers.computeIfAbsent(latest.journey.trigger().eventType(), k -> new ArrayList<>())
          .add(latest);
      for (Compiled c : vs.values()) {
        c.journey.actions().forEach(allActions::putIfAbsent);
        for (JourneyProgram.Node n : c.program.nodes()) {
          if (n.step instanceof DecideStep) {
            ((DecideStep) n.step).ruleSet().actions().forEach(allActions::putIfAbsent);
          }
        }
      }
    }
    triggers.values().forEach(l -> l.sort((a, b) -> a.journey.name().compareTo(b.journey.name())));
    this.versions = next;
    this.byTrigger = triggers;
    this.actions = allActions;
  }

  Compiled compiled(String name, int version) {
    TreeMap<Integer, Compiled> vs = versions.get(name);
    return vs == null ? null : vs.get(version);
  }

  Collection<Compiled> latestVersions() {
    List<Compiled> out = new ArrayList<>();
    versions.values().forEach(v -> out.add(v.lastEntry().getValue()));
    return out;
  }

  // ------------------------------------------------------------------ events

  /** Lets every journey react to one event of the customer. */
  void onEvent(Txn t, Event ev) {
    if (ev.properties().has(EventTypes.DISPATCH_ID)) {
      onOutcome(t, ev);
    }
    int count = t.rec.enrollmentCount();
    if (count > 0) {
      // reacting changes enrollments in place; none is added before the triggers below
      for (int i = 0; i < count; i++) {
        Enrollment e = t.rec.enrollmentAt(i);
        if (!e.isActive()) {
          continue;
        }
        Compiled c = compiled(e.journey(), e.version());
        if (c == null) {
          continue;
        }
        Enrollment out = react(t, c, e, ev);
        if (out != e) {
          store(t, out);
        }
      }
    }
    List<Compiled> candidates = byTrigger.get(ev.type());
    if (candidates != null) {
      for (Compiled c : candidates) {
        if (triggered(t, c, ev)) {
          tryEnter(t, c);
        }
      }
    }
  }

  private boolean triggered(Txn t, Compiled c, Event ev) {
    if (c.journey.trigger().properties().isEmpty()) {
      return c.journey.trigger().matches(ev);
    }
    return ev.type().equals(c.journey.trigger().eventType())
        && Boolean.TRUE.equals(host.testProperties("journey trigger", c.journey.name(),
            c.journey.trigger().properties().get(), ev.properties(), t));
  }

  private Enrollment react(Txn t, Compiled c, Enrollment e, Event ev) {
    Journey j = c.journey;
    Optional<Goal> goal = j.goal();
    if (goal.isPresent() && goalReachedBy(t, c, goal.get(), ev)) {
      return reachGoal(t, c, e);
    }
    for (ExitCriterion x : j.exits()) {
      if (x.eventType().isPresent() && x.eventType().get().equals(ev.type())
          && x.isMetBy(ev)) {
        return exit(t, c, e, "exit on " + x.describe(), 3);
      }
    }
    Enrollment checked = checkConditions(t, c, e);
    if (checked != e) {
      return checked;
    }
    if (e.status() == EnrollmentStatus.WAITING && e.position() >= 0) {
      JourneyProgram.Node n = c.program.node(e.position());
      if (n.kind == JourneyProgram.Kind.WAIT_FOR) {
        WaitForStep w = (WaitForStep) n.step;
        if (w.eventType().equals(ev.type()) && (w.properties().isEmpty()
            || Boolean.TRUE.equals(host.testProperties("journey '" + j.name() + "' step",
                n.describe(), w.properties().get(), ev.properties(), t)))) {
          Enrollment active = leaveWaiting(t, c, e);
          active = record(t, active, n.index, StepOutcome.RECEIVED, NO_DETAIL);
          return run(t, c, active.at(n.next));
        }
      }
    }
    return e;
  }

  private boolean goalReachedBy(Txn t, Compiled c, Goal goal, Event ev) {
    try {
      return goal.isReachedBy(ev);
    } catch (RuntimeException ex) {
      host.failed("journey '" + c.journey.name() + "' goal", goal.name(), ex, t);
      return false;
    }
  }

  // ------------------------------------------------------------------ entry

  private void tryEnter(Txn t, Compiled c) {
    Journey j = c.journey;
    Enrollment existing = t.rec.enrollment(j.name());
    if (existing != null) {
      if (existing.isActive() || !j.reEntry().allowed()) {
        return;
      }
      Optional<Duration> cooldown = j.reEntry().cooldown();
      if (cooldown.isPresent() && existing.endedAt().isPresent()
          && existing.endedAt().get().plus(cooldown.get()).isAfter(t.now)) {
        return;
      }
    }
    Optional<Goal> goal = j.goal();
    if (goal.isPresent() && goal.get().moment().isPresent()
        && t.rec.momentAt(t.names.moment(goal.get().moment().get().name())) != Times.NONE) {
      return; // the goal is already reached: the journey has nothing to do for this customer
    }
    if (j.entryCondition().isPresent() && !Boolean.TRUE.equals(
        host.test("journey entry condition", j.name(), j.entryCondition().get(), t))) {
      return;
    }
    boolean holdout = j.holdout() > 0
        && fraction(j.name() + "\u0000holdout\u0000" + t.id.value()) < j.holdout();
    int sequence = existing == null ? 1 : existing.sequence() + 1;
    Enrollment e = Enrollment.start(t.rec, j.name(), j.version(), sequence, holdout, t.nowNanos,
        c.program.start());
    t.count(holdout ? c.counters.heldOut : c.counters.treated, 1);
    e = record(t, e, -1, StepOutcome.ENTERED, NO_DETAIL);
    store(t, run(t, c, e));
  }

  // ------------------------------------------------------------------ steps

  /** Runs an active enrollment until it waits or ends. */
  private Enrollment run(Txn t, Compiled c, Enrollment start) {
    return run(t, c, start, false);
  }

  /**
   * Runs an active enrollment until it waits or ends; {@code resumed} when it goes on at the
   * step it waited at (a deferred send tried again), which is then not a new arrival.
   */
  private Enrollment run(Txn t, Compiled c, Enrollment start, boolean resumed) {
    Enrollment e = start;
    boolean arrival = !resumed;
    for (int guard = c.program.size() + 2; ; guard--) {
      if (guard < 0) {
        throw new IllegalStateException("journey '" + c.journey.name()
            + "': its steps loop; this is a bug in Rapport, please report it");
      }
      Enrollment checked = checkConditions(t, c, e);
      if (checked != e) {
        return checked;
      }
      if (e.position() == JourneyProgram.END) {
        Optional<Goal> goal = c.journey.goal();
        if (goal.isPresent() && goal.get().within().isPresent()
            && e.status() != EnrollmentStatus.WAITING) {
          // past the last step, the enrollment stays to measure its goal until the window ends
          Instant windowEnd = e.enteredAt().plus(goal.get().within().get());
          if (windowEnd.isAfter(t.now)) {
            return e.waitUntil(Times.of(windowEnd), Times.NONE, t.id.value());
          }
        }
        t.count(c.counters.completed, 1);
        Enrollment done = e.moveTo(EnrollmentStatus.COMPLETED, t.id.value(), t.nowNanos,
            "ran past its last step");
        return record(t, done, -1, StepOutcome.COMPLETED, NO_DETAIL);
      }
      JourneyProgram.Node n = c.program.node(e.position());
      if (arrival) {
        t.count(c.counters.arrived[n.index], 1);
      }
      arrival = true;
      switch (n.kind) {
        case SEND: {
          Enrollment after = send(t, c, e, n);
          if (after.status() == EnrollmentStatus.WAITING) {
            return after;
          }
          e = after.at(n.next);
          break;
        }
        case WAIT:
          return waitAt(t, c, e, n, t.now.plus(((WaitStep) n.step).duration()), Times.NONE);
        case WAIT_UNTIL:
          return waitAt(t, c, e, n, nextLocal(t, ((WaitUntilStep) n.step)), Times.NONE);
        case WAIT_FOR:
          return waitAt(t, c, e, n, t.now.plus(((WaitForStep) n.step).atMost()), Times.NONE);
        case BRANCH: {
          BranchStep b = (BranchStep) n.step;
          int taken = -1;
          for (int k = 0; k < b.branches().size() && taken < 0; k++) {
            if (Boolean.TRUE.equals(host.test("journey '" + c.journey.name() + "' step",
                n.describe(), b.branches().get(k).condition(), t))) {
              taken = k;
            }
          }
          if (taken >= 0) {
            e = record(t, e, n.index, StepOutcome.BRANCHED, taken).at(n.branchTargets[taken]);
          } else {
            e = record(t, e, n.index, StepOutcome.OTHERWISE, NO_DETAIL).at(n.otherwiseTarget);
          }
          break;
        }
        case SPLIT: {
          SplitStep s = (SplitStep) n.step;
          double f = fraction(c.journey.name() + "\u0000split\u0000" + s.name() + "\u0000"
              + t.id.value());
          int arm = 0;
          while (arm < n.armBounds.length - 1 && f >= n.armBounds[arm]) {
            arm++;
          }
          String armName = s.name() + "/" + s.arms().get(arm).name();
          t.count(c.counters.armEntered(armName), 1);
          e = record(t, e, n.index, StepOutcome.SPLIT, arm).withArm(armName)
              .at(n.armTargets[arm]);
          break;
        }
        case DECIDE:
          e = decide(t, c, e, n).at(n.next);
          break;
        case EXIT:
          return exit(t, c, e, "exit step " + n.label, 1);
        default:
          throw new IllegalStateException("unknown step kind " + n.kind);
      }
    }
  }

  /** Condition exits and a moment goal, checked before every step and on every event. */
  private Enrollment checkConditions(Txn t, Compiled c, Enrollment e) {
    Journey j = c.journey;
    if (c.goalMoment != null) {
      long reached = t.rec.momentAt(t.names.moment(c.goalMoment));
      if (reached != Times.NONE && reached >= e.enteredAtNanos()) {
        return reachGoal(t, c, e);
      }
    }
    if (!c.conditionExits) {
      return e;
    }
    for (ExitCriterion x : j.exits()) {
      if (x.condition().isPresent()
          && Boolean.TRUE.equals(host.test("journey '" + j.name() + "' exit", x.describe(),
              x.condition().get(), t))) {
        return exit(t, c, e, "exit when " + x.describe(), 3);
      }
    }
    return e;
  }

  private Enrollment send(Txn t, Compiled c, Enrollment e, JourneyProgram.Node n) {
    SendStep s = (SendStep) n.step;
    Action a = s.action();
    if (e.holdout()) {
      t.count(c.counters.held[n.index], 1);
      return record(t, e, n.index, StepOutcome.HELD_OUT, NO_DETAIL);
    }
    MetricsRuntime.Pause pause = host.pause(Optional.of(c.journey.name()), a, t.now);
    GateDecision g = Gate.evaluate(policy, t.view(), t.rec.contacts(), a, t.now,
        pause.exclude(Set.of()), false, pause.reason());
    if (g.isAllowed()) {
      Channel channel = g.channel().orElseThrow();
      dispatch(t, c, n, a, channel, 1, stableId(t, c, e, n, 1), List.of());
      t.count(c.counters.sent[n.index], 1);
      return record(t, e, n.index, StepOutcome.SENT, a.channels().indexOf(channel));
    }
    Reason reason = g.reason().orElseThrow();
    t.count(c.counters.refused[n.index][reason.ordinal()], 1);
    if (reason == Reason.QUIET_HOURS_DEFERRED && g.retryAt().isPresent()) {
      Enrollment deferred = record(t, e, n.index, StepOutcome.DEFERRED, reason.ordinal());
      return waitAt(t, c, deferred, n, g.retryAt().get(), e.gateDeadlineNanos());
    }
    if (s.gateWait().isPresent() && reason.isRetryable()) {
      Instant deadline = e.gateDeadlineNanos() != Times.NONE
          ? Times.instant(e.gateDeadlineNanos()) : t.now.plus(s.gateWait().get());
      if (t.now.isBefore(deadline)) {
        Instant retry = g.retryAt().filter(r -> r.isAfter(t.now)).orElse(t.now.plus(GATE_RETRY));
        if (retry.isAfter(deadline)) {
          retry = deadline;
        }
        Enrollment deferred = record(t, e, n.index, StepOutcome.DEFERRED, reason.ordinal());
        return waitAt(t, c, deferred, n, retry, Times.of(deadline));
      }
    }
    return record(t, e, n.index, StepOutcome.REFUSED, reason.ordinal());
  }

  private Enrollment decide(Txn t, Compiled c, Enrollment e, JourneyProgram.Node n) {
    if (e.holdout()) {
      t.count(c.counters.held[n.index], 1);
      return record(t, e, n.index, StepOutcome.HELD_OUT, NO_DETAIL);
    }
    RuleSet rs = ((DecideStep) n.step).ruleSet();
    Decision d = host.decide(t, rs, Placement.of("journey " + c.journey.name(), 1));
    if (d.best().isPresent()) {
      Recommendation r = d.best().get();
      dispatch(t, c, n, r.action(), r.channel(), 1, r.impressionId(), List.of());
      t.count(c.counters.sent[n.index], 1);
      return record(t, e, n.index, StepOutcome.SENT,
          new ArrayList<>(rs.actions().keySet()).indexOf(r.action().name()));
    }
    Reason reason = d.rejected().isEmpty() ? Reason.NO_CANDIDATE : d.rejected().get(0).reason();
    t.count(c.counters.refused[n.index][reason.ordinal()], 1);
    return record(t, e, n.index, StepOutcome.REFUSED, reason.ordinal());
  }

  private void dispatch(Txn t, Compiled c, JourneyProgram.Node n, Action a, Channel channel,
      int attempt, String id, List<Channel> triedBefore) {
    dispatch(t, Optional.of(c.journey.name()), c.journey.version(), n.index,
        Optional.of(n.describe()), a, channel, attempt, id, triedBefore);
  }

  /**
   * Makes a dispatch: handed to the host once the call commits, recorded as a contact (first
   * attempts only: a fallback is the same message), and kept as pending while the action has a
   * channel left to fall back to.
   */
  void dispatch(Txn t, Optional<String> journey, int version, int stepIndex,
      Optional<String> stepLabel, Action a, Channel channel, int attempt, String id,
      List<Channel> triedBefore) {
    dispatch(t, journey, version, stepIndex, stepLabel, a, channel, attempt, id, triedBefore,
        attempt == 1);
  }

  private void dispatch(Txn t, Optional<String> journey, int version, int stepIndex,
      Optional<String> stepLabel, Action a, Channel channel, int attempt, String id,
      List<Channel> triedBefore, boolean charged) {
    t.dispatches.add(new Dispatch(id, t.id, a, channel, journey, version, stepLabel, attempt,
        t.now));
    // every attempt is kept, for attributing outcomes; the gate counts first attempts only
    long cutoff = t.nowNanos - contactRetention.toNanos();
    // the gate counts the contacts of attempt 1: the one attempt of a message that is charged
    t.rec.addContact(new Contact(t.now, a.name(), channel, a.topic(), a.purpose(), id, journey,
        charged ? 1 : Math.max(2, attempt)), cutoff);
    List<Channel> tried = new ArrayList<>(triedBefore);
    tried.add(channel);
    List<PendingDispatch> pending = new ArrayList<>();
    for (PendingDispatch p : t.rec.pending()) {
      if (p.sentAt().plus(PENDING_TTL).isAfter(t.now) || p.responseDeadline().isPresent()) {
        pending.add(p);
      }
    }
    if (tried.size() < a.channels().size()) {
      pending.add(new PendingDispatch(id, a.name(), journey, version, stepIndex, attempt, tried,
          t.now, a.responseWindow().map(t.now::plus)));
    }
    t.rec.setPending(List.copyOf(pending));
  }

  private Enrollment waitAt(Txn t, Compiled c, Enrollment e, JourneyProgram.Node n, Instant due,
      long gateDeadline) {
    Instant at = due.isAfter(t.now) ? due : t.now.plusSeconds(1);
    if (e.status() != EnrollmentStatus.WAITING) {
      t.count(c.counters.waiting[n.index], 1);
    }
    Enrollment waiting = e.waitUntil(Times.of(at), gateDeadline, t.id.value());
    if (n.kind != JourneyProgram.Kind.SEND) {
      waiting = record(t, waiting, n.index, StepOutcome.WAITING, NO_DETAIL);
    }
    return waiting;
  }

  private Enrollment leaveWaiting(Txn t, Compiled c, Enrollment e) {
    if (e.status() == EnrollmentStatus.WAITING && e.position() >= 0) {
      t.count(c.counters.waiting[e.position()], -1);
    }
    return e.status() == EnrollmentStatus.WAITING
        ? e.moveTo(EnrollmentStatus.ACTIVE, t.id.value(), t.nowNanos, null) : e;
  }

  private Enrollment reachGoal(Txn t, Compiled c, Enrollment e) {
    Goal goal = c.journey.goal().orElseThrow();
    Enrollment left = leaveWaiting(t, c, e);
    boolean inTime = goal.within().isEmpty()
        || !e.enteredAt().plus(goal.within().get()).isBefore(t.now);
    if (!inTime) {
      return exit(t, c, e, "goal " + goal.name() + " reached after " + goal.within().get(), 2);
    }
    t.count(e.holdout() ? c.counters.convertedHeldOut : c.counters.convertedTreated, 1);
    for (String arm : e.arms()) {
      t.count(c.counters.armConverted(arm), 1);
    }
    Enrollment done = left.moveTo(EnrollmentStatus.CONVERTED, t.id.value(), t.nowNanos,
        "goal " + goal.name() + " reached");
    return record(t, done, -1, StepOutcome.CONVERTED, NO_DETAIL);
  }

  private Enrollment exit(Txn t, Compiled c, Enrollment e, String reason, int detail) {
    Enrollment left = leaveWaiting(t, c, e);
    t.count(c.counters.exited, 1);
    Enrollment done = left.moveTo(EnrollmentStatus.EXITED, t.id.value(), t.nowNanos, reason);
    return record(t, done, -1, StepOutcome.EXITED, detail);
  }

  // ------------------------------------------------------------------ timers

  /** Fires every timer of the customer due at or before the transaction's time. */
  void onTimers(Txn t) {
    Enrollment[] all = new Enrollment[t.rec.enrollmentCount()];
    for (int i = 0; i < all.length; i++) {
      all[i] = t.rec.enrollmentAt(i);
    }
    for (Enrollment e : all) {
      long due = e.dueAtNanos();
      if (!e.isActive() || due == Times.NONE || due > t.nowNanos) {
        continue;
      }
      Compiled c = compiled(e.journey(), e.version());
      if (c == null) {
        continue;
      }
      Enrollment active = leaveWaiting(t, c, e);
      if (e.position() == JourneyProgram.END) {
        // the goal's window ended without the goal: the enrollment completes
        store(t, run(t, c, active));
        continue;
      }
      JourneyProgram.Node n = c.program.node(e.position());
      switch (n.kind) {
        case WAIT:
        case WAIT_UNTIL:
          active = active.at(n.next);
          break;
        case WAIT_FOR:
          t.count(c.counters.timedOut[n.index], 1);
          active = record(t, active, n.index, StepOutcome.TIMED_OUT, NO_DETAIL)
              .at(n.timeoutTarget);
          break;
        default:
          // a deferred send: try it again, at the same step
          store(t, run(t, c, active, true));
          continue;
      }
      store(t, run(t, c, active));
    }
    for (PendingDispatch p : t.rec.pending()) {
      if (p.responseDeadline().isPresent() && !p.responseDeadline().get().isAfter(t.now)) {
        fallback(t, p);
      }
    }
  }

  // ------------------------------------------------------------------ outcomes and fallback

  private void onOutcome(Txn t, Event ev) {
    Object id = ev.properties().get(EventTypes.DISPATCH_ID);
    PendingDispatch p = null;
    for (PendingDispatch candidate : t.rec.pending()) {
      if (candidate.dispatchId().equals(id)) {
        p = candidate;
      }
    }
    if (p == null) {
      return;
    }
    switch (ev.type()) {
      case EventTypes.DELIVERY_FAILED:
        fallback(t, p);
        break;
      case EventTypes.DELIVERED:
        if (p.responseDeadline().isEmpty()) {
          removePending(t, p);
        }
        break;
      case EventTypes.OPENED:
      case EventTypes.CLICKED:
      case EventTypes.CONVERTED:
      case EventTypes.DISMISSED:
      case EventTypes.UNSUBSCRIBED:
      case EventTypes.COMPLAINED:
        removePending(t, p);
        break;
      default:
        break;
    }
  }

  private void removePending(Txn t, PendingDispatch p) {
    List<PendingDispatch> rest = new ArrayList<>(t.rec.pending());
    rest.remove(p);
    t.rec.setPending(List.copyOf(rest));
  }

  private void fallback(Txn t, PendingDispatch p) {
    removePending(t, p);
    Action a = actions.get(p.action());
    if (a == null) {
      return;
    }
    Compiled c = p.journey().map(j -> compiled(j, p.journeyVersion())).orElse(null);
    JourneyProgram.Node n = c != null && p.step() >= 0 ? c.program.node(p.step()) : null;
    Enrollment e = c == null ? null : t.rec.enrollment(c.journey.name());
    boolean sameEnrollment = e != null && e.version() == p.journeyVersion() && n != null;
    if (c != null && (!sameEnrollment || e.status() == EnrollmentStatus.EXITED
        || e.status() == EnrollmentStatus.CONVERTED)) {
      // the customer left the journey (or converted): its messages stop, fallbacks too
      return;
    }
    MetricsRuntime.Pause pause = host.pause(p.journey(), a, t.now);
    GateDecision g = Gate.evaluate(policy, t.view(), t.rec.contacts(), a, t.now,
        pause.exclude(new HashSet<>(p.tried())), true, pause.reason());
    if (g.isAllowed()) {
      Channel channel = g.channel().orElseThrow();
      int attempt = p.attempt() + 1;
      // a fallback is the same message, not counted again; unless the attempt before it never
      // reached the host, in which case this one carries the message's charge
      boolean charged = p.dispatchId().equals(t.uncharged);
      dispatch(t, p.journey(), p.journeyVersion(), p.step(),
          n != null ? Optional.of(n.describe()) : Optional.of("decision"), a, channel, attempt,
          stableId(p.dispatchId() + "/" + attempt), p.tried(), charged);
      if (n != null) {
        t.count(c.counters.fallbacks[n.index], 1);
      }
      if (sameEnrollment) {
        store(t, record(t, e, n.index, StepOutcome.FALLBACK_SENT, a.channels().indexOf(channel)));
      }
    } else if (g.reason().orElseThrow() == Reason.QUIET_HOURS_DEFERRED
        && g.retryAt().isPresent()) {
      // the next channel would wake the customer: fall back when the quiet hours end
      List<PendingDispatch> pending = new ArrayList<>(t.rec.pending());
      pending.add(new PendingDispatch(p.dispatchId(), p.action(), p.journey(),
          p.journeyVersion(), p.step(), p.attempt(), p.tried(), p.sentAt(),
          Optional.of(g.retryAt().get())));
      t.rec.setPending(List.copyOf(pending));
      if (sameEnrollment) {
        store(t, record(t, e, n.index, StepOutcome.DEFERRED, Reason.QUIET_HOURS_DEFERRED
            .ordinal()));
      }
    } else if (sameEnrollment) {
      store(t, record(t, e, n.index, StepOutcome.FALLBACK_REFUSED,
          g.reason().map(Enum::ordinal).orElse(NO_DETAIL)));
    }
  }

  /**
   * Records that the host's dispatcher threw for a dispatch: the message was not handed over, so
   * its contact is taken back (it costs no cap; a fallback made for it now carries the charge),
   * and a journey step's history says so.
   */
  void onDispatchFailure(Txn t, Dispatch d) {
    Contact removed = t.rec.removeContact(d.id());
    if (removed != null && removed.attempt() == 1) {
      t.uncharged = d.id();
    }
    if (d.journey().isEmpty()) {
      return;
    }
    Enrollment e = t.rec.enrollment(d.journey().get());
    Compiled c = compiled(d.journey().get(), d.journeyVersion());
    if (e == null || c == null || e.version() != d.journeyVersion()) {
      return;
    }
    int node = -1;
    for (JourneyProgram.Node n : c.program.nodes()) {
      if (d.step().isPresent() && n.describe().equals(d.step().get())) {
        node = n.index;
      }
    }
    store(t, record(t, e, node, StepOutcome.DISPATCH_FAILED,
        d.action().channels().indexOf(d.channel())));
  }

  // ------------------------------------------------------------------ reading

  JourneyStats stats(String name) {
    TreeMap<Integer, Compiled> vs = versions.get(name);
    if (vs == null) {
      throw new IllegalArgumentException("journey '" + name + "' is not deployed; deployed: "
          + new java.util.TreeSet<>(versions.keySet()));
    }
    long treated = 0;
    long heldOut = 0;
    long convTreated = 0;
    long convHeld = 0;
    long exited = 0;
    long completed = 0;
    List<StepStats> steps = new ArrayList<>();
    for (Compiled c : vs.values()) {
      Counters k = c.counters;
      treated += store.counter(k.treated);
      heldOut += store.counter(k.heldOut);
      convTreated += store.counter(k.convertedTreated);
      convHeld += store.counter(k.convertedHeldOut);
      exited += store.counter(k.exited);
      completed += store.counter(k.completed);
      for (JourneyProgram.Node n : c.program.nodes()) {
        Map<Reason, Long> refused = new EnumMap<>(Reason.class);
        for (Reason r : Reason.values()) {
          long v = store.counter(k.refused[n.index][r.ordinal()]);
          if (v > 0) {
            refused.put(r, v);
          }
        }
        steps.add(new StepStats(c.journey.version(), n.describe(),
            store.counter(k.arrived[n.index]), store.counter(k.sent[n.index]),
            store.counter(k.held[n.index]), Map.copyOf(refused),
            store.counter(k.waiting[n.index]), store.counter(k.timedOut[n.index]),
            store.counter(k.fallbacks[n.index])));
      }
    }
    return new JourneyStats(name, treated, heldOut, convTreated, convHeld, exited, completed,
        List.copyOf(steps));
  }

  /** The journey's holdout and split experiments, aggregated over its versions. */
  List<ExperimentResult> experiments(String name, long minSample) {
    TreeMap<Integer, Compiled> vs = versions.get(name);
    if (vs == null) {
      return List.of();
    }
    List<ExperimentResult> out = new ArrayList<>();
    long treated = 0;
    long heldOut = 0;
    long convTreated = 0;
    long convHeld = 0;
    Map<String, long[]> arms = new LinkedHashMap<>();
    Map<String, List<String>> splits = new LinkedHashMap<>();
    boolean hasHoldout = false;
    for (Compiled c : vs.values()) {
      hasHoldout |= c.journey.holdout() > 0;
      treated += store.counter(c.counters.treated);
      heldOut += store.counter(c.counters.heldOut);
      convTreated += store.counter(c.counters.convertedTreated);
      convHeld += store.counter(c.counters.convertedHeldOut);
      for (JourneyProgram.Node n : c.program.nodes()) {
        if (n.step instanceof SplitStep) {
          SplitStep sp = (SplitStep) n.step;
          for (SplitStep.Arm a : sp.arms()) {
            splits.computeIfAbsent(sp.name(), k -> new ArrayList<>());
            if (!splits.get(sp.name()).contains(a.name())) {
              splits.get(sp.name()).add(a.name());
            }
          }
        }
      }
      for (Map.Entry<String, List<String>> split : splits.entrySet()) {
        for (String arm : split.getValue()) {
          String armName = split.getKey() + "/" + arm;
          long[] sum = arms.computeIfAbsent(armName, x -> new long[2]);
          sum[0] += store.counter(c.counters.armEntered(armName));
          sum[1] += store.counter(c.counters.armConverted(armName));
        }
      }
    }
    if (hasHoldout) {
      out.add(ExperimentResult.of(name, "holdout",
          new ArmResult("holdout", heldOut, convHeld),
          new ArmResult("treated", treated, convTreated), List.of(), minSample));
    }
    splits.forEach((split, names) -> {
      List<ArmResult> results = new ArrayList<>();
      for (String arm : names) {
        long[] v = arms.getOrDefault(split + "/" + arm, new long[2]);
        results.add(new ArmResult(arm, v[0], v[1]));
      }
      if (results.size() >= 2) {
        out.add(ExperimentResult.of(name, split, results.get(0), results.get(1),
            results.subList(2, results.size()), minSample));
      }
    });
    return out;
  }

  Explanation.EnrollmentReport report(Enrollment e) {
    Compiled c = compiled(e.journey(), e.version());
    List<StepRecord> history = new ArrayList<>();
    for (long entry : e.history()) {
      history.add(decode(c, e, entry));
    }
    Optional<String> current = !e.isActive() || c == null ? Optional.empty()
        : e.position() >= 0 ? Optional.of(c.program.node(e.position()).describe())
        : Optional.of("past the last step, measuring the goal until its window ends");
    return new Explanation.EnrollmentReport(e.journey(), e.version(), e.sequence(), e.status(),
        e.holdout(), e.enteredAt(), e.endedAt(), current, e.dueAt(), e.exitReason(),
        List.copyOf(history));
  }

  private StepRecord decode(Compiled c, Enrollment e, long entry) {
    Instant at = Instant.ofEpochSecond(entry >>> 30);
    int node = (int) ((entry >>> 18) & 0xFFF) - 1;
    StepOutcome outcome = StepOutcome.values()[(int) ((entry >>> 12) & 0x3F)];
    int detail = (int) (entry & 0xFFF);
    JourneyProgram.Node n = c != null && node >= 0 ? c.program.node(node) : null;
    String step = n != null ? n.describe() : e.journey();
    String text = "";
    if (detail != NO_DETAIL) {
      switch (outcome) {
        case SENT:
        case FALLBACK_SENT:
        case DISPATCH_FAILED:
          if (n != null && n.step instanceof SendStep
              && detail < ((SendStep) n.step).action().channels().size()) {
            text = "via " + ((SendStep) n.step).action().channels().get(detail);
          } else if (n != null && n.step instanceof DecideStep) {
            List<String> names = new ArrayList<>(((DecideStep) n.step).ruleSet().actions()
                .keySet());
            text = detail < names.size() ? "action " + names.get(detail) : "";
          }
          break;
        case REFUSED:
        case DEFERRED:
        case FALLBACK_REFUSED:
          text = Reason.values()[detail].name();
          break;
        case BRANCHED:
          text = "branch " + (detail + 1);
          break;
        case SPLIT:
          text = n != null ? "arm " + ((SplitStep) n.step).arms().get(detail).name() : "";
          break;
        case EXITED:
          text = e.exitReason().orElse("");
          break;
        default:
          break;
      }
    } else if (outcome == StepOutcome.FALLBACK_REFUSED) {
      text = "no channel left";
    }
    return new StepRecord(at, step, outcome, text);
  }

  // ------------------------------------------------------------------ helpers

  /** Puts an enrollment in the customer's record (a new one, or one replacing the last). */
  private static void store(Txn t, Enrollment e) {
    t.rec.putEnrollment(e);
  }

  private Enrollment record(Txn t, Enrollment e, int node, StepOutcome outcome, int detail) {
    // a detail that does not fit (an action past the 4,094th of a rule set) is left out
    int d = detail >= 0 && detail < NO_DETAIL ? detail : NO_DETAIL;
    long entry = (t.now.getEpochSecond() << 30) | ((long) (node + 1) << 18)
        | ((long) outcome.ordinal() << 12) | d;
    return e.record(entry, historyBound);
  }

  private Instant nextLocal(Txn t, WaitUntilStep w) {
    ZoneId zone = t.rec.preferences().timeZone().orElse(policy.defaultZone());
    ZonedDateTime local = t.now.atZone(zone);
    LocalDate day = local.toLocalDate();
    for (int i = 0; i < 3; i++) {
      Instant candidate = atLocal(LocalDateTime.of(day.plusDays(i), w.time()), zone);
      if (candidate.isAfter(t.now)) {
        return candidate;
      }
    }
    return t.now.plus(Duration.ofDays(1));
  }

  /**
   * The instant of a local time: in a daylight-saving gap, the end of the gap (the first
   * instant after it, as {@code WaitUntilStep} documents, where {@code ZonedDateTime.of} would
   * move it later by the gap's length); in an overlap, the earlier instant.
   */
  static Instant atLocal(LocalDateTime local, ZoneId zone) {
    ZoneRules rules = zone.getRules();
    List<ZoneOffset> offsets = rules.getValidOffsets(local);
    if (offsets.isEmpty()) {
      return rules.getTransition(local).getInstant();
    }
    return local.toInstant(offsets.get(0));
  }

  private static double fraction(String key) {
    long h = Hashing.murmur3_128().hashString(key, StandardCharsets.UTF_8).asLong();
    return (h >>> 11) * 0x1.0p-53;
  }

  private static String stableId(Txn t, Compiled c, Enrollment e, JourneyProgram.Node n,
      int attempt) {
    return stableId(t.id.value() + "\u0000" + c.journey.name() + "\u0000" + c.journey.version()
        + "\u0000" + e.sequence() + "\u0000" + n.index + "\u0000" + attempt);
  }

  private static String stableId(String key) {
    return "d:" + Hashing.murmur3_128().hashString(key, StandardCharsets.UTF_8);
  }
}
