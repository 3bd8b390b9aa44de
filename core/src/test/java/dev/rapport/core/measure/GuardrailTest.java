package dev.rapport.core.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Purpose;
import dev.rapport.core.TraitKey;
import dev.rapport.core.Traits;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.MutableClock;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.StepOutcome;
import dev.rapport.core.journey.StepRecord;
import dev.rapport.core.journey.Trigger;
import dev.rapport.core.policy.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Guardrails: a metric crossing its bound with at least the minimum sample pauses what the
 * guardrail protects (the gate refuses it with {@code GUARDRAIL_PAUSED}), it recovers past its
 * recovery point, and listeners hear both.
 */
class GuardrailTest {
  private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
  private static final double NAN = Double.NaN;

  private final MutableClock clock = new MutableClock(T0);
  private final List<Dispatch> outbox = new ArrayList<>();
  private final List<String> heard = new ArrayList<>();
  private final List<GuardrailState> states = new ArrayList<>();

  private final GuardrailListener listener = new GuardrailListener() {
    @Override
    public void onBreach(GuardrailState state) {
      heard.add("breach");
      states.add(state);
    }

    @Override
    public void onRecovery(GuardrailState state) {
      heard.add("recovery");
      states.add(state);
    }
  };

  private final Action banner = Action.builder("banner").via(Channel.IN_APP).build();
  private final Action tip = Action.builder("tip").via(Channel.IN_APP).build();
  private final Action digest = Action.builder("digest").via(Channel.IN_APP)
      .via(Channel.EMAIL).build();
  private final Action mail = Action.builder("mail").via(Channel.EMAIL).build();
  private final Action receipt = Action.builder("receipt").purpose(Purpose.TRANSACTIONAL)
      .via(Channel.EMAIL).build();

  private final Journey news = journey("news", "go", banner);
  private final Journey tips = journey("tips", "tip_me", tip);
  private final Journey promos = journey("promos", "promo_me", banner);
  private final Journey digests = journey("digests", "digest_me", digest);
  private final Journey mails = journey("mails", "mail_me", mail);
  private final Journey receipts = journey("receipts", "ordered", receipt);

  private static Journey journey(String name, String trigger, Action action) {
    return Journey.builder(name).enterOn(Trigger.onEvent(trigger)).steps(SendStep.of(action))
        .build();
  }

  private Engine engine(Guardrail guardrail) {
    return Engine.builder().clock(clock).journeys(news, tips, promos, digests, mails, receipts)
        .guardrail(guardrail).guardrailListener(listener).dispatcher(outbox::add).build();
  }

  private void track(Engine engine, String customer, String type, Instant at) {
    clock.set(at);
    engine.track(Event.of(customer, type, at));
  }

  private void unsubscribe(Engine engine, String customer, Instant at) {
    Dispatch d = outbox.stream().filter(x -> x.customer().value().equals(customer)).findFirst()
        .orElseThrow();
    clock.set(at);
    engine.track(Event.builder(customer, EventTypes.UNSUBSCRIBED)
        .with(EventTypes.DISPATCH_ID, d.id()).at(at));
  }

  private void csat(Engine engine, String customer, int score, Instant at) {
    clock.set(at);
    engine.track(Event.builder(customer, EventTypes.SURVEY_ANSWERED)
        .with(EventTypes.KIND, "csat").with(EventTypes.SCORE, score).at(at));
  }

  /** Makes a customer reachable by marketing email. */
  private void emailable(Engine engine, String customer, Instant at) {
    engine.identify(customer, Traits.empty().set(TraitKey.EMAIL_ADDRESS,
        customer + "@example.com"));
    clock.set(at);
    engine.track(Event.builder(customer, EventTypes.CONSENT_GRANTED)
        .with(EventTypes.CHANNEL, "email").with(EventTypes.PURPOSE, "marketing").at(at));
  }

  private List<String> sentTo(String customer) {
    return outbox.stream().filter(d -> d.customer().value().equals(customer))
        .map(d -> d.action().name() + " via " + d.channel()).toList();
  }

  private static List<String> refusals(Engine engine, String customer, String journey) {
    return engine.explain(customer).enrollment(journey).orElseThrow().history().stream()
        .filter(r -> r.outcome() == StepOutcome.REFUSED).map(StepRecord::detail).toList();
  }

  private static Instant at(Duration d) {
    return T0.plus(d);
  }

  private static Duration hours(long h) {
    return Duration.ofHours(h);
  }

