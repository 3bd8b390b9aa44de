package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.core.Channel;
import dev.rapport.core.ConsentStatus;
import dev.rapport.core.CustomerId;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Profile;
import dev.rapport.core.Purpose;
import dev.rapport.core.Segment;
import dev.rapport.core.TraitKey;
import dev.rapport.core.Traits;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runtime input checked at the boundary: each bad call fails with a message naming the field
 * and the value, and leaves the customer's stored state, version included, as it was.
 */
class BadInputTest {
  static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
  static final CustomerId C1 = CustomerId.of("c-1");
  static final TraitKey<Long> SEATS = TraitKey.of("seats", Long.class);
  static final TraitKey<String> SEATS_AS_TEXT = TraitKey.of("seats", String.class);

  final StateStore store = StateStore.inMemory();
  final Engine engine = Engine.builder().clock(new MutableClock(T0)).stateStore(store)
      .segments(Segment.of("buyers", c -> c.hasDone("purchased")))
      .build();
  Optional<Stored> before;

  @BeforeEach
  void knowCustomer() {
    engine.identify("c-1", Profile.empty().set(SEATS, 3L)
        .consent(Channel.EMAIL, Purpose.MARKETING, ConsentStatus.GRANTED));
    engine.track(Event.builder("c-1", "purchased").id("order-1").with("sku", "grinder")
        .at(T0.minus(Duration.ofDays(1))));
    before = Stored.of(engine, C1);
    assertThat(before).hasValueSatisfying(s -> assertThat(s.version()).isEqualTo(2));
  }

  void assertUnchanged() {
    assertThat(Stored.of(engine, C1)).isEqualTo(before);
    assertThat(store.size()).isEqualTo(1);
    assertThat(engine.statistics().eventsTracked()).isEqualTo(1);
    assertThat(engine.statistics().identifies()).isEqualTo(1);
  }

  static Event.Builder consentEvent() {
    return Event.builder("c-1", EventTypes.CONSENT_REVOKED).id("e-9");
  }

  @Test
  void identify_with_null_customer_id_is_rejected() {
    String id = null;

    Throwable thrown = catchThrowable(() -> engine.identify(id, Traits.empty().set(SEATS, 1L)));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("customer id is null; give the host's customer id");
    assertUnchanged();
  }

  @Test
  void identify_with_blank_customer_id_is_rejected_naming_the_value() {
    String id = "  ";

    Throwable thrown = catchThrowable(() -> engine.identify(id, Profile.empty()));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("customer id is blank (\"  \"); give the host's customer id");
    assertUnchanged();
  }

  @Test
  void event_with_blank_customer_id_is_rejected_naming_the_value() {
    String id = "";

    Throwable thrown = catchThrowable(() -> engine.track(Event.of(id, "purchased", T0)));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("customer id is blank (\"\"); give the host's customer id");
    assertUnchanged();
  }

  @Test
  void customer_and_forget_with_null_id_are_rejected() {
    String id = null;

    Throwable byView = catchThrowable(() -> engine.customer(id));
    Throwable byForget = catchThrowable(() -> engine.forget(id));

    assertThat(byView).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("customer id is null; give the host's customer id");
    assertThat(byForget).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("customer id is null; give the host's customer id");
    assertUnchanged();
  }

  @Test
  void null_event_is_rejected() {
    Event event = null;

    Throwable thrown = catchThrowable(() -> engine.track(event));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("track(event): event is null; give an Event");
    assertUnchanged();
  }

  @Test
  void event_without_type_is_rejected_naming_the_field() {
    String type = null;

    Throwable thrown = catchThrowable(() -> engine.track(Event.of("c-1", type, T0)));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("event: type is null; give an event type such as \"signed_up\"");
    assertUnchanged();
  }

  @Test
  void event_with_blank_type_is_rejected_naming_the_value() {
    String type = " ";

    Throwable thrown = catchThrowable(() -> engine.track(Event.of("c-1", type, T0)));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("event: type \" \" is blank or has surrounding whitespace; give an event "
            + "type such as \"signed_up\"");
    assertUnchanged();
  }

  @Test
  void event_without_time_is_rejected_naming_the_field() {
    Instant time = null;

    Throwable thrown = catchThrowable(() -> engine.track(
        Event.builder("c-1", "purchased").with("sku", "kettle").at(time)));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("event 'purchased' of customer 'c-1': time is null; give the time the event "
            + "happened with at(Instant)");
    assertUnchanged();
  }

  @Test
  void event_property_of_an_unsupported_type_is_rejected_naming_the_property_and_value() {
    Duration unsupported = Duration.ofMinutes(5);

    Throwable thrown = catchThrowable(() -> engine.track(
        Event.builder("c-1", "purchased").with("delivery", unsupported).at(T0)));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("event 'purchased': property 'delivery' has unsupported type "
            + "java.time.Duration (PT5M); use one of String, Boolean, Integer, Long, Short, "
            + "Byte, Float, Double, BigInteger, BigDecimal, and Lists or String-keyed Maps of "
            + "those");
    assertUnchanged();
  }

