package dev.rapport.dsl.journey;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.contactPolicy;
import static dev.rapport.dsl.Rapport.delay;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.journey;
import static dev.rapport.dsl.Rapport.preferences;
import static dev.rapport.dsl.Rapport.profile;
import static dev.rapport.dsl.Rapport.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Action;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.Explanation.EnrollmentReport;
import dev.rapport.core.journey.EnrollmentStatus;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.StepOutcome;
import dev.rapport.core.journey.StepRecord;
import dev.rapport.core.journey.StepStats;
import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.core.policy.Reason;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Quiet hours 21:00-08:00 in the customer's own zone: a marketing send in them is deferred to
 * 08:00 local (across daylight-saving changes), or dropped in dropping mode.
 */
class QuietHoursTest {
  private static final ZoneId LONDON = ZoneId.of("Europe/London");
  private static final LocalTime NINE_PM = LocalTime.of(21, 0);
  private static final LocalTime EIGHT_AM = LocalTime.of(8, 0);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final List<Dispatch> outbox = new ArrayList<>();
  private final Action promo = action("promo").via(IN_APP).build();
  private final Action followUp = action("follow-up").via(IN_APP).build();
  private final Action receipt = action("receipt").transactional().via(EMAIL).build();

  private Engine engine(ContactPolicy policy, Journey journey) {
    return Engine.builder().clock(clock).contactPolicy(policy).journeys(journey)
        .dispatcher(outbox::add).build();
  }

  private Engine deferring() {
    return engine(contactPolicy().quietHours(NINE_PM, EIGHT_AM).build(),
        journey("promo").enterOn("browsed").steps(send(promo)).build());
  }

  private void customerIn(Engine engine, String customer, ZoneId zone) {
    engine.identify(customer, profile().set(EMAIL_ADDRESS, customer + "@example.com")
        .preferences(preferences().timeZone(zone).build()));
  }

  private void browse(Engine engine, String customer, Instant at) {
    clock.set(at);
    engine.track(event(customer, "browsed").at(at));
  }

  private static EnrollmentReport report(Engine engine, String customer, String journey) {
    return engine.explain(customer).enrollment(journey).orElseThrow();
  }

  @Test
  void defers_a_send_at_23_00_london_to_08_00_the_next_morning() {
    Engine engine = deferring();
    customerIn(engine, "c-1", LONDON);
    Instant elevenPm = Instant.parse("2026-01-15T23:00:00Z");

    browse(engine, "c-1", elevenPm);

    assertThat(outbox).isEmpty();
    EnrollmentReport r = report(engine, "c-1", "promo");
    assertThat(r.status()).isEqualTo(EnrollmentStatus.WAITING);
    assertThat(r.dueAt()).contains(Instant.parse("2026-01-16T08:00:00Z"));
    assertThat(r.history()).containsExactly(
        new StepRecord(elevenPm, "promo", StepOutcome.ENTERED, ""),
        new StepRecord(elevenPm, "1 send(promo)", StepOutcome.DEFERRED,
            "QUIET_HOURS_DEFERRED"));
  }

  @Test
  void sends_the_deferred_message_at_08_00_local_after_advancing() {
    Engine engine = deferring();
    customerIn(engine, "c-1", LONDON);
    browse(engine, "c-1", Instant.parse("2026-01-15T23:00:00Z"));

    engine.advanceTo(Instant.parse("2026-01-16T07:59:59Z"));
    int beforeEight = outbox.size();
    engine.advanceTo(Instant.parse("2026-01-16T12:00:00Z"));

    assertThat(beforeEight).isZero();
    assertThat(outbox).extracting(Dispatch::at)
        .containsExactly(Instant.parse("2026-01-16T08:00:00Z"));
    assertThat(report(engine, "c-1", "promo").status()).isEqualTo(EnrollmentStatus.COMPLETED);
    StepStats step = engine.journeyStats("promo").step("1");
    assertThat(step.refused(Reason.QUIET_HOURS_DEFERRED)).isEqualTo(1);
    assertThat(step.sent()).isEqualTo(1);
    assertThat(step.waiting()).isZero();
  }

  @Test
  void a_deferred_send_counts_one_arrival_at_its_step() {
    Engine engine = deferring();
    customerIn(engine, "c-1", LONDON);
    browse(engine, "c-1", Instant.parse("2026-01-15T23:00:00Z"));

    engine.advanceTo(Instant.parse("2026-01-16T12:00:00Z"));

    StepStats step = engine.journeyStats("promo").step("1");
    assertThat(step.arrived()).isEqualTo(1);
    assertThat(step.sent()).isEqualTo(1);
  }

  @Test
  void defers_to_08_00_british_summer_time_in_summer() {
    Engine engine = deferring();
    customerIn(engine, "c-1", LONDON);

    browse(engine, "c-1", Instant.parse("2026-07-15T22:00:00Z")); // 23:00 BST
    engine.advanceTo(Instant.parse("2026-07-16T12:00:00Z"));

    assertThat(outbox).extracting(Dispatch::at)
        .containsExactly(Instant.parse("2026-07-16T07:00:00Z"));
  }

