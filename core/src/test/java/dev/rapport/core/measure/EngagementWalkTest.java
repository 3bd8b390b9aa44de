package dev.rapport.core.measure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Customer;
import dev.rapport.core.EngagementLevel;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.LifecycleModel;
import dev.rapport.core.LifecycleStage;
import dev.rapport.core.Moment;
import dev.rapport.core.RecencyFrequencyEngagement;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.MutableClock;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Engagement levels and lifecycle stages walked with a clock that the test moves and {@code
 * advanceTo}: the default recency/frequency model (high within 7 days with 3 engagements in 14,
 * low within 30, disengaged within 90, lost after; disaffected with a negative signal, even when
 * otherwise high) and the
 * default lifecycle model, their change events, a journey entering on them, and custom models.
 */
class EngagementWalkTest {
  private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

  private final MutableClock clock = new MutableClock(T0);
  private final List<Dispatch> outbox = new ArrayList<>();

  private void track(Engine engine, String customer, String type, Instant at) {
    clock.set(at);
    engine.track(Event.of(customer, type, at));
  }

  /** Logs the customer in on days 0, 1 and 2: three engagements in a row make them high. */
  private void threeLogins(Engine engine, String customer) {
    for (int d = 0; d < 3; d++) {
      track(engine, customer, "logged_in", at(d));
    }
  }

  private static Customer customer(Engine engine, String id) {
    return engine.customer(id).orElseThrow();
  }

  /** The customer's change events of a type, as {@code FROM -> TO at instant}. */
  private static List<String> changes(Engine engine, String id, String type) {
    return customer(engine, id).history(type).stream()
        .map(e -> e.properties().get(EventTypes.FROM) + " -> " + e.properties().get(EventTypes.TO)
            + " at " + e.time())
        .toList();
  }

  private static String change(Object from, Object to, long day) {
    return from + " -> " + to + " at " + at(day);
  }

  private static Instant at(long days) {
    return T0.plus(Duration.ofDays(days));
  }

  /** Advances to each day in turn, noting the customer's level and stage there. */
  private static List<String> walk(Engine engine, String id, long... days) {
    List<String> seen = new ArrayList<>();
    for (long d : days) {
      engine.advanceTo(at(d));
      Customer c = customer(engine, id);
      seen.add("day " + d + ": " + c.engagement() + ", " + c.stage());
    }
    return seen;
  }

  // ------------------------------------------------------------------ the walk

  @Test
  void first_computation_is_no_change() {
    Engine engine = Engine.builder().clock(clock).build();

    track(engine, "c-1", "logged_in", T0);

    assertThat(customer(engine, "c-1").engagement()).isEqualTo(EngagementLevel.LOW_ORGANIC);
    assertThat(customer(engine, "c-1").stage()).isEqualTo(LifecycleStage.NEW);
    assertThat(customer(engine, "c-1").count(EventTypes.ENGAGEMENT_CHANGED)).isZero();
    assertThat(customer(engine, "c-1").count(EventTypes.STAGE_CHANGED)).isZero();
  }

  @Test
  void engagement_walks_high_low_disengaged_lost_as_time_passes() {
    Engine engine = Engine.builder().clock(clock).build();
    threeLogins(engine, "c-1");
    EngagementLevel afterThree = customer(engine, "c-1").engagement();

    List<String> walk = walk(engine, "c-1", 6, 8, 9, 31, 32, 91, 92, 200);

    assertThat(afterThree).isEqualTo(EngagementLevel.HIGH);
    assertThat(walk).containsExactly(
        "day 6: HIGH, NEW",
        "day 8: HIGH, ACTIVE",
        "day 9: LOW_ORGANIC, ACTIVE",
        "day 31: LOW_ORGANIC, ACTIVE",
        "day 32: DISENGAGED, AT_RISK",
        "day 91: DISENGAGED, AT_RISK",
        "day 92: LOST, WIN_BACK",
        "day 200: LOST, WIN_BACK");
    assertThat(changes(engine, "c-1", EventTypes.ENGAGEMENT_CHANGED)).containsExactly(
        change("LOW_ORGANIC", "HIGH", 2),
        change("HIGH", "LOW_ORGANIC", 9),
        change("LOW_ORGANIC", "DISENGAGED", 32),
        change("DISENGAGED", "LOST", 92));
    assertThat(changes(engine, "c-1", EventTypes.STAGE_CHANGED)).containsExactly(
        change("NEW", "ACTIVE", 7),
        change("ACTIVE", "AT_RISK", 32),
        change("AT_RISK", "WIN_BACK", 92));
  }

