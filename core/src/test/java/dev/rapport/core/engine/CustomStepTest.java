package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Event;
import dev.rapport.core.journey.CustomStep;
import dev.rapport.core.journey.EnrollmentStatus;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.Sent;
import dev.rapport.core.journey.StepContext;
import dev.rapport.core.journey.StepResult;
import dev.rapport.core.journey.Trigger;
import dev.rapport.core.policy.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CustomStepTest {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  static final Action PING = Action.builder("ping").via(Channel.IN_APP).build();
  static final Action OTHER = Action.builder("other").via(Channel.IN_APP).build();

  final MutableClock clock = new MutableClock(T0);
  final List<Dispatch> sent = new ArrayList<>();
  final List<String> runs = new ArrayList<>();

  /** A step whose behaviour each test gives, recording every run. */
  CustomStep step(Function<StepContext, StepResult> body) {
    return new CustomStep() {
      @Override
      public StepResult run(StepContext c) {
        runs.add(c.cause() + " " + c.memory() + " " + c.event().map(Event::type).orElse("-"));
        return body.apply(c);
      }

      @Override
      public List<Action> actions() {
        return List.of(PING);
      }

      @Override
      public String describe() {
        return "custom()";
      }
    };
  }

  Engine engine(CustomStep s, double holdout, StateStore store) {
    Journey j = Journey.builder("j").enterOn(Trigger.onEvent("go")).holdout(holdout).steps(s)
        .build();
    return Engine.builder().clock(clock).stateStore(store).journeys(j).dispatcher(sent::add)
        .build();
  }

  @Test
  void runs_on_arrival_on_each_event_while_waiting_and_on_its_timer_keeping_its_memory() {
    Engine engine = engine(step(c -> c.cause() == StepContext.Cause.TIMER ? StepResult.next()
        : StepResult.waitUntil(T0.plus(Duration.ofHours(1)), c.memory() + 1)), 0,
        StateStore.inMemory());

    engine.track(Event.of("ada", "go", T0));
    engine.track(Event.of("ada", "clicked", T0.plusSeconds(1)));
    engine.advanceTo(T0.plus(Duration.ofHours(1)));

    assertThat(runs).containsExactly("ARRIVED 0 -", "EVENT 1 clicked", "TIMER 2 -");
    assertThat(engine.explain("ada").enrollment("j").orElseThrow().status())
        .isEqualTo(EnrollmentStatus.COMPLETED);
  }

  @Test
  void sends_through_the_gate_and_a_held_out_customer_gets_nothing() {
    List<Sent> results = new ArrayList<>();
    Engine treated = engine(step(c -> {
      results.add(c.send(PING));
      return StepResult.next();
    }), 0, StateStore.inMemory());
    Engine heldOut = engine(step(c -> {
      results.add(c.send(PING));
      return StepResult.next();
    }), 0.999999, StateStore.inMemory());

    treated.track(Event.of("ada", "go", T0));
    heldOut.track(Event.of("bob", "go", T0));

    assertThat(results).extracting(Sent::isSent).containsExactly(true, false);
    assertThat(results.get(1).refused()).contains(Reason.HOLDOUT);
    assertThat(sent).extracting(d -> d.action().name() + " to " + d.customer().value())
        .containsExactly("ping to ada");
  }

  @Test
  void an_action_the_step_does_not_declare_is_refused_and_the_enrollment_exits() {
    Engine engine = engine(step(c -> {
      c.send(OTHER);
      return StepResult.next();
    }), 0, StateStore.inMemory());

    engine.track(Event.of("ada", "go", T0));

    assertThat(sent).isEmpty();
    assertThat(engine.statistics().conditionFailures()).isEqualTo(1);
    assertThat(engine.explain("ada").enrollment("j").orElseThrow().exitReason())
        .contains("step 1 failed");
  }

  @Test
  void a_step_that_throws_fails_the_call_in_strict_mode_and_changes_nothing() {
    Journey j = Journey.builder("j").enterOn(Trigger.onEvent("go")).steps(step(c -> {
      throw new IllegalStateException("boom");
    })).build();
    Engine engine = Engine.builder().clock(clock).journeys(j).dispatcher(sent::add).strict(true)
        .build();

    assertThatThrownBy(() -> engine.track(Event.of("ada", "go", T0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("journey 'j' step '1 custom()': its condition threw "
            + "java.lang.IllegalStateException (strict mode); fix the condition");
    assertThat(engine.customer("ada")).isEmpty();
  }
}
