package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Purpose;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.Rule;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.ReEntry;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.StepOutcome;
import dev.rapport.core.journey.StepRecord;
import dev.rapport.core.journey.Trigger;
import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.core.policy.Reason;
import dev.rapport.core.policy.SupportHold;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The contact policy's support holds, checked by the one gate for every message: a journey that
 * enters on {@code ticket_resolved} and sends a promotion sends nothing within 7 days of a ticket
 * being opened or while another ticket is open, a decision does not recommend it either, and a
 * transactional message is never held.
 */
class SupportHoldTest {
  private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
  private static final ContactPolicy POLICY = ContactPolicy.builder()
      .hold(SupportHold.after(EventTypes.TICKET_OPENED, Duration.ofDays(7)))
      .hold(SupportHold.whileTicketOpen())
      .build();

  private final MutableClock clock = new MutableClock(T0);
  private final List<Dispatch> outbox = new ArrayList<>();
  private final Action promo = Action.builder("promo").topic("offers").via(Channel.IN_APP)
      .build();
  private final Action survey = Action.builder("csat-survey").purpose(Purpose.TRANSACTIONAL)
      .via(Channel.IN_APP).build();
  /** A promotion sent when a ticket is resolved: the journey the helpdesk replay found. */
  private final Journey afterSupport = Journey.builder("after-support")
      .reEntry(ReEntry.afterExit())
      .enterOn(Trigger.onEvent(EventTypes.TICKET_RESOLVED))
      .steps(SendStep.of(survey), SendStep.of(promo)).build();
  private final RuleSet offers = RuleSet.builder("offers")
      .rule(Rule.builder("promo").when(c -> true).recommend(promo).because("always").build())
      .build();

  private Engine engine(ContactPolicy policy) {
    return Engine.builder().clock(clock).contactPolicy(policy).journeys(afterSupport)
        .rules(offers).dispatcher(outbox::add).build();
  }

  private void at(Instant when, Engine engine, String customer, String type, String ticket) {
    clock.set(when);
    engine.advanceTo(when);
    engine.track(Event.builder(customer, type).with(EventTypes.TICKET_ID, ticket).at(when));
  }

  private static Instant day(double days) {
    return T0.plus(Duration.ofMinutes(Math.round(days * 24 * 60)));
  }

  private List<String> sent(String customer) {
    return outbox.stream().filter(d -> d.customer().value().equals(customer))
        .map(d -> d.action().name() + " at " + d.at()).toList();
  }

  @Test
  void a_journey_sends_no_promotion_within_seven_days_of_a_ticket_opened() {
    Engine engine = engine(POLICY);

    at(day(0), engine, "ada", EventTypes.TICKET_OPENED, "t-1");
    at(day(2), engine, "ada", EventTypes.TICKET_RESOLVED, "t-1");
    at(day(8), engine, "bob", EventTypes.TICKET_OPENED, "t-2");
    at(day(9), engine, "bob", EventTypes.TICKET_RESOLVED, "t-2");
    at(day(17), engine, "bob", EventTypes.TICKET_OPENED, "t-3");
    at(day(17.5), engine, "bob", EventTypes.TICKET_RESOLVED, "t-3");

    assertThat(sent("ada")).containsExactly("csat-survey at " + day(2));
    assertThat(refusals(engine, "ada")).containsExactly(Reason.SUPPORT_HOLD);
    assertThat(sent("bob")).containsExactly("csat-survey at " + day(9),
        "csat-survey at " + day(17.5));
    assertThat(engine.journeyStats("after-support").steps().get(1).refused())
        .containsEntry(Reason.SUPPORT_HOLD, 3L);
  }

  @Test
  void a_journey_sends_no_promotion_while_another_ticket_is_open() {
    Engine engine = engine(ContactPolicy.builder().hold(SupportHold.whileTicketOpen()).build());

    at(day(0), engine, "ada", EventTypes.TICKET_OPENED, "t-1");
    at(day(1), engine, "ada", EventTypes.TICKET_OPENED, "t-2");
    at(day(3), engine, "ada", EventTypes.TICKET_RESOLVED, "t-1");  // t-2 still open
    at(day(5), engine, "ada", EventTypes.TICKET_RESOLVED, "t-2");  // none open

    assertThat(sent("ada")).containsExactly("csat-survey at " + day(3),
        "csat-survey at " + day(5), "promo at " + day(5));
  }

  @Test
  void a_send_that_waits_for_the_gate_goes_when_the_hold_ends() {
    Journey patient = Journey.builder("patient")
        .enterOn(Trigger.onEvent(EventTypes.TICKET_RESOLVED))
        .steps(SendStep.of(promo).waitingForGate(Duration.ofDays(30))).build();
    Engine engine = Engine.builder().clock(clock).contactPolicy(POLICY).journeys(patient)
        .dispatcher(outbox::add).build();

    at(day(0), engine, "ada", EventTypes.TICKET_OPENED, "t-1");
    at(day(1), engine, "ada", EventTypes.TICKET_RESOLVED, "t-1");
    engine.advanceTo(day(20));

    assertThat(sent("ada")).containsExactly("promo at " + day(7));
  }

