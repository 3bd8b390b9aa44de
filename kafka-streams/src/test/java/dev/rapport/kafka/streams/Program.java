package dev.rapport.kafka.streams;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.ConsentStatus;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Moment;
import dev.rapport.core.Profile;
import dev.rapport.core.Purpose;
import dev.rapport.core.TraitKey;
import dev.rapport.core.decision.Rule;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.journey.DecideStep;
import dev.rapport.core.journey.Goal;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.Trigger;
import dev.rapport.core.journey.WaitForStep;
import dev.rapport.core.journey.WaitStep;
import dev.rapport.core.measure.Guardrail;
import dev.rapport.core.measure.Metrics;
import dev.rapport.core.policy.Cap;
import dev.rapport.core.policy.ContactPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The program the tests run on both hosts: a journey with a send, a wait for an event with a
 * timeout that sends a message with a fallback channel, a wait and a decision; a rule set for
 * decisions; a cap; a guardrail on the unsubscribe rate. And a seeded synthetic log of calls.
 */
final class Program {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  static final Moment ACTIVATED = Moment.builder("activated").reachedOn("first_sync").build();
  static final Action WELCOME = Action.builder("welcome").purpose(Purpose.TRANSACTIONAL)
      .via(Channel.EMAIL).build();
  static final Action HELP = Action.builder("help").via(Channel.EMAIL).via(Channel.IN_APP)
      .responseWindow(Duration.ofHours(12)).build();
  static final Action OFFER = Action.builder("offer").topic("sales").via(Channel.IN_APP).build();
  static final Action TIPS = Action.builder("tips").topic("help").via(Channel.IN_APP).build();
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

  private Program() {}

  /** The definitions, with or without the guardrail. */
  static Consumer<Engine.Builder> definitions(boolean guardrail) {
    return b -> {
      b.moments(ACTIVATED)
          .journeys(ONBOARDING)
          .rules(OFFERS)
          .contactPolicy(ContactPolicy.builder().cap(Cap.of(2, Duration.ofDays(3))).build())
          .northStar(Metrics.activation(ACTIVATED, "signed_up", Duration.ofDays(14)));
      if (guardrail) {
        b.guardrail(Guardrail.on(Metrics.unsubscribeRate()).below(0.05).minSample(20));
      }
    };
  }

  /** One engine call of the log. */
  record Call(Instant at, String customer, int kind, int n) {
    /** The call, made through the calls a topology's input record may make. */
    void run(CustomerCalls calls) {
      switch (kind) {
        case 0 -> calls.identify(Profile.empty()
            .set(TraitKey.EMAIL_ADDRESS, customer + "@example.com")
            .consent(Channel.EMAIL, Purpose.MARKETING, ConsentStatus.GRANTED, at));
        case 1, 2 -> calls.track(Event.of(customer, "signed_up", at));
        case 3 -> calls.track(Event.of(customer, "api_key_created", at));
        case 4 -> calls.track(Event.of(customer, "first_sync", at));
        case 5, 6 -> calls.track(Event.builder(customer, "opened").id("o-" + n).at(at));
        case 7 -> {
          if (n > 600 || n % 40 == 0) { // few at first, many in the last third
            calls.track(Event.builder(customer, EventTypes.UNSUBSCRIBED)
                .with("channel", "email").at(at));
          } else {
            calls.track(Event.builder(customer, "clicked").id("k-" + n).at(at));
          }
        }
        case 8, 9 -> calls.decideAndSend();
        case 10 -> calls.track(Event.builder(customer, EventTypes.SURVEY_ANSWERED)
            .with("kind", "csat").with("score", 1 + n % 5).with("themes", List.of("speed"))
            .at(at));
        default -> calls.track(Event.builder(customer, "page_viewed").id("p-" + n).at(at));
      }
    }

    /** The call, made on an in-process engine as a host would. */
    void run(Engine engine) {
      Engine e = engine;
      run(new CustomerCalls() {
        @Override
        public String customerId() {
          return customer;
        }

        @Override
        public Instant time() {
          return at;
        }

        @Override
        public boolean track(Event event) {
          return e.track(event);
        }

        @Override
        public void identify(Profile profile) {
          e.identify(customer, profile);
        }

        @Override
        public void identify(dev.rapport.core.Traits traits) {
          e.identify(customer, traits);
        }

        @Override
        public dev.rapport.core.decision.Decision decideAndSend() {
          return e.decideAndSend(customer);
        }

        @Override
        public dev.rapport.core.decision.Decision decideAndSend(
            dev.rapport.core.decision.Placement placement) {
          return e.decideAndSend(customer, placement);
        }

        @Override
        public boolean forget() {
          return e.forget(customer);
        }

        @Override
        public boolean mergeFrom(String otherCustomerId) {
          return e.merge(otherCustomerId, customer);
        }
      });
    }

    /** The record value: kind and number. */
    String value() {
      return kind + "|" + n;
    }
  }

  /** A seeded log: {@code calls} calls of {@code customers} customers, minutes apart. */
  static List<Call> log(long seed, int calls, int customers) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Call> out = new ArrayList<>();
    Instant at = T0;
    for (int step = 0; step < calls; step++) {
      at = at.plus(Duration.ofMinutes(10 + r.nextInt(50)));
      out.add(new Call(at, "c-" + r.nextInt(customers), r.nextInt(12), step));
    }
    return out;
  }

  /** Reads a record value back into a call. */
  static Call call(String customer, Instant at, String value) {
    int bar = value.indexOf('|');
    if (bar < 0) {
      throw new IllegalArgumentException("not a call: no '|'");
    }
    return new Call(at, customer, Integer.parseInt(value.substring(0, bar)),
        Integer.parseInt(value.substring(bar + 1)));
  }

  /** The handler of the tests' input topic. */
  static InputHandler<String> handler() {
    return (value, calls) -> call(calls.customerId(), calls.time(), value).run(calls);
  }

  static Deserializer<String> text() {
    return (topic, bytes) -> bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  static Serializer<String> textOut() {
    return (topic, s) -> s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }
}
