package dev.rapport.examples.atrisk;

import dev.rapport.core.Customer;
import dev.rapport.core.EngagementLevel;
import dev.rapport.core.EngagementModel;
import dev.rapport.core.Event;
import dev.rapport.core.LifecycleStage;
import dev.rapport.core.RhythmEngagement;
import dev.rapport.core.RhythmEngagement.Population;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.Replay;
import dev.rapport.examples.replay.EventSource;
import dev.rapport.examples.replay.OnlineRetailCsv;
import dev.rapport.examples.replay.Rejections;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * How well engagement models tell who is about to lapse, on the online-retail log: the engine's
 * state is built from the log's start (2010-12-01) to 2011-08-31, and "no purchase from 2011-09-01
 * to 2011-12-09" is the truth, for the customers with at least two purchase invoices before the
 * cut-off.
 *
 * <p>Each invoice line is replayed, with the published {@link Replay}, as the examples' replay
 * does ({@code purchased} for a line
 * bought, {@code order_cancelled} for a line of a cancellation invoice), into three engines: one
 * with the default engagement model, one with {@link RhythmEngagement} and its default
 * population, and one with the population {@linkplain Population#fit fitted} on the customers as
 * the second engine sees them at the cut-off (what a user would do before the cut-off: no later
 * data is read). Compared: a 60-day recency rule, the default model's flags, and the rhythm
 * model's lapse risk (ranked, and as the level and stage it drives).
 *
 * <p>Run: {@code mvn -q -pl examples -am compile exec:java
 * -Dexec.mainClass=dev.rapport.examples.atrisk.AtRiskEvaluation} (the file is
 * {@code ../shared/data/online-retail/online-retail.csv.gz} unless given as the argument).
 */
public final class AtRiskEvaluation {
  /** Where the log is, relative to the project's root. */
  public static final Path DEFAULT_FILE =
      Path.of("..", "shared", "data", "online-retail", "online-retail.csv.gz");

  private static final ZoneId UK = ZoneId.of("Europe/London");
  /** The cut-off: the state is built before it, the truth read after it. */
  public static final Instant CUT_OFF = LocalDateTime.of(2011, 9, 1, 0, 0).atZone(UK)
      .toInstant();
  private static final Duration RECENCY_RULE = Duration.ofDays(60);
  private static final String PURCHASED = "purchased";

  private AtRiskEvaluation() {}

  /**
   * Customers flagged by a rule, and how many of them lapsed.
   *
   * @param rule what flagged them
   * @param flagged how many were flagged
   * @param hits how many of those lapsed
   * @param lapsed how many lapsed in all
   */
  public record Flags(String rule, long flagged, long hits, long lapsed) {
    /**
     * Returns the share of the flagged customers who lapsed.
     *
     * @return the precision, NaN if none was flagged
     */
    public double precision() {
      return flagged == 0 ? Double.NaN : (double) hits / flagged;
    }

    /**
     * Returns the share of the lapsed customers who were flagged.
     *
     * @return the recall
     */
    public double recall() {
      return (double) hits / lapsed;
    }
  }

  /**
   * What the evaluation measured.
   *
   * @param customers the customers evaluated (two purchase invoices or more before the cut-off)
   * @param lapsed how many of them made no purchase after it
   * @param flags every rule's flags, in the order of the report
   * @param aucRecency the ROC AUC of the days since the latest purchase as a lapse score
   * @param aucRhythm the ROC AUC of the rhythm model's lapse risk (default population)
   * @param aucFitted the ROC AUC of the lapse risk with the fitted population
   * @param fitted the fitted population
   */
  public record Result(long customers, long lapsed, List<Flags> flags, double aucRecency,
      double aucRhythm, double aucFitted, Population fitted) {

    /**
     * Returns the flags of a rule.
     *
     * @param rule the rule's name, as in the report
     * @return its flags
     * @throws IllegalArgumentException if there is no such rule
     */
    public Flags flags(String rule) {
      return flags.stream().filter(f -> f.rule().equals(rule)).findFirst().orElseThrow(
          () -> new IllegalArgumentException("no rule '" + rule + "'"));
    }

    /**
     * Returns the report as a Markdown table.
     *
     * @return the table
     */
    public String table() {
      StringBuilder out = new StringBuilder();
      out.append(String.format(Locale.ROOT, "%,d customers with two purchase invoices or more "
          + "before %s; %,d of them (%.2f) made no purchase after it%n%n", customers,
          "2011-09-01", lapsed, (double) lapsed / customers));
      out.append("| rule | flagged | lapsed among them | precision | recall |\n");
      out.append("|---|---:|---:|---:|---:|\n");
      for (Flags f : flags) {
        out.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %.3f | %.3f |%n", f.rule(),
            f.flagged(), f.hits(), f.precision(), f.recall()));
      }
      out.append(String.format(Locale.ROOT, "%nROC AUC: days since the latest purchase %.4f, "
          + "lapse risk %.4f, lapse risk with the fitted population %.4f%n", aucRecency,
          aucRhythm, aucFitted));
      out.append(String.format(Locale.ROOT, "fitted population: r = %.4f, alpha = %.2f days, "
          + "a = %.4f, b = %.4f%n", fitted.r(), fitted.alphaDays(), fitted.a(), fitted.b()));
      return out.toString();
    }
  }

  /**
   * Prints the evaluation of the log.
   *
   * @param args the log's path, optionally
   * @throws IOException if the log cannot be read
   */
  public static void main(String[] args) throws IOException {
    Path file = args.length > 0 ? Path.of(args[0]) : DEFAULT_FILE;
    if (!Files.isReadable(file)) {
      System.out.println("no online-retail log at " + file.toAbsolutePath().normalize());
      return;
    }
    System.out.print(evaluate(file).table());
  }

  /**
   * Evaluates the models on the log.
   *
   * @param file the online-retail CSV
   * @return what was measured
   * @throws IOException if the log cannot be read
   */
  public static Result evaluate(Path file) throws IOException {
    List<OnlineRetailCsv.Row> rows = new ArrayList<>();
    try (BufferedReader text = EventSource.reader(file)) {
      OnlineRetailCsv.read(text, rows::add, new Rejections());
    }
    // the truth, from the invoices themselves
    Map<String, Set<String>> invoicesBefore = new HashMap<>();
    Set<String> boughtAfter = new HashSet<>();
    for (OnlineRetailCsv.Row row : rows) {
      if (row.cancellation()) {
        continue;
      }
      if (row.time().isBefore(CUT_OFF)) {
        invoicesBefore.computeIfAbsent(row.customerId(), k -> new HashSet<>())
            .add(row.invoice());
      } else {
        boughtAfter.add(row.customerId());
      }
    }
    Map<String, Boolean> lapsed = new TreeMap<>();
    invoicesBefore.forEach((customer, invoices) -> {
      if (invoices.size() >= 2) {
        lapsed.put(customer, !boughtAfter.contains(customer));
      }
    });

    List<Event> events = new ArrayList<>();
    for (OnlineRetailCsv.Row row : rows) {
      if (row.time().isBefore(CUT_OFF)) {
        events.add(Event.builder(row.customerId(),
            row.cancellation() ? "order_cancelled" : PURCHASED)
            .id("line-" + row.line()).with("invoice", row.invoice()).at(row.time()));
      }
    }
    Engine plain = replay(events, null);
    RhythmEngagement rhythm = RhythmEngagement.builder(Set.of(PURCHASED)).build();
    Engine rhythmic = replay(events, rhythm);
    List<Customer> everyone = new ArrayList<>();
    for (String id : invoicesBefore.keySet()) {
      rhythmic.customer(id).ifPresent(everyone::add);
    }
    Population fitted = Population.fit(everyone, Set.of(PURCHASED));
    Engine fittedEngine = replay(events, RhythmEngagement.builder(Set.of(PURCHASED))
        .population(fitted).build());

    Map<String, Customer> base = views(plain, lapsed.keySet());
    Map<String, Customer> scored = views(rhythmic, lapsed.keySet());
    Map<String, Customer> scoredFitted = views(fittedEngine, lapsed.keySet());
    long lapsedCount = lapsed.values().stream().filter(b -> b).count();

    List<Flags> flags = new ArrayList<>();
    Flags recency = count("days since the latest purchase >= 60", lapsed, base,
        c -> c.since(PURCHASED).orElseThrow().compareTo(RECENCY_RULE) >= 0);
    flags.add(recency);
    flags.add(count("default model: low or disengaged", lapsed, base,
        c -> c.engagement() == EngagementLevel.LOW_ORGANIC
            || c.engagement() == EngagementLevel.LOW_DISAFFECTED
            || c.engagement() == EngagementLevel.DISENGAGED));
    flags.add(count("default model: stage AT_RISK", lapsed, base,
        c -> c.stage() == LifecycleStage.AT_RISK));
    flags.add(count("default model: LOST", lapsed, base,
        c -> c.engagement() == EngagementLevel.LOST));
    flags.add(top("lapse risk, top " + recency.flagged(), lapsed, scored, recency.flagged()));
    flags.add(count("rhythm model: stage AT_RISK (risk >= 0.5)", lapsed, scored,
        c -> c.stage() == LifecycleStage.AT_RISK));
    flags.add(count("rhythm model: LOST (risk >= 0.9)", lapsed, scored,
        c -> c.engagement() == EngagementLevel.LOST));
    flags.add(top("lapse risk (fitted population), top " + recency.flagged(), lapsed,
        scoredFitted, recency.flagged()));
    flags.add(count("rhythm model (fitted population): stage AT_RISK", lapsed, scoredFitted,
        c -> c.stage() == LifecycleStage.AT_RISK));

    double aucRecency = auc(lapsed, base,
        c -> Duration.between(c.last(PURCHASED).orElseThrow(), c.now()).toSeconds());
    double aucRhythm = auc(lapsed, scored, c -> c.lapseRisk().orElseThrow());
    double aucFitted = auc(lapsed, scoredFitted, c -> c.lapseRisk().orElseThrow());
    return new Result(lapsed.size(), lapsedCount, List.copyOf(flags), aucRecency, aucRhythm,
        aucFitted, fitted);
  }

  /**
   * Replays the events (those before the cut-off) into an engine, its time following them, and
   * advances it to the cut-off, so that the levels that drift with time are reviewed.
   */
  private static Engine replay(List<Event> events, EngagementModel model) {
    Engine.Builder b = Engine.builder().clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    if (model != null) {
      b.engagement(model);
    }
    Engine engine = b.build();
    Replay.of(engine).events(events);
    engine.advanceTo(CUT_OFF);
    return engine;
  }

  private static Map<String, Customer> views(Engine engine, Set<String> ids) {
    Map<String, Customer> out = new LinkedHashMap<>();
    for (String id : ids) {
      out.put(id, engine.customer(id).orElseThrow());
    }
    return out;
  }

  private static Flags count(String rule, Map<String, Boolean> lapsed,
      Map<String, Customer> views, java.util.function.Predicate<Customer> flag) {
    long flagged = 0;
    long hits = 0;
    long all = 0;
    for (Map.Entry<String, Boolean> e : lapsed.entrySet()) {
      all += e.getValue() ? 1 : 0;
      if (flag.test(views.get(e.getKey()))) {
        flagged++;
        hits += e.getValue() ? 1 : 0;
      }
    }
    return new Flags(rule, flagged, hits, all);
  }

  /** The k customers with the highest lapse risk (ties by id), and how many of them lapsed. */
  private static Flags top(String rule, Map<String, Boolean> lapsed,
      Map<String, Customer> views, long k) {
    List<String> ids = new ArrayList<>(lapsed.keySet());
    ids.sort(Comparator.comparingDouble(
        (String id) -> -views.get(id).lapseRisk().orElseThrow()).thenComparing(id -> id));
    long hits = 0;
    for (int i = 0; i < k; i++) {
      hits += lapsed.get(ids.get(i)) ? 1 : 0;
    }
    long all = lapsed.values().stream().filter(b -> b).count();
    return new Flags(rule, k, hits, all);
  }

  /**
   * The area under the ROC curve of a score for telling the lapsed from the others: the chance
   * that a lapsed customer scores higher than one who came back, ties counting half
   * (Mann-Whitney).
   */
  static double auc(Map<String, Boolean> lapsed, Map<String, Customer> views,
      ToDoubleFunction<Customer> score) {
    record Scored(double score, boolean lapsed) {}
    List<Scored> all = new ArrayList<>();
    lapsed.forEach((id, l) -> all.add(new Scored(score.applyAsDouble(views.get(id)), l)));
    all.sort(Comparator.comparingDouble(Scored::score));
    double rankSum = 0;
    long positives = 0;
    int i = 0;
    while (i < all.size()) {
      int j = i;
      while (j < all.size() && all.get(j).score() == all.get(i).score()) {
        j++;
      }
      double rank = (i + 1 + j) / 2.0; // the mean of ranks i+1 .. j
      for (int k = i; k < j; k++) {
        if (all.get(k).lapsed()) {
          rankSum += rank;
          positives++;
        }
      }
      i = j;
    }
    long negatives = all.size() - positives;
    return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }
}
