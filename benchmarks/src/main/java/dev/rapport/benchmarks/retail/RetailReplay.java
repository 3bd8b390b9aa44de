package dev.rapport.benchmarks.retail;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.GRANTED;
import static dev.rapport.dsl.Rapport.MARKETING;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.profile;

import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.EngineStatistics;
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
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Replays the online-retail log end to end (DESIGN §6: about half a million events in under 3
 * seconds), from the compressed file to the engine: each invoice becomes an {@code order_placed}
 * (or {@code order_cancelled}) event and each of its lines an {@code item_purchased} (or {@code
 * item_returned}) event of its customer, who is identified (email address, country, consent) on
 * first sight; the published {@link Replay} advances the engine to each new time in the log, so
 * that journey timers fire in order, and the engine is advanced 150 days past the end. Anonymous and malformed rows are counted, not replayed.
 * The file is read with the examples' {@link OnlineRetailCsv} (Commons CSV underneath), so the
 * time measured includes a real CSV library's.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.rapport.benchmarks.retail.RetailReplay [file] [runs]}. Without the file it says so and
 * exits normally. Each run prints one {@code replay ...} line of {@code key=value} pairs.
 */
public final class RetailReplay {
  /** Where the log is, relative to the project's root. */
  public static final Path DEFAULT_FILE =
      Path.of("..", "shared", "data", "online-retail", "online-retail.csv.gz");

  private static final Instant LOG_START = Instant.parse("2010-12-01T00:00:00Z");

  private RetailReplay() {}

  /** What one replay did and how long it took. */
  record Result(long records, Rejections rejections, long events, long customers, long orders,
      long nanos, EngineStatistics engine, long dispatches, long secondPurchaseEntered,
      long winBackEntered) {

    double eventsPerSecond() {
      return events / (nanos / 1e9);
    }

    long anonymous() {
      return rejections.count(OnlineRetailCsv.ANONYMOUS);
    }

    long malformed() {
      return rejections.total() - anonymous();
    }
  }

  /**
   * Runs the replay.
   *
   * @param args the file (default {@link #DEFAULT_FILE}) and the number of runs (default 1)
   * @throws IOException if the file cannot be read
   */
  public static void main(String[] args) throws IOException {
    Path file = args.length > 0 ? Path.of(args[0]) : DEFAULT_FILE;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    if (!Files.isRegularFile(file)) {
      System.out.println("replay status=skipped reason=\"no file at " + file.toAbsolutePath()
          + "\"");
      return;
    }
    for (int run = 1; run <= runs; run++) {
      Result r = replay(file);
      System.out.printf(Locale.ROOT, "replay status=ok run=%d seconds=%.3f events=%d "
              + "eventsPerSecond=%.0f customers=%d orders=%d records=%d anonymous=%d "
              + "malformed=%d dispatches=%d decisions=%d timersFired=%d "
              + "secondPurchaseEntered=%d winBackEntered=%d%n",
          run, r.nanos() / 1e9, r.events(), r.eventsPerSecond(), r.customers(), r.orders(),
          r.records(), r.anonymous(), r.malformed(), r.dispatches(),
          r.engine().decisions(), r.engine().timersFired(), r.secondPurchaseEntered(),
          r.winBackEntered());
      if (run == 1) {
        r.rejections().byReason().forEach((reason, count) -> {
          if (!reason.equals(OnlineRetailCsv.ANONYMOUS)) {
            System.out.printf(Locale.ROOT, "replay-malformed count=%d firstLine=%d "
                + "reason=\"%s\"%n", count, r.rejections().firstLines(reason).get(0), reason);
          }
        });
      }
    }
  }

  /**
   * Replays the file once through a new engine.
   *
   * @param file the log
   * @return what happened
   * @throws IOException if the file cannot be read
   */
  static Result replay(Path file) throws IOException {
    long start = System.nanoTime();
    LongAdder dispatches = new LongAdder();
    Engine engine = RetailStore.engine(Clock.fixed(LOG_START, ZoneOffset.UTC),
        d -> dispatches.increment());
    Set<String> invoices = new HashSet<>();
    Rejections[] rejections = new Rejections[1];
    Replay.Result replayed = Replay.of(engine)
        .onNewCustomer(first -> engine.identify(first.customer().value(), profile()
            .set(EMAIL_ADDRESS, "customer-" + first.customer().value() + "@example.com")
            .set(RetailStore.COUNTRY, (String) first.properties().get("country"))
            .consent(EMAIL, MARKETING, GRANTED, first.time())))
        .feed(sink -> {
          rejections[0] = Rejections.forwardingTo(sink);
          try (BufferedReader text = EventSource.reader(file)) {
            return OnlineRetailCsv.read(text, row -> {
              String id = row.customerId();
              boolean cancellation = row.cancellation();
              if (invoices.add(row.invoice())) {
                sink.event(row.line(), event(id,
                    cancellation ? RetailStore.CANCELLATION : RetailStore.ORDER)
                    .id(row.invoice())
                    .with("invoice", row.invoice())
                    .with("country", row.country()) // read when the customer is identified
                    .at(row.time()));
              }
              sink.event(row.line(), event(id,
                  cancellation ? RetailStore.RETURN : RetailStore.ITEM)
                  .id(row.invoice() + ":" + row.line())
                  .with("sku", row.stockCode())
                  .with("quantity", row.quantity())
                  .with("price", row.unitPrice().doubleValue())
                  .at(row.time()));
            }, rejections[0]);
          }
        });
    engine.advanceTo(replayed.last().orElse(LOG_START).plus(Duration.ofDays(150)));
    long nanos = System.nanoTime() - start;
    return new Result(replayed.lines(), Rejections.of(replayed), replayed.events(),
        replayed.customers(), invoices.size(), nanos, engine.statistics(), dispatches.sum(),
        engine.journeyStats("second-purchase").entered(),
        engine.journeyStats("win-back").entered());
  }
}
