package dev.rapport.core.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rapport.core.Customer;
import dev.rapport.core.EngagementLevel;
import dev.rapport.core.EngagementModel;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.LifecycleStage;
import dev.rapport.core.RecencyFrequencyEngagement;
import dev.rapport.core.RhythmEngagement;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rhythm model: occasions counted once per instant, a lapse risk that follows each
 * customer's own rhythm (the BG/NBD formulas, checked against values computed by hand), levels
 * driven by it and reviewed on time with no event, and the builders' checks.
 */
class RhythmEngagementTest {
  private static final Instant T0 = Instant.parse("2025-01-06T10:00:00Z");

  private final MutableClock clock = new MutableClock(T0);
  private final RhythmEngagement model = RhythmEngagement.builder(Set.of("order_placed")).build();
  private final Engine engine = Engine.builder().clock(clock).engagement(model).build();

  private void order(String customer, long day) {
    Instant at = T0.plus(Duration.ofDays(day));
    clock.set(at);
    engine.track(Event.of(customer, "order_placed", at));
  }

  private Customer customer(String id) {
    return engine.customer(id).orElseThrow();
  }

  private static Instant day(long d) {
    return T0.plus(Duration.ofDays(d));
  }

  @Test
  void lines_of_one_order_at_one_instant_are_one_occasion() {
    for (int line = 0; line < 5; line++) {
      engine.track(Event.builder("ada", "item_bought").id("line-" + line).at(T0));
    }
    engine.track(Event.builder("ada", "item_bought").id("line-5").at(T0.plusSeconds(60)));
    engine.track(Event.builder("ada", "item_bought").id("line-6").at(T0.minusSeconds(60)));
    engine.track(Event.builder("ada", "item_bought").id("line-7").at(T0.plusSeconds(30)));
    engine.track(Event.builder("ada", "item_bought").id("line-8").at(T0.plusSeconds(30)));

    assertThat(customer("ada").count("item_bought")).isEqualTo(9);
    assertThat(customer("ada").occasions("item_bought")).isEqualTo(4);
    assertThat(customer("ada").occasions("never_done")).isZero();
  }

  @Test
  void the_lapse_risk_is_the_bg_nbd_probability_of_no_occasion_within_the_horizon() {
    order("ada", 0);
    order("ada", 10);
    order("ada", 20);
    clock.set(day(50));

    double risk = customer("ada").lapseRisk().orElseThrow();

    // x = 2, t = 20, T = 50 days; r = 1, alpha = 30, a = 1, b = 3 (the defaults), H = 90
    double odds = 1.0 / (3 + 1) * Math.pow((30.0 + 50) / (30 + 20), 3);
    double active = 1 / (1 + odds);
    double quiet = Math.pow((30.0 + 50) / (30 + 50 + 90), 3);
    assertThat(risk).isCloseTo(1 - active * (1 - quiet), within(1e-12));
    assertThat(model.activeProbability(customer("ada")).orElseThrow())
        .isCloseTo(active, within(1e-12));
  }

  @Test
  void the_same_silence_is_riskier_for_a_frequent_customer_than_for_a_rare_one() {
    for (int d = 0; d <= 120; d += 7) {
      order("weekly", d);
    }
    order("rare", 0);
    order("rare", 119);
    clock.set(day(160));

    double weekly = customer("weekly").lapseRisk().orElseThrow();
    double rare = customer("rare").lapseRisk().orElseThrow();

    assertThat(customer("weekly").since("order_placed"))
        .isEqualTo(customer("rare").since("order_placed"));
    assertThat(weekly).isGreaterThan(rare);
  }

  @Test
  void a_customer_who_never_engaged_has_no_risk_and_a_model_without_one_gives_none() {
    engine.track(Event.of("ada", "signed_up", T0));
    Engine plain = Engine.builder().clock(clock).build();
    plain.track(Event.of("bob", "purchased", T0));

    assertThat(customer("ada").lapseRisk()).isEmpty();
    assertThat(customer("ada").engagement()).isEqualTo(EngagementLevel.LOW_ORGANIC);
    assertThat(plain.customer("bob").orElseThrow().lapseRisk()).isEmpty();
  }

