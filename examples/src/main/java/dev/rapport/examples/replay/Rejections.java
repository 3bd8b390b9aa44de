package dev.rapport.examples.replay;

import dev.rapport.core.engine.Replay;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lines a reader could not turn into events, counted by reason, with the first few examples; or,
 * {@linkplain #forwardingTo forwarding}, handed on to a replay, which counts them with the events
 * the engine refused.
 */
public final class Rejections {
  private static final int EXAMPLES = 3;
  private final Map<String, Long> counts = new TreeMap<>();
  private final Map<String, List<Long>> lines = new TreeMap<>();
  private final Replay.Sink forward;

  /** Makes an empty count. */
  public Rejections() {
    this(null);
  }

  private Rejections(Replay.Sink forward) {
    this.forward = forward;
  }

  /**
   * Returns rejections that are counted here and handed on to a replay's sink.
   *
   * @param sink the replay's sink
   * @return the rejections
   */
  public static Rejections forwardingTo(Replay.Sink sink) {
    return new Rejections(sink);
  }

  /**
   * Returns what a replay rejected: the lines its reader could not read and the events the
   * engine refused.
   *
   * @param replayed what the replay did
   * @return the rejections, by reason, with their first lines
   */
  public static Rejections of(Replay.Result replayed) {
    Rejections r = new Rejections();
    r.counts.putAll(replayed.rejections());
    replayed.firstLines().forEach((reason, first) -> r.lines.put(reason, new ArrayList<>(first)));
    return r;
  }

  /**
   * Counts a rejected line.
   *
   * @param line the line number (1-based, the header included)
   * @param reason why, such as {@code anonymous (no CustomerID)}
   */
  public void reject(long line, String reason) {
    if (forward != null) {
      forward.reject(line, reason);
    }
    counts.merge(reason, 1L, Long::sum);
    List<Long> l = lines.computeIfAbsent(reason, k -> new ArrayList<>());
    if (l.size() < EXAMPLES) {
      l.add(line);
    }
  }

  /**
   * Returns the total number of rejected lines.
   *
   * @return the count
   */
  public long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Returns the counts by reason.
   *
   * @return reason to count, sorted by reason
   */
  public Map<String, Long> byReason() {
    return Map.copyOf(counts);
  }

  /**
   * Returns the number of lines rejected for a reason.
   *
   * @param reason the reason, as given to {@link #reject}
   * @return the count, 0 if none
   */
  public long count(String reason) {
    return counts.getOrDefault(reason, 0L);
  }

  /**
   * Returns the first few lines rejected for a reason, in the order they were rejected.
   *
   * @param reason the reason, as given to {@link #reject}
   * @return up to three line numbers, none if nothing was rejected for it
   */
  public List<Long> firstLines(String reason) {
    return List.copyOf(lines.getOrDefault(reason, List.of()));
  }

  /** Lists the reasons with their counts and first lines. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    counts.forEach((reason, n) -> out.append(String.format(java.util.Locale.ROOT,
        "  %,10d  %s (first at line%s %s)%n", n, reason, lines.get(reason).size() > 1 ? "s" : "",
        lines.get(reason))));
    return out.toString();
  }
}
