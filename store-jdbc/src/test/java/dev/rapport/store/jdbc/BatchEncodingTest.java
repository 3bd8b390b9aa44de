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
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A batch encodes a customer's record once per commit of the batch, though the engine changes
 * the record in place call after call: what reaches the database is the last committed call's
 * state, never a call's half-changed record, with calls from one thread or many.
 */
class BatchEncodingTest {
  /** Counts its encodings. */
  private static final class CountingCodec extends Tallies.TallyCodec {
    final AtomicInteger encodings = new AtomicInteger();

    @Override
    void encoding(Tally value) {
      encodings.incrementAndGet();
    }
  }

  private final CountingCodec codec = new CountingCodec();

  /** One call: reads the customer's tally (or starts one), counts itself in it, commits. */
  private void call(StateStore store, String customer) {
    Tallies.call(store, codec, customer);
  }

  @Test
  void a_batch_encodes_each_record_once_per_commit_and_writes_the_last_calls_state() {
    DataSource ds = Databases.h2(Databases.h2Url());
    try (JdbcStateStore store = JdbcStateStore.builder(ds).createSchema().build()) {
      JdbcStateStore.Batch batch = store.batch(1_000);
      for (int i = 0; i < 10; i++) {
        call(store, "ada");
        call(store, "bob");
      }
      assertThat(codec.encodings).as("before the batch's commit").hasValue(0);
      assertThat(batch.commit()).isEqualTo(20);
      assertThat(codec.encodings).as("once per customer").hasValue(2);
      assertThat(stored(ds, "ada")).isEqualTo(10);
      call(store, "ada");
      batch.close();
      assertThat(codec.encodings).as("ada again; bob unchanged since").hasValue(3);
      assertThat(stored(ds, "ada")).isEqualTo(11);
      assertThat(stored(ds, "bob")).isEqualTo(10);
      call(store, "ada");
      assertThat(codec.encodings).as("after the batch, at every call").hasValue(4);
      assertThat(stored(ds, "ada")).isEqualTo(12);
    }
  }

  @Test
  void a_commit_due_while_a_call_on_two_customers_holds_a_record_waits_for_that_calls_end() {
    DataSource ds = Databases.h2(Databases.h2Url());
    try (JdbcStateStore store = JdbcStateStore.builder(ds).createSchema().build()) {
      JdbcStateStore.Batch batch = store.batch(2);
      call(store, "ada"); // ada's record is now newer than its bytes
      try (StateStore.Transaction ada = store.begin(CustomerId.of("ada"))) {
        Tally t = ada.read(codec).orElseThrow().value();
        t.calls = 1_000; // half-changed: this call has not committed
        call(store, "bob"); // the batch's second call: its commit is due
        assertThat(batch.committed()).as("the commit waits for ada's call").isZero();
        assertThat(stored(ds, "bob")).isZero();
        assertThatThrownBy(store::size).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("counting the records was asked from inside a call on "
                + "customer 'ada'").hasMessageContaining("do it after the call returns");
        assertThatThrownBy(batch::commit).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("Batch.commit() was asked from inside a call");
        assertThatThrownBy(batch::close).as("and the batch stays open")
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("closing the batch was asked from inside a call");
        t.calls = 2;
        ada.write(t, codec, Optional.empty());
        ada.commit();
      }
      assertThat(batch.committed()).as("committed with ada's call").isEqualTo(3);
      assertThat(stored(ds, "ada")).isEqualTo(2);
      assertThat(stored(ds, "bob")).isEqualTo(1);
      batch.close();
    }
  }

  @Test
  void a_call_that_fails_after_reading_lets_go_of_the_record() {
    DataSource ds = Databases.h2(Databases.h2Url());
    try (JdbcStateStore store = JdbcStateStore.builder(ds).createSchema().build()) {
      JdbcStateStore.Batch batch = store.batch(1_000);
      call(store, "ada");
      try (StateStore.Transaction ada = store.begin(CustomerId.of("ada"))) {
        ada.read(codec); // and closes without a commit, as a failed call does
      }
      assertThat(batch.commit()).isEqualTo(1);
      assertThat(stored(ds, "ada")).isEqualTo(1);
      batch.close();
    }
  }

  @Test
  void a_call_that_read_in_a_batch_closed_since_commits_into_the_next_one() {
    DataSource ds = Databases.h2(Databases.h2Url());
    try (JdbcStateStore store = JdbcStateStore.builder(ds).createSchema().build()) {
      call(store, "ada"); // one call, outside any batch
      JdbcStateStore.Batch first = store.batch(1_000);
      try (StateStore.Transaction ada = store.begin(CustomerId.of("ada"))) {
        Tally t = ada.read(codec).orElseThrow().value();
        first.close();
        JdbcStateStore.Batch second = store.batch(1_000);
        t.calls = 5;
        ada.write(t, codec, Optional.empty());
        ada.commit();
        call(store, "ada"); // sees the call before it, through the second batch
        second.close();
      }
      assertThat(stored(ds, "ada")).isEqualTo(6);
    }
  }

  @Test
  void calls_from_many_threads_and_commits_from_another_lose_no_call() throws Exception {
    DataSource ds = Databases.h2(Databases.h2Url());
    int threads = 4;
    int callsEach = 2_000;
    int customers = 50;
    int[][] perCustomer = new int[threads][customers];
    try (JdbcStateStore store = JdbcStateStore.builder(ds).createSchema().build()) {
      JdbcStateStore.Batch batch = store.batch(97);
      ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
      try {
        AtomicBoolean done = new AtomicBoolean();
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int me = t;
          work.add(pool.submit(() -> {
            SplittableRandom random = new SplittableRandom(me);
            for (int i = 0; i < callsEach; i++) {
              int c = random.nextInt(customers);
              call(store, "c-" + c);
              perCustomer[me][c]++;
            }
          }));
        }
        Future<?> committer = pool.submit(() -> {
          while (!done.get()) {
            batch.commit(); // waits for the records calls hold
            assertThat(store.size()).isLessThanOrEqualTo(customers);
          }
        });
        for (Future<?> f : work) {
          f.get(2, TimeUnit.MINUTES);
        }
        done.set(true);
        committer.get(2, TimeUnit.MINUTES);
      } finally {
        pool.shutdownNow();
      }
      batch.close();
    }
    for (int c = 0; c < customers; c++) {
      int expected = 0;
      for (int[] counts : perCustomer) {
        expected += counts[c];
      }
      assertThat(stored(ds, "c-" + c)).as("customer c-%d", c).isEqualTo(expected);
    }
  }
}