  @Test
  void a_weekly_customer_who_goes_quiet_drops_on_time_with_no_event() {
    for (int d = 0; d <= 70; d += 7) {
      order("ada", d);
    }
    EngagementLevel before = customer("ada").engagement();

    engine.advanceTo(day(400));

    assertThat(before).isEqualTo(EngagementLevel.HIGH);
    assertThat(customer("ada").engagement()).isEqualTo(EngagementLevel.LOST);
    assertThat(customer("ada").stage()).isEqualTo(LifecycleStage.WIN_BACK);
    List<Event> quiet = customer("ada").history(EventTypes.ENGAGEMENT_CHANGED).stream()
        .filter(e -> e.time().isAfter(day(70))).toList();
    assertThat(quiet).extracting(e -> e.properties().get(EventTypes.TO))
        .containsExactly("LOW_ORGANIC", "DISENGAGED", "LOST");
    for (Event change : quiet) {
      // each change happened where the risk crossed its threshold, to the second
      Instant at = change.time();
      double threshold = switch ((String) change.properties().get(EventTypes.TO)) {
        case "LOW_ORGANIC" -> 0.2;
        case "DISENGAGED" -> 0.5;
        default -> 0.9;
      };
      assertThat(riskAt("ada", at)).isGreaterThanOrEqualTo(threshold);
      assertThat(riskAt("ada", at.minusSeconds(3))).isLessThan(threshold);
    }
  }

  /** The customer's risk at an instant, from a view at that instant. */
  private double riskAt(String id, Instant at) {
    MutableClock then = new MutableClock(at);
    Engine replay = Engine.builder().clock(then).engagement(model).build();
    for (int d = 0; d <= 70; d += 7) {
      replay.track(Event.of(id, "order_placed", day(d)));
    }
    return replay.customer(id).orElseThrow().lapseRisk().orElseThrow();
  }

  @Test
  void a_complaint_makes_a_customer_at_low_risk_disaffected() {
    for (int d = 0; d <= 70; d += 7) {
      order("ada", d);
    }
    engine.track(Event.of("ada", EventTypes.COMPLAINED, day(70)));

    assertThat(customer("ada").engagement()).isEqualTo(EngagementLevel.LOW_DISAFFECTED);
    assertThat(customer("ada").stage()).isEqualTo(LifecycleStage.AT_RISK);
  }

  @Test
  void thresholds_and_parameters_are_settings() {
    RhythmEngagement strict = RhythmEngagement.builder(Set.of("order_placed"))
        .horizon(Duration.ofDays(30)).highBelow(0.05).atRiskFrom(0.3).lostFrom(0.95)
        .population(new RhythmEngagement.Population(1.0, 60, 0.5, 3)).build();
    Engine e = Engine.builder().clock(clock).engagement(strict).build();
    e.track(Event.of("ada", "order_placed", T0));
    clock.set(day(30));
    e.track(Event.of("ada", "order_placed", day(30)));
    clock.set(day(45));

    double risk = e.customer("ada").orElseThrow().lapseRisk().orElseThrow();

    double odds = 0.5 / 3 * Math.pow((60.0 + 45) / (60 + 30), 2);
    double quiet = Math.pow((60.0 + 45) / (60 + 45 + 30), 2);
    assertThat(risk).isCloseTo(1 - (1 - quiet) / (1 + odds), within(1e-12));
    assertThat(strict.horizon()).isEqualTo(Duration.ofDays(30));
    assertThat(strict.engagementEvents()).containsExactly("order_placed");
  }

