package dev.rapport.examples.replay;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.GRANTED;
import static dev.rapport.dsl.Rapport.MARKETING;
import static dev.rapport.dsl.Rapport.profile;

import dev.rapport.core.engine.Engine;
import dev.rapport.core.measure.Dashboard;
import dev.rapport.examples.Program;
import dev.rapport.examples.sim.SimClock;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Replays a file of real events through the examples' program: each customer is identified the
 * first time they appear (with an email address and, as the data has none, an assumed marketing
 * consent on email, so that journeys can send), the clock follows the events, and the engine's
 * timers fire in between.
 */
public final class Replay {
  /** What a replay did. */
  public record Result(Engine engine, Dashboard dashboard, long lines, long events,
      Rejections rejections, long customers, Duration elapsed) {}

  private final Path file;
  private final PrintStream progress;

  /**
   * Makes a replay.
   *
   * @param file the events
   * @param progress where to print progress, or null
   */
  public Replay(Path file, PrintStream progress) {
    this.file = file;
    this.progress = progress;
  }

  /**
   * Runs the replay.
   *
   * @return what it did
   * @throws IOException if the file cannot be read
   */
  public Result run() throws IOException {
    long began = System.nanoTime();
    EventSource source = EventSource.open(file);
    SimClock clock = new SimClock(Instant.EPOCH);
    long[] dispatched = {0};
    Engine engine = Program.configure(Engine.builder().clock(clock)
        .dispatcher(d -> dispatched[0]++), "Rapport replay of " + file.getFileName()).build();
    Rejections rejections = new Rejections();
    Set<String> known = new HashSet<>();
    long[] events = {0};
    long lines = source.read(e -> {
      String id = e.customer().value();
      clock.moveTo(e.time());
      engine.advanceTo(e.time());
      if (known.add(id)) {
        engine.identify(id, profile().set(EMAIL_ADDRESS, id + "@example.com")
            .consent(EMAIL, MARKETING, GRANTED, e.time()));
      }
      engine.track(e);
      events[0]++;
      if (progress != null && events[0] % 100_000 == 0) {
        progress.printf(Locale.ROOT, "  %,9d events  %,6d customers  %,7d messages  (%s)%n",
            events[0], known.size(), dispatched[0], e.time());
      }
    }, rejections);
    engine.advanceTo(clock.instant().plus(Duration.ofDays(1)));
    Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
    return new Result(engine, engine.dashboard(), lines, events[0], rejections, known.size(),
        elapsed);
  }
}
