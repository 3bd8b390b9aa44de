package dev.rapport.core.engine.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.ConsentStatus;
import dev.rapport.core.Customer;
import dev.rapport.core.CustomerId;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Profile;
import dev.rapport.core.Purpose;
import dev.rapport.core.Segment;
import dev.rapport.core.TraitKey;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.PropensityModel;
import dev.rapport.core.decision.Rule;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Dispatcher;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.Failure;
import dev.rapport.core.engine.MutableClock;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.Trigger;
import dev.rapport.core.measure.EventSelector;
import dev.rapport.core.measure.Guardrail;
import dev.rapport.core.measure.GuardrailListener;
import dev.rapport.core.measure.GuardrailState;
import dev.rapport.core.measure.Metric;
import dev.rapport.core.policy.Cap;
import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.core.policy.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What the engine does when the host's code throws, as the guide states it: the call goes on,
 * the failure is counted in the statistics, told to the failure listener with its exception,
 * and logged without its message; a message the dispatcher did not take is recorded as failed,
 * costs no cap and falls back to its next channel.
 */
class CallbackFailuresTest {
  static final Instant T0 = Instant.parse("2025-06-02T10:00:00Z");
  /** Email first, in-app if email fails. */
  static final Action UPDATE = Action.builder("update").via(Channel.EMAIL).via(Channel.IN_APP)
      .build();
  static final Journey SHIPPING = Journey.builder("shipping").enterOn(Trigger.onEvent("shipped"))
      .steps(SendStep.of(UPDATE)).build();
  static final Action TIPS = Action.builder("tips").via(Channel.IN_APP).build();
  static final RuleSet OFFERS = RuleSet.builder("offers").rule(Rule.builder("everyone")
      .when(c -> true).recommend(TIPS).because("tips help").build()).build();

  final MutableClock clock = new MutableClock(T0);
  final List<Failure> failures = new CopyOnWriteArrayList<>();
  final Outbox outbox = new Outbox();

  void reachable(Engine engine) {
    engine.identify("c-1", Profile.empty().set(TraitKey.EMAIL_ADDRESS, "ada@example.com")
        .consent(Channel.EMAIL, Purpose.MARKETING, ConsentStatus.GRANTED));
  }

