package dev.rapport.core.engine;

import dev.rapport.core.CustomerId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The default {@link StateStore}: everything in memory.
 *
 * <p>Design note. Records are kept as the engine's live objects, never encoded. Each customer
 * gets a small integer when first written, which indexes the timer arrays. Customers are
 * serialised by striped locks taken in {@link #begin} and released in {@link Transaction#close},
 * so two engines sharing this store never change one customer at once.
 *
 * <p>The due timers are a binary heap of (due time, customer index) in primitive arrays, kept
 * lazily: each customer has at most one live entry, whose due time is remembered beside the
 * customer's actual next due time. A write pushes an entry only when the customer's next due time
 * moves earlier than its entry (or it has none); when it moves later or goes away, nothing
 * happens until the entry reaches the top, where it is dropped or pushed again at the customer's
 * new time. So the common changes (a timer set further out, a timer cancelled) touch no shared
 * structure, and no entry is ever searched for or removed from the middle.
 */
final class InMemoryStateStore implements StateStore {
  private static final int STRIPES = 1024;

  /** A stored record. */
  private static final class Entry {
    /** The record and its version: changed only under the customer's stripe lock. */
    Object record;
    long version;
    final int index;

    Entry(Object record, long version, int index) {
      this.record = record;
      this.version = version;
      this.index = index;
    }
  }

  private final ConcurrentHashMap<CustomerId, Entry> records = new ConcurrentHashMap<>();
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
  private final ConcurrentHashMap<String, AtomicLong> counters = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Series> series = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, StateStore.Versioned<Object>> shared =
      new ConcurrentHashMap<>();
  private final AtomicLong changes = new AtomicLong();
  /**
   * Commits apply their counters and series and take their stamp under the read lock, so that
   * {@link #measures} (under the write lock) reads them all or none of them.
   */
  private final java.util.concurrent.locks.ReentrantReadWriteLock measuresLock =
      new java.util.concurrent.locks.ReentrantReadWriteLock();
  /** The outbox, in commit order: id to the dispatch as the engine gave it. */
  private final java.util.LinkedHashMap<String, Object> outbox = new java.util.LinkedHashMap<>();
  private final Timers timers = new Timers();

  InMemoryStateStore() {
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  private ReentrantLock lockOf(CustomerId id) {
    int h = id.hashCode();
    return locks[(h ^ (h >>> 16)) & (STRIPES - 1)];
  }

  @Override
  public Transaction begin(CustomerId customer) {
    ReentrantLock lock = lockOf(customer);
    lock.lock();
    return new Txn(customer, lock);
  }

  @Override
  public List<Due> due(Instant upTo, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("due(upTo, limit): limit is " + limit
          + "; give 1 or more");
    }
    return timers.due(Times.of(upTo), limit);
  }

  @Override
  public long size() {
    return records.size();
  }

  @Override
  public void add(String counter, long delta) {
    measuresLock.readLock().lock();
    try {
      addCounter(counter, delta);
      changes.incrementAndGet();
    } finally {
      measuresLock.readLock().unlock();
    }
  }

  /**
   * Adds to a counter; a counter back at zero is removed (its key may name a customer).
   *
   * <p>The common case, a counter that exists and does not reach zero, is one compare-and-set
   * on it. Only the map's {@code compute} removes a counter, and it first sets it to zero, which
   * marks it removed: an adder that finds zero, or would reach it, goes through {@code compute}
   * too, so that no addition lands on a counter no longer in the map.
   */
  private void addCounter(String counter, long delta) {
    AtomicLong a = counters.get(counter);
    if (a != null) {
      for (long current = a.get(); current != 0 && current + delta != 0;
          current = a.get()) {
        if (a.compareAndSet(current, current + delta)) {
          return;
        }
      }
    }
    counters.compute(counter, (k, v) -> {
      if (v == null) {
        return delta == 0 ? null : new AtomicLong(delta);
      }
      for (;;) {
        long current = v.get();
        long n = current + delta;
        if (v.compareAndSet(current, n)) {
          return n == 0 ? null : v;
        }
      }
    });
  }

  @Override
  public long counter(String counter) {
    AtomicLong a = counters.get(counter);
    return a == null ? 0 : a.get();
  }

  @Override
  public Map<String, Long> counters(String prefix) {
    TreeMap<String, Long> out = new TreeMap<>();
    counters.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        long sum = v.get();
        if (sum != 0) {
          out.put(k, sum);
        }
      }
    });
    return out;
  }

  @Override
  public List<Cell> series(String key) {
    Series s = series.get(key);
    if (s == null) {
      return List.of();
    }
    List<Cell> out = new ArrayList<>();
    synchronized (s) {
      s.cells.forEach((bucket, v) -> out.add(new Cell(bucket, (long) v[0], (long) v[1],
          (long) v[2], v[3])));
    }
    return out;
  }

  @Override
  public List<String> seriesKeys(String prefix) {
    List<String> out = new ArrayList<>();
    series.keySet().forEach(k -> {
      if (k.startsWith(prefix)) {
        out.add(k);
      }
    });
    out.sort(null);
    return out;
  }

  @Override
  public long measures(String prefix, java.util.function.BiConsumer<String, List<Cell>> each) {
    measuresLock.writeLock().lock();
    try {
      for (String key : seriesKeys(prefix)) {
        each.accept(key, series(key));
      }
      return changes.get();
    } finally {
      measuresLock.writeLock().unlock();
    }
  }

  @Override
  public void prune(String key, long beforeBucket) {
    Series s = series.get(key);
    if (s != null) {
      synchronized (s) {
        s.cells.headMap(beforeBucket).clear();
        if (s.last != null && s.lastBucket < beforeBucket) {
          s.last = null;
        }
      }
    }
  }

  private void addCell(String key, Cell c) {
    Series s = series.get(key);
    if (s == null) {
      s = series.computeIfAbsent(key, k -> new Series());
    }
    synchronized (s) {
      double[] v = s.cell(c.bucket());
      v[0] += c.num();
      v[1] += c.num2();
      v[2] += c.den();
      v[3] += c.sum();
    }
  }

  /**
   * One series' cells by bucket, and the cell last added to: events arrive roughly in time
   * order, so most additions go to the bucket of the one before, found without a search.
   */
  private static final class Series {
    final TreeMap<Long, double[]> cells = new TreeMap<>();
    long lastBucket;
    double[] last;

    /** The cell of a bucket, made empty if it has none. */
    double[] cell(long bucket) {
      if (last == null || bucket != lastBucket) {
        last = cells.computeIfAbsent(bucket, b -> new double[4]);
        lastBucket = bucket;
      }
      return last;
    }
  }

  @Override
  public <V> Optional<Versioned<V>> shared(String key, Codec<V> codec) {
    @SuppressWarnings("unchecked")
    Versioned<V> v = (Versioned<V>) (Versioned<?>) shared.get(key);
    return Optional.ofNullable(v);
  }

  @Override
  public <V> boolean putShared(String key, V value, Codec<V> codec, long expectedVersion) {
    boolean[] written = {false};
    shared.compute(key, (k, current) -> {
      long version = current == null ? 0 : current.version();
      if (version != expectedVersion) {
        return current;
      }
      written[0] = true;
      return new Versioned<>(value, version + 1);
    });
    return written[0];
  }

  @Override
  public <D> List<D> undelivered(Codec<D> codec, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("undelivered(codec, limit): limit is " + limit
          + "; give 1 or more");
    }
    List<D> out = new ArrayList<>();
    synchronized (outbox) {
      for (Object d : outbox.values()) {
        if (out.size() == limit) {
          break;
        }
        @SuppressWarnings("unchecked")
        D dispatch = (D) d;
        out.add(dispatch);
      }
    }
    return out;
  }

  @Override
  public void delivered(String dispatchId) {
    synchronized (outbox) {
      outbox.remove(dispatchId);
    }
  }

  @Override
  public long changes() {
    return changes.get();
  }

  /** One transaction: the customer's stripe is locked from begin to close. */
  private final class Txn implements Transaction {
    private final CustomerId customer;
    private final ReentrantLock lock;
    private Entry read;
    private boolean readDone;
    private Object written;
    private long nextDue = Times.NONE;
    private boolean delete;
    private String[] counterKeys;
    private long[] counterDeltas;
    private int counterCount;
    private List<String> seriesKeys;
    private List<Cell> cells;
    private List<String> enqueuedIds;
    private List<Object> enqueued;
    private boolean open = true;

    Txn(CustomerId customer, ReentrantLock lock) {
      this.customer = customer;
      this.lock = lock;
    }

    @Override
    public CustomerId customer() {
      return customer;
    }

    @Override
    public <R> Optional<Versioned<R>> read(Codec<R> codec) {
      checkOpen();
      read = records.get(customer);
      readDone = true;
      if (read == null) {
        return Optional.empty();
      }
      @SuppressWarnings("unchecked")
      R record = (R) read.record;
      return Optional.of(new Versioned<>(record, read.version));
    }

    @Override
    public <R> void write(R record, Codec<R> codec, Optional<Instant> due) {
      checkOpen();
      written = record;
      delete = false;
      nextDue = due.isPresent() ? Times.of(due.get()) : Times.NONE;
    }

    @Override
    public void delete() {
      checkOpen();
      delete = true;
      written = null;
    }

    @Override
    public void add(String counter, long delta) {
      checkOpen();
      if (counterKeys == null) {
        counterKeys = new String[16];
        counterDeltas = new long[16];
      } else if (counterCount == counterKeys.length) {
        counterKeys = Arrays.copyOf(counterKeys, counterCount * 2);
        counterDeltas = Arrays.copyOf(counterDeltas, counterCount * 2);
      }
      counterKeys[counterCount] = counter;
      counterDeltas[counterCount++] = delta;
    }

    @Override
    public void add(String key, Cell cell) {
      checkOpen();
      if (seriesKeys == null) {
        seriesKeys = new ArrayList<>();
        cells = new ArrayList<>();
      }
      seriesKeys.add(key);
      cells.add(cell);
    }

    @Override
    public <D> void enqueue(String dispatchId, D dispatch, Codec<D> codec) {
      checkOpen();
      if (enqueued == null) {
        enqueuedIds = new ArrayList<>(2);
        enqueued = new ArrayList<>(2);
      }
      enqueuedIds.add(dispatchId);
      enqueued.add(dispatch);
    }

    @Override
    public long commit() {
      checkOpen();
      if (!readDone) {
        read = records.get(customer);
      }
      // the customer's stripe is held from begin to close: nobody changed the entry since read
      Entry current = read;
      if (delete) {
        if (current != null) {
          records.remove(customer);
          timers.release(current.index);
        }
      } else if (written != null) {
        if (current != null) {
          // changed in place under the customer's lock: no map write on the common path, and
          // no reference write either when the record is the one read (a store of a reference
          // into an old object marks its card for the collector to scan, even an unchanged one)
          if (current.record != written) {
            current.record = written;
          }
          current.version++;
          timers.set(current.index, nextDue);
        } else {
          int index = timers.register(customer);
          records.put(customer, new Entry(written, 1, index));
          timers.set(index, nextDue);
        }
      }
      if (enqueued != null) {
        synchronized (outbox) {
          for (int i = 0; i < enqueued.size(); i++) {
            outbox.put(enqueuedIds.get(i), enqueued.get(i));
          }
        }
      }
      if (counterKeys == null && seriesKeys == null) {
        open = false;
        return changes.get();
      }
      measuresLock.readLock().lock();
      try {
        if (counterKeys != null) {
          for (int i = 0; i < counterCount; i++) {
            addCounter(counterKeys[i], counterDeltas[i]);
          }
        }
        if (seriesKeys != null) {
          for (int i = 0; i < seriesKeys.size(); i++) {
            addCell(seriesKeys.get(i), cells.get(i));
          }
        }
        open = false;
        return changes.incrementAndGet();
      } finally {
        measuresLock.readLock().unlock();
      }
    }

    @Override
    public void close() {
      if (lock.isHeldByCurrentThread()) {
        lock.unlock();
      }
      open = false;
    }

    private void checkOpen() {
      if (!open) {
        throw new IllegalStateException("in-memory store: the transaction of customer '"
            + customer + "' is already committed or closed; begin another");
      }
    }
  }

  /**
   * The first eight characters of an id as a number whose unsigned order is the ids' order
   * wherever two numbers differ, so that most ties between timers due at one instant are
   * broken without reading the ids' strings. A character is a byte; from the first one that
   * does not fit in a byte (255 or more), it is 255 and the rest zero, so that two ids alike
   * up to there compare equal here and are compared whole. A shorter id is padded with zeros
   * and sorts first, as in {@link String#compareTo}, or compares equal here when the longer
   * one goes on with zeros.
   */
  static long sortKey(String id) {
    long key = 0;
    int n = Math.min(8, id.length());
    for (int i = 0; i < n; i++) {
      char c = id.charAt(i);
      if (c >= 0xFF) {
        return (key << 8 | 0xFF) << (8 * (7 - i));
      }
      key = key << 8 | c;
    }
    return key << (8 * (8 - n));
  }

  /** The lazy heap of due timers (see the class description). */
  private static final class Timers {
    private CustomerId[] ids = new CustomerId[1024];
    /** Per customer index: the start of its id as a number that sorts as the id does. */
    private long[] keys = new long[1024];
    /** Per customer index: its next due time, and the due time of its live heap entry. */
    private long[] next = new long[1024];
    private long[] inHeap = new long[1024];
    private int customers;
    /** The heap: due times and customer indices, smallest due (then id) on top. */
    private long[] heapDue = new long[1024];
    /** Beside each entry, its customer's {@link #sortKey}, so that ties compare in the heap. */
    private long[] heapKey = new long[1024];
    private int[] heapIndex = new int[1024];
    private int size;
    /** The customers of the timers handed out by the last calls of {@link #due}, not yet back. */
    private int[] outstanding = new int[64];
    private int outstandingCount;

    synchronized int register(CustomerId id) {
      if (customers == ids.length) {
        int n = ids.length * 2;
        ids = Arrays.copyOf(ids, n);
        keys = Arrays.copyOf(keys, n);
        next = Arrays.copyOf(next, n);
        inHeap = Arrays.copyOf(inHeap, n);
      }
      int index = customers++;
      ids[index] = id;
      keys[index] = sortKey(id.value());
      next[index] = Times.NONE;
      inHeap[index] = Times.NONE;
      return index;
    }

    /**
     * Forgets a deleted customer's timers; its heap entry, if any, is dropped when it surfaces.
     * The index is not reused (a customer written again gets a new one), so that entries still
     * in the heap keep the order they were pushed with.
     */
    synchronized void release(int index) {
      next[index] = Times.NONE;
      inHeap[index] = Times.NONE;
    }

    /**
     * Sets a customer's next due time. Most calls leave it as it was: that case reads without the
     * heap's lock (the customer's own lock orders it after the last change of the same index,
     * and a change is made under the heap's lock after any resize of the arrays).
     */
    void set(int index, long due) {
      if (next[index] == due) {
        return;
      }
      synchronized (this) {
        next[index] = due;
        if (due != Times.NONE && (inHeap[index] == Times.NONE || due < inHeap[index])) {
          inHeap[index] = due;
          push(due, index);
        }
      }
    }

    synchronized List<Due> due(long upTo, int limit) {
      // a timer handed out before and not moved since (its call failed, or fired nothing) is
      // still due: it goes back into the heap, and this answer can hold it again
      for (int k = 0; k < outstandingCount; k++) {
        int index = outstanding[k];
        long actual = next[index];
        if (inHeap[index] == Times.NONE && actual != Times.NONE) {
          inHeap[index] = actual;
          push(actual, index);
        }
      }
      outstandingCount = 0;
      List<Due> out = new ArrayList<>(Math.min(limit, 16));
      while (size > 0 && out.size() < limit) {
        long due = heapDue[0];
        int index = heapIndex[0];
        if (inHeap[index] != due) {
          pop(); // a stale entry: the customer has a newer one, or was deleted
          continue;
        }
        long actual = next[index];
        if (actual != due) {
          // the customer's timer moved later or went away since the entry was pushed
          pop();
          inHeap[index] = Times.NONE;
          if (actual != Times.NONE) {
            inHeap[index] = actual;
            push(actual, index);
          }
          continue;
        }
        if (due > upTo) {
          break;
        }
        // handed out: out of the heap until the engine moves it (set pushes the new time) or
        // the next call puts it back
        pop();
        inHeap[index] = Times.NONE;
        if (outstandingCount == outstanding.length) {
          outstanding = Arrays.copyOf(outstanding, outstandingCount * 2);
        }
        outstanding[outstandingCount++] = index;
        out.add(new Due(Times.instant(due), ids[index]));
      }
      return out;
    }

    private boolean before(long dueA, long keyA, int a, long dueB, long keyB, int b) {
      if (dueA != dueB) {
        return dueA < dueB;
      }
      if (keyA != keyB) {
        return Long.compareUnsigned(keyA, keyB) < 0;
      }
      return ids[a].compareTo(ids[b]) < 0;
    }


    private void push(long due, int index) {
      if (size == heapDue.length) {
        heapDue = Arrays.copyOf(heapDue, size * 2);
        heapKey = Arrays.copyOf(heapKey, size * 2);
        heapIndex = Arrays.copyOf(heapIndex, size * 2);
      }
      long key = keys[index];
      int i = size++;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (!before(due, key, index, heapDue[parent], heapKey[parent], heapIndex[parent])) {
          break;
        }
        heapDue[i] = heapDue[parent];
        heapKey[i] = heapKey[parent];
        heapIndex[i] = heapIndex[parent];
        i = parent;
      }
      heapDue[i] = due;
      heapKey[i] = key;
      heapIndex[i] = index;
    }

    private void pop() {
      size--;
      if (size == 0) {
        return;
      }
      long due = heapDue[size];
      long key = heapKey[size];
      int index = heapIndex[size];
      int i = 0;
      while (true) {
        int child = 2 * i + 1;
        if (child >= size) {
          break;
        }
        if (child + 1 < size
            && before(heapDue[child + 1], heapKey[child + 1], heapIndex[child + 1],
                heapDue[child], heapKey[child], heapIndex[child])) {
          child++;
        }
        if (!before(heapDue[child], heapKey[child], heapIndex[child], due, key, index)) {
          break;
        }
        heapDue[i] = heapDue[child];
        heapKey[i] = heapKey[child];
        heapIndex[i] = heapIndex[child];
        i = child;
      }
      heapDue[i] = due;
      heapKey[i] = key;
      heapIndex[i] = index;
    }
  }
}
