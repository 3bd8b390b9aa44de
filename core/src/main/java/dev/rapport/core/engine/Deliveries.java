package dev.rapport.core.engine;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Journeys.Compiled;
import dev.rapport.core.engine.PendingDispatch;
import dev.rapport.core.internal.Murmur3;
import dev.rapport.core.journey.EnrollmentStatus;
import dev.rapport.core.journey.StepOutcome;
import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.core.policy.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * The deliveries ledger, shared by journeys and {@code decideAndSend}: every dispatch made,
 * recorded as a contact (what the contact policy counts) and kept as pending while its action has
 * a channel left to fall back to; and what outcome events do to pending dispatches (a delivery
 * failure falls back to the next channel, an answer ends the wait, a response window that ends
 * unanswered falls back).
 *
 * <p>A fallback is the same message on the next channel: it is not counted against the caps
 * again, unless the attempt before it never reached the host (its dispatcher threw), in which
 * case it carries the message's charge.
 */
final class Deliveries {
  private static final Duration PENDING_TTL = Duration.ofDays(7);

  private final ContactPolicy policy;
  private final Journeys journeys;
  private final MetricsRuntime metrics;
  private final int historyBound;
  private final Duration contactRetention;

  Deliveries(ContactPolicy policy, Journeys journeys, MetricsRuntime metrics, int historyBound,
      Duration actionRetention, Duration attributionWindow) {
    this.policy = policy;
    this.journeys = journeys;
    this.metrics = metrics;
    this.historyBound = historyBound;
    Duration r = policy.retention().compareTo(actionRetention) > 0 ? policy.retention()
        : actionRetention;
    // long enough for outcome events to be attributed to the dispatch they answer
    Duration attribution = attributionWindow.compareTo(Duration.ofDays(7)) < 0
        ? Duration.ofDays(7) : attributionWindow;
    this.contactRetention = r.compareTo(attribution) < 0 ? attribution : r;
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

  /** Falls back, for every pending dispatch of the customer whose response window ended. */
  void onTimers(Txn t) {
    for (PendingDispatch p : t.rec.pending()) {
      if (p.responseDeadline().isPresent() && !p.responseDeadline().get().isAfter(t.now)) {
        fallback(t, p);
      }
    }
  }

  /** Lets an outcome event answer the pending dispatch it names (a fallback on failure). */
  void onEvent(Txn t, Event ev) {
    if (ev.properties().has(EventTypes.DISPATCH_ID)) {
      onOutcome(t, ev);
    }
  }

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
    Action a = journeys.action(p.action());
    if (a == null) {
      return;
    }
    Compiled c = p.journey().map(j -> journeys.compiled(j, p.journeyVersion())).orElse(null);
    JourneyProgram.Node n = c != null && p.step() >= 0 ? c.program.node(p.step()) : null;
    Enrollment e = c == null ? null : t.rec.enrollment(c.journey.name());
    boolean sameEnrollment = e != null && e.version() == p.journeyVersion() && n != null;
    if (c != null && (!sameEnrollment || e.status() == EnrollmentStatus.EXITED
        || e.status() == EnrollmentStatus.CONVERTED)) {
      // the customer left the journey (or converted): its messages stop, fallbacks too
      return;
    }
    MetricsRuntime.Pause pause = metrics.pause(p.journey(), a, t.now);
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
        store(t, record(t, e, n.index, StepOutcome.FALLBACK_SENT,
            History.sendDetail(n.step, a, channel)));
      }
      return;
    }
    refusedFallback(t, p, a, g, n);
    if (g.reason().orElseThrow() == Reason.QUIET_HOURS_DEFERRED
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
          g.reason().map(Enum::ordinal).orElse(History.NO_DETAIL)));
    }
  }

  /**
   * Keeps the refusal of a fallback in the customer's record: a journey's names its journey and
   * step, a decision's the placement of its impression (the dispatch id is the impression's).
   */
  private static void refusedFallback(Txn t, PendingDispatch p, Action a, GateDecision g,
      JourneyProgram.Node n) {
    String placement = null;
    if (p.journey().isEmpty()) {
      placement = "";
      long key = Impression.keyOf(p.dispatchId());
      for (Impression i : t.rec.impressions()) {
        if (i.hasId(p.dispatchId(), key)) {
          placement = i.placement();
          break;
        }
      }
    }
    t.refused(a.name(), g.reason().orElseThrow(), g.refusedOn().orElse(null),
        p.journey().orElse(null), n != null ? n.label : null, placement, p.attempt() + 1);
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
    Compiled c = journeys.compiled(d.journey().get(), d.journeyVersion());
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
        node >= 0 ? History.sendDetail(c.program.node(node).step, d.action(), d.channel())
            : d.action().channels().indexOf(d.channel())));
  }

  private static void store(Txn t, Enrollment e) {
    t.rec.putEnrollment(e);
  }

  private Enrollment record(Txn t, Enrollment e, int node, StepOutcome outcome, int detail) {
    return e.record(History.entry(t.now, node, outcome, detail), historyBound);
  }

  /** A stable dispatch id: the hash of what identifies the message. */
  static String stableId(String key) {
    return new Murmur3().putString(key).hex("d:");
  }
}
