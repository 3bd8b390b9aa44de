package dev.rapport.core.engine;

import java.util.Arrays;

/**
 * What the engine keeps of one customer's value, in their record: their purchases as the
 * engine's revenue definition counts them, and the latest value of each score the engine
 * declares (what the scores' distributions count them at).
 *
 * <p>Design note. The value is immutable: a sale or a new score makes a new one, which the record
 * swaps in with one journal entry, so that a failed call puts back the old one whole. Purchases
 * are totals since the first order (orders, revenue, the positive amounts that make the average
 * order value, first and latest order) and, for windowed questions, one entry per instant with a
 * revenue event (its net amount and whether it holds an order), kept while within the engine's
 * history retention. Instants are nanoseconds ({@link Times}); a score with no value is NaN.
 */
final class CustomerValue {
  private static final long[] NO_TIMES = new long[0];
  private static final double[] NO_AMOUNTS = new double[0];
  private static final boolean[] NO_FLAGS = new boolean[0];
  private static final double[] NO_SCORES = new double[0];

  /** Nothing bought, no score. */
  static final CustomerValue EMPTY = new CustomerValue(0, 0, 0, Times.NONE, Times.NONE,
      NO_TIMES, NO_AMOUNTS, NO_FLAGS, NO_SCORES);

  final long orders;
  final double revenue;
  /** The sum of the positive amounts of the orders: the average order value's numerator. */
  final double orderValue;
  final long firstOrder;
  final long lastOrder;
  /** Instants with a revenue event, ascending, within the retention. */
  private final long[] times;
  private final double[] amounts;
  private final boolean[] isOrder;
  /** The latest value of each declared score, by the engine's index; NaN when none. */
  private final double[] scores;

  private CustomerValue(long orders, double revenue, double orderValue, long firstOrder,
      long lastOrder, long[] times, double[] amounts, boolean[] isOrder, double[] scores) {
    this.orders = orders;
    this.revenue = revenue;
    this.orderValue = orderValue;
    this.firstOrder = firstOrder;
    this.lastOrder = lastOrder;
    this.times = times;
    this.amounts = amounts;
    this.isOrder = isOrder;
    this.scores = scores;
  }

  /**
   * What one revenue event did: its amount, whether it started an order (the first positive
   * amount at a new instant), and the customer's latest order before it.
   */
  record Sale(double amount, boolean newOrder, long previousLastOrder) {}

  /** What a revenue event at {@code t} does to this value (before {@link #withSale}). */
  Sale saleAt(long t, double amount) {
    int k = Arrays.binarySearch(times, t);
    return new Sale(amount, amount > 0 && (k < 0 || !isOrder[k]), lastOrder);
  }

  /** The value after a revenue event at {@code t}. */
  CustomerValue withSale(long t, double amount, long cutoff) {
    int k = Arrays.binarySearch(times, t);
    boolean positive = amount > 0;
    boolean newOrder = positive && (k < 0 || !isOrder[k]);
    long[] nt;
    double[] na;
    boolean[] no;
    if (k >= 0) {
      nt = times;
      na = amounts.clone();
      no = isOrder;
      na[k] += amount;
      if (newOrder) {
        no = isOrder.clone();
        no[k] = true;
      }
    } else {
      int at = -k - 1;
      // drop what left the retention while copying
      int from = 0;
      while (from < at && times[from] <= cutoff) {
        from++;
      }
      int n = times.length - from + 1;
      nt = new long[n];
      na = new double[n];
      no = new boolean[n];
      System.arraycopy(times, from, nt, 0, at - from);
      System.arraycopy(amounts, from, na, 0, at - from);
      System.arraycopy(isOrder, from, no, 0, at - from);
      nt[at - from] = t;
      na[at - from] = amount;
      no[at - from] = positive;
      System.arraycopy(times, at, nt, at - from + 1, times.length - at);
      System.arraycopy(amounts, at, na, at - from + 1, times.length - at);
      System.arraycopy(isOrder, at, no, at - from + 1, times.length - at);
      if (t <= cutoff) {
        // an event older than the retention counts in the totals, not in the windows
        nt = remove(nt, at - from);
        na = remove(na, at - from);
        no = remove(no, at - from);
      }
    }
    return new CustomerValue(orders + (newOrder ? 1 : 0), revenue + amount,
        orderValue + (positive ? amount : 0),
        newOrder && (firstOrder == Times.NONE || t < firstOrder) ? t : firstOrder,
        newOrder && (lastOrder == Times.NONE || t > lastOrder) ? t : lastOrder,
        nt, na, no, scores);
  }

