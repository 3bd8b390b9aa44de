package dev.rapport.kafka.streams;

import dev.rapport.core.CustomerId;
import dev.rapport.core.engine.Codec;
import dev.rapport.core.engine.StateStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The {@link StateStore} of one stream task: the customers of one partition in the task's
 * key-value store (changelogged, so a restarted or moved task restores them), and the engine-wide
 * measures as this partition's share combined with the shares the other partitions published.
 *
 * <p>Design note. Everything lives in one Kafka Streams key-value store, laid out by {@link
 * Keys}. A transaction buffers its writes and applies them on commit; within a stream task that
 * is one {@code process} or punctuation, so the writes reach the changelog in the same Kafka
 * transaction as the dispatches the call forwards (exactly-once v2). A task is processed by one
 * thread at a time; the lock held from {@link #begin} to {@link Transaction#close} only serialises
 * the odd caller from another thread (a test), as the store contract asks.
 *
 * <p><b>Timers.</b> Each record carries its next due time, and the timer index holds one key per
 * customer with a timer, ordered by (due time, customer id): {@link #due} is a range scan. The
 * task narrows what {@code due} returns while the engine advances: to one customer ({@link
 * #onlyDueOf}) before that customer's input, or to a budget of customers ({@link #dueBudget}) per
 * sweep, so that a backlog of timers is worked off a slice at a time.
 *
 * <p><b>Measures.</b> Counters, series cells, shared values and the number of customers are kept
 * for this partition; each change marks its key dirty (in the store, so a crash between a commit
 * and the next publication loses no mark), and {@link #publish} hands the dirty values to the
 * task, which writes them to the measures topic. Reads add this partition's values to those the
 * other partitions published (the global store), so that every task sees the whole program, the
 * other partitions as of their last publication. A shared value is read as the highest version
 * any partition holds (ties to the higher partition): the last guardrail state written anywhere.
 */
final class TaskStateStore implements StateStore {
  private static final BytesSerializer BYTES = new BytesSerializer();
  private static final byte[] EMPTY = new byte[0];
  private static final long NONE = Long.MIN_VALUE;

  private final KeyValueStore<Bytes, byte[]> local;
  private final ReadOnlyKeyValueStore<Bytes, byte[]> global;
  private final int partition;
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicLong localChanges = new AtomicLong();
  private volatile long remoteChanges;
  /** Dirty marks written since the last publication, to write each once. */
  private final Set<Bytes> marked = new HashSet<>();

  /** While the engine advances: the one customer whose timers it may see, or null. */
  private String onlyDueOf;
  /** While the engine advances: how many more customers it may see due; -1 for no bound. */
  private int dueBudget = -1;

  /**
   * Makes the store of one task.
   *
   * @param local the task's key-value store
   * @param global what every partition published, or null for a store on its own
   * @param partition the task's partition
   */
  TaskStateStore(KeyValueStore<Bytes, byte[]> local, ReadOnlyKeyValueStore<Bytes, byte[]> global,
      int partition) {
    this.local = local;
    this.global = global;
    this.partition = partition;
  }

  // ------------------------------------------------------------------ what the task controls

  /** Lets the engine see only one customer's timers, until {@link #allDue}. */
  void onlyDueOf(String customer) {
    onlyDueOf = customer;
  }

  /** Lets the engine see at most {@code customers} due customers in all, until {@link #allDue}. */
  void dueBudget(int customers) {
    dueBudget = customers;
  }

  /** Lifts {@link #onlyDueOf} and {@link #dueBudget}. */
  void allDue() {
    onlyDueOf = null;
    dueBudget = -1;
  }

  /** Whether the last budgeted advance ran out before every due timer fired. */
  boolean budgetSpent() {
    return dueBudget == 0;
  }

  /** The task's time in epoch milliseconds (the largest input timestamp seen), or NONE. */
  long time() {
    byte[] v = local.get(Keys.TIME_KEY);
    return v == null ? NONE : ByteBuffer.wrap(v).getLong();
  }

  void time(long millis) {
    local.put(Keys.TIME_KEY, ByteBuffer.allocate(8).putLong(millis).array());
  }

  /**
   * Hands every measure changed since the last publication to a sink, as (global key, value)
   * with a null value for one that was deleted, and clears the marks.
   *
   * @return how many were handed over
   */
  int publish(BiConsumer<Bytes, byte[]> sink) {
    lock.lock();
    try {
      List<Bytes> marks = new ArrayList<>();
      try (KeyValueIterator<Bytes, byte[]> it = local.prefixScan(
          Bytes.wrap(new byte[] {Keys.DIRTY}), BYTES)) {
        it.forEachRemaining(kv -> marks.add(kv.key));
      }
      for (Bytes mark : marks) {
        Bytes key = Keys.undirty(mark.get());
        sink.accept(Keys.global(key, partition), local.get(key));
        local.delete(mark);
      }
      marked.clear();
      return marks.size();
    } finally {
      lock.unlock();
    }
  }

  /** Tells the store that other partitions published: engines reading it then reload. */
  void remoteChanged() {
    remoteChanges++;
  }

  // ------------------------------------------------------------------ the SPI

  /**
   * Returns false: a task's store holds only the customers of its partition, and two customers'
   * ids are in general in different partitions, often on different instances; so the engine
   * refuses to merge them here (see {@link CustomerCalls#mergeFrom(String)}).
   */
  @Override
  public boolean holdsTwoCustomers() {
    return false;
  }

  @Override
  public Transaction begin(CustomerId customer) {
    if (customer == null) {
      throw new IllegalArgumentException("begin(customer): customer is null; give a CustomerId");
    }
    lock.lock();
    return new Tx(customer);
  }

  @Override
  public List<Due> due(Instant upTo, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("due(upTo, limit): limit is " + limit
          + "; give 1 or more");
    }
    if (upTo == null) {
      throw new IllegalArgumentException("due(upTo, limit): upTo is null; give an Instant");
    }
    lock.lock();
    try {
      long up = clampedNanos(upTo);
      if (onlyDueOf != null) {
        byte[] v = local.get(Keys.text(Keys.RECORD, onlyDueOf));
        long due = v == null ? NONE : ByteBuffer.wrap(v).getLong(8);
        return due != NONE && due <= up
            ? List.of(new Due(Keys.instant(due), CustomerId.of(onlyDueOf))) : List.of();
      }
      int n = dueBudget < 0 ? limit : Math.min(limit, dueBudget);
      List<Due> out = new ArrayList<>(Math.min(n, 64));
      if (n == 0) {
        return out;
      }
      try (KeyValueIterator<Bytes, byte[]> it = up == Long.MAX_VALUE
          ? local.prefixScan(Bytes.wrap(new byte[] {Keys.TIMER}), BYTES)
          : local.range(Keys.timersAfter(Long.MIN_VALUE), Keys.timersAfter(up + 1))) {
        while (it.hasNext() && out.size() < n) {
          byte[] k = it.next().key.get();
          long due = Keys.timerDue(k);
          if (due > up) {
            break;
          }
          out.add(new Due(Keys.instant(due), CustomerId.of(Keys.timerCustomer(k))));
        }
      }
      if (dueBudget > 0) {
        dueBudget -= out.size();
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long size() {
    lock.lock();
    try {
      return total(Keys.SIZE_KEY);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void add(String counter, long delta) {
    lock.lock();
    try {
      addCounter(counter, delta);
      localChanges.incrementAndGet();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long counter(String counter) {
    lock.lock();
    try {
      return total(Keys.text(Keys.COUNTER, counter));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Map<String, Long> counters(String prefix) {
    lock.lock();
    try {
      TreeMap<String, Long> out = new TreeMap<>();
      Bytes p = Keys.prefix(Keys.COUNTER, prefix);
      scan(p, (key, value) -> out.merge(Keys.textOf(key), longOf(value), Long::sum));
      out.values().removeIf(v -> v == 0);
      return out;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<Cell> series(String series) {
    lock.lock();
    try {
      return cells(series);
    } finally {
      lock.unlock();
    }
  }

  private List<Cell> cells(String series) {
    TreeMap<Long, long[]> sums = new TreeMap<>();
    TreeMap<Long, double[]> means = new TreeMap<>();
    scan(Keys.text(Keys.CELL, series), (key, value) -> {
      long bucket = Keys.bucket(key);
      ByteBuffer b = ByteBuffer.wrap(value);
      long[] n = sums.computeIfAbsent(bucket, x -> new long[3]);
      n[0] += b.getLong();
      n[1] += b.getLong();
      n[2] += b.getLong();
      means.computeIfAbsent(bucket, x -> new double[1])[0] += b.getDouble();
    });
    List<Cell> out = new ArrayList<>(sums.size());
    sums.forEach((bucket, n) -> out.add(new Cell(bucket, n[0], n[1], n[2],
        means.get(bucket)[0])));
    return out;
  }

  @Override
  public List<String> seriesKeys(String prefix) {
    lock.lock();
    try {
      return keysOfSeries(prefix);
    } finally {
      lock.unlock();
    }
  }

  private List<String> keysOfSeries(String prefix) {
    TreeSet<String> out = new TreeSet<>();
    scan(Keys.prefix(Keys.SERIES, prefix), (key, value) -> out.add(Keys.textOf(key)));
    return new ArrayList<>(out);
  }

  @Override
  public long measures(String prefix, BiConsumer<String, List<Cell>> each) {
    lock.lock();
    try {
      for (String key : keysOfSeries(prefix)) {
        each.accept(key, cells(key));
      }
      return changes();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void prune(String series, long beforeBucket) {
    lock.lock();
    try {
      List<Bytes> gone = new ArrayList<>();
      try (KeyValueIterator<Bytes, byte[]> it = local.range(Keys.cell(series, Long.MIN_VALUE),
          Keys.cell(series, beforeBucket))) {
        while (it.hasNext()) {
          Bytes k = it.next().key;
          if (Keys.bucket(k.get()) < beforeBucket) {
            gone.add(k);
          }
        }
      }
      for (Bytes k : gone) {
        local.delete(k);
        mark(k);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public <V> Optional<Versioned<V>> shared(String key, Codec<V> codec) {
    lock.lock();
    try {
      byte[] latest = latestShared(key);
      if (latest == null) {
        return Optional.empty();
      }
      ByteBuffer b = ByteBuffer.wrap(latest);
      long version = b.getLong();
      byte[] bytes = new byte[latest.length - 8];
      b.get(bytes);
      return Optional.of(new Versioned<>(codec.decode(bytes), version));
    } finally {
      lock.unlock();
    }
  }

  /** The shared value of the highest version any partition holds (ties: higher partition). */
  private byte[] latestShared(String key) {
    Bytes k = Keys.text(Keys.SHARED, key);
    byte[] best = local.get(k);
    int bestPartition = partition;
    if (global != null) {
      try (KeyValueIterator<Bytes, byte[]> it = global.prefixScan(k, BYTES)) {
        while (it.hasNext()) {
          KeyValue<Bytes, byte[]> kv = it.next();
          int p = Keys.partitionOf(kv.key.get());
          if (p == partition || kv.value == null) {
            continue;
          }
          long v = ByteBuffer.wrap(kv.value).getLong();
          long bestVersion = best == null ? 0 : ByteBuffer.wrap(best).getLong();
          if (v > bestVersion || v == bestVersion && p > bestPartition) {
            best = kv.value;
            bestPartition = p;
          }
        }
      }
    }
    return best;
  }

  @Override
  public <V> boolean putShared(String key, V value, Codec<V> codec, long expectedVersion) {
    lock.lock();
    try {
      byte[] latest = latestShared(key);
      long version = latest == null ? 0 : ByteBuffer.wrap(latest).getLong();
      if (version != expectedVersion) {
        return false;
      }
      byte[] bytes = codec.encode(value);
      Bytes k = Keys.text(Keys.SHARED, key);
      local.put(k, ByteBuffer.allocate(8 + bytes.length).putLong(version + 1).put(bytes)
          .array());
      mark(k);
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public <D> List<D> undelivered(Codec<D> codec, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("undelivered(codec, limit): limit is " + limit
          + "; give 1 or more");
    }
    lock.lock();
    try {
      List<D> out = new ArrayList<>();
      try (KeyValueIterator<Bytes, byte[]> it = local.prefixScan(
          Bytes.wrap(new byte[] {Keys.OUTBOX}), BYTES)) {
        while (it.hasNext() && out.size() < limit) {
          ByteBuffer b = ByteBuffer.wrap(it.next().value);
          b.position(4 + b.getInt());
          byte[] bytes = new byte[b.remaining()];
          b.get(bytes);
          out.add(codec.decode(bytes));
        }
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void delivered(String dispatchId) {
    lock.lock();
    try {
      Bytes index = Keys.text(Keys.OUTBOX_ID, dispatchId);
      byte[] seq = local.get(index);
      if (seq != null) {
        local.delete(Keys.outbox(ByteBuffer.wrap(seq).getLong()));
        local.delete(index);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long changes() {
    return localChanges.get() + remoteChanges;
  }

  // ------------------------------------------------------------------ helpers

  /** A number of this partition's plus the same number as the other partitions published it. */
  private long total(Bytes key) {
    long n = longOf(local.get(key));
    if (global != null) {
      try (KeyValueIterator<Bytes, byte[]> it = global.prefixScan(key, BYTES)) {
        while (it.hasNext()) {
          KeyValue<Bytes, byte[]> kv = it.next();
          if (Keys.partitionOf(kv.key.get()) != partition) {
            n += longOf(kv.value);
          }
        }
      }
    }
    return n;
  }

  /** Reads a prefix locally and, from the other partitions, globally. */
  private void scan(Bytes prefix, BiConsumer<byte[], byte[]> each) {
    try (KeyValueIterator<Bytes, byte[]> it = local.prefixScan(prefix, BYTES)) {
      while (it.hasNext()) {
        KeyValue<Bytes, byte[]> kv = it.next();
        each.accept(kv.key.get(), kv.value);
      }
    }
    if (global != null) {
      try (KeyValueIterator<Bytes, byte[]> it = global.prefixScan(prefix, BYTES)) {
        while (it.hasNext()) {
          KeyValue<Bytes, byte[]> kv = it.next();
          if (kv.value != null && Keys.partitionOf(kv.key.get()) != partition) {
            each.accept(kv.key.get(), kv.value);
          }
        }
      }
    }
  }

  private void addCounter(String counter, long delta) {
    Bytes k = Keys.text(Keys.COUNTER, counter);
    long n = longOf(local.get(k)) + delta;
    if (n == 0) {
      local.delete(k);
    } else {
      local.put(k, ByteBuffer.allocate(8).putLong(n).array());
    }
    mark(k);
  }

  private void addCell(String series, Cell c) {
    Bytes k = Keys.cell(series, c.bucket());
    byte[] v = local.get(k);
    long num = c.num();
    long num2 = c.num2();
    long den = c.den();
    double sum = c.sum();
    if (v != null) {
      ByteBuffer b = ByteBuffer.wrap(v);
      num += b.getLong();
      num2 += b.getLong();
      den += b.getLong();
      sum += b.getDouble();
    } else {
      Bytes name = Keys.text(Keys.SERIES, series);
      if (local.get(name) == null) {
        local.put(name, EMPTY);
        mark(name);
      }
    }
    local.put(k, ByteBuffer.allocate(32).putLong(num).putLong(num2).putLong(den).putDouble(sum)
        .array());
    mark(k);
  }

  private void addSize(long delta) {
    long n = longOf(local.get(Keys.SIZE_KEY)) + delta;
    local.put(Keys.SIZE_KEY, ByteBuffer.allocate(8).putLong(n).array());
    mark(Keys.SIZE_KEY);
  }

  private void mark(Bytes key) {
    if (marked.add(key)) {
      local.put(Keys.dirty(key), EMPTY);
    }
  }

  private static long longOf(byte[] v) {
    return v == null ? 0 : ByteBuffer.wrap(v).getLong();
  }

  private static long clampedNanos(Instant t) {
    try {
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    } catch (ArithmeticException overflow) {
      return t.getEpochSecond() < 0 ? Long.MIN_VALUE + 1 : Long.MAX_VALUE;
    }
  }

  /** One transaction on one customer; holds the store's lock from begin to close. */
  private final class Tx implements Transaction {
    private final CustomerId customer;
    private final Bytes recordKey;
    private boolean readDone;
    private long readVersion;
    private byte[] written;
    private long nextDue = NONE;
    private boolean delete;
    private List<String> counterKeys;
    private List<Long> counterDeltas;
    private List<String> seriesKeys;
    private List<Cell> cells;
    private List<String> enqueuedIds;
    private List<byte[]> enqueued;
    private boolean open = true;
    private boolean locked = true;

    Tx(CustomerId customer) {
      this.customer = customer;
      this.recordKey = Keys.text(Keys.RECORD, customer.value());
    }

    @Override
    public CustomerId customer() {
      return customer;
    }

    @Override
    public <R> Optional<Versioned<R>> read(Codec<R> codec) {
      checkOpen();
      byte[] v = local.get(recordKey);
      readDone = true;
      if (v == null) {
        readVersion = 0;
        return Optional.empty();
      }
      ByteBuffer b = ByteBuffer.wrap(v);
      readVersion = b.getLong();
      b.getLong();
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      return Optional.of(new Versioned<>(codec.decode(bytes), readVersion));
    }

    @Override
    public <R> void write(R record, Codec<R> codec, Optional<Instant> due) {
      checkOpen();
      written = codec.encode(record);
      delete = false;
      nextDue = due.isPresent() ? clampedNanos(due.get()) : NONE;
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
        counterKeys = new ArrayList<>();
        counterDeltas = new ArrayList<>();
      }
      counterKeys.add(counter);
      counterDeltas.add(delta);
    }

    @Override
    public void add(String series, Cell cell) {
      checkOpen();
      if (seriesKeys == null) {
        seriesKeys = new ArrayList<>();
        cells = new ArrayList<>();
      }
      seriesKeys.add(series);
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
      enqueued.add(codec.encode(dispatch));
    }

    @Override
    public long commit() {
      checkOpen();
      byte[] current = local.get(recordKey);
      long currentVersion = current == null ? 0 : ByteBuffer.wrap(current).getLong();
      if (readDone && currentVersion != readVersion) {
        throw new ConflictException("customer '" + customer + "': the record changed since "
            + "it was read");
      }
      long currentDue = current == null ? NONE : ByteBuffer.wrap(current).getLong(8);
      if (delete) {
        if (current != null) {
          local.delete(recordKey);
          if (currentDue != NONE) {
            local.delete(Keys.timer(currentDue, customer.value()));
          }
          addSize(-1);
        }
      } else if (written != null) {
        local.put(recordKey, ByteBuffer.allocate(16 + written.length).putLong(currentVersion + 1)
            .putLong(nextDue).put(written).array());
        if (currentDue != nextDue) {
          if (currentDue != NONE) {
            local.delete(Keys.timer(currentDue, customer.value()));
          }
          if (nextDue != NONE) {
            local.put(Keys.timer(nextDue, customer.value()), EMPTY);
          }
        }
        if (current == null) {
          addSize(1);
        }
      }
      if (enqueued != null) {
        long seq = longOf(local.get(Keys.SEQUENCE_KEY));
        for (int i = 0; i < enqueued.size(); i++) {
          byte[] id = enqueuedIds.get(i).getBytes(StandardCharsets.UTF_8);
          seq++;
          local.put(Keys.outbox(seq), ByteBuffer.allocate(4 + id.length + enqueued.get(i).length)
              .putInt(id.length).put(id).put(enqueued.get(i)).array());
          local.put(Keys.text(Keys.OUTBOX_ID, enqueuedIds.get(i)),
              ByteBuffer.allocate(8).putLong(seq).array());
        }
        local.put(Keys.SEQUENCE_KEY, ByteBuffer.allocate(8).putLong(seq).array());
      }
      open = false;
      if (counterKeys == null && seriesKeys == null) {
        return changes();
      }
      if (counterKeys != null) {
        for (int i = 0; i < counterKeys.size(); i++) {
          addCounter(counterKeys.get(i), counterDeltas.get(i));
        }
      }
      if (seriesKeys != null) {
        for (int i = 0; i < seriesKeys.size(); i++) {
          addCell(seriesKeys.get(i), cells.get(i));
        }
      }
      localChanges.incrementAndGet();
      return changes();
    }

    @Override
    public void close() {
      open = false;
      if (locked) {
        locked = false;
        lock.unlock();
      }
    }

    private void checkOpen() {
      if (!open) {
        throw new IllegalStateException("Kafka Streams task store: the transaction of customer '"
            + customer + "' is already committed or closed; begin another");
      }
    }
  }
}
