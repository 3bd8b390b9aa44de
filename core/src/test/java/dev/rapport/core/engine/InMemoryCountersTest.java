package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.CustomerId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The in-memory store's counters under concurrent additions that take them through zero: a
 * counter at zero is removed from the map, and no addition may land on a removed counter and be
 * lost, whether it goes through a transaction or straight to the store.
 */
class InMemoryCountersTest {

  @Test
  void additions_through_zero_from_many_threads_lose_nothing() throws Exception {
    StateStore store = StateStore.inMemory();
    int threads = 4;
    int rounds = 20_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < threads; w++) {
      int worker = w;
      done.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < rounds; i++) {
          // up and down again: the shared counter passes zero again and again
          if (worker % 2 == 0) {
            store.add("k", 1);
            store.add("k", -1);
          } else {
            try (StateStore.Transaction tx = store.begin(CustomerId.of("c-" + worker))) {
              tx.add("k", 1);
              tx.add("k", -1);
              tx.add("k", 1);
              tx.commit();
            }
            store.add("k", -1);
          }
          // one that only grows, by one per round and worker
          store.add("grows", 1);
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(store.counter("k")).isZero();
    assertThat(store.counters("")).as("a counter back at zero is gone")
        .containsOnlyKeys("grows");
    assertThat(store.counter("grows")).isEqualTo((long) threads * rounds);
  }

  @Test
  void a_counter_removed_at_zero_starts_again_from_the_next_addition() {
    StateStore store = StateStore.inMemory();
    store.add("k", 3);
    store.add("k", -3);
    assertThat(store.counters("k")).isEmpty();

    store.add("k", 2);
    store.add("k", 0);
    store.add("k", 5);

    assertThat(store.counter("k")).isEqualTo(7);
  }
}
