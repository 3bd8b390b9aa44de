package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Customer;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Moment;
import dev.rapport.core.Segment;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
  static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
  static final int THREADS = 8;
  static final int CUSTOMERS = 50;
  static final int EVENTS = 20_000;
  static final List<String> TYPES = List.of("viewed", "clicked", "purchased", "shared");

  final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
  final StateStore store = StateStore.inMemory();
  final Engine engine = Engine.builder()
      .clock(Clock.fixed(T0, ZoneOffset.UTC))
      .stateStore(store)
      .moments(Moment.builder("first-purchase").reachedOn("purchased").build())
      .segments(Segment.of("sharers", c -> c.hasDone("shared")))
      .build();

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  static String customerOf(int i) {
    return "c-" + (i % CUSTOMERS);
  }

  static String typeOf(int i) {
    return TYPES.get((i / CUSTOMERS + i / 7) % TYPES.size());
  }

  static Event event(int i) {
    return Event.builder(customerOf(i), typeOf(i)).id("e-" + i).with("n", i)
        .at(T0.minusSeconds(i % 5_000));
  }

  /** Runs one task per thread, all released at once by a start gate, and waits for them. */
  void runTogether(List<Callable<Long>> tasks) throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    List<Future<Long>> futures = new ArrayList<>();
    for (Callable<Long> task : tasks) {
      futures.add(pool.submit(() -> {
        gate.await();
        return task.call();
      }));
    }
    gate.countDown();
    for (Future<Long> f : futures) {
      f.get();
    }
  }

  @Test
  void eight_threads_tracking_overlapping_customers_lose_nothing() throws Exception {
    List<Callable<Long>> tasks = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      tasks.add(() -> {
        long processed = 0;
        for (int i = thread; i < EVENTS; i += THREADS) {
          processed += engine.track(event(i)) ? 1 : 0;
        }
        return processed;
      });
    }

    runTogether(tasks);

    long[][] expected = new long[CUSTOMERS][TYPES.size()];
    for (int i = 0; i < EVENTS; i++) {
      expected[i % CUSTOMERS][TYPES.indexOf(typeOf(i))]++;
    }
    for (int c = 0; c < CUSTOMERS; c++) {
      Customer view = engine.customer("c-" + c).orElseThrow();
      for (int type = 0; type < TYPES.size(); type++) {
        assertThat(view.count(TYPES.get(type))).as("c-%d %s", c, TYPES.get(type))
            .isEqualTo(expected[c][type]);
      }
      assertThat(view.count(EventTypes.MOMENT_REACHED)).as("c-%d moments", c).isEqualTo(1);
      assertThat(view.count(EventTypes.SEGMENT_ENTERED)).as("c-%d segments", c).isEqualTo(1);
      assertThat(view.reached("first-purchase")).isTrue();
      assertThat(view.in("sharers")).isTrue();
    }
    assertThat(store.size()).isEqualTo(CUSTOMERS);
    assertThat(engine.statistics().eventsTracked()).isEqualTo(EVENTS);
    assertThat(engine.statistics().duplicatesIgnored()).isZero();
    long standingChanges = 0;
    for (int c = 0; c < CUSTOMERS; c++) {
      Customer view = engine.customer("c-" + c).orElseThrow();
      standingChanges += view.count(EventTypes.ENGAGEMENT_CHANGED)
          + view.count(EventTypes.STAGE_CHANGED);
    }
    assertThat(engine.statistics().eventsEmitted()).isEqualTo(2L * CUSTOMERS + standingChanges);
  }

  @Test
  void the_same_events_tracked_from_every_thread_are_processed_once() throws Exception {
    int events = 2_000;
    List<Callable<Long>> tasks = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int offset = t * 97;
      tasks.add(() -> {
        long processed = 0;
        for (int k = 0; k < events; k++) {
          processed += engine.track(event((k + offset) % events)) ? 1 : 0;
        }
        return processed;
      });
    }

    runTogether(tasks);

    long total = 0;
    for (int c = 0; c < CUSTOMERS; c++) {
      Customer view = engine.customer("c-" + c).orElseThrow();
      for (String type : TYPES) {
        total += view.count(type);
      }
    }
    assertThat(total).isEqualTo(events);
    assertThat(engine.statistics().eventsTracked()).isEqualTo(events);
    assertThat(engine.statistics().duplicatesIgnored()).isEqualTo((long) events * (THREADS - 1));
  }
}
