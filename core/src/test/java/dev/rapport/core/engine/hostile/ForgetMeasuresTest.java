package dev.rapport.core.engine.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Event;
import dev.rapport.core.Moment;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.MutableClock;
import dev.rapport.core.measure.MomentReach;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, defect 6: forgetting a customer takes them out of moment reach as well, so that the
 * dashboard never counts more customers reaching a moment than it knows. It used to show 2
 * reached of 1 customer after one of two was forgotten.
 */
class ForgetMeasuresTest {
  static final Instant T0 = Instant.parse("2025-06-02T10:00:00Z");

  final MutableClock clock = new MutableClock(T0);
  final Engine engine = Engine.builder().clock(clock)
      .moments(Moment.builder("signed").reachedOn("signed_up").build(),
          Moment.builder("activated").reachedOn("first_sync").build())
      .build();

  void reachBoth(String customer) {
    engine.track(Event.of(customer, "signed_up", T0.minus(Duration.ofHours(3))));
    engine.track(Event.of(customer, "first_sync", T0.minus(Duration.ofHours(1))));
  }

  MomentReach reach(String moment) {
    return engine.dashboard().moments().stream().filter(m -> m.moment().equals(moment))
        .findFirst().orElseThrow();
  }

  @Test
  void forgotten_customer_no_longer_counts_as_reaching_a_moment() {
    reachBoth("ada@example.com");
    reachBoth("bob@example.com");

    engine.forget("ada@example.com");

    assertThat(reach("signed").reached()).isEqualTo(1);
    assertThat(reach("activated").reached()).isEqualTo(1);
    assertThat(reach("activated").customers()).isEqualTo(1);
    assertThat(reach("activated").fromPrevious()).isEqualTo(Optional.of(1.0));
  }

  @Test
  void customer_forgotten_and_seen_again_counts_once() {
    reachBoth("ada@example.com");
    engine.forget("ada@example.com");

    engine.track(Event.of("ada@example.com", "signed_up", T0));

    assertThat(reach("signed").reached()).isEqualTo(1);
    assertThat(reach("activated").reached()).isZero();
    // nobody reached it: it follows no moment, so there is no rate from one
    assertThat(reach("activated").previous()).isEmpty();
    assertThat(reach("activated").fromPrevious()).isEmpty();
  }

  @Test
  void forgetting_everyone_leaves_no_reach() {
    reachBoth("ada@example.com");
    reachBoth("bob@example.com");

    engine.forget("ada@example.com");
    engine.forget("bob@example.com");

    assertThat(engine.dashboard().moments()).allSatisfy(m -> {
      assertThat(m.reached()).isZero();
      assertThat(m.customers()).isZero();
    });
  }
}