  private static long[] remove(long[] a, int i) {
    long[] out = new long[a.length - 1];
    System.arraycopy(a, 0, out, 0, i);
    System.arraycopy(a, i + 1, out, i, a.length - i - 1);
    return out;
  }

  private static double[] remove(double[] a, int i) {
    double[] out = new double[a.length - 1];
    System.arraycopy(a, 0, out, 0, i);
    System.arraycopy(a, i + 1, out, i, a.length - i - 1);
    return out;
  }

  private static boolean[] remove(boolean[] a, int i) {
    boolean[] out = new boolean[a.length - 1];
    System.arraycopy(a, 0, out, 0, i);
    System.arraycopy(a, i + 1, out, i, a.length - i - 1);
    return out;
  }

  /** The net revenue of the entries after {@code after} (exclusive) and up to {@code upTo}. */
  double revenueBetween(long after, long upTo) {
    double sum = 0;
    for (int i = firstAfter(after); i < times.length && times[i] <= upTo; i++) {
      sum += amounts[i];
    }
    return sum;
  }

  /** The orders after {@code after} (exclusive) and up to {@code upTo}. */
  long ordersBetween(long after, long upTo) {
    long n = 0;
    for (int i = firstAfter(after); i < times.length && times[i] <= upTo; i++) {
      n += isOrder[i] ? 1 : 0;
    }
    return n;
  }

  /** The time of the first entry after {@code after}, or {@link Times#NONE}. */
  long firstEntryAfter(long after) {
    int i = firstAfter(after);
    return i < times.length ? times[i] : Times.NONE;
  }

  private int firstAfter(long after) {
    int k = Arrays.binarySearch(times, after);
    return k >= 0 ? k + 1 : -k - 1;
  }

  int entries() {
    return times.length;
  }

  long entryTime(int i) {
    return times[i];
  }

  double entryAmount(int i) {
    return amounts[i];
  }

  boolean entryIsOrder(int i) {
    return isOrder[i];
  }

  /**
   * This customer's value with another's purchases taken in (an identity merge): the entries
   * joined in time order (amounts of one instant added, an order if either held one), the
   * totals added (an order at an instant both held counts once), the first and latest orders
   * widened. The scores stay this customer's, the latest the distributions count them at; the
   * survivor's next call reads them again.
   */
  CustomerValue mergedWith(CustomerValue other) {
    if (other.orders == 0 && other.revenue == 0 && other.times.length == 0) {
      return this;
    }
    int n = times.length + other.times.length;
    long[] nt = new long[n];
    double[] na = new double[n];
    boolean[] no = new boolean[n];
    int i = 0;
    int j = 0;
    int k = 0;
    long shared = 0;
    while (i < times.length || j < other.times.length) {
      if (j >= other.times.length || (i < times.length && times[i] < other.times[j])) {
        nt[k] = times[i];
        na[k] = amounts[i];
        no[k++] = isOrder[i++];
      } else if (i >= times.length || other.times[j] < times[i]) {
        nt[k] = other.times[j];
        na[k] = other.amounts[j];
        no[k++] = other.isOrder[j++];
      } else {
        nt[k] = times[i];
        na[k] = amounts[i] + other.amounts[j];
        no[k++] = isOrder[i] || other.isOrder[j];
        shared += isOrder[i] && other.isOrder[j] ? 1 : 0;
        i++;
        j++;
      }
    }
    long first = firstOrder == Times.NONE ? other.firstOrder : other.firstOrder == Times.NONE
        ? firstOrder : Math.min(firstOrder, other.firstOrder);
    long last = lastOrder == Times.NONE ? other.lastOrder : other.lastOrder == Times.NONE
        ? lastOrder : Math.max(lastOrder, other.lastOrder);
    return new CustomerValue(orders + other.orders - shared, revenue + other.revenue,
        orderValue + other.orderValue, first, last, Arrays.copyOf(nt, k), Arrays.copyOf(na, k),
        Arrays.copyOf(no, k), scores);
  }

  // ------------------------------------------------------------------ scores

  /** The latest value of a declared score, NaN when none. */
  double score(int index) {
    return index < scores.length ? scores[index] : Double.NaN;
  }

