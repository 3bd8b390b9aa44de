package dev.rapport.core.measure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Event;
import dev.rapport.core.Moment;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which moment a moment follows on the dashboard: the latest declared before it that at least
 * half of its customers had reached first, so that moments of unrelated journeys (a SaaS
 * activation, a store's first purchase) are never chained.
 */
class MomentChainsTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private final MutableClock clock = new MutableClock(T0);
  private final Moment activated = Moment.builder("activated").reachedOn("first_sync").build();
  private final Moment firstPurchase = Moment.builder("first-purchase").reachedOn("purchased")
      .build();
  private final Moment secondPurchase = Moment.builder("second-purchase")
      .reachedWhen(c -> c.count("purchased") >= 2).build();
  private final Moment delivered = Moment.builder("order-delivered")
      .reachedOn("order_delivered").build();
  private final Engine engine = Engine.builder().clock(clock)
      .moments(activated, firstPurchase, secondPurchase, delivered).build();

  private void track(String customer, String type, long hours) {
    Instant at = T0.plus(Duration.ofHours(hours));
    clock.set(at);
    engine.track(Event.of(customer, type, at));
  }

  private MomentReach reach(String moment) {
    return engine.dashboard().moments().stream().filter(m -> m.moment().equals(moment))
        .findFirst().orElseThrow();
  }

  /**
   * s-1 and s-2 use the product (activated); b-1 to b-4 buy: all four get their first order
   * delivered, b-1 and b-2 buy twice, after their delivery. s-2 also buys once, after
   * activating.
   */
  private void program() {
    track("s-1", "first_sync", 1);
    track("s-2", "first_sync", 1);
    for (String b : new String[] {"b-1", "b-2", "b-3", "b-4"}) {
      track(b, "purchased", 2);
      track(b, "order_delivered", 50);
    }
    track("b-1", "purchased", 100);
    track("b-2", "purchased", 100);
    track("s-2", "purchased", 120);
  }

  @Test
  void moment_that_most_customers_reach_without_the_one_before_follows_none() {
    program();

    MomentReach firstOrder = reach("first-purchase");

    // 1 of the 5 buyers (s-2) had activated first: not half
    assertThat(firstOrder.previous()).isEmpty();
    assertThat(firstOrder.fromPrevious()).isEmpty();
  }

  @Test
  void moment_follows_the_latest_declared_moment_most_of_its_customers_reached_first() {
    program();

    MomentReach second = reach("second-purchase");
    MomentReach delivery = reach("order-delivered");

    // both second buyers had bought once: 2 of the 5 first buyers went on
    assertThat(second).isEqualTo(new MomentReach("second-purchase", 2, 6,
        Optional.of(Duration.ofHours(98)), Optional.of("first-purchase"), Optional.of(0.4)));
    // no delivery came after a second purchase, all 4 after a first: 4 of 5 first buyers
    assertThat(delivery.previous()).contains("first-purchase");
    assertThat(delivery.fromPrevious()).contains(0.8);
  }

  @Test
  void first_declared_moment_follows_none() {
    program();

    MomentReach first = reach("activated");

    assertThat(first.previous()).isEmpty();
    assertThat(first.fromPrevious()).isEmpty();
  }
}
