package dev.rapport.core.engine.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.ConsentStatus;
import dev.rapport.core.Customer;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Moment;
import dev.rapport.core.Profile;
import dev.rapport.core.Purpose;
import dev.rapport.core.Segment;
import dev.rapport.core.TraitKey;
import dev.rapport.core.Traits;
import dev.rapport.core.decision.PropensityModel;
import dev.rapport.core.decision.Rule;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.InputLimits;
import dev.rapport.core.engine.MutableClock;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.Trigger;
import dev.rapport.core.journey.WaitStep;
import dev.rapport.core.measure.EventSelector;
import dev.rapport.core.measure.Guardrail;
import dev.rapport.core.measure.GuardrailListener;
import dev.rapport.core.measure.GuardrailState;
import dev.rapport.core.measure.Metric;
import dev.rapport.core.measure.Metrics;
import dev.rapport.core.policy.Cap;
import dev.rapport.core.policy.ContactPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The property of issue 10: over random sequences of good and bad calls (track, identify,
 * advanceTo, decide, decideAndSend, forget, resolveTheme), against a program whose host code
 * throws (a dispatcher, a guardrail listener, a propensity model, a segment's condition, a
 * metric's definition, a rule's condition, the failure listener), no call both throws and
 * changes anything a host can observe: the customers' views and explanations, the statistics,
 * the dashboard, the dispatches handed over, the engine's time. Besides, every bad call is
 * refused and no good call throws, whatever the host's code does.
 *
 * <p>Each case is one seed drawing up to forty calls; a failure names its seed and the calls so
 * far, and the case runs again alone with that seed. These are seeded JUnit cases rather than
 * jqwik properties, as {@code JourneyPropertiesTest} is: jqwik's maintainer asks that it not be
 * used by AI coding agents, and this class was written by one.
 */
class HostileSequencesTest {
  static final Instant T0 = Instant.parse("2025-06-02T10:00:00Z");
  static final int SEEDS = 200;
  static final int CALLS = 40;
  static final List<String> CUSTOMERS = List.of("ada@example.com", "c-2", "c-3", "c-4");
  static final String N300 = "n".repeat(300);

  static LongStream seeds() {
    return LongStream.range(0, SEEDS);
  }

  // ------------------------------------------------------------------ a program with bad hosts

  static final Action WELCOME = Action.builder("welcome").purpose(Purpose.TRANSACTIONAL)
      .via(Channel.EMAIL).build();
  static final Action TIPS = Action.builder("tips").topic("coffee").via(Channel.EMAIL)
      .via(Channel.IN_APP).build();
  static final Action SURVEY = Action.builder("survey").via(Channel.IN_APP).build();
  static final Journey ONBOARDING = Journey.builder("onboarding")
      .enterOn(Trigger.onEvent("signed_up"))
      .steps(SendStep.of(WELCOME), WaitStep.of(Duration.ofHours(12)), SendStep.of(TIPS),
          WaitStep.of(Duration.ofDays(1)), SendStep.of(SURVEY))
      .build();
  /** The rule about refunds throws for any customer who has asked for one. */
  static final RuleSet OFFERS = RuleSet.builder("offers")
      .rule(Rule.builder("tips-for-buyers").when(c -> c.hasDone("purchased")).recommend(TIPS)
          .because("buyers like tips").build())
      .rule(Rule.builder("survey-after-refund").when(c -> {
        if (c.hasDone("refunded")) {
          throw new IllegalStateException("refund lookup failed for " + c.id());
        }
        return false;
      }).recommend(SURVEY).because("refunds tell us something").build())
      .build();
  /** A segment whose condition throws for one customer. */
  static final Segment FLAKY = Segment.of("flaky", c -> {
    if (c.id().value().equals("c-3")) {
      throw new IllegalStateException("crm down for c-3");
    }
    return c.count("purchased") > 1;
  });
  /** A metric whose definition throws on refunds. */
  static final Metric MARGIN = Metric.mean("margin").of(EventSelector.type("refunded")
      .and((e, c) -> {
        throw new IllegalStateException("margin service down");
      })).value((e, c) -> OptionalDouble.of(1));

  /** A model that cannot score c-4 and cannot learn from c-2. */
  static final class BrokenModel implements PropensityModel {
    @Override
    public Estimate estimate(Customer customer, Action action, Context context) {
      if (customer.id().value().equals("c-4")) {
        throw new IllegalStateException("no score for c-4");
      }
      return new Estimate(0.5, "all", "fixed");
    }

    @Override
    public void observe(Customer customer, Action action, String group, Outcome outcome,
        Context context) {
      if (customer.id().value().equals("c-2")) {
        throw new IllegalStateException("cannot learn from c-2");
      }
    }
  }

  static final GuardrailListener PAGER = new GuardrailListener() {
    @Override
    public void onBreach(GuardrailState state) {
      throw new IllegalStateException("pager down");
    }

    @Override
    public void onRecovery(GuardrailState state) {
      throw new IllegalStateException("pager down");
    }
  };

