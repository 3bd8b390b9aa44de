package dev.rapport.examples;

import dev.rapport.core.Customer;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.EngineStatistics;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Collectors;

/**
 * The command the README runs first. Until the simulation exists, it plays the coffee-shop
 * example for a few customers and prints what the engine knows about each.
 */
public final class Main {
  private Main() {}

  /**
   * Runs the example.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out);
  }

  /**
   * Runs the example, printing to a stream.
   *
   * @param out where to print
   */
  public static void run(PrintStream out) {
    Instant start = Instant.parse("2026-01-05T09:00:00Z");
    Clock clock = Clock.fixed(start.plus(Duration.ofDays(45)), ZoneOffset.UTC);
    Engine engine = CoffeeShop.engine(clock);
    for (int i = 1; i <= 3; i++) {
      CoffeeShop.story(engine, "c-" + i, start.plus(Duration.ofDays(i)));
    }
    // the same order, replayed by a retrying host: ignored
    CoffeeShop.story(engine, "c-1", start.plus(Duration.ofDays(1)));

    out.println("Rapport quick start: the coffee shop, as of " + engine.now());
    out.println();
    for (int i = 1; i <= 3; i++) {
      Customer c = engine.customer("c-" + i).orElseThrow();
      out.printf("%s  purchases=%d (last 30 days: %d)  personas=%s  segments=%s%n",
          c.id(), c.count("purchased"), c.count("purchased", Duration.ofDays(30)),
          c.personas(), c.segments());
      out.printf("      moments: %s%n", c.moments().entrySet().stream()
          .map(e -> e.getKey() + " at " + e.getValue())
          .collect(Collectors.joining(", ")));
      out.printf("      owns a grinder: %s   email marketing consent: %s%n",
          c.hasDone("purchased", p -> "grinder".equals(p.get("sku"))),
          c.consent(dev.rapport.core.Channel.EMAIL, dev.rapport.core.Purpose.MARKETING)
              .status());
    }
    EngineStatistics s = engine.statistics();
    out.println();
    out.printf("events tracked: %d, duplicates ignored: %d, events emitted by the engine: %d%n",
        s.eventsTracked(), s.duplicatesIgnored(), s.eventsEmitted());
  }
}
