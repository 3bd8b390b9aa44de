package dev.rapport.core.engine;

import java.time.Duration;
import java.util.Arrays;

/**
 * The running totals of one metric in one dimension over its window.
 *
 * <p>Observations are kept in parallel arrays (time, numerator, second numerator, denominator,
 * sum) in time order, between {@code head} and {@code tail}, and evicted from the front as they
 * leave the window. An observation that arrives late (an event tracked after a later one) is
 * inserted at its place, so that it leaves the window on time; observations almost always arrive
 * in order, so the search for the place starts from the end and stops at once. A time window
 * merges observations of the same second into one entry, so that its size is bounded by the
 * window's seconds whatever the volume; a last-N window keeps one entry per observation and evicts
 * while more than N denominator observations remain. Counts are exact integers; the sum (for
 * means) is recomputed from the entries on every read to avoid drift, unless no observation ever
 * added to it (a rate, a share), which reads as zero at once.
 */
final class Aggregate {
  private final long windowMillis;
  private final int lastN;
  private long[] time = new long[16];
  private long[] num = new long[16];
  private long[] num2 = new long[16];
  private long[] den = new long[16];
  private double[] sum = new double[16];
  private int head;
  private int tail;
  private long totNum;
  private long totNum2;
  private long totDen;
  /** Whether any observation added to the sum: a rate's or a share's never does. */
  private boolean sums;
  /** The bucket before which the store's cells of this series were last pruned, if ever. */
  private long prunedBefore = Long.MIN_VALUE;

  /** Totals at a point in time. */
  record Totals(long num, long num2, long den, double sum) {}

  Aggregate(Duration window, int lastN) {
    this.windowMillis = window == null ? -1 : window.toMillis();
    this.lastN = lastN;
  }

  synchronized void add(long at, long dNum, long dNum2, long dDen, double dSum, long now) {
    if (windowMillis >= 0 && at <= now - windowMillis) {
      return; // already outside the window
    }
    int k = tail - 1;
    while (k >= head && time[k] > at) {
      k--;
    }
    if (windowMillis >= 0 && k >= head && Math.floorDiv(time[k], 1000) == Math.floorDiv(at, 1000)) {
      num[k] += dNum;
      num2[k] += dNum2;
      den[k] += dDen;
      sum[k] += dSum;
    } else {
      insert(k + 1, at, dNum, dNum2, dDen, dSum);
    }
    totNum += dNum;
    totNum2 += dNum2;
    totDen += dDen;
    sums |= dSum != 0;
    evict(now);
  }

  private void insert(int at, long t, long n, long n2, long d, double s) {
    if (tail == time.length) {
      int live = tail - head;
      int shift = head;
      if (live * 2 > time.length) {
        grow(time.length * 2);
      } else {
        compact();
      }
      at -= shift;
    }
    int move = tail - at;
    if (move > 0) {
      System.arraycopy(time, at, time, at + 1, move);
      System.arraycopy(num, at, num, at + 1, move);
      System.arraycopy(num2, at, num2, at + 1, move);
      System.arraycopy(den, at, den, at + 1, move);
      System.arraycopy(sum, at, sum, at + 1, move);
    }
    time[at] = t;
    num[at] = n;
    num2[at] = n2;
    den[at] = d;
    sum[at] = s;
    tail++;
  }

  /** Moves the live entries to the front of the arrays, growing them to a capacity. */
  private void grow(int capacity) {
    time = Arrays.copyOfRange(time, head, head + capacity);
    num = Arrays.copyOfRange(num, head, head + capacity);
    num2 = Arrays.copyOfRange(num2, head, head + capacity);
    den = Arrays.copyOfRange(den, head, head + capacity);
    sum = Arrays.copyOfRange(sum, head, head + capacity);
    tail -= head;
    head = 0;
  }

  private void compact() {
    grow(time.length);
  }

  private void evict(long now) {
    while (head < tail) {
      boolean expired;
      if (windowMillis >= 0) {
        expired = time[head] <= now - windowMillis;
      } else if (lastN > 0) {
        // keep the last N denominator observations, and whatever came after the oldest of them
        expired = totDen - den[head] >= lastN;
      } else {
        expired = false;
      }
      if (!expired) {
        return;
      }
      totNum -= num[head];
      totNum2 -= num2[head];
      totDen -= den[head];
      head++;
    }
  }

  synchronized Totals read(long now) {
    evict(now);
    double s = 0;
    if (sums) { // else every entry's sum is zero: a guardrail's read of a rate walks nothing
      for (int k = head; k < tail; k++) {
        s += sum[k];
      }
    }
    return new Totals(totNum, totNum2, totDen, s);
  }

  /**
   * Returns the bucket (second) before which the store's cells of this series may go, or
   * {@code Long.MIN_VALUE} when a prune is not due yet. One is due when the oldest observation
   * kept has moved on since the last one by a minute and by a 64th of the time the aggregate
   * spans up to {@code now}: a replay that crosses a month in seconds prunes about 64 times a
   * window rather than on every observation, and the store keeps at most about a 64th more
   * than the window (a reload drops what lies outside it).
   *
   * @param now the engine's time, in milliseconds
   * @return the first bucket to keep, or {@code Long.MIN_VALUE} for no prune now
   */
  synchronized long pruneDue(long now) {
    if (head == tail) {
      return Long.MIN_VALUE;
    }
    long bucket = Math.floorDiv(time[head], 1000);
    long step = Math.max(60, (Math.floorDiv(now, 1000) - bucket) / 64);
    if (prunedBefore != Long.MIN_VALUE && bucket - prunedBefore < step) {
      return Long.MIN_VALUE;
    }
    prunedBefore = bucket;
    return bucket;
  }

  @Override
  public synchronized String toString() {
    return "Aggregate{entries=" + (tail - head) + ", num=" + totNum + ", den=" + totDen + "}";
  }
}