  /** One case's engine, whose dispatcher throws for c-3 and for one dispatch in three. */
  static final class World {
    final MutableClock clock = new MutableClock(T0);
    final Outbox outbox = new Outbox().then(d -> {
      if (d.customer().value().equals("c-3") || Math.floorMod(d.id().hashCode(), 3) == 0) {
        throw new IllegalStateException("relay refused " + d.id());
      }
    });
    final Engine engine = Engine.builder().clock(clock)
        .moments(Moment.builder("activated").reachedOn("first_sync").build())
        .segments(FLAKY)
        .journeys(ONBOARDING).rules(OFFERS)
        .contactPolicy(ContactPolicy.builder().cap(Cap.of(3, Duration.ofDays(7))).build())
        .metrics(Metrics.csat(), MARGIN)
        .guardrail(Guardrail.on(Metrics.unsubscribeRate()).below(0.3).minSample(2))
        .guardrailListener(PAGER)
        .propensity(new BrokenModel())
        .failureListener(f -> {
          throw new IllegalStateException("error tracker down");
        })
        .dispatcher(outbox).build();

    Observed observe() {
      return Observed.of(engine, CUSTOMERS, outbox);
    }
  }

  /** One call of a case: what it does, and whether it is a good call or a bad input. */
  record Call(String text, boolean good, Host host) {
    @Override
    public String toString() {
      return (good ? "good " : "bad  ") + text;
    }
  }

  /** What the host does with the engine. */
  @FunctionalInterface
  interface Host {
    void on(Engine engine) throws Exception;
  }

  // ------------------------------------------------------------------ drawing calls

  static Call good(String text, Host host) {
    return new Call(text, true, host);
  }

  static Call bad(String text, Host host) {
    return new Call(text, false, host);
  }

  static <T> T any(Random r, List<T> items) {
    return items.get(r.nextInt(items.size()));
  }

  static Call draw(Random r, World w) {
    String c = any(r, CUSTOMERS);
    // event times on a coarse grid of the engine's time, so that ties are common
    Instant at = w.engine.now().minus(Duration.ofMinutes(15L * r.nextInt(5)));
    return r.nextInt(10) < 6 ? drawGood(r, w, c, at) : drawBad(r, w, c, at);
  }

  static Call drawGood(Random r, World w, String c, Instant at) {
    switch (r.nextInt(12)) {
      case 0:
        return good("track signed_up of " + c + " at " + at,
            e -> e.track(Event.of(c, "signed_up", at)));
      case 1:
        return good("track purchased of " + c + " at " + at, e -> e.track(Event.builder(c,
            "purchased").with("sku", any(r, List.of("grinder", "kettle"))).at(at)));
      case 2: {
        String type = any(r, List.of("first_sync", "refunded"));
        return good("track " + type + " of " + c + " at " + at,
            e -> e.track(Event.of(c, type, at)));
      }
      case 3: {
        String type = any(r, List.of(EventTypes.CONSENT_GRANTED, EventTypes.CONSENT_REVOKED,
            EventTypes.UNSUBSCRIBED, EventTypes.COMPLAINED));
        return good("track " + type + " (email) of " + c + " at " + at, e -> e.track(
            Event.builder(c, type).with("channel", "email").with("purpose", "marketing")
                .at(at)));
      }
      case 4: {
        int score = 1 + r.nextInt(5);
        String theme = any(r, List.of("billing", "shipping"));
        return good("track csat " + score + " about " + theme + " of " + c + " at " + at,
            e -> e.track(Event.builder(c, EventTypes.SURVEY_ANSWERED).with("kind", "csat")
                .with("score", score).with("themes", List.of(theme)).at(at)));
      }
      case 5: {
        List<Dispatch> sent = w.outbox.handedOver();
        if (sent.isEmpty()) {
          return good("identify " + c, e -> e.identify(c, Traits.empty()));
        }
        Dispatch d = any(r, sent);
        String type = any(r, List.of(EventTypes.OPENED, EventTypes.DELIVERY_FAILED,
            EventTypes.UNSUBSCRIBED));
        return good("track " + type + " of dispatch " + d.id(), e -> e.track(Event.builder(
            d.customer(), type).with("dispatch_id", d.id()).with("channel", d.channel().name())
            .at(e.now())));
      }
      case 6: {
        boolean consent = r.nextBoolean();
        return good("identify " + c + " with an address" + (consent ? " and consent" : ""),
            e -> {
              Profile p = Profile.empty().set(TraitKey.EMAIL_ADDRESS, c.contains("@") ? c
                  : c + "@example.com");
              e.identify(c, consent ? p.consent(Channel.EMAIL, Purpose.MARKETING,
                  ConsentStatus.GRANTED) : p);
            });
      }
      case 7: {
        Duration by = Duration.ofHours(r.nextInt(40));
        return good("advanceTo now + " + by, e -> e.advanceTo(e.now().plus(by)));
      }
      case 8:
        return good("decide for " + c, e -> e.decide(c));
      case 9:
        return good("decideAndSend for " + c, e -> e.decideAndSend(c));
      case 10:
        return good("resolveTheme billing", e -> e.resolveTheme("billing"));
      default:
        return r.nextInt(4) == 0 ? good("forget " + c, e -> e.forget(c))
            : good("track viewed of " + c + " at " + at, e -> e.track(Event.of(c, "viewed",
                at)));
    }
  }

