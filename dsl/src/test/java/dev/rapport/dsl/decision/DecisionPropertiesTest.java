package dev.rapport.dsl.decision;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.MARKETING;
import static dev.rapport.dsl.Rapport.PHONE_NUMBER;
import static dev.rapport.dsl.Rapport.PUSH;
import static dev.rapport.dsl.Rapport.SMS;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.contactPolicy;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.placement;
import static dev.rapport.dsl.Rapport.profile;
import static dev.rapport.dsl.Rapport.rules;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.ConsentStatus;
import dev.rapport.core.Profile;
import dev.rapport.core.Purpose;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.Placement;
import dev.rapport.core.decision.PropensityModel;
import dev.rapport.core.decision.Recommendation;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.dsl.journey.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What must hold for every customer, every purchase history and every sequence of decisions:
 * no marketing recommendation on email or SMS without a granted consent, no dispatch that breaks
 * a cap, and the same inputs and seed give the same decisions, with the fixed and the adaptive
 * model.
 */
class DecisionPropertiesTest {
  private static final Instant T = Instant.parse("2026-11-02T08:00:00Z");
  private static final List<String> SKUS = List.of("grinder", "beans", "kettle", "mower", "tea");

  private static final Action BREW_EMAIL = action("brew-guide-email").topic("coffee").via(EMAIL)
      .value(3).build();
  private static final Action BREW_SMS = action("brew-tip-sms").topic("coffee").via(SMS)
      .value(2.5).build();
  private static final Action FILTERS = action("filters").topic("filters").via(EMAIL)
      .orElse(SMS).value(2).build();
  private static final Action KETTLE_PUSH = action("kettle-push").topic("tea").via(PUSH)
      .orElse(EMAIL).value(1.8).build();
  private static final Action MOWER = action("mower-sale").topic("garden").via(IN_APP)
      .value(1.5).build();
  private static final Action TIPS = action("tips-card").via(IN_APP).build();
  private static final Action RECEIPT = action("receipt").transactional().via(EMAIL).value(0.5)
      .build();
  private static final Action DELIVERY = action("delivery-update").transactional().via(SMS)
      .value(0.8).build();

  private static final RuleSet STOREFRONT = rules("storefront")
      .rule("grinder-email").whenDone("purchased", sku("grinder")).recommend(BREW_EMAIL)
          .because("owns a grinder")
      .rule("beans-email").whenDone("purchased", sku("beans")).recommend(BREW_EMAIL)
          .because("buys beans").weight(1.2)
      .rule("grinder-sms").whenDone("purchased", sku("grinder")).recommend(BREW_SMS)
          .because("owns a grinder, likes texts")
      .rule("filters").whenDone("purchased", sku("grinder")).recommend(FILTERS)
          .because("grinders need filters")
      .rule("kettle").whenDone("purchased", sku("kettle")).recommend(KETTLE_PUSH)
          .because("owns a kettle")
      .rule("mower").whenDone("purchased", sku("mower")).recommend(MOWER)
          .because("gardener")
      .rule("tips").recommend(TIPS).because("everyone")
      .rule("receipt").whenDone("purchased").recommend(RECEIPT).because("bought something")
      .rule("delivery").whenDone("purchased").recommend(DELIVERY).because("parcel on its way")
      .build();

  private static final ContactPolicy POLICY = contactPolicy()
      .atMost(3).per(Duration.ofDays(1))
      .atMost(1).per(Duration.ofDays(1)).on(SMS)
      .atMost(1).per(Duration.ofHours(6)).onTopic("coffee")
      .build();

  private static final List<Placement> PLACEMENTS = List.of(
      placement("one", 1), placement("two", 2), placement("three", 3),
      placement("app", 2, IN_APP), placement("inbox", 2, EMAIL, SMS));
  private static final Placement ONE = PLACEMENTS.get(0);

  private static Predicate<dev.rapport.core.Properties> sku(String sku) {
    return p -> sku.equals(p.get("sku"));
  }

  // ------------------------------------------------------------------ inputs

