package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.ConsentStatus;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Moment;
import dev.rapport.core.Profile;
import dev.rapport.core.Purpose;
import dev.rapport.core.Segment;
import dev.rapport.core.TraitKey;
import dev.rapport.core.decision.Rule;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.journey.DecideStep;
import dev.rapport.core.journey.Goal;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.Trigger;
import dev.rapport.core.journey.WaitForStep;
import dev.rapport.core.journey.WaitStep;
import dev.rapport.core.measure.Guardrail;
import dev.rapport.core.measure.Metrics;
import dev.rapport.core.measure.Revenue;
import dev.rapport.core.policy.Cap;
import dev.rapport.core.policy.ContactPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Everything an engine knows goes through its store: an engine built on a store that another
 * engine used continues exactly where that one stopped, and two engines on one store share their
 * measures.
 */
class ContinuityTest {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  static final Moment ACTIVATED = Moment.builder("activated").reachedOn("first_sync").build();
  static final Action WELCOME = Action.builder("welcome").purpose(Purpose.TRANSACTIONAL)
      .via(Channel.EMAIL).holdout(0.5).build();
  static final Action HELP = Action.builder("help").via(Channel.EMAIL).via(Channel.IN_APP)
      .responseWindow(Duration.ofHours(12)).holdout(0.3).build();
  static final Action OFFER = Action.builder("offer").topic("sales").via(Channel.IN_APP)
      .holdout(0.4).build();
  static final Action TIPS = Action.builder("tips").topic("help").via(Channel.IN_APP)
      .holdout(0.3).build();
  static final RuleSet OFFERS = RuleSet.builder("offers")
      .rule(Rule.builder("synced").when(c -> c.hasDone("first_sync")).recommend(OFFER)
          .because("active").build())
      .rule(Rule.builder("anyone").when(c -> true).recommend(TIPS).because("help").build())
      .build();
  static final Journey ONBOARDING = Journey.builder("onboarding")
      .enterOn(Trigger.onEvent("signed_up")).holdout(0.1)
      .goal(Goal.moment(ACTIVATED).within(Duration.ofDays(10)))
      .steps(SendStep.of(WELCOME),
          WaitForStep.on("api_key_created").atMost(Duration.ofDays(2))
              .onTimeout(SendStep.of(HELP)),
          WaitStep.of(Duration.ofDays(1)),
          DecideStep.of(OFFERS))
      .build();

  static Engine engine(StateStore store, MutableClock clock, List<String> sent) {
    return Engine.builder().clock(clock).stateStore(store)
        .moments(ACTIVATED)
        .segments(Segment.of("engaged", c -> c.count("opened") >= 2))
        .journeys(ONBOARDING)
        .rules(OFFERS)
        .contactPolicy(ContactPolicy.builder().cap(Cap.of(2, Duration.ofDays(3))).build())
        .northStar(Metrics.activation(ACTIVATED, "signed_up", Duration.ofDays(14)))
        .guardrail(Guardrail.on(Metrics.unsubscribeRate()).below(0.3).minSample(5))
        .revenue(Revenue.of("purchased").amount("total").in("EUR")
            .costPerMessage(Channel.EMAIL, 0.01).costPerMessage(Channel.IN_APP, 0.1))
        .dispatcher(d -> sent.add(d.id() + " " + d.action().name() + " " + d.channel() + " to "
            + d.customer() + " at " + d.at()))
        .build();
  }

  /** A seeded log of 60 customers over three weeks: one entry per engine call. */
  static List<Call> log() {
    SplittableRandom r = new SplittableRandom(7);
    List<Call> calls = new ArrayList<>();
    Instant at = T0;
    for (int step = 0; step < 900; step++) {
      at = at.plus(Duration.ofMinutes(10 + r.nextInt(50)));
      String c = "c-" + r.nextInt(60);
      int kind = r.nextInt(12);
      calls.add(new Call(at, c, kind, step));
    }
    return calls;
  }