  @Test
  void consent_event_naming_an_unknown_purpose_is_rejected_naming_the_value() {
    Event event = consentEvent().with("channel", "email").with("purpose", "spam").at(T0);

    Throwable thrown = catchThrowable(() -> engine.track(event));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("event 'consent_revoked' (e-9) of customer 'c-1': property 'purpose' has an "
            + "unknown purpose 'spam'; use one of marketing, transactional");
    assertUnchanged();
    assertThat(engine.customer("c-1").orElseThrow().consent(Channel.EMAIL, Purpose.MARKETING)
        .status()).isEqualTo(ConsentStatus.GRANTED);
  }

  @Test
  void consent_event_whose_purpose_is_not_a_string_is_rejected() {
    Event event = consentEvent().with("channel", "email").with("purpose", true).at(T0);

    Throwable thrown = catchThrowable(() -> engine.track(event));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("event 'consent_revoked' (e-9) of customer 'c-1': property 'purpose' is not "
            + "a string (true); give \"marketing\" or \"transactional\"");
    assertUnchanged();
  }

  @Test
  void consent_event_naming_an_unknown_channel_is_rejected_naming_the_value() {
    Event event = consentEvent().with("channel", "whatsapp").at(T0);

    Throwable thrown = catchThrowable(() -> engine.track(event));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("event 'consent_revoked' (e-9) of customer 'c-1': property 'channel' names "
            + "unknown channel 'whatsapp'; declare it with "
            + "Engine.builder().channels(Channel.of(\"whatsapp\")) or use one of "
            + "[email, in_app, push, sms, social]");
    assertUnchanged();
  }

  @Test
  void consent_event_naming_an_invalid_channel_is_rejected_naming_the_value() {
    Event event = consentEvent().with("channel", "E-Mail").at(T0);

    Throwable thrown = catchThrowable(() -> engine.track(event));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("event 'consent_revoked' (e-9) of customer 'c-1': property "
            + "'channel' channel name \"E-Mail\" is not valid");
    assertUnchanged();
  }

  @Test
  void consent_event_without_channel_is_rejected_naming_the_field() {
    Event event = consentEvent().with("purpose", "marketing").at(T0);

    Throwable thrown = catchThrowable(() -> engine.track(event));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("event 'consent_revoked' (e-9) of customer 'c-1': property 'channel' is "
            + "missing; give the channel's name, such as \"email\"");
    assertUnchanged();
  }

  @Test
  void consent_event_whose_channel_is_not_a_string_is_rejected_naming_the_value() {
    Event event = consentEvent().with("channel", 42).at(T0);

    Throwable thrown = catchThrowable(() -> engine.track(event));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("event 'consent_revoked' (e-9) of customer 'c-1': property 'channel' is not "
            + "a string (42); give the channel's name, such as \"email\"");
    assertUnchanged();
  }

  @Test
  void bad_consent_event_for_a_new_customer_stores_nothing() {
    Event event = Event.builder("c-2", EventTypes.CONSENT_GRANTED).with("channel", "fax")
        .at(T0);

    Throwable thrown = catchThrowable(() -> engine.track(event));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names unknown channel 'fax'");
    assertThat(Stored.of(engine, CustomerId.of("c-2"))).isEmpty();
    assertUnchanged();
  }

  @Test
  void bad_consent_event_is_not_remembered_as_seen() {
    Event bad = consentEvent().with("channel", "whatsapp").at(T0);
    catchThrowable(() -> engine.track(bad));

    boolean processed = engine.track(consentEvent().with("channel", "sms").at(T0));

    assertThat(processed).isTrue();
    assertThat(engine.customer("c-1").orElseThrow().consent(Channel.SMS, Purpose.MARKETING)
        .status()).isEqualTo(ConsentStatus.DENIED);
  }

  @Test
  void identify_with_a_trait_of_conflicting_type_is_rejected_and_changes_nothing() {
    Profile conflicting = Profile.empty().set(SEATS_AS_TEXT, "three")
        .consent(Channel.EMAIL, Purpose.MARKETING, ConsentStatus.DENIED);

    Throwable thrown = catchThrowable(() -> engine.identify("c-1", conflicting));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("trait 'seats' holds Long values; cannot set a String; use another name or "
            + "the same type");
    assertUnchanged();
  }

  @Test
  void identify_with_a_consent_on_an_unknown_channel_is_rejected_and_changes_nothing() {
    Profile profile = Profile.empty().set(SEATS, 4L)
        .consent(Channel.of("whatsapp"), Purpose.MARKETING, ConsentStatus.GRANTED);

    Throwable thrown = catchThrowable(() -> engine.identify("c-1", profile));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("identify(\"c-1\"): consent names unknown channel 'whatsapp'; declare it "
            + "with Engine.builder().channels(Channel.of(\"whatsapp\")) or use one of "
            + "[email, in_app, push, sms, social]");
    assertUnchanged();
  }

  @Test
  void identify_with_null_traits_or_profile_is_rejected() {
    Traits traits = null;
    Profile profile = null;

    Throwable byTraits = catchThrowable(() -> engine.identify("c-1", traits));
    Throwable byProfile = catchThrowable(() -> engine.identify("c-1", profile));

    assertThat(byTraits).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("identify(\"c-1\", traits): traits is null; give Traits.empty() or some "
            + "traits");
    assertThat(byProfile).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("identify(\"c-1\", profile): profile is null; give Profile.empty() or a "
            + "profile");
    assertUnchanged();
  }
}
