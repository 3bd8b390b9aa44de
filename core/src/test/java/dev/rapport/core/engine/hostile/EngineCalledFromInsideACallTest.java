package dev.rapport.core.engine.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Event;
import dev.rapport.core.Segment;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.Rule;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Dispatcher;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.Failure;
import dev.rapport.core.engine.MutableClock;
import dev.rapport.core.journey.CustomStep;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.StepContext;
import dev.rapport.core.journey.StepResult;
import dev.rapport.core.journey.Trigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The host's code that runs inside a call (conditions of segments, rules and the rest) must not
 * call the engine: such a call is refused, as a failure of that condition, and the call around
 * it goes on or fails whole. Before, the inner call wiped the undo journal of the call around
 * it: a first event's record was then never stored (the call looked unchanged), and a call that
 * failed afterwards could not be rolled back.
 */
class EngineCalledFromInsideACallTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final String REFUSED = "the engine was called from inside one of its own calls";

  private final AtomicReference<Engine> self = new AtomicReference<>();
  private final List<Failure> failures = new ArrayList<>();

  private Engine engine(boolean strict, Segment... segments) {
    Engine engine = Engine.builder().clock(new MutableClock(T0)).strict(strict)
        .segments(segments).failureListener(failures::add).build();
    self.set(engine);
    return engine;
  }

  private Segment peeking() {
    return Segment.of("peeks", c -> self.get().customer("c-2").isPresent());
  }

  @Test
  void a_segment_that_reads_another_customer_fails_as_a_condition_and_the_event_is_kept() {
    Engine engine = engine(false, peeking());
    engine.track(Event.of("c-2", "seen", T0));

    boolean tracked = engine.track(Event.of("c-1", "seen", T0));

    assertThat(tracked).isTrue();
    assertThat(engine.customer("c-1")).as("the first event's record is stored").isPresent()
        .get().satisfies(c -> assertThat(c.count("seen")).isEqualTo(1));
    assertThat(engine.statistics().conditionFailures()).isPositive();
    assertThat(failures).isNotEmpty().allSatisfy(f -> {
      assertThat(f.kind()).isEqualTo(Failure.Kind.CONDITION);
      assertThat(f.exception()).hasMessageContaining(REFUSED);
    });
  }

  @Test
  void in_strict_mode_the_call_fails_whole_and_the_thread_can_call_again() {
    Engine engine = engine(true, Segment.of("explodes", c -> {
      if (c.hasDone("explode")) {
        self.get().customer("c-2"); // refused: the call around it fails
      }
      return false;
    }));
    engine.track(Event.of("c-1", "seen", T0));

    Throwable thrown = catchThrowable(() -> engine.track(Event.of("c-1", "explode", T0)));

    assertThat(thrown).isInstanceOf(IllegalStateException.class).rootCause()
        .hasMessageContaining(REFUSED);
    assertThat(engine.customer("c-1").orElseThrow().count("explode"))
        .as("nothing of the failed call is left").isZero();
    assertThat(engine.customer("c-1").orElseThrow().count("seen")).isEqualTo(1);
    assertThat(engine.track(Event.of("c-1", "seen-again", T0)))
        .as("the thread is free for the next call").isTrue();
  }

  @Test
  void a_rule_that_tracks_for_another_customer_is_skipped_and_changes_no_one() {
    AtomicReference<Throwable> inner = new AtomicReference<>();
    Action tip = Action.builder("tip").via(Channel.IN_APP).build();
    RuleSet rules = RuleSet.builder("tips").rule(Rule.builder("tracks").when(c -> {
      try {
        self.get().track(Event.of("c-2", "nudged", T0));
      } catch (IllegalStateException e) {
        inner.set(e);
        throw e;
      }
      return true;
    }).recommend(tip).because("tracks").build()).build();
    Engine engine = Engine.builder().clock(new MutableClock(T0)).rules(rules)
        .failureListener(failures::add).build();
    self.set(engine);

    Decision d = engine.decide("c-1");

    assertThat(d.winners()).isEmpty();
    assertThat(d.failures()).singleElement()
        .satisfies(f -> assertThat(f.rule()).isEqualTo("tracks"));
    assertThat(inner.get()).hasMessageContaining(REFUSED);
    assertThat(engine.customer("c-2")).as("the inner track changed no one").isEmpty();
  }

  @Test
  void a_custom_step_that_reads_another_customer_fails_and_its_enrollment_exits() {
    AtomicReference<Throwable> inner = new AtomicReference<>();
    CustomStep peeking = new CustomStep() {
      @Override
      public StepResult run(StepContext context) {
        try {
          self.get().customer("c-2");
        } catch (IllegalStateException e) {
          inner.set(e);
          throw e;
        }
        return StepResult.next();
      }

      @Override
      public String describe() {
        return "peeks()";
      }
    };
    Journey journey = Journey.builder("peeks").enterOn(Trigger.onEvent("signed_up"))
        .steps(peeking).build();
    Engine engine = Engine.builder().clock(new MutableClock(T0)).journeys(journey)
        .dispatcher(Dispatcher.discarding())
        .failureListener(failures::add).build();
    self.set(engine);

    assertThat(engine.track(Event.of("c-1", "signed_up", T0))).isTrue();

    assertThat(inner.get()).hasMessageContaining(REFUSED);
    assertThat(engine.journeyStats("peeks").exited()).isEqualTo(1);
    assertThat(engine.customer("c-1")).as("the event's record is stored").isPresent();
  }
}