  /** Who the customer is: reachability and marketing consent on email and SMS. */
  record CustomerSpec(boolean email, ConsentStatus emailConsent, boolean phone,
      ConsentStatus smsConsent) {
    Profile profile() {
      Profile p = Profile.empty();
      if (email) {
        p = p.set(EMAIL_ADDRESS, "c@example.com");
      }
      if (phone) {
        p = p.set(PHONE_NUMBER, "+44 7700 900123");
      }
      if (emailConsent != ConsentStatus.UNKNOWN) {
        p = p.consent(EMAIL, MARKETING, emailConsent);
      }
      if (smsConsent != ConsentStatus.UNKNOWN) {
        p = p.consent(SMS, MARKETING, smsConsent);
      }
      return p;
    }

    boolean mayMarket(Channel channel) {
      if (channel.equals(EMAIL)) {
        return email && emailConsent == ConsentStatus.GRANTED;
      }
      if (channel.equals(SMS)) {
        return phone && smsConsent == ConsentStatus.GRANTED;
      }
      return true;
    }
  }

  /**
   * One step of the scenario: wait, then decide (or decide and send) for a placement, and maybe
   * click the best recommendation.
   */
  record Op(int minutesLater, boolean send, int placement, boolean click) {}

  @Provide
  Arbitrary<CustomerSpec> customers() {
    Arbitrary<ConsentStatus> consent = Arbitraries.of(ConsentStatus.GRANTED,
        ConsentStatus.DENIED, ConsentStatus.UNKNOWN);
    Arbitrary<Boolean> bool = Arbitraries.of(true, false);
    return Combinators.combine(bool, consent, bool, consent).as(CustomerSpec::new);
  }

  @Provide
  Arbitrary<List<String>> purchases() {
    return Arbitraries.of(SKUS).list().ofMaxSize(4);
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    return Combinators.combine(Arbitraries.integers().between(0, 480),
        Arbitraries.of(true, true, false), Arbitraries.integers().between(0, PLACEMENTS.size() - 1),
        Arbitraries.of(true, false))
        .as(Op::new).list().ofMinSize(1).ofMaxSize(25);
  }

  // ------------------------------------------------------------------ running a scenario

  /** What one run produced. */
  record Run(List<Decision> decisions, List<Dispatch> dispatches) {}

  private static Run run(CustomerSpec customer, List<String> purchases, List<Op> ops,
      PropensityModel model, long seed, boolean takeOne) {
    MutableClock clock = new MutableClock(T);
    List<Dispatch> outbox = new ArrayList<>();
    Engine engine = Engine.builder().clock(clock).rules(STOREFRONT).contactPolicy(POLICY)
        .propensity(model).seed(seed).dispatcher(outbox::add).build();
    engine.identify("c-1", customer.profile());
    for (int i = 0; i < purchases.size(); i++) {
      engine.track(event("c-1", "purchased").with("sku", purchases.get(i))
          .at(T.minusSeconds(3_600L * (purchases.size() - i))));
    }
    List<Decision> decisions = new ArrayList<>();
    for (Op op : ops) {
      clock.advance(Duration.ofMinutes(op.minutesLater()));
      Placement p = takeOne ? ONE : PLACEMENTS.get(op.placement());
      Decision d = op.send() ? engine.decideAndSend("c-1", p) : engine.decide("c-1", p);
      decisions.add(d);
      if (op.click() && d.best().isPresent()) {
        engine.track(event("c-1", "clicked")
            .with("impression_id", d.best().get().impressionId())
            .at(clock.instant().plusSeconds(1)));
      }
    }
    return new Run(decisions, outbox);
  }

  private static long marketingIn(List<Dispatch> sent, Instant end, Duration window,
      Predicate<Dispatch> counts) {
    return sent.stream()
        .filter(d -> d.action().purpose() == Purpose.MARKETING)
        .filter(d -> d.at().isAfter(end.minus(window)) && !d.at().isAfter(end))
        .filter(counts)
        .count();
  }