  @Test
  void bad_settings_are_refused_with_what_to_do() {
    assertThatThrownBy(() -> RhythmEngagement.builder(Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rhythm engagement: engagement events are empty; give the event types "
            + "that count, such as \"logged_in\"");
    assertThatThrownBy(() -> RhythmEngagement.builder(Set.of("x")).atRiskFrom(1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rhythm engagement: atRiskFrom is 1.0; give a probability strictly "
            + "between 0 and 1, such as 0.5");
    assertThatThrownBy(() -> new RhythmEngagement.Population(0.2, -1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rhythm engagement: population parameter alphaDays is -1.0; give a "
            + "positive finite number");
    assertThatThrownBy(() -> RhythmEngagement.builder(Set.of("x")).horizon(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rhythm engagement: horizon is PT0S; give a positive duration");
    assertThatThrownBy(() -> RhythmEngagement.builder(Set.of("x")).highBelow(0.6).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("rhythm engagement: highBelow (0.6) is not below atRiskFrom (0.5); a "
            + "highly engaged customer's risk must be lower");
    assertThatThrownBy(() -> RhythmEngagement.builder(Set.of("x")).lostFrom(0.4).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("rhythm engagement: atRiskFrom (0.5) is not below lostFrom (0.4); a lost "
            + "customer's risk must be the higher");
    assertThatThrownBy(() -> RhythmEngagement.builder(Set.of("x")).lostFrom(0.8).lostFrom(0.9))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("rhythm engagement: lostFrom is already set; set it once");
    RhythmEngagement.Builder used = RhythmEngagement.builder(Set.of("x"));
    RhythmEngagement built = used.build();
    assertThat(used.build()).isSameAs(built);
    assertThatThrownBy(() -> used.horizon(Duration.ofDays(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("rhythm engagement: horizon comes after build(); the builder is "
            + "single-use: start another with RhythmEngagement.builder(events)");
  }

  @Test
  void recency_frequency_windows_are_settings_and_must_nest() {
    RecencyFrequencyEngagement weekly = RecencyFrequencyEngagement
        .builder(Set.of("lesson_completed"))
        .highWhen(2, Duration.ofDays(7)).latestWithin(Duration.ofDays(3))
        .lowWithin(Duration.ofDays(14)).disengagedWithin(Duration.ofDays(60))
        .deliveryFailures(3, Duration.ofDays(10)).build();
    Engine e = Engine.builder().clock(clock).engagement(weekly).build();
    e.track(Event.of("ada", "lesson_completed", T0));
    clock.set(day(1));
    e.track(Event.of("ada", "lesson_completed", day(1)));
    EngagementLevel high = e.customer("ada").orElseThrow().engagement();
    e.advanceTo(day(20));
    EngagementLevel later = e.customer("ada").orElseThrow().engagement();
    e.advanceTo(day(70));

    assertThat(high).isEqualTo(EngagementLevel.HIGH);
    assertThat(later).isEqualTo(EngagementLevel.DISENGAGED);
    assertThat(e.customer("ada").orElseThrow().engagement()).isEqualTo(EngagementLevel.LOST);
    assertThat(weekly.engagementEvents()).containsExactly("lesson_completed");
    assertThatThrownBy(() -> RecencyFrequencyEngagement.builder(Set.of("x"))
        .lowWithin(Duration.ofDays(100)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("recency/frequency engagement: lowWithin (PT2400H) is not shorter than "
            + "disengagedWithin (PT2160H); make the disengaged window the longer one");
    assertThatThrownBy(() -> RecencyFrequencyEngagement.builder(Set.of("x")).highWhen(0,
        Duration.ofDays(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("recency/frequency engagement: highWhen count is 0; give 1 or more "
            + "engagements");
    assertThat(EngagementModel.recencyFrequency(Set.of("x")))
        .isInstanceOf(RecencyFrequencyEngagement.class);
    assertThat(EngagementModel.rhythm(Set.of("x"))).isInstanceOf(RhythmEngagement.class);
  }
}