  /** The value with a score's latest value changed. */
  CustomerValue withScore(int index, double value) {
    double[] s = Arrays.copyOf(scores, Math.max(scores.length, index + 1));
    for (int i = scores.length; i < s.length; i++) {
      s[i] = Double.NaN;
    }
    s[index] = value;
    return new CustomerValue(orders, revenue, orderValue, firstOrder, lastOrder, times, amounts,
        isOrder, s);
  }

  int scoreCount() {
    return scores.length;
  }

  // ------------------------------------------------------------------ format

  /**
   * Writes the value (record format 5): the purchase totals and entries, then each score's name
   * and latest value, so that an engine declaring other scores reads what it knows.
   */
  void writeTo(Bytes.Writer w, java.util.function.IntFunction<String> scoreName) {
    boolean nothing = orders == 0 && revenue == 0 && orderValue == 0 && times.length == 0
        && firstOrder == Times.NONE && lastOrder == Times.NONE;
    int n = 0;
    for (double s : scores) {
      n += Double.isNaN(s) ? 0 : 1;
    }
    // most customers of most engines have neither: one byte
    w.byte1((nothing ? 0 : 1) | (n == 0 ? 0 : 2));
    if (!nothing) {
      writePurchases(w);
    }
    if (n > 0) {
      w.uvarint(n);
      for (int i = 0; i < scores.length; i++) {
        if (!Double.isNaN(scores[i])) {
          w.string(scoreName.apply(i));
          w.float64(scores[i]);
        }
      }
    }
  }

  private void writePurchases(Bytes.Writer w) {
    w.uvarint(orders);
    w.float64(revenue);
    w.float64(orderValue);
    w.varint(firstOrder);
    w.varint(lastOrder);
    w.uvarint(times.length);
    for (int i = 0; i < times.length; i++) {
      w.varint(times[i]);
      w.float64(amounts[i]);
      w.bool(isOrder[i]);
    }
  }

  /** Reads what {@link #writeTo} wrote; scores the engine does not declare are dropped. */
  static CustomerValue readFrom(Bytes.Reader r,
      java.util.function.ToIntFunction<String> scoreIndex) {
    int parts = r.byte1();
    if ((parts & ~3) != 0) {
      throw new Codec.CodecException("customer record: its value starts with " + parts
          + ", which is not a value of this format; the bytes are not a customer record");
    }
    boolean bought = (parts & 1) != 0;
    long orders = bought ? r.uvarint() : 0;
    double revenue = bought ? r.float64() : 0;
    double orderValue = bought ? r.float64() : 0;
    long first = bought ? r.varint() : Times.NONE;
    long last = bought ? r.varint() : Times.NONE;
    int n = bought ? r.count() : 0;
    long[] times = n == 0 ? NO_TIMES : new long[n];
    double[] amounts = n == 0 ? NO_AMOUNTS : new double[n];
    boolean[] flags = n == 0 ? NO_FLAGS : new boolean[n];
    for (int i = 0; i < n; i++) {
      times[i] = r.varint();
      amounts[i] = r.float64();
      flags[i] = r.bool();
    }
    int k = (parts & 2) != 0 ? r.count() : 0;
    double[] scores = NO_SCORES;
    for (int i = 0; i < k; i++) {
      String name = r.string();
      double value = r.float64();
      int index = scoreIndex.applyAsInt(name);
      if (index >= 0) {
        if (index >= scores.length) {
          int old = scores.length;
          scores = Arrays.copyOf(scores, index + 1);
          Arrays.fill(scores, old, scores.length, Double.NaN);
        }
        scores[index] = value;
      }
    }
    if (orders == 0 && n == 0 && scores.length == 0 && revenue == 0) {
      return EMPTY;
    }
    return new CustomerValue(orders, revenue, orderValue, first, last, times, amounts, flags,
        scores);
  }

  /** Whether two values hold the same: what the codec's round trip must keep. */
  boolean sameAs(CustomerValue o) {
    if (orders != o.orders || Double.compare(revenue, o.revenue) != 0
        || Double.compare(orderValue, o.orderValue) != 0 || firstOrder != o.firstOrder
        || lastOrder != o.lastOrder || !Arrays.equals(times, o.times)
        || !Arrays.equals(amounts, o.amounts) || !Arrays.equals(isOrder, o.isOrder)) {
      return false;
    }
    int n = Math.max(scores.length, o.scores.length);
    for (int i = 0; i < n; i++) {
      if (Double.compare(score(i), o.score(i)) != 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "CustomerValue{orders=" + orders + ", revenue=" + revenue + ", entries="
        + times.length + ", scores=" + Arrays.toString(scores) + "}";
  }
}
