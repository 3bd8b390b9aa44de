package dev.rapport.core.engine;

import dev.rapport.core.CustomerId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where an engine keeps everything it knows: each customer's record, the index of their due
 * timers, and the engine-wide measures (counters, metric series and shared values). The default,
 * {@link #inMemory()}, keeps it all in the JVM; a durable store (a database, a stream processor's
 * state) implements the same contract, and an engine built on a store that another engine used
 * continues exactly where that one stopped.
 *
 * <p><b>What a store sees.</b> Records and shared values are opaque: the engine hands the store a
 * {@link Codec} with every read and write. A store that keeps values in memory may keep the
 * objects themselves; a durable store writes the codec's bytes and decodes them when it reads
 * them back. Counters and series are plain numbers that only ever grow by additions, so engines
 * that share a store add to them without ever conflicting.
 *
 * <p><b>Transactions.</b> An engine call on a customer runs in one {@link Transaction}: begun
 * for that customer, it reads their record, writes the new record with its next due time, adds
 * to counters and series, and commits, all or nothing. From {@link #begin} to {@link
 * Transaction#close} the caller has the customer to itself within this process (a store
 * serialises transactions on the same customer); across processes, versions are optimistic: a
 * commit whose record was changed by someone else since it was read fails with a {@link
 * ConflictException}, and the engine runs the call again. (A store may instead let transactions
 * on one customer run side by side and fail all but the first commit with a conflict.)
 *
 * <p><b>Timers.</b> Each record is written with the instant of its earliest timer; {@link #due}
 * returns the customers whose timers are due, earliest first.
 *
 * <p><b>Outbox.</b> The dispatches a call makes are enqueued in its transaction and committed
 * with its record; the engine hands them to the host after the commit and marks them delivered.
 * What a crash left undelivered is handed over again when an engine is next built on the store.
 *
 * <p>Implementations must be safe to use from many threads. The contract is checked by the
 * testkit's {@code StateStoreContract}, which every implementation should pass; see the guide's
 * page on extending Rapport for a worked example.
 */
public interface StateStore {

  /**
   * Returns a new store that keeps everything in memory: records as live objects, a primitive
   * heap of due timers, counters and series in concurrent maps. Two engines built on the same
   * in-memory store share their customers and their measures.
   *
   * @return a new, empty in-memory store
   */
  static StateStore inMemory() {
    return new InMemoryStateStore();
  }

  /**
   * Begins the work of one call on one customer. Until the transaction is closed, no other
   * transaction of this process on the same customer can begin (it waits).
   *
   * @param customer the customer
   * @return the transaction, to close in all cases (try-with-resources)
   * @throws StoreException if the store cannot be reached
   */
  Transaction begin(CustomerId customer);

  /**
   * Tells whether one thread may hold two customers' transactions at once (begun in the order of
   * the customers' ids, committed one after the other), as {@link Engine#merge(String, String)}
   * needs. True by default: the in-memory and JDBC stores can. A store whose customers live apart,
   * such as a stream processor's partitions, returns false, and merging there is refused.
   *
   * @return whether two customers can be held at once
   */
  default boolean holdsTwoCustomers() {
    return true;
  }

  /**
   * Returns the customers with a timer due at or before an instant, earliest first; customers
   * due at the same instant in the order of their ids. A customer appears at most once, with
   * their earliest due time.
   *
   * @param upTo the latest due time wanted
   * @param limit the most customers to return, 1 or more
   * @return the customers and their due times
   */
  List<Due> due(Instant upTo, int limit);

  /**
   * Returns how many customers have a record.
   *
   * @return the count
   */
  long size();

  /**
   * Adds to an engine-wide counter at once, outside any call (for a propensity model's counts,
   * for instance). A counter that was never written is zero.
   *
   * @param counter the counter's key
   * @param delta what to add, positive or negative
   */
  void add(String counter, long delta);

  /**
   * Reads a counter.
   *
   * @param counter the counter's key
   * @return its value, zero if never written
   */
  long counter(String counter);

  /**
   * Reads every counter whose key starts with a prefix.
   *
   * @param prefix the prefix, possibly empty
   * @return the counters by key, sorted by key; zero counters may be left out
   */
  Map<String, Long> counters(String prefix);

  /**
   * Reads a series: the cells a metric's window is made of, one per bucket (a second, or one
   * observation), sorted by bucket.
   *
   * @param series the series' key
   * @return its cells, empty if none
   */
  List<Cell> series(String series);

  /**
   * Returns the keys of the series that start with a prefix.
   *
   * @param prefix the prefix, possibly empty
   * @return the keys, sorted
   */
  List<String> seriesKeys(String prefix);

  /**
   * Reads every series whose key starts with a prefix, all as of one instant: what an engine
   * loads its cache of the measures from. The commits whose stamp ({@link Transaction#commit()})
   * is at or below the stamp returned are all in what was read, and none above it.
   *
   * @param prefix the prefix, possibly empty
   * @param each receives each series' key and its cells, sorted by bucket
   * @return the change stamp the read is consistent with
   */
  long measures(String prefix, java.util.function.BiConsumer<String, List<Cell>> each);

  /**
   * Deletes the cells of a series before a bucket: what left a metric's window.
   *
   * @param series the series' key
   * @param beforeBucket the first bucket to keep
   */
  void prune(String series, long beforeBucket);

  /**
   * Reads a shared value, such as a guardrail's state.
   *
   * @param key the key
   * @param codec how the value is written
   * @param <V> its type
   * @return the value and its version, or empty
   */
  <V> Optional<Versioned<V>> shared(String key, Codec<V> codec);

  /**
   * Writes a shared value if its stored version is still the expected one.
   *
   * @param key the key
   * @param value the new value, immutable
   * @param codec how it is written
   * @param expectedVersion the version read, or 0 if there was none
   * @param <V> its type
   * @return whether it was written (false: someone else wrote it since it was read)
   */
  <V> boolean putShared(String key, V value, Codec<V> codec, long expectedVersion);

  /**
   * Returns the oldest dispatches of the outbox that were committed but not yet marked delivered:
   * after a crash, those the host may not have received. The engine hands them over again when
   * it is built, with their stable ids, so that a host that deduplicates by id sees each once.
   *
   * @param codec how dispatches are written
   * @param limit the most to return, 1 or more
   * @param <D> their type
   * @return the dispatches, oldest first
   */
  <D> List<D> undelivered(Codec<D> codec, int limit);

  /**
   * Marks a dispatch of the outbox as handed over to the host: it leaves the outbox.
   *
   * @param dispatchId the dispatch's id
   */
  void delivered(String dispatchId);

  /**
   * Returns a number that grows whenever counters or series change: lets an engine that keeps a
   * cache of the measures know when another engine sharing the store has written to them.
   *
   * @return the change stamp
   */
  long changes();

  /** The work of one engine call on one customer, committed all or nothing. */
  interface Transaction extends AutoCloseable {
    /**
     * Returns the customer this transaction is for.
     *
     * @return the customer
     */
    CustomerId customer();

    /**
     * Reads the customer's record.
     *
     * @param codec how it is written
     * @param <R> its type
     * @return the record and its version, or empty for a customer with no record
     */
    <R> Optional<Versioned<R>> read(Codec<R> codec);

    /**
     * Writes the customer's record, applied on commit.
     *
     * @param record the record
     * @param codec how it is written
     * @param nextDue the instant of its earliest timer, if any
     * @param <R> its type
     */
    <R> void write(R record, Codec<R> codec, Optional<Instant> nextDue);

    /** Deletes the customer's record, and their due timers, on commit. */
    void delete();

    /**
     * Adds to a counter, on commit.
     *
     * @param counter the counter's key
     * @param delta what to add
     */
    void add(String counter, long delta);

    /**
     * Adds to a cell of a series, on commit: each of the cell's numbers is added to the stored
     * cell of the same bucket.
     *
     * @param series the series' key
     * @param cell what to add
     */
    void add(String series, Cell cell);

    /**
     * Puts a dispatch in the outbox, on commit: it stays there, with the record that made it,
     * until {@link StateStore#delivered} marks it handed over.
     *
     * @param dispatchId the dispatch's stable id
     * @param dispatch the dispatch
     * @param codec how it is written
     * @param <D> its type
     */
    <D> void enqueue(String dispatchId, D dispatch, Codec<D> codec);

    /**
     * Commits everything written and added since the transaction began.
     *
     * @return the store's change stamp ({@link StateStore#changes()}) once this commit's
     *     counters and series are in, or the stamp before it if it added none
     * @throws ConflictException if the record was changed by someone else since it was read
     * @throws StoreException if the store failed; nothing was committed
     */
    long commit();

    /** Ends the transaction; without a commit, nothing it wrote or added is kept. */
    @Override
    void close();
  }

  /**
   * A value and the version it was stored with.
   *
   * @param value the value
   * @param version its version, 1 or more
   * @param <T> its type
   */
  record Versioned<T>(T value, long version) {}

  /**
   * A customer with a timer due.
   *
   * @param at when
   * @param customer who
   */
  record Due(Instant at, CustomerId customer) implements Comparable<Due> {
    @Override
    public int compareTo(Due other) {
      int c = at.compareTo(other.at);
      return c != 0 ? c : customer.compareTo(other.customer);
    }
  }

  /**
   * One bucket of a series: a metric's numerators, denominator and sum over one second (or one
   * observation).
   *
   * @param bucket the bucket: epoch second, or observation time in milliseconds
   * @param num the numerator (hits)
   * @param num2 the second numerator (detractors of a net share)
   * @param den the denominator (observations)
   * @param sum the sum of observed values (for means)
   */
  record Cell(long bucket, long num, long num2, long den, double sum) {}

  /** A commit that lost a race: the record changed since it was read. */
  final class ConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes the exception.
     *
     * @param message what conflicted
     */
    public ConflictException(String message) {
      super(message);
    }
  }

  /** A store that failed: unreachable, or holding data it cannot read. */
  final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes the exception.
     *
     * @param message what failed, where, and what to do
     * @param cause the underlying failure
     */
    public StoreException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
