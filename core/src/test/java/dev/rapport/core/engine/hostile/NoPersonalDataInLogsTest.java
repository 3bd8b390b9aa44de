package dev.rapport.core.engine.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Customer;
import dev.rapport.core.Event;
import dev.rapport.core.Profile;
import dev.rapport.core.Segment;
import dev.rapport.core.TraitKey;
import dev.rapport.core.decision.PropensityModel;
import dev.rapport.core.decision.Rule;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.MutableClock;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.Trigger;
import dev.rapport.core.measure.EventSelector;
import dev.rapport.core.measure.Guardrail;
import dev.rapport.core.measure.GuardrailListener;
import dev.rapport.core.measure.GuardrailState;
import dev.rapport.core.measure.Metric;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, defect 7: what the engine logs above DEBUG carries no personal data: no customer id
 * (hosts often use e-mail addresses), no trait or property value, no message of a host
 * exception (whose text may quote any of these), and no dispatch id (which names one customer's
 * message). A WARN line says what failed and where; the details go to counters and listeners.
 *
 * <p>Every personal value below holds the marker {@code lovelace}: the customer id, a trait, an
 * event's id and properties, and every exception the host's code throws. Each test captures what
 * the engine prints while the host's data flows through one path, and finds no marker in it.
 */
class NoPersonalDataInLogsTest {
  static final Instant T0 = Instant.parse("2025-06-02T10:00:00Z");
  static final String ID = "ada.lovelace@example.com";
  static final String MARKER = "lovelace";
  static final TraitKey<String> NICKNAME = TraitKey.of("nickname", String.class);
  static final Action HELLO = Action.builder("hello").via(Channel.IN_APP).build();
  static final Journey GREET = Journey.builder("greet").enterOn(Trigger.onEvent("signed_up"))
      .steps(SendStep.of(HELLO)).build();
  static final RuleSet OFFERS = RuleSet.builder("offers").rule(Rule.builder("everyone")
      .when(c -> true).recommend(HELLO).because("hello to everyone").build()).build();

  final MutableClock clock = new MutableClock(T0);
  final Outbox outbox = new Outbox();

  static IllegalStateException hostFailure(String where) {
    return new IllegalStateException(where + " failed for " + ID + " (Ada Lovelace, "
        + "nickname Countess-Lovelace)");
  }

  /** Tells the engine what a host knows: personal data in traits, ids and properties. */
  static void knowAda(Engine engine) {
    engine.identify(ID, Profile.empty().set(TraitKey.EMAIL_ADDRESS, ID)
        .set(NICKNAME, "Countess-Lovelace"));
    engine.track(Event.builder(ID, "purchased").id("order-lovelace-1")
        .with("shipping_name", "Ada Lovelace").with("sku", "grinder")
        .at(T0.minus(Duration.ofDays(1))));
  }

  void assertNoPersonalData(LogCapture log) {
    List<String> markers = new ArrayList<>(List.of(MARKER));
    for (Dispatch d : outbox.handedOver()) {
      markers.add(d.id());
    }
    for (String line : log.lines()) {
      for (String marker : markers) {
        assertThat(line.toLowerCase(Locale.ROOT)).as("a line logged above DEBUG")
            .doesNotContain(marker.toLowerCase(Locale.ROOT));
      }
    }
  }

  @Test
  void forget_logs_no_customer_id_above_debug() {
    Engine engine = Engine.builder().clock(clock).build();
    knowAda(engine);

    try (LogCapture log = LogCapture.start()) {
      boolean held = engine.forget(ID);

      assertThat(held).isTrue();
      assertNoPersonalData(log);
    }
  }

  @Test
  void dispatcher_failure_is_logged_without_the_dispatch_or_the_host_message() {
    outbox.then(d -> {
      throw hostFailure("mail relay");
    });
    Engine engine = Engine.builder().clock(clock).journeys(GREET).dispatcher(outbox).build();
    knowAda(engine);

    try (LogCapture log = LogCapture.start()) {
      engine.track(Event.builder(ID, "signed_up").id("signup-lovelace").at(T0));

      assertThat(outbox.handedOver()).hasSize(1);
      assertThat(log.warnings()).isNotEmpty();
      assertNoPersonalData(log);
    }
  }

