package dev.rapport.core.engine;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Condition;
import dev.rapport.core.Event;
import dev.rapport.core.Properties;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.Placement;
import dev.rapport.core.decision.Recommendation;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Journeys.Compiled;
import dev.rapport.core.internal.Murmur3;
import dev.rapport.core.journey.BranchStep;
import dev.rapport.core.journey.CustomStep;
import dev.rapport.core.journey.DecideStep;
import dev.rapport.core.journey.EnrollmentStatus;
import dev.rapport.core.journey.ExitCriterion;
import dev.rapport.core.journey.Goal;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.Sent;
import dev.rapport.core.journey.SplitStep;
import dev.rapport.core.journey.StepContext;
import dev.rapport.core.journey.StepOutcome;
import dev.rapport.core.journey.StepResult;
import dev.rapport.core.journey.WaitForStep;
import dev.rapport.core.journey.WaitStep;
import dev.rapport.core.journey.WaitUntilStep;
import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.core.policy.Reason;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The journey step interpreter: entry, steps, waits, exits, goals.
 *
 * <p>Design note. Every method here is a step function in the sense of DESIGN §4: it reads the
 * customer's record in a {@link Txn}, and writes back the new record, the dispatches to make
 * (through the {@link Deliveries} ledger) and, through each enrollment's due time, the timers to
 * set. It touches nothing else: counters are added to the transaction and committed with it. So
 * a durable or distributed host runs the same function on its own state store.
 *
 * <p>An enrollment's position is an index into its version's {@link JourneyProgram}; the
 * {@link Journeys} registry keeps every version that was ever deployed, so running enrollments
 * keep theirs.
 */
final class Interpreter {
  private static final Duration GATE_RETRY = Duration.ofHours(1);

  private final Journeys journeys;
  private final Deliveries deliveries;
  private final Conditions conditions;
  private final Arbiter arbiter;
  private final MetricsRuntime metrics;
  private final ContactPolicy policy;
  private final int historyBound;

  /** Set once, while the engine is built, before any call. */
  private SendTimeRuntime sendTimes = SendTimeRuntime.NONE;

  Interpreter(Journeys journeys, Deliveries deliveries, Conditions conditions, Arbiter arbiter,
      MetricsRuntime metrics, ContactPolicy policy, int historyBound) {
    this.journeys = journeys;
    this.deliveries = deliveries;
    this.conditions = conditions;
    this.arbiter = arbiter;
    this.metrics = metrics;
    this.policy = policy;
    this.historyBound = historyBound;
  }

  /** Lets every journey react to one event of the customer. */
  void onEvent(Txn t, Event ev) {
    int count = t.rec.enrollmentCount();
    if (count > 0) {
      // reacting changes enrollments in place; none is added before the triggers below
      for (int i = 0; i < count; i++) {
        Enrollment e = t.rec.enrollmentAt(i);
        if (!e.isActive()) {
          continue;
        }
        Compiled c = journeys.compiled(e.journey(), e.version());
        if (c == null) {
          continue;
        }
        Enrollment out = react(t, c, e, ev);
        if (out != e) {
          store(t, out);
        }
      }
    }
    List<Compiled> candidates = journeys.triggeredBy(ev.type());
    if (candidates != null) {
      for (Compiled c : candidates) {
        if (triggered(t, c, ev)) {
          tryEnter(t, c, ev);
        }
      }
    }
  }

  private boolean triggered(Txn t, Compiled c, Event ev) {
    if (c.journey.trigger().properties().isEmpty()) {
      return c.journey.trigger().matches(ev);
    }
    return ev.type().equals(c.journey.trigger().eventType())
        && Boolean.TRUE.equals(conditions.testProperties("journey trigger", c.journey.name(),
            c.journey.trigger().properties().get(), ev.properties(), t));
  }