  /**
   * Unsubscribes a and b from the news (2 of 2: over the bound, but under the minimum sample of
   * 5), then sends the news to c, d and e: the fifth dispatch makes the sample (2 of 5 = 0.4).
   */
  private void breachWithFiveDispatches(Engine engine) {
    track(engine, "a", "go", T0);
    track(engine, "b", "go", T0);
    unsubscribe(engine, "a", at(hours(1)));
    unsubscribe(engine, "b", at(hours(1)));
    track(engine, "c", "go", at(hours(2)));
    track(engine, "d", "go", at(hours(2)));
    track(engine, "e", "go", at(hours(3)));
  }

  private static final Guardrail UNSUBSCRIBES = Guardrail.on(Metrics.unsubscribeRate())
      .below(0.2).minSample(5);
  private static final String UNSUBSCRIBES_TEXT = "unsubscribe_rate below 0.2 (min 5)";

  // ------------------------------------------------------------------ breach

  @Test
  void rate_over_the_bound_under_the_minimum_sample_pauses_nothing() {
    Engine engine = engine(UNSUBSCRIBES);
    track(engine, "a", "go", T0);
    track(engine, "b", "go", T0);
    unsubscribe(engine, "a", at(hours(1)));
    unsubscribe(engine, "b", at(hours(1)));

    track(engine, "c", "go", at(hours(2)));

    assertThat(engine.guardrails()).containsExactly(new GuardrailState(UNSUBSCRIBES_TEXT,
        "everything", false, 2.0 / 3, 3, Optional.empty()));
    assertThat(sentTo("c")).containsExactly("banner via in_app");
    assertThat(heard).isEmpty();
  }

  @Test
  void unsubscribe_rate_over_the_bound_with_the_minimum_sample_pauses_with_guardrail_paused() {
    Engine engine = engine(UNSUBSCRIBES);
    breachWithFiveDispatches(engine);

    track(engine, "f", "go", at(hours(4)));
    track(engine, "g", "tip_me", at(hours(4)));

    GuardrailState breached = new GuardrailState(UNSUBSCRIBES_TEXT, "everything", true, 0.4, 5,
        Optional.of(at(hours(3))));
    assertThat(sentTo("e")).containsExactly("banner via in_app");
    assertThat(sentTo("f")).isEmpty();
    assertThat(sentTo("g")).isEmpty();
    assertThat(outbox).hasSize(5);
    assertThat(refusals(engine, "f", "news")).containsExactly("GUARDRAIL_PAUSED");
    assertThat(refusals(engine, "g", "tips")).containsExactly("GUARDRAIL_PAUSED");
    assertThat(engine.journeyStats("news").step("1").refused(Reason.GUARDRAIL_PAUSED))
        .isEqualTo(1);
    assertThat(engine.journeyStats("news").step("1").sent()).isEqualTo(5);
    assertThat(engine.guardrails()).containsExactly(breached);
    assertThat(heard).containsExactly("breach");
    assertThat(states).containsExactly(breached);
  }

  @Test

  void guardrail_recovers_when_its_window_empties_and_sends_resume() {
    Engine engine = engine(UNSUBSCRIBES);
    breachWithFiveDispatches(engine);
    track(engine, "f", "go", at(hours(4)));

    track(engine, "g", "go", at(Duration.ofDays(30).plusHours(4)));

    assertThat(sentTo("f")).isEmpty();
    assertThat(sentTo("g")).containsExactly("banner via in_app");
    assertThat(heard).containsExactly("breach", "recovery");
    assertThat(states.get(1)).satisfies(s -> {
      assertThat(s.breached()).isFalse();
      assertThat(s.value()).isNaN();
      assertThat(s.sample()).isZero();
    });
    assertThat(engine.guardrails()).singleElement()
        .satisfies(s -> assertThat(s.breached()).isFalse());
  }

  @Test
  void guardrail_on_everything_pauses_marketing_but_not_transactional_messages() {
    Engine engine = engine(UNSUBSCRIBES);
    breachWithFiveDispatches(engine);
    engine.identify("r", Traits.empty().set(TraitKey.EMAIL_ADDRESS, "r@example.com"));

    track(engine, "r", "ordered", at(hours(4)));

    assertThat(sentTo("r")).containsExactly("receipt via email");
  }

