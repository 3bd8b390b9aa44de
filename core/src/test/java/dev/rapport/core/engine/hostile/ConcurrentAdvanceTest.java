package dev.rapport.core.engine.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Event;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.Explanation;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.Trigger;
import dev.rapport.core.journey.WaitStep;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 10, defect 8: {@code advanceTo} called from several threads at once fires every timer
 * once and counts it once. The due timer was read before the customer's lock and not checked
 * again under it, so a timer another thread had just fired was counted a second time (about
 * 12% more than a single-threaded run with the same outcome).
 *
 * <p>The test runs the same program twice, once with one thread and once with several racing to
 * the same instants, and asks for identical outcomes and identical counts.
 */
class ConcurrentAdvanceTest {
  static final Instant T0 = Instant.parse("2025-06-02T10:00:00Z");
  static final int CUSTOMERS = 600;
  static final int THREADS = 4;
  static final Journey DRIP = Journey.builder("drip").enterOn(Trigger.onEvent("signed_up"))
      .steps(WaitStep.of(Duration.ofHours(1)),
          SendStep.of(Action.builder("tip-1").via(Channel.IN_APP).build()),
          WaitStep.of(Duration.ofHours(1)),
          SendStep.of(Action.builder("tip-2").via(Channel.IN_APP).build()),
          WaitStep.of(Duration.ofHours(1)),
          SendStep.of(Action.builder("tip-3").via(Channel.IN_APP).build()))
      .build();
  /** The instants every thread advances to, in turn: each crosses one wait of every customer. */
  static final List<Instant> STOPS = List.of(T0.plus(Duration.ofMinutes(90)),
      T0.plus(Duration.ofMinutes(150)), T0.plus(Duration.ofMinutes(210)));

  final ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
    Thread t = new Thread(r, "concurrent-advance");
    t.setDaemon(true);
    return t;
  });

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  /** The same program and the same events: each customer signs up a second after the last. */
  static Engine enrolled(Outbox outbox) {
    Engine engine = Engine.builder().clock(Clock.fixed(T0, ZoneOffset.UTC)).journeys(DRIP)
        .dispatcher(outbox).build();
    for (int c = 0; c < CUSTOMERS; c++) {
      engine.track(Event.of("c-" + c, "signed_up", T0.minusSeconds(CUSTOMERS - c)));
    }
    return engine;
  }

  static Set<String> dispatchIds(Outbox outbox) {
    return outbox.handedOver().stream().map(Dispatch::id)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @RepeatedTest(3)
  @Timeout(value = 120, unit = TimeUnit.SECONDS,
      threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void timers_fired_by_racing_threads_are_counted_as_a_single_thread_counts_them()
      throws Exception {
    Outbox alone = new Outbox();
    Engine single = enrolled(alone);
    int firedAlone = 0;
    for (Instant stop : STOPS) {
      firedAlone += single.advanceTo(stop);
    }
    Outbox raced = new Outbox();
    Engine racing = enrolled(raced);

    int firedRacing = 0;
    for (Instant stop : STOPS) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> advances = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        advances.add(pool.submit(() -> {
          start.await();
          return racing.advanceTo(stop);
        }));
      }
      start.countDown();
      for (Future<Integer> f : advances) {
        firedRacing += f.get();
      }
    }

    // the same outcome ...
    assertThat(raced.handedOver()).hasSize(3 * CUSTOMERS);
    assertThat(dispatchIds(raced)).isEqualTo(dispatchIds(alone));
    for (int c = 0; c < CUSTOMERS; c += 37) {
      Explanation a = single.explain("c-" + c);
      Explanation r = racing.explain("c-" + c);
      assertThat(r.enrollments()).as("c-%d", c).isEqualTo(a.enrollments());
    }
    assertThat(racing.journeyStats("drip")).isEqualTo(single.journeyStats("drip"));
    // ... counted the same
    assertThat(firedAlone).isEqualTo(3 * CUSTOMERS);
    assertThat(single.statistics().timersFired()).isEqualTo(firedAlone);
    assertThat(firedRacing).isEqualTo(firedAlone);
    assertThat(racing.statistics().timersFired()).isEqualTo(single.statistics().timersFired());
    assertThat(racing.statistics()).isEqualTo(single.statistics());
  }
}