  @Test
  void dispatcher_that_throws_gets_the_message_recorded_as_failed_and_sent_on_the_next_channel() {
    outbox.then(d -> {
      if (d.channel().equals(Channel.EMAIL)) {
        throw new IllegalStateException("smtp relay down");
      }
    });
    Engine engine = Engine.builder().clock(clock).journeys(SHIPPING).dispatcher(outbox)
        .contactPolicy(ContactPolicy.builder().cap(Cap.of(1, Duration.ofDays(1))).build())
        .failureListener(failures::add).build();
    reachable(engine);

    engine.track(Event.of("c-1", "shipped", T0));

    List<Dispatch> sent = outbox.handedOver();
    assertThat(sent).extracting(Dispatch::channel)
        .containsExactly(Channel.EMAIL, Channel.IN_APP);
    assertThat(sent.get(1).attempt()).isEqualTo(2);
    Customer ada = engine.customer("c-1").orElseThrow();
    assertThat(ada.history(EventTypes.DELIVERY_FAILED)).singleElement().satisfies(e -> {
      assertThat(e.properties().get(EventTypes.DISPATCH_ID)).isEqualTo(sent.get(0).id());
      assertThat(e.properties().get("error")).isEqualTo("java.lang.IllegalStateException");
    });
    assertThat(engine.statistics().dispatches()).isEqualTo(2);
    assertThat(engine.statistics().dispatchFailures()).isEqualTo(1);
    assertThat(failures).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(Failure.Kind.DISPATCHER);
      assertThat(f.customer()).contains(CustomerId.of("c-1"));
      assertThat(f.dispatchId()).contains(sent.get(0).id());
      assertThat(f.exception()).hasMessage("smtp relay down");
    });
  }

  @Test
  void guardrail_listener_that_throws_misses_the_change_but_the_change_stands() {
    Metric unhappy = Metric.share("unhappy").of(EventSelector.type("answered"))
        .where((e, c) -> !e.properties().getBoolean("happy").orElse(true));
    GuardrailListener pager = new GuardrailListener() {
      @Override
      public void onBreach(GuardrailState state) {
        throw new IllegalStateException("pager down");
      }

      @Override
      public void onRecovery(GuardrailState state) {
        throw new IllegalStateException("pager down");
      }
    };
    Engine engine = Engine.builder().clock(clock)
        .guardrail(Guardrail.on(unhappy).below(0.5).minSample(1)).guardrailListener(pager)
        .failureListener(failures::add).build();

    boolean tracked = engine.track(Event.builder("c-1", "answered").with("happy", false)
        .at(T0));

    assertThat(tracked).isTrue();
    assertThat(engine.guardrails()).singleElement()
        .satisfies(g -> assertThat(g.breached()).isTrue());
    assertThat(engine.statistics().listenerFailures()).isEqualTo(1);
    assertThat(failures).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(Failure.Kind.GUARDRAIL_LISTENER);
      assertThat(f.customer()).isEmpty();
      assertThat(f.exception()).hasMessage("pager down");
    });
  }

  @Test
  void propensity_model_that_cannot_score_gets_the_action_rejected_as_model_failed() {
    PropensityModel down = (customer, action, context) -> {
      throw new IllegalStateException("scoring service down");
    };
    Engine engine = Engine.builder().clock(clock).rules(OFFERS).propensity(down)
        .failureListener(failures::add).build();

    Decision decision = engine.decide("c-1");

    assertThat(decision.winners()).isEmpty();
    assertThat(decision.rejection("tips")).hasValueSatisfying(
        r -> assertThat(r.reason()).isEqualTo(Reason.MODEL_FAILED));
    assertThat(engine.statistics().modelFailures()).isEqualTo(1);
    assertThat(failures).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(Failure.Kind.PROPENSITY_MODEL);
      assertThat(f.customer()).contains(CustomerId.of("c-1"));
    });
  }

  @Test
  void propensity_model_that_cannot_learn_misses_the_observation_and_the_message_goes_out() {
    PropensityModel forgetful = new PropensityModel() {
      @Override
      public Estimate estimate(Customer customer, Action action, Context context) {
        return new Estimate(0.5, "all", "fixed");
      }

      @Override
      public void observe(Customer customer, Action action, String group, Outcome outcome,
          Context context) {
        throw new IllegalStateException("model store down");
      }
    };
    Engine engine = Engine.builder().clock(clock).rules(OFFERS).propensity(forgetful)
        .dispatcher(outbox).failureListener(failures::add).build();

    Decision decision = engine.decideAndSend("c-1");

    assertThat(decision.winners()).extracting(r -> r.action().name()).containsExactly("tips");
    assertThat(outbox.actions()).containsExactly("tips");
    assertThat(engine.statistics().modelFailures()).isEqualTo(1);
    assertThat(failures).singleElement()
        .satisfies(f -> assertThat(f.kind()).isEqualTo(Failure.Kind.PROPENSITY_MODEL));
  }

  @Test
  void condition_that_throws_is_skipped_counted_and_told() {
    Engine engine = Engine.builder().clock(clock)
        .segments(Segment.of("vip", c -> {
          throw new IllegalStateException("crm down");
        }))
        .failureListener(failures::add).build();

    boolean tracked = engine.track(Event.of("c-1", "viewed", T0));

    assertThat(tracked).isTrue();
    assertThat(engine.customer("c-1").orElseThrow().segments()).isEmpty();
    assertThat(engine.statistics().conditionFailures()).isEqualTo(1);
    assertThat(failures).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(Failure.Kind.CONDITION);
      assertThat(f.source()).isEqualTo("segment 'vip'");
    });
  }

  @Test
  void failure_listener_that_throws_is_counted_and_logged_without_its_message() {
    outbox.then(d -> {
      throw new IllegalStateException("relay down for ada@example.com");
    });
    Engine engine = Engine.builder().clock(clock).journeys(SHIPPING).dispatcher(outbox)
        .failureListener(f -> {
          throw new IllegalStateException("tracker down for ada@example.com");
        }).build();
    reachable(engine);

    try (LogCapture log = LogCapture.start()) {
      boolean tracked = engine.track(Event.of("c-1", "shipped", T0));

      assertThat(tracked).isTrue();
      assertThat(outbox.actions()).containsExactly("update", "update");
      assertThat(engine.statistics().dispatchFailures()).isEqualTo(2);
      assertThat(engine.statistics().listenerFailures()).isEqualTo(2);
      assertThat(log.warnings()).anySatisfy(l -> assertThat(l).contains("failure listener"));
      assertThat(log.lines()).noneSatisfy(l -> assertThat(l).contains("ada@example.com"));
    }
  }

  @Test
  void dispatcher_may_track_the_outcome_of_its_own_dispatch_during_the_call() {
    Engine[] engine = new Engine[1];
    outbox.then(d -> engine[0].track(Event.builder(d.customer(), EventTypes.DELIVERED)
        .with(EventTypes.DISPATCH_ID, d.id()).at(d.at())));
    engine[0] = Engine.builder().clock(clock).journeys(SHIPPING).dispatcher(outbox).build();
    reachable(engine[0]);

    engine[0].track(Event.of("c-1", "shipped", T0));

    assertThat(engine[0].customer("c-1").orElseThrow().history(EventTypes.DELIVERED))
        .singleElement().satisfies(e -> assertThat(e.properties().get(EventTypes.DISPATCH_ID))
            .isEqualTo(outbox.handedOver().get(0).id()));
  }

  @Test
  void discarding_dispatcher_is_the_explicit_way_to_run_journeys_that_send_nothing() {
    Engine dryRun = Engine.builder().clock(clock).journeys(SHIPPING)
        .dispatcher(Dispatcher.discarding()).build();
    reachable(dryRun);

    dryRun.track(Event.of("c-1", "shipped", T0));

    assertThat(dryRun.journeyStats("shipping").step("1").sent()).isEqualTo(1);
    assertThat(dryRun.statistics().dispatchFailures()).isZero();
    assertThat(dryRun.explain("c-1").enrollment("shipping")).map(e -> e.status().name())
        .isEqualTo(Optional.of("COMPLETED"));
  }
}