  @Test
  void unsubscribe_guardrail_recovers_after_more_dispatches_without_unsubscribes() {
    Engine engine = engine(UNSUBSCRIBES);
    breachWithFiveDispatches(engine);
    List<Boolean> breachedAfterEach = new ArrayList<>();

    for (int i = 1; i <= 7; i++) {
      String r = "r-" + i;
      engine.identify(r, Traits.empty().set(TraitKey.EMAIL_ADDRESS, r + "@example.com"));
      track(engine, r, "ordered", at(hours(4 + i)));
      breachedAfterEach.add(engine.guardrails().get(0).breached());
    }
    track(engine, "f", "go", at(hours(12)));

    // 2 of 6 ... 2 of 11 = 0.1818 stay above the recovery point of 0.18; 2 of 12 recovers
    assertThat(breachedAfterEach).containsExactly(true, true, true, true, true, true, false);
    assertThat(heard).containsExactly("breach", "recovery");
    assertThat(states.get(1)).isEqualTo(new GuardrailState(UNSUBSCRIBES_TEXT, "everything",
        false, 2.0 / 12, 12, Optional.of(at(hours(11)))));
    assertThat(sentTo("f")).containsExactly("banner via in_app");
  }

  // ------------------------------------------------------------------ recovery with hysteresis

  private static final Guardrail SATISFACTION = Guardrail.on(Metrics.csat()).above(0.5)
      .minSample(4).recoverAt(0.75);
  private static final String SATISFACTION_TEXT = "csat above 0.5 (min 4)";

  @Test
  void csat_guardrail_breaches_pauses_recovers_past_its_recovery_point_and_sends_resume() {
    Engine engine = engine(SATISFACTION);
    int[] poor = {5, 5, 1, 1};
    for (int i = 0; i < poor.length; i++) {
      csat(engine, "s-" + i, poor[i], at(hours(i)));
    }
    track(engine, "a", "go", at(hours(4)));
    List<Boolean> breachedAfterEach = new ArrayList<>();
    List<Double> valueAfterEach = new ArrayList<>();

    for (int i = 0; i < 5; i++) {
      csat(engine, "h-" + i, 5, at(hours(5 + i)));
      breachedAfterEach.add(engine.guardrails().get(0).breached());
      valueAfterEach.add(engine.guardrails().get(0).value());
    }
    track(engine, "b", "go", at(hours(10)));

    assertThat(sentTo("a")).isEmpty();
    assertThat(refusals(engine, "a", "news")).containsExactly("GUARDRAIL_PAUSED");
    // 3/5, 4/6, 5/7 and 6/8 = 0.75 are healthy again but not past 0.75; 7/9 is
    assertThat(breachedAfterEach).containsExactly(true, true, true, true, false);
    assertThat(valueAfterEach).containsExactly(3.0 / 5, 4.0 / 6, 5.0 / 7, 6.0 / 8, 7.0 / 9);
    assertThat(heard).containsExactly("breach", "recovery");
    assertThat(states).containsExactly(
        new GuardrailState(SATISFACTION_TEXT, "everything", true, 0.5, 4,
            Optional.of(at(hours(3)))),
        new GuardrailState(SATISFACTION_TEXT, "everything", false, 7.0 / 9, 9,
            Optional.of(at(hours(9)))));
    assertThat(sentTo("b")).containsExactly("banner via in_app");
    assertThat(engine.journeyStats("news").step("1").refused(Reason.GUARDRAIL_PAUSED))
        .isEqualTo(1);
  }

  @Test
  void listener_that_throws_does_not_reach_the_caller_and_the_pause_holds() {
    Engine engine = Engine.builder().clock(clock).journeys(news).guardrail(SATISFACTION)
        .guardrailListener(new GuardrailListener() {
          @Override
          public void onBreach(GuardrailState state) {
            throw new IllegalStateException("listener down");
          }

          @Override
          public void onRecovery(GuardrailState state) {
            throw new IllegalStateException("listener down");
          }
        })
        .guardrailListener(listener).dispatcher(outbox::add).build();
    int[] poor = {1, 1, 1, 1};

    for (int i = 0; i < poor.length; i++) {
      csat(engine, "s-" + i, poor[i], at(hours(i)));
    }
    track(engine, "a", "go", at(hours(4)));

    assertThat(heard).containsExactly("breach");
    assertThat(sentTo("a")).isEmpty();
    assertThat(engine.customer("s-3").orElseThrow().count(EventTypes.SURVEY_ANSWERED))
        .isEqualTo(1);
  }

  // ------------------------------------------------------------------ scopes

  @Test
  void guardrail_for_a_journey_pauses_only_that_journey() {
    Guardrail g = Guardrail.on(Metrics.unsubscribeRate()).below(0.5).minSample(2)
        .forJourney("news");
    Engine engine = engine(g);
    track(engine, "a", "go", T0);
    track(engine, "b", "go", T0);
    unsubscribe(engine, "a", at(hours(1)));
    unsubscribe(engine, "b", at(hours(1)));

    track(engine, "c", "go", at(hours(2)));
    track(engine, "c", "tip_me", at(hours(2)));

    assertThat(sentTo("c")).containsExactly("tip via in_app");
    assertThat(refusals(engine, "c", "news")).containsExactly("GUARDRAIL_PAUSED");
    assertThat(engine.guardrails()).containsExactly(new GuardrailState(
        "unsubscribe_rate below 0.5 (min 2, journey news)", "journey news", true, 1.0, 2,
        Optional.of(at(hours(1)))));
  }

