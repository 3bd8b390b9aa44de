package dev.rapport.benchmarks.report;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints the table of a benchmark run next to the budgets of DESIGN §6, from the files {@code
 * benchmarks/run.sh} leaves in a results folder: {@code nba.json} (JMH, {@code -rf json}),
 * optionally {@code journey.json}, {@code timers.json}, {@code coldstart.txt}, {@code
 * replay.txt}, {@code footprint.txt} and {@code durable.json}. Rapport's throughput ratios are
 * computed from the one JMH run of {@code nba.json}; the durable stores' from the one run of
 * {@code durable.json}.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.rapport.benchmarks.report.Report
 * <folder>}.
 */
public final class Report {
  private static final String NBA = "dev.rapport.benchmarks.nba.NbaBenchmark.";
  private static final Pattern PAIR = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)");
  /** Reads JMH's results; it may write NaN and Infinity as bare words. */
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();

  private final List<String[]> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private int missed;

  private Report() {}

  /**
   * Prints the table.
   *
   * @param args the results folder
   * @throws IOException if a file cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: Report <results folder>");
      System.exit(2);
    }
    Report r = new Report();
    r.build(Path.of(args[0]));
    r.print();
  }

  /**
   * A JMH result: score and its error, in ops/s, and the bytes allocated per operation when the
   * run had JMH's gc profiler ({@code NaN} otherwise).
   */
  record Score(double score, double error, double bytesPerOp) {
    Score(double score, double error) {
      this(score, error, Double.NaN);
    }
  }

  private void build(Path dir) throws IOException {
    Map<String, Score> nba = jmh(dir.resolve("nba.json"));
    nba("20", nba);
    nba("1000", nba);
    coldStart(dir.resolve("coldstart.txt"));
    replay(dir.resolve("replay.txt"));
    journeys(dir.resolve("journey.json"), dir.resolve("timers.json"),
        dir.resolve("footprint.txt"));
    durable(dir.resolve("durable.json"));
  }

  // ------------------------------------------------------------------ next best action

  private void nba(String rules, Map<String, Score> s) {
    Score rapport = s.get("rapport/" + rules);
    Score reused = s.get("droolsReused/" + rules);
    Score stateless = s.get("droolsStateless/" + rules);
    Score easy = s.get("easyRules/" + rules);
    Score hand = s.get("handWritten/" + rules);
    boolean twenty = rules.equals("20");
    section("Next best action, " + (twenty ? "20" : "1,000") + " rules (decisions/s, one "
        + "customer at a time)");
    row("Rapport decide (gate and explanation included)", ops(rapport),
        twenty ? "> 5,000,000/s" : "", twenty && rapport != null
            ? met(rapport.score() > 5_000_000) : "");
    row("Drools, reused KieSession", ops(reused), twenty ? "(DESIGN measured ~0.9M/s)" : "",
        "");
    row("Drools, stateless session", ops(stateless),
        twenty ? "(DESIGN measured ~0.5M/s)" : "", "");
    row("Easy Rules", ops(easy), twenty ? "(DESIGN measured ~0.44M/s)" : "", "");
    row("Hand-written Java loop, top-3 pick", ops(hand),
        twenty ? "(DESIGN measured ~21M/s)" : "", "");
    ratio("Rapport / Drools reused", rapport, reused, twenty ? 5 : Double.NaN);
    ratio("Rapport / Drools stateless", rapport, stateless, Double.NaN);
    ratio("Rapport / Easy Rules", rapport, easy, twenty ? 10 : Double.NaN);
    ratio("Rapport / hand-written loop", rapport, hand, twenty ? 0.25 : Double.NaN);
    if (!twenty) {
      Score r20 = s.get("rapport/20");
      if (r20 != null && rapport != null) {
        double growth = r20.score() / rapport.score();
        row("Rapport decision time, 1,000 rules / 20 rules", times(growth), "<= 10x",
            met(growth <= 10));
      } else {
        row("Rapport decision time, 1,000 rules / 20 rules", "not measured", "<= 10x", "");
      }
    }
  }

  private void ratio(String label, Score a, Score b, double atLeast) {
    String budget = Double.isNaN(atLeast) ? "" : ">= " + trim(atLeast) + "x";
    if (a == null || b == null) {
      row(label, "not measured", budget, "");
      return;
    }
    double r = a.score() / b.score();
    row(label, times(r), budget, Double.isNaN(atLeast) ? "" : met(r >= atLeast));
  }

  /**
   * Reads a JMH result file ({@code -rf json}): each benchmark's score in ops/s, keyed by its
   * method and its {@code rules} or {@code customers} parameter, such as {@code rapport/20}.
   *
   * @param file the file; none gives no scores
   * @return the scores
   * @throws IOException if the file cannot be read or is not JSON
   * @throws IllegalArgumentException if it is JSON but not a JMH result in ops/s
   */
  static Map<String, Score> jmh(Path file) throws IOException {
    Map<String, Score> out = new HashMap<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    JsonNode root = JSON.readTree(file.toFile());
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException(file + ": not a JMH JSON result (expected an array)");
    }
    for (JsonNode b : root) {
      String name = b.path("benchmark").asText();
      JsonNode metric = b.path("primaryMetric");
      if (name.isEmpty() || !metric.path("score").isNumber()) {
        throw new IllegalArgumentException(file + ": not a JMH JSON result (an entry without "
            + "benchmark or primaryMetric.score)");
      }
      String unit = metric.path("scoreUnit").asText();
      // JMH writes "NaN" (a string) when one fork leaves no error bar
      JsonNode error = metric.path("scoreError");
      double value = metric.path("score").asDouble();
      double err = error.isNumber() ? error.asDouble() : Double.NaN;
      JsonNode alloc = b.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score");
      double bytes = alloc.isNumber() ? alloc.asDouble() : Double.NaN;
      Score score;
      if (unit.equals("ops/s")) {
        score = new Score(value, err, bytes);
      } else if (unit.equals("ns/op")) {
        // a single-shot benchmark: time per operation, turned into a rate; its error bar
        // becomes the half-width of the rates at the ends of the time's interval
        score = new Score(1e9 / value, Double.isNaN(err) || err >= value ? Double.NaN
            : (1e9 / (value - err) - 1e9 / (value + err)) / 2, bytes);
      } else {
        throw new IllegalArgumentException(file + ": " + name + " is in " + unit
            + "; the report expects ops/s or ns/op");
      }
      JsonNode params = b.path("params");
      String method = name.substring(name.lastIndexOf('.') + 1);
      String key = method + "/" + (params.has("rules") ? params.get("rules").asText()
          : params.has("customers") ? params.get("customers").asText() : "");
      if (name.startsWith(NBA) || name.endsWith(".JourneyBenchmark.track")
          || name.endsWith(".TimerBenchmark.fire")) {
        out.put(key, score);
      } else if (name.endsWith(".DurableJourneyBenchmark.track")) {
        out.put("durable/" + params.path("store").asText() + "/"
            + params.path("customers").asText() + "/"
            + params.path("callsPerCommit").asText(), score);
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ cold start

  private void coldStart(Path file) throws IOException {
    section("Cold start: JVM start to first decision, 20 rules (median of fresh JVMs)");
    Map<String, List<Map<String, String>>> runs = new LinkedHashMap<>();
    for (String engine : new String[] {"rapport", "rapport-cds", "drools", "easyrules"}) {
      runs.put(engine, new ArrayList<>());
    }
    for (Map<String, String> line : lines(file, "coldstart")) {
      runs.computeIfAbsent(line.get("engine"), k -> new ArrayList<>()).add(line);
    }
    String[][] labels = {{"rapport", "Rapport", "< 50 ms"},
        {"rapport-cds", "Rapport, class-data sharing (the performance guide's recipe)",
            "< 50 ms"},
        {"drools", "Drools", "(DESIGN: ~2 s)"}, {"easyrules", "Easy Rules", "(DESIGN: ~80 ms)"}};
    for (String[] l : labels) {
      List<Map<String, String>> r = runs.get(l[0]);
      if (r.isEmpty()) {
        if (l[0].equals("rapport-cds")) {
          continue; // a run from before the recipe was measured
        }
        row(l[1], "not measured", l[2], "");
        continue;
      }
      double jvm = median(r, "sinceJvmStartNanos") / 1e6;
      row(l[1], String.format(Locale.ROOT, "%.0f ms", jvm), l[2],
          l[0].startsWith("rapport") ? met(jvm < 50) : "");
      double main = median(r, "sinceMainNanos") / 1e6;
      double launch = median(r, "sinceLaunchNanos") / 1e6;
      notes.add(String.format(Locale.ROOT, "cold start %s: %d JVMs; median JVM start to decision "
              + "%.0f ms (min %.0f, max %.0f); process launch to decision %s; main() to decision "
              + "%.0f ms", l[1], r.size(), jvm, min(r, "sinceJvmStartNanos") / 1e6,
          max(r, "sinceJvmStartNanos") / 1e6,
          Double.isNaN(launch) ? "n/a" : String.format(Locale.ROOT, "%.0f ms", launch), main));
    }
  }

  private static double median(List<Map<String, String>> runs, String key) {
    List<Double> v = values(runs, key);
    if (v.isEmpty()) {
      return Double.NaN;
    }
    v.sort(null);
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }

  private static double min(List<Map<String, String>> runs, String key) {
    return values(runs, key).stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static double max(List<Map<String, String>> runs, String key) {
    return values(runs, key).stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  private static List<Double> values(List<Map<String, String>> runs, String key) {
    List<Double> v = new ArrayList<>();
    for (Map<String, String> r : runs) {
      if (r.containsKey(key)) {
        v.add(Double.parseDouble(r.get(key)));
      }
    }
    return v;
  }

  // ------------------------------------------------------------------ replay

  private void replay(Path file) throws IOException {
    section("Replay of the online-retail log, end to end (file to engine)");
    List<Map<String, String>> runs = lines(file, "replay");
    if (runs.isEmpty()) {
      row("Replay", "not run", "< 3 s", "");
      return;
    }
    if (runs.get(0).get("status").equals("skipped")) {
      row("Replay", "skipped: " + runs.get(0).getOrDefault("reason", "no file"), "< 3 s", "");
      return;
    }
    Map<String, String> first = runs.get(0);
    double seconds = Double.parseDouble(first.get("seconds"));
    row("Total time, first run in a fresh JVM (" + String.format(Locale.ROOT, "%,d",
            Long.parseLong(first.get("events"))) + " events)",
        String.format(Locale.ROOT, "%.2f s", seconds), "< 3 s", met(seconds < 3));
    row("Events per second, first run", ops(Double.parseDouble(first.get("eventsPerSecond"))),
        "", "");
    if (runs.size() > 1) {
      Map<String, String> best = first;
      for (Map<String, String> r : runs) {
        if (Double.parseDouble(r.get("seconds")) < Double.parseDouble(best.get("seconds"))) {
          best = r;
        }
      }
      double b = Double.parseDouble(best.get("seconds"));
      row("Total time, best of " + runs.size() + " runs in one JVM",
          String.format(Locale.ROOT, "%.2f s", b), "< 3 s", met(b < 3));
    }
    notes.add(String.format(Locale.ROOT, "replay: %s records, %s anonymous rows skipped, %s "
            + "malformed, %s customers, %s invoices, %s dispatches, %s decisions, %s timers "
            + "fired", first.get("records"), first.get("anonymous"), first.get("malformed"),
        first.get("customers"), first.get("orders"), first.get("dispatches"),
        first.get("decisions"), first.get("timersFired")));
    for (Map<String, String> m : lines(file, "replay-malformed")) {
      notes.add("replay malformed: " + m.get("count") + " x " + m.get("reason") + " (first at "
          + "line " + m.get("firstLine") + ")");
    }
  }

  // ------------------------------------------------------------------ journeys

  private void journeys(Path jmhFile, Path timersFile, Path footprintFile) throws IOException {
    Map<String, Score> j = jmh(jmhFile);
    Map<String, Score> timers = jmh(timersFile);
    List<Map<String, String>> fp = lines(footprintFile, "footprint");
    if (j.isEmpty() && timers.isEmpty() && fp.isEmpty()) {
      return;
    }
    section("Journeys (onboarding journey of DESIGN §3, ten steps, in memory, one thread)");
    Score tracked = null;
    for (Map.Entry<String, Score> e : j.entrySet()) {
      if (!e.getKey().startsWith("track/")) {
        continue;
      }
      String customers = e.getKey().substring(e.getKey().indexOf('/') + 1);
      boolean full = customers.equals("1000000");
      row("Events per second, " + String.format(Locale.ROOT, "%,d",
              Long.parseLong(customers)) + " customers enrolled", ops(e.getValue()),
          ">= 1,000,000/s" + (full ? "" : " (at 1,000,000 customers)"),
          met(e.getValue().score() >= 1_000_000));
      tracked = e.getValue();
    }
    for (Map.Entry<String, Score> e : timers.entrySet()) {
      if (!e.getKey().startsWith("fire/")) {
        continue;
      }
      String customers = e.getKey().substring(e.getKey().indexOf('/') + 1);
      row("Timers fired per second, " + String.format(Locale.ROOT, "%,d",
              Long.parseLong(customers)) + " timeouts due at one instant", ops(e.getValue()),
          ">= events per second", tracked == null ? ""
              : met(e.getValue().score() >= tracked.score()));
    }
    for (Map<String, String> f : fp) {
      double bytes = Double.parseDouble(f.get("bytesPerCustomer"));
      row("Heap bytes per customer with its enrollment (1 trait, " + String.format(Locale.ROOT,
              "%,d", Long.parseLong(f.get("customers"))) + " customers)",
          String.format(Locale.ROOT, "%,.0f B", bytes), "< 2 KiB + 512 B", met(bytes < 2560));
    }
  }

  // ------------------------------------------------------------------ durable state

  private void durable(Path jmhFile) throws IOException {
    Map<String, Score> d = jmh(jmhFile);
    if (d.isEmpty()) {
      return;
    }
    section("Durable state (the journeys' workload, one thread; a store against memory)");
    List<String> keys = new ArrayList<>(d.keySet());
    keys.sort(null);
    for (String key : keys) {
      String[] k = key.split("/", -1); // durable, store, customers, callsPerCommit
      if (!k[1].equals("memory")) {
        continue;
      }
      row("In memory, " + customers(k[2]) + " customers", ops(d.get(key)), "", "");
    }
    for (String key : keys) {
      String[] k = key.split("/", -1);
      if (k[1].equals("memory")) {
        continue;
      }
      Score memory = null;
      for (String m : keys) {
        if (m.startsWith("durable/memory/" + k[2] + "/")) {
          memory = d.get(m);
        }
      }
      String label = switch (k[1]) {
        case "h2-batch" -> "H2 file, batches of " + customers(k[3]) + " calls";
        case "h2-call" -> "H2 file, a commit per call";
        case "postgresql-batch" -> "PostgreSQL, batches of " + customers(k[3]) + " calls";
        case "postgresql-call" -> "PostgreSQL, a commit per call";
        default -> k[1];
      };
      label += ", " + customers(k[2]) + " customers";
      row(label, ops(d.get(key)), "", "");
      ratio(label + " / in memory", d.get(key), memory,
          k[1].equals("h2-batch") ? 0.25 : Double.NaN);
    }
  }

  private static String customers(String count) {
    return count.matches("\\d+") ? String.format(Locale.ROOT, "%,d", Long.parseLong(count))
        : count;
  }

  // ------------------------------------------------------------------ plumbing

  private static List<Map<String, String>> lines(Path file, String tag) throws IOException {
    List<Map<String, String>> out = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.startsWith(tag + " ")) {
        continue;
      }
      Map<String, String> m = new HashMap<>();
      Matcher matcher = PAIR.matcher(line);
      while (matcher.find()) {
        String v = matcher.group(2);
        m.put(matcher.group(1), v.startsWith("\"") ? v.substring(1, v.length() - 1) : v);
      }
      out.add(m);
    }
    return out;
  }

  private void section(String title) {
    rows.add(new String[] {"**" + title + "**", "", "", ""});
  }

  private void row(String measure, String result, String budget, String met) {
    rows.add(new String[] {measure, result, budget, met});
  }

  private String met(boolean ok) {
    if (!ok) {
      missed++;
    }
    return ok ? "yes" : "NO";
  }

  private static String ops(Score s) {
    if (s == null) {
      return "not measured";
    }
    String out = ops(s.score());
    if (!Double.isNaN(s.error()) && s.score() > 0) {
      out += String.format(Locale.ROOT, " ±%.0f%%", 100 * s.error() / s.score());
    }
    if (!Double.isNaN(s.bytesPerOp())) {
      out += String.format(Locale.ROOT, ", %,.0f B/op", s.bytesPerOp());
    }
    return out;
  }

  private static String ops(double v) {
    return String.format(Locale.ROOT, "%,.0f/s", v);
  }

  private static String times(double r) {
    return r >= 10 ? String.format(Locale.ROOT, "%.1fx", r)
        : String.format(Locale.ROOT, "%.3gx", r);
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  private void print() {
    String[] header = {"Measure", "Result", "Budget (DESIGN §6)", "Met"};
    int[] width = new int[4];
    for (int i = 0; i < 4; i++) {
      width[i] = header[i].length();
      for (String[] r : rows) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    printRow(header, width);
    StringBuilder rule = new StringBuilder("|");
    for (int w : width) {
      rule.append('-').append("-".repeat(w)).append("-|");
    }
    System.out.println(rule);
    for (String[] r : rows) {
      printRow(r, width);
    }
    System.out.println();
    for (String n : notes) {
      System.out.println("- " + n);
    }
    System.out.println();
    System.out.println(missed == 0 ? "Every budget measured here is met."
        : missed + " budget" + (missed == 1 ? " is" : "s are") + " missed (Met = NO).");
  }

  private static void printRow(String[] r, int[] width) {
    StringBuilder out = new StringBuilder("|");
    for (int i = 0; i < 4; i++) {
      out.append(' ').append(r[i]).append(" ".repeat(width[i] - r[i].length())).append(" |");
    }
    System.out.println(out);
  }
}
