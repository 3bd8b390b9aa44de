package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.CustomerId;
import dev.rapport.core.Event;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.Placement;
import dev.rapport.core.decision.Recommendation;
import dev.rapport.core.decision.Rule;
import dev.rapport.core.decision.RuleSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A decision makes its recommendations when they are first read, and what it shows is what was
 * decided when it was made, however the customer changed since and whoever reads it first.
 */
class LazyDecisionTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Action TIP = Action.builder("tip").via(Channel.IN_APP).build();
  private static final Action GUIDE = Action.builder("guide").via(Channel.IN_APP).value(2).build();

  @Test
  void winners_read_after_later_calls_are_those_of_the_moment_of_deciding() {
    MutableClock clock = new MutableClock(T0);
    Engine engine = Engine.builder().clock(clock).rules(RuleSet.builder("tips")
        .rule(Rule.builder("new").when(c -> !c.hasDone("tip-read")).recommend(TIP)
            .because("never read a tip").build())
        .rule(Rule.builder("all").when(c -> true).recommend(GUIDE).because("for all").build())
        .build()).build();
    Engine twin = Engine.builder().clock(clock).rules(RuleSet.builder("tips")
        .rule(Rule.builder("new").when(c -> !c.hasDone("tip-read")).recommend(TIP)
            .because("never read a tip").build())
        .rule(Rule.builder("all").when(c -> true).recommend(GUIDE).because("for all").build())
        .build()).build();

    Decision unread = engine.decide("c-1");
    List<Recommendation> readAtOnce = twin.decide("c-1").winners();
    engine.track(Event.builder("c-1", "tip-read").at(T0));
    Decision later = engine.decide("c-1");

    assertThat(unread.winners()).isEqualTo(readAtOnce);
    assertThat(unread.winners()).extracting(r -> r.action().name())
        .containsExactly("guide", "tip");
    assertThat(unread.winners().get(1).channel()).isEqualTo(Channel.IN_APP);
    assertThat(unread.winners().get(1).rules()).containsExactly("new");
    assertThat(unread.best()).contains(unread.winners().get(0));
    assertThat(later.winners()).extracting(r -> r.action().name()).containsExactly("guide");
    assertThat(later.winners().get(0).impressionId())
        .isNotEqualTo(unread.winners().get(0).impressionId());
  }

  @Test
  void the_winners_are_made_once_whoever_reads_them_first() throws Exception {
    AtomicInteger made = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    Decision d = new Decision(CustomerId.of("c-1"), T0, Placement.ofDefaults(), () -> {
      made.incrementAndGet();
      return new ArrayList<>(List.<Recommendation>of());
    }, List::of, List.of());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<Recommendation>>> reads = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        reads.add(pool.submit(() -> {
          start.await();
          return d.winners();
        }));
      }
      start.countDown();
      List<Recommendation> first = reads.get(0).get(10, TimeUnit.SECONDS);
      for (Future<List<Recommendation>> r : reads) {
        assertThat(r.get(10, TimeUnit.SECONDS)).isSameAs(first);
      }
      assertThat(made).hasValue(1);
      assertThatThrownBy(() -> first.add(null)).isInstanceOf(UnsupportedOperationException.class);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void a_supplier_that_returns_null_is_named_in_the_error() {
    Supplier<List<Recommendation>> none = () -> null;
    Decision d = new Decision(CustomerId.of("c-1"), T0, Placement.ofDefaults(), none, List::of,
        List.of());

    assertThatThrownBy(d::winners).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("winners returned null");
    assertThatThrownBy(() -> new Decision(CustomerId.of("c-1"), T0, Placement.ofDefaults(),
        (List<Recommendation>) null, List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("winners");
  }
}