  @Test
  void a_complaint_drops_even_a_highly_engaged_customer_to_low_disaffected() {
    Engine engine = Engine.builder().clock(clock).build();
    threeLogins(engine, "c-1");

    track(engine, "c-1", EventTypes.COMPLAINED, at(3));
    List<String> walk = walk(engine, "c-1", 8, 9, 32, 92);

    assertThat(walk).containsExactly(
        "day 8: LOW_DISAFFECTED, AT_RISK",
        "day 9: LOW_DISAFFECTED, AT_RISK",
        "day 32: DISENGAGED, AT_RISK",
        "day 92: LOST, WIN_BACK");
    assertThat(changes(engine, "c-1", EventTypes.ENGAGEMENT_CHANGED)).containsExactly(
        change("LOW_ORGANIC", "HIGH", 2),
        change("HIGH", "LOW_DISAFFECTED", 3),
        change("LOW_DISAFFECTED", "DISENGAGED", 32),
        change("DISENGAGED", "LOST", 92));
    assertThat(changes(engine, "c-1", EventTypes.STAGE_CHANGED)).containsExactly(
        change("NEW", "AT_RISK", 3),
        change("AT_RISK", "WIN_BACK", 92));
  }

  @Test
  void a_complaint_stops_counting_once_its_window_has_passed() {
    Engine engine = Engine.builder().clock(clock)
        .engagement(RecencyFrequencyEngagement.builder(Set.of("logged_in"))
            .negativeSignalsWithin(Duration.ofDays(10)).build())
        .build();
    track(engine, "c-1", EventTypes.COMPLAINED, T0);
    for (int d = 1; d <= 14; d++) {
      track(engine, "c-1", "logged_in", at(d));
    }

    assertThat(customer(engine, "c-1").engagement()).isEqualTo(EngagementLevel.HIGH);
    assertThat(changes(engine, "c-1", EventTypes.ENGAGEMENT_CHANGED))
        .containsExactly(change("LOW_DISAFFECTED", "HIGH", 10));
  }

  @Test
  void engagement_walk_with_a_poor_csat_drops_to_low_disaffected() {
    Engine engine = Engine.builder().clock(clock).build();
    threeLogins(engine, "c-1");
    clock.set(at(3));
    engine.track(Event.builder("c-1", EventTypes.SURVEY_ANSWERED).with(EventTypes.KIND, "csat")
        .with(EventTypes.SCORE, 2).at(at(3)));

    engine.advanceTo(at(9));

    assertThat(customer(engine, "c-1").engagement()).isEqualTo(EngagementLevel.LOW_DISAFFECTED);
  }

  // ------------------------------------------------------------------ lifecycle

  @Test
  void customer_is_onboarding_after_a_week_until_the_activation_moment_then_active() {
    Moment activated = Moment.builder("activated").reachedOn("first_sync").build();
    Engine engine = Engine.builder().clock(clock).moments(activated)
        .lifecycle(LifecycleModel.ofDefaults(Optional.of(activated))).build();
    track(engine, "c-1", "signed_up", T0);

    List<String> walk = walk(engine, "c-1", 6, 7);
    track(engine, "c-1", "first_sync", at(8));

    assertThat(walk).containsExactly("day 6: LOW_ORGANIC, NEW", "day 7: LOW_ORGANIC, ONBOARDING");
    assertThat(customer(engine, "c-1").stage()).isEqualTo(LifecycleStage.ACTIVE);
    assertThat(changes(engine, "c-1", EventTypes.STAGE_CHANGED)).containsExactly(
        change("NEW", "ONBOARDING", 7),
        change("ONBOARDING", "ACTIVE", 8));
  }

