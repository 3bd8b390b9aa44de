package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Purpose;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.Placement;
import dev.rapport.core.decision.Rule;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.ReEntry;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.Trigger;
import dev.rapport.core.policy.Cap;
import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.core.policy.Reason;
import dev.rapport.core.policy.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * "Why didn't she get it?" as a query: refusals of journeys' send steps, their fallbacks and
 * decisions, each with its reason, channel, journey and step or placement, and time; narrowed
 * by action, journey and time; kept under a retention that counts what it drops.
 */
class RefusalQueryTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private final MutableClock clock = new MutableClock(T0);
  private final List<Dispatch> outbox = new ArrayList<>();
  /** Email only: a customer with no email address is unreachable for it. */
  private final Action news = Action.builder("news").purpose(Purpose.TRANSACTIONAL).via(Channel.EMAIL).build();
  private final Action promo = Action.builder("promo").topic("offers").via(Channel.IN_APP)
      .build();
  private final Action tips = Action.builder("tips").purpose(Purpose.TRANSACTIONAL).via(Channel.IN_APP)
      .via(Channel.EMAIL).build();
  private final Journey visits = Journey.builder("visits").reEntry(ReEntry.afterExit())
      .enterOn(Trigger.onEvent("visited")).steps(SendStep.of(news), SendStep.of(promo)).build();
  private final Journey help = Journey.builder("help").reEntry(ReEntry.afterExit())
      .enterOn(Trigger.onEvent("asked")).steps(SendStep.of(tips)).build();
  private final RuleSet offers = RuleSet.builder("offers")
      .rule(Rule.builder("promo").when(c -> true).recommend(promo).because("always").build())
      .build();
  /** One promotion a day. */
  private final ContactPolicy daily = ContactPolicy.builder()
      .cap(Cap.atMost(1).per(Duration.ofDays(1))).build();

  private Engine engine(RefusalRetention retention) {
    Engine.Builder b = Engine.builder().clock(clock).contactPolicy(daily)
        .journeys(visits, help).rules(offers).dispatcher(outbox::add);
    return retention == null ? b.build() : b.refusalRetention(retention).build();
  }

  private void track(Engine engine, String customer, String type, Instant at) {
    clock.set(at);
    engine.advanceTo(at);
    engine.track(Event.builder(customer, type).at(at));
  }

  private static Instant hours(int h) {
    return T0.plus(Duration.ofHours(h));
  }

  @Test
  void a_journeys_refusals_name_reason_channel_journey_step_and_time() {
    Engine engine = engine(null);

    track(engine, "ada", "visited", hours(0));   // news unreachable, promo sent
    track(engine, "ada", "visited", hours(1));   // news unreachable, promo capped

    List<Refusal> all = engine.refusals(RefusalQuery.of("ada")).refusals();

    assertThat(all).extracting(Refusal::action, Refusal::reason, Refusal::at)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("news", Reason.UNREACHABLE, hours(0)),
            org.assertj.core.groups.Tuple.tuple("news", Reason.UNREACHABLE, hours(1)),
            org.assertj.core.groups.Tuple.tuple("promo", Reason.CAPPED, hours(1)));
    Refusal capped = all.get(2);
    assertThat(capped.channel()).contains(Channel.IN_APP);
    assertThat(capped.journey()).contains("visits");
    assertThat(capped.step()).contains("2");
    assertThat(capped.placement()).isEmpty();
    assertThat(capped.fromDecision()).isFalse();
    assertThat(capped.attempt()).isEqualTo(1);
    assertThat(all.get(0).channel()).contains(Channel.EMAIL);
  }

  @Test
  void a_query_narrows_by_action_journey_and_time() {
    Engine engine = engine(null);
    track(engine, "ada", "visited", hours(0));
    track(engine, "ada", "visited", hours(2));
    track(engine, "ada", "visited", hours(4));
    track(engine, "bob", "visited", hours(4));

    RefusalLog promos = engine.refusals(RefusalQuery.of("ada").action("promo"));
    RefusalLog between = engine.refusals(RefusalQuery.of("ada").between(hours(1), hours(4)));
    RefusalLog other = engine.refusals(RefusalQuery.of("ada").journey("help"));
    RefusalLog nobody = engine.refusals(RefusalQuery.of("cy"));

    assertThat(promos.refusals()).extracting(Refusal::at).containsExactly(hours(2), hours(4));
    assertThat(between.refusals()).extracting(Refusal::action, Refusal::at).containsExactly(
        org.assertj.core.groups.Tuple.tuple("news", hours(2)),
        org.assertj.core.groups.Tuple.tuple("promo", hours(2)));
    assertThat(other.refusals()).isEmpty();
    assertThat(nobody.refusals()).isEmpty();
    assertThat(nobody.forgotten()).isZero();
    assertThat(promos.customer().value()).isEqualTo("ada");
  }

  @Test
  void a_decision_records_the_gates_refusals_with_its_placement_and_a_preview_records_none() {
    Engine engine = engine(null);
    track(engine, "ada", "visited", hours(0)); // the journey sends the day's promotion

    engine.preview("ada", Placement.ofDefaults());
    Decision refused = engine.decide("ada", Placement.of("home-banner", 1));

    assertThat(refused.winners()).isEmpty();
    List<Refusal> decided = engine.refusals(RefusalQuery.of("ada").action("promo")).refusals();
    assertThat(decided).hasSize(1);
    assertThat(decided.get(0).reason()).isEqualTo(Reason.CAPPED);
    assertThat(decided.get(0).placement()).contains("home-banner");
    assertThat(decided.get(0).fromDecision()).isTrue();
    assertThat(decided.get(0).journey()).isEmpty();
  }

  @Test
  void a_refused_fallback_is_recorded_as_the_next_attempt() {
    Engine engine = engine(null);
    track(engine, "ada", "asked", hours(0)); // tips sent in-app
    String dispatch = outbox.get(0).id();

    clock.set(hours(1));
    engine.track(Event.builder("ada", EventTypes.DELIVERY_FAILED)
        .with(EventTypes.DISPATCH_ID, dispatch).at(hours(1)));

    List<Refusal> fallback = engine.refusals(RefusalQuery.of("ada").action("tips")).refusals();
    assertThat(fallback).hasSize(1);
    assertThat(fallback.get(0).reason()).isEqualTo(Reason.UNREACHABLE);
    assertThat(fallback.get(0).channel()).contains(Channel.EMAIL);
    assertThat(fallback.get(0).attempt()).isEqualTo(2);
    assertThat(fallback.get(0).journey()).contains("help");
  }

  @Test
  void a_held_out_customers_send_steps_are_refused_as_holdout() {
    Journey measured = Journey.builder("measured").enterOn(Trigger.onEvent("joined"))
        .holdout(0.5).steps(SendStep.of(promo)).build();
    Engine engine = Engine.builder().clock(clock).journeys(measured).dispatcher(outbox::add)
        .build();
    int heldOut = 0;

    for (int i = 0; i < 20; i++) {
      String id = "c-" + i;
      engine.track(Event.builder(id, "joined").at(T0));
      boolean held = engine.explain(id).enrollment("measured").orElseThrow().holdout();
      heldOut += held ? 1 : 0;
      assertThat(engine.refusals(RefusalQuery.of(id)).refusals()).as(id)
          .extracting(Refusal::reason)
          .isEqualTo(held ? List.of(Reason.HOLDOUT) : List.of());
    }

    assertThat(heldOut).isBetween(1, 19);
  }

  @Test
  void more_refusals_than_an_enrollment_keeps_stay_queryable() {
    Engine engine = engine(null);

    for (int h = 0; h < 60; h++) {
      track(engine, "ada", "visited", hours(h));
    }

    assertThat(engine.refusals(RefusalQuery.of("ada").action("news")).refusals()).hasSize(60);
    assertThat(engine.explain("ada").enrollment("visits").orElseThrow().history())
        .as("the enrollment's own history is bounded").hasSizeLessThan(60);
  }

  @Test
  void the_retention_drops_the_oldest_and_counts_them() {
    Engine engine = engine(RefusalRetention.of(3, Duration.ofDays(30)));

    for (int h = 0; h < 4; h++) {
      track(engine, "ada", "visited", hours(h)); // 7 refusals: news 4 times, promo 3 times
    }

    RefusalLog log = engine.refusals(RefusalQuery.of("ada"));
    assertThat(log.refusals()).extracting(Refusal::action, Refusal::at).containsExactly(
        org.assertj.core.groups.Tuple.tuple("promo", hours(2)),
        org.assertj.core.groups.Tuple.tuple("news", hours(3)),
        org.assertj.core.groups.Tuple.tuple("promo", hours(3)));
    assertThat(log.forgotten()).isEqualTo(4);
    assertThat(log.forgottenUntil()).contains(hours(2));
    assertThat(engine.statistics().refusalsForgotten()).isEqualTo(4);
  }

  @Test
  void the_retention_drops_refusals_older_than_its_age() {
    Engine engine = engine(RefusalRetention.of(100, Duration.ofDays(2)));
    track(engine, "ada", "visited", hours(0));

    track(engine, "ada", "visited", hours(24 * 3));

    RefusalLog log = engine.refusals(RefusalQuery.of("ada"));
    assertThat(log.refusals()).extracting(Refusal::at).containsOnly(hours(72));
    assertThat(log.forgotten()).isEqualTo(1);
    assertThat(log.forgottenUntil()).contains(hours(0));
  }

  @Test
  void a_retention_of_none_keeps_nothing_and_counts_everything() {
    Engine engine = engine(RefusalRetention.of(0, Duration.ofDays(1)));

    track(engine, "ada", "visited", hours(0));
    track(engine, "ada", "visited", hours(1));

    RefusalLog log = engine.refusals(RefusalQuery.of("ada"));
    assertThat(log.refusals()).isEmpty();
    assertThat(log.forgotten()).isEqualTo(3);
    assertThat(log.forgottenUntil()).contains(hours(1));
  }

  @Test
  void forget_erases_the_refusals() {
    Engine engine = engine(null);
    track(engine, "ada", "visited", hours(0));

    engine.forget("ada");

    assertThat(engine.refusals(RefusalQuery.of("ada")).refusals()).isEmpty();
  }

  @Test
  void refusals_survive_an_engine_built_on_the_same_store() {
    StateStore store = StateStore.inMemory();
    Engine first = Engine.builder().clock(clock).stateStore(store).journeys(visits)
        .dispatcher(outbox::add).build();
    track(first, "ada", "visited", hours(0));

    Engine second = Engine.builder().clock(clock).stateStore(store).journeys(visits)
        .dispatcher(outbox::add).build();

    assertThat(second.refusals(RefusalQuery.of("ada")).refusals())
        .isEqualTo(first.refusals(RefusalQuery.of("ada")).refusals()).hasSize(1);
  }

  @Test
  void queries_and_retentions_refuse_bad_values() {
    assertThatThrownBy(() -> RefusalQuery.of(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RefusalQuery.of("ada").action("promo").action("news"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("refusal query: action is already set; set it once");
    assertThatThrownBy(() -> RefusalQuery.of("ada").between(hours(2), hours(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("refusal query: between(" + hours(2) + ", " + hours(1) + ") ends before it "
            + "starts; give the earlier instant first");
    assertThatThrownBy(() -> RefusalRetention.of(-1, Duration.ofDays(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("refusal retention: perCustomer is -1; give 0 or more (0 keeps none)");
    assertThatThrownBy(() -> RefusalRetention.of(10, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("refusal retention: maxAge is PT0S; give a positive duration");
    assertThatThrownBy(() -> engine(null).refusals(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("refusals(query): query is null; give one such as "
            + "RefusalQuery.of(customerId)");
    assertThat(RefusalRetention.ofDefaults()).isEqualTo(RefusalRetention.of(200,
        Duration.ofDays(90)));
    assertThat(Optional.of(RefusalQuery.of("ada").journey("visits").journey()))
        .contains(Optional.of("visits"));
  }
}
