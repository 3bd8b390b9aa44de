package dev.rapport.store.jdbc;

import static dev.rapport.store.jdbc.Tallies.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.core.CustomerId;
import dev.rapport.core.engine.StateStore;
import dev.rapport.store.jdbc.Tallies.Tally;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A batch closed while other threads are in the middle of calls: what they commit afterwards is
 * written (outside batches), and a closed batch commits nothing on a connection it gave back;
 * and the stamp a batch's measures are read with covers exactly the commits in what was read.
 */
class BatchReviewTest {
  /** Holds the encoding of a tally of {@link #blockAt} calls until it is let go. */
  private static final class BlockingCodec extends Tallies.TallyCodec {
    volatile int blockAt = -1;
    final CountDownLatch encoding = new CountDownLatch(1);
    final CountDownLatch proceed = new CountDownLatch(1);

    @Override
    void encoding(Tally value) {
      if (value.calls == blockAt) {
        encoding.countDown();
        try {
          if (!proceed.await(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("not let go");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
  }

  private final BlockingCodec codec = new BlockingCodec();

  /** One call: reads the customer's tally (or starts one), counts itself in it, commits. */
  private void call(StateStore store, String customer) {
    Tallies.call(store, codec, customer);
  }

  /** Waits until a thread waits (for a lock or a condition), without sleeping a fixed time. */
  private static void awaitWaiting(Thread t) {
    while (t.getState() != Thread.State.WAITING) {
      if (!t.isAlive()) {
        throw new AssertionError(t.getName() + " ended instead of waiting");
      }
      Thread.onSpinWait();
    }
  }

  @Test
  void a_call_whose_commit_began_before_another_thread_closed_the_batch_is_written()
      throws Exception {
    DataSource ds = Databases.h2(Databases.h2Url());
    try (JdbcStateStore store = JdbcStateStore.builder(ds).createSchema().build()) {
      JdbcStateStore.Batch batch = store.batch(1_000);
      ExecutorService other = Executors.newSingleThreadExecutor();
      try {
        call(store, "bob");
        other.submit(() -> call(store, "cy")).get(1, TimeUnit.MINUTES);
        // calls came from two threads: each call now encodes its record at its commit, after it
        // looked the batch up and before it takes the batch's lock
        codec.blockAt = 7;
        Future<?> ada = other.submit(() -> {
          try (StateStore.Transaction tx = store.begin(CustomerId.of("ada"))) {
            Tally t = tx.read(codec).map(StateStore.Versioned::value).orElseGet(Tally::new);
            t.calls = 7;
            tx.write(t, codec, Optional.empty());
            tx.commit();
          }
        });
        assertThat(codec.encoding.await(1, TimeUnit.MINUTES)).isTrue();
        batch.close(); // ada's record is new to the batch, not changed in it: nothing to wait for
        codec.proceed.countDown();
        ada.get(1, TimeUnit.MINUTES);
      } finally {
        other.shutdownNow();
      }
      assertThat(stored(ds, "bob")).isEqualTo(1);
      assertThat(stored(ds, "cy")).isEqualTo(1);
      assertThat(stored(ds, "ada")).as("the call that committed after the close").isEqualTo(7);
      call(store, "ada");
      assertThat(stored(ds, "ada")).isEqualTo(8);
    }
  }

  @Test
  void a_closed_batch_refuses_to_commit() {
    DataSource ds = Databases.h2(Databases.h2Url());
    try (JdbcStateStore store = JdbcStateStore.builder(ds).createSchema().build()) {
      JdbcStateStore.Batch batch = store.batch(1_000);
      call(store, "ada");
      batch.close();
      assertThatThrownBy(batch::commit).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("the batch is closed");
      batch.close(); // closing again does nothing
      assertThat(batch.committed()).isEqualTo(1);
      assertThat(stored(ds, "ada")).isEqualTo(1);
    }
  }

  @Test
  void a_commit_that_waited_while_the_batch_was_closed_refuses_to_commit() throws Exception {
    DataSource ds = Databases.h2(Databases.h2Url());
    try (JdbcStateStore store = JdbcStateStore.builder(ds).createSchema().build()) {
      JdbcStateStore.Batch batch = store.batch(1_000);
      call(store, "ada"); // ada's record is now newer than its bytes
      List<Throwable> closing = new ArrayList<>();
      List<Object> committing = new ArrayList<>();
      Thread closer = new Thread(() -> {
        try {
          batch.close();
        } catch (Throwable t) {
          closing.add(t);
        }
      }, "closer");
      Thread committer = new Thread(() -> {
        try {
          committing.add(batch.commit());
        } catch (Throwable t) {
          committing.add(t);
        }
      }, "committer");
      try (StateStore.Transaction tx = store.begin(CustomerId.of("ada"))) {
        Tally t = tx.read(codec).orElseThrow().value();
        t.calls = 1_000; // half-changed: the close and the commit wait for this call to end
        closer.start();
        awaitWaiting(closer);
        committer.start();
        awaitWaiting(committer);
        t.calls = 2;
        tx.write(t, codec, Optional.empty());
        tx.commit(); // lets both go: the close first, which waited first
      }
      closer.join(TimeUnit.MINUTES.toMillis(1));
      committer.join(TimeUnit.MINUTES.toMillis(1));
      assertThat(closing).isEmpty();
      assertThat(committing).singleElement().isInstanceOf(IllegalStateException.class)
          .extracting(c -> ((Throwable) c).getMessage()).asString()
          .contains("the batch is closed");
      assertThat(batch.committed()).isEqualTo(2);
      assertThat(stored(ds, "ada")).isEqualTo(2);
    }
  }

  @Test
  void a_batchs_measures_are_read_with_the_stamp_of_exactly_the_commits_in_them()
      throws Exception {
    DataSource ds = Databases.h2(Databases.h2Url());
    int writers = 2;
    int callsEach = 3_000;
    ConcurrentLinkedQueue<Long> stamps = new ConcurrentLinkedQueue<>();
    List<long[]> reads = new ArrayList<>(); // stamp, then how many cells' numerators were read
    try (JdbcStateStore store = JdbcStateStore.builder(ds).createSchema().build()) {
      JdbcStateStore.Batch batch = store.batch(500);
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      try {
        List<Future<?>> work = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          int me = w;
          work.add(pool.submit(() -> {
            for (int i = 0; i < callsEach; i++) {
              try (StateStore.Transaction tx = store.begin(CustomerId.of("c-" + me))) {
                tx.add("m/x", new StateStore.Cell(0, 1, 0, 1, 0));
                stamps.add(tx.commit());
              }
            }
          }));
        }
        boolean last = false;
        while (!last) {
          last = work.stream().allMatch(Future::isDone); // and one read after the last commit
          long[] read = new long[2];
          read[0] = store.measures("m/", (key, cells) -> cells.forEach(c -> read[1] += c.num()));
          reads.add(read);
        }
        for (Future<?> f : work) {
          f.get(1, TimeUnit.MINUTES);
        }
      } finally {
        pool.shutdownNow();
      }
      batch.close();
    }
    long[] sorted = stamps.stream().mapToLong(Long::longValue).sorted().toArray();
    assertThat(sorted).hasSize(writers * callsEach).doesNotHaveDuplicates();
    for (long[] read : reads) {
      int at = java.util.Arrays.binarySearch(sorted, read[0]);
      long covered = at >= 0 ? at + 1 : -at - 1; // the commits whose stamp is at most the read's
      assertThat(read[1]).as("cells read with stamp %d", read[0]).isEqualTo(covered);
    }
    assertThat(reads.get(reads.size() - 1)[1]).isEqualTo(writers * callsEach);
  }
}
