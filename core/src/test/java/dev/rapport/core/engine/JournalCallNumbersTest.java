package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Every call of the process gets its own number, whichever thread runs it, though threads take
 * numbers a block at a time: a part that remembers the call that saved it is saved again by any
 * later call, on any thread.
 */
class JournalCallNumbersTest {
  @Test
  void calls_on_many_threads_never_share_a_number_and_none_is_zero() throws Exception {
    int threads = 4;
    int calls = 3 * Journal.BLOCK + 17; // several blocks each, the last one part-used
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    List<Long> duplicates = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> running = new ArrayList<>();
    for (int k = 0; k < threads; k++) {
      Thread t = new Thread(() -> {
        Journal journal = new Journal();
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int i = 0; i < calls; i++) {
          long n = journal.begin().call();
          journal.end();
          if (n == 0 || !seen.add(n)) {
            synchronized (duplicates) {
              duplicates.add(n);
            }
          }
        }
      });
      t.start();
      running.add(t);
    }
    start.countDown();
    for (Thread t : running) {
      t.join();
    }

    assertThat(duplicates).isEmpty();
    assertThat(seen).hasSize(threads * calls);
  }

  @Test
  void one_thread_numbers_its_calls_in_order() {
    Journal journal = new Journal();
    Set<Long> numbers = new HashSet<>();
    long previous = 0;
    for (int i = 0; i < 2 * Journal.BLOCK; i++) {
      long n = journal.begin().call();
      journal.end();
      assertThat(n).isGreaterThan(previous);
      numbers.add(n);
      previous = n;
    }
    assertThat(numbers).hasSize(2 * Journal.BLOCK);
  }
}
