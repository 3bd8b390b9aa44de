package dev.rapport.core.engine;

import dev.rapport.core.Consent;
import dev.rapport.core.Customer;
import dev.rapport.core.EngagementLevel;
import dev.rapport.core.EngagementModel;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.LifecycleModel;
import dev.rapport.core.LifecycleStage;
import dev.rapport.core.Moment;
import dev.rapport.core.Persona;
import dev.rapport.core.Segment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Profile derivation: what an event (or an identify) changes in how the engine sees a customer.
 * It records the event in the customer's history (and a consent event's consent), detects the
 * moments it reaches, recomputes personas and segments, the engagement level and the lifecycle
 * stage, and queues the events all of that emits (a moment reached, a segment entered), which
 * the call then processes in turn. A bounded number of emitted events per call keeps definitions
 * that depend on their own events from looping.
 */
final class Profiles {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  private static final int MAX_EMITTED_PER_CALL = 256;

  private final Names names;
  private final Inputs inputs;
  private final Conditions conditions;
  private final List<Persona> personas;
  private final List<Segment> segments;
  private final List<Moment> eventMoments;
  private final List<Moment> conditionMoments;
  private final EngagementModel engagementModel;
  private final LifecycleModel lifecycleModel;
  /** The shortest review period of the segments that ask for one, or null. */
  private final Duration segmentReview;
  private final int historySize;
  private final Duration retention;
  private final ValueRuntime values;

  Profiles(Names names, Inputs inputs, Conditions conditions, List<Persona> personas,
      List<Segment> segments, List<Moment> moments, EngagementModel engagementModel,
      LifecycleModel lifecycleModel, int historySize, Duration retention) {
    this.names = names;
    this.inputs = inputs;
    this.conditions = conditions;
    this.personas = List.copyOf(personas);
    this.segments = List.copyOf(segments);
    List<Moment> byEvent = new ArrayList<>();
    List<Moment> byCondition = new ArrayList<>();
    for (Moment m : moments) {
      (m.eventType().isPresent() ? byEvent : byCondition).add(m);
    }
    this.eventMoments = List.copyOf(byEvent);
    this.conditionMoments = List.copyOf(byCondition);
    this.engagementModel = engagementModel;
    this.lifecycleModel = lifecycleModel;
    Duration shortest = null;
    for (Segment sg : segments) {
      if (sg.review().isPresent()
          && (shortest == null || sg.review().get().compareTo(shortest) < 0)) {
        shortest = sg.review().get();
      }
    }
    this.segmentReview = shortest;
    this.historySize = historySize;
    this.retention = retention;
    this.values = names.values();
  }

  /** Records one event: its statistics, and its effect on consent for the standard events. */
  void record(Txn t, Event ev) {
    long cutoff = t.nowNanos - retention.toNanos();
    int type = names.type(ev.type());
    t.rec.recordEvent(type, ev.type(), ev, Times.ofMillis(Times.millis(cutoff)), historySize);
    if (type == Names.CONSENT_GRANTED || type == Names.CONSENT_REVOKED) {
      Consent c = inputs.consentOf(ev);
      t.rec.setConsent(names.channel(c.channel()), c);
    }
    if (values.hasRevenue()) {
      values.record(t, ev);
    }
  }

  /**
   * Detects the moments an event (or, for identify, a change) reaches, recomputes personas and
   * segments, and queues the events that follow.
   */
  void derive(Txn t, Event cause, Instant at, String causeId) {
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
          && Boolean.TRUE.equals(conditions.test("moment", m.name(), m.condition().get(), t))) {
        rec.reachMoment(mi, Times.of(at));
        emit(t, EventTypes.MOMENT_REACHED, at, causeId, EventTypes.MOMENT, m.name());
      }
    }
    long[] newPersonas = rec.personaBits().clone();
    for (int i = 0; i < personas.size(); i++) {
      Persona p = personas.get(i);
      Boolean in = conditions.test("persona", p.name(), p.condition(), t);
      if (in != null) {
        newPersonas[i >>> 6] = in ? newPersonas[i >>> 6] | (1L << i)
            : newPersonas[i >>> 6] & ~(1L << i);
      }
    }
    long[] newSegments = rec.segmentBits().clone();
    for (int i = 0; i < segments.size(); i++) {
      Segment sg = segments.get(i);
      Boolean in = conditions.test("segment", sg.name(), sg.condition(), t);
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
      if (t.personasBefore == null) {
        // where the customer counted in the score distributions when the call began
        t.personasBefore = rec.personaBits();
        t.segmentsBefore = rec.segmentBits();
      }
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
        && !engagementModel.dependsOn(cause.type()) && !lifecycleModel.dependsOn(cause.type())
        && (!values.hasScores() || !values.dependsOn(cause.type()))) {
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
      conditions.failed("engagement or lifecycle model", "standing", ex, t);
      return;
    }
    if (segmentReview != null) {
      Instant periodic = t.now.plus(segmentReview);
      review = Optional.of(review.filter(r -> r.isBefore(periodic)).orElse(periodic));
    }
    if (values.hasScores()) {
      // a score that falls with time is read again when it may leave its bucket
      Instant scoreReview = values.nextReview(view);
      if (scoreReview != null && scoreReview.isAfter(t.now)
          && review.map(r -> scoreReview.isBefore(r)).orElse(true)) {
        review = Optional.of(scoreReview);
      }
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
  void emit(Txn t, String type, Instant at, String causeId, String... properties) {
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
    t.enqueue(b.at(at));
  }

  private boolean reachedBy(Moment m, Event ev, Txn t) {
    try {
      return m.isReachedBy(ev);
    } catch (RuntimeException ex) {
      conditions.failed("moment", m.name(), ex, t);
      return false;
    }
  }
}