  static Call drawBad(Random r, World w, String c, Instant at) {
    switch (r.nextInt(20)) {
      case 0: {
        Duration ahead = Duration.ofMinutes(6 + r.nextInt(10_000));
        return bad("track viewed of " + c + " " + ahead + " ahead", e -> e.track(Event.of(c,
            "viewed", e.now().plus(ahead))));
      }
      case 1: {
        int score = 6 + r.nextInt(5);
        return bad("track csat " + score + " of " + c, e -> e.track(Event.builder(c,
            EventTypes.SURVEY_ANSWERED).with("kind", "csat").with("score", score).at(at)));
      }
      case 2:
        return bad("track csat with themes 42 of " + c, e -> e.track(Event.builder(c,
            EventTypes.SURVEY_ANSWERED).with("kind", "csat").with("score", 3).with("themes", 42)
            .at(at)));
      case 3:
        return bad("track consent on fax of " + c, e -> e.track(Event.builder(c,
            EventTypes.CONSENT_GRANTED).with("channel", "fax").at(at)));
      case 4:
        return bad("track unsubscribe from pigeon of " + c, e -> e.track(Event.builder(c,
            EventTypes.UNSUBSCRIBED).with("channel", "pigeon").at(at)));
      case 5:
        return bad("track an event type of 300 characters", e -> e.track(Event.of(c, N300, at)));
      case 6:
        return bad("track 257 properties", e -> {
          Map<String, Object> many = new LinkedHashMap<>();
          for (int i = 0; i < 257; i++) {
            many.put("p" + i, i);
          }
          e.track(Event.builder(c, "viewed").properties(many).at(at));
        });
      case 7:
        return bad("track an outcome whose dispatch_id is a number", e -> e.track(Event.builder(
            c, EventTypes.OPENED).with("dispatch_id", 7).at(at)));
      case 8:
        return bad("track at Instant.MAX", e -> e.track(Event.of(c, "viewed", Instant.MAX)));
      case 9:
        return bad("track a dispatched event whose journey is a number", e -> e.track(
            Event.builder(c, EventTypes.DISPATCHED).with("journey", 3).at(at)));
      case 10:
        return bad("identify an id of 300 characters", e -> e.identify(N300, Profile.empty()));
      case 11:
        return bad("identify " + c + " with consent on whatsapp", e -> e.identify(c,
            Profile.empty().set(TraitKey.EMAIL_ADDRESS, "x@example.com")
                .consent(Channel.of("whatsapp"), Purpose.MARKETING, ConsentStatus.GRANTED)));
      case 12:
        return bad("identify " + c + " with a trait of 70,000 characters", e -> e.identify(c,
            Traits.empty().set(TraitKey.of("bio", String.class), "b".repeat(70_000))));
      case 13:
        return bad("identify " + c + " with a consent at Instant.MIN", e -> e.identify(c,
            Profile.empty().set(TraitKey.EMAIL_ADDRESS, "x@example.com")
                .consent(Channel.SMS, Purpose.MARKETING, ConsentStatus.GRANTED, Instant.MIN)));
      case 14: {
        Instant to = any(r, List.of(Instant.MAX, Instant.MIN, InputLimits.LATEST));
        return bad("advanceTo " + to, e -> e.advanceTo(to));
      }
      case 15:
        return bad("advanceTo null", e -> e.advanceTo(null));
      case 16:
        return bad("decide for " + c + " with no placement", e -> e.decideAndSend(c, null));
      case 17:
        return bad("decide for a blank id", e -> e.decide(" "));
      case 18:
        return bad("forget an id of 300 characters", e -> e.forget(N300));
      default:
        return bad("resolveTheme of a blank theme", e -> e.resolveTheme(" "));
    }
  }

  // ------------------------------------------------------------------ the property

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void no_call_both_throws_and_changes_anything_observable(long seed) {
    Random r = new Random(seed);
    World w = new World();
    List<Call> log = new ArrayList<>();
    int calls = 1 + r.nextInt(CALLS);

    for (int i = 0; i < calls; i++) {
      Call call = draw(r, w);
      log.add(call);
      Observed before = w.observe();
      Throwable thrown = catchThrowable(() -> call.host().on(w.engine));
      Observed after = w.observe();

      String where = "seed " + seed + ", calls:\n  " + String.join("\n  ",
          log.stream().map(Call::toString).toList());
      if (call.good()) {
        assertThat(thrown).as("a good call threw; %s", where).isNull();
      } else {
        assertThat(thrown).as("a bad call was accepted; %s", where)
            .isInstanceOfAny(IllegalArgumentException.class, IllegalStateException.class);
      }
      if (thrown != null) {
        assertThat(after).as("a call threw and changed something; %s", where)
            .isEqualTo(before);
      }
    }
  }
}
