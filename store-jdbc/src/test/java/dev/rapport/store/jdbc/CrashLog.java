package dev.rapport.store.jdbc;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.GRANTED;
import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.MARKETING;
import static dev.rapport.dsl.Rapport.PHONE_NUMBER;
import static dev.rapport.dsl.Rapport.SMS;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.contactPolicy;
import static dev.rapport.dsl.Rapport.decide;
import static dev.rapport.dsl.Rapport.delay;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.journey;
import static dev.rapport.dsl.Rapport.moment;
import static dev.rapport.dsl.Rapport.profile;
import static dev.rapport.dsl.Rapport.rules;
import static dev.rapport.dsl.Rapport.send;
import static dev.rapport.dsl.Rapport.waitFor;
import static dev.rapport.dsl.Rapport.when;

import dev.rapport.core.Action;
import dev.rapport.core.Moment;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.policy.ContactPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The crash tests' program and their seeded synthetic log, from the public API only: an
 * onboarding journey with waits for events, a timeout that sends a help message, a branch and a
 * decision step; a win-back journey whose message falls back from email to SMS when it goes
 * unanswered for a day; and a contact policy whose caps refuse some messages. The log holds only
 * what a host can feed again after a crash: identities and events, which the engine ignores when
 * it has seen them (a {@code decideAndSend} made again would decide and send again, so decisions
 * are made by the journey's decision step). The same seed gives the same log, op for op.
 */
final class CrashLog {
  static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
  static final Instant END = START.plus(Duration.ofDays(40));

  static final Moment ACTIVATED = moment("activated").reachedOn("first_sync").build();
  static final Action WELCOME = action("welcome").transactional().via(EMAIL).build();
  static final Action KEY_HELP = action("key-help").via(IN_APP).orElse(EMAIL).build();
  static final Action TEAM = action("team-setup").topic("team").via(IN_APP).build();
  static final Action REPORTS = action("reports-tour").topic("reports").via(EMAIL).value(2.0)
      .build();
  static final Action UPGRADE = action("upgrade").topic("upgrade").via(EMAIL).value(3.0).build();
  static final Action COME_BACK = action("come-back").via(EMAIL).orElse(SMS)
      .responseWindow(Duration.ofDays(1)).build();

  static final RuleSet OFFERS = rules("offers")
      .rule("reporters").when(c -> c.count("report_run") >= 2).recommend(REPORTS)
          .because("runs reports")
      .rule("teams").when(c -> c.count("teammate_invited") >= 2).recommend(UPGRADE)
          .because("invites a team")
      .build();

  static final Journey ONBOARDING = journey("onboarding")
      .enterOn("signed_up")
      .goal(ACTIVATED).within(Duration.ofDays(20))
      .exitOn("account_closed")
      .holdout(0.1)
      .steps(
          send(WELCOME),
          waitFor("api_key_created").atMost(Duration.ofDays(2)).onTimeout(send(KEY_HELP)),
          when(c -> c.count("teammate_invited") > 0).then(send(TEAM)),
          delay(Duration.ofDays(1)),
          decide(OFFERS),
          waitFor("report_run").atMost(Duration.ofDays(3)),
          delay(Duration.ofDays(2)),
          send(REPORTS))
      .build();

  static final Journey WIN_BACK = journey("win-back")
      .enterOn("went_quiet")
      .exitOn("account_closed")
      .steps(
          delay(Duration.ofHours(12)),
          send(COME_BACK),
          waitFor("logged_in").atMost(Duration.ofDays(4)),
          send(UPGRADE))
      .build();

  static final ContactPolicy POLICY = contactPolicy()
      .atMost(3).per(Duration.ofDays(7))
      .atMost(1).per(Duration.ofDays(1)).on(SMS)
      .build();

  private static final String[] ACTIVITY = {"page_viewed", "page_viewed", "api_key_created",
      "teammate_invited", "report_run", "report_run", "first_sync", "logged_in", "went_quiet",
      "logged_in", "account_closed"};

  /** One step of the log: at an instant, after the engine advanced to it. */
  record Op(int index, Instant at, String customer, String kind, String detail) {
    void apply(Engine engine) {
      switch (kind) {
        case "identify":
          engine.identify(customer, profile()
              .set(EMAIL_ADDRESS, customer + "@example.com")
              .set(PHONE_NUMBER, "+4412345" + customer.substring(2))
              .consent(EMAIL, MARKETING, GRANTED, at)
              .consent(SMS, MARKETING, GRANTED, at));
          break;
        case "track":
          engine.track(event(customer, detail).id("e-" + index).at(at));
          break;
        default:
          throw new IllegalStateException("unknown op " + kind);
      }
    }
  }

  private CrashLog() {}

  /** The engine the log runs on: the caller gives the store, clock and dispatcher. */
  static Engine.Builder program(Engine.Builder engine) {
    return engine.seed(7).moments(ACTIVATED).journeys(ONBOARDING, WIN_BACK).rules(OFFERS)
        .contactPolicy(POLICY);
  }

  /** The customers of a log of this size. */
  static List<String> customers(int customers) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < customers; i++) {
      out.add(String.format("c-%04d", i));
    }
    return out;
  }

  /** The log: every customer identified and signed up, then their activity, in time order. */
  static List<Op> generate(long seed, int customers) {
    SplittableRandom random = new SplittableRandom(seed);
    record Raw(Instant at, long order, String customer, String kind, String detail) {}
    List<Raw> raw = new ArrayList<>();
    long order = 0;
    for (String c : customers(customers)) {
      Instant joined = START.plusSeconds(random.nextLong(Duration.ofDays(10).toSeconds()));
      raw.add(new Raw(joined, order++, c, "identify", ""));
      raw.add(new Raw(joined.plusSeconds(1), order++, c, "track", "signed_up"));
      int events = 2 + random.nextInt(10);
      for (int k = 0; k < events; k++) {
        Instant at = joined.plusSeconds(60 + random.nextLong(Duration.ofDays(25).toSeconds()));
        String type = ACTIVITY[random.nextInt(ACTIVITY.length - (random.nextInt(8) == 0 ? 0 : 1))];
        raw.add(new Raw(at, order++, c, "track", type));
      }
    }
    raw.sort(Comparator.comparing(Raw::at).thenComparingLong(Raw::order));
    List<Op> ops = new ArrayList<>(raw.size());
    for (Raw r : raw) {
      ops.add(new Op(ops.size(), r.at(), r.customer(), r.kind(), r.detail()));
    }
    return ops;
  }
}