  @Test
  void guardrail_for_a_journey_ignores_other_journeys_outcomes() {
    Guardrail g = Guardrail.on(Metrics.unsubscribeRate()).below(0.5).minSample(2)
        .forJourney("news");
    Engine engine = engine(g);
    track(engine, "a", "go", T0);
    track(engine, "b", "go", T0);
    track(engine, "x", "tip_me", T0);
    track(engine, "y", "tip_me", T0);
    unsubscribe(engine, "x", at(hours(1)));
    unsubscribe(engine, "y", at(hours(1)));

    track(engine, "c", "go", at(hours(2)));

    assertThat(sentTo("c")).containsExactly("banner via in_app");
    assertThat(engine.guardrails()).singleElement().satisfies(s -> {
      assertThat(s.breached()).isFalse();
      assertThat(s.value()).isEqualTo(0.0);
      assertThat(s.sample()).isEqualTo(3);
    });
    assertThat(heard).isEmpty();
  }

  @Test
  void guardrail_for_an_action_pauses_it_in_every_journey_and_nothing_else() {
    Guardrail g = Guardrail.on(Metrics.unsubscribeRate()).below(0.5).minSample(2)
        .forAction("banner");
    Engine engine = engine(g);
    track(engine, "a", "go", T0);
    track(engine, "b", "go", T0);
    unsubscribe(engine, "a", at(hours(1)));
    unsubscribe(engine, "b", at(hours(1)));

    track(engine, "c", "promo_me", at(hours(2)));
    track(engine, "c", "tip_me", at(hours(2)));

    assertThat(sentTo("c")).containsExactly("tip via in_app");
    assertThat(refusals(engine, "c", "promos")).containsExactly("GUARDRAIL_PAUSED");
    assertThat(engine.guardrails()).containsExactly(new GuardrailState(
        "unsubscribe_rate below 0.5 (min 2, action banner)", "action banner", true, 1.0, 2,
        Optional.of(at(hours(1)))));
  }

  @Test
  void guardrail_for_a_channel_pauses_only_that_channel() {
    Guardrail g = Guardrail.on(Metrics.unsubscribeRate()).below(0.5).minSample(2)
        .forChannel(Channel.IN_APP);
    Engine engine = engine(g);
    track(engine, "a", "go", T0);
    track(engine, "b", "go", T0);
    unsubscribe(engine, "a", at(hours(1)));
    unsubscribe(engine, "b", at(hours(1)));
    emailable(engine, "c", at(hours(2)));

    track(engine, "c", "go", at(hours(2)));
    track(engine, "c", "mail_me", at(hours(2)));

    assertThat(sentTo("c")).containsExactly("mail via email");
    assertThat(refusals(engine, "c", "news")).containsExactly("GUARDRAIL_PAUSED");
    assertThat(engine.guardrails()).singleElement().satisfies(s -> {
      assertThat(s.guardrail()).isEqualTo("unsubscribe_rate below 0.5 (min 2, channel in_app)");
      assertThat(s.protects()).isEqualTo("channel in_app");
      assertThat(s.breached()).isTrue();
    });
  }

  @Test

  void guardrail_for_a_channel_sends_an_action_with_a_fallback_channel_on_the_other_one() {
    Guardrail g = Guardrail.on(Metrics.unsubscribeRate()).below(0.5).minSample(2)
        .forChannel(Channel.IN_APP);
    Engine engine = engine(g);
    track(engine, "a", "go", T0);
    track(engine, "b", "go", T0);
    unsubscribe(engine, "a", at(hours(1)));
    unsubscribe(engine, "b", at(hours(1)));
    emailable(engine, "c", at(hours(2)));

    track(engine, "c", "digest_me", at(hours(2)));

    assertThat(sentTo("c")).containsExactly("digest via email");
  }

  // ------------------------------------------------------------------ definitions

  @Test
  void guardrail_computes_its_metric_without_declaring_it() {
    Engine engine = engine(UNSUBSCRIBES);

    track(engine, "a", "go", T0);

    assertThat(engine.metric("unsubscribe_rate")).isEqualTo(new MetricValue(
        "unsubscribe_rate", "global", 0.0, 1, "last 30 days"));
  }

