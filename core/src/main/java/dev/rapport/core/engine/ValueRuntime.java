package dev.rapport.core.engine;

import dev.rapport.core.Customer;
import dev.rapport.core.Event;
import dev.rapport.core.Score;
import dev.rapport.core.measure.Revenue;
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

  private final Revenue revenue;
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
}