  private static void assertCapsHold(List<Dispatch> sent) {
    for (Dispatch end : sent) {
      assertThat(marketingIn(sent, end.at(), Duration.ofDays(1), d -> true))
          .as("marketing in the day ending %s: %s", end.at(), sent).isLessThanOrEqualTo(3);
      assertThat(marketingIn(sent, end.at(), Duration.ofDays(1), d -> d.channel().equals(SMS)))
          .as("marketing SMS in the day ending %s: %s", end.at(), sent).isLessThanOrEqualTo(1);
      assertThat(marketingIn(sent, end.at(), Duration.ofHours(6),
          d -> d.action().topic().filter("coffee"::equals).isPresent()))
          .as("coffee marketing in the 6 hours ending %s: %s", end.at(), sent)
          .isLessThanOrEqualTo(1);
    }
  }

  // ------------------------------------------------------------------ properties

  @Property(tries = 200)
  void never_recommends_marketing_on_email_or_sms_without_granted_consent(
      @ForAll("customers") CustomerSpec customer,
      @ForAll("purchases") List<String> purchases,
      @ForAll("ops") List<Op> ops) {
    Run run = run(customer, purchases, ops, PropensityModel.fixed(0.5), 1L, false);

    for (Decision d : run.decisions()) {
      for (Recommendation r : d.winners()) {
        assertThat(r.action().channels()).contains(r.channel());
        assertThat(d.placement().carries(r.channel())).isTrue();
        if (r.action().purpose() == Purpose.MARKETING) {
          assertThat(customer.mayMarket(r.channel()))
              .as("%s recommended via %s to %s", r.action().name(), r.channel(), customer)
              .isTrue();
        } else if (r.channel().equals(EMAIL)) {
          assertThat(customer.email()).isTrue();
        } else if (r.channel().equals(SMS)) {
          assertThat(customer.phone()).isTrue();
        }
      }
    }
    for (Dispatch sent : run.dispatches()) {
      if (sent.action().purpose() == Purpose.MARKETING) {
        assertThat(customer.mayMarket(sent.channel())).as("dispatch %s", sent).isTrue();
      }
    }
  }

  @Property(tries = 200)
  void never_dispatches_a_winner_that_breaks_a_cap_one_at_a_time(
      @ForAll("customers") CustomerSpec customer,
      @ForAll("purchases") List<String> purchases,
      @ForAll("ops") List<Op> ops) {
    Run run = run(customer, purchases, ops, PropensityModel.fixed(0.5), 1L, true);

    assertCapsHold(run.dispatches());
  }

  @Property(tries = 200)

  void never_dispatches_winners_that_break_a_cap_whatever_the_placement_takes(
      @ForAll("customers") CustomerSpec customer,
      @ForAll("purchases") List<String> purchases,
      @ForAll("ops") List<Op> ops) {
    Run run = run(customer, purchases, ops, PropensityModel.fixed(0.5), 1L, false);

    assertCapsHold(run.dispatches());
  }

  @Property(tries = 150)
  void the_same_inputs_and_seed_give_the_same_decisions_with_the_fixed_model(
      @ForAll("customers") CustomerSpec customer,
      @ForAll("purchases") List<String> purchases,
      @ForAll("ops") List<Op> ops,
      @ForAll long seed) {
    Run first = run(customer, purchases, ops, PropensityModel.fixed(0.5), seed, false);
    Run second = run(customer, purchases, ops, PropensityModel.fixed(0.5), seed, false);

    assertThat(second.decisions()).isEqualTo(first.decisions());
    assertThat(second.dispatches()).isEqualTo(first.dispatches());
  }

  @Property(tries = 150)
  void the_same_inputs_and_seed_give_the_same_decisions_with_the_adaptive_model(
      @ForAll("customers") CustomerSpec customer,
      @ForAll("purchases") List<String> purchases,
      @ForAll("ops") List<Op> ops,
      @ForAll long seed) {
    Run first = run(customer, purchases, ops, PropensityModel.adaptive(seed), seed, false);
    Run second = run(customer, purchases, ops, PropensityModel.adaptive(seed), seed, false);

    assertThat(second.decisions()).isEqualTo(first.decisions());
    assertThat(second.dispatches()).isEqualTo(first.dispatches());
  }
}
