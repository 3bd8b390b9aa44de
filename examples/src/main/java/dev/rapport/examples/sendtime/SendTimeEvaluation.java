package dev.rapport.examples.sendtime;

import dev.rapport.core.SendTimes;
import dev.rapport.examples.replay.EventSource;
import dev.rapport.examples.replay.OnlineRetailCsv;
import dev.rapport.examples.replay.Rejections;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How well Rapport's send-time model predicts the hour of a customer's next purchase on the
 * online-retail log, against the population's most common hour.
 *
 * <p>Each purchase invoice is an occasion (its lines are one purchase), at its hour of the week
 * in UK time. The occasions are walked in time order; for every purchase of a customer who
 * bought before, two predictions are made from what was known just before it: the {@link
 * SendTimes} model's best hour for the customer (their own earlier purchases, shrunk towards the
 * population's), and the population's most common hour so far (the same for everyone). A
 * prediction hits within one hour when the purchase's hour of the week is the predicted one or
 * a neighbour, within two hours when it is at most two away (the week wraps around). Nothing
 * after a purchase is read to predict it.
 *
 * <p>Run: {@code mvn -q -pl examples -am compile exec:java
 * -Dexec.mainClass=dev.rapport.examples.sendtime.SendTimeEvaluation} (the file is
 * {@code ../shared/data/online-retail/online-retail.csv.gz} unless given as the argument).
 */
public final class SendTimeEvaluation {
  /** Where the log is, relative to the project's root. */
  public static final Path DEFAULT_FILE =
      Path.of("..", "shared", "data", "online-retail", "online-retail.csv.gz");
  private static final ZoneId UK = ZoneId.of("Europe/London");

  private SendTimeEvaluation() {}

  /**
   * The hit rates of one way of predicting.
   *
   * @param method how the hour was predicted
   * @param predictions how many purchases were predicted
   * @param exact hits on the very hour
   * @param withinOne hits within one hour
   * @param withinTwo hits within two hours
   */
  public record Rates(String method, long predictions, long exact, long withinOne,
      long withinTwo) {
    /**
     * Returns the share of predictions within one hour.
     *
     * @return the share
     */
    public double withinOneRate() {
      return predictions == 0 ? Double.NaN : (double) withinOne / predictions;
    }

    /**
     * Returns the share of predictions within two hours.
     *
     * @return the share
     */
    public double withinTwoRate() {
      return predictions == 0 ? Double.NaN : (double) withinTwo / predictions;
    }

    /**
     * Returns the share of predictions on the very hour.
     *
     * @return the share
     */
    public double exactRate() {
      return predictions == 0 ? Double.NaN : (double) exact / predictions;
    }
  }

  /**
   * What the evaluation measured.
   *
   * @param customers customers with a purchase predicted (who bought at least twice)
   * @param rates the hit rates, by method, in the order of the table
   */
  public record Result(long customers, Map<String, Rates> rates) {
    /**
     * Returns the rates of a method.
     *
     * @param method the method's name, as in the table
     * @return the rates
     * @throws IllegalArgumentException if there is no such method
     */
    public Rates rates(String method) {
      Rates r = rates.get(method);
      if (r == null) {
        throw new IllegalArgumentException("no method '" + method + "'; the methods are "
            + rates.keySet());
      }
      return r;
    }

    /**
     * Returns the figures as a Markdown table.
     *
     * @return the table
     */
    public String table() {
      StringBuilder s = new StringBuilder();
      s.append("| prediction of the next purchase's hour of the week | predictions | exact "
          + "| within 1 hour | within 2 hours |\n|---|---|---|---|---|\n");
      for (Rates r : rates.values()) {
        s.append(String.format(Locale.ROOT, "| %s | %,d | %.3f | %.3f | %.3f |%n", r.method(),
            r.predictions(), r.exactRate(), r.withinOneRate(), r.withinTwoRate()));
      }
      s.append(String.format(Locale.ROOT, "%,d customers who bought more than once%n",
          customers));
      return s.toString();
    }
  }

  /**
   * Prints the table of the evaluation.
   *
   * @param args the log's path, optionally
   * @throws IOException if the log cannot be read
   */
  public static void main(String[] args) throws IOException {
    Path file = args.length > 0 ? Path.of(args[0]) : DEFAULT_FILE;
    if (!Files.exists(file)) {
      System.err.println("no online-retail log at " + file.toAbsolutePath().normalize());
      return;
    }
    System.out.print(evaluate(file).table());
  }

  /**
   * Evaluates the predictions on the log, with the model's default prior strength and two
   * others.
   *
   * @param file the online-retail CSV
   * @return what was measured
   * @throws IOException if the log cannot be read
   */
  public static Result evaluate(Path file) throws IOException {
    List<String> customers = new ArrayList<>();
    List<Instant> times = new ArrayList<>();
    Map<String, Boolean> seenInvoice = new HashMap<>();
    try (BufferedReader text = EventSource.reader(file)) {
      OnlineRetailCsv.read(text, row -> {
        if (!row.cancellation() && seenInvoice.putIfAbsent(row.invoice(), true) == null) {
          customers.add(row.customerId());
          times.add(row.time());
        }
      }, new Rejections());
    }
    List<SendTimes> models = List.of(SendTimes.builder().priorStrength(1).build(),
        SendTimes.ofDefaults(), SendTimes.builder().priorStrength(16).build(),
        SendTimes.builder().dailyWeight(0).build(), SendTimes.builder().dailyWeight(3).build());
    long[] population = new long[SendTimes.HOURS];
    Map<String, long[]> own = new HashMap<>();
    long[][] hits = new long[models.size() + 1][4];
    java.util.Set<String> predicted = new java.util.HashSet<>();
    // the log is in time order; invoices of one instant are predicted from what came before
    for (int i = 0; i < times.size(); i++) {
      String c = customers.get(i);
      int actual = SendTimes.hourOfWeek(times.get(i), UK);
      long[] mine = own.get(c);
      if (mine != null) {
        predicted.add(c);
        score(hits[0], mode(population), actual);
        for (int m = 0; m < models.size(); m++) {
          score(hits[m + 1], models.get(m).bestHour(mine, population), actual);
        }
      }
      own.computeIfAbsent(c, k -> new long[SendTimes.HOURS])[actual]++;
      population[actual]++;
    }
    Map<String, Rates> rates = new LinkedHashMap<>();
    rates.put("population's most common hour", rates("population's most common hour",
        hits[0]));
    for (int m = 0; m < models.size(); m++) {
      String name = "send-time model, prior strength "
          + String.format(Locale.ROOT, "%.0f, daily weight %.0f", models.get(m).priorStrength(),
              models.get(m).dailyWeight())
          + (m == 1 ? " (default)" : "");
      rates.put(name, rates(name, hits[m + 1]));
    }
    return new Result(predicted.size(), rates);
  }

  private static Rates rates(String name, long[] h) {
    return new Rates(name, h[0], h[1], h[2], h[3]);
  }

  /** The most common hour, the earliest on a tie. */
  private static int mode(long[] counts) {
    int best = 0;
    for (int h = 1; h < counts.length; h++) {
      if (counts[h] > counts[best]) {
        best = h;
      }
    }
    return best;
  }

  private static void score(long[] h, int predictedHour, int actual) {
    int d = Math.abs(predictedHour - actual);
    d = Math.min(d, SendTimes.HOURS - d);
    h[0]++;
    h[1] += d == 0 ? 1 : 0;
    h[2] += d <= 1 ? 1 : 0;
    h[3] += d <= 2 ? 1 : 0;
  }
}