  @Test
  void a_decision_does_not_recommend_marketing_during_a_hold() {
    Engine engine = engine(POLICY);
    at(day(0), engine, "ada", EventTypes.TICKET_OPENED, "t-1");

    Decision held = engine.decide("ada");
    at(day(3), engine, "ada", EventTypes.TICKET_RESOLVED, "t-1");
    clock.set(day(8));
    engine.advanceTo(day(8));
    Decision later = engine.decide("ada");

    assertThat(held.winners()).isEmpty();
    assertThat(held.rejection("promo").orElseThrow().reason()).isEqualTo(Reason.SUPPORT_HOLD);
    assertThat(held.rejection("promo").orElseThrow().detail()).isEqualTo("support hold: no "
        + "marketing within PT168H after ticket_opened (at 2025-03-03T09:00:00Z)");
    assertThat(later.winners()).extracting(r -> r.action().name()).containsExactly("promo");
  }

  @Test
  void replayed_tickets_and_promotions_never_send_a_promotion_during_a_support_problem() {
    // a helpdesk log of 300 customers over 120 days: tickets opened and resolved at random
    SplittableRandom random = new SplittableRandom(16);
    List<Event> log = new ArrayList<>();
    for (int c = 0; c < 300; c++) {
      String id = "c-" + c;
      Instant t = T0.plus(Duration.ofHours(random.nextInt(24 * 20)));
      int tickets = 1 + random.nextInt(4);
      for (int k = 0; k < tickets; k++) {
        String ticket = id + "-t" + k;
        log.add(Event.builder(id, EventTypes.TICKET_OPENED).with(EventTypes.TICKET_ID, ticket)
            .at(t));
        Instant resolved = t.plus(Duration.ofHours(1 + random.nextInt(24 * 14)));
        log.add(Event.builder(id, EventTypes.TICKET_RESOLVED).with(EventTypes.TICKET_ID, ticket)
            .at(resolved));
        t = t.plus(Duration.ofHours(1 + random.nextInt(24 * 12)));
      }
    }
    log.sort(Comparator.comparing(Event::time));
    List<Dispatch> unheld = new ArrayList<>();
    Clock epoch = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
    Engine without = Engine.builder().clock(epoch).journeys(afterSupport)
        .dispatcher(unheld::add).build();
    Engine with = Engine.builder().clock(epoch).contactPolicy(POLICY).journeys(afterSupport)
        .dispatcher(outbox::add).build();

    Replay.of(without).events(log);
    Replay.of(with).events(log);

    long violationsWithout = violations(unheld, log);
    assertThat(violationsWithout).as("promotions during a support problem, without the holds")
        .isPositive();
    assertThat(violations(outbox, log)).isZero();
    assertThat(outbox.stream().filter(d -> d.action().name().equals("promo")).count())
        .as("promotions still sent outside support problems").isPositive();
  }

  /** Promotions sent within 7 days after a ticket was opened, or while one was open. */
  private static long violations(List<Dispatch> sent, List<Event> log) {
    long n = 0;
    for (Dispatch d : sent) {
      if (!d.action().name().equals("promo")) {
        continue;
      }
      long opened = 0;
      long resolved = 0;
      Instant lastOpened = null;
      for (Event e : log) {
        if (!e.customer().equals(d.customer()) || e.time().isAfter(d.at())) {
          continue;
        }
        if (e.type().equals(EventTypes.TICKET_OPENED)) {
          opened++;
          lastOpened = lastOpened == null || e.time().isAfter(lastOpened) ? e.time() : lastOpened;
        } else {
          resolved++;
        }
      }
      boolean recent = lastOpened != null
          && d.at().isBefore(lastOpened.plus(Duration.ofDays(7)));
      if (recent || opened > resolved) {
        n++;
      }
    }
    return n;
  }

  @Test
  void a_transactional_message_is_never_held() {
    Engine engine = engine(POLICY);

    at(day(0), engine, "ada", EventTypes.TICKET_OPENED, "t-1");
    at(day(0), engine, "ada", EventTypes.TICKET_OPENED, "t-2");
    at(day(1), engine, "ada", EventTypes.TICKET_RESOLVED, "t-1");

    assertThat(sent("ada")).containsExactly("csat-survey at " + day(1));
  }

  @Test
  void holds_are_values_given_once_and_checked() {
    SupportHold week = SupportHold.after(EventTypes.TICKET_OPENED, Duration.ofDays(7));

    assertThat(week).isEqualTo(SupportHold.after("ticket_opened", Duration.ofDays(7)));
    assertThat(week.describe()).isEqualTo("no marketing within PT168H after ticket_opened");
    assertThat(SupportHold.whileTicketOpen().describe()).isEqualTo("no marketing while "
        + "ticket_opened is not followed by ticket_resolved");
    assertThat(ContactPolicy.from(POLICY).build()).isEqualTo(POLICY);
    assertThat(POLICY.holds()).hasSize(2);
    assertThatThrownBy(() -> ContactPolicy.builder().hold(week).hold(week))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("contact policy: hold 'no marketing within PT168H after ticket_opened' is "
            + "already given; give each hold once");
    assertThatThrownBy(() -> SupportHold.whileOpen("case_opened", "case_opened"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("support hold while open: opening and closing are both 'case_opened'; give "
            + "the event that closes a case, such as ticket_resolved");
    assertThatThrownBy(() -> SupportHold.after("ticket_opened", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("support hold after 'ticket_opened': within is PT0S; give a positive "
            + "duration");
  }

  private static List<Reason> refusals(Engine engine, String customer) {
    List<Reason> out = new ArrayList<>();
    for (StepRecord r : engine.explain(customer).enrollment("after-support").orElseThrow()
        .history()) {
      if (r.outcome() == StepOutcome.REFUSED) {
        out.add(Reason.valueOf(r.detail()));
      }
    }
    return out;
  }
}
