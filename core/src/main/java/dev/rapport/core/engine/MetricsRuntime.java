package dev.rapport.core.engine;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Customer;
import dev.rapport.core.CustomerId;
import dev.rapport.core.EngagementLevel;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.LifecycleStage;
import dev.rapport.core.Purpose;
import dev.rapport.core.engine.CustomerState;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.journey.Enrollment;
import dev.rapport.core.measure.Breakdown;
import dev.rapport.core.measure.Guardrail;
import dev.rapport.core.measure.GuardrailListener;
import dev.rapport.core.measure.GuardrailState;
import dev.rapport.core.measure.Metric;
import dev.rapport.core.measure.MetricValue;
import dev.rapport.core.measure.ThemeStats;
import dev.rapport.core.policy.Contact;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measurement at run time: metric aggregates per dimension, guardrail states and the pauses
 * they impose, survey themes, moment reach, and the distribution of engagement levels and
 * lifecycle stages.
 *
 * <p>Design note. Everything here is fed once per committed engine call, with the events the
 * call processed, its dispatches (as {@code dispatched} notices) and the customer's state after
 * it; so a call retried after a concurrent change is counted once. Metrics are engine-level
 * aggregates of many customers, kept in memory: they are not customer state and do not go
 * through the state store.
 */
final class MetricsRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsRuntime.class);
  private static final int TIME_SAMPLES = 10_000;

  private final List<Metric> metrics;
  private final Map<String, Metric> byName;
  private final Map<String, ConcurrentHashMap<String, Aggregate>> aggregates =
      new LinkedHashMap<>();
  private final List<Guardrail> guardrails;
  private final GuardrailStatus[] status;
  private final List<GuardrailListener> listeners;
  private volatile boolean anyBreached;
  private final List<String> momentOrder;
  private final Map<String, MomentCounters> moments = new LinkedHashMap<>();
  private final Map<EngagementLevel, LongAdder> engagement = new EnumMap<>(EngagementLevel.class);
  private final Map<LifecycleStage, LongAdder> stages = new EnumMap<>(LifecycleStage.class);
  private final ConcurrentHashMap<String, Theme> themes = new ConcurrentHashMap<>();
  private final java.util.concurrent.ConcurrentLinkedQueue<Notice> notices =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  /** A guardrail's live state. */
  private static final class GuardrailStatus {
    volatile boolean breached;
    volatile double value = Double.NaN;
    volatile long sample;
    volatile Instant since;
  }

  /** A moment's reach. */
  private static final class MomentCounters {
    final LongAdder reached = new LongAdder();
    final LongAdder afterPrevious = new LongAdder();
    final long[] samples = new long[TIME_SAMPLES];
    long sampled;

    synchronized void sample(long seconds) {
      samples[(int) (sampled % TIME_SAMPLES)] = seconds;
      sampled++;
    }

    synchronized Optional<Duration> median() {
      int n = (int) Math.min(sampled, TIME_SAMPLES);
      if (n == 0) {
        return Optional.empty();
      }
      long[] copy = java.util.Arrays.copyOf(samples, n);
      java.util.Arrays.sort(copy);
      return Optional.of(Duration.ofSeconds(copy[n / 2]));
    }
  }

  /** A survey theme. */
  private static final class Theme {
    long answers;
    long scored;
    double scoreSum;
    final Set<CustomerId> customers = ConcurrentHashMap.newKeySet();
    volatile boolean resolved;
  }

  MetricsRuntime(List<Metric> metrics, List<Guardrail> guardrails,
      List<GuardrailListener> listeners, List<String> momentOrder) {
    this.metrics = List.copyOf(metrics);
    Map<String, Metric> names = new LinkedHashMap<>();
    for (Metric m : metrics) {
      if (names.put(m.name(), m) != null) {
        throw new IllegalStateException("engine: metric '" + m.name()
            + "' is declared twice; give each metric a unique name");
      }
      aggregates.put(m.name(), new ConcurrentHashMap<>());
    }
    this.byName = Map.copyOf(names);
    for (Guardrail g : guardrails) {
      Metric m = names.get(g.metric().name());
      if (m == null) {
        throw new IllegalStateException("engine: guardrail '" + g + "' watches metric '"
            + g.metric().name() + "', which the engine does not compute; add it with "
            + "Engine.builder().metrics(...)");
      }
      Breakdown needed = g.scope() == Guardrail.Scope.JOURNEY ? Breakdown.JOURNEY
          : g.scope() == Guardrail.Scope.ACTION ? Breakdown.ACTION
          : g.scope() == Guardrail.Scope.CHANNEL ? Breakdown.CHANNEL : null;
      if (needed != null && !m.breakdowns().contains(needed)) {
        throw new IllegalStateException("engine: guardrail '" + g + "' watches one "
            + needed.name().toLowerCase(java.util.Locale.ROOT) + " but metric '" + m.name()
            + "' does not break down by it; use metric.by(Breakdown." + needed.name() + ")");
      }
    }
    this.guardrails = List.copyOf(guardrails);
    this.status = new GuardrailStatus[guardrails.size()];
    for (int i = 0; i < status.length; i++) {
      status[i] = new GuardrailStatus();
    }
    this.listeners = List.copyOf(listeners);
    this.momentOrder = List.copyOf(momentOrder);
    for (String m : momentOrder) {
      moments.put(m, new MomentCounters());
    }
    for (EngagementLevel l : EngagementLevel.values()) {
      engagement.put(l, new LongAdder());
    }
    for (LifecycleStage s : LifecycleStage.values()) {
      stages.put(s, new LongAdder());
    }
  }

  // ------------------------------------------------------------------ feeding

  /**
   * What one call adds to the measures: computed by {@link #prepare} before the call's state is
   * stored (it runs the host's metric definitions, which may throw), applied by {@link #apply}
   * once it is (which runs nothing of the host's and cannot fail).
   */
  static final class Observation {
    final CustomerState before;
    final CustomerState after;
    final List<Event> events;
    final List<Delta> deltas;

    Observation(CustomerState before, CustomerState after, List<Event> events,
        List<Delta> deltas) {
      this.before = before;
      this.after = after;
      this.events = events;
      this.deltas = deltas;
    }
  }

  /** One observation of one metric, and the dimensions it counts in besides global. */
  private record Delta(Metric metric, long at, long num, long num2, long den, double sum,
      List<String> dimensions) {}

  /** Receives a metric definition that threw; returns normally to skip the observation. */
  interface FailureSink {
    /**
     * Counts (or, in strict mode, rethrows) a failure of a metric's definition.
     *
     * @param metric the metric's name
     * @param ex what it threw
     */
    void failed(String metric, RuntimeException ex);
  }

  /**
   * Computes what one call adds to the measures: its events and dispatches (as {@code
   * dispatched} notices), with the customer as they are after it and the standing before it (for
   * the distributions). Nothing is changed until {@link #apply}.
   */
  Observation prepare(CustomerState before, CustomerState after,
      java.util.function.Supplier<Customer> viewOf, List<Event> events,
      List<Dispatch> dispatches, FailureSink failures) {
    if (metrics.isEmpty()) {
      return new Observation(before, after, events, List.of());
    }
    Customer view = viewOf.get();
    List<Event> all = events;
    if (!dispatches.isEmpty()) {
      all = new ArrayList<>(events.size() + dispatches.size());
      all.addAll(events);
      for (Dispatch d : dispatches) {
        Event.Builder notice = Event.builder(d.customer(), EventTypes.DISPATCHED)
            .id("dispatched:" + d.id())
            .with(EventTypes.DISPATCH_ID, d.id())
            .with(EventTypes.ACTION, d.action().name())
            .with(EventTypes.CHANNEL, d.channel().name());
        d.journey().ifPresent(j -> notice.with(EventTypes.JOURNEY, j));
        all.add(notice.at(d.at()));
      }
    }
    List<Delta> deltas = new ArrayList<>(0);
    for (Event e : all) {
      for (Metric m : metrics) {
        try {
          Delta d = delta(m, e, after, view);
          if (d != null) {
            deltas.add(d);
          }
        } catch (RuntimeException ex) {
          failures.failed(m.name(), ex);
        }
      }
    }
    return new Observation(before, after, events, deltas);
  }

  /** Applies what {@link #prepare} computed, once the call's state is stored. */
  void apply(Observation o, Instant now) {
    standings(o.before, o.after);
    long nowMillis = now.toEpochMilli();
    for (Delta d : o.deltas) {
      ConcurrentHashMap<String, Aggregate> dims = aggregates.get(d.metric().name());
      add(d.metric(), dims, "global", d, nowMillis);
      for (String dim : d.dimensions()) {
        add(d.metric(), dims, dim, d, nowMillis);
      }
    }
    for (Event e : o.events) {
      if (e.type().equals(EventTypes.MOMENT_REACHED)) {
        reached(e, o.after);
      } else if (e.type().equals(EventTypes.SURVEY_ANSWERED)) {
        surveyed(e);
      }
    }
  }

  /** The change one event makes to one metric, or null; runs the metric's definition. */
  private static Delta delta(Metric m, Event e, CustomerState state, Customer view) {
    long dNum = 0;
    long dNum2 = 0;
    long dDen = 0;
    double dSum = 0;
    switch (m.kind()) {
      case RATE:
        dNum = m.hit().orElseThrow().test(e, view) ? 1 : 0;
        dDen = m.population().test(e, view) ? 1 : 0;
        break;
      case SHARE:
        if (m.population().test(e, view)) {
          dDen = 1;
          dNum = m.hit().orElseThrow().test(e, view) ? 1 : 0;
        }
        break;
      case NET_SHARE:
        if (m.population().test(e, view)) {
          dDen = 1;
          dNum = m.hit().orElseThrow().test(e, view) ? 1 : 0;
          dNum2 = m.detractors().orElseThrow().test(e, view) ? 1 : 0;
        }
        break;
      default:
        if (m.population().test(e, view)) {
          OptionalDouble v = m.value().orElseThrow().value(e, view);
          if (v.isPresent() && Double.isFinite(v.getAsDouble())) {
            dDen = 1;
            dSum = v.getAsDouble();
          }
        }
    }
    if (dNum == 0 && dNum2 == 0 && dDen == 0) {
      return null;
    }
    List<String> dims = m.breakdowns().isEmpty() ? List.of()
        : dimensions(m.breakdowns(), e, state);
    return new Delta(m, e.time().toEpochMilli(), dNum, dNum2, dDen, dSum, dims);
  }

  private void add(Metric m, ConcurrentHashMap<String, Aggregate> dims, String dim, Delta d,
      long now) {
    Aggregate a = dims.computeIfAbsent(dim,
        k -> new Aggregate(m.window().orElse(null), m.lastN().orElse(0)));
    a.add(d.at(), d.num(), d.num2(), d.den(), d.sum(), now);
    if (!guardrails.isEmpty()) {
      check(m, dim, a, now);
    }
  }

  /** The dimensions an observation belongs to, besides global. */
  private static List<String> dimensions(Set<Breakdown> breakdowns, Event e,
      CustomerState state) {
    List<String> out = new ArrayList<>(4);
    boolean dispatchDims = breakdowns.contains(Breakdown.JOURNEY)
        || breakdowns.contains(Breakdown.ACTION) || breakdowns.contains(Breakdown.CHANNEL);
    if (dispatchDims) {
      String journey = null;
      String action = null;
      String channel = null;
      if (e.type().equals(EventTypes.DISPATCHED)) {
        journey = string(e, EventTypes.JOURNEY);
        action = string(e, EventTypes.ACTION);
        channel = string(e, EventTypes.CHANNEL);
      } else if (e.properties().get(EventTypes.DISPATCH_ID) instanceof String) {
        String id = (String) e.properties().get(EventTypes.DISPATCH_ID);
        for (Contact c : state.contacts()) {
          if (c.dispatchId().equals(id)) {
            journey = c.journey().orElse(null);
            action = c.action();
            channel = c.channel().name();
          }
        }
      }
      if (journey != null && breakdowns.contains(Breakdown.JOURNEY)) {
        out.add("journey:" + journey);
      }
      if (action != null && breakdowns.contains(Breakdown.ACTION)) {
        out.add("action:" + action);
      }
      if (channel != null && breakdowns.contains(Breakdown.CHANNEL)) {
        out.add("channel:" + channel);
      }
    }
    if (breakdowns.contains(Breakdown.PERSONA)) {
      for (String p : state.personas()) {
        out.add("persona:" + p);
      }
    }
    if (breakdowns.contains(Breakdown.SEGMENT)) {
      for (String s : state.segments()) {
        out.add("segment:" + s);
      }
    }
    if (breakdowns.contains(Breakdown.ARM)) {
      for (Enrollment en : state.enrollments().values()) {
        out.add("arm:" + en.journey() + "/" + (en.holdout() ? "holdout" : "treated"));
        for (String arm : en.arms()) {
          out.add("arm:" + en.journey() + "/" + arm);
        }
      }
    }
    return out;
  }

  /** A string property, or null when absent or not a string (the boundary refuses those). */
  private static String string(Event e, String property) {
    Object v = e.properties().get(property);
    return v instanceof String ? (String) v : null;
  }

  private void reached(Event e, CustomerState state) {
    Object name = e.properties().get(EventTypes.MOMENT);
    MomentCounters c = moments.get(name);
    if (c == null) {
      return;
    }
    c.reached.increment();
    int i = momentOrder.indexOf(name);
    if (i > 0 && state.moments().containsKey(momentOrder.get(i - 1))) {
      c.afterPrevious.increment();
    }
    Instant first = null;
    for (var entry : state.events().entrySet()) {
      if (EventTypes.emittedByEngine().contains(entry.getKey())) {
        continue;
      }
      Instant f = entry.getValue().first();
      if (first == null || f.isBefore(first)) {
        first = f;
      }
    }
    if (first != null && !e.time().isBefore(first)) {
      c.sample(Duration.between(first, e.time()).toSeconds());
    }
  }

  private void surveyed(Event e) {
    List<Object> raised = e.properties().getList(EventTypes.THEMES);
    Object score = e.properties().get(EventTypes.SCORE);
    for (Object t : raised) {
      if (!(t instanceof String) || ((String) t).isBlank()) {
        continue;
      }
      Theme theme = themes.computeIfAbsent((String) t, k -> new Theme());
      synchronized (theme) {
        theme.answers++;
        if (score instanceof Number) {
          theme.scored++;
          theme.scoreSum += ((Number) score).doubleValue();
        }
      }
      theme.customers.add(e.customer());
    }
  }

  private void standings(CustomerState before, CustomerState after) {
    var b = before == null ? Optional.<dev.rapport.core.engine.Standing>empty()
        : before.standing();
    var a = after == null ? Optional.<dev.rapport.core.engine.Standing>empty() : after.standing();
    if (b.equals(a)) {
      return;
    }
    b.ifPresent(s -> {
      engagement.get(s.engagement()).decrement();
      stages.get(s.stage()).decrement();
    });
    a.ifPresent(s -> {
      engagement.get(s.engagement()).increment();
      stages.get(s.stage()).increment();
    });
  }

  /**
   * Forgets a customer: their themes, their place in the distributions and in moment reach
   * (the time-to-moment samples are anonymous and stay).
   */
  void forget(CustomerState state) {
    standings(state, null);
    Map<String, Instant> reached = state.moments();
    for (int i = 0; i < momentOrder.size(); i++) {
      Instant at = reached.get(momentOrder.get(i));
      MomentCounters c = moments.get(momentOrder.get(i));
      if (at == null || c == null) {
        continue;
      }
      c.reached.decrement();
      Instant previous = i > 0 ? reached.get(momentOrder.get(i - 1)) : null;
      if (previous != null && !previous.isAfter(at)) {
        c.afterPrevious.decrement();
      }
    }
    for (Theme t : themes.values()) {
      t.customers.remove(state.id());
    }
  }

  // ------------------------------------------------------------------ guardrails

  private void check(Metric m, String dim, Aggregate a, long now) {
    for (int i = 0; i < guardrails.size(); i++) {
      Guardrail g = guardrails.get(i);
      if (!g.metric().name().equals(m.name()) || !g.dimension().equals(dim)) {
        continue;
      }
      MetricValue v = value(m, dim, a, now);
      GuardrailStatus s = status[i];
      boolean changed = false;
      boolean breachedNow;
      synchronized (s) {
        s.value = v.value();
        s.sample = v.sample();
        if (!s.breached && g.isBreachedBy(v.value(), v.sample())) {
          s.breached = true;
          s.since = Instant.ofEpochMilli(now);
          changed = true;
        } else if (s.breached && g.isRecoveredBy(v.value())) {
          s.breached = false;
          s.since = Instant.ofEpochMilli(now);
          changed = true;
        }
        breachedNow = s.breached;
      }
      if (changed) {
        refreshAnyBreached();
        LOG.warn("guardrail {} {} (value {}, sample {})", g,
            breachedNow ? "breached: pausing " + g.protects() : "recovered", v.value(),
            v.sample());
        if (!listeners.isEmpty()) {
          notices.add(new Notice(state(i), breachedNow));
        }
      }
    }
  }

  /** A guardrail's change, for the listeners. */
  private record Notice(GuardrailState state, boolean breached) {}

  /**
   * Tells the listeners every guardrail change since the last call, in order. The engine calls
   * it after each of its calls, outside every lock, so that a listener may call the engine.
   *
   * @param failed told of each listener that threw
   */
  void notifyListeners(java.util.function.BiConsumer<GuardrailListener, RuntimeException> failed) {
    for (Notice n = notices.poll(); n != null; n = notices.poll()) {
      for (GuardrailListener l : listeners) {
        try {
          if (n.breached()) {
            l.onBreach(n.state());
          } else {
            l.onRecovery(n.state());
          }
        } catch (RuntimeException ex) {
          failed.accept(l, ex);
        }
      }
    }
  }

  private void refreshAnyBreached() {
    boolean any = false;
    for (GuardrailStatus s : status) {
      any |= s.breached;
    }
    anyBreached = any;
  }

  /**
   * Returns why a message is paused, if a breached guardrail protects it: every marketing
   * message, its journey, its action, or every one of its channels. A guardrail on everything
   * never holds back a transactional message (a receipt, a billing reminder).
   */
  Pause pause(Optional<String> journey, Action a, Instant now) {
    if (!anyBreached) {
      return Pause.NONE;
    }
    recheck(now);
    if (!anyBreached) {
      return Pause.NONE;
    }
    String action = a.name();
    Collection<Channel> channels = a.channels();
    List<String> pausedChannels = new ArrayList<>();
    for (int i = 0; i < guardrails.size(); i++) {
      if (!status[i].breached) {
        continue;
      }
      Guardrail g = guardrails.get(i);
      switch (g.scope()) {
        case EVERYTHING:
          if (a.purpose() == Purpose.MARKETING) {
            return new Pause(Optional.of(describe(i)), Set.of());
          }
          break;
        case JOURNEY:
          if (journey.isPresent() && journey.get().equals(g.target())) {
            return new Pause(Optional.of(describe(i)), Set.of());
          }
          break;
        case ACTION:
          if (action.equals(g.target())) {
            return new Pause(Optional.of(describe(i)), Set.of());
          }
          break;
        default:
          pausedChannels.add(g.target());
      }
    }
    if (pausedChannels.isEmpty()) {
      return Pause.NONE;
    }
    Set<Channel> paused = new java.util.HashSet<>();
    for (Channel c : channels) {
      if (pausedChannels.contains(c.name())) {
        paused.add(c);
      }
    }
    if (!channels.isEmpty() && paused.size() == channels.size()) {
      return new Pause(Optional.of("every channel of the message is paused by a guardrail "
          + pausedChannels), paused);
    }
    return new Pause(Optional.empty(), paused);
  }

  /**
   * What guardrails hold back of one message: all of it (with the reason), or some of its
   * channels, which the gate then skips for the next ones.
   *
   * @param reason why the whole message is paused, if it is
   * @param channels the message's channels that are paused
   */
  record Pause(Optional<String> reason, Set<Channel> channels) {
    static final Pause NONE = new Pause(Optional.empty(), Set.of());

    /** The channels to skip: those already excluded and the paused ones. */
    Set<Channel> exclude(Set<Channel> excluded) {
      if (channels.isEmpty()) {
        return excluded;
      }
      Set<Channel> all = new java.util.HashSet<>(excluded);
      all.addAll(channels);
      return all;
    }
  }

  /**
   * Re-evaluates the breached guardrails at an instant: their windows may have emptied (a
   * guardrail that pauses the very messages that feed its metric would otherwise never see the
   * observation that lifts it).
   */
  private void recheck(Instant now) {
    long nowMillis = now.toEpochMilli();
    for (int i = 0; i < guardrails.size(); i++) {
      if (!status[i].breached) {
        continue;
      }
      Guardrail g = guardrails.get(i);
      Aggregate a = aggregates.get(g.metric().name()).get(g.dimension());
      if (a != null) {
        check(byName.get(g.metric().name()), g.dimension(), a, nowMillis);
      }
    }
  }

  private String describe(int i) {
    GuardrailStatus s = status[i];
    return "guardrail " + guardrails.get(i) + " is breached (value "
        + String.format(java.util.Locale.ROOT, "%.4f", s.value) + ", sample " + s.sample + ")";
  }

  private GuardrailState state(int i) {
    GuardrailStatus s = status[i];
    Guardrail g = guardrails.get(i);
    return new GuardrailState(g.toString(), g.protects(), s.breached, s.value, s.sample,
        Optional.ofNullable(s.since));
  }

  List<GuardrailState> guardrailStates(Instant now) {
    recheck(now);
    List<GuardrailState> out = new ArrayList<>(guardrails.size());
    for (int i = 0; i < guardrails.size(); i++) {
      Guardrail g = guardrails.get(i);
      Aggregate a = aggregates.get(g.metric().name()).get(g.dimension());
      if (a != null) {
        MetricValue v = value(byName.get(g.metric().name()), g.dimension(), a,
            now.toEpochMilli());
        status[i].value = v.value();
        status[i].sample = v.sample();
      }
      out.add(state(i));
    }
    return out;
  }

  // ------------------------------------------------------------------ reading

  MetricValue value(String metric, String dimension, Instant now) {
    Metric m = byName.get(metric);
    if (m == null) {
      throw new IllegalArgumentException("metric '" + metric + "' is not computed by this "
          + "engine; it computes " + byName.keySet());
    }
    Aggregate a = aggregates.get(metric).get(dimension);
    if (a == null) {
      return new MetricValue(metric, dimension, Double.NaN, 0, m.windowText());
    }
    return value(m, dimension, a, now.toEpochMilli());
  }

  private static MetricValue value(Metric m, String dim, Aggregate a, long now) {
    Aggregate.Totals t = a.read(now);
    double v;
    if (t.den() == 0) {
      v = Double.NaN;
    } else {
      switch (m.kind()) {
        case MEAN:
          v = t.sum() / t.den();
          break;
        case NET_SHARE:
          v = (double) (t.num() - t.num2()) / t.den();
          break;
        default:
          v = (double) t.num() / t.den();
      }
    }
    return new MetricValue(m.name(), dim, v, t.den(), m.windowText());
  }

  List<MetricValue> values(Instant now) {
    List<MetricValue> out = new ArrayList<>();
    for (Metric m : metrics) {
      out.add(value(m.name(), "global", now));
    }
    return out;
  }

  Map<EngagementLevel, Long> engagementCounts() {
    Map<EngagementLevel, Long> out = new EnumMap<>(EngagementLevel.class);
    engagement.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  Map<LifecycleStage, Long> stageCounts() {
    Map<LifecycleStage, Long> out = new EnumMap<>(LifecycleStage.class);
    stages.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  List<dev.rapport.core.measure.MomentReach> momentReach(long customers) {
    List<dev.rapport.core.measure.MomentReach> out = new ArrayList<>();
    MomentCounters previous = null;
    for (String name : momentOrder) {
      MomentCounters c = moments.get(name);
      Optional<Double> fromPrevious = previous == null || previous.reached.sum() == 0
          ? Optional.empty()
          : Optional.of((double) c.afterPrevious.sum() / previous.reached.sum());
      out.add(new dev.rapport.core.measure.MomentReach(name, c.reached.sum(), customers,
          c.median(), fromPrevious));
      previous = c;
    }
    return out;
  }

  List<ThemeStats> themes() {
    List<ThemeStats> out = new ArrayList<>();
    themes.forEach((name, t) -> {
      synchronized (t) {
        out.add(new ThemeStats(name, t.answers, t.customers.size(),
            t.scored == 0 ? Double.NaN : t.scoreSum / t.scored, t.resolved));
      }
    });
    out.sort((a, b) -> a.answers() != b.answers() ? Long.compare(b.answers(), a.answers())
        : a.theme().compareTo(b.theme()));
    return out;
  }

  /** Returns the customers who raised a theme, and marks it resolved. */
  List<CustomerId> resolve(String theme) {
    Theme t = themes.get(theme);
    if (t == null) {
      return List.of();
    }
    t.resolved = true;
    List<CustomerId> ids = new ArrayList<>(t.customers);
    ids.sort(null);
    return ids;
  }
}
