package dev.rapport.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.core.CustomerId;
import dev.rapport.core.engine.Codec;
import dev.rapport.core.engine.StateStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The contract every {@link StateStore} must keep, as checks that any store implementation runs
 * in its own tests: records with versions, transactions that commit all or nothing, the due-timer
 * index, counters, series and shared values, and what many threads may do at once.
 *
 * <p>The checks need no test framework: each is a named {@link Runnable} that throws an {@code
 * AssertionError} when the store breaks the contract. With JUnit 5, run them as dynamic tests:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> keeps_the_state_store_contract() {
 *   return StateStoreContract.of(MyStore::new).checks().stream()
 *       .map(c -> DynamicTest.dynamicTest(c.name(), c::run));
 * }
 * }</pre>
 *
 * <p>or all at once with {@link #verify()}. Every check gets a new, empty store from the
 * supplier. A store that several processes share (a database) also says how to open a second
 * handle on the same data ({@link #withSecondHandle}), and the contract then checks that a
 * commit based on a stale read fails with a {@link StateStore.ConflictException}.
 */
public final class StateStoreContract {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final CustomerId ADA = CustomerId.of("ada");
  private static final CustomerId BOB = CustomerId.of("bob");
  private static final CustomerId CY = CustomerId.of("cy");

  /** The records of the checks: strings, encoded with a format version like Rapport's own. */
  static final Codec<String> TEXT = new Codec<>() {
    @Override
    public byte[] encode(String value) {
      byte[] text = value.getBytes(StandardCharsets.UTF_8);
      byte[] out = new byte[text.length + 1];
      out[0] = 1;
      System.arraycopy(text, 0, out, 1, text.length);
      return out;
    }

    @Override
    public String decode(byte[] bytes) {
      if (bytes.length == 0 || bytes[0] != 1) {
        throw new CodecException("contract record: not of format 1");
      }
      return new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
    }
  };

  private final Supplier<StateStore> stores;
  private final Function<StateStore, StateStore> secondHandle;

  private StateStoreContract(Supplier<StateStore> stores,
      Function<StateStore, StateStore> secondHandle) {
    this.stores = stores;
    this.secondHandle = secondHandle;
  }

  /**
   * Starts the contract for a store implementation.
   *
   * @param newStore makes a new, empty store for each check
   * @return the contract
   * @throws IllegalArgumentException if null
   */
  public static StateStoreContract of(Supplier<StateStore> newStore) {
    if (newStore == null) {
      throw new IllegalArgumentException("StateStoreContract.of(newStore): newStore is null; "
          + "give a supplier of new, empty stores, such as MyStore::new");
    }
    return new StateStoreContract(newStore, null);
  }

  /**
   * Returns a copy that also checks optimistic versions across handles: for a store that
   * several processes share, a second handle on the same data (another connection, say).
   *
   * @param secondHandle opens another handle on the data of the store it is given
   * @return the new contract
   * @throws IllegalArgumentException if null
   */
  public StateStoreContract withSecondHandle(Function<StateStore, StateStore> secondHandle) {
    if (secondHandle == null) {
      throw new IllegalArgumentException("withSecondHandle(secondHandle): secondHandle is null; "
          + "give a function that opens another handle on the same data");
    }
    return new StateStoreContract(stores, secondHandle);
  }

  /**
   * One check of the contract.
   *
   * @param name what it checks, as a sentence
   * @param body the check; throws an {@code AssertionError} when the store breaks the contract
   */
  public record Check(String name, Runnable body) implements Runnable {
    /** Runs the check. */
    @Override
    public void run() {
      body.run();
    }
  }

  /**
   * Returns every check of the contract.
   *
   * @return the checks, in a stable order
   */
  public List<Check> checks() {
    List<Check> all = new ArrayList<>();
    all.add(new Check("an unknown customer has no record", this::unknownCustomer));
    all.add(new Check("a committed record reads back with version 1, then 2",
        this::recordsAndVersions));
    all.add(new Check("a transaction closed without commit leaves nothing",
        this::closeWithoutCommit));
    all.add(new Check("a deleted record is gone, with its timers", this::delete));
    all.add(new Check("due timers come earliest first, ties by customer id, each once",
        this::dueOrder));
    all.add(new Check("a timer moved later, earlier or away is due at its new time only",
        this::dueMoves));
    all.add(new Check("counters add up, in calls and directly, and list by prefix",
        this::counters));
    all.add(new Check("series add up per bucket, list sorted and prune", this::series));
    all.add(new Check("shared values are written only over the version read",
        this::sharedValues));
    all.add(new Check("the change stamp grows with each commit that adds measures",
        this::changes));
    all.add(new Check("the outbox keeps committed dispatches, oldest first, until delivered",
        this::outbox));
    all.add(new Check("concurrent calls lose no update of a record or a counter",
        this::concurrency));
    if (secondHandle != null) {
      all.add(new Check("a commit over a stale read fails with a conflict", this::conflict));
    }
    return List.copyOf(all);
  }

  /**
   * Runs every check, and fails with the names and messages of those that fail.
   *
   * @throws AssertionError if the store breaks the contract
   */
  public void verify() {
    List<String> failures = new ArrayList<>();
    for (Check c : checks()) {
      try {
        c.run();
      } catch (AssertionError | RuntimeException e) {
        failures.add(c.name() + ": " + e.getMessage());
      }
    }
    if (!failures.isEmpty()) {
      throw new AssertionError("the store breaks " + failures.size() + " check"
          + (failures.size() == 1 ? "" : "s") + " of the state store contract:\n  - "
          + String.join("\n  - ", failures));
    }
  }

  // ------------------------------------------------------------------ the checks

  private StateStore store() {
    StateStore s = stores.get();
    assertThat(s).as("the supplier's store").isNotNull();
    assertThat(s.size()).as("a new store's size").isZero();
    return s;
  }

  private static void write(StateStore store, CustomerId id, String record, Instant due) {
    try (StateStore.Transaction tx = store.begin(id)) {
      tx.read(TEXT);
      tx.write(record, TEXT, Optional.ofNullable(due));
      tx.commit();
    }
  }

  private static Optional<StateStore.Versioned<String>> read(StateStore store, CustomerId id) {
    try (StateStore.Transaction tx = store.begin(id)) {
      return tx.read(TEXT);
    }
  }

  private void unknownCustomer() {
    StateStore store = store();
    assertThat(read(store, ADA)).as("record of a customer never written").isEmpty();
    assertThat(store.due(T0.plusSeconds(3600 * 24 * 365L), 10)).as("due timers").isEmpty();
  }

  private void recordsAndVersions() {
    StateStore store = store();
    write(store, ADA, "first", null);
    Optional<StateStore.Versioned<String>> one = read(store, ADA);
    assertThat(one).as("record after the first commit").isPresent();
    assertThat(one.get().value()).isEqualTo("first");
    assertThat(one.get().version()).as("version after the first commit").isEqualTo(1);
    write(store, ADA, "second", null);
    assertThat(read(store, ADA).orElseThrow().value()).isEqualTo("second");
    assertThat(read(store, ADA).orElseThrow().version()).as("version after the second commit")
        .isEqualTo(2);
    assertThat(store.size()).isEqualTo(1);
  }

  private void closeWithoutCommit() {
    StateStore store = store();
    write(store, ADA, "kept", null);
    long stamp = store.changes();
    try (StateStore.Transaction tx = store.begin(ADA)) {
      tx.read(TEXT);
      tx.write("lost", TEXT, Optional.of(T0));
      tx.add("contract/counter", 5);
      tx.add("contract/series", new StateStore.Cell(1, 1, 0, 1, 2.0));
    }
    assertThat(read(store, ADA).orElseThrow().value()).as("record").isEqualTo("kept");
    assertThat(read(store, ADA).orElseThrow().version()).as("version").isEqualTo(1);
    assertThat(store.counter("contract/counter")).as("counter").isZero();
    assertThat(store.series("contract/series")).as("series").isEmpty();
    assertThat(store.due(T0.plusSeconds(60), 10)).as("due timers").isEmpty();
    assertThat(store.changes()).as("change stamp").isEqualTo(stamp);
  }

  private void delete() {
    StateStore store = store();
    write(store, ADA, "ada", T0);
    write(store, BOB, "bob", T0);
    try (StateStore.Transaction tx = store.begin(ADA)) {
      tx.read(TEXT);
      tx.delete();
      tx.commit();
    }
    assertThat(read(store, ADA)).as("deleted record").isEmpty();
    assertThat(store.size()).isEqualTo(1);
    assertThat(store.due(T0, 10)).extracting(StateStore.Due::customer).containsExactly(BOB);
    write(store, ADA, "again", null);
    assertThat(read(store, ADA).orElseThrow().version()).as("version of a record written "
        + "again after a delete").isEqualTo(1);
  }

  private void dueOrder() {
    StateStore store = store();
    write(store, CY, "cy", T0.plusSeconds(10));
    write(store, BOB, "bob", T0);
    write(store, ADA, "ada", T0);
    write(store, CustomerId.of("dee"), "dee", T0.plusSeconds(3600));
    write(store, CustomerId.of("eve"), "eve", null);
    assertThat(store.due(T0.plusSeconds(60), 10))
        .containsExactly(new StateStore.Due(T0, ADA), new StateStore.Due(T0, BOB),
            new StateStore.Due(T0.plusSeconds(10), CY));
    assertThat(store.due(T0.plusSeconds(60), 2)).as("at most the limit")
        .containsExactly(new StateStore.Due(T0, ADA), new StateStore.Due(T0, BOB));
    assertThat(store.due(T0.minusNanos(1), 10)).as("nothing due before the first").isEmpty();
    assertThat(store.due(T0, 10)).as("a timer at the instant asked is due").hasSize(2);
  }

  private void dueMoves() {
    StateStore store = store();
    write(store, ADA, "ada", T0);
    write(store, ADA, "later", T0.plusSeconds(100));
    assertThat(store.due(T0.plusSeconds(50), 10)).as("moved later").isEmpty();
    assertThat(store.due(T0.plusSeconds(100), 10))
        .containsExactly(new StateStore.Due(T0.plusSeconds(100), ADA));
    write(store, ADA, "earlier", T0.minusSeconds(100));
    assertThat(store.due(T0.plusSeconds(100), 10)).as("moved earlier")
        .containsExactly(new StateStore.Due(T0.minusSeconds(100), ADA));
    write(store, ADA, "same", T0.minusSeconds(100));
    assertThat(store.due(T0.plusSeconds(100), 10)).as("written again with the same time")
        .containsExactly(new StateStore.Due(T0.minusSeconds(100), ADA));
    assertThat(store.due(T0.plusSeconds(100), 10)).as("still due until it moves")
        .containsExactly(new StateStore.Due(T0.minusSeconds(100), ADA));
    write(store, ADA, "none", null);
    assertThat(store.due(T0.plusSeconds(1000), 10)).as("no timer left").isEmpty();
  }

  private void counters() {
    StateStore store = store();
    assertThat(store.counter("contract/a")).as("a counter never written").isZero();
    try (StateStore.Transaction tx = store.begin(ADA)) {
      tx.read(TEXT);
      tx.add("contract/a", 2);
      tx.add("contract/a", 3);
      tx.add("contract/b", -4);
      tx.commit();
    }
    store.add("contract/a", 10);
    store.add("other/c", 1);
    assertThat(store.counter("contract/a")).isEqualTo(15);
    assertThat(store.counter("contract/b")).isEqualTo(-4);
    assertThat(store.counters("contract/"))
        .containsExactly(Map.entry("contract/a", 15L), Map.entry("contract/b", -4L));
    store.add("contract/b", 4);
    assertThat(store.counters("contract/")).as("a counter back at zero is left out")
        .containsOnlyKeys("contract/a");
  }

  private void series() {
    StateStore store = store();
    try (StateStore.Transaction tx = store.begin(ADA)) {
      tx.read(TEXT);
      tx.add("contract/s", new StateStore.Cell(20, 1, 0, 1, 2.5));
      tx.add("contract/s", new StateStore.Cell(10, 0, 1, 1, 1.0));
      tx.add("contract/s", new StateStore.Cell(20, 1, 1, 1, 0.5));
      tx.add("contract/t", new StateStore.Cell(0, 0, 0, 1, 0));
      tx.commit();
    }
    assertThat(store.series("contract/s")).containsExactly(
        new StateStore.Cell(10, 0, 1, 1, 1.0), new StateStore.Cell(20, 2, 1, 2, 3.0));
    assertThat(store.seriesKeys("contract/")).containsExactly("contract/s", "contract/t");
    store.prune("contract/s", 20);
    assertThat(store.series("contract/s")).as("pruned before bucket 20")
        .containsExactly(new StateStore.Cell(20, 2, 1, 2, 3.0));
    assertThat(store.series("contract/none")).isEmpty();
    java.util.Map<String, List<StateStore.Cell>> read = new java.util.TreeMap<>();
    long stamp = store.measures("contract/", read::put);
    assertThat(read).as("measures read as of one stamp").containsOnlyKeys("contract/s",
        "contract/t");
    assertThat(read.get("contract/s")).containsExactly(new StateStore.Cell(20, 2, 1, 2, 3.0));
    assertThat(stamp).as("the stamp of that read").isEqualTo(store.changes());
    store.prune("contract/s", 30);
    try (StateStore.Transaction tx = store.begin(ADA)) {
      tx.read(TEXT);
      tx.add("contract/s", new StateStore.Cell(20, 0, 0, 1, 4.0));
      tx.commit();
    }
    assertThat(store.series("contract/s")).as("a bucket pruned, then added to again, holds "
        + "only what came after")
        .containsExactly(new StateStore.Cell(20, 0, 0, 1, 4.0));
  }

  private void sharedValues() {
    StateStore store = store();
    assertThat(store.shared("contract/v", TEXT)).isEmpty();
    assertThat(store.putShared("contract/v", "one", TEXT, 0)).as("first write").isTrue();
    assertThat(store.shared("contract/v", TEXT).orElseThrow())
        .isEqualTo(new StateStore.Versioned<>("one", 1));
    assertThat(store.putShared("contract/v", "two", TEXT, 0)).as("a write over a stale "
        + "version").isFalse();
    assertThat(store.putShared("contract/v", "two", TEXT, 1)).isTrue();
    assertThat(store.shared("contract/v", TEXT).orElseThrow())
        .isEqualTo(new StateStore.Versioned<>("two", 2));
  }

  private void changes() {
    StateStore store = store();
    long before = store.changes();
    long stamp;
    try (StateStore.Transaction tx = store.begin(ADA)) {
      tx.read(TEXT);
      tx.add("contract/a", 1);
      stamp = tx.commit();
    }
    assertThat(stamp).as("the stamp of a commit that added measures").isGreaterThan(before);
    assertThat(store.changes()).isGreaterThanOrEqualTo(stamp);
    long after = store.changes();
    store.add("contract/a", 1);
    assertThat(store.changes()).as("after a direct add").isGreaterThan(after);
  }

  private void outbox() {
    StateStore store = store();
    assertThat(store.undelivered(TEXT, 10)).as("a new store's outbox").isEmpty();
    try (StateStore.Transaction tx = store.begin(ADA)) {
      tx.read(TEXT);
      tx.write("ada", TEXT, Optional.empty());
      tx.enqueue("d-1", "first", TEXT);
      tx.enqueue("d-2", "second", TEXT);
      tx.commit();
    }
    try (StateStore.Transaction tx = store.begin(BOB)) {
      tx.read(TEXT);
      tx.enqueue("d-3", "lost", TEXT);
    }
    try (StateStore.Transaction tx = store.begin(CY)) {
      tx.read(TEXT);
      tx.enqueue("d-4", "third", TEXT);
      tx.commit();
    }
    assertThat(store.undelivered(TEXT, 10)).as("committed, oldest first; the uncommitted one "
        + "is not there").containsExactly("first", "second", "third");
    assertThat(store.undelivered(TEXT, 2)).as("at most the limit")
        .containsExactly("first", "second");
    store.delivered("d-2");
    store.delivered("d-9"); // never enqueued: nothing happens
    assertThat(store.undelivered(TEXT, 10)).containsExactly("first", "third");
  }

  private void concurrency() {
    StateStore store = store();
    int threads = 4;
    int perThread = 200;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int k = 0; k < threads; k++) {
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perThread; i++) {
            for (int attempt = 0; ; attempt++) {
              try (StateStore.Transaction tx = store.begin(ADA)) {
                long n = tx.read(TEXT).map(v -> Long.parseLong(v.value())).orElse(0L);
                tx.write(Long.toString(n + 1), TEXT, Optional.empty());
                tx.add("contract/total", 1);
                tx.commit();
                break;
              } catch (StateStore.ConflictException retry) {
                if (attempt > 10_000) {
                  throw retry;
                }
              }
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new AssertionError("concurrent calls failed: " + e, e);
    } finally {
      pool.shutdownNow();
    }
    assertThat(read(store, ADA).orElseThrow().value()).as("record changed by every call")
        .isEqualTo(Long.toString((long) threads * perThread));
    assertThat(store.counter("contract/total")).isEqualTo((long) threads * perThread);
  }

  private void conflict() {
    StateStore store = store();
    StateStore other = secondHandle.apply(store);
    write(store, ADA, "one", null);
    StateStore.Transaction stale = other.begin(ADA);
    try {
      stale.read(TEXT);
      write(store, ADA, "two", null);
      stale.write("three", TEXT, Optional.empty());
      assertThatThrownBy(stale::commit).as("a commit over a stale read")
          .isInstanceOf(StateStore.ConflictException.class);
    } finally {
      stale.close();
    }
    assertThat(read(store, ADA).orElseThrow().value()).isEqualTo("two");
  }
}