  private Enrollment react(Txn t, Compiled c, Enrollment e, Event ev) {
    Journey j = c.journey;
    if (c.goal != null && goalReachedBy(t, c, c.goal, ev)) {
      return reachGoal(t, c, e);
    }
    for (int i = 0; i < c.exits.length; i++) {
      ExitCriterion x = c.exits[i];
      if (c.exitTypes[i] != null && c.exitTypes[i].equals(ev.type()) && x.isMetBy(ev)) {
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
        if (w.eventType().equals(ev.type()) && (w.key().isEmpty() || sameKey(e, w, ev))
            && (w.properties().isEmpty()
            || Boolean.TRUE.equals(conditions.testProperties("journey '" + j.name() + "' step",
                n.describe(), w.properties().get(), ev.properties(), t)))) {
          Enrollment active = leaveWaiting(t, c, e);
          active = record(t, active, n.index, StepOutcome.RECEIVED, History.NO_DETAIL);
          return run(t, c, active.at(n.next));
        }
      } else if (n.kind == JourneyProgram.Kind.CUSTOM) {
        Enrollment after = custom(t, c, e, n, StepContext.Cause.EVENT, ev);
        return after.status() == EnrollmentStatus.ACTIVE ? run(t, c, after.at(n.next)) : after;
      }
    }
    return e;
  }

  /** The properties of an enrolling event that the journey's keyed waits will read. */
  private static Properties entryKeys(Compiled c, Event ev) {
    Map<String, Object> kept = new LinkedHashMap<>();
    for (String key : c.entryKeys) {
      Object v = ev.properties().get(key);
      if (v != null) {
        kept.put(key, v);
      }
    }
    return kept.isEmpty() ? Properties.of() : Properties.of(kept);
  }

  /**
   * The key a keyed wait looks for, read as it begins: from the enrolling event, or from the
   * customer's latest event of the named type; {@link Enrollment#MISSING} when there is none.
   */
  private static Object waitKey(Txn t, Enrollment e, WaitForStep w) {
    String key = w.key().get();
    Object v;
    if (w.keySource().isEmpty()) {
      v = e.entryKeys().get(key);
    } else {
      String type = w.keySource().get();
      int known = t.names.typeIfKnown(type);
      int slot = known < 0 ? -1 : t.rec.slot(known);
      Event latest = slot < 0 ? null : t.rec.newest(slot, type);
      v = latest == null ? null : latest.properties().get(key);
    }
    return v == null ? Enrollment.MISSING : v;
  }

  /** Whether an event carries the key the enrollment's keyed wait looks for. */
  private static boolean sameKey(Enrollment e, WaitForStep w, Event ev) {
    Object want = e.waitKey();
    return want != null && want != Enrollment.MISSING
        && want.equals(ev.properties().get(w.key().get()));
  }

  private boolean goalReachedBy(Txn t, Compiled c, Goal goal, Event ev) {
    try {
      return goal.isReachedBy(ev);
    } catch (RuntimeException ex) {
      conditions.failed("journey '" + c.journey.name() + "' goal", goal.name(), ex, t);
      return false;
    }
  }