  @Test
  void guardrail_before_any_observation_is_not_breached_and_has_no_value() {
    Engine engine = engine(UNSUBSCRIBES);

    List<GuardrailState> states = engine.guardrails();

    assertThat(states).containsExactly(new GuardrailState(UNSUBSCRIBES_TEXT, "everything", false,
        NAN, 0, Optional.empty()));
  }

  @Test
  void guardrail_defaults_to_a_minimum_sample_of_30_and_recovery_10_percent_inside_its_bound() {
    Guardrail below = Guardrail.on(Metrics.unsubscribeRate()).below(0.02);
    Guardrail above = Guardrail.on(Metrics.csat()).above(0.7);

    assertThat(below.minSample()).isEqualTo(30);
    assertThat(below.recoveryPoint()).isCloseTo(0.018, within(1e-15));
    assertThat(above.recoveryPoint()).isCloseTo(0.77, within(1e-15));
    assertThat(below.scope()).isEqualTo(Guardrail.Scope.EVERYTHING);
    assertThat(below.dimension()).isEqualTo("global");
    assertThat(below).hasToString("unsubscribe_rate below 0.02 (min 30)");
    assertThat(above.forJourney("win-back").dimension()).isEqualTo("journey:win-back");
  }

  @Test
  void guardrail_with_a_bound_that_is_not_finite_is_refused() {
    Guardrail.Start start = Guardrail.on(Metrics.unsubscribeRate());

    assertThatThrownBy(() -> start.below(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("guardrail on 'unsubscribe_rate': bound is NaN; give a finite number");
    assertThatThrownBy(() -> start.above(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("guardrail on 'unsubscribe_rate': bound is Infinity; give a finite number");
  }

  @Test
  void guardrail_with_a_minimum_sample_of_zero_is_refused() {
    Guardrail g = Guardrail.on(Metrics.unsubscribeRate()).below(0.02);

    assertThatThrownBy(() -> g.minSample(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("guardrail on 'unsubscribe_rate': minSample is 0; give 1 or more");
  }

  @Test
  void guardrail_recovering_on_the_wrong_side_of_its_bound_is_refused() {
    Guardrail below = Guardrail.on(Metrics.unsubscribeRate()).below(0.02);
    Guardrail above = Guardrail.on(Metrics.csat()).above(0.7);

    assertThatThrownBy(() -> below.recoverAt(0.03))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("guardrail on 'unsubscribe_rate': recoverAt(0.03) must be on the healthy "
            + "side of the bound, at most 0.02");
    assertThatThrownBy(() -> above.recoverAt(0.6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("guardrail on 'csat': recoverAt(0.6) must be on the healthy side of the "
            + "bound, at least 0.7");
    assertThatThrownBy(() -> above.recoverAt(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("guardrail on 'csat': recoverAt(NaN) must be on the healthy side of the "
            + "bound, at least 0.7");
  }

  @Test
  void guardrail_with_no_metric_or_a_blank_journey_is_refused() {
    Guardrail g = Guardrail.on(Metrics.unsubscribeRate()).below(0.02);

    assertThatThrownBy(() -> Guardrail.on(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("guardrail: metric is null; give a value");
    assertThatThrownBy(() -> g.forJourney(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("guardrail on 'unsubscribe_rate': journey name is blank (\" \"); give it a "
            + "non-blank name");
  }

  @Test
  void guardrail_for_a_journey_on_a_metric_without_the_journey_breakdown_is_refused_at_build() {
    Guardrail g = Guardrail.on(Metrics.csat()).above(0.7).forJourney("news");

    assertThatThrownBy(() -> Engine.builder().journeys(news).guardrail(g).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("engine: guardrail 'csat above 0.7 (min 30, journey news)' watches one "
            + "journey but metric 'csat' does not break down by it; use "
            + "metric.by(Breakdown.JOURNEY), or watch its global value with pausingJourney(...) "
            + "instead");
  }

  @Test
  void guardrail_for_a_channel_on_a_metric_without_the_channel_breakdown_is_refused_at_build() {
    Metric failures = Metric.rate("failures").count(EventSelector.type("delivery_failed"))
        .per(EventSelector.type("dispatched"));
    Guardrail g = Guardrail.on(failures).below(0.1).forChannel(Channel.EMAIL);

    assertThatThrownBy(() -> Engine.builder().guardrail(g).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("engine: guardrail 'failures below 0.1 (min 30, channel email)' watches one "
            + "channel but metric 'failures' does not break down by it; use "
            + "metric.by(Breakdown.CHANNEL), or watch its global value with pausingChannel(...) "
            + "instead");
  }
}
