package dev.rapport.benchmarks.nba;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What the cold-start mains share: the customer they decide for, and the line they print. Each
 * engine has its own main ({@link RapportColdStart}, {@link DroolsColdStart}, {@link
 * EasyRulesColdStart}) so that a fresh JVM loads only that engine's classes; {@code
 * benchmarks/run.sh} launches each several times and takes the median.
 */
final class ColdStart {
  private ColdStart() {}

  /**
   * Returns the customer of the first decision: the first generated customer of the 20-rule
   * workload.
   *
   * @param w the workload
   * @return the customer
   */
  static CustomerFact customer(Workload w) {
    return w.customers(1, 42L)[0];
  }

  /**
   * Prints the result line, {@code coldstart engine=... sinceJvmStartNanos=...
   * sinceMainNanos=... decidedEpochNanos=... winners=[...]}. The JVM's start time is read only
   * after the decision, since the management classes take milliseconds to load.
   *
   * @param engine the engine's name
   * @param mainStartNanos {@link System#nanoTime()} when main started
   * @param winners the decision's winners
   */
  static void report(String engine, long mainStartNanos, List<String> winners) {
    long decidedNanos = System.nanoTime();
    Instant decidedAt = Instant.now();
    long decidedEpochNanos = decidedAt.getEpochSecond() * 1_000_000_000L + decidedAt.getNano();
    long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
    System.out.printf(Locale.ROOT,
        "coldstart engine=%s sinceJvmStartNanos=%d sinceMainNanos=%d decidedEpochNanos=%d "
            + "winners=%s%n",
        engine, decidedEpochNanos - jvmStartMillis * 1_000_000L, decidedNanos - mainStartNanos,
        decidedEpochNanos, winners);
  }
}