  private void tryEnter(Txn t, Compiled c, Event ev) {
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
        conditions.test("journey entry condition", j.name(), j.entryCondition().get(), t))) {
      return;
    }
    boolean holdout = j.holdout() > 0
        && fraction(j.name() + "\u0000holdout\u0000" + t.id.value()) < j.holdout();
    int sequence = existing == null ? 1 : existing.sequence() + 1;
    Enrollment e = Enrollment.start(t.rec, j.name(), j.version(), sequence, holdout, t.nowNanos,
        c.program.start());
    if (c.entryKeys.length > 0) {
      e.restoreKeys(entryKeys(c, ev), null);
    }
    t.count(holdout ? c.counters.heldOut : c.counters.treated, 1);
    e = record(t, e, -1, StepOutcome.ENTERED, History.NO_DETAIL);
    store(t, run(t, c, e));
  }

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
        return record(t, done, -1, StepOutcome.COMPLETED, History.NO_DETAIL);
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
        case WAIT_FOR: {
          WaitForStep w = (WaitForStep) n.step;
          if (w.key().isPresent()) {
            e = e.keyWait(waitKey(t, e, w));
          }
          return waitAt(t, c, e, n, t.now.plus(w.atMost()), Times.NONE);
        }
        case BRANCH: {
          BranchStep b = (BranchStep) n.step;
          int taken = -1;
          for (int k = 0; k < b.branches().size() && taken < 0; k++) {
            if (Boolean.TRUE.equals(conditions.test(c.stepKind, n.describe(),
                b.branches().get(k).condition(), t))) {
              taken = k;
            }
          }
          if (taken >= 0) {
            e = record(t, e, n.index, StepOutcome.BRANCHED, taken).at(n.branchTargets[taken]);
          } else {
            e = record(t, e, n.index, StepOutcome.OTHERWISE, History.NO_DETAIL).at(n.otherwiseTarget);
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
        case CUSTOM: {
          Enrollment after = custom(t, c, e, n, StepContext.Cause.ARRIVED, null);
          if (after.status() != EnrollmentStatus.ACTIVE) {
            return after;
          }
          e = after.at(n.next);
          break;
        }
        default:
          throw new IllegalStateException("unknown step kind " + n.kind);
      }
    }
  }

  /** Condition exits and a moment goal, checked before every step and on every event. */
  private Enrollment checkConditions(Txn t, Compiled c, Enrollment e) {
    if (c.goalMoment != null) {
      long reached = t.rec.momentAt(t.names.moment(c.goalMoment));
      if (reached != Times.NONE && reached >= e.enteredAtNanos()) {
        return reachGoal(t, c, e);
      }
    }
    if (!c.conditionExits) {
      return e;
    }
    for (int i = 0; i < c.exits.length; i++) {
      ExitCriterion x = c.exits[i];
      if (x.condition().isPresent()
          && Boolean.TRUE.equals(conditions.test(c.exitKind, c.exitDescriptions[i],
              x.condition().get(), t))) {
        return exit(t, c, e, "exit when " + c.exitDescriptions[i], 3);
      }
    }
    return e;
  }

  private Enrollment send(Txn t, Compiled c, Enrollment e, JourneyProgram.Node n) {
    SendStep s = (SendStep) n.step;
    Action a = s.action();
    if (e.holdout()) {
      t.count(c.counters.held[n.index], 1);
      t.refused(a.name(), Reason.HOLDOUT, null, c.journey.name(), n.label, null, 1);
      return record(t, e, n.index, StepOutcome.HELD_OUT, History.NO_DETAIL);
    }
    if (s.bestTimeWithin().isPresent() && sendTimes.enabled()) {
      Enrollment timed = atBestTime(t, c, e, n, s);
      if (timed != null) {
        return timed;
      }
    }
    GateDecision g = gate(t, c, a);
    if (g.isAllowed()) {
      Channel channel = g.channel().orElseThrow();
      if (ActionHoldouts.withholds(t, a)) {
        return withheld(t, c, e, n, a, channel);
      }
      dispatch(t, c, n, a, channel, 1, stableId(t, c, e, n, 1), List.of());
      t.count(c.counters.sent[n.index], 1);
      return record(t, e, n.index, StepOutcome.SENT, a.channels().indexOf(channel));
    }
    Reason reason = g.reason().orElseThrow();
    t.count(c.counters.refused[n.index][reason.ordinal()], 1);
    t.refused(a.name(), reason, g.refusedOn().orElse(null), c.journey.name(), n.label, null, 1);
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

  /**
   * The gate's answer to a send of an action by a journey now, with what breached guardrails
   * hold back of it: the whole message, or some of its channels.
   */
  private GateDecision gate(Txn t, Compiled c, Action a) {
    MetricsRuntime.Pause pause = metrics.pause(Optional.of(c.journey.name()), a, t.now);
    return Gate.evaluate(policy, t.view(), t.rec.contacts(), a, t.now, pause.exclude(Set.of()),
        false, pause.reason());
  }

  /**
   * A send the gate allowed, withheld because the customer is in the action's holdout: refused
   * like a send the gate refuses for good, so the step goes on (it never waits: the customer
   * stays in the holdout), kept in the refusal log with the channel it would have gone on.
   */
  private Enrollment withheld(Txn t, Compiled c, Enrollment e, JourneyProgram.Node n, Action a,
      Channel channel) {
    t.count(c.counters.refused[n.index][Reason.ACTION_HOLDOUT.ordinal()], 1);
    t.refused(a.name(), Reason.ACTION_HOLDOUT, channel, c.journey.name(), n.label, null, 1);
    return record(t, e, n.index, StepOutcome.REFUSED, Reason.ACTION_HOLDOUT.ordinal());
  }

  /**
   * Holds a send for the customer's best hour: from the first try, the step may wait until the
   * window's end (kept as the enrollment's gate deadline); each try chooses again within what is
   * left, so a try at the chosen hour sends. Returns null when now is the time.
   */
  private Enrollment atBestTime(Txn t, Compiled c, Enrollment e, JourneyProgram.Node n,
      SendStep s) {
    long deadline = e.gateDeadlineNanos() != Times.NONE ? e.gateDeadlineNanos()
        : t.nowNanos + s.bestTimeWithin().orElseThrow().toNanos();
    SendTimeRuntime.Choice choice = sendTimes.choose(t.view(), t.rec.contacts(), s.action(),
        t.now, Times.instant(deadline));
    if (!choice.at().isAfter(t.now)) {
      return null;
    }
    Enrollment timed = record(t, e, n.index, StepOutcome.SCHEDULED, choice.detail(t.now));
    return waitAt(t, c, timed, n, choice.at(), deadline);
  }

  /** Sets the send-time optimisation the journeys' best-time sends use. */
  void sendTimes(SendTimeRuntime runtime) {
    this.sendTimes = runtime;
  }

  private Enrollment decide(Txn t, Compiled c, Enrollment e, JourneyProgram.Node n) {
    if (e.holdout()) {
      t.count(c.counters.held[n.index], 1);
      return record(t, e, n.index, StepOutcome.HELD_OUT, History.NO_DETAIL);
    }
    RuleSet rs = ((DecideStep) n.step).ruleSet();
    t.decidingJourney = c.journey.name();
    t.decidingStep = n.label;
    Decision d;
    try {
      d = arbiter.decideInJourney(t, rs, Placement.of("journey " + c.journey.name(), 1));
    } finally {
      t.decidingJourney = null;
      t.decidingStep = null;
    }
    if (d.best().isPresent()) {
      Recommendation r = d.best().get();
      dispatch(t, c, n, r.action(), r.channel(), 1, r.impressionId(), List.of());
      t.count(c.counters.sent[n.index], 1);
      return record(t, e, n.index, StepOutcome.SENT,
          new ArrayList<>(rs.actions().keySet()).indexOf(r.action().name()));
    }
    Reason reason = d.rejected().isEmpty() ? Reason.NO_CANDIDATE : d.rejected().get(0).reason();
    for (dev.rapport.core.decision.Rejection r : d.rejected()) {
      if (r.reason() == Reason.ACTION_HOLDOUT) {
        reason = r.reason(); // the winner was withheld: that, not a lesser candidate's refusal
        break;
      }
    }
    t.count(c.counters.refused[n.index][reason.ordinal()], 1);
    return record(t, e, n.index, StepOutcome.REFUSED, reason.ordinal());
  }

  private void dispatch(Txn t, Compiled c, JourneyProgram.Node n, Action a, Channel channel,
      int attempt, String id, List<Channel> triedBefore) {
    deliveries.dispatch(t, c.journeyName, c.journey.version(), n.index, n.describedStep(), a,
        channel, attempt, id, triedBefore);
  }

  private Enrollment waitAt(Txn t, Compiled c, Enrollment e, JourneyProgram.Node n, Instant due,
      long gateDeadline) {
    Instant at = due.isAfter(t.now) ? due : t.now.plusSeconds(1);
    if (e.status() != EnrollmentStatus.WAITING) {
      t.count(c.counters.waiting[n.index], 1);
    }
    Enrollment waiting = e.waitUntil(Times.of(at), gateDeadline, t.id.value());
    if (n.kind != JourneyProgram.Kind.SEND) {
      waiting = record(t, waiting, n.index, StepOutcome.WAITING, History.NO_DETAIL);
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
    return record(t, done, -1, StepOutcome.CONVERTED, History.NO_DETAIL);
  }

  private Enrollment exit(Txn t, Compiled c, Enrollment e, String reason, int detail) {
    Enrollment left = leaveWaiting(t, c, e);
    t.count(c.counters.exited, 1);
    Enrollment done = left.moveTo(EnrollmentStatus.EXITED, t.id.value(), t.nowNanos, reason);
    return record(t, done, -1, StepOutcome.EXITED, detail);
  }

  // ------------------------------------------------------------------ custom steps

  /**
   * Runs a custom step and applies its result: the enrollment comes back active (go on to the
   * next step), waiting at the step (until the instant it asked for), or ended. A step that
   * throws is counted like a failed condition and the enrollment exits (strict mode rethrows).
   */
  private Enrollment custom(Txn t, Compiled c, Enrollment e, JourneyProgram.Node n,
      StepContext.Cause cause, Event ev) {
    CustomStep step = (CustomStep) n.step;
    StepResult result;
    try {
      result = step.run(new CustomContext(t, c, e, n, cause, ev));
      if (result == null) {
        throw new IllegalStateException("custom step " + n.describe() + " returned null; return "
            + "StepResult.next(), waitUntil(...) or exit(...)");
      }
    } catch (RuntimeException ex) {
      conditions.failed("journey '" + c.journey.name() + "' step", n.describe(), ex, t);
      return exit(t, c, e, "step " + n.label + " failed", 4);
    }
    switch (result.kind()) {
      case NEXT:
        return leaveWaiting(t, c, e);
      case WAIT: {
        Enrollment waiting = e.memory(result.memory());
        Instant until = result.until().orElseThrow();
        if (waiting.status() == EnrollmentStatus.WAITING) {
          // still waiting at the step: only the instant (and the memory) change
          return waiting.waitUntil(Times.of(until.isAfter(t.now) ? until : t.now.plusSeconds(1)),
              Times.NONE, t.id.value());
        }
        return waitAt(t, c, waiting, n, until, Times.NONE);
      }
      default:
        return exit(t, c, e, result.reason().orElseThrow(), 4);
    }
  }

  /** What a custom step sees of its run. */
  private final class CustomContext implements StepContext {
    private final Txn t;
    private final Compiled c;
    private final Enrollment e;
    private final JourneyProgram.Node n;
    private final Cause cause;
    private final Event event;
    private int sends;

    CustomContext(Txn t, Compiled c, Enrollment e, JourneyProgram.Node n, Cause cause,
        Event event) {
      this.t = t;
      this.c = c;
      this.e = e;
      this.n = n;
      this.cause = cause;
      this.event = event;
    }

    @Override
    public Cause cause() {
      return cause;
    }

    @Override
    public dev.rapport.core.Customer customer() {
      return t.view();
    }

    @Override
    public Instant now() {
      return t.now;
    }

    @Override
    public Optional<Event> event() {
      return Optional.ofNullable(event);
    }

    @Override
    public long memory() {
      return e.memory();
    }

    @Override
    public Optional<Instant> waitingUntil() {
      return e.status() == EnrollmentStatus.WAITING ? e.dueAt() : Optional.empty();
    }

    @Override
    public double fraction(String key) {
      return Interpreter.fraction(c.journey.name() + "\u0000custom\u0000" + n.label + "\u0000"
          + key + "\u0000" + t.id.value());
    }

    @Override
    public Sent send(Action a) {
      CustomStep step = (CustomStep) n.step;
      if (a == null || !step.actions().contains(a)) {
        throw new IllegalArgumentException("journey '" + c.journey.name() + "', step "
            + n.describe() + ": sends " + (a == null ? "null" : "action '" + a.name() + "'")
            + ", which is not among the step's actions(); add it to actions() so that the "
            + "engine knows it");
      }
      if (e.holdout()) {
        t.count(c.counters.held[n.index], 1);
        record(t, e, n.index, StepOutcome.HELD_OUT, History.NO_DETAIL);
        return new Sent(Optional.empty(), Optional.of(Reason.HOLDOUT), "the customer is held "
            + "out of journey '" + c.journey.name() + "'");
      }
      GateDecision g = gate(t, c, a);
      if (g.isAllowed()) {
        Channel channel = g.channel().orElseThrow();
        if (ActionHoldouts.withholds(t, a)) {
          withheld(t, c, e, n, a, channel);
          return new Sent(Optional.empty(), Optional.of(Reason.ACTION_HOLDOUT), "the customer is "
              + "held out of action '" + a.name() + "'");
        }
        String id = Deliveries.stableId(t.id.value() + "\u0000" + c.journey.name() + "\u0000"
            + c.journey.version() + "\u0000" + e.sequence() + "\u0000" + n.index
            + "\u0000custom\u0000" + e.memory() + "\u0000" + t.nowNanos + "\u0000" + sends++);
        dispatch(t, c, n, a, channel, 1, id, List.of());
        t.count(c.counters.sent[n.index], 1);
        record(t, e, n.index, StepOutcome.SENT, History.sendDetail(n.step, a, channel));
        return new Sent(Optional.of(channel), Optional.empty(), "");
      }
      Reason reason = g.reason().orElseThrow();
      t.count(c.counters.refused[n.index][reason.ordinal()], 1);
      t.refused(a.name(), reason, g.refusedOn().orElse(null), c.journey.name(), n.label, null,
          1);
      record(t, e, n.index, StepOutcome.REFUSED, reason.ordinal());
      return new Sent(Optional.empty(), Optional.of(reason), g.detail());
    }
  }

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
      Compiled c = journeys.compiled(e.journey(), e.version());
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
          active = record(t, active, n.index, StepOutcome.TIMED_OUT, History.NO_DETAIL)
              .at(n.timeoutTarget);
          break;
        case CUSTOM: {
          Enrollment after = custom(t, c, active, n, StepContext.Cause.TIMER, null);
          if (after.status() != EnrollmentStatus.ACTIVE) {
            store(t, after);
            continue;
          }
          active = after.at(n.next);
          break;
        }
        default:
          // a deferred send: try it again, at the same step
          store(t, run(t, c, active, true));
          continue;
      }
      store(t, run(t, c, active));
    }
    deliveries.onTimers(t);
  }

  /** Puts an enrollment in the customer's record (a new one, or one replacing the last). */
  private static void store(Txn t, Enrollment e) {
    t.rec.putEnrollment(e);
  }

  private Enrollment record(Txn t, Enrollment e, int node, StepOutcome outcome, int detail) {
    return e.record(History.entry(t.now, node, outcome, detail), historyBound);
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

  /**
   * A customer's draw in [0, 1) for a key: the seeded hash every holdout, split and custom
   * step's fraction uses, the same on every run.
   */
  static double fraction(String key) {
    long h = Murmur3.hashString(key);
    return (h >>> 11) * 0x1.0p-53;
  }

  private static String stableId(Txn t, Compiled c, Enrollment e, JourneyProgram.Node n,
      int attempt) {
    return Deliveries.stableId(t.id.value() + "\u0000" + c.journey.name() + "\u0000" + c.journey.version()
        + "\u0000" + e.sequence() + "\u0000" + n.index + "\u0000" + attempt);
  }
}
