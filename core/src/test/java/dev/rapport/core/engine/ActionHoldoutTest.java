package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.CustomerId;
import dev.rapport.core.Event;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.Placement;
import dev.rapport.core.decision.Rejection;
import dev.rapport.core.decision.Rule;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.journey.CustomStep;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.Sent;
import dev.rapport.core.journey.StepContext;
import dev.rapport.core.journey.StepOutcome;
import dev.rapport.core.journey.StepRecord;
import dev.rapport.core.journey.StepResult;
import dev.rapport.core.journey.Trigger;
import dev.rapport.core.policy.Reason;
import dev.rapport.core.policy.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An action's own holdout, where the action would be sent: a held-out customer is refused it
 * with {@link Reason#ACTION_HOLDOUT}, in the journey's explanation, the decision's rejections
 * and the refusal log, and their first exposure is kept once, with its arm, in their record.
 */
class ActionHoldoutTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Action OFFER = Action.builder("spring-offer").topic("sales")
      .via(Channel.IN_APP).value(3).holdout(0.5).build();
  private static final Action TIPS = Action.builder("tips").via(Channel.IN_APP).build();
  private static final RuleSet SHOP = RuleSet.builder("shop")
      .rule(Rule.builder("everyone").when(c -> true).recommend(OFFER).because("spring").build())
      .rule(Rule.builder("help").when(c -> true).recommend(TIPS).because("help").build())
      .build();

  private final MutableClock clock = new MutableClock(T0);
  private final List<Dispatch> sent = new ArrayList<>();

  private DefaultEngine engine(Journey... journeys) {
    return (DefaultEngine) Engine.builder().clock(clock).journeys(journeys).rules(SHOP)
        .dispatcher(sent::add).build();
  }

  /** The first customer, c-0 onwards, whose arm for the offer is the one asked for. */
  private static String customer(DefaultEngine engine, boolean heldOut) {
    for (int i = 0; ; i++) {
      Decision d = engine.preview("c-" + i, Placement.of("banner", 1));
      if (d.rejection(OFFER.name()).isPresent() == heldOut) {
        return "c-" + i;
      }
    }
  }

  private static Journey spring() {
    return Journey.builder("spring").enterOn(Trigger.onEvent("signed_up"))
        .steps(SendStep.of(OFFER), SendStep.of(TIPS)).build();
  }

  @Test
  void a_held_out_customer_is_refused_the_journeys_message_and_the_journey_goes_on() {
    DefaultEngine engine = engine(spring());
    String held = customer(engine, true);
    String treated = customer(engine, false);

    engine.track(Event.of(held, "signed_up", T0));
    engine.track(Event.of(treated, "signed_up", T0));

    // THEN the held-out customer gets the next step's message only, and every view says why
    assertThat(sent).extracting(d -> d.customer().value() + " " + d.action().name())
        .containsExactly(held + " tips", treated + " spring-offer", treated + " tips");
    List<StepRecord> history = engine.explain(held).enrollment("spring").orElseThrow()
        .history();
    assertThat(history).extracting(StepRecord::outcome).containsExactly(StepOutcome.ENTERED,
        StepOutcome.REFUSED, StepOutcome.SENT, StepOutcome.COMPLETED);
    assertThat(history.get(1).step()).isEqualTo("1 send(spring-offer)");
    assertThat(history.get(1).detail()).isEqualTo("ACTION_HOLDOUT");
    assertThat(engine.explain(held).toString()).contains("ACTION_HOLDOUT");
    List<Refusal> refusals = engine.refusals(RefusalQuery.of(held)).refusals();
    assertThat(refusals).hasSize(1);
    Refusal r = refusals.get(0);
    assertThat(r.reason()).isEqualTo(Reason.ACTION_HOLDOUT);
    assertThat(r.action()).isEqualTo("spring-offer");
    assertThat(r.channel()).as("the channel it would have gone on").contains(Channel.IN_APP);
    assertThat(r.journey()).contains("spring");
    assertThat(r.step()).contains("1");
    assertThat(engine.refusals(RefusalQuery.of(treated)).refusals()).isEmpty();
    assertThat(engine.journeyStats("spring").steps().get(0).refused(Reason.ACTION_HOLDOUT))
        .isEqualTo(1);
    assertThat(engine.record(CustomerId.of(held)).orElseThrow().exposure("spring-offer"))
        .isEqualTo(new Exposure("spring-offer", Times.of(T0), true, false));
    assertThat(engine.record(CustomerId.of(treated)).orElseThrow().exposure("spring-offer"))
        .isEqualTo(new Exposure("spring-offer", Times.of(T0), false, false));
  }

  @Test
  void a_decision_withholds_a_held_out_winner_and_leaves_its_slot_empty() {
    DefaultEngine engine = engine();
    String held = customer(engine, true);
    String treated = customer(engine, false);
    Placement banner = Placement.of("banner", 1);

    Decision preview = engine.preview(held, banner);
    Decision heldOut = engine.decideAndSend(held, banner);
    Decision sentTo = engine.decideAndSend(treated, banner);

    // THEN the offer, which ranks first, is withheld, and the tips below it stay below the cut
    assertThat(heldOut.best()).isEmpty();
    Rejection withheld = heldOut.rejection("spring-offer").orElseThrow();
    assertThat(withheld.reason()).isEqualTo(Reason.ACTION_HOLDOUT);
    assertThat(withheld.detail()).isEqualTo("the customer is in the holdout of action "
        + "'spring-offer' (50.0% of customers): withheld to measure what it adds");
    assertThat(withheld.rules()).containsExactly("everyone");
    assertThat(heldOut.rejection("tips").orElseThrow().reason()).isEqualTo(Reason.BELOW_CUTOFF);
    assertThat(preview.rejected()).isEqualTo(heldOut.rejected());
    assertThat(sentTo.best().orElseThrow().action()).isEqualTo(OFFER);
    assertThat(sent).extracting(d -> d.customer().value() + " " + d.action().name())
        .containsExactly(treated + " spring-offer");
    Refusal r = engine.refusals(RefusalQuery.of(held)).refusals().get(0);
    assertThat(r.reason()).isEqualTo(Reason.ACTION_HOLDOUT);
    assertThat(r.placement()).contains("banner");
    assertThat(r.channel()).contains(Channel.IN_APP);
    assertThat(engine.refusals(RefusalQuery.of(held)).refusals()).as("the preview kept none")
        .hasSize(1);
  }

  @Test
  void the_first_exposure_is_kept_once_and_a_topic_stays_taken_by_a_withheld_winner() {
    // GIVEN a topic-mate of the offer, ranked below it
    Action sale = Action.builder("sale").topic("sales").via(Channel.IN_APP).build();
    RuleSet shop = RuleSet.builder("shop")
        .rule(Rule.builder("everyone").when(c -> true).recommend(OFFER).because("spring")
            .build())
        .rule(Rule.builder("sale").when(c -> true).recommend(sale).because("sale").build())
        .build();
    DefaultEngine engine = (DefaultEngine) Engine.builder().clock(clock).rules(shop)
        .dispatcher(sent::add).build();
    String held = customer(engine, true);

    Decision first = engine.decide(held);
    clock.advance(Duration.ofDays(2));
    Decision second = engine.decide(held);

    // THEN neither decision shows the topic-mate in the offer's place, and the exposure is the
    // first decision's
    assertThat(first.winners()).isEmpty();
    assertThat(second.winners()).isEmpty();
    assertThat(second.rejection("sale").orElseThrow().reason()).isEqualTo(Reason.TOPIC_TAKEN);
    assertThat(engine.record(CustomerId.of(held)).orElseThrow().exposure("spring-offer"))
        .isEqualTo(new Exposure("spring-offer", Times.of(T0), true, false));
    assertThat(engine.refusals(RefusalQuery.of(held)).refusals()).hasSize(2);
  }

  @Test
  void a_customer_held_out_of_the_journey_is_never_exposed_to_its_action() {
    DefaultEngine engine = engine(Journey.builder("spring").enterOn(Trigger.onEvent("signed_up"))
        .holdout(0.5).steps(SendStep.of(OFFER)).build());

    for (int i = 0; i < 40; i++) {
      engine.track(Event.of("c-" + i, "signed_up", T0));
    }

    int exposed = 0;
    for (int i = 0; i < 40; i++) {
      CustomerRecord rec = engine.record(CustomerId.of("c-" + i)).orElseThrow();
      boolean journeyHeldOut = rec.enrollment("spring").holdout();
      assertThat(rec.exposure("spring-offer") == null).isEqualTo(journeyHeldOut);
      exposed += journeyHeldOut ? 0 : 1;
    }
    assertThat(exposed).isEqualTo(engine.journeyStats("spring").treated()).isPositive();
  }

  @Test
  void a_custom_step_s_send_to_a_held_out_customer_is_refused_with_its_reason() {
    List<Sent> results = new ArrayList<>();
    CustomStep once = new CustomStep() {
      @Override
      public StepResult run(StepContext c) {
        results.add(c.send(OFFER));
        return StepResult.next();
      }

      @Override
      public List<Action> actions() {
        return List.of(OFFER);
      }

      @Override
      public String describe() {
        return "once()";
      }
    };
    DefaultEngine engine = engine(Journey.builder("custom").enterOn(Trigger.onEvent("signed_up"))
        .steps(once).build());
    String held = customer(engine, true);

    engine.track(Event.of(held, "signed_up", T0));

    assertThat(results).containsExactly(new Sent(Optional.empty(),
        Optional.of(Reason.ACTION_HOLDOUT), "the customer is held out of action 'spring-offer'"));
    assertThat(sent).isEmpty();
    assertThat(engine.refusals(RefusalQuery.of(held)).refusals().get(0).reason())
        .isEqualTo(Reason.ACTION_HOLDOUT);
  }

  @Test
  void an_identity_merge_keeps_the_earlier_exposure_and_its_arm() {
    DefaultEngine engine = engine();
    String held = customer(engine, true);
    String treated = customer(engine, false);
    engine.decideAndSend(held);
    clock.advance(Duration.ofHours(1));
    engine.decideAndSend(treated);
    sent.clear();

    engine.merge(held, treated);
    Decision after = engine.decideAndSend(treated);

    // THEN the survivor is in the arm of the earlier exposure, the held-out one's, for good
    assertThat(engine.record(CustomerId.of(treated)).orElseThrow().exposure("spring-offer"))
        .isEqualTo(new Exposure("spring-offer", Times.of(T0), true, false));
    assertThat(after.rejection("spring-offer").orElseThrow().reason())
        .isEqualTo(Reason.ACTION_HOLDOUT);
    assertThat(sent).extracting(d -> d.action().name()).doesNotContain("spring-offer");
  }
}
