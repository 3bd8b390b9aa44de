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
import dev.rapport.core.measure.Breakdown;
import dev.rapport.core.measure.Guardrail;
import dev.rapport.core.measure.GuardrailChange;
import dev.rapport.core.measure.GuardrailHistory;
import dev.rapport.core.measure.GuardrailListener;
import dev.rapport.core.measure.GuardrailPause;
import dev.rapport.core.measure.GuardrailPauses;
import dev.rapport.core.measure.GuardrailState;
import dev.rapport.core.measure.Metric;
import dev.rapport.core.measure.MetricValue;
import dev.rapport.core.measure.ThemeStats;
import dev.rapport.core.measure.Trend;
import dev.rapport.core.measure.TrendPoint;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measurement at run time: metric windows per dimension, guardrail states and the pauses they
 * impose, survey themes, moment reach, and the distribution of engagement levels and lifecycle
 * stages.
 *
 * <p>Design note. Everything here is engine-wide and lives in the {@link StateStore}, written in
 * the same transaction as the call that caused it, so a restart or a second engine on the same
 * store continues from it:
 *
 * <ul>
 *   <li>metric windows are series of cells ({@code metric/<name>/<dimension>}), one per second
 *       of event time, that calls add to; the engine keeps a cache of them ({@link Aggregate}s,
 *       loaded from the store when it is built) to check guardrails on every observation;
 *   <li>moment reach, the distributions of engagement and stage, and who raised which theme are
 *       counters; time to moment and theme scores are series;
 *   <li>guardrail states (breached or not, since when, at what value) are shared values,
 *       written when they change.
 * </ul>
 *
 * <p>A call's contribution is computed by {@link #prepare} (which runs the host's metric
 * definitions, before anything is stored), written by {@link #cells} into the call's store
 * transaction, and applied to the cache by {@link #apply} once the transaction committed.
 */
final class MetricsRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsRuntime.class);
  private static final String METRIC = "metric/";
  private static final String MOMENT = "moment/";
  private static final String THEME = "theme/";
  private static final String ENGAGEMENT = "engagement/";
  private static final String STAGE = "stage/";
  private static final String GUARDRAIL = "guardrail/";

  private final List<Metric> metrics;
  /** The metrics over selectors, and those that read the engine's revenue instead. */
  private final List<Metric> selected;
  private final List<Metric> valued;
  private final ValueRuntime values;
  /** Set once, while the engine is built, before any call. */
  private SendTimeRuntime sendTimes = SendTimeRuntime.NONE;
  private final Map<String, Metric> byName;
  private final Map<String, ConcurrentHashMap<String, Aggregate>> aggregates =
      new LinkedHashMap<>();
  private final List<Guardrail> guardrails;
  private final GuardrailStatus[] status;
  private final List<GuardrailListener> listeners;
  private volatile boolean anyBreached;
  private final List<String> momentOrder;
  private final StateStore store;
  private final Names names;
  private final java.util.concurrent.ConcurrentLinkedQueue<GuardrailChange> notices =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  /** The store's stamp the cached windows were loaded at, and own commits applied since. */
  private volatile long loadedThrough;
  private final java.util.concurrent.atomic.AtomicLong appliedSince =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.locks.ReentrantReadWriteLock cacheLock =
      new java.util.concurrent.locks.ReentrantReadWriteLock();
  private final String[] engagementKeys;
  private final String[] stageKeys;
  private final Optional<String> northStar;
  /** The daily points, by metric and dimension; guarded by itself while days are recorded. */
  private final Map<List<String>, ArrayDeque<TrendPoint>> trends = new LinkedHashMap<>();
  /** The next midnight to record, in epoch milliseconds; MIN_VALUE before the first call. */
  private volatile long nextDayEnd = Long.MIN_VALUE;
  private static final String TREND = "trend/";
  private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
  private static final long WINDOW_MILLIS = Trend.DAYS * DAY_MILLIS;
  /** The pauses a guardrail keeps at most, should it flap; older ones are counted, forgotten. */
  static final int MAX_PAUSES = 1_000;

  /** A guardrail's live state. */
  private static final class GuardrailStatus {
    volatile boolean breached;
    volatile double value = Double.NaN;
    volatile long sample;
    volatile Instant since;
    /** The pauses imposed, oldest first; guarded by the status. */
    final ArrayDeque<GuardrailCodec.Pause> pauses = new ArrayDeque<>();
    /** How many older pauses were forgotten; guarded by the status. */
    long forgotten;
  }

  MetricsRuntime(List<Metric> metrics, List<Guardrail> guardrails,
      List<GuardrailListener> listeners, List<String> momentOrder, StateStore store,
      Names names, Optional<String> northStar) {
    this.metrics = List.copyOf(metrics);
    List<Metric> bySelector = new ArrayList<>();
    List<Metric> byValue = new ArrayList<>();
    for (Metric m : this.metrics) {
      (m.valueSource().isPresent() ? byValue : bySelector).add(m);
    }
    this.selected = List.copyOf(bySelector);
    this.valued = List.copyOf(byValue);
    this.values = names.values();
    if (!valued.isEmpty() && !values.hasRevenue()) {
      throw new IllegalStateException("engine: metric '" + valued.get(0).name() + "' reads the "
          + "engine's revenue, and the engine has no revenue definition; give one with "
          + "Engine.builder().revenue(Revenue.of(\"purchased\").amount(\"total\").in(\"EUR\"))");
    }
    this.northStar = northStar;
    northStar.ifPresent(n -> trends.put(List.of(n, "global"), new ArrayDeque<>()));
    for (Guardrail g : guardrails) {
      trends.putIfAbsent(List.of(g.metric().name(), g.dimension()), new ArrayDeque<>());
    }
    this.store = store;
    this.names = names;
    Map<String, Metric> byMetric = new LinkedHashMap<>();
    for (Metric m : metrics) {
      if (byMetric.put(m.name(), m) != null) {
        throw new IllegalStateException("engine: metric '" + m.name()
            + "' is declared twice; give each metric a unique name");
      }
      aggregates.put(m.name(), new ConcurrentHashMap<>());
    }
    this.byName = Map.copyOf(byMetric);
    for (Guardrail g : guardrails) {
      Metric m = byMetric.get(g.metric().name());
      if (m == null) {
        throw new IllegalStateException("engine: guardrail '" + g + "' watches metric '"
            + g.metric().name() + "', which the engine does not compute; add it with "
            + "Engine.builder().metrics(...)");
      }
      Breakdown needed = g.dimension().equals("global") ? null
          : g.scope() == Guardrail.Scope.JOURNEY ? Breakdown.JOURNEY
          : g.scope() == Guardrail.Scope.ACTION ? Breakdown.ACTION
          : g.scope() == Guardrail.Scope.CHANNEL ? Breakdown.CHANNEL : null;
      if (needed != null && !m.breakdowns().contains(needed)) {
        throw new IllegalStateException("engine: guardrail '" + g + "' watches one "
            + needed.name().toLowerCase(java.util.Locale.ROOT) + " but metric '" + m.name()
            + "' does not break down by it; use metric.by(Breakdown." + needed.name() + "), or "
            + "watch its global value with pausing" + needed.name().charAt(0)
            + needed.name().substring(1).toLowerCase(java.util.Locale.ROOT) + "(...) instead");
      }
    }
    this.guardrails = List.copyOf(guardrails);
    this.status = new GuardrailStatus[guardrails.size()];
    for (int i = 0; i < status.length; i++) {
      status[i] = new GuardrailStatus();
    }
    this.listeners = List.copyOf(listeners);
    this.momentOrder = List.copyOf(momentOrder);
    this.engagementKeys = new String[EngagementLevel.values().length];
    for (EngagementLevel l : EngagementLevel.values()) {
      engagementKeys[l.ordinal()] = ENGAGEMENT + l.name();
    }
    this.stageKeys = new String[LifecycleStage.values().length];
    for (LifecycleStage st : LifecycleStage.values()) {
      stageKeys[st.ordinal()] = STAGE + st.name();
    }
    load();
  }

  /** Loads what the store holds: the metric windows and the guardrails' states. */
  private void load() {
    loadWindows();
    for (int i = 0; i < guardrails.size(); i++) {
      int k = i;
      store.shared(guardrailKey(i), GuardrailCodec.INSTANCE).ifPresent(v -> {
        GuardrailCodec.State st = v.value();
        status[k].breached = st.breached();
        status[k].value = st.value();
        status[k].sample = st.sample();
        status[k].since = st.since();
        status[k].forgotten = st.forgotten();
        status[k].pauses.addAll(st.pauses());
      });
    }
    refreshAnyBreached();
    long last = Long.MIN_VALUE;
    for (Map.Entry<List<String>, ArrayDeque<TrendPoint>> e : trends.entrySet()) {
      Optional<StateStore.Versioned<List<TrendPoint>>> stored =
          store.shared(trendKey(e.getKey()), TrendCodec.INSTANCE);
      if (stored.isPresent()) {
        e.getValue().addAll(stored.get().value());
        TrendPoint p = e.getValue().peekLast();
        if (p != null) {
          last = Math.max(last, p.at().toEpochMilli());
        }
      }
    }
    if (last != Long.MIN_VALUE) {
      nextDayEnd = last + DAY_MILLIS;
    }
  }

  private static String trendKey(List<String> metricAndDimension) {
    return TREND + metricAndDimension.get(0) + "/" + metricAndDimension.get(1);
  }

  /**
   * Replaces the cached windows with what the store holds, read as of one instant; applies of
   * commits at or before it are then skipped ({@link #apply}), so that nothing counts twice.
   */
  private void loadWindows() {
    Map<String, Map<String, Aggregate>> fresh = new LinkedHashMap<>();
    for (Metric m : metrics) {
      fresh.put(m.name(), new LinkedHashMap<>());
    }
    long stamp = store.measures(METRIC, (key, cells) -> {
      String rest = key.substring(METRIC.length());
      int slash = rest.indexOf('/');
      Metric m = slash < 0 ? null : byName.get(rest.substring(0, slash));
      if (m == null) {
        return; // a metric this engine does not compute
      }
      Aggregate a = new Aggregate(m.window().orElse(null), m.lastN().orElse(0));
      for (StateStore.Cell c : cells) {
        long at = c.bucket() * 1000;
        a.add(at, c.num(), c.num2(), c.den(), c.sum(), at);
      }
      fresh.get(m.name()).put(rest.substring(slash + 1), a);
    });
    for (Metric m : metrics) {
      ConcurrentHashMap<String, Aggregate> dims = aggregates.get(m.name());
      dims.clear();
      dims.putAll(fresh.get(m.name()));
    }
    loadedThrough = stamp;
    appliedSince.set(0);
  }

  /**
   * Reloads the cached windows when another engine sharing the store wrote to the measures since
   * they were loaded: the store's stamp is then ahead of every commit this engine applied.
   */
  private void refreshIfShared() {
    if (store.changes() == loadedThrough + appliedSince.get()) {
      return;
    }
    cacheLock.writeLock().lock();
    try {
      if (store.changes() != loadedThrough + appliedSince.get()) {
        loadWindows();
        for (int i = 0; i < guardrails.size(); i++) {
          int k = i;
          store.shared(guardrailKey(i), GuardrailCodec.INSTANCE).ifPresent(v -> {
            synchronized (status[k]) {
              status[k].breached = v.value().breached();
              status[k].since = v.value().since();
              status[k].forgotten = v.value().forgotten();
              status[k].pauses.clear();
              status[k].pauses.addAll(v.value().pauses());
            }
          });
        }
        refreshAnyBreached();
      }
    } finally {
      cacheLock.writeLock().unlock();
    }
  }

  private String guardrailKey(int i) {
    return GUARDRAIL + guardrails.get(i);
  }

  // ------------------------------------------------------------------ feeding

  /**
   * What one call adds to the measures: computed by {@link #prepare} before the call's record is
   * stored (it runs the host's metric definitions, which may throw), written into the call's
   * transaction by {@link #cells}, applied to the cache by {@link #apply} once it committed.
   */
  static final class Observation {
    /** A call that adds nothing to the measures. */
    static final Observation NONE = new Observation(List.of(), List.of(), List.of());

    final List<Delta> deltas;
    final List<String> cellKeys;
    final List<StateStore.Cell> cells;

    Observation(List<Delta> deltas, List<String> cellKeys, List<StateStore.Cell> cells) {
      this.deltas = deltas;
      this.cellKeys = cellKeys;
      this.cells = cells;
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
     * @param t the call it happened in
     * @param metric the metric's name
     * @param ex what it threw
     */
    void failed(Txn t, String metric, RuntimeException ex);
  }

  /** Sets the send-time optimisation whose population counts the calls add to. */
  void sendTimes(SendTimeRuntime runtime) {
    this.sendTimes = runtime;
  }

  /**
   * Computes what one call adds to the measures: its events and dispatches (as {@code
   * dispatched} notices) seen with the customer as they are after it, and the counters of
   * moment reach, themes and the distributions, which go into the call's own counters. Nothing
   * is stored until the call commits.
   */
  Observation prepare(Txn t, FailureSink failures) {
    standings(t);
    boolean scoring = values.hasScores();
    boolean returns = values.measuresReturn(t);
    boolean timing = sendTimes.observes(t);
    if (metrics.isEmpty() && !scoring && !returns && !timing
        && !anyMeasuredType(t.processed)) {
      return Observation.NONE; // nothing here is measured: no lists, no observation
    }
    List<String> cellKeys = new ArrayList<>(0);
    List<StateStore.Cell> cells = new ArrayList<>(0);
    for (Event e : t.processed) {
      if (e.type().equals(EventTypes.MOMENT_REACHED)) {
        reached(t, e, cellKeys, cells);
      } else if (e.type().equals(EventTypes.SURVEY_ANSWERED)) {
        surveyed(t, e, cellKeys, cells);
      }
    }
    if (scoring) {
      values.observe(t, failures, cellKeys, cells);
    }
    if (returns) {
      values.observeReturn(t, cellKeys, cells);
    }
    if (timing) {
      sendTimes.observe(t, cellKeys, cells);
    }
    if (metrics.isEmpty()) {
      return new Observation(List.of(), cellKeys, cells);
    }
    Customer view = t.view();
    List<Event> all = t.processed;
    if (!t.dispatches.isEmpty()) {
      all = new ArrayList<>(t.processed.size() + t.dispatches.size());
      all.addAll(t.processed);
      for (Dispatch d : t.dispatches) {
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
      for (Metric m : selected) {
        try {
          Delta d = delta(m, e, t, view);
          if (d != null) {
            addDelta(d, deltas, cellKeys, cells);
          }
        } catch (RuntimeException ex) {
          failures.failed(t, m.name(), ex);
        }
      }
    }
    if (t.sales != null) {
      for (ValueRuntime.Sold sold : t.sales) {
        for (Metric m : valued) {
          valueDeltas(m, sold, t, deltas, cellKeys, cells);
        }
      }
    }
    return new Observation(deltas, cellKeys, cells);
  }

  private void addDelta(Delta d, List<Delta> deltas, List<String> cellKeys,
      List<StateStore.Cell> cells) {
    deltas.add(d);
    long bucket = Math.floorDiv(d.at(), 1000);
    StateStore.Cell cell = new StateStore.Cell(bucket, d.num(), d.num2(), d.den(), d.sum());
    String name = d.metric().name();
    cellKeys.add(cellKey(name, "global"));
    cells.add(cell);
    for (String dim : d.dimensions()) {
      cellKeys.add(cellKey(name, dim));
      cells.add(cell);
    }
  }

  /** At most this many metric cell keys are kept; any further one is built when needed. */
  private static final int MAX_CELL_KEYS = 4_096;
  private final ConcurrentHashMap<String, ConcurrentHashMap<String, String>> cellKeyCache =
      new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicInteger cellKeysMade =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * The store's key of a metric's cells in one dimension ({@code metric/<name>/<dim>}): made once
   * and kept, so that an observation builds no string for it and the store hashes it once. The
   * dimensions come from definitions (journeys, actions, channels, personas, segments, arms), so
   * the keys are few; a bound keeps memory fixed should a host's data make them many.
   */
  private String cellKey(String metric, String dim) {
    ConcurrentHashMap<String, String> byDim = cellKeyCache.get(metric);
    if (byDim == null) {
      byDim = cellKeyCache.computeIfAbsent(metric, m -> new ConcurrentHashMap<>());
    }
    String key = byDim.get(dim);
    if (key == null) {
      key = METRIC + metric + "/" + dim;
      if (cellKeysMade.get() < MAX_CELL_KEYS && byDim.putIfAbsent(dim, key) == null) {
        cellKeysMade.incrementAndGet();
      }
    }
    return key;
  }

  /**
   * What one revenue event adds to a value metric. A metric per customer who ordered (purchase
   * frequency, customer value) counts a customer while their latest order is in its window: a
   * new latest order adds them at its time and takes them away at the time of the one before,
   * which cancels the earlier addition while both are in the window and leaves exactly one
   * customer per latest order in it.
   */
  private void valueDeltas(Metric m, ValueRuntime.Sold sold, Txn t, List<Delta> deltas,
      List<String> cellKeys, List<StateStore.Cell> cells) {
    CustomerValue.Sale sale = sold.sale();
    Event e = sold.event();
    long at = e.time().toEpochMilli();
    double amount = sale.amount();
    long customers = 0;
    long previous = Long.MIN_VALUE;
    double sum;
    long den;
    switch (m.valueSource().orElseThrow()) {
      case REVENUE:
        sum = amount;
        den = 1;
        break;
      case ORDER_VALUE:
        if (amount <= 0) {
          return;
        }
        sum = amount;
        den = sale.newOrder() ? 1 : 0;
        break;
      case ORDERS_PER_CUSTOMER:
        if (!sale.newOrder()) {
          return;
        }
        sum = 1;
        den = 0;
        break;
      default: // VALUE_PER_CUSTOMER
        sum = amount;
        den = 0;
    }
    boolean perCustomer = m.valueSource().get() == Metric.ValueSource.ORDERS_PER_CUSTOMER
        || m.valueSource().get() == Metric.ValueSource.VALUE_PER_CUSTOMER;
    long before = sale.previousLastOrder();
    long atNanos = Times.of(e.time());
    if (perCustomer && sale.newOrder() && (before == Times.NONE || atNanos > before)) {
      customers = 1;
      if (before != Times.NONE) {
        long beforeMillis = Times.millis(before);
        long window = m.window().map(Duration::toMillis).orElse(-1L);
        if (window < 0 || beforeMillis > t.now.toEpochMilli() - window) {
          previous = beforeMillis;
        }
      }
    }
    List<String> dims = m.breakdowns().isEmpty() ? List.of()
        : dimensions(m.breakdowns(), e, t);
    addDelta(new Delta(m, at, 0, 0, den + customers, sum, dims), deltas, cellKeys, cells);
    if (previous != Long.MIN_VALUE) {
      addDelta(new Delta(m, previous, 0, 0, -1, 0, dims), deltas, cellKeys, cells);
    }
  }

  private static boolean anyMeasuredType(List<Event> events) {
    for (int i = 0; i < events.size(); i++) {
      String type = events.get(i).type();
      if (type.equals(EventTypes.MOMENT_REACHED) || type.equals(EventTypes.SURVEY_ANSWERED)) {
        return true;
      }
    }
    return false;
  }

  /** Writes what a call adds to the series into its store transaction. */
  void cells(Observation o, StateStore.Transaction tx) {
    for (int i = 0; i < o.cellKeys.size(); i++) {
      tx.add(o.cellKeys.get(i), o.cells.get(i));
    }
  }

  /**
   * Applies what {@link #prepare} computed to the cache, once the call committed with a stamp;
   * {@code measured} when the commit added counters or series (the store then moved its stamp).
   */
  void apply(Observation o, Instant now, long stamp, boolean measured) {
    cacheLock.readLock().lock();
    try {
      if (stamp <= loadedThrough) {
        return; // the windows were reloaded after this commit: it is in them already
      }
      if (measured) {
        appliedSince.incrementAndGet(); // the store counted this commit among its changes
      }
      if (o == null || o.deltas.isEmpty()) {
        return;
      }
      long nowMillis = now.toEpochMilli();
      closeDays(nowMillis);
      for (Delta d : o.deltas) {
        ConcurrentHashMap<String, Aggregate> dims = aggregates.get(d.metric().name());
        add(d.metric(), dims, "global", d, nowMillis);
        for (String dim : d.dimensions()) {
          add(d.metric(), dims, dim, d, nowMillis);
        }
      }
    } finally {
      cacheLock.readLock().unlock();
    }
  }

  /** The change one event makes to one metric, or null; runs the metric's definition. */
  private static Delta delta(Metric m, Event e, Txn t, Customer view) {
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
        : dimensions(m.breakdowns(), e, t);
    return new Delta(m, e.time().toEpochMilli(), dNum, dNum2, dDen, dSum, dims);
  }

  private void add(Metric m, ConcurrentHashMap<String, Aggregate> dims, String dim, Delta d,
      long now) {
    Aggregate a = dims.computeIfAbsent(dim,
        k -> new Aggregate(m.window().orElse(null), m.lastN().orElse(0)));
    a.add(d.at(), d.num(), d.num2(), d.den(), d.sum(), now);
    long before = a.pruneDue(now);
    if (before != Long.MIN_VALUE) { // the store's cells that left the window go
      store.prune(cellKey(m.name(), dim), before);
    }
    if (!guardrails.isEmpty()) {
      check(m, dim, a, now);
    }
  }

  /** The dimensions an observation belongs to, besides global. */
  private static List<String> dimensions(Set<Breakdown> breakdowns, Event e, Txn t) {
    List<String> out = new ArrayList<>(4);
    CustomerRecord rec = t.rec;
    Names names = t.names;
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
        Contact c = rec.contact((String) e.properties().get(EventTypes.DISPATCH_ID));
        if (c != null) {
          journey = c.journey().orElse(null);
          action = c.action();
          channel = c.channel().name();
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
      for (int p = 0; p < names.personas(); p++) {
        if (rec.isPersona(p)) {
          out.add("persona:" + names.personaName(p));
        }
      }
    }
    if (breakdowns.contains(Breakdown.SEGMENT)) {
      for (int sg = 0; sg < names.segments(); sg++) {
        if (rec.inSegment(sg)) {
          out.add("segment:" + names.segmentName(sg));
        }
      }
    }
    if (breakdowns.contains(Breakdown.ARM)) {
      for (int i = 0; i < rec.enrollmentCount(); i++) {
        Enrollment en = rec.enrollmentAt(i);
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

  private void reached(Txn t, Event e, List<String> cellKeys, List<StateStore.Cell> cells) {
    Object name = e.properties().get(EventTypes.MOMENT);
    int i = momentOrder.indexOf(name);
    if (i < 0) {
      return;
    }
    t.count(MOMENT + name + "/reached", 1);
    for (int j = 0; j < i; j++) {
      if (t.rec.momentAt(names.moment(momentOrder.get(j))) != Times.NONE) {
        t.count(MOMENT + name + "/after/" + momentOrder.get(j), 1);
      }
    }
    long first = Times.NONE;
    for (int s = 0; s < t.rec.typeCount(); s++) {
      if (EventTypes.emittedByEngine().contains(names.typeName(t.rec.typeAt(s)))) {
        continue;
      }
      long f = t.rec.first(s);
      if (first == Times.NONE || f < first) {
        first = f;
      }
    }
    long at = Times.of(e.time());
    if (first != Times.NONE && at >= first) {
      long seconds = (at - first) / 1_000_000_000L;
      cellKeys.add(MOMENT + name + "/time");
      cells.add(new StateStore.Cell(seconds, 0, 0, 1, 0));
    }
  }

  private void surveyed(Txn t, Event e, List<String> cellKeys, List<StateStore.Cell> cells) {
    List<Object> raised = e.properties().getList(EventTypes.THEMES);
    Object score = e.properties().get(EventTypes.SCORE);
    for (Object th : raised) {
      if (!(th instanceof String) || ((String) th).isBlank()) {
        continue;
      }
      String theme = (String) th;
      t.count(THEME + theme + "/answers", 1);
      if (score instanceof Number) {
        Object kind = e.properties().get(EventTypes.KIND);
        cellKeys.add(THEME + theme + "/score/" + (kind instanceof String ? kind : "unknown"));
        cells.add(new StateStore.Cell(0, 0, 0, 1, ((Number) score).doubleValue()));
      }
      String raiser = raiserKey(theme, t.id);
      if (store.counter(raiser) == 0 && !t.counterKeys.contains(raiser)) {
        t.count(raiser, 1);
        t.count(THEME + theme + "/raisers", 1);
      }
    }
  }

  private static String raiserKey(String theme, CustomerId id) {
    return THEME + theme + "/raiser/" + id.value();
  }

  /** Moves the customer in the distributions of engagement and stage, if they moved. */
  private void standings(Txn t) {
    int level = t.deleted || !t.rec.hasStanding() ? -1 : t.rec.engagement().ordinal();
    int stage = t.deleted || !t.rec.hasStanding() ? -1 : t.rec.stage().ordinal();
    if (level != t.engagementBefore) {
      if (t.engagementBefore >= 0) {
        t.count(engagementKeys[t.engagementBefore], -1);
      }
      if (level >= 0) {
        t.count(engagementKeys[level], 1);
      }
    }
    if (stage != t.stageBefore) {
      if (t.stageBefore >= 0) {
        t.count(stageKeys[t.stageBefore], -1);
      }
      if (stage >= 0) {
        t.count(stageKeys[stage], 1);
      }
    }
  }

  /**
   * Forgets a customer, within the call that deletes them: their place in the distributions,
   * in moment reach, and among the raisers of each theme (time-to-moment samples and theme
   * scores are anonymous and stay).
   */
  void forget(Txn t) {
    t.deleted = true;
    standings(t);
    if (values.hasScores()) {
      List<String> keys = new ArrayList<>();
      List<StateStore.Cell> cells = new ArrayList<>();
      values.forget(t, keys, cells);
      t.observation = new Observation(List.of(), keys, cells);
    }
    momentReach(t, t.rec, -1);
    String suffix = "/raiser/" + t.id.value();
    for (Map.Entry<String, Long> c : store.counters(THEME).entrySet()) {
      if (c.getKey().endsWith(suffix)) {
        String theme = c.getKey().substring(THEME.length(), c.getKey().length() - suffix.length());
        t.count(c.getKey(), -c.getValue());
        t.count(THEME + theme + "/raisers", -1);
      }
    }
  }

  /** Counts (sign 1) or takes back (sign -1) a record's place in moment reach. */
  private void momentReach(Txn t, CustomerRecord rec, int sign) {
    for (int i = 0; i < momentOrder.size(); i++) {
      long at = rec.momentAt(names.moment(momentOrder.get(i)));
      if (at == Times.NONE) {
        continue;
      }
      t.count(MOMENT + momentOrder.get(i) + "/reached", sign);
      for (int j = 0; j < i; j++) {
        long earlier = rec.momentAt(names.moment(momentOrder.get(j)));
        if (earlier != Times.NONE && earlier <= at) {
          t.count(MOMENT + momentOrder.get(i) + "/after/" + momentOrder.get(j), sign);
        }
      }
    }
  }

  /**
   * Moves what a customer merged into another counted, within the merge: the merged-away one is
   * forgotten (distributions, moment reach, theme raisers), the survivor's moment reach is
   * counted again from the merged moments, its standing counted if it had none, and it raises
   * the themes the other raised.
   */
  void merge(Txn from, Txn into, CustomerRecord merged) {
    forget(from);
    momentReach(into, into.rec, -1);
    momentReach(into, merged, 1);
    if (!into.rec.hasStanding() && merged.hasStanding()) {
      into.count(engagementKeys[merged.engagement().ordinal()], 1);
      into.count(stageKeys[merged.stage().ordinal()], 1);
    }
    String suffix = "/raiser/" + from.id.value();
    for (Map.Entry<String, Long> c : store.counters(THEME).entrySet()) {
      if (c.getKey().endsWith(suffix)) {
        String theme = c.getKey().substring(THEME.length(), c.getKey().length() - suffix.length());
        String survivor = THEME + theme + "/raiser/" + into.id.value();
        if (store.counter(survivor) == 0) {
          into.count(THEME + theme + "/raisers", 1);
        }
        into.count(survivor, c.getValue());
      }
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
      GuardrailCodec.Pause pause = null;
      synchronized (s) {
        s.value = v.value();
        s.sample = v.sample();
        if (!s.breached && g.isBreachedBy(v.value(), v.sample())) {
          s.breached = true;
          s.since = Instant.ofEpochMilli(now);
          changed = true;
          pause = paused(s, v);
        } else if (s.breached && g.isRecoveredBy(v.value())) {
          s.breached = false;
          s.since = Instant.ofEpochMilli(now);
          changed = true;
          GuardrailCodec.Pause open = s.pauses.pollLast();
          pause = open != null ? open.endedAt(s.since, v.value(), v.sample())
              : new GuardrailCodec.Pause(s.since, s.since, Double.NaN, 0, v.value(), v.sample());
          if (open != null) {
            s.pauses.addLast(pause);
          }
        }
        breachedNow = s.breached;
      }
      if (changed) {
        refreshAnyBreached();
        persist(i);
        LOG.warn("guardrail {} {} (value {}, sample {})", g,
            breachedNow ? "breached: pausing " + g.protects() : "recovered", v.value(),
            v.sample());
        if (!listeners.isEmpty()) {
          notices.add(new GuardrailChange(state(i), breachedNow, Instant.ofEpochMilli(now),
              publicPause(pause, g)));
        }
      }
    }
  }

  /** Writes a guardrail's state to the store, for a restart or another engine to read. */
  private void persist(int i) {
    GuardrailStatus s = status[i];
    GuardrailCodec.State state;
    synchronized (s) {
      state = new GuardrailCodec.State(s.breached, s.value, s.sample, s.since, s.forgotten,
          List.copyOf(s.pauses));
    }
    String key = guardrailKey(i);
    for (int attempt = 0; attempt < 100; attempt++) {
      long version = store.shared(key, GuardrailCodec.INSTANCE)
          .map(StateStore.Versioned::version).orElse(0L);
      if (store.putShared(key, state, GuardrailCodec.INSTANCE, version)) {
        return;
      }
    }
    LOG.warn("guardrail {}: its state could not be written to the state store after 100 "
        + "attempts (other engines kept writing it); it is kept in this engine", guardrails.get(i));
  }

  /**
   * Tells the listeners every guardrail change since the last call, in order. The engine calls
   * it after each of its calls, outside every lock, so that a listener may call the engine.
   *
   * @param failed told of each listener that threw
   */
  void notifyListeners(java.util.function.BiConsumer<GuardrailListener, RuntimeException> failed) {
    for (GuardrailChange n = notices.poll(); n != null; n = notices.poll()) {
      for (GuardrailListener l : listeners) {
        try {
          l.onChange(n);
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
    refreshIfShared();
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
    refreshIfShared();
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
        case RATIO:
          v = t.sum() / t.den();
          break;
        case SUM:
          v = t.sum();
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

  /** Opens a pause; forgets the oldest beyond the bound, counting them. */
  private static GuardrailCodec.Pause paused(GuardrailStatus s, MetricValue v) {
    GuardrailCodec.Pause open = new GuardrailCodec.Pause(s.since, v.value(), v.sample());
    s.pauses.addLast(open);
    while (s.pauses.size() > MAX_PAUSES) {
      s.pauses.removeFirst();
      s.forgotten++;
    }
    return open;
  }

  private static GuardrailPause publicPause(GuardrailCodec.Pause p, Guardrail g) {
    return new GuardrailPause(p.from(), Optional.ofNullable(p.until()), p.value(), p.sample(),
        g.protects(), p.endValue(), p.endSample());
  }

  /**
   * Returns a guardrail's pauses that overlap a period, oldest first, and how many older ones
   * it forgot.
   */
  GuardrailPauses pauses(Guardrail guardrail, Instant from, Instant to, Instant now) {
    refreshIfShared();
    recheck(now);
    String key = guardrail.toString();
    for (int i = 0; i < guardrails.size(); i++) {
      Guardrail g = guardrails.get(i);
      if (!g.toString().equals(key)) {
        continue;
      }
      List<GuardrailPause> out = new ArrayList<>();
      long forgotten;
      synchronized (status[i]) {
        for (GuardrailCodec.Pause p : status[i].pauses) {
          GuardrailPause pause = publicPause(p, g);
          if (pause.overlaps(from, to)) {
            out.add(pause);
          }
        }
        forgotten = status[i].forgotten;
      }
      return new GuardrailPauses(g.toString(), out, forgotten);
    }
    List<String> known = new ArrayList<>();
    for (Guardrail g : guardrails) {
      known.add(g.toString());
    }
    throw new IllegalArgumentException("guardrailPauses: the engine has no guardrail '" + key
        + "'; its guardrails are " + known);
  }

  /**
   * Records the days that ended by {@code now}, if any did, before anything reads or changes an
   * aggregate at {@code now} (a read evicts what left the window by then).
   */
  private void closeDays(long now) {
    if (now >= nextDayEnd && !trends.isEmpty()) {
      endDays(now);
    }
  }

  /**
   * Records every trend at each midnight from the next one to record up to {@code now}, at most
   * the last {@link Trend#DAYS}, and writes them to the store (where another engine may have
   * recorded some of those days already: a day is recorded once).
   */
  private void endDays(long now) {
    synchronized (trends) {
      long next = nextDayEnd;
      if (next == Long.MIN_VALUE) {
        nextDayEnd = Math.floorDiv(now, DAY_MILLIS) * DAY_MILLIS + DAY_MILLIS;
        return;
      }
      long last = Math.floorDiv(now, DAY_MILLIS) * DAY_MILLIS;
      if (last < next) {
        return;
      }
      for (Map.Entry<List<String>, ArrayDeque<TrendPoint>> e : trends.entrySet()) {
        List<TrendPoint> fresh = new ArrayList<>();
        for (long day = Math.max(next, last - WINDOW_MILLIS + DAY_MILLIS); day <= last;
            day += DAY_MILLIS) {
          MetricValue v = valueAt(e.getKey().get(0), e.getKey().get(1), day);
          fresh.add(new TrendPoint(Instant.ofEpochMilli(day), v.value(), v.sample()));
        }
        List<TrendPoint> all = persistTrend(trendKey(e.getKey()), fresh);
        e.getValue().clear();
        e.getValue().addAll(all);
      }
      nextDayEnd = Math.max(next, last + DAY_MILLIS);
    }
  }

  /** Adds days to a stored trend, keeping those recorded already; returns the trend. */
  private List<TrendPoint> persistTrend(String key, List<TrendPoint> fresh) {
    for (int attempt = 0; attempt < 100; attempt++) {
      Optional<StateStore.Versioned<List<TrendPoint>>> stored =
          store.shared(key, TrendCodec.INSTANCE);
      List<TrendPoint> points = new ArrayList<>(stored.map(StateStore.Versioned::value)
          .orElse(List.of()));
      Instant lastStored = points.isEmpty() ? Instant.MIN : points.get(points.size() - 1).at();
      for (TrendPoint p : fresh) {
        if (p.at().isAfter(lastStored)) {
          points.add(p);
        }
      }
      while (points.size() > Trend.DAYS) {
        points.remove(0);
      }
      if (store.putShared(key, List.copyOf(points), TrendCodec.INSTANCE,
          stored.map(StateStore.Versioned::version).orElse(0L))) {
        return points;
      }
    }
    LOG.warn("trend {}: could not be written to the state store after 100 attempts (other "
        + "engines kept writing it); the days are kept in this engine", key);
    return fresh;
  }

  private MetricValue valueAt(String metric, String dimension, long at) {
    Aggregate a = aggregates.get(metric).get(dimension);
    Metric m = byName.get(metric);
    return a == null ? new MetricValue(metric, dimension, Double.NaN, 0, m.windowText())
        : value(m, dimension, a, at);
  }

  /**
   * Returns a metric's trend: the days recorded, then its value now (unless now is the last
   * midnight recorded).
   */
  private Trend trend(String metric, String dimension, Instant now) {
    long nowMillis = now.toEpochMilli();
    List<TrendPoint> points = new ArrayList<>(Trend.DAYS + 1);
    synchronized (trends) {
      for (TrendPoint p : trends.get(List.of(metric, dimension))) {
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

  /** Returns the north star's trend, if there is a north star. */
  Optional<Trend> northStarTrend(Instant now) {
    if (northStar.isEmpty()) {
      return Optional.empty();
    }
    closeDays(now.toEpochMilli());
    return Optional.of(trend(northStar.get(), "global", now));
  }

  /** Returns every guardrail's trend and pauses, in declaration order. */
  List<GuardrailHistory> guardrailHistory(Instant now) {
    recheck(now);
    long nowMillis = now.toEpochMilli();
    List<GuardrailHistory> out = new ArrayList<>(guardrails.size());
    for (int i = 0; i < guardrails.size(); i++) {
      Guardrail g = guardrails.get(i);
      List<GuardrailPause> pauses = new ArrayList<>();
      synchronized (status[i]) {
        for (GuardrailCodec.Pause p : status[i].pauses) {
          if (p.until() == null || p.until().toEpochMilli() >= nowMillis - WINDOW_MILLIS) {
            pauses.add(publicPause(p, g));
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
    for (EngagementLevel l : EngagementLevel.values()) {
      out.put(l, store.counter(engagementKeys[l.ordinal()]));
    }
    return out;
  }

  Map<LifecycleStage, Long> stageCounts() {
    Map<LifecycleStage, Long> out = new EnumMap<>(LifecycleStage.class);
    for (LifecycleStage st : LifecycleStage.values()) {
      out.put(st, store.counter(stageKeys[st.ordinal()]));
    }
    return out;
  }

  List<dev.rapport.core.measure.MomentReach> momentReach(long customers) {
    List<dev.rapport.core.measure.MomentReach> out = new ArrayList<>();
    for (int i = 0; i < momentOrder.size(); i++) {
      String name = momentOrder.get(i);
      long reached = store.counter(MOMENT + name + "/reached");
      // the moment it follows: the latest declared before it that at least half of its
      // customers had reached first
      Optional<String> previous = Optional.empty();
      Optional<Double> fromPrevious = Optional.empty();
      for (int j = i - 1; j >= 0 && reached > 0; j--) {
        long after = store.counter(MOMENT + name + "/after/" + momentOrder.get(j));
        long before = store.counter(MOMENT + momentOrder.get(j) + "/reached");
        if (after * 2 >= reached && before > 0) {
          previous = Optional.of(momentOrder.get(j));
          fromPrevious = Optional.of(Math.min(1.0, (double) after / before));
          break;
        }
      }
      out.add(new dev.rapport.core.measure.MomentReach(name, reached, customers,
          median(store.series(MOMENT + name + "/time")), previous, fromPrevious));
    }
    return out;
  }

  /** The median of samples kept as a histogram (bucket: seconds, den: how many). */
  private static Optional<Duration> median(List<StateStore.Cell> histogram) {
    long n = 0;
    for (StateStore.Cell c : histogram) {
      n += c.den();
    }
    if (n == 0) {
      return Optional.empty();
    }
    long rank = n / 2;
    long seen = 0;
    for (StateStore.Cell c : histogram) {
      seen += c.den();
      if (seen > rank) {
        return Optional.of(Duration.ofSeconds(c.bucket()));
      }
    }
    return Optional.empty();
  }

  List<ThemeStats> themes() {
    List<ThemeStats> out = new ArrayList<>();
    for (Map.Entry<String, Long> c : store.counters(THEME).entrySet()) {
      String key = c.getKey();
      if (!key.endsWith("/answers")) {
        continue;
      }
      String theme = key.substring(THEME.length(), key.length() - "/answers".length());
      Map<String, Double> means = new TreeMap<>();
      String scores = THEME + theme + "/score/";
      for (String series : store.seriesKeys(scores)) {
        long n = 0;
        double sum = 0;
        for (StateStore.Cell cell : store.series(series)) {
          n += cell.den();
          sum += cell.sum();
        }
        if (n > 0) {
          means.put(series.substring(scores.length()), sum / n);
        }
      }
      out.add(new ThemeStats(theme, c.getValue(), store.counter(THEME + theme + "/raisers"),
          means, store.counter(THEME + theme + "/resolved") > 0));
    }
    out.sort((a, b) -> a.answers() != b.answers() ? Long.compare(b.answers(), a.answers())
        : a.theme().compareTo(b.theme()));
    return out;
  }

  /** Returns the customers who raised a theme, and marks it resolved. */
  List<CustomerId> resolve(String theme) {
    String prefix = THEME + theme + "/raiser/";
    Map<String, Long> raisers = store.counters(prefix);
    if (store.counter(THEME + theme + "/answers") == 0) {
      return List.of();
    }
    if (store.counter(THEME + theme + "/resolved") == 0) {
      store.add(THEME + theme + "/resolved", 1);
    }
    List<CustomerId> ids = new ArrayList<>(raisers.size());
    for (String key : raisers.keySet()) {
      ids.add(CustomerId.of(key.substring(prefix.length())));
    }
    ids.sort(null);
    return ids;
  }
}
