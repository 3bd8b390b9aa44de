package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.SendTimes;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.StepOutcome;
import dev.rapport.core.journey.StepRecord;
import dev.rapport.core.journey.Trigger;
import dev.rapport.core.policy.Cap;
import dev.rapport.core.policy.ContactPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Send-time optimisation in scenarios: a reminder held for the customer's best hour and sent
 * then; a best hour in quiet hours passed over for the best allowed one; a cap that would be
 * broken at the best hour passed over for the next; the population's hour for a customer with
 * no history; the host's own decisions; the choice and its reason in the explanation; the model's
 * weights computed by hand.
 *
 * <p>The week of the scenarios starts on Monday 2026-03-02 (UTC, the policy's default zone);
 * customers' past opens are in the week before. Thirty other customers open at 10:00 on the
 * weekdays before, so the population's best hour is 10:00.
 */
class SendTimeTest {
  private static final Instant MONDAY = Instant.parse("2026-03-02T00:00:00Z");
  private static final Action REMINDER = Action.builder("cart-reminder").via(Channel.IN_APP)
      .build();
  private static final Action WELCOME = Action.builder("welcome").via(Channel.IN_APP).build();

  private final MutableClock clock = new MutableClock(MONDAY);
  private final List<Dispatch> sent = new ArrayList<>();

  private Engine engine() {
    return Engine.builder().clock(clock)
        .contactPolicy(ContactPolicy.builder()
            .cap(Cap.of(1, Duration.ofHours(12)))
            .quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0))
            .build())
        .journeys(
            Journey.builder("cart").enterOn(Trigger.onEvent("cart_abandoned"))
                .steps(SendStep.of(REMINDER).atBestTimeWithin(Duration.ofDays(1))).build(),
            Journey.builder("welcome").enterOn(Trigger.onEvent("signed_up"))
                .steps(SendStep.of(WELCOME)).build())
        .dispatcher(sent::add)
        .build();
  }

  private static Instant at(int daysFromMonday, int hour, int minute) {
    return MONDAY.plus(Duration.ofDays(daysFromMonday)).plus(Duration.ofHours(hour))
        .plus(Duration.ofMinutes(minute));
  }

  /** Thirty customers who open at 10:00 on the weekdays of the week before. */
  private void population(Engine engine) {
    for (int i = 0; i < 30; i++) {
      Instant t = at(-7 + i % 5, 10, 5);
      engine.track(Event.of("p-" + i, EventTypes.OPENED, t));
    }
  }

  /** A customer who opened at the given hour on the six days of the week before. */
  private void habit(Engine engine, String customer, int hour) {
    for (int d = -7; d < -1; d++) {
      engine.track(Event.of(customer, EventTypes.OPENED, at(d, hour, 10)));
    }
  }

  private void enter(Engine engine, String customer, Instant when) {
    clock.set(when);
    engine.advanceTo(when);
    engine.track(Event.of(customer, "cart_abandoned", when));
  }

  private List<Dispatch> reminders(String customer) {
    return sent.stream().filter(d -> d.customer().value().equals(customer)
        && d.action().name().equals("cart-reminder")).toList();
  }

  @Test
  void holds_a_send_for_the_customers_best_hour_and_sends_it_then() {
    Engine engine = engine();
    population(engine);
    habit(engine, "ada", 19);

    enter(engine, "ada", at(0, 9, 30));
    assertThat(reminders("ada")).as("not at 09:30").isEmpty();
    clock.set(at(1, 9, 30));
    engine.advanceTo(at(1, 9, 30));

    assertThat(reminders("ada")).extracting(Dispatch::at).containsExactly(at(0, 19, 0));
    List<StepRecord> steps = engine.explain("ada").enrollments().get(0).history();
    assertThat(steps).extracting(StepRecord::outcome).contains(StepOutcome.SCHEDULED,
        StepOutcome.SENT);
    assertThat(steps.stream().filter(s -> s.outcome() == StepOutcome.SCHEDULED).findFirst()
        .orElseThrow().detail()).isEqualTo("for 2026-03-02T19:00:00Z, the customer's best "
            + "hour (from their own responses)");
  }

  @Test
  void a_best_hour_in_quiet_hours_gives_way_to_the_best_allowed_hour() {
    Engine engine = engine();
    population(engine);
    habit(engine, "bob", 22);   // within the quiet hours, 21:00 to 08:00

    enter(engine, "bob", at(0, 12, 30));
    clock.set(at(1, 12, 30));
    engine.advanceTo(at(1, 12, 30));

    // his hours around 22:00 are all quiet; of the others, the population's 10:00 is the best
    assertThat(reminders("bob")).extracting(Dispatch::at).containsExactly(at(1, 10, 0));
  }

  @Test
  void a_best_hour_over_a_cap_gives_way_to_the_next_best_within_it() {
    Engine engine = engine();
    population(engine);
    habit(engine, "cy", 19);
    clock.set(at(0, 8, 0));
    engine.track(Event.of("cy", "signed_up", at(0, 8, 0)));   // welcome at 08:00: cap until 20:00

    enter(engine, "cy", at(0, 9, 30));
    clock.set(at(1, 9, 30));
    engine.advanceTo(at(1, 9, 30));

    // 19:00 would be a second message in 12 hours; 20:00, next to her habit, is allowed
    assertThat(reminders("cy")).extracting(Dispatch::at).containsExactly(at(0, 20, 0));
    assertThat(sent).filteredOn(d -> d.customer().value().equals("cy")).hasSize(2);
  }

  @Test
  void a_customer_with_no_history_gets_the_populations_best_hour() {
    Engine engine = engine();
    population(engine);

    enter(engine, "dee", at(0, 12, 30));
    clock.set(at(1, 12, 30));
    engine.advanceTo(at(1, 12, 30));

    assertThat(reminders("dee")).extracting(Dispatch::at).containsExactly(at(1, 10, 0));
  }

  @Test
  void now_is_the_time_when_now_is_the_best_hour() {
    Engine engine = engine();
    population(engine);
    habit(engine, "eve", 19);

    enter(engine, "eve", at(0, 19, 20));

    assertThat(reminders("eve")).extracting(Dispatch::at).containsExactly(at(0, 19, 20));
  }

  @Test
  void the_host_asks_for_the_best_time_of_its_own_decisions() {
    Engine engine = engine();
    population(engine);
    habit(engine, "ada", 19);
    clock.set(at(0, 9, 30));

    SendTime when = engine.bestSendTime("ada", REMINDER, Duration.ofDays(1));
    SendTime again = engine.bestSendTime("ada", REMINDER, Duration.ofDays(1));

    assertThat(when.at()).isEqualTo(at(0, 19, 0));
    assertThat(when.hourOfWeek()).isEqualTo(19);
    assertThat(when.basis()).isEqualTo(SendTimes.Basis.OWN_HISTORY);
    assertThat(when.reason()).isEqualTo("the customer's best hour, Mon 19:00 in UTC, from "
        + "their own responses (6 seen)");
    assertThat(again).as("deterministic").isEqualTo(when);
    assertThat(sent).as("asking sends nothing").noneMatch(d -> d.customer().value()
        .equals("ada"));
  }

  @Test
  void an_engine_without_a_model_refuses_the_hosts_question() {
    Engine plain = Engine.builder().clock(clock).build();

    assertThatThrownBy(() -> plain.bestSendTime("ada", REMINDER, Duration.ofDays(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("bestSendTime: the engine has no send-time model; give one with "
            + "Engine.builder().sendTimes(SendTimes.ofDefaults())");
    assertThatThrownBy(() -> SendStep.of(REMINDER).atBestTimeWithin(Duration.ofDays(43)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("send(cart-reminder): atBestTimeWithin(PT1032H) is longer than 42 days; "
            + "give a window of at most Duration.ofDays(42)");
  }

  @Test
  void the_weights_shrink_a_short_history_towards_the_population() {
    SendTimes model = SendTimes.builder().priorStrength(4).build();
    long[] population = new long[SendTimes.HOURS];
    population[10] = 30;    // Monday 10:00
    long[] one = new long[SendTimes.HOURS];
    one[19] = 1;            // one open on Monday 19:00
    long[] many = new long[SendTimes.HOURS];
    many[19] = 6;

    double[] w = model.weights(one, population);

    // 10:00: 0.5 * 4 (the prior, all on 10:00); 19:00: 0.5 * (1 + 1/7), the open itself and
    // a seventh of the day's habit; 20:00, a quarter of its neighbour's
    assertThat(w[10]).isEqualTo(2.0);
    assertThat(w[19]).isCloseTo(0.5 * (1 + 1.0 / 7), org.assertj.core.api.Assertions.within(1e-12));
    assertThat(w[20]).isCloseTo(0.25 * (1 + 1.0 / 7), org.assertj.core.api.Assertions.within(1e-12));
    assertThat(w[19 + 24]).as("Tuesday 19:00, from Monday's habit")
        .isCloseTo(0.5 / 7, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(model.bestHour(one, population)).isEqualTo(10);
    assertThat(model.bestHour(many, population)).as("6 * 0.5 = 3 beats 2").isEqualTo(19);
    assertThat(model.basisOf(1)).isEqualTo(SendTimes.Basis.SHRUNK);
    assertThat(model.basisOf(6)).isEqualTo(SendTimes.Basis.OWN_HISTORY);
    assertThat(SendTimes.label(19)).isEqualTo("Mon 19:00");
    assertThat(SendTimes.label(167)).isEqualTo("Sun 23:00");
  }
}