  @Test
  void customer_highly_engaged_for_180_days_becomes_loyal() {
    Engine engine = Engine.builder().clock(clock).build();
    List<String> stages = new ArrayList<>();

    for (int d = 0; d <= 180; d += 3) {
      engine.advanceTo(at(d));
      track(engine, "c-1", "logged_in", at(d));
      if (d == 177 || d == 180) {
        stages.add("day " + d + ": " + customer(engine, "c-1").engagement() + ", "
            + customer(engine, "c-1").stage());
      }
    }

    assertThat(stages).containsExactly("day 177: HIGH, ACTIVE", "day 180: HIGH, LOYAL");
    assertThat(changes(engine, "c-1", EventTypes.ENGAGEMENT_CHANGED))
        .containsExactly(change("LOW_ORGANIC", "HIGH", 6));
    assertThat(changes(engine, "c-1", EventTypes.STAGE_CHANGED)).containsExactly(
        change("NEW", "ACTIVE", 7),
        change("ACTIVE", "LOYAL", 180));
  }

  // ------------------------------------------------------------------ journeys on a drop

  @Test
  void at_risk_journey_starts_for_the_customer_at_the_drop_to_low_disaffected() {
    Action checkIn = Action.builder("check-in").via(Channel.IN_APP).build();
    Journey atRisk = Journey.builder("at-risk")
        .enterOn(Trigger.onEvent(EventTypes.ENGAGEMENT_CHANGED,
            p -> EngagementLevel.LOW_DISAFFECTED.name().equals(p.get(EventTypes.TO))))
        .steps(SendStep.of(checkIn)).build();
    Engine engine = Engine.builder().clock(clock).journeys(atRisk).dispatcher(outbox::add)
        .build();
    threeLogins(engine, "unhappy");
    threeLogins(engine, "content");
    clock.set(at(3));
    engine.track(Event.builder("unhappy", EventTypes.SURVEY_ANSWERED)
        .with(EventTypes.KIND, "csat").with(EventTypes.SCORE, 2).at(at(3)));

    engine.advanceTo(at(40));

    assertThat(outbox).extracting(d -> d.customer().value() + " " + d.action().name() + " via "
        + d.channel() + " at " + d.at())
        .containsExactly("unhappy check-in via in_app at " + at(3));
    assertThat(engine.explain("unhappy").enrollment("at-risk").orElseThrow().enteredAt())
        .isEqualTo(at(3));
    assertThat(engine.explain("content").enrollment("at-risk")).isEmpty();
    assertThat(customer(engine, "content").engagement()).isEqualTo(EngagementLevel.DISENGAGED);
  }

  // ------------------------------------------------------------------ custom models

  @Test
  void custom_engagement_model_is_used_when_given() {
    Engine engine = Engine.builder().clock(clock)
        .engagement(c -> c.count("purchased") >= 2 ? EngagementLevel.HIGH
            : EngagementLevel.LOW_ORGANIC)
        .build();
    threeLogins(engine, "browser");
    track(engine, "buyer", "purchased", T0);

    track(engine, "buyer", "purchased", at(1));
    engine.advanceTo(at(365));

    assertThat(customer(engine, "buyer").engagement()).isEqualTo(EngagementLevel.HIGH);
    assertThat(customer(engine, "browser").engagement()).isEqualTo(EngagementLevel.LOW_ORGANIC);
    assertThat(changes(engine, "buyer", EventTypes.ENGAGEMENT_CHANGED))
        .containsExactly(change("LOW_ORGANIC", "HIGH", 1));
  }

  @Test
  void custom_lifecycle_model_is_given_the_engagement_level() {
    Engine engine = Engine.builder().clock(clock)
        .lifecycle((c, level) -> level == EngagementLevel.HIGH ? LifecycleStage.LOYAL
            : LifecycleStage.ONBOARDING)
        .build();
    track(engine, "c-1", "logged_in", T0);
    LifecycleStage first = customer(engine, "c-1").stage();

    track(engine, "c-1", "logged_in", at(1));
    track(engine, "c-1", "logged_in", at(2));

    assertThat(first).isEqualTo(LifecycleStage.ONBOARDING);
    assertThat(customer(engine, "c-1").stage()).isEqualTo(LifecycleStage.LOYAL);
    assertThat(changes(engine, "c-1", EventTypes.STAGE_CHANGED))
        .containsExactly(change("ONBOARDING", "LOYAL", 2));
  }
}
