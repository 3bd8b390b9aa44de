package dev.rapport.core.engine;

import dev.rapport.core.Event;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Replays a recorded log of events, each with its own time, through an engine whose time follows
 * the events: before each event, the engine is advanced to the event's time, so that the timers
 * due before it fire first, in order, exactly as they would have in production. Replaying the same
 * log through engines built alike gives the same dispatches every time.
 *
 * <pre>{@code
 * Engine engine = Engine.builder()
 *     .clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))   // at or before the log's start
 *     .journeys(secondPurchase)
 *     .dispatcher(outbox::add)
 *     .build();
 * Replay.Result r = Replay.of(engine)
 *     .onNewCustomer(first -> engine.identify(first.customer().value(), traits))
 *     .progress(100_000, p -> log.info("{} events", p.events()))
 *     .lines(reader, (line, number) -> parse(line));
 * engine.advanceTo(r.last().orElseThrow().plus(Duration.ofDays(30)));
 * }</pre>
 *
 * <p><b>The engine's clock.</b> The engine's time is the later of its clock and the latest instant
 * it was advanced to, so a replay needs an engine whose clock is at or before the log's first
 * event, such as a fixed clock at the epoch; a replay refuses to start on an engine whose time is
 * past the first event (the system clock, or a log replayed a second time into the same engine).
 * An event dated before the one before it is tracked at its own time, the engine's time staying
 * where it was, as a late event would in production.
 *
 * <p><b>Bad lines are counted, never fatal.</b> A line the parser cannot read, and an event the
 * engine refuses ({@link Engine#track} throws {@link IllegalArgumentException}: a name too long,
 * an engine-only type), are counted in the {@link Result} by reason, with the numbers of the
 * first lines of each reason; the replay goes on. An event the engine has seen before (same
 * customer and id) is counted as a duplicate.
 *
 * <p>A {@code Replay} is for one run: configure it, then call one of {@link #events}, {@link
 * #lines} or {@link #feed} once.
 */
public final class Replay {
  private static final int FIRST_LINES = 3;
  private static final String OWNER = "replay";

  private final Engine engine;
  private Consumer<Event> onNewCustomer;
  private long progressEvery;
  private Consumer<Progress> progress;
  private boolean ran;

  // the run's state
  private final Set<String> customers = new HashSet<>();
  private final Map<String, Long> rejected = new TreeMap<>();
  private final Map<String, List<Long>> firstLines = new TreeMap<>();
  private long events;
  private long duplicates;
  private long rejections;
  private long timers;
  private long offered;
  private Instant first;
  private Instant latest;

  private Replay(Engine engine) {
    this.engine = engine;
  }

  /**
   * Starts a replay into an engine.
   *
   * @param engine the engine, built on a clock at or before the log's first event
   * @return the replay, to configure and run once
   * @throws IllegalArgumentException if the engine is null
   */
  public static Replay of(Engine engine) {
    if (engine == null) {
      throw new IllegalArgumentException("replay: engine is null; give the engine to replay "
          + "into");
    }
    return new Replay(engine);
  }

  /**
   * Sets what to do before a customer's first event in this replay, such as identifying them
   * with the traits and consents the log does not carry.
   *
   * @param firstEvent receives the customer's first event, before it is tracked
   * @return this replay
   * @throws IllegalArgumentException if null
   * @throws IllegalStateException if already set, or the replay ran
   */
  public Replay onNewCustomer(Consumer<Event> firstEvent) {
    dev.rapport.core.internal.Checks.notNull(OWNER, "onNewCustomer", firstEvent);
    notRan("onNewCustomer");
    dev.rapport.core.internal.Checks.once(OWNER, "onNewCustomer", onNewCustomer != null);
    this.onNewCustomer = firstEvent;
    return this;
  }

  /**
   * Sets a listener told of the replay's progress every {@code every} events offered (tracked,
   * duplicate or refused), and once at the end.
   *
   * @param every how many events between two reports, 1 or more
   * @param listener the listener; it runs on the replaying thread
   * @return this replay
   * @throws IllegalArgumentException if {@code every} is below 1 or the listener null
   * @throws IllegalStateException if already set, or the replay ran
   */
  public Replay progress(long every, Consumer<Progress> listener) {
    if (every < 1) {
      throw new IllegalArgumentException(OWNER + ": progress every " + every + " events; give 1 "
          + "or more");
    }
    dev.rapport.core.internal.Checks.notNull(OWNER, "progress listener", listener);
    notRan("progress");
    dev.rapport.core.internal.Checks.once(OWNER, "progress", progress != null);
    this.progressEvery = every;
    this.progress = listener;
    return this;
  }

  /**
   * Replays events, in the order given.
   *
   * @param events the events
   * @return what the replay did
   * @throws IllegalArgumentException if the events are null
   * @throws IllegalStateException if the replay ran before, or the engine's time is past the
   *     first event
   */
  public Result events(Iterable<Event> events) {
    dev.rapport.core.internal.Checks.notNull(OWNER, "events", events);
    try {
      return feed(sink -> {
        long n = 0;
        for (Event e : events) {
          n++;
          if (e == null) {
            sink.reject(n, "null event");
          } else {
            sink.event(n, e);
          }
        }
        return n;
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e); // the source above reads nothing
    }
  }

  /**
   * Replays the lines of a text, each read by a parser: an event, nothing (a header, a comment or
   * a blank line: return null) or a rejection (throw {@link IllegalArgumentException} whose
   * message is the reason, such as {@code "no customer id"}).
   *
   * @param text the text; the replay reads it to its end and does not close it
   * @param parser turns a line and its number (1 for the first) into an event
   * @return what the replay did
   * @throws IOException if the text cannot be read
   * @throws IllegalArgumentException if the text or the parser is null
   * @throws IllegalStateException if the replay ran before, or the engine's time is past the
   *     first event
   */
  public Result lines(BufferedReader text, LineParser parser) throws IOException {
    dev.rapport.core.internal.Checks.notNull(OWNER, "text", text);
    dev.rapport.core.internal.Checks.notNull(OWNER, "parser", parser);
    return feed(sink -> {
      long n = 0;
      for (String line = text.readLine(); line != null; line = text.readLine()) {
        n++;
        Event e;
        try {
          e = parser.parse(line, n);
        } catch (IllegalArgumentException ex) {
          sink.reject(n, ex.getMessage() == null ? "unreadable" : ex.getMessage());
          continue;
        }
        if (e != null) {
          sink.event(n, e);
        }
      }
      return n;
    });
  }

  /**
   * Replays what a source reads, in the order it reads it: for formats read by a library that
   * pushes records (a CSV or JSON reader), which hands each event, or each rejected line, to the
   * sink.
   *
   * @param source the source
   * @return what the replay did
   * @throws IOException if the source cannot be read
   * @throws IllegalArgumentException if the source is null
   * @throws IllegalStateException if the replay ran before, or the engine's time is past the
   *     first event
   */
  public Result feed(Source source) throws IOException {
    dev.rapport.core.internal.Checks.notNull(OWNER, "source", source);
    notRan("a run");
    ran = true;
    long lines = source.read(new Sink() {
      @Override
      public void event(long line, Event event) {
        if (event == null) {
          reject(line, "null event");
          return;
        }
        replay(line, event);
      }

      @Override
      public void reject(long line, String reason) {
        count(line, reason == null ? "unreadable" : reason);
        tick();
      }
    });
    if (progress != null) {
      progress.accept(progressNow());
    }
    return new Result(Math.max(lines, offered), events, duplicates, rejections,
        java.util.Collections.unmodifiableMap(new TreeMap<>(rejected)), copyLines(), customers.size(), timers,
        Optional.ofNullable(first), Optional.ofNullable(latest));
  }

  private void replay(long line, Event e) {
    Instant at = e.time();
    if (first == null) {
      Instant now = engine.now();
      if (now.isAfter(at)) {
        throw new IllegalStateException(OWNER + ": the engine's time (" + now + ") is past the "
            + "log's first event (" + at + ", line " + line + "); build the engine on a clock at "
            + "or before the log's start, such as Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), "
            + "and replay a log once into one engine");
      }
      first = at;
    }
    if (latest == null || at.isAfter(latest)) {
      timers += engine.advanceTo(at);
      latest = at;
    }
    String customer = e.customer().value();
    if (customers.add(customer) && onNewCustomer != null) {
      onNewCustomer.accept(e);
    }
    try {
      if (engine.track(e)) {
        events++;
      } else {
        duplicates++;
      }
    } catch (IllegalArgumentException ex) {
      count(line, "refused by the engine: " + withoutCall(ex.getMessage()));
    }
    tick();
  }

  /** The reason of a refusal without its first part, which names the customer. */
  private static String withoutCall(String message) {
    if (message == null) {
      return "no reason given";
    }
    int cut = message.indexOf("): ");
    return cut >= 0 ? message.substring(cut + 3) : message;
  }

  private void count(long line, String reason) {
    rejections++;
    rejected.merge(reason, 1L, Long::sum);
    List<Long> l = firstLines.computeIfAbsent(reason, k -> new ArrayList<>(FIRST_LINES));
    if (l.size() < FIRST_LINES) {
      l.add(line);
    }
  }

  private void tick() {
    offered++;
    if (progress != null && offered % progressEvery == 0) {
      progress.accept(progressNow());
    }
  }

  private Progress progressNow() {
    return new Progress(offered, events, duplicates, rejections, customers.size(),
        Optional.ofNullable(latest));
  }

  private Map<String, List<Long>> copyLines() {
    Map<String, List<Long>> out = new TreeMap<>();
    firstLines.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return java.util.Collections.unmodifiableMap(out);
  }

  private void notRan(String what) {
    if (ran) {
      throw new IllegalStateException(OWNER + ": " + what + " after the replay ran; a Replay "
          + "is for one run: start another with Replay.of(engine)");
    }
  }

  /** Reads one line of a log. */
  @FunctionalInterface
  public interface LineParser {
    /**
     * Reads a line.
     *
     * @param line the line, without its line break
     * @param number its number, 1 for the first line
     * @return the event, or null for a line that holds none (a header, a comment, a blank line)
     * @throws IllegalArgumentException if the line cannot be read; its message is the reason
     *     counted
     */
    Event parse(String line, long number);
  }

  /** A log that pushes what it reads into a {@link Sink}. */
  @FunctionalInterface
  public interface Source {
    /**
     * Reads the log into the sink.
     *
     * @param sink receives each event and each rejected line
     * @return the number of lines read
     * @throws IOException if the log cannot be read
     */
    long read(Sink sink) throws IOException;
  }

  /** Where a {@link Source} puts what it reads. */
  public interface Sink {
    /**
     * Replays an event: the engine is advanced to its time, then it is tracked.
     *
     * @param line the number of the line it was read from (for rejections)
     * @param event the event
     */
    void event(long line, Event event);

    /**
     * Counts a line that could not be read.
     *
     * @param line its number
     * @param reason why, such as {@code "no customer id"}; reasons are counted as given, so keep
     *     customer ids and values out of them
     */
    void reject(long line, String reason);
  }

  /**
   * Where a replay stands.
   *
   * @param offered the events and rejected lines so far
   * @param events the events tracked
   * @param duplicates the events the engine had seen before
   * @param rejected the lines rejected, unreadable or refused
   * @param customers the customers seen
   * @param time the latest event time so far
   */
  public record Progress(long offered, long events, long duplicates, long rejected,
      long customers, Optional<Instant> time) {}

  /**
   * What a replay did.
   *
   * @param lines the lines read (for {@link #events}, the events given)
   * @param events the events tracked
   * @param duplicates the events the engine had seen before, ignored
   * @param rejected the lines rejected: unreadable, or refused by the engine
   * @param rejections the rejected lines by reason, sorted by reason
   * @param firstLines the numbers of the first three lines of each reason
   * @param customers the customers seen
   * @param timersFired the customers' timers fired while the replay advanced the engine
   * @param first the first event's time, if any
   * @param last the latest event time, if any
   */
  public record Result(long lines, long events, long duplicates, long rejected,
      Map<String, Long> rejections, Map<String, List<Long>> firstLines, long customers,
      long timersFired, Optional<Instant> first, Optional<Instant> last) {}
}
