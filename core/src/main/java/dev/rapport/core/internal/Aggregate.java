package dev.rapport.core.internal;

import java.time.Duration;
import java.util.Arrays;

/**
 * The running totals of one metric in one dimension over its window.
 *
 * <p>Observations are kept in a ring of parallel arrays (time, numerator, second numerator,
 * denominator, sum), evicted from the front as they leave the window. A time window merges
 * observations of the same second into one entry, so that its size is bounded by the window's
 * seconds whatever the volume; a last-N window keeps one entry per observation and evicts while
 * more than N denominator observations remain. Totals are kept as exact integer counts; the sum
 * (for means) is recomputed from the entries on every read to avoid drift.
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
  private int size;
  private long totNum;
  private long totNum2;
  private long totDen;

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
    int last = (head + size - 1) & (time.length - 1);
    if (windowMillis >= 0 && size > 0 && time[last] / 1000 == at / 1000) {
      num[last] += dNum;
      num2[last] += dNum2;
      den[last] += dDen;
      sum[last] += dSum;
    } else {
      if (size == time.length) {
        grow();
      }
      int i = (head + size) & (time.length - 1);
      time[i] = at;
      num[i] = dNum;
      num2[i] = dNum2;
      den[i] = dDen;
      sum[i] = dSum;
      size++;
    }
    totNum += dNum;
    totNum2 += dNum2;
    totDen += dDen;
    evict(now);
  }

  private void grow() {
    int n = time.length;
    time = unroll(time, n);
    num = unroll(num, n);
    num2 = unroll(num2, n);
    den = unroll(den, n);
    double[] s = new double[n * 2];
    for (int k = 0; k < size; k++) {
      s[k] = sum[(head + k) & (n - 1)];
    }
    sum = s;
    head = 0;
  }

  private long[] unroll(long[] a, int n) {
    long[] out = new long[n * 2];
    for (int k = 0; k < size; k++) {
      out[k] = a[(head + k) & (n - 1)];
    }
    return out;
  }

  private void evict(long now) {
    int mask = time.length - 1;
    while (size > 0) {
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
      head = (head + 1) & mask;
      size--;
    }
  }

  synchronized Totals read(long now) {
    evict(now);
    double s = 0;
    int mask = time.length - 1;
    for (int k = 0; k < size; k++) {
      s += sum[(head + k) & mask];
    }
    return new Totals(totNum, totNum2, totDen, s);
  }

  @Override
  public synchronized String toString() {
    return "Aggregate{entries=" + size + ", num=" + totNum + ", den=" + totDen + ", times="
        + Arrays.toString(Arrays.copyOf(time, Math.min(size, 4))) + "}";
  }
}
