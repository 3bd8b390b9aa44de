package dev.rapport.core.internal;

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
import dev.rapport.core.measure.GuardrailHistory;
import dev.rapport.core.measure.GuardrailListener;
import dev.rapport.core.measure.GuardrailPause;
import dev.rapport.core.measure.GuardrailState;
import dev.rapport.core.measure.Metric;
import dev.rapport.core.measure.MetricValue;
import dev.rapport.core.measure.ThemeStats;
import dev.rapport.core.measure.Trend;
import dev.rapport.core.measure.TrendPoint;
import dev.rapport.core.policy.Contact;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
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
 *
 * <p>Trends and pauses. For the north star and for every guardrail's metric, the value and
 * sample as each day ends (midnight UTC) are recorded for the last {@link Trend#DAYS} days: the
 * first call at or after a midnight reads the aggregates at that midnight before it adds its own
 * observations, so a point is the metric as it stood when the day ended (an observation that a
 * concurrent call adds for an earlier time, right at midnight, may miss it). Every guardrail
 * also keeps the pauses it imposed, from breach to recovery, for as long as they end within that
 * window.
 */
final class MetricsRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsRuntime.class);
  private static final int TIME_SAMPLES = 10_000;
  private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
  private static final long WINDOW_MILLIS = Trend.DAYS * DAY_MILLIS;
  /** The pauses a guardrail keeps at most, should it flap. */
  private static final int MAX_PAUSES = 1_000;

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
  private final Optional<String> northStar;
  /** The daily series, by metric and dimension; guarded by itself while days are recorded. */
  private final Map<List<String>, ArrayDeque<TrendPoint>> series = new LinkedHashMap<>();
  /** The next midnight to record, in epoch milliseconds; MIN_VALUE before the first call. */
  private volatile long nextDayEnd = Long.MIN_VALUE;

  /** A guardrail's live state. */
  private static final class GuardrailStatus {
    volatile boolean breached;
    volatile double value = Double.NaN;
    volatile long sample;
    volatile Instant since;
    /** The pauses imposed, oldest first; guarded by the status. */
    final ArrayDeque<PauseRecord> pauses = new ArrayDeque<>();
  }

  /** A pause as it is recorded: open until its guardrail recovers. */
  private static final class PauseRecord {
    final Instant from;
    Instant until;
    final double value;
    final long sample;

    PauseRecord(Instant from, double value, long sample) {
      this.from = from;
      this.value = value;
      this.sample = sample;
    }
  }

  /** A moment's reach. */
  private static final class MomentCounters {
    final LongAdder reached = new LongAdder();
    /** Per earlier-declared moment: the customers who reached this one after reaching it. */
    final LongAdder[] after;
    final long[] samples = new long[TIME_SAMPLES];
    long sampled;

    MomentCounters(int earlier) {
      after = new LongAdder[earlier];
      for (int i = 0; i < earlier; i++) {
        after[i] = new LongAdder();
      }
    }

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
    /** Per survey kind: the scored answers and the sum of their scores. */
    final Map<String, double[]> scores = new TreeMap<>();
    final Set<CustomerId> customers = ConcurrentHashMap.newKeySet();
    volatile boolean resolved;
  }

  /**
   * Makes the measures of an engine; the north star and every guardrail's metric are also kept
   * day by day.
   */
  MetricsRuntime(List<Metric> metrics, List<Guardrail> guardrails,
      List<GuardrailListener> listeners, List<String> momentOrder, Optional<String> northStar) {
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
      moments.put(m, new MomentCounters(moments.size()));
    }
    this.northStar = northStar;
    northStar.ifPresent(n -> series.put(List.of(n, "global"), new ArrayDeque<>()));
    for (Guardrail g : guardrails) {
      series.putIfAbsent(List.of(g.metric().name(), g.dimension()), new ArrayDeque<>());
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
   * Observes one committed call: its events and dispatches, with the customer as they are after
   * it, and the standing before it (for the distributions).
   */
  void observe(CustomerState before, CustomerState after, java.util.function.Supplier<Customer>
      viewOf, List<Event> events, List<Dispatch> dispatches, Instant now) {
    standings(before, after);
    if (metrics.isEmpty() && !watchesEvents(events)) {
      return; // nothing to measure: spare the notices and the view
    }
    Customer view = viewOf.get();
    List<Event> all = events;
    if (!metrics.isEmpty() && !dispatches.isEmpty()) {
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
    long nowMillis = now.toEpochMilli();
    closeDays(nowMillis);
    for (Event e : all) {
      for (Metric m : metrics) {
        observe(m, e, after, view, nowMillis);
      }
      if (e.type().equals(EventTypes.MOMENT_REACHED)) {
        reached(e, after);
      } else if (e.type().equals(EventTypes.SURVEY_ANSWERED)) {
        surveyed(e);
      }
    }
  }

  /** Whether events feed moment reach or themes, which are measured without metrics. */
  private static boolean watchesEvents(List<Event> events) {
    for (Event e : events) {
      if (e.type().equals(EventTypes.MOMENT_REACHED)
          || e.type().equals(EventTypes.SURVEY_ANSWERED)) {
        return true;
      }
    }
    return false;
  }

  private void observe(Metric m, Event e, CustomerState state, Customer view, long now) {
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
          if (v.isPresent()) {
            dDen = 1;
            dSum = v.getAsDouble();
          }
        }
    }
    if (dNum == 0 && dNum2 == 0 && dDen == 0) {
      return;
    }
    long at = e.time().toEpochMilli();
    ConcurrentHashMap<String, Aggregate> dims = aggregates.get(m.name());
    add(m, dims, "global", at, dNum, dNum2, dDen, dSum, now);
    if (!m.breakdowns().isEmpty()) {
      for (String dim : dimensions(m.breakdowns(), e, state)) {
        add(m, dims, dim, at, dNum, dNum2, dDen, dSum, now);
      }
    }
  }

  private void add(Metric m, ConcurrentHashMap<String, Aggregate> dims, String dim, long at,
      long dNum, long dNum2, long dDen, double dSum, long now) {
    Aggregate a = dims.computeIfAbsent(dim,
        k -> new Aggregate(m.window().orElse(null), m.lastN().orElse(0)));
    a.add(at, dNum, dNum2, dDen, dSum, now);
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
        journey = (String) e.properties().get(EventTypes.JOURNEY);
        action = (String) e.properties().get(EventTypes.ACTION);
        channel = (String) e.properties().get(EventTypes.CHANNEL);
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

  private void reached(Event e, CustomerState state) {
    Object name = e.properties().get(EventTypes.MOMENT);
    MomentCounters c = moments.get(name);
    if (c == null) {
      return;
    }
    c.reached.increment();
    for (int j = 0; j < c.after.length; j++) {
      if (state.moments().containsKey(momentOrder.get(j))) {
        c.after[j].increment();
      }
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
          Object kind = e.properties().get(EventTypes.KIND);
          double[] sum = theme.scores.computeIfAbsent(
              kind instanceof String ? (String) kind : "unknown", k -> new double[2]);
          sum[0]++;
          sum[1] += ((Number) score).doubleValue();
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

  /** Forgets a customer: their themes and their place in the distributions. */
  void forget(CustomerState state) {
    standings(state, null);
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
          paused(s, v, now);
        } else if (s.breached && g.isRecoveredBy(v.value())) {
          s.breached = false;
          s.since = Instant.ofEpochMilli(now);
          changed = true;
          if (!s.pauses.isEmpty()) {
            s.pauses.peekLast().until = s.since;
          }
        }
        breachedNow = s.breached;
      }
      if (changed) {
        refreshAnyBreached();
        GuardrailState state = state(i);
        LOG.warn("guardrail {} {} (value {}, sample {})", g,
            breachedNow ? "breached: pausing " + g.protects() : "recovered", v.value(),
            v.sample());
        for (GuardrailListener l : listeners) {
          try {
            if (breachedNow) {
              l.onBreach(state);
            } else {
              l.onRecovery(state);
            }
          } catch (RuntimeException ex) {
            LOG.warn("guardrail listener threw {}; ignored", ex.getClass().getName(), ex);
          }
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
    closeDays(nowMillis);
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
    closeDays(now.toEpochMilli());
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

  // ------------------------------------------------------------------ trends and pauses

  /** Opens a pause; forgets those that ended before the window, and the oldest beyond a bound. */
  private static void paused(GuardrailStatus s, MetricValue v, long now) {
    s.pauses.addLast(new PauseRecord(s.since, v.value(), v.sample()));
    while (s.pauses.size() > MAX_PAUSES || s.pauses.peekFirst().until != null
        && s.pauses.peekFirst().until.toEpochMilli() < now - WINDOW_MILLIS) {
      s.pauses.removeFirst();
    }
  }

  /**
   * Records the days that ended by {@code now}, if any did, before anything reads or changes an
   * aggregate at {@code now} (a read evicts what left the window by then).
   */
  private void closeDays(long now) {
    if (now >= nextDayEnd) {
      endDays(now);
    }
  }

  /**
   * Records every series at each midnight from the next one to record up to {@code now}, at
   * most the last {@link Trend#DAYS}, before the call at {@code now} adds its observations.
   */
  private void endDays(long now) {
    synchronized (series) {
      long next = nextDayEnd;
      if (next == Long.MIN_VALUE) {
        nextDayEnd = Math.floorDiv(now, DAY_MILLIS) * DAY_MILLIS + DAY_MILLIS;
        return;
      }
      long last = Math.floorDiv(now, DAY_MILLIS) * DAY_MILLIS;
      for (long day = Math.max(next, last - WINDOW_MILLIS + DAY_MILLIS); day <= last;
          day += DAY_MILLIS) {
        for (Map.Entry<List<String>, ArrayDeque<TrendPoint>> e : series.entrySet()) {
          MetricValue v = valueAt(e.getKey().get(0), e.getKey().get(1), day);
          ArrayDeque<TrendPoint> points = e.getValue();
          points.addLast(new TrendPoint(Instant.ofEpochMilli(day), v.value(), v.sample()));
          while (points.size() > Trend.DAYS) {
            points.removeFirst();
          }
        }
      }
      nextDayEnd = Math.max(next, last + DAY_MILLIS);
    }
  }

  private MetricValue valueAt(String metric, String dimension, long at) {
    Aggregate a = aggregates.get(metric).get(dimension);
    Metric m = byName.get(metric);
    return a == null ? new MetricValue(metric, dimension, Double.NaN, 0, m.windowText())
        : value(m, dimension, a, at);
  }

  /**
   * Returns a metric's series: the days recorded, then its value now (unless now is the last
   * midnight recorded).
   */
  private Trend trend(String metric, String dimension, Instant now) {
    long nowMillis = now.toEpochMilli();
    List<TrendPoint> points = new ArrayList<>(Trend.DAYS + 1);
    synchronized (series) {
      ArrayDeque<TrendPoint> days = series.get(List.of(metric, dimension));
      for (TrendPoint p : days) {
        if (p.at().toEpochMilli() > nowMillis - WINDOW_MILLIS) {
          points.add(p);
        }
      }
    }
    if (points.isEmpty() || points.get(points.size() - 1).at().isBefore(now)) {
      MetricValue v = valueAt(metric, dimension, nowMillis);
      points.add(new TrendPoint(now, v.value(), v.sample()));
    }
    return new Trend(metric, dimension, points);
  }

  /** Returns the north star's series, if there is a north star. */
  Optional<Trend> northStarTrend(Instant now) {
    if (northStar.isEmpty()) {
      return Optional.empty();
    }
    closeDays(now.toEpochMilli());
    return Optional.of(trend(northStar.get(), "global", now));
  }

  /** Returns every guardrail's series and pauses, in declaration order. */
  List<GuardrailHistory> guardrailHistory(Instant now) {
    recheck(now);
    long nowMillis = now.toEpochMilli();
    List<GuardrailHistory> out = new ArrayList<>(guardrails.size());
    for (int i = 0; i < guardrails.size(); i++) {
      Guardrail g = guardrails.get(i);
      List<GuardrailPause> pauses = new ArrayList<>();
      synchronized (status[i]) {
        for (PauseRecord p : status[i].pauses) {
          if (p.until == null || p.until.toEpochMilli() >= nowMillis - WINDOW_MILLIS) {
            pauses.add(new GuardrailPause(p.from, Optional.ofNullable(p.until), p.value,
                p.sample, g.protects()));
          }
        }
      }
      out.add(new GuardrailHistory(g.toString(), g.direction(), g.bound(), g.recoveryPoint(),
          g.minSample(), trend(g.metric().name(), g.dimension(), now), pauses));
    }
    return out;
  }

  /** Returns every metric's definition, by name. */
  Map<String, Metric> definitions() {
    return byName;
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
    for (String name : momentOrder) {
      MomentCounters c = moments.get(name);
      long reached = c.reached.sum();
      // the moment it follows: the latest declared before it that at least half of its
      // customers had reached first
      Optional<String> previous = Optional.empty();
      Optional<Double> fromPrevious = Optional.empty();
      for (int j = c.after.length - 1; j >= 0 && reached > 0; j--) {
        long after = c.after[j].sum();
        long before = moments.get(momentOrder.get(j)).reached.sum();
        if (after * 2 >= reached && before > 0) {
          previous = Optional.of(momentOrder.get(j));
          fromPrevious = Optional.of(Math.min(1.0, (double) after / before));
          break;
        }
      }
      out.add(new dev.rapport.core.measure.MomentReach(name, reached, customers, c.median(),
          previous, fromPrevious));
    }
    return out;
  }

  List<ThemeStats> themes() {
    List<ThemeStats> out = new ArrayList<>();
    themes.forEach((name, t) -> {
      synchronized (t) {
        Map<String, Double> means = new TreeMap<>();
        t.scores.forEach((kind, sum) -> means.put(kind, sum[1] / sum[0]));
        out.add(new ThemeStats(name, t.answers, t.customers.size(), means, t.resolved));
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
