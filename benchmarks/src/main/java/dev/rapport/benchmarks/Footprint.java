package dev.rapport.benchmarks;

import dev.rapport.core.engine.Engine;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * Measures heap bytes per enrolled customer (DESIGN §6: under 512 bytes per enrollment, under
 * 2 KiB per customer with a few traits and 20 event types): used heap after full collections,
 * before and after enrolling a population.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.rapport.benchmarks.Footprint
 * [customers]}. It prints {@code footprint customers=... enrolled=... bytesPerCustomer=...}
 * (bytes per customer, enrollment included), which {@code benchmarks/run.sh} reports.
 */
public final class Footprint {
  private Footprint() {}

  /**
   * Runs the measurement.
   *
   * @param args the number of customers (default 200,000)
   */
  public static void main(String[] args) {
    int customers = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    Clock clock = Onboarding.clock();
    Engine engine = Onboarding.engine(clock, new LongAdder());
    long before = usedAfterGc();
    Onboarding.enroll(engine, customers);
    long after = usedAfterGc();
    double perCustomer = (after - before) / (double) customers;
    System.out.printf(Locale.ROOT, "footprint customers=%d enrolled=%d bytesPerCustomer=%.0f%n",
        customers, engine.journeyStats("onboarding").entered(), perCustomer);
    // keep the engine reachable until measured
    System.out.println(engine.statistics().eventsTracked() > 0 ? "ok" : "nothing tracked");
  }

  static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }
}
