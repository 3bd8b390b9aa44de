package dev.rapport.testkit;

import dev.rapport.core.Channel;
import dev.rapport.core.ConsentStatus;
import dev.rapport.core.EventTypes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik arbitraries for Rapport: customers with random contact details, consents and time
 * zones, and histories of their events over time, with consent changes and time passing.
 *
 * <p>The only class of the testkit that needs jqwik, an optional dependency: add {@code
 * net.jqwik:jqwik} (1.9.3, the version the testkit is built with) to the tests that use it.
 *
 * <pre>{@code
 * @Provide
 * Arbitrary<History> histories() {
 *   return RapportArbitraries.histories(List.of("signed_up", "purchased"), Duration.ofDays(10));
 * }
 * }</pre>
 */
public final class RapportArbitraries {
  /** The start of generated histories. */
  public static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

  private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"),
      ZoneId.of("Europe/London"), ZoneId.of("America/New_York"), ZoneId.of("Asia/Tokyo"));

  private RapportArbitraries() {}

  /**
   * Returns a consent status: granted, denied or never said.
   *
   * @return the arbitrary
   */
  public static Arbitrary<ConsentStatus> consents() {
    return Arbitraries.of(ConsentStatus.GRANTED, ConsentStatus.DENIED, ConsentStatus.UNKNOWN);
  }

  /**
   * Returns a customer: with or without an email address and a phone number, a marketing
   * consent status on email and on SMS, and a time zone.
   *
   * @param id the customer's id
   * @return the arbitrary
   */
  public static Arbitrary<History.CustomerSpec> customer(String id) {
    return Combinators.combine(Arbitraries.of(true, true, false), Arbitraries.of(true, false),
        consents(), consents(), Arbitraries.of(ZONES))
        .as((email, phone, onEmail, onSms, zone) -> {
          Map<Channel, ConsentStatus> c = new HashMap<>();
          c.put(Channel.EMAIL, onEmail);
          c.put(Channel.SMS, onSms);
          return new History.CustomerSpec(id, email, phone, c, zone);
        });
  }

  /**
   * Returns one to {@code max} customers, {@code c-0}, {@code c-1}, ...
   *
   * @param max the most customers
   * @return the arbitrary
   */
  public static Arbitrary<List<History.CustomerSpec>> customers(int max) {
    return Arbitraries.integers().between(1, max).flatMap(n -> {
      List<Arbitrary<History.CustomerSpec>> each = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        each.add(customer("c-" + i));
      }
      return Combinators.combine(each).as(List::copyOf);
    });
  }

  /**
   * Returns histories of up to 4 customers over a time span: events of the given types, consent
   * grants and revocations on email and SMS, unsubscribes, and time passing.
   *
   * @param eventTypes the host's event types to draw from
   * @param span how long a history lasts at most
   * @return the arbitrary
   */
  public static Arbitrary<History> histories(List<String> eventTypes, Duration span) {
    if (eventTypes == null || eventTypes.isEmpty()) {
      throw new IllegalArgumentException("histories: give at least one event type");
    }
    long spanMinutes = Math.max(1, span.toMinutes());
    return customers(4).flatMap(customers -> {
      List<String> ids = customers.stream().map(History.CustomerSpec::id).toList();
      Arbitrary<History.Step> step = Arbitraries.frequencyOf(
          net.jqwik.api.Tuple.of(6, track(ids, eventTypes, spanMinutes)),
          net.jqwik.api.Tuple.of(2, consentChange(ids, spanMinutes)),
          net.jqwik.api.Tuple.of(1, unsubscribe(ids, spanMinutes)),
          net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(0, spanMinutes)
              .map(m -> (History.Step) new History.Advance(Duration.ofMinutes(m)))));
      return step.list().ofMaxSize(40).map(steps -> new History(START, customers, steps));
    });
  }

  private static Arbitrary<History.Step> track(List<String> ids, List<String> types,
      long spanMinutes) {
    return Combinators.combine(Arbitraries.longs().between(0, spanMinutes), Arbitraries.of(ids),
        Arbitraries.of(types), Arbitraries.integers().between(0, 3))
        .as((m, id, type, n) -> new History.Track(Duration.ofMinutes(m), id, type,
            Map.of("n", n)));
  }

  private static Arbitrary<History.Step> consentChange(List<String> ids, long spanMinutes) {
    return Combinators.combine(Arbitraries.longs().between(0, spanMinutes), Arbitraries.of(ids),
        Arbitraries.of(EventTypes.CONSENT_GRANTED, EventTypes.CONSENT_REVOKED),
        Arbitraries.of("email", "sms"))
        .as((m, id, type, channel) -> new History.Track(Duration.ofMinutes(m), id, type,
            Map.of(EventTypes.CHANNEL, channel, EventTypes.PURPOSE, "marketing")));
  }

  private static Arbitrary<History.Step> unsubscribe(List<String> ids, long spanMinutes) {
    return Combinators.combine(Arbitraries.longs().between(0, spanMinutes), Arbitraries.of(ids))
        .as((m, id) -> new History.Track(Duration.ofMinutes(m), id, EventTypes.UNSUBSCRIBED,
            Map.of()));
  }
}
