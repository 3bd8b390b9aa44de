package dev.rapport.examples.replay;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.GRANTED;
import static dev.rapport.dsl.Rapport.MARKETING;
import static dev.rapport.dsl.Rapport.profile;

import dev.rapport.core.Event;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.measure.Dashboard;
import dev.rapport.examples.Program;
import dev.rapport.examples.durable.DurableState;
import dev.rapport.examples.sim.SimClock;
import dev.rapport.store.jdbc.JdbcStateStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.wrapped.ProgressBarWrappedInputStream;

/**
 * Replays a file of real events through the examples' program: each customer is identified the
 * first time they appear (with an email address and, as the data has none, an assumed marketing
 * consent on email, so that journeys can send), the clock follows the events, and the engine's
 * timers fire in between.
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
   * @param rejections the lines rejected, by reason
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
    SimClock clock = new SimClock(Instant.EPOCH);
    long[] dispatched = {0};
    Engine.Builder builder = Engine.builder().clock(clock).dispatcher(d -> dispatched[0]++);
    if (durable != null) {
      builder.stateStore(durable.store());
    }
    JdbcStateStore.Batch batch = durable == null ? null : durable.batch();
    Engine engine = Program.configure(builder, "Rapport replay of " + file.getFileName())
        .build();
    Rejections rejections = new Rejections();
    Set<String> known = new HashSet<>();
    long[] events = {0};
    long lines;
    long size = Files.size(file);
    try (ProgressBar shown = progress == null ? null : bar(size)) {
      lines = read(source, e -> {
        String id = e.customer().value();
        clock.moveTo(e.time());
        engine.advanceTo(e.time());
        if (known.add(id)) {
          engine.identify(id, profile().set(EMAIL_ADDRESS, id + "@example.com")
              .consent(EMAIL, MARKETING, GRANTED, e.time()));
        }
        engine.track(e);
        events[0]++;
        if (shown != null && events[0] % 1024 == 0) {
          shown.setExtraMessage(detail(events[0], known.size()));
        }
      }, rejections);
      if (shown != null) {
        shown.stepTo(size).setExtraMessage(detail(events[0], known.size()));
      }
    }
    engine.advanceTo(clock.instant().plus(Duration.ofDays(1)));
    if (batch != null) {
      batch.close();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
    return new Result(engine, engine.dashboard(), lines, events[0], rejections, known.size(),
        elapsed);
  }

  /** Reads the events; a file that breaks off (a truncated .gz, say) is named in the error. */
  private long read(EventSource source, Consumer<Event> events, Rejections rejections)
      throws IOException {
    try {
      return source.read(events, rejections);
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