  @Test
  void defers_across_the_spring_change_to_08_00_british_summer_time() {
    Engine engine = deferring();
    customerIn(engine, "c-1", LONDON);

    // 23:00 GMT on Saturday; at 01:00 GMT on Sunday 29 March the clocks go forward to 02:00 BST
    browse(engine, "c-1", Instant.parse("2026-03-28T23:00:00Z"));
    engine.advanceTo(Instant.parse("2026-03-29T12:00:00Z"));

    assertThat(outbox).extracting(Dispatch::at)
        .containsExactly(Instant.parse("2026-03-29T07:00:00Z"));
  }

  @Test
  void defers_across_the_autumn_change_to_08_00_greenwich_mean_time() {
    Engine engine = deferring();
    customerIn(engine, "c-1", LONDON);

    // 23:00 BST on Saturday; at 02:00 BST on Sunday 25 October the clocks go back to 01:00 GMT
    browse(engine, "c-1", Instant.parse("2026-10-24T22:00:00Z"));
    engine.advanceTo(Instant.parse("2026-10-25T12:00:00Z"));

    assertThat(outbox).extracting(Dispatch::at)
        .containsExactly(Instant.parse("2026-10-25T08:00:00Z"));
  }

  @Test
  void defers_a_send_after_midnight_to_08_00_the_same_morning() {
    Engine engine = deferring();
    customerIn(engine, "c-1", LONDON);

    browse(engine, "c-1", Instant.parse("2026-01-16T03:00:00Z"));
    engine.advanceTo(Instant.parse("2026-01-17T00:00:00Z"));

    assertThat(outbox).extracting(Dispatch::at)
        .containsExactly(Instant.parse("2026-01-16T08:00:00Z"));
  }

  @Test
  void sends_at_once_just_before_quiet_hours_and_at_their_end() {
    Engine engine = deferring();
    customerIn(engine, "c-1", LONDON);
    customerIn(engine, "c-2", LONDON);

    browse(engine, "c-1", Instant.parse("2026-01-15T20:59:59Z"));
    browse(engine, "c-2", Instant.parse("2026-01-16T08:00:00Z"));

    assertThat(outbox).extracting(d -> d.customer().value() + " at " + d.at()).containsExactly(
        "c-1 at 2026-01-15T20:59:59Z", "c-2 at 2026-01-16T08:00:00Z");
  }

  @Test
  void quiet_hours_are_read_in_each_customers_own_zone() {
    Engine engine = deferring();
    customerIn(engine, "london", LONDON);
    customerIn(engine, "tokyo", ZoneId.of("Asia/Tokyo"));
    Instant elevenPmInLondon = Instant.parse("2026-01-15T23:00:00Z"); // 08:00 in Tokyo

    browse(engine, "london", elevenPmInLondon);
    browse(engine, "tokyo", elevenPmInLondon);

    assertThat(outbox).extracting(d -> d.customer().value()).containsExactly("tokyo");
  }

  @Test
  void uses_the_policy_default_zone_for_a_customer_without_one() {
    Engine engine = engine(contactPolicy().quietHours(NINE_PM, EIGHT_AM)
            .defaultZone(ZoneId.of("America/New_York")).build(),
        journey("promo").enterOn("browsed").steps(send(promo)).build());

    browse(engine, "c-1", Instant.parse("2026-01-16T03:00:00Z")); // 22:00 in New York
    engine.advanceTo(Instant.parse("2026-01-17T00:00:00Z"));

    assertThat(outbox).extracting(Dispatch::at)
        .containsExactly(Instant.parse("2026-01-16T13:00:00Z"));
  }

  @Test
  void transactional_messages_are_not_held_by_quiet_hours() {
    Engine engine = engine(contactPolicy().quietHours(NINE_PM, EIGHT_AM).build(),
        journey("receipt").enterOn("browsed").steps(send(receipt)).build());
    customerIn(engine, "c-1", LONDON);

    browse(engine, "c-1", Instant.parse("2026-01-15T23:00:00Z"));

    assertThat(outbox).extracting(Dispatch::at)
        .containsExactly(Instant.parse("2026-01-15T23:00:00Z"));
  }

  @Test
  void dropping_mode_drops_the_send_and_the_journey_moves_on() {
    Engine engine = engine(contactPolicy().quietHours(NINE_PM, EIGHT_AM).dropping().build(),
        journey("promo").enterOn("browsed")
            .steps(send(promo), delay(Duration.ofHours(12)), send(followUp)).build());
    customerIn(engine, "c-1", LONDON);
    Instant elevenPm = Instant.parse("2026-01-15T23:00:00Z");

    browse(engine, "c-1", elevenPm);
    engine.advanceTo(Instant.parse("2026-01-17T00:00:00Z"));

    assertThat(outbox).extracting(d -> d.action().name() + " at " + d.at())
        .containsExactly("follow-up at 2026-01-16T11:00:00Z");
    EnrollmentReport r = report(engine, "c-1", "promo");
    assertThat(r.status()).isEqualTo(EnrollmentStatus.COMPLETED);
    assertThat(r.history()).contains(
        new StepRecord(elevenPm, "1 send(promo)", StepOutcome.REFUSED, "QUIET_HOURS_DROPPED"),
        new StepRecord(elevenPm, "2 wait(PT12H)", StepOutcome.WAITING, ""));
    assertThat(engine.journeyStats("promo").step("1").refused(Reason.QUIET_HOURS_DROPPED))
        .isEqualTo(1);
  }
}
