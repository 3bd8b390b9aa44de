package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.core.Channel;
import dev.rapport.core.Consent;
import dev.rapport.core.ConsentStatus;
import dev.rapport.core.Customer;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Preferences;
import dev.rapport.core.Profile;
import dev.rapport.core.Purpose;
import dev.rapport.core.TraitKey;
import dev.rapport.core.Traits;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class IdentifyAndTrackTest {
  static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
  static final TraitKey<String> PLAN = TraitKey.of("plan", String.class);
  static final TraitKey<Long> SEATS = TraitKey.of("seats", Long.class);

  final MutableClock clock = new MutableClock(T0);
  final Engine engine = Engine.builder().clock(clock).build();

  Customer customer(String id) {
    return engine.customer(id).orElseThrow();
  }

  static Event consent(String type, String channel, String purpose, Instant at) {
    Event.Builder b = Event.builder("c-1", type).with(EventTypes.CHANNEL, channel);
    if (purpose != null) {
      b.with(EventTypes.PURPOSE, purpose);
    }
    return b.at(at);
  }

  @Nested
  class Identify {
    @Test
    void identify_creates_a_customer_the_engine_did_not_know() {
      boolean knownBefore = engine.customer("c-1").isPresent();

      engine.identify("c-1", Traits.empty().set(PLAN, "trial"));

      assertThat(knownBefore).isFalse();
      assertThat(customer("c-1").trait(PLAN)).contains("trial");
      assertThat(customer("c-1").id().value()).isEqualTo("c-1");
      assertThat(engine.statistics().identifies()).isEqualTo(1);
    }

    @Test
    void identify_merges_traits_into_the_customers_own() {
      engine.identify("c-1", Traits.empty().set(PLAN, "trial")
          .set(TraitKey.EMAIL_ADDRESS, "ada@example.com"));

      engine.identify("c-1", Traits.empty().set(PLAN, "team").set(SEATS, 3L));

      assertThat(customer("c-1").traits().asMap()).containsExactly(
          Map.entry("email_address", "ada@example.com"), Map.entry("plan", "team"),
          Map.entry("seats", 3L));
    }

    @Test
    void identify_with_unset_removes_a_trait_and_keeps_the_others() {
      engine.identify("c-1", Traits.empty().set(PLAN, "trial").set(SEATS, 3L));

      engine.identify("c-1", Profile.empty().unset(PLAN));

      assertThat(customer("c-1").trait(PLAN)).isEmpty();
      assertThat(customer("c-1").trait(SEATS)).contains(3L);
    }

    @Test
    void identify_sets_preferences() {
      Preferences prefs = Preferences.builder().channels(Channel.SMS, Channel.EMAIL)
          .timeZone(ZoneId.of("Europe/London")).build();

      engine.identify("c-1", Profile.empty().preferences(prefs));

      assertThat(customer("c-1").preferences()).isEqualTo(prefs);
    }

    @Test
    void customer_without_preferences_has_none() {
      engine.identify("c-1", Traits.empty());

      Preferences prefs = customer("c-1").preferences();

      assertThat(prefs).isEqualTo(Preferences.none());
    }

    @Test
    void view_answers_relative_to_the_engines_time() {
      engine.identify("c-1", Traits.empty());

      clock.advance(Duration.ofHours(5));

      assertThat(customer("c-1").now()).isEqualTo(T0.plus(Duration.ofHours(5)));
      assertThat(engine.now()).isEqualTo(T0.plus(Duration.ofHours(5)));
    }
  }

  @Nested
  class Consents {
    @Test
    void consent_never_given_is_unknown() {
      engine.identify("c-1", Traits.empty());

      Consent consent = customer("c-1").consent(Channel.EMAIL, Purpose.MARKETING);

      assertThat(consent).isEqualTo(Consent.unknown(Channel.EMAIL, Purpose.MARKETING));
      assertThat(consent.isGranted()).isFalse();
    }

    @Test
    void consent_through_identify_is_recorded_at_the_engines_time() {
      Profile profile = Profile.empty()
          .consent(Channel.EMAIL, Purpose.MARKETING, ConsentStatus.GRANTED);

      engine.identify("c-1", profile);

      assertThat(customer("c-1").consent(Channel.EMAIL, Purpose.MARKETING))
          .isEqualTo(Consent.of(Channel.EMAIL, Purpose.MARKETING, ConsentStatus.GRANTED, T0));
      assertThat(customer("c-1").consent(Channel.EMAIL, Purpose.TRANSACTIONAL).status())
          .isEqualTo(ConsentStatus.UNKNOWN);
      assertThat(customer("c-1").consent(Channel.SMS, Purpose.MARKETING).status())
          .isEqualTo(ConsentStatus.UNKNOWN);
    }

    @Test
    void consent_through_identify_keeps_the_time_it_was_given() {
      Instant given = T0.minus(Duration.ofDays(2));

      engine.identify("c-1", Profile.empty()
          .consent(Channel.SMS, Purpose.TRANSACTIONAL, ConsentStatus.DENIED, given));

      assertThat(customer("c-1").consent(Channel.SMS, Purpose.TRANSACTIONAL))
          .isEqualTo(Consent.of(Channel.SMS, Purpose.TRANSACTIONAL, ConsentStatus.DENIED, given));
    }

    @Test
    void consent_granted_event_grants_consent_at_the_event_time() {
      Instant at = T0.minus(Duration.ofHours(1));

      engine.track(consent(EventTypes.CONSENT_GRANTED, "email", "marketing", at));

      assertThat(customer("c-1").consent(Channel.EMAIL, Purpose.MARKETING))
          .isEqualTo(Consent.of(Channel.EMAIL, Purpose.MARKETING, ConsentStatus.GRANTED, at));
      assertThat(customer("c-1").count(EventTypes.CONSENT_GRANTED)).isEqualTo(1);
    }

    @Test
    void consent_revoked_event_denies_consent_for_its_purpose() {
      Instant at = T0.minus(Duration.ofHours(1));

      engine.track(consent(EventTypes.CONSENT_REVOKED, "sms", "transactional", at));

      assertThat(customer("c-1").consent(Channel.SMS, Purpose.TRANSACTIONAL))
          .isEqualTo(Consent.of(Channel.SMS, Purpose.TRANSACTIONAL, ConsentStatus.DENIED, at));
      assertThat(customer("c-1").consent(Channel.SMS, Purpose.MARKETING).status())
          .isEqualTo(ConsentStatus.UNKNOWN);
    }

    @Test
    void consent_event_without_purpose_is_for_marketing() {
      Event event = consent(EventTypes.CONSENT_GRANTED, "push", null, T0);

      engine.track(event);

      assertThat(customer("c-1").consent(Channel.PUSH, Purpose.MARKETING).status())
          .isEqualTo(ConsentStatus.GRANTED);
      assertThat(customer("c-1").consent(Channel.PUSH, Purpose.TRANSACTIONAL).status())
          .isEqualTo(ConsentStatus.UNKNOWN);
    }

    @Test
    void consent_event_purpose_ignores_case() {
      Event event = consent(EventTypes.CONSENT_GRANTED, "email", "Transactional", T0);

      engine.track(event);

      assertThat(customer("c-1").consent(Channel.EMAIL, Purpose.TRANSACTIONAL).status())
          .isEqualTo(ConsentStatus.GRANTED);
    }

    @Test
    void later_consent_wins() {
      engine.track(consent(EventTypes.CONSENT_GRANTED, "email", "marketing", T0.minusSeconds(60)));

      engine.track(consent(EventTypes.CONSENT_REVOKED, "email", "marketing", T0));

      assertThat(customer("c-1").consent(Channel.EMAIL, Purpose.MARKETING))
          .isEqualTo(Consent.of(Channel.EMAIL, Purpose.MARKETING, ConsentStatus.DENIED, T0));
    }

    @Test
    void older_consent_arriving_late_does_not_override_a_newer_one() {
      engine.track(consent(EventTypes.CONSENT_REVOKED, "email", "marketing", T0));

      engine.track(consent(EventTypes.CONSENT_GRANTED, "email", "marketing", T0.minusSeconds(60)));

      assertThat(customer("c-1").consent(Channel.EMAIL, Purpose.MARKETING))
          .isEqualTo(Consent.of(Channel.EMAIL, Purpose.MARKETING, ConsentStatus.DENIED, T0));
      assertThat(customer("c-1").count(EventTypes.CONSENT_GRANTED)).isEqualTo(1);
    }

    @Test
    void older_consent_through_identify_does_not_override_a_newer_event() {
      engine.track(consent(EventTypes.CONSENT_GRANTED, "email", "marketing", T0));

      engine.identify("c-1", Profile.empty().consent(Channel.EMAIL, Purpose.MARKETING,
          ConsentStatus.DENIED, T0.minus(Duration.ofDays(1))));

      assertThat(customer("c-1").consent(Channel.EMAIL, Purpose.MARKETING).status())
          .isEqualTo(ConsentStatus.GRANTED);
    }

    @Test
    void consent_through_identify_overrides_an_older_event() {
      engine.track(consent(EventTypes.CONSENT_GRANTED, "email", "marketing",
          T0.minus(Duration.ofDays(1))));

      engine.identify("c-1", Profile.empty()
          .consent(Channel.EMAIL, Purpose.MARKETING, ConsentStatus.DENIED));

      assertThat(customer("c-1").consent(Channel.EMAIL, Purpose.MARKETING))
          .isEqualTo(Consent.of(Channel.EMAIL, Purpose.MARKETING, ConsentStatus.DENIED, T0));
    }

    @Test
    void grant_and_revoke_at_the_same_instant_deny_whatever_the_arrival_order() {
      Engine other = Engine.builder().clock(clock).build();

      engine.track(consent(EventTypes.CONSENT_GRANTED, "email", "marketing", T0));
      engine.track(consent(EventTypes.CONSENT_REVOKED, "email", "marketing", T0));
      other.track(consent(EventTypes.CONSENT_REVOKED, "email", "marketing", T0));
      other.track(consent(EventTypes.CONSENT_GRANTED, "email", "marketing", T0));

      assertThat(customer("c-1").consent(Channel.EMAIL, Purpose.MARKETING).status())
          .isEqualTo(ConsentStatus.DENIED);
      assertThat(other.customer("c-1").orElseThrow().consent(Channel.EMAIL, Purpose.MARKETING)
          .status()).isEqualTo(ConsentStatus.DENIED);
    }

    @Test
    void consent_event_may_name_a_declared_custom_channel() {
      Channel whatsapp = Channel.of("whatsapp");
      Engine withWhatsapp = Engine.builder().clock(clock).channels(whatsapp).build();

      withWhatsapp.track(consent(EventTypes.CONSENT_GRANTED, "whatsapp", "marketing", T0));

      assertThat(withWhatsapp.customer("c-1").orElseThrow()
          .consent(whatsapp, Purpose.MARKETING).status()).isEqualTo(ConsentStatus.GRANTED);
    }
  }

  @Nested
  class Aggregates {
    @Test
    void count_counts_every_event_of_a_type() {
      engine.track(Event.of("c-1", "logged_in", T0.minusSeconds(3)));
      engine.track(Event.of("c-1", "logged_in", T0.minusSeconds(2)));
      engine.track(Event.of("c-1", "logged_in", T0.minusSeconds(1)));

      engine.track(Event.of("c-1", "purchased", T0));

      assertThat(customer("c-1").count("logged_in")).isEqualTo(3);
      assertThat(customer("c-1").count("purchased")).isEqualTo(1);
      assertThat(customer("c-1").count("never")).isZero();
      assertThat(customer("c-1").eventTypes())
          .filteredOn(type -> !EventTypes.emittedByEngine().contains(type))
          .containsExactly("logged_in", "purchased");
      assertThat(engine.statistics().eventsTracked()).isEqualTo(4);
    }

    @Test
    void count_within_a_window_counts_the_events_after_now_minus_the_window() {
      engine.track(Event.of("c-1", "logged_in", T0.minus(Duration.ofDays(10))));
      engine.track(Event.of("c-1", "logged_in", T0.minus(Duration.ofDays(2))));
      engine.track(Event.of("c-1", "logged_in", T0.minus(Duration.ofHours(1))));

      Customer c = customer("c-1");

      assertThat(c.count("logged_in", Duration.ofDays(7))).isEqualTo(2);
      assertThat(c.count("logged_in", Duration.ofDays(1))).isEqualTo(1);
      assertThat(c.count("logged_in", Duration.ofDays(30))).isEqualTo(3);
      assertThat(c.count("never", Duration.ofDays(30))).isZero();
    }

    @Test
    void count_within_a_window_rolls_with_the_clock() {
      engine.track(Event.of("c-1", "logged_in", T0.minus(Duration.ofDays(2))));
      engine.track(Event.of("c-1", "logged_in", T0.minus(Duration.ofHours(1))));

      clock.advance(Duration.ofDays(6));

      assertThat(customer("c-1").count("logged_in", Duration.ofDays(7))).isEqualTo(1);
      assertThat(customer("c-1").count("logged_in")).isEqualTo(2);
    }

    @Test
    void count_within_a_window_includes_events_stamped_after_now() {
      Engine tolerant = Engine.builder().clock(clock)
          .limits(InputLimits.ofDefaults().futureTolerance(Duration.ofHours(3))).build();
      tolerant.track(Event.of("c-1", "logged_in", T0.plus(Duration.ofHours(2))));

      long count = tolerant.customer("c-1").orElseThrow().count("logged_in",
          Duration.ofMinutes(1));

      assertThat(count).isEqualTo(1);
    }

    @Test
    void first_last_and_since_come_from_event_times_whatever_the_arrival_order() {
      engine.track(Event.of("c-1", "logged_in", T0.minus(Duration.ofDays(2))));
      engine.track(Event.of("c-1", "logged_in", T0.minus(Duration.ofDays(1))));

      engine.track(Event.of("c-1", "logged_in", T0.minus(Duration.ofDays(3))));

      Customer c = customer("c-1");
      assertThat(c.first("logged_in")).contains(T0.minus(Duration.ofDays(3)));
      assertThat(c.last("logged_in")).contains(T0.minus(Duration.ofDays(1)));
      assertThat(c.since("logged_in")).contains(Duration.ofDays(1));
      assertThat(c.hasDone("logged_in")).isTrue();
    }

    @Test
    void first_last_and_since_are_empty_for_a_type_never_seen() {
      engine.track(Event.of("c-1", "logged_in", T0));

      Customer c = customer("c-1");

      assertThat(c.first("purchased")).isEmpty();
      assertThat(c.last("purchased")).isEmpty();
      assertThat(c.since("purchased")).isEmpty();
      assertThat(c.hasDone("purchased")).isFalse();
      assertThat(c.history("purchased")).isEmpty();
    }

    @Test
    void since_is_zero_for_an_event_stamped_after_now() {
      engine.track(Event.of("c-1", "logged_in", T0.plusSeconds(30)));

      Duration since = customer("c-1").since("logged_in").orElseThrow();

      assertThat(since).isEqualTo(Duration.ZERO);
    }

    @Test
    void since_grows_with_the_clock() {
      engine.track(Event.of("c-1", "logged_in", T0));

      clock.advance(Duration.ofDays(15));

      assertThat(customer("c-1").since("logged_in")).contains(Duration.ofDays(15));
    }

    @Test
    void has_done_finds_an_event_by_its_properties() {
      engine.track(Event.builder("c-1", "purchased").with("sku", "grinder").with("qty", 1)
          .at(T0.minusSeconds(10)));
      engine.track(Event.builder("c-1", "purchased").with("sku", "kettle").with("qty", 2)
          .at(T0));

      Customer c = customer("c-1");

      assertThat(c.hasDone("purchased", p -> "grinder".equals(p.get("sku")))).isTrue();
      assertThat(c.hasDone("purchased", p -> p.getLong("qty").orElse(0) == 2)).isTrue();
      assertThat(c.hasDone("purchased", p -> "scale".equals(p.get("sku")))).isFalse();
      assertThat(c.hasDone("purchased",
          p -> "grinder".equals(p.get("sku")) && p.getLong("qty").orElse(0) == 2)).isFalse();
      assertThat(c.hasDone("refunded", p -> true)).isFalse();
    }

    @Test
    void history_keeps_events_with_their_properties_oldest_first() {
      Event kettle = Event.builder("c-1", "purchased").with("sku", "kettle").at(T0);
      Event grinder = Event.builder("c-1", "purchased").with("sku", "grinder")
          .at(T0.minusSeconds(10));

      engine.track(kettle);
      engine.track(grinder);

      assertThat(customer("c-1").history("purchased")).containsExactly(grinder, kettle);
    }

    @Test
    void history_is_bounded_by_the_history_size_and_keeps_the_latest() {
      Engine small = Engine.builder().clock(clock).historySize(2).build();
      small.track(Event.builder("c-1", "purchased").with("sku", "grinder").at(T0.minusSeconds(3)));
      small.track(Event.builder("c-1", "purchased").with("sku", "kettle").at(T0.minusSeconds(1)));

      small.track(Event.builder("c-1", "purchased").with("sku", "scale").at(T0.minusSeconds(2)));

      Customer c = small.customer("c-1").orElseThrow();
      assertThat(c.history("purchased")).extracting(e -> e.properties().get("sku"))
          .containsExactly("scale", "kettle");
      assertThat(c.hasDone("purchased", p -> "grinder".equals(p.get("sku")))).isFalse();
      assertThat(c.hasDone("purchased", p -> "scale".equals(p.get("sku")))).isTrue();
      assertThat(c.count("purchased")).isEqualTo(3);
    }

    @Test
    void history_size_zero_keeps_counts_but_no_events() {
      Engine none = Engine.builder().clock(clock).historySize(0).build();

      none.track(Event.builder("c-1", "purchased").with("sku", "grinder").at(T0));

      Customer c = none.customer("c-1").orElseThrow();
      assertThat(c.history("purchased")).isEmpty();
      assertThat(c.hasDone("purchased")).isTrue();
      assertThat(c.hasDone("purchased", p -> true)).isFalse();
      assertThat(c.count("purchased")).isEqualTo(1);
    }

    @Test
    void count_within_a_window_longer_than_the_retention_is_rejected() {
      Engine shortMemory = Engine.builder().clock(clock).retention(Duration.ofDays(30)).build();
      shortMemory.track(Event.of("c-1", "logged_in", T0));
      Customer c = shortMemory.customer("c-1").orElseThrow();

      Throwable thrown = catchThrowable(() -> c.count("logged_in", Duration.ofDays(31)));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("count(\"logged_in\", PT744H): the window is longer than the engine's "
              + "history retention of PT720H; shorten it or raise "
              + "Engine.builder().retention(...)");
      assertThat(c.count("logged_in", Duration.ofDays(30))).isEqualTo(1);
    }

    @Test
    void count_within_a_window_that_is_not_positive_is_rejected() {
      engine.track(Event.of("c-1", "logged_in", T0));
      Customer c = customer("c-1");

      Throwable thrown = catchThrowable(() -> c.count("logged_in", Duration.ZERO));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("count(\"logged_in\", within): within is PT0S; give a positive duration");
    }

    @Test
    void events_older_than_the_retention_still_count_ever_but_not_in_windows() {
      Engine shortMemory = Engine.builder().clock(clock).retention(Duration.ofDays(30)).build();
      shortMemory.track(Event.of("c-1", "logged_in", T0.minus(Duration.ofDays(1))));

      shortMemory.track(Event.of("c-1", "logged_in", T0.minus(Duration.ofDays(40))));

      Customer c = shortMemory.customer("c-1").orElseThrow();
      assertThat(c.count("logged_in")).isEqualTo(2);
      assertThat(c.count("logged_in", Duration.ofDays(30))).isEqualTo(1);
      assertThat(c.first("logged_in")).contains(T0.minus(Duration.ofDays(40)));
    }

    @Test
    void track_reports_that_it_processed_the_event() {
      Event event = Event.of("c-1", "logged_in", T0);

      boolean processed = engine.track(event);

      assertThat(processed).isTrue();
    }

    @Test
    void unknown_customer_has_no_view() {
      engine.track(Event.of("c-1", "logged_in", T0));

      boolean present = engine.customer("c-2").isPresent();

      assertThat(present).isFalse();
    }
  }
}
