package dev.rapport.examples.replay;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.GRANTED;
import static dev.rapport.dsl.Rapport.MARKETING;
import static dev.rapport.dsl.Rapport.profile;

import dev.rapport.core.engine.Engine;
import dev.rapport.core.measure.Dashboard;
import dev.rapport.examples.Program;
import dev.rapport.examples.durable.DurableState;
import dev.rapport.store.jdbc.JdbcStateStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.function.UnaryOperator;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.wrapped.ProgressBarWrappedInputStream;

/**
 * Replays a file of real events through the examples' program with the published {@link
 * dev.rapport.core.engine.Replay}: each customer is identified the first time they appear (with an
 * email address and, as the data has none, an assumed marketing consent on email, so that journeys
 * can send), the engine's time follows the events, and its timers fire in between.
 *
 * <p>With a {@link DurableState}, the engine's state is kept in a database, in batches of calls: a
 * replay stopped and started again reads the file again, and the engine ignores the events it
 * has seen, fires no timer twice and sends no message twice.
 */
public final class Replay {
  /**
   * What a replay did.
   *
   * @param engine the engine, after the replay
   * @param dashboard its dashboard
   * @param lines the data lines read
   * @param events the events taken
   * @param rejections the lines rejected, by reason: unreadable, or refused by the engine
   * @param customers the customers seen
   * @param elapsed how long it took
   */
  public record Result(Engine engine, Dashboard dashboard, long lines, long events,
      Rejections rejections, long customers, Duration elapsed) {}

  private final Path file;
  private final ProgressBarBuilder progress;
  private final DurableState durable;
  private ProgressBar bar;

  /**
   * Makes a replay.
   *
   * @param file the events
   * @param progress how to show progress (the replay names the task, sets the file's size as
   *     the total and counts its bytes as they are read), or null for none
   */
  public Replay(Path file, ProgressBarBuilder progress) {
    this(file, progress, null);
  }

  /**
   * Makes a replay that keeps its state in a database, and continues a replay stopped before.
   *
   * @param file the events
   * @param progress how to show progress, or null for none
   * @param durable where the state is kept, or null to keep it in memory
   */
  public Replay(Path file, ProgressBarBuilder progress, DurableState durable) {
    this.file = file;
    this.progress = progress;
    this.durable = durable;
  }

  /**
   * Runs the replay.
   *
   * @return what it did
   * @throws IOException if the file cannot be read
   */
  public Result run() throws IOException {
    long began = System.nanoTime();
    EventSource source = EventSource.open(file, progress == null ? UnaryOperator.identity()
        : this::watched);
    long[] dispatched = {0};
    // the published replay moves the engine's time with the events: a clock at the epoch
    Engine.Builder builder = Engine.builder().clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
        .dispatcher(d -> dispatched[0]++);
    if (durable != null) {
      builder.stateStore(durable.store());
    }
    JdbcStateStore.Batch batch = durable == null ? null : durable.batch();
    Engine engine = Program.configure(builder, "Rapport replay of " + file.getFileName())
        .build();
    dev.rapport.core.engine.Replay replay = dev.rapport.core.engine.Replay.of(engine)
        .onNewCustomer(first -> engine.identify(first.customer().value(), profile()
            .set(EMAIL_ADDRESS, first.customer().value() + "@example.com")
            .consent(EMAIL, MARKETING, GRANTED, first.time())));
    dev.rapport.core.engine.Replay.Result replayed;
    long size = Files.size(file);
    try (ProgressBar shown = progress == null ? null : bar(size)) {
      if (shown != null) {
        replay.progress(1024, p -> shown.setExtraMessage(detail(p.events(), p.customers())));
      }
      replayed = replay.feed(sink -> read(source, sink));
      if (shown != null) {
        shown.stepTo(size).setExtraMessage(detail(replayed.events(), replayed.customers()));
      }
    }
    engine.advanceTo(replayed.last().orElse(engine.now()).plus(Duration.ofDays(1)));
    if (batch != null) {
      batch.close();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
    return new Result(engine, engine.dashboard(), replayed.lines(), replayed.events(),
        Rejections.of(replayed), replayed.customers(), elapsed);
  }

  /** Reads the events; a file that breaks off (a truncated .gz, say) is named in the error. */
  private long read(EventSource source, dev.rapport.core.engine.Replay.Sink sink)
      throws IOException {
    try {
      return source.read(sink);
    } catch (IOException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /** The bar of this run: the file's bytes, as they are read. */
  private ProgressBar bar(long size) {
    bar = progress.setTaskName("Replaying").setInitialMax(size).setUnit(" MB", 1_000_000)
        .showSpeed(new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT)))
        .build();
    bar.setExtraMessage(detail(0, 0));
    return bar;
  }

  /** The file's bytes, counted by the bar as they are read; the run, not the stream, closes it. */
  private InputStream watched(InputStream bytes) {
    return new ProgressBarWrappedInputStream(bytes, bar) {
      @Override
      public void close() throws IOException {
        in.close();
      }
    };
  }

  private static String detail(long events, long customers) {
    return String.format(Locale.ROOT, ", %,d events, %,d customers", events, customers);
  }
}
