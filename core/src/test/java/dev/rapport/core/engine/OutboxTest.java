package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Event;
import dev.rapport.core.Purpose;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutboxTest {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  static final Action WELCOME = Action.builder("welcome").purpose(Purpose.TRANSACTIONAL)
      .via(Channel.IN_APP).build();
  static final Journey ONBOARDING = Journey.builder("onboarding")
      .enterOn(Trigger.onEvent("signed_up")).steps(SendStep.of(WELCOME)).build();

  /** What a process crash does to a dispatcher: nothing after it runs. */
  static final class Crash extends Error {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void a_dispatch_committed_but_not_handed_over_is_handed_over_by_the_next_engine() {
    StateStore store = StateStore.inMemory();
    MutableClock clock = new MutableClock(T0);
    Engine crashing = Engine.builder().clock(clock).stateStore(store).journeys(ONBOARDING)
        .dispatcher(d -> {
          throw new Crash();
        }).build();
    assertThatThrownBy(() -> crashing.track(Event.of("ada", "signed_up", T0)))
        .isInstanceOf(Crash.class);
    List<Dispatch> handed = new ArrayList<>();

    Engine restarted = Engine.builder().clock(clock).stateStore(store).journeys(ONBOARDING)
        .dispatcher(handed::add).build();

    assertThat(handed).extracting(d -> d.action().name() + " to " + d.customer())
        .containsExactly("welcome to ada");
    assertThat(restarted.statistics().redelivered()).isEqualTo(1);
    assertThat(store.undelivered(Dispatch.codec(), 10)).as("marked delivered").isEmpty();
    Engine again = Engine.builder().clock(clock).stateStore(store).journeys(ONBOARDING)
        .dispatcher(handed::add).build();
    assertThat(handed).as("handed over once").hasSize(1);
    assertThat(again.statistics().redelivered()).isZero();
  }

  @Test
  void a_dispatch_handed_over_leaves_the_outbox() {
    StateStore store = StateStore.inMemory();
    List<Dispatch> handed = new ArrayList<>();
    Engine engine = Engine.builder().clock(new MutableClock(T0)).stateStore(store)
        .journeys(ONBOARDING).dispatcher(handed::add).build();

    engine.track(Event.of("ada", "signed_up", T0));

    assertThat(handed).hasSize(1);
    assertThat(store.undelivered(Dispatch.codec(), 10)).isEmpty();
  }

  @Test
  void a_dispatch_reads_back_as_written() {
    Action tips = Action.builder("tips").topic("coffee").via(Channel.EMAIL).via(Channel.SMS)
        .value(2.5).cooldown(Duration.ofDays(3)).responseWindow(Duration.ofHours(6)).build();
    Dispatch d = new Dispatch("d:0123", dev.rapport.core.CustomerId.of("ada@example.com"), tips,
        Channel.SMS, Optional.of("onboarding"), 3, Optional.of("2/timeout/1 send(tips)"), 2,
        T0.plusNanos(17));

    byte[] bytes = Dispatch.codec().encode(d);

    assertThat(Dispatch.codec().decode(bytes)).isEqualTo(d);
    assertThatThrownBy(() -> Dispatch.codec().decode(new byte[] {'X', 'Y', 1}))
        .isInstanceOf(Codec.CodecException.class)
        .hasMessage("dispatch: the bytes do not start with the magic 'DS'; they are not a "
            + "Rapport dispatch (3 bytes)");
  }
}