  record Call(Instant at, String customer, int kind, int n) {
    void run(Engine engine, MutableClock clock) {
      clock.set(at);
      engine.advanceTo(at);
      switch (kind) {
        case 0 -> engine.identify(customer, Profile.empty()
            .set(TraitKey.EMAIL_ADDRESS, customer + "@example.com")
            .consent(Channel.EMAIL, Purpose.MARKETING, ConsentStatus.GRANTED, at));
        case 1, 2 -> engine.track(Event.of(customer, "signed_up", at));
        case 3 -> engine.track(Event.of(customer, "api_key_created", at));
        case 4 -> engine.track(Event.of(customer, "first_sync", at));
        case 5, 6 -> engine.track(Event.builder(customer, "opened").id("o-" + n).at(at));
        case 7 -> engine.track(Event.builder(customer, EventTypes.UNSUBSCRIBED)
            .with("channel", "email").at(at));
        case 8 -> engine.decide(customer);
        case 9 -> engine.decideAndSend(customer);
        case 10 -> engine.track(Event.builder(customer, EventTypes.SURVEY_ANSWERED)
            .with("kind", "csat").with("score", 1 + n % 5).with("themes", List.of("speed"))
            .at(at));
        default -> engine.track(n % 3 == 0
            ? Event.builder(customer, "purchased").with("total", 5 + n % 50).at(at)
            : Event.builder(customer, "page_viewed").id("p-" + n).at(at));
      }
    }
  }

  /** What an engine shows of itself at the end of a run. */
  static String picture(Engine engine) {
    StringBuilder out = new StringBuilder();
    out.append(engine.dashboard()).append('\n');
    out.append(engine.dashboard().returns()).append('\n');
    out.append(engine.dashboard().actionReturns()).append('\n');
    out.append(engine.journeyStats("onboarding")).append('\n');
    out.append(engine.metric("unsubscribe_rate")).append('\n');
    out.append(engine.guardrails()).append('\n');
    out.append(engine.guardrailHistory()).append('\n');
    for (int i = 0; i < 60; i++) {
      out.append(engine.explain("c-" + i)).append('\n');
      engine.customer("c-" + i).ifPresent(c -> out.append(c.segments()).append(c.moments())
          .append(c.count("opened")).append('\n'));
    }
    return out.toString();
  }

  @Test
  void an_engine_on_the_store_of_another_continues_where_it_stopped() {
    List<Call> log = log();
    List<String> sentOnce = new ArrayList<>();
    MutableClock clockOnce = new MutableClock(T0);
    Engine once = engine(StateStore.inMemory(), clockOnce, sentOnce);
    log.forEach(c -> c.run(once, clockOnce));
    Instant end = log.get(log.size() - 1).at().plus(Duration.ofDays(3));
    clockOnce.set(end);
    once.advanceTo(end);

    StateStore store = StateStore.inMemory();
    List<String> sentTwice = new ArrayList<>();
    MutableClock clockTwice = new MutableClock(T0);
    Engine first = engine(store, clockTwice, sentTwice);
    log.subList(0, log.size() / 2).forEach(c -> c.run(first, clockTwice));
    Engine second = engine(store, clockTwice, sentTwice);
    log.subList(log.size() / 2, log.size()).forEach(c -> c.run(second, clockTwice));
    clockTwice.set(end);
    second.advanceTo(end);

    assertThat(sentTwice).as("the dispatches").isNotEmpty().containsExactlyElementsOf(sentOnce);
    assertThat(picture(second)).as("the dashboard, statistics and explanations")
        .isEqualTo(picture(once));
    // the actions' returns against their holdouts went through the store, in both arms
    dev.rapport.core.measure.RoiResult roi = second.dashboard().actionRoi("tips")
        .orElseThrow().holdout().orElseThrow();
    assertThat(roi.treated()).isPositive();
    assertThat(roi.heldOut()).isPositive();
    assertThat(roi.convertedTreated()).isPositive();
    assertThat(roi.convertedHeldOut()).isPositive();
    assertThat(roi.revenueTreated()).isPositive();
    assertThat(roi.revenueHeldOut()).isPositive();
  }

  @Test
  void two_engines_on_one_store_share_their_measures() {
    StateStore store = StateStore.inMemory();
    MutableClock clock = new MutableClock(T0);
    List<String> sent = new ArrayList<>();
    Engine left = engine(store, clock, sent);
    Engine right = engine(store, clock, sent);

    for (int i = 0; i < 6; i++) {
      Engine e = i % 2 == 0 ? left : right;
      e.track(Event.builder("c-" + i, EventTypes.DISPATCHED).with("action", "offer")
          .with("channel", "in_app").at(T0));
      if (i < 2) {
        e.track(Event.builder("c-" + i, EventTypes.UNSUBSCRIBED).at(T0));
      }
      e.track(Event.of("c-" + i, "signed_up", T0));
    }

    assertThat(left.metric("unsubscribe_rate").sample()).isEqualTo(6);
    assertThat(right.metric("unsubscribe_rate").sample()).isEqualTo(6);
    assertThat(left.metric("unsubscribe_rate").value()).isEqualTo(2.0 / 6);
    assertThat(left.journeyStats("onboarding").treated()
        + left.journeyStats("onboarding").heldOut()).isEqualTo(6);
    assertThat(right.dashboard().customers()).isEqualTo(6);
  }
}
