package dev.rapport.core.engine.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Customer;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.PropensityModel;
import dev.rapport.core.decision.Rule;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.MutableClock;
import dev.rapport.core.measure.Metrics;
import dev.rapport.core.policy.Cap;
import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.core.policy.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10, defects 2 and 3: a call either happens whole or leaves nothing behind. A call that
 * throws has stored nothing, counted nothing and measured nothing; a host callback that throws
 * does not make the engine keep the cost of a message it never handed over.
 */
class NothingHalfAppliedTest {
  static final Instant T0 = Instant.parse("2025-06-02T10:00:00Z");
  static final List<String> WATCHED = List.of("c-1");

  final MutableClock clock = new MutableClock(T0);
  final Outbox outbox = new Outbox();

  /** The customer has a history, so that a stray write would show. */
  static void knowCustomer(Engine engine) {
    engine.track(Event.builder("c-1", "purchased").id("order-1").with("sku", "grinder")
        .at(T0.minus(Duration.ofDays(2))));
  }

  // ------------------------------------------------------------------ defect 2

  @Test
  void survey_answer_whose_themes_are_not_a_list_is_refused_and_leaves_no_trace() {
    Engine engine = Engine.builder().clock(clock).metrics(Metrics.csat()).build();
    knowCustomer(engine);
    Observed before = Observed.of(engine, WATCHED, outbox);
    Event answer = Event.builder("c-1", EventTypes.SURVEY_ANSWERED).with("kind", "csat")
        .with("score", 2).with("themes", 42).at(T0);

    Throwable thrown = catchThrowable(() -> engine.track(answer));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
    assertThat(Observed.of(engine, WATCHED, outbox)).isEqualTo(before);
    assertThat(engine.customer("c-1").orElseThrow().count(EventTypes.SURVEY_ANSWERED)).isZero();
    assertThat(engine.dashboard().themes()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {EventTypes.JOURNEY, EventTypes.ACTION, EventTypes.CHANNEL})
  void message_property_of_the_wrong_type_is_refused_before_a_metric_breaks_down_by_it(
      String property) {
    // the unsubscribe rate counts dispatched events and breaks down by journey, action, channel
    Engine engine = Engine.builder().clock(clock).metrics(Metrics.unsubscribeRate()).build();
    knowCustomer(engine);
    Observed before = Observed.of(engine, WATCHED, outbox);
    Event dispatched = Event.builder("c-1", EventTypes.DISPATCHED).with("journey", "welcome")
        .with("action", "newsletter").with("channel", "email").with(property, 42L).at(T0);

    Throwable thrown = catchThrowable(() -> engine.track(dispatched));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
    assertThat(Observed.of(engine, WATCHED, outbox)).isEqualTo(before);
    assertThat(engine.metric("unsubscribe_rate").sample()).isZero();
  }

  @Test
  void the_same_event_with_well_typed_properties_is_taken_and_measured() {
    Engine engine = Engine.builder().clock(clock).metrics(Metrics.unsubscribeRate()).build();
    Event dispatched = Event.builder("c-1", EventTypes.DISPATCHED).with("journey", "welcome")
        .with("action", "newsletter").with("channel", "email").at(T0);

    boolean processed = engine.track(dispatched);

    assertThat(processed).isTrue();
    assertThat(engine.metric("unsubscribe_rate", "journey:welcome").sample()).isEqualTo(1);
  }

  // ------------------------------------------------------------------ defect 3

  static final Action TIPS = Action.builder("tips").via(Channel.IN_APP).build();
  static final RuleSet OFFERS = RuleSet.builder("offers").rule(Rule.builder("everyone")
      .when(c -> true).recommend(TIPS).because("tips help everyone").build()).build();
  static final ContactPolicy ONE_A_DAY = ContactPolicy.builder()
      .cap(Cap.of(1, Duration.ofDays(1))).build();

  /** A model that scores but cannot learn: its store of observations is down. */
  static final class ObserveThrows implements PropensityModel {
    @Override
    public Estimate estimate(Customer customer, Action action, Context context) {
      return new Estimate(0.5, "all", "fixed");
    }

    @Override
    public void observe(Customer customer, Action action, String group, Outcome outcome,
        Context context) {
      throw new IllegalStateException("observation store down");
    }
  }

  @Test
  void model_whose_observe_throws_does_not_lose_the_message_decided_and_sent() {
    Engine engine = Engine.builder().clock(clock).rules(OFFERS).contactPolicy(ONE_A_DAY)
        .propensity(new ObserveThrows()).dispatcher(outbox).build();

    Throwable thrown = catchThrowable(() -> engine.decideAndSend("c-1"));

    assertThat(thrown).isNull();
    assertThat(outbox.actions()).containsExactly("tips");
  }

  @Test
  void message_not_handed_over_costs_no_cap() {
    // the dispatcher fails for the first message only; the customer's one message a day is
    // still to be had
    boolean[] down = {true};
    outbox.then(d -> {
      if (down[0]) {
        down[0] = false;
        throw new IllegalStateException("mail relay down");
      }
    });
    Engine engine = Engine.builder().clock(clock).rules(OFFERS).contactPolicy(ONE_A_DAY)
        .dispatcher(outbox).build();
    engine.decideAndSend("c-1");
    clock.advance(Duration.ofMinutes(5));

    Decision again = engine.decideAndSend("c-1");

    assertThat(again.winners()).extracting(r -> r.action().name()).containsExactly("tips");
    assertThat(outbox.actions()).containsExactly("tips", "tips");
    assertThat(engine.statistics().dispatchFailures()).isEqualTo(1);
  }

  @Test
  void message_handed_over_costs_its_cap() {
    Engine engine = Engine.builder().clock(clock).rules(OFFERS).contactPolicy(ONE_A_DAY)
        .dispatcher(outbox).build();
    engine.decideAndSend("c-1");
    clock.advance(Duration.ofMinutes(5));

    Decision again = engine.decideAndSend("c-1");

    assertThat(again.winners()).isEmpty();
    assertThat(again.rejection("tips")).hasValueSatisfying(
        r -> assertThat(r.reason()).isEqualTo(Reason.CAPPED));
    assertThat(outbox.actions()).containsExactly("tips");
  }

  /** A model that cannot score at all. */
  static final class EstimateThrows implements PropensityModel {
    @Override
    public Estimate estimate(Customer customer, Action action, Context context) {
      throw new IllegalStateException("scoring service down");
    }
  }

  @Test
  void model_whose_estimate_throws_rejects_the_action_instead_of_failing_the_decision() {
    Engine engine = Engine.builder().clock(clock).rules(OFFERS)
        .propensity(new EstimateThrows()).build();
    knowCustomer(engine);

    Decision decision = engine.decide("c-1");

    assertThat(decision.winners()).isEmpty();
    assertThat(decision.rejection("tips")).hasValueSatisfying(
        r -> assertThat(r.detail()).contains("propensity model threw"));
  }
}
