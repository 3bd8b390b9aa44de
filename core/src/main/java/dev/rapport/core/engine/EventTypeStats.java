package dev.rapport.core.engine;

import dev.rapport.core.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What the engine keeps about one event type of one customer: the count, the first and last
 * times, the times within the history retention (for rolling-window counts), and the most recent
 * events with their properties (for {@code hasDone} questions). Immutable.
 *
 * <p>Every part is independent of the order in which events arrive: counts add up, first and
 * last are a minimum and a maximum, times are kept sorted, and the recent events are the latest
 * by time, ties broken by id.
 */
public final class EventTypeStats {
  private static final long[] NO_TIMES = new long[0];

  private final long count;
  private final long firstMillis;
  private final long lastMillis;
  private final Instant first;
  private final Instant last;
  private final long[] times;
  private final List<Event> recent;

  private EventTypeStats(long count, Instant first, Instant last, long[] times,
      List<Event> recent) {
    this.count = count;
    this.first = first;
    this.last = last;
    this.firstMillis = first.toEpochMilli();
    this.lastMillis = last.toEpochMilli();
    this.times = times;
    this.recent = recent;
  }

  /**
   * Returns the statistics of a type after its first event.
   *
   * @param event the event
   * @param historySize how many recent events to keep
   * @return the statistics
   */
  public static EventTypeStats first(Event event, int historySize) {
    return new EventTypeStats(1, event.time(), event.time(),
        new long[] {event.time().toEpochMilli()},
        historySize == 0 ? List.of() : List.of(event));
  }

  /**
   * Returns a copy of stored statistics, for state stores that rebuild state.
   *
   * @param count how many events, ever
   * @param first the first time
   * @param last the last time
   * @param times epoch milliseconds of the events within retention, in any order
   * @param recent the most recent events
   * @return the statistics
   */
  public static EventTypeStats restore(long count, Instant first, Instant last, long[] times,
      List<Event> recent) {
    long[] sorted = times.clone();
    Arrays.sort(sorted);
    List<Event> events = new ArrayList<>(recent);
    events.sort(EventTypeStats::byTimeThenId);
    return new EventTypeStats(count, first, last, sorted, List.copyOf(events));
  }

  /**
   * Returns the statistics with one more event, times before {@code cutoffMillis} dropped and
   * at most {@code historySize} recent events kept.
   *
   * @param event the event
   * @param cutoffMillis epoch milliseconds before which times are forgotten
   * @param historySize how many recent events to keep
   * @return the new statistics
   */
  public EventTypeStats plus(Event event, long cutoffMillis, int historySize) {
    long t = event.time().toEpochMilli();
    Instant newFirst = t < firstMillis ? event.time() : first;
    Instant newLast = t > lastMillis ? event.time() : last;
    return new EventTypeStats(count + 1, newFirst, newLast, insertTime(t, cutoffMillis),
        insertRecent(event, historySize));
  }

  private long[] insertTime(long t, long cutoffMillis) {
    if (times.length > 0 && times[0] >= cutoffMillis && t >= times[times.length - 1]) {
      // the common case: in time order, nothing expired
      long[] out = Arrays.copyOf(times, times.length + 1);
      out[times.length] = t;
      return out;
    }
    int from = lowerBound(times, cutoffMillis);
    if (t < cutoffMillis) {
      return from == 0 ? times : Arrays.copyOfRange(times, from, times.length);
    }
    int at = upperBound(times, t);
    long[] out = new long[times.length - from + 1];
    System.arraycopy(times, from, out, 0, at - from);
    out[at - from] = t;
    System.arraycopy(times, at, out, at - from + 1, times.length - at);
    return out;
  }

  private List<Event> insertRecent(Event event, int historySize) {
    if (historySize == 0) {
      return List.of();
    }
    int n = recent.size();
    if (n == 0 || byTimeThenId(recent.get(n - 1), event) <= 0) {
      // the common case: in time order, appended at the end
      Event[] out = new Event[Math.min(n + 1, historySize)];
      int keep = out.length - 1;
      for (int i = 0; i < keep; i++) {
        out[i] = recent.get(n - keep + i);
      }
      out[keep] = event;
      return Collections.unmodifiableList(Arrays.asList(out)); // one wrapper, no copy
    }
    List<Event> out = new ArrayList<>(n + 1);
    out.addAll(recent);
    int at = Collections.binarySearch(out, event, EventTypeStats::byTimeThenId);
    out.add(at < 0 ? -at - 1 : at, event);
    while (out.size() > historySize) {
      out.remove(0);
    }
    return Collections.unmodifiableList(out);
  }

  private static int byTimeThenId(Event a, Event b) {
    int c = a.time().compareTo(b.time());
    return c != 0 ? c : a.id().compareTo(b.id());
  }

  private static int lowerBound(long[] a, long key) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int upperBound(long[] a, long key) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Returns how many events of this type, ever.
   *
   * @return the count
   */
  public long count() {
    return count;
  }

  /**
   * Returns the time of the first event.
   *
   * @return the first time
   */
  public Instant first() {
    return first;
  }

  /**
   * Returns the time of the latest event.
   *
   * @return the last time
   */
  public Instant last() {
    return last;
  }

  /**
   * Returns how many retained events happened strictly after an instant.
   *
   * @param afterMillis epoch milliseconds
   * @return the count
   */
  public long countAfter(long afterMillis) {
    return times.length - upperBound(times, afterMillis);
  }

  /**
   * Returns the epoch milliseconds of the events within retention, sorted.
   *
   * @return a copy of the times
   */
  public long[] times() {
    return times.length == 0 ? NO_TIMES : times.clone();
  }

  /**
   * Returns the most recent events, oldest first.
   *
   * @return the events
   */
  public List<Event> recent() {
    return recent;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof EventTypeStats)) {
      return false;
    }
    EventTypeStats s = (EventTypeStats) o;
    return count == s.count && first.equals(s.first) && last.equals(s.last)
        && Arrays.equals(times, s.times) && recent.equals(s.recent);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(count) * 31 + Arrays.hashCode(times);
  }

  @Override
  public String toString() {
    return "EventTypeStats{count=" + count + ", first=" + first + ", last=" + last
        + ", retained=" + times.length + ", recent=" + recent.size() + "}";
  }
}
