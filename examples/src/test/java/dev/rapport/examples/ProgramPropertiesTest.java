package dev.rapport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.EventTypes;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.examples.subscription.Subscription;
import dev.rapport.testkit.EngineProperties;
import dev.rapport.testkit.History;
import dev.rapport.testkit.RapportArbitraries;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The testkit's ready-made properties, applied to the examples' whole program. */
class ProgramPropertiesTest {
  /** The event types the three examples listen to. */
  private static final List<String> EVENT_TYPES = List.of(
      "signed_up", "api_key_created", "teammate_invited", "first_sync", "logged_in",
      "account_closed",
      "purchased", "order_delivered", "garden_viewed", "session_started",
      "renewal_upcoming", "payment_succeeded", "payment_failed", "subscription_cancelled",
      EventTypes.TICKET_OPENED, EventTypes.TICKET_RESOLVED);

  @Property(tries = 150)
  void the_program_keeps_the_engines_promises_for_every_history(
      @ForAll("histories") History history) {
    EngineProperties.all(Program::configure, Subscription.POLICY, history);
  }

  @Property(tries = 60)
  void the_billing_reminder_never_goes_on_two_channels_at_once(
      @ForAll("histories") History history) {
    List<Dispatch> reminders = history.replay(Program::configure).stream()
        .filter(d -> d.action().name().equals("billing-reminder")).toList();

    for (Dispatch a : reminders) {
      for (Dispatch b : reminders) {
        if (a != b && a.customer().equals(b.customer()) && a.at().equals(b.at())) {
          assertThat(a.channel()).as("%s and %s", a, b).isEqualTo(b.channel());
        }
      }
    }
  }

  @Provide
  Arbitrary<History> histories() {
    return RapportArbitraries.histories(EVENT_TYPES, Duration.ofDays(20));
  }
}
