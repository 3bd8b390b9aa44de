package dev.rapport.core.engine.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Customer;
import dev.rapport.core.Event;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.EngineStatistics;
import dev.rapport.core.journey.EnrollmentStatus;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.Trigger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 10, defect 4, and the concurrency test it asks for: a dispatcher may call the engine
 * back, for its own customer or any other, from any thread, and every call completes. The
 * engine calls the host's code after the call has committed, outside every lock; when it held a
 * customer's lock over the dispatcher instead, two dispatchers tracking events for each other's
 * customers blocked each other forever.
 *
 * <p>Each test runs under a preemptive timeout, and the threads it starts are daemons, so that a
 * deadlock fails the test instead of hanging the build.
 */
class DispatcherCallsEngineTest {
  static final Instant T0 = Instant.parse("2025-06-02T10:00:00Z");
  static final Action HELLO = Action.builder("hello").via(Channel.IN_APP).build();
  static final Action THANKS = Action.builder("thanks").via(Channel.IN_APP).build();
  /** Greets a customer who signed up; the host then tells a friend of theirs. */
  static final Journey GREET = Journey.builder("greet").enterOn(Trigger.onEvent("signed_up"))
      .steps(SendStep.of(HELLO)).build();
  /** Thanks a customer whom a friend's greeting reached; the host then tells the friend. */
  static final Journey THANK = Journey.builder("thank").enterOn(Trigger.onEvent("poked"))
      .steps(SendStep.of(THANKS)).build();

  final ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
    Thread t = new Thread(r, "dispatcher-calls-engine");
    t.setDaemon(true); // a deadlocked worker must not keep the test JVM alive
    return t;
  });

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  static String friendOf(String customer, int customers) {
    int i = Integer.parseInt(customer.substring(2));
    return "c-" + ((i + 1) % customers);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void two_dispatchers_tracking_for_each_others_customer_at_the_same_time_both_complete()
      throws Exception {
    // both dispatchers are inside their call at once before either tracks for the other: with
    // a lock held over the dispatcher, that is a deadlock every time
    CyclicBarrier bothDispatching = new CyclicBarrier(2);
    Engine[] engine = new Engine[1];
    Outbox outbox = new Outbox().then(d -> {
      if (d.action().equals(HELLO)) {
        await(bothDispatching);
        engine[0].track(Event.builder(friendOf(d.customer().value(), 2), "waved_at")
            .id("wave:" + d.id()).at(d.at()));
      }
    });
    engine[0] = Engine.builder().clock(Clock.fixed(T0, ZoneOffset.UTC)).journeys(GREET)
        .dispatcher(outbox).build();

    Future<Boolean> x = pool.submit(() -> engine[0].track(Event.of("c-0", "signed_up", T0)));
    Future<Boolean> y = pool.submit(() -> engine[0].track(Event.of("c-1", "signed_up", T0)));

    assertThat(x.get()).isTrue();
    assertThat(y.get()).isTrue();
    assertThat(outbox.actions()).containsExactly("hello", "hello");
    assertThat(engine[0].customer("c-0").orElseThrow().count("waved_at")).isEqualTo(1);
    assertThat(engine[0].customer("c-1").orElseThrow().count("waved_at")).isEqualTo(1);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS,
      threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void dispatchers_of_many_customers_tracking_for_each_other_from_many_threads_all_complete()
      throws Exception {
    int customers = 200;
    int threads = 8;
    Engine[] engine = new Engine[1];
    // a greeting pokes the customer's friend; a thanks tells the customer who poked
    Outbox outbox = new Outbox().then(d -> {
      String friend = friendOf(d.customer().value(), customers);
      if (d.action().equals(HELLO)) {
        engine[0].track(Event.builder(friend, "poked").id("poke:" + d.id())
            .with("by", d.customer().value()).at(d.at()));
      } else {
        String poker = engine[0].customer(d.customer().value()).orElseThrow()
            .history("poked").get(0).properties().getString("by").orElseThrow();
        engine[0].track(Event.builder(poker, "thanked").id("thanks:" + d.id()).at(d.at()));
      }
    });
    engine[0] = Engine.builder().clock(Clock.fixed(T0, ZoneOffset.UTC)).journeys(GREET, THANK)
        .dispatcher(outbox).build();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> workers = new ArrayList<>();
    for (int w = 0; w < threads; w++) {
      int worker = w;
      workers.add(pool.submit(() -> {
        start.await();
        int processed = 0;
        for (int c = worker; c < customers; c += threads) {
          processed += engine[0].track(Event.of("c-" + c, "signed_up", T0)) ? 1 : 0;
        }
        return processed;
      }));
    }

    start.countDown();
    int processed = 0;
    for (Future<Integer> f : workers) {
      processed += f.get();
    }

    assertThat(processed).isEqualTo(customers);
    for (int c = 0; c < customers; c++) {
      Customer view = engine[0].customer("c-" + c).orElseThrow();
      assertThat(view.count("signed_up")).as("c-%d signed up", c).isEqualTo(1);
      assertThat(view.count("poked")).as("c-%d poked", c).isEqualTo(1);
      assertThat(view.count("thanked")).as("c-%d thanked", c).isEqualTo(1);
      assertThat(engine[0].explain("c-" + c).enrollments())
          .as("c-%d enrollments", c).hasSize(2)
          .allSatisfy(e -> assertThat(e.status()).isEqualTo(EnrollmentStatus.COMPLETED));
    }
    List<Dispatch> sent = outbox.handedOver();
    assertThat(sent).hasSize(2 * customers);
    assertThat(sent.stream().map(Dispatch::id).distinct().count()).isEqualTo(2L * customers);
    assertThat(sent.stream().filter(d -> d.action().equals(HELLO)).count()).isEqualTo(customers);
    EngineStatistics stats = engine[0].statistics();
    assertThat(stats.eventsTracked()).isEqualTo(3L * customers);
    assertThat(stats.dispatches()).isEqualTo(2L * customers);
    assertThat(stats.dispatchFailures()).isZero();
    assertThat(stats.duplicatesIgnored()).isZero();
    assertThat(engine[0].journeyStats("greet").completed()).isEqualTo(customers);
    assertThat(engine[0].journeyStats("thank").completed()).isEqualTo(customers);
  }

  static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (BrokenBarrierException e) {
      throw new IllegalStateException(e);
    }
  }
}
