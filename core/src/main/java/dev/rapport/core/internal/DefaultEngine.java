package dev.rapport.core.internal;

import com.google.common.util.concurrent.Striped;
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
import dev.rapport.core.engine.CustomerState;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.EngineStatistics;
import dev.rapport.core.engine.EventTypeStats;
import dev.rapport.core.engine.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;
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
public final class DefaultEngine implements Engine {
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
  private final Striped<Lock> locks = Striped.lock(1024);

  private final LongAdder tracked = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder emitted = new LongAdder();
  private final LongAdder identifies = new LongAdder();
  private final LongAdder conditionFailures = new LongAdder();
  private final LongAdder conflictRetries = new LongAdder();

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
    Set<Channel> known = new HashSet<>(Channel.standard());
    known.addAll(b.channels);
    this.channels = Set.copyOf(known);
    this.historySize = b.historySize == null ? 32 : b.historySize;
    this.retention = b.retention == null ? Duration.ofDays(400) : b.retention;
    this.strict = b.strict;
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
    for (Profile.ConsentChange c : profile.consents()) {
      checkKnown(c.channel(), "identify(\"" + customerId + "\"): consent");
    }
    withLock(id, () -> update(id, before -> {
      Instant now = now();
      Work work = new Work();
      Traits traits = before.traits().merge(profile.traits());
      for (String name : profile.unset()) {
        traits = traits.remove(name);
      }
      CustomerState st = before.withTraits(traits);
      for (Profile.ConsentChange c : profile.consents()) {
        st = st.withConsent(Consent.of(c.channel(), c.purpose(), c.status(), c.at().orElse(now)));
      }
      if (profile.preferences().isPresent()) {
        st = st.withPreferences(profile.preferences().get());
      }
      Deque<Event> queue = new ArrayDeque<>();
      st = derive(st, null, now, "identify@" + now.toEpochMilli(), now, queue, work);
      st = drain(st, queue, now, work);
      work.identified = true;
      return new Transition<>(st, null, work);
    }));
  }

  @Override
  public boolean track(Event event) {
    if (event == null) {
      throw new IllegalArgumentException("track(event): event is null; give an Event");
    }
    checkStandardEvent(event);
    Boolean processed = withLock(event.customer(), () -> update(event.customer(), before -> {
      Work work = new Work();
      if (before.hasSeen(event.id())) {
        work.duplicates = 1;
        return new Transition<>(before, false, work);
      }
      Instant now = now();
      Deque<Event> queue = new ArrayDeque<>();
      queue.add(event);
      CustomerState st = drain(before.withSeen(event.id()), queue, now, work);
      work.tracked = 1;
      return new Transition<>(st, true, work);
    }));
    if (LOG.isDebugEnabled()) {
      LOG.debug("track {} {} {}: {}", event.customer(), event.type(), event.id(),
          processed ? "processed" : "duplicate, ignored");
    }
    return processed;
  }

  @Override
  public boolean forget(String customerId) {
    CustomerId id = CustomerId.of(customerId);
    boolean removed = withLock(id, () -> store.remove(id));
    LOG.info("forgot customer {} ({})", id, removed ? "erased" : "nothing held");
    return removed;
  }

  @Override
  public Optional<Customer> customer(String customerId) {
    CustomerId id = CustomerId.of(customerId);
    Instant now = now();
    return store.get(id).map(s -> new CustomerView(s.state(), now, retention));
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public EngineStatistics statistics() {
    return new EngineStatistics(tracked.sum(), duplicates.sum(), emitted.sum(), identifies.sum(),
        conditionFailures.sum(), conflictRetries.sum());
  }

  // ---------------------------------------------------------------- validation at the boundary

  private void checkStandardEvent(Event event) {
    String type = event.type();
    if (type.equals(EventTypes.CONSENT_GRANTED) || type.equals(EventTypes.CONSENT_REVOKED)) {
      consentOf(event);
    }
  }

  /** Reads the consent a standard consent event records, or fails naming what is wrong. */
  private Consent consentOf(Event event) {
    String where = "event '" + event.type() + "' (" + event.id() + ") of customer '"
        + event.customer() + "'";
    Object channelName = event.properties().get(EventTypes.CHANNEL);
    if (!(channelName instanceof String)) {
      throw new IllegalArgumentException(where + ": property 'channel' is "
          + (channelName == null ? "missing" : "not a string (" + channelName + ")")
          + "; give the channel's name, such as \"email\"");
    }
    Channel channel;
    try {
      channel = Channel.of((String) channelName);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": property 'channel' " + e.getMessage(), e);
    }
    checkKnown(channel, where + ": property 'channel'");
    Object purposeName = event.properties().get(EventTypes.PURPOSE);
    Purpose purpose = Purpose.MARKETING;
    if (purposeName != null) {
      if (!(purposeName instanceof String)) {
        throw new IllegalArgumentException(where + ": property 'purpose' is not a string ("
            + purposeName + "); give \"marketing\" or \"transactional\"");
      }
      try {
        purpose = Purpose.parse((String) purposeName);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": property 'purpose' has an "
            + e.getMessage(), e);
      }
    }
    ConsentStatus status = event.type().equals(EventTypes.CONSENT_GRANTED)
        ? ConsentStatus.GRANTED : ConsentStatus.DENIED;
    return Consent.of(channel, purpose, status, event.time());
  }

  private void checkKnown(Channel channel, String where) {
    if (!channels.contains(channel)) {
      throw new IllegalArgumentException(where + " names unknown channel '" + channel
          + "'; declare it with Engine.builder().channels(Channel.of(\"" + channel
          + "\")) or use one of " + new TreeSet<>(channels.stream().map(Channel::name).toList()));
    }
  }

  // ---------------------------------------------------------------- state transitions

  /** Applies every queued event in turn, each possibly queueing the events it causes. */
  private CustomerState drain(CustomerState st, Deque<Event> queue, Instant now, Work work) {
    CustomerState current = st;
    while (!queue.isEmpty()) {
      Event ev = queue.poll();
      current = record(current, ev, now);
      current = derive(current, ev, ev.time(), ev.id(), now, queue, work);
    }
    return current;
  }

  /** Records one event: its statistics, and its effect on consent for the standard events. */
  private CustomerState record(CustomerState st, Event ev, Instant now) {
    long cutoff = now.minus(retention).toEpochMilli();
    CustomerState out = st.withEvents(ev.type(), st.events(ev.type())
        .map(s -> s.plus(ev, cutoff, historySize))
        .orElseGet(() -> EventTypeStats.first(ev, historySize)));
    String type = ev.type();
    if (type.equals(EventTypes.CONSENT_GRANTED) || type.equals(EventTypes.CONSENT_REVOKED)) {
      out = out.withConsent(consentOf(ev));
    }
    return out;
  }

  /**
   * Detects the moments an event (or, for identify, a change) reaches, recomputes personas and
   * segments, and queues the events that follow.
   */
  private CustomerState derive(CustomerState st, Event cause, Instant at, String causeId,
      Instant now, Deque<Event> queue, Work work) {
    CustomerState out = st;
    if (cause != null) {
      for (Moment m : eventMoments) {
        if (!out.moments().containsKey(m.name()) && reachedBy(m, cause, work)) {
          out = out.withMoment(m.name(), cause.time());
          emit(queue, work, out.id(), EventTypes.MOMENT_REACHED, EventTypes.MOMENT, m.name(),
              at, causeId);
        }
      }
    }
    Customer view = new CustomerView(out, now, retention);
    for (Moment m : conditionMoments) {
      if (!out.moments().containsKey(m.name())
          && Boolean.TRUE.equals(test("moment", m.name(), m.condition().get(), view, work))) {
        out = out.withMoment(m.name(), at);
        emit(queue, work, out.id(), EventTypes.MOMENT_REACHED, EventTypes.MOMENT, m.name(), at,
            causeId);
      }
    }
    Set<String> newPersonas = new LinkedHashSet<>();
    for (Persona p : personas) {
      Boolean in = test("persona", p.name(), p.condition(), view, work);
      if (in == null ? out.personas().contains(p.name()) : in) {
        newPersonas.add(p.name());
      }
    }
    Set<String> newSegments = new LinkedHashSet<>();
    for (Segment s : segments) {
      Boolean in = test("segment", s.name(), s.condition(), view, work);
      if (in == null ? out.segments().contains(s.name()) : in) {
        newSegments.add(s.name());
      }
    }
    for (Persona p : personas) {
      membershipEvents(queue, work, out, p.name(), out.personas().contains(p.name()),
          newPersonas.contains(p.name()), EventTypes.PERSONA_ENTERED, EventTypes.PERSONA_EXITED,
          EventTypes.PERSONA, at, causeId);
    }
    for (Segment s : segments) {
      membershipEvents(queue, work, out, s.name(), out.segments().contains(s.name()),
          newSegments.contains(s.name()), EventTypes.SEGMENT_ENTERED, EventTypes.SEGMENT_EXITED,
          EventTypes.SEGMENT, at, causeId);
    }
    return out.withMemberships(newPersonas, newSegments);
  }

  private void membershipEvents(Deque<Event> queue, Work work, CustomerState st, String name,
      boolean was, boolean is, String enteredType, String exitedType, String property,
      Instant at, String causeId) {
    if (was != is) {
      emit(queue, work, st.id(), is ? enteredType : exitedType, property, name, at, causeId);
    }
  }

  private void emit(Deque<Event> queue, Work work, CustomerId customer, String type,
      String property, String name, Instant at, String causeId) {
    if (work.emitted >= MAX_EMITTED_PER_CALL) {
      if (!work.overflowed) {
        work.overflowed = true;
        LOG.warn("customer {}: more than {} events emitted by one call; stopped emitting. "
            + "A persona, segment or moment condition probably depends on its own events.",
            customer, MAX_EMITTED_PER_CALL);
      }
      return;
    }
    work.emitted++;
    queue.add(Event.builder(customer, type)
        .id(causeId + "/" + work.emitted)
        .with(property, name)
        .at(at));
  }

  private boolean reachedBy(Moment m, Event ev, Work work) {
    try {
      return m.isReachedBy(ev);
    } catch (RuntimeException ex) {
      return failed("moment", m.name(), ex, work);
    }
  }

  private Boolean test(String kind, String name, Condition c, Customer view, Work work) {
    try {
      return c.test(view);
    } catch (RuntimeException ex) {
      failed(kind, name, ex, work);
      return null;
    }
  }

  private boolean failed(String kind, String name, RuntimeException ex, Work work) {
    if (strict) {
      throw new IllegalStateException(kind + " '" + name + "': its condition threw "
          + ex.getClass().getName() + " (strict mode); fix the condition", ex);
    }
    work.conditionFailures++;
    // the exception's message may quote customer data: only its class above DEBUG
    LOG.warn("{} '{}': condition threw {}; skipped", kind, name, ex.getClass().getName());
    LOG.debug("{} '{}': condition failure", kind, name, ex);
    return false;
  }

  // ---------------------------------------------------------------- plumbing

  private <R> R withLock(CustomerId id, java.util.function.Supplier<R> body) {
    Lock lock = locks.get(id);
    lock.lock();
    try {
      return body.get();
    } finally {
      lock.unlock();
    }
  }

  private <R> R update(CustomerId id, Function<CustomerState, Transition<R>> step) {
    for (int attempt = 0; ; attempt++) {
      Optional<StateStore.Stored> stored = store.get(id);
      CustomerState before = stored.map(StateStore.Stored::state)
          .orElseGet(() -> CustomerState.empty(id));
      long version = stored.map(StateStore.Stored::version).orElse(0L);
      Transition<R> t = step.apply(before);
      if (t.state == before || store.put(id, t.state, version).isPresent()) {
        t.work.commit(this);
        return t.value;
      }
      conflictRetries.increment();
      if (attempt >= MAX_CONFLICT_RETRIES) {
        throw new ConcurrentModificationException("customer '" + id + "': the state store kept "
            + "reporting concurrent changes after " + attempt + " retries");
      }
    }
  }

  /** A new state, the value to return, and the counters to add once it is written. */
  private static final class Transition<R> {
    final CustomerState state;
    final R value;
    final Work work;

    Transition(CustomerState state, R value, Work work) {
      this.state = state;
      this.value = value;
      this.work = work;
    }
  }

  /** What one call did, added to the engine's counters only if its state was written. */
  private static final class Work {
    int tracked;
    int duplicates;
    int emitted;
    int conditionFailures;
    boolean identified;
    boolean overflowed;

    void commit(DefaultEngine e) {
      e.tracked.add(tracked);
      e.duplicates.add(duplicates);
      e.emitted.add(emitted);
      e.conditionFailures.add(conditionFailures);
      if (identified) {
        e.identifies.increment();
      }
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
    public Engine.Builder strict(boolean strict) {
      this.strict = strict;
      return this;
    }

    @Override
    public Engine build() {
      unique("persona", personas, Persona::name);
      unique("segment", segments, Segment::name);
      unique("moment", moments, Moment::name);
      return new DefaultEngine(this);
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