  @Test
  void guardrail_listener_failure_is_logged_without_the_host_message() {
    Metric unhappy = Metric.share("unhappy").of(EventSelector.type("answered"))
        .where((e, c) -> !e.properties().getBoolean("happy").orElse(true));
    GuardrailListener listener = new GuardrailListener() {
      @Override
      public void onBreach(GuardrailState state) {
        throw hostFailure("pager");
      }

      @Override
      public void onRecovery(GuardrailState state) {
        throw hostFailure("pager");
      }
    };
    Engine engine = Engine.builder().clock(clock)
        .guardrail(Guardrail.on(unhappy).below(0.5).minSample(1)).guardrailListener(listener)
        .build();
    knowAda(engine);

    try (LogCapture log = LogCapture.start()) {
      engine.track(Event.builder(ID, "answered").with("happy", false)
          .with("comment", "Lovelace is unhappy").at(T0));

      assertThat(engine.guardrails().get(0).breached()).isTrue();
      assertThat(log.warnings()).isNotEmpty();
      assertNoPersonalData(log);
    }
  }

  @Test
  void condition_failure_is_logged_without_the_host_message() {
    Engine engine = Engine.builder().clock(clock)
        .segments(Segment.of("vip", c -> {
          throw hostFailure("vip lookup");
        }))
        .build();

    try (LogCapture log = LogCapture.start()) {
      knowAda(engine);

      assertThat(engine.customer(ID)).isPresent();
      assertThat(log.warnings()).isNotEmpty();
      assertNoPersonalData(log);
    }
  }

  @Test
  void metric_definition_failure_is_logged_without_the_host_message() {
    Metric broken = Metric.share("broken").of(EventSelector.type("purchased"))
        .where((e, c) -> {
          throw hostFailure("margin lookup");
        });
    Engine engine = Engine.builder().clock(clock).metrics(broken).build();

    try (LogCapture log = LogCapture.start()) {
      knowAda(engine);

      assertThat(engine.customer(ID).orElseThrow().count("purchased")).isEqualTo(1);
      assertThat(log.warnings()).isNotEmpty();
      assertNoPersonalData(log);
    }
  }

  @Test
  void rule_failure_is_logged_without_the_host_message() {
    RuleSet broken = RuleSet.builder("broken").rule(Rule.builder("throws")
        .when(c -> {
          throw hostFailure("rule");
        }).recommend(HELLO).because("never").build()).build();
    Engine engine = Engine.builder().clock(clock).rules(broken).build();
    knowAda(engine);

    try (LogCapture log = LogCapture.start()) {
      engine.decide(ID);

      assertNoPersonalData(log);
    }
  }

  /** A model that fails whatever it is asked, quoting the customer. */
  static final class FailingModel implements PropensityModel {
    @Override
    public Estimate estimate(Customer customer, Action action, Context context) {
      throw hostFailure("scoring of " + customer.id());
    }

    @Override
    public void observe(Customer customer, Action action, String group, Outcome outcome,
        Context context) {
      throw hostFailure("learning from " + customer.id());
    }
  }

  /** A model that scores, but fails to learn, quoting the customer. */
  static final class ForgetfulModel implements PropensityModel {
    @Override
    public Estimate estimate(Customer customer, Action action, Context context) {
      return new Estimate(0.5, "all", "fixed");
    }

    @Override
    public void observe(Customer customer, Action action, String group, Outcome outcome,
        Context context) {
      throw hostFailure("learning from " + customer.id());
    }
  }

  @Test
  void propensity_model_failures_are_logged_without_the_host_message() {
    Engine scoring = Engine.builder().clock(clock).rules(OFFERS).propensity(new FailingModel())
        .build();
    Engine learning = Engine.builder().clock(clock).rules(OFFERS)
        .propensity(new ForgetfulModel()).dispatcher(outbox).build();
    knowAda(scoring);
    knowAda(learning);

    try (LogCapture log = LogCapture.start()) {
      scoring.decide(ID);
      learning.decideAndSend(ID);

      assertThat(outbox.actions()).containsExactly("hello");
      assertThat(log.warnings()).isNotEmpty();
      assertNoPersonalData(log);
    }
  }
}
