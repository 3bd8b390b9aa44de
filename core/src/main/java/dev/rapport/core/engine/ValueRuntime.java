package dev.rapport.core.engine;

import dev.rapport.core.Action;
import dev.rapport.core.Customer;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.journey.JourneyStats;
import dev.rapport.core.measure.ActionRoi;
import dev.rapport.core.Score;
import dev.rapport.core.measure.Revenue;
import dev.rapport.core.measure.RoiResult;
import dev.rapport.core.measure.ScoreDistribution;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The engine's view of value: each customer's purchases, as its revenue definition counts them,
 * and the scores it declares, with their distributions over customers.
 *
 * <p>Design note. Purchases change where events are recorded ({@link #record}), so that the
 * conditions of the same call already see them; what each revenue event did (a new order, the
 * customer's previous latest order) is noted on the call for the value metrics. Scores are read
 * once per call, on the customer as the call leaves them ({@link #observe}), and again at their
 * reviews (which the engine's standing review includes, see {@link Profiles}). A score's latest
 * value is kept in the record, and each score's distribution is a series per dimension
 * ({@code score/<name>/<dimension>}), one cell per bucket of its scale: customers in the
 * denominator, the sum of their values in the sum. A changed value moves the customer out of
 * the old bucket in the dimensions they were in when the call started and into the new one in
 * those they are in now, in the call's own transaction, so that the distribution is what every
 * customer's latest value says, across restarts and engines sharing a store.
 */
final class ValueRuntime {
  /** No revenue, no scores: an engine that computes no value pays nothing. */
  static final ValueRuntime NONE = new ValueRuntime(null, List.of(), Duration.ofDays(400),
      List.of(), List.of());

  private static final String SCORE = "score/";
  private static final String ROI_JOURNEY = "roi/journey/";
  private static final Duration DEFAULT_ATTRIBUTION = Duration.ofDays(30);
  static final String ROI_ACTION = "roi/action/";
  private static final String TREATED = "/treated";
  private static final String HELD_OUT = "/held-out";
  private static final String COST = "/cost";
  private static final String ORDERS = "/orders";

  private final Revenue revenue;
  /** How long after an entry into a journey revenue counts for it, in nanoseconds. */
  private final long attribution;
  private final List<Score> scores;
  private final Map<String, Integer> scoreIndex;
  private final Duration retention;
  /** Per score, its series keys: global, then each persona, then each segment. */
  private final String[][] keys;
  private final int personas;
  private final List<String> personaNames;
  private final List<String> segmentNames;

  /** One revenue event of a call and what it did, for the value metrics. */
  record Sold(Event event, CustomerValue.Sale sale) {}

  ValueRuntime(Revenue revenue, List<Score> scores, Duration retention,
      List<String> personaNames, List<String> segmentNames) {
    this.revenue = revenue;
    if (revenue != null && revenue.attributionWindow().isPresent()
        && revenue.attributionWindow().get().compareTo(retention) > 0) {
      throw new IllegalStateException("engine: the revenue's attribution window of "
          + revenue.attributionWindow().get() + " is longer than the history retention of "
          + retention + "; shorten it (Revenue.attributionWindow(...)) or raise "
          + "Engine.builder().retention(...)");
    }
    Duration window = revenue == null ? Duration.ZERO : revenue.attributionWindow()
        .orElse(DEFAULT_ATTRIBUTION.compareTo(retention) > 0 ? retention : DEFAULT_ATTRIBUTION);
    this.attribution = window.toNanos();
    this.scores = List.copyOf(scores);
    this.retention = retention;
    this.personaNames = List.copyOf(personaNames);
    this.segmentNames = List.copyOf(segmentNames);
    this.personas = personaNames.size();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < this.scores.size(); i++) {
      Score s = this.scores.get(i);
      if (s.name() == null || s.name().isBlank()) {
        throw new IllegalStateException("engine: score " + s + " has no name; give each score "
            + "a name");
      }
      if (s.scale() == null) {
        throw new IllegalStateException("engine: score '" + s.name() + "' has no scale; give "
            + "it one of Score.Scale");
      }
      if (index.put(s.name(), i) != null) {
        throw new IllegalStateException("engine: score '" + s.name() + "' is declared twice; "
            + "give each score a unique name");
      }
    }
    this.scoreIndex = Map.copyOf(index);
    this.keys = new String[this.scores.size()][];
    for (int i = 0; i < keys.length; i++) {
      String prefix = SCORE + this.scores.get(i).name() + "/";
      String[] k = new String[1 + personaNames.size() + segmentNames.size()];
      k[0] = prefix + "global";
      for (int p = 0; p < personaNames.size(); p++) {
        k[1 + p] = prefix + "persona:" + personaNames.get(p);
      }
      for (int s = 0; s < segmentNames.size(); s++) {
        k[1 + personaNames.size() + s] = prefix + "segment:" + segmentNames.get(s);
      }
      keys[i] = k;
    }
  }

  /** Whether the engine has a revenue definition. */
  boolean hasRevenue() {
    return revenue != null;
  }

  Optional<Revenue> revenue() {
    return Optional.ofNullable(revenue);
  }

  boolean hasScores() {
    return !scores.isEmpty();
  }

  Duration retention() {
    return retention;
  }

  /** The index of a declared score, or -1. */
  int scoreIndex(String name) {
    Integer i = scoreIndex.get(name);
    return i == null ? -1 : i;
  }

  String scoreName(int index) {
    return scores.get(index).name();
  }

  /** A declared score, by name. */
  Score score(String name) {
    Integer i = scoreIndex.get(name);
    if (i == null) {
      throw new IllegalArgumentException("score(\"" + name + "\"): the engine declares no score "
          + "of that name; it declares " + scoreIndex.keySet() + " (add it with "
          + "Engine.builder().scores(...))");
    }
    return scores.get(i);
  }

  // ------------------------------------------------------------------ purchases

  /** Records a revenue event in the customer's purchases; nothing for other events. */
  void record(Txn t, Event ev) {
    if (revenue == null) {
      return;
    }
    OptionalDouble amount = revenue.amountOf(ev);
    if (amount.isEmpty()) {
      return;
    }
    long at = Times.of(ev.time());
    CustomerValue v = t.rec.value();
    CustomerValue.Sale sale = v.saleAt(at, amount.getAsDouble());
    t.rec.setValue(v.withSale(at, amount.getAsDouble(), t.nowNanos - retention.toNanos()));
    if (t.sales == null) {
      t.sales = new ArrayList<>(2);
    }
    t.sales.add(new Sold(ev, sale));
  }

  // ------------------------------------------------------------------ scores

  /** Whether an event of a type can change a score (purchases always can). */
  boolean dependsOn(String eventType) {
    if (revenue != null && revenue.counts(eventType)) {
      return true;
    }
    for (int i = 0; i < scores.size(); i++) {
      if (scores.get(i).dependsOn(eventType)) {
        return true;
      }
    }
    return false;
  }

  /** The earliest review any score asks for, or null; a score that throws asks for none. */
  Instant nextReview(Customer view) {
    Instant next = null;
    for (int i = 0; i < scores.size(); i++) {
      Optional<Instant> r;
      try {
        r = scores.get(i).nextReview(view);
      } catch (RuntimeException ex) {
        continue; // its value is read (and its failure reported) when the call is observed
      }
      if (r != null && r.isPresent() && (next == null || r.get().isBefore(next))) {
        next = r.get();
      }
    }
    return next;
  }

  /**
   * Reads every declared score on the customer as the call leaves them, keeps the values that
   * changed in the record, and moves the customer in the distributions.
   */
  void observe(Txn t, MetricsRuntime.FailureSink failures, List<String> cellKeys,
      List<StateStore.Cell> cells) {
    if (scores.isEmpty()) {
      return;
    }
    Customer view = t.view();
    CustomerValue before = t.rec.value();
    CustomerValue after = before;
    boolean moved = t.personasBefore != null;
    long[] oldPersonas = moved ? t.personasBefore : t.rec.personaBits();
    long[] oldSegments = moved ? t.segmentsBefore : t.rec.segmentBits();
    for (int i = 0; i < scores.size(); i++) {
      Score s = scores.get(i);
      double now;
      try {
        now = s.of(view);
      } catch (RuntimeException ex) {
        failures.failed(t, "score '" + s.name() + "'", ex);
        continue;
      }
      if (Double.isInfinite(now)) {
        now = Double.NaN; // not a value a bucket or a mean can hold
      }
      double old = before.score(i);
      if (Double.compare(old, now) == 0 && !moved) {
        continue;
      }
      if (!Double.isNaN(old)) {
        move(i, s.scale().bucketOf(old), -1, -old, oldPersonas, oldSegments, cellKeys, cells);
      }
      if (!Double.isNaN(now)) {
        move(i, s.scale().bucketOf(now), 1, now, t.rec.personaBits(), t.rec.segmentBits(),
            cellKeys, cells);
      }
      if (Double.compare(old, now) != 0) {
        after = after.withScore(i, now);
      }
    }
    if (after != before) {
      t.rec.setValue(after);
    }
    // a call that sent something changed what a score's review depends on (the fatigue
    // score's windows): bring the customer's review forward if a score asks for it sooner
    if (!t.dispatches.isEmpty() && t.rec.hasStanding()) {
      Instant review = nextReview(view);
      long current = t.rec.reviewAt();
      if (review != null && review.isAfter(t.now)
          && (current == Times.NONE || Times.of(review) < current)) {
        t.rec.setStanding(t.rec.engagement(), t.rec.stage(), Times.of(review));
      }
    }
  }

  /** Takes a forgotten customer out of every distribution. */
  void forget(Txn t, List<String> cellKeys, List<StateStore.Cell> cells) {
    CustomerValue v = t.rec.value();
    for (int i = 0; i < scores.size(); i++) {
      double old = v.score(i);
      if (!Double.isNaN(old)) {
        move(i, scores.get(i).scale().bucketOf(old), -1, -old, t.rec.personaBits(),
            t.rec.segmentBits(), cellKeys, cells);
      }
    }
  }

  private void move(int score, int bucket, long customers, double sum, long[] personaBits,
      long[] segmentBits, List<String> cellKeys, List<StateStore.Cell> cells) {
    StateStore.Cell cell = new StateStore.Cell(bucket, 0, 0, customers, sum);
    String[] k = keys[score];
    cellKeys.add(k[0]);
    cells.add(cell);
    for (int p = 0; p < personas; p++) {
      if ((personaBits[p >>> 6] & (1L << p)) != 0) {
        cellKeys.add(k[1 + p]);
        cells.add(cell);
      }
    }
    for (int s = 0; s < segmentNames.size(); s++) {
      if ((segmentBits[s >>> 6] & (1L << s)) != 0) {
        cellKeys.add(k[1 + personas + s]);
        cells.add(cell);
      }
    }
  }

  /** Every declared score's distribution: globally, then per persona and per segment. */
  List<ScoreDistribution> distributions(StateStore store) {
    List<ScoreDistribution> out = new ArrayList<>();
    for (int i = 0; i < scores.size(); i++) {
      Score s = scores.get(i);
      String[] k = keys[i];
      for (int d = 0; d < k.length; d++) {
        String dimension = d == 0 ? "global" : d <= personas
            ? "persona:" + personaNames.get(d - 1) : "segment:" + segmentNames.get(d - 1 - personas);
        List<StateStore.Cell> series = store.series(k[d]);
        if (d > 0 && series.isEmpty()) {
          continue;
        }
        long[] counts = new long[s.scale().buckets()];
        double sum = 0;
        for (StateStore.Cell c : series) {
          if (c.bucket() >= 0 && c.bucket() < counts.length) {
            counts[(int) c.bucket()] += c.den();
            sum += c.sum();
          }
        }
        long total = 0;
        List<Long> buckets = new ArrayList<>(counts.length);
        for (long c : counts) {
          buckets.add(c);
          total += c;
        }
        out.add(new ScoreDistribution(s.name(), s.scale(), dimension, List.copyOf(buckets),
            total, total == 0 ? Double.NaN : sum / total));
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ return on investment

  /** Whether a call changes the return tallies: it sent something or sold something. */
  boolean measuresReturn(Txn t) {
    return revenue != null && (t.sales != null || !t.dispatches.isEmpty());
  }

  /**
   * Adds a call's messages and sales to the return tallies: each dispatch's cost to its journey
   * and action; each sale to the journey enrollments, and to the exposures to actions with a
   * holdout, whose attribution window holds it, in their arm (the sum, and the change of the sum
   * of squares of each unit's revenue, which the interval needs); an order within an exposure's
   * window converts it, once; each sale that answers a dispatch (or a recommendation the host
   * showed itself) to that dispatch's action.
   *
   * <p>A unit's revenue is read from the purchases the record keeps (within the retention,
   * which the window may not exceed), after the call, and the call's own sales are taken off for
   * the value before, so that several sales in one call add up right.
   */
  void observeReturn(Txn t, List<String> cellKeys, List<StateStore.Cell> cells) {
    for (int i = 0; i < t.dispatches.size(); i++) {
      Dispatch d = t.dispatches.get(i);
      StateStore.Cell cost = new StateStore.Cell(0, 0, 0, 1, revenue.costOf(d.channel()));
      if (d.journey().isPresent()) {
        cellKeys.add(ROI_JOURNEY + d.journey().get() + COST);
        cells.add(cost);
      }
      cellKeys.add(ROI_ACTION + d.action().name() + COST);
      cells.add(cost);
    }
    if (t.sales == null) {
      return;
    }
    long cutoff = t.nowNanos - retention.toNanos();
    CustomerValue v = t.rec.value();
    for (int i = 0; i < t.rec.enrollmentCount(); i++) {
      Enrollment e = t.rec.enrollmentAt(i);
      long from = e.enteredAtNanos();
      double call = inWindow(t, from, cutoff, false);
      if (call != 0) {
        tally(ROI_JOURNEY + e.journey() + (e.holdout() ? HELD_OUT : TREATED), v, from, call,
            cellKeys, cells);
      }
    }
    for (int i = 0; i < t.rec.exposureCount(); i++) {
      Exposure x = t.rec.exposureAt(i);
      if (!x.converted() && inWindow(t, x.at(), cutoff, true) > 0) {
        t.rec.putExposure(x.convert());
        t.count(ActionHoldouts.converted(x.action(), x.heldOut()), 1);
      }
      double call = inWindow(t, x.at(), cutoff, false);
      if (call != 0) {
        tally(ActionHoldouts.revenue(x.action(), x.heldOut()), v, x.at(), call, cellKeys, cells);
      }
    }
    for (Sold sold : t.sales) {
      Object id = sold.event().properties().get(EventTypes.DISPATCH_ID);
      if (!(id instanceof String)) {
        continue;
      }
      String answered = answeredAction(t, (String) id);
      if (answered != null) {
        cellKeys.add(ROI_ACTION + answered + ORDERS);
        cells.add(new StateStore.Cell(0, 0, 0, sold.sale().newOrder() ? 1 : 0,
            sold.sale().amount()));
      }
    }
  }

  /**
   * The action a sale answers by its dispatch id: that of a dispatch the engine sent, or else
   * that of a decision's recommendation the host showed itself (whose impression id is its
   * dispatch id); null if the record keeps neither.
   */
  private static String answeredAction(Txn t, String id) {
    Contact sent = t.rec.contact(id);
    if (sent != null) {
      return sent.action();
    }
    int shown = t.rec.impressionIndex(id);
    return shown < 0 ? null : t.rec.impressionAt(shown).action();
  }

  /**
   * The call's sales within the attribution window from an instant (and within the retention):
   * their amount, or with {@code orders} the number of orders they started.
   */
  private double inWindow(Txn t, long from, long cutoff, boolean orders) {
    long until = from + attribution;
    double sum = 0;
    for (Sold sold : t.sales) {
      long at = Times.of(sold.event().time());
      if (at >= from && at < until && at > cutoff) {
        sum += orders ? (sold.sale().newOrder() ? 1 : 0) : sold.sale().amount();
      }
    }
    return sum;
  }

  /**
   * Adds a unit's revenue in a call to its arm's series: the call's amount to the sum (bucket
   * 0), and the change of the square of the unit's revenue within its window to the sum of
   * squares (bucket 1).
   */
  private void tally(String key, CustomerValue v, long from, double call,
      List<String> cellKeys, List<StateStore.Cell> cells) {
    double after = v.revenueBetween(from - 1, from + attribution - 1);
    double before = after - call;
    cellKeys.add(key);
    cells.add(new StateStore.Cell(0, 0, 0, 0, call));
    cellKeys.add(key);
    cells.add(new StateStore.Cell(1, 0, 0, 0, after * after - before * before));
  }

  /** Every journey's return against its holdout, in the order of the funnels. */
  List<RoiResult> returns(StateStore store, List<JourneyStats> funnels, long minSample) {
    if (revenue == null) {
      return List.of();
    }
    List<RoiResult> out = new ArrayList<>(funnels.size());
    for (JourneyStats f : funnels) {
      double[] treated = sums(store.series(ROI_JOURNEY + f.journey() + TREATED));
      double[] held = sums(store.series(ROI_JOURNEY + f.journey() + HELD_OUT));
      double[] cost = sums(store.series(ROI_JOURNEY + f.journey() + COST));
      out.add(RoiResult.of(f.journey(), f.treated(), f.heldOut(), f.convertedTreated(),
          f.convertedHeldOut(), treated[1], treated[3], held[1], held[3], (long) cost[0],
          cost[1], minSample));
    }
    return out;
  }

  /**
   * Every action's messages, cost and attributed revenue, in the order given, and for an action
   * with a holdout its return against it: the same computation as a journey's, over the
   * customers exposed to it.
   */
  List<ActionRoi> actionReturns(StateStore store, List<Action> actions, long minSample) {
    if (revenue == null) {
      return List.of();
    }
    List<ActionRoi> out = new ArrayList<>(actions.size());
    for (Action action : actions) {
      String a = action.name();
      double[] cost = sums(store.series(ROI_ACTION + a + COST));
      double[] orders = sums(store.series(ROI_ACTION + a + ORDERS));
      Optional<RoiResult> holdout = Optional.empty();
      if (action.holdout() > 0) {
        double[] treated = sums(store.series(ActionHoldouts.revenue(a, false)));
        double[] held = sums(store.series(ActionHoldouts.revenue(a, true)));
        holdout = Optional.of(RoiResult.of(a, store.counter(ActionHoldouts.exposed(a, false)),
            store.counter(ActionHoldouts.exposed(a, true)),
            store.counter(ActionHoldouts.converted(a, false)),
            store.counter(ActionHoldouts.converted(a, true)), treated[1], treated[3], held[1],
            held[3], (long) cost[0], cost[1], minSample));
      }
      out.add(new ActionRoi(a, (long) cost[0], cost[1], (long) orders[0], orders[1], holdout));
    }
    return out;
  }

  /** Bucket 0's denominator and sum, bucket 1's denominator and sum. */
  private static double[] sums(List<StateStore.Cell> series) {
    double[] out = new double[4];
    for (StateStore.Cell c : series) {
      int at = c.bucket() == 0 ? 0 : 2;
      out[at] += c.den();
      out[at + 1] += c.sum();
    }
    return out;
  }
}
