package dev.rapport.examples.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Lines a reader could not turn into events, counted by reason, with the first few examples. */
public final class Rejections {
  private static final int EXAMPLES = 3;
  private final Map<String, Long> counts = new TreeMap<>();
  private final Map<String, List<Long>> lines = new TreeMap<>();

  /**
   * Counts a rejected line.
   *
   * @param line the line number (1-based, the header included)
   * @param reason why, such as {@code anonymous (no CustomerID)}
   */
  public void reject(long line, String reason) {
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
