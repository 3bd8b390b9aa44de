package dev.rapport.examples.sim;

import static dev.rapport.dsl.Rapport.DEVICE_TOKEN;
import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.MARKETING;
import static dev.rapport.dsl.Rapport.PHONE_NUMBER;
import static dev.rapport.dsl.Rapport.PUSH;
import static dev.rapport.dsl.Rapport.SMS;

import dev.rapport.core.ConsentStatus;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Preferences;
import dev.rapport.core.Profile;
import dev.rapport.core.TraitKey;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded synthetic population for the simulation: customers of three businesses (a SaaS
 * product, a coffee store, a subscription), with contact details, consents, time zones, and 90
 * days of behaviour: sign-ups, activation, sessions, purchases, renewals, support tickets with
 * responses and resolutions, survey answers with themes, churn. The same seed gives the same
 * population.
 */
public final class Population {
  /** Which business a customer belongs to. */
  public static final TraitKey<String> BUSINESS = TraitKey.of("business", String.class);

  /** The survey themes customers raise. */
  public static final List<String> THEMES = List.of("sync-speed", "pricing", "onboarding-docs",
      "delivery-time", "mobile-app");

  private static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/London"),
      ZoneId.of("Europe/Paris"), ZoneId.of("America/New_York"), ZoneId.of("America/Los_Angeles"),
      ZoneId.of("Asia/Tokyo"));
  private static final String[] SKUS = {"grinder", "beans", "kettle", "scale", "filters",
      "beans", "beans", "mug"};

  /** A customer: who they are, and what they will do. */
  public record Member(String id, String business, Profile profile, List<Event> events) {}

  private final Instant start;
  private final int days;

  /**
   * Makes a population generator.
   *
   * @param start the first day
   * @param days how many days of behaviour
   */
  public Population(Instant start, int days) {
    this.start = start;
    this.days = days;
  }

  /**
   * Generates the population.
   *
   * @param customers how many customers
   * @param seed the seed
   * @return the customers and their events
   */
  public List<Member> generate(int customers, long seed) {
    SplittableRandom root = new SplittableRandom(seed);
    List<Member> out = new ArrayList<>(customers);
    for (int i = 0; i < customers; i++) {
      SplittableRandom r = root.split();
      String id = String.format("c-%05d", i);
      double kind = r.nextDouble();
      String business = kind < 0.4 ? "saas" : kind < 0.8 ? "store" : "subscription";
      out.add(new Member(id, business, profile(id, business, r), behaviour(id, business, r)));
    }
    return out;
  }

  private Profile profile(String id, String business, SplittableRandom r) {
    ZoneId zone = ZONES.get(r.nextInt(ZONES.size()));
    Profile p = Profile.empty().set(BUSINESS, business)
        .preferences(Preferences.builder().timeZone(zone).build());
    if (r.nextDouble() < 0.95) {
      p = p.set(EMAIL_ADDRESS, id + "@example.com");
    }
    if (r.nextDouble() < 0.6) {
      p = p.set(PHONE_NUMBER, "+1555" + String.format("%07d", r.nextInt(10_000_000)));
    }
    if (r.nextDouble() < 0.5) {
      p = p.set(DEVICE_TOKEN, "tok-" + Long.toHexString(r.nextLong()));
    }
    double email = r.nextDouble();
    if (email < 0.72) {
      p = p.consent(EMAIL, MARKETING, ConsentStatus.GRANTED, start);
    } else if (email < 0.82) {
      p = p.consent(EMAIL, MARKETING, ConsentStatus.DENIED, start);
    }
    if (r.nextDouble() < 0.35) {
      p = p.consent(SMS, MARKETING, ConsentStatus.GRANTED, start);
    }
    if (r.nextDouble() < 0.4) {
      p = p.consent(PUSH, MARKETING, ConsentStatus.GRANTED, start);
    }
    return p;
  }

  private List<Event> behaviour(String id, String business, SplittableRandom r) {
    List<Event> events = new ArrayList<>();
    Instant end = start.plus(Duration.ofDays(days));
    Instant joined = start.plus(Duration.ofMinutes(r.nextLong(Duration.ofDays(days * 2L / 3)
        .toMinutes())));
    // how engaged this customer is, and for how long
    double zeal = r.nextDouble();
    Instant fadesAt = joined.plus(Duration.ofDays(5 + r.nextInt(days)));
    switch (business) {
      case "saas":
        saas(id, r, events, joined, end, zeal, fadesAt);
        break;
      case "store":
        store(id, r, events, joined, end, zeal, fadesAt);
        break;
      default:
        subscription(id, r, events, joined, end);
    }
    support(id, r, events, joined, end, business);
    events.removeIf(e -> e.time().isAfter(end));
    events.sort((a, b) -> a.time().compareTo(b.time()));
    return events;
  }

  private static Instant later(Instant t, SplittableRandom r, Duration min, Duration max) {
    long span = Math.max(1, max.minus(min).toMinutes());
    return t.plus(min).plus(Duration.ofMinutes(r.nextLong(span)));
  }

  private static Event ev(String id, String type, Instant at) {
    return Event.builder(id, type).at(at);
  }

  private void saas(String id, SplittableRandom r, List<Event> events, Instant joined,
      Instant end, double zeal, Instant fadesAt) {
    events.add(ev(id, "signed_up", joined));
    boolean key = r.nextDouble() < 0.55 + 0.4 * zeal;
    if (key) {
      events.add(ev(id, "api_key_created", later(joined, r, Duration.ofMinutes(10),
          Duration.ofHours(zeal > 0.5 ? 30 : 90))));
    }
    int invites = r.nextDouble() < 0.35 ? 1 + r.nextInt(3) : 0;
    for (int i = 0; i < invites; i++) {
      events.add(Event.builder(id, "teammate_invited").with("n", i)
          .at(later(joined, r, Duration.ofHours(1), Duration.ofDays(6))));
    }
    if (key && r.nextDouble() < 0.5 + 0.45 * zeal) {
      events.add(ev(id, "first_sync", later(joined, r, Duration.ofHours(2),
          Duration.ofDays(zeal > 0.3 ? 9 : 20))));
    }
    sessions(id, r, events, "logged_in", joined, end, zeal, fadesAt);
    if (r.nextDouble() < 0.05 + 0.1 * (1 - zeal)) {
      events.add(ev(id, "account_closed", later(fadesAt, r, Duration.ofDays(5),
          Duration.ofDays(40))));
    }
  }

  private void store(String id, SplittableRandom r, List<Event> events, Instant joined,
      Instant end, double zeal, Instant fadesAt) {
    events.add(ev(id, "signed_up", joined));
    Instant t = later(joined, r, Duration.ofMinutes(5), Duration.ofDays(2));
    int order = 0;
    while (t.isBefore(end) && (order == 0 || t.isBefore(fadesAt))) {
      String sku = order == 0 && r.nextDouble() < 0.35 ? "grinder" : SKUS[r.nextInt(SKUS.length)];
      double total = 8 + r.nextInt(180);
      events.add(Event.builder(id, "purchased").id(id + "-order-" + order).with("sku", sku)
          .with("total", total).at(t));
      events.add(Event.builder(id, "order_delivered").with("order", id + "-order-" + order)
          .at(later(t, r, Duration.ofDays(2), Duration.ofDays(5))));
      order++;
      t = later(t, r, Duration.ofDays(6), Duration.ofDays(20 + (int) (50 * (1 - zeal))));
    }
    if (r.nextDouble() < 0.1) {
      events.add(ev(id, "garden_viewed", later(joined, r, Duration.ofDays(1),
          Duration.ofDays(30))));
    }
    sessions(id, r, events, "session_started", joined, end, zeal * 0.6, fadesAt);
  }

  private void subscription(String id, SplittableRandom r, List<Event> events, Instant joined,
      Instant end) {
    events.add(ev(id, "signed_up", joined));
    Instant renewal = joined.plus(Duration.ofDays(30));
    int month = 0;
    while (renewal.isBefore(end)) {
      events.add(Event.builder(id, "renewal_upcoming").with("month", month)
          .at(renewal.minus(Duration.ofDays(3))));
      if (r.nextDouble() < 0.88) {
        events.add(Event.builder(id, "payment_succeeded").with("month", month).at(renewal));
      } else {
        events.add(Event.builder(id, "payment_failed").with("month", month).at(renewal));
        if (r.nextDouble() < 0.6) {
          events.add(Event.builder(id, "payment_succeeded").with("month", month)
              .at(later(renewal, r, Duration.ofHours(6), Duration.ofDays(3))));
        } else {
          events.add(ev(id, "subscription_cancelled", later(renewal, r, Duration.ofDays(1),
              Duration.ofDays(5))));
          return;
        }
      }
      month++;
      renewal = renewal.plus(Duration.ofDays(30));
    }
    sessions(id, r, events, "logged_in", joined, end, 0.3, end);
  }

  private static void sessions(String id, SplittableRandom r, List<Event> events, String type,
      Instant joined, Instant end, double zeal, Instant fadesAt) {
    Instant t = later(joined, r, Duration.ofHours(1), Duration.ofDays(2));
    double gapDays = 0.7 + 6 * (1 - zeal);
    while (t.isBefore(end)) {
      events.add(ev(id, type, t));
      double gap = gapDays * (0.5 + r.nextDouble()) * (t.isAfter(fadesAt) ? 6 : 1);
      t = t.plus(Duration.ofMinutes((long) (gap * 24 * 60)));
    }
  }

  private static void support(String id, SplittableRandom r, List<Event> events, Instant joined,
      Instant end, String business) {
    double chance = business.equals("saas") ? 0.3 : business.equals("store") ? 0.15 : 0.1;
    int ticket = 0;
    while (r.nextDouble() < chance && ticket < 3) {
      Instant opened = later(joined, r, Duration.ofHours(2), Duration.ofDays(70));
      String tid = id + "-t" + ticket;
      events.add(Event.builder(id, EventTypes.TICKET_OPENED).with(EventTypes.TICKET_ID, tid)
          .at(opened));
      Instant responded = later(opened, r, Duration.ofMinutes(20), Duration.ofHours(30));
      events.add(Event.builder(id, EventTypes.TICKET_RESPONDED)
          .with(EventTypes.TICKET_ID, tid).at(responded));
      if (r.nextDouble() < 0.85) {
        Instant resolved = later(responded, r, Duration.ofHours(1), Duration.ofDays(4));
        events.add(Event.builder(id, EventTypes.TICKET_RESOLVED)
            .with(EventTypes.TICKET_ID, tid).at(resolved));
        if (r.nextDouble() < 0.5) {
          long hours = Duration.between(opened, resolved).toHours();
          int score = 5 - (hours > 48 ? 1 : 0) - (hours > 96 ? 1 : 0)
              - (r.nextDouble() < 0.15 ? 2 : 0) - (r.nextDouble() < 0.2 ? 1 : 0);
          score = Math.max(1, score);
          Event.Builder csat = Event.builder(id, EventTypes.SURVEY_ANSWERED)
              .with(EventTypes.KIND, "csat").with(EventTypes.SCORE, score);
          if (score <= 3) {
            csat.with(EventTypes.THEMES, List.of(THEMES.get(r.nextInt(THEMES.size()))));
          }
          events.add(csat.at(later(resolved, r, Duration.ofHours(1), Duration.ofDays(2))));
        }
      }
      chance /= 2;
      ticket++;
    }
    if (r.nextDouble() < 0.2) {
      double mood = r.nextDouble();
      int score = mood < 0.45 ? 9 + r.nextInt(2) : mood < 0.75 ? 7 + r.nextInt(2) : r.nextInt(7);
      Event.Builder nps = Event.builder(id, EventTypes.SURVEY_ANSWERED)
          .with(EventTypes.KIND, "nps").with(EventTypes.SCORE, score);
      if (score <= 6 || r.nextDouble() < 0.3) {
        nps.with(EventTypes.THEMES, List.of(THEMES.get(r.nextInt(THEMES.size()))));
      }
      events.add(nps.at(later(joined, r, Duration.ofDays(7), Duration.ofDays(60))));
    }
    if (r.nextDouble() < 0.15) {
      events.add(Event.builder(id, EventTypes.SURVEY_ANSWERED).with(EventTypes.KIND, "ces")
          .with(EventTypes.SCORE, 1 + r.nextInt(7))
          .at(later(joined, r, Duration.ofDays(2), Duration.ofDays(60))));
    }
  }
}
