package dev.rapport.core.engine;

import dev.rapport.core.policy.Reason;
import dev.rapport.core.policy.QuietHoursMode;
import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.core.policy.ChannelSettings;
import dev.rapport.core.policy.Cap;
import static dev.rapport.core.Channel.EMAIL;
import static dev.rapport.core.Channel.IN_APP;
import static dev.rapport.core.Channel.PUSH;
import static dev.rapport.core.Channel.SMS;
import static dev.rapport.core.ConsentStatus.DENIED;
import static dev.rapport.core.ConsentStatus.GRANTED;
import static dev.rapport.core.Purpose.MARKETING;
import static dev.rapport.core.Purpose.TRANSACTIONAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Preferences;
import dev.rapport.core.Purpose;
import dev.rapport.core.TraitKey;
import dev.rapport.core.engine.Gate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The gate of DESIGN section 4: every reason code, every cap scope, quiet hours across DST. */
class GateTest {
  /** A Wednesday, noon UTC: outside any quiet hours used here unless a test says so. */
  private static final Instant NOW = Instant.parse("2026-06-10T12:00:00Z");
  private static final Instant LONG_AGO = NOW.minus(Duration.ofDays(90));

  private static final Action BREW_GUIDE =
      Action.builder("brew-guide").topic("coffee").via(EMAIL).build();
  private static final Action TEA_GUIDE =
      Action.builder("tea-guide").topic("tea").via(EMAIL).build();
  private static final Action RECEIPT =
      Action.builder("receipt").purpose(TRANSACTIONAL).via(EMAIL).build();

  /** Reachable on email, SMS and push, opted in to marketing on all three. */
  private static StubCustomer optedIn() {
    return StubCustomer.at(NOW)
        .with(TraitKey.EMAIL_ADDRESS, "ada@example.com")
        .with(TraitKey.PHONE_NUMBER, "+441234567890")
        .with(TraitKey.DEVICE_TOKEN, "tok-1")
        .consent(EMAIL, MARKETING, GRANTED, LONG_AGO)
        .consent(SMS, MARKETING, GRANTED, LONG_AGO)
        .consent(PUSH, MARKETING, GRANTED, LONG_AGO);
  }

  private static Contact contact(Duration ago, String action, Channel channel, String topic,
      Purpose purpose) {
    return new Contact(NOW.minus(ago), action, channel, Optional.ofNullable(topic), purpose);
  }

  private static Contact marketing(Duration ago, Channel channel) {
    return contact(ago, "news", channel, null, MARKETING);
  }

  private static GateDecision evaluate(ContactPolicy policy, StubCustomer customer,
      List<Contact> contacts, Action action) {
    return evaluateAt(NOW, policy, customer, contacts, action);
  }

  private static GateDecision evaluateAt(Instant now, ContactPolicy policy,
      StubCustomer customer, List<Contact> contacts, Action action) {
    return Gate.evaluate(policy, customer, contacts, action, now, Set.of(), false,
        Optional.empty());
  }

  private static Action marketingVia(Channel first, Channel... more) {
    Action.Builder b = Action.builder("offer").via(first);
    for (Channel c : more) {
      b.via(c);
    }
    return b.build();
  }

  @Test
  void allows_marketing_to_an_opted_in_reachable_customer_on_the_first_channel() {
    StubCustomer customer = optedIn();

    GateDecision d = evaluate(ContactPolicy.ofDefaults(), customer, List.of(), BREW_GUIDE);

    assertThat(d.isAllowed()).isTrue();
    assertThat(d.channel()).contains(EMAIL);
    assertThat(d.reason()).isEmpty();
    assertThat(d.retryAt()).isEmpty();
    assertThat(d.channelReasons()).isEmpty();
  }

  @Nested
  class Guardrails {
    @Test
    void refuses_a_paused_action_as_GUARDRAIL_PAUSED_before_any_other_check() {
      StubCustomer nobody = StubCustomer.at(NOW);
      Optional<String> pause = Optional.of("guardrail unsubscribe_rate: 0.031 above 0.02");

      GateDecision d = Gate.evaluate(ContactPolicy.ofDefaults(), nobody, List.of(), BREW_GUIDE,
          NOW, Set.of(), false, pause);

      assertThat(d.isAllowed()).isFalse();
      assertThat(d.reason()).contains(Reason.GUARDRAIL_PAUSED);
      assertThat(d.detail()).isEqualTo("guardrail unsubscribe_rate: 0.031 above 0.02");
      assertThat(d.channelReasons()).isEmpty();
      assertThat(d.reason().get().isRetryable()).isTrue();
    }
  }

  @Nested
  class ConsentAndReachability {
    @Test
    void refuses_marketing_without_consent_as_NO_CONSENT() {
      StubCustomer customer = StubCustomer.at(NOW).with(TraitKey.EMAIL_ADDRESS, "ada@example.com");

      GateDecision d = evaluate(ContactPolicy.ofDefaults(), customer, List.of(), BREW_GUIDE);

      assertThat(d.reason()).contains(Reason.NO_CONSENT);
      assertThat(d.detail()).isEqualTo("no marketing consent on email");
      assertThat(d.channel()).isEmpty();
      assertThat(d.channelReasons()).containsExactly(entry(EMAIL, Reason.NO_CONSENT));
      assertThat(d.retryAt()).isEmpty();
    }

    @Test
    void refuses_marketing_after_consent_was_revoked_as_NO_CONSENT() {
      StubCustomer customer = optedIn().consent(EMAIL, MARKETING, DENIED, NOW.minusSeconds(60));

      GateDecision d = evaluate(ContactPolicy.ofDefaults(), customer, List.of(), BREW_GUIDE);

      assertThat(d.reason()).contains(Reason.NO_CONSENT);
      assertThat(d.detail()).isEqualTo("marketing consent on email was denied");
    }

    @Test
    void allows_marketing_in_app_without_an_opt_in() {
      StubCustomer customer = StubCustomer.at(NOW);

      GateDecision d = evaluate(ContactPolicy.ofDefaults(), customer, List.of(),
          marketingVia(IN_APP));

      assertThat(d.channel()).contains(IN_APP);
    }

    @Test
    void refuses_marketing_in_app_when_consent_was_denied() {
      StubCustomer customer = StubCustomer.at(NOW).consent(IN_APP, MARKETING, DENIED, LONG_AGO);

      GateDecision d = evaluate(ContactPolicy.ofDefaults(), customer, List.of(),
          marketingVia(IN_APP));

      assertThat(d.reason()).contains(Reason.NO_CONSENT);
      assertThat(d.detail()).isEqualTo("marketing consent on in_app was denied");
    }

    @Test
    void refuses_a_customer_without_the_channels_trait_as_UNREACHABLE_without_naming_values() {
      StubCustomer noPhone = StubCustomer.at(NOW)
          .with(TraitKey.EMAIL_ADDRESS, "ada@example.com")
          .consent(SMS, MARKETING, GRANTED, LONG_AGO);

      GateDecision d = evaluate(ContactPolicy.ofDefaults(), noPhone, List.of(),
          marketingVia(SMS));

      assertThat(d.reason()).contains(Reason.UNREACHABLE);
      assertThat(d.detail()).isEqualTo("unreachable on sms: no phone_number trait")
          .doesNotContain("ada@example.com");
    }

    @Test
    void checks_reachability_before_consent() {
      StubCustomer nothing = StubCustomer.at(NOW);

      GateDecision d = evaluate(ContactPolicy.ofDefaults(), nothing, List.of(), BREW_GUIDE);

      assertThat(d.reason()).contains(Reason.UNREACHABLE);
    }

    @Test
    void allows_transactional_without_consent_and_beyond_marketing_caps() {
      StubCustomer customer = StubCustomer.at(NOW).with(TraitKey.EMAIL_ADDRESS, "ada@example.com");
      ContactPolicy policy = ContactPolicy.builder()
          .cap(Cap.of(1, Duration.ofDays(7)))
          .cap(Cap.of(1, Duration.ofDays(7)).on(EMAIL))
          .minimumGap(Duration.ofHours(4))
          .quietHours(LocalTime.of(11, 0), LocalTime.of(13, 0))
          .build();
      List<Contact> contacts = List.of(marketing(Duration.ofHours(1), EMAIL),
          contact(Duration.ofMinutes(5), "receipt-old", EMAIL, null, TRANSACTIONAL));

      GateDecision d = evaluate(policy, customer, contacts, RECEIPT);

      assertThat(d.channel()).contains(EMAIL);
    }

    @Test
    void refuses_transactional_to_an_unreachable_customer_as_UNREACHABLE() {
      StubCustomer customer = StubCustomer.at(NOW);

      GateDecision d = evaluate(ContactPolicy.ofDefaults(), customer, List.of(), RECEIPT);

      assertThat(d.reason()).contains(Reason.UNREACHABLE);
      assertThat(d.detail()).isEqualTo("unreachable on email: no email_address trait");
    }

    @Test
    void treats_a_custom_channel_by_its_configured_settings() {
      Channel whatsapp = Channel.of("whatsapp");
      ContactPolicy policy = ContactPolicy.builder()
          .channel(whatsapp, ChannelSettings.of(true, TraitKey.PHONE_NUMBER))
          .build();
      StubCustomer noPhone = StubCustomer.at(NOW).consent(whatsapp, MARKETING, GRANTED, LONG_AGO);
      StubCustomer withPhone = noPhone.with(TraitKey.PHONE_NUMBER, "+441234567890");

      GateDecision refused = evaluate(policy, noPhone, List.of(), marketingVia(whatsapp));
      GateDecision allowed = evaluate(policy, withPhone, List.of(), marketingVia(whatsapp));

      assertThat(refused.reason()).contains(Reason.UNREACHABLE);
      assertThat(allowed.channel()).contains(whatsapp);
    }

    @Test
    void treats_an_unconfigured_custom_channel_as_opt_in_and_always_reachable() {
      Channel whatsapp = Channel.of("whatsapp");
      StubCustomer notOptedIn = StubCustomer.at(NOW);
      StubCustomer optedIn = notOptedIn.consent(whatsapp, MARKETING, GRANTED, LONG_AGO);

      GateDecision refused = evaluate(ContactPolicy.ofDefaults(), notOptedIn, List.of(),
          marketingVia(whatsapp));
      GateDecision allowed = evaluate(ContactPolicy.ofDefaults(), optedIn, List.of(),
          marketingVia(whatsapp));

      assertThat(refused.reason()).contains(Reason.NO_CONSENT);
      assertThat(allowed.channel()).contains(whatsapp);
    }

    @Test
    void lets_a_policy_waive_the_opt_in_on_a_standard_channel() {
      ContactPolicy policy = ContactPolicy.builder()
          .channel(EMAIL, ChannelSettings.of(false, TraitKey.EMAIL_ADDRESS))
          .build();
      StubCustomer customer = StubCustomer.at(NOW).with(TraitKey.EMAIL_ADDRESS, "ada@example.com");

      GateDecision d = evaluate(policy, customer, List.of(), BREW_GUIDE);

      assertThat(d.channel()).contains(EMAIL);
    }
  }

  @Nested
  class Channels {
    @Test
    void uses_the_next_channel_when_the_first_is_refused_and_says_why() {
      StubCustomer customer = optedIn().consent(EMAIL, MARKETING, DENIED, NOW.minusSeconds(1));

      GateDecision d = evaluate(ContactPolicy.ofDefaults(), customer, List.of(),
          marketingVia(EMAIL, SMS));

      assertThat(d.channel()).contains(SMS);
      assertThat(d.channelReasons()).containsExactly(entry(EMAIL, Reason.NO_CONSENT));
    }

    @Test
    void refuses_with_the_reason_of_the_most_preferred_channel_when_all_are_refused() {
      StubCustomer customer = StubCustomer.at(NOW).with(TraitKey.EMAIL_ADDRESS, "ada@example.com");

      GateDecision d = evaluate(ContactPolicy.ofDefaults(), customer, List.of(),
          marketingVia(EMAIL, SMS));

      assertThat(d.reason()).contains(Reason.NO_CONSENT);
      assertThat(d.channelReasons())
          .containsExactly(entry(EMAIL, Reason.NO_CONSENT), entry(SMS, Reason.UNREACHABLE));
    }

    @Test
    void puts_the_channels_the_customer_prefers_first_in_the_customers_order() {
      StubCustomer customer = optedIn().with(TraitKey.DEVICE_TOKEN, "tok-1")
          .preferences(Preferences.builder().channels(PUSH, IN_APP, SMS).build());
      StubCustomer pushGone = StubCustomer.at(NOW)
          .with(TraitKey.EMAIL_ADDRESS, "ada@example.com")
          .with(TraitKey.PHONE_NUMBER, "+441234567890")
          .consent(EMAIL, MARKETING, GRANTED, LONG_AGO)
          .consent(SMS, MARKETING, DENIED, LONG_AGO)
          .preferences(Preferences.builder().channels(PUSH, IN_APP, SMS).build());
      Action action = marketingVia(EMAIL, SMS, PUSH);

      GateDecision first = evaluate(ContactPolicy.ofDefaults(), customer, List.of(), action);
      GateDecision fallen = evaluate(ContactPolicy.ofDefaults(), pushGone, List.of(), action);

      assertThat(first.channel()).contains(PUSH);
      assertThat(fallen.channel()).contains(EMAIL);
      assertThat(fallen.channelReasons())
          .containsExactly(entry(PUSH, Reason.UNREACHABLE), entry(SMS, Reason.NO_CONSENT));
    }

    @Test
    void skips_the_channels_already_tried() {
      StubCustomer customer = optedIn();

      GateDecision d = Gate.evaluate(ContactPolicy.ofDefaults(), customer, List.of(),
          marketingVia(EMAIL, SMS, PUSH), NOW, Set.of(EMAIL), true, Optional.empty());

      assertThat(d.channel()).contains(SMS);
      assertThat(d.channelReasons()).isEmpty();
    }

    @Test
    void refuses_as_UNREACHABLE_when_every_channel_was_already_tried() {
      StubCustomer customer = optedIn();

      GateDecision d = Gate.evaluate(ContactPolicy.ofDefaults(), customer, List.of(),
          marketingVia(EMAIL, SMS), NOW, Set.of(EMAIL, SMS), true, Optional.empty());

      assertThat(d.reason()).contains(Reason.UNREACHABLE);
      assertThat(d.detail()).isEqualTo(
          "no channel left to try: every channel of action 'offer' [email, sms] was already tried");
    }

    @Test
    void a_fallback_attempt_skips_caps_minimum_gap_and_cooldown() {
      ContactPolicy policy = ContactPolicy.builder()
          .cap(Cap.of(1, Duration.ofDays(7)))
          .cap(Cap.of(1, Duration.ofDays(7)).on(SMS))
          .cap(Cap.of(1, Duration.ofDays(7)).onTopic("coffee"))
          .minimumGap(Duration.ofHours(4))
          .build();
      Action action = Action.builder("brew-guide").topic("coffee").via(EMAIL).via(SMS)
          .cooldown(Duration.ofDays(1)).build();
      List<Contact> contacts = List.of(
          contact(Duration.ofMinutes(10), "brew-guide", EMAIL, "coffee", MARKETING),
          contact(Duration.ofHours(1), "other", SMS, "coffee", MARKETING));

      GateDecision fresh = Gate.evaluate(policy, optedIn(), contacts, action, NOW,
          Set.of(EMAIL), false, Optional.empty());
      GateDecision fallback = Gate.evaluate(policy, optedIn(), contacts, action, NOW,
          Set.of(EMAIL), true, Optional.empty());

      assertThat(fresh.reason()).contains(Reason.CAPPED);
      assertThat(fallback.channel()).contains(SMS);
    }

    @Test
    void a_fallback_attempt_still_checks_consent_topic_and_quiet_hours() {
      ContactPolicy policy = ContactPolicy.builder()
          .quietHours(LocalTime.of(11, 0), LocalTime.of(13, 0)).build();
      StubCustomer noSms = optedIn().consent(SMS, MARKETING, DENIED, LONG_AGO);
      StubCustomer noCoffee = optedIn()
          .preferences(Preferences.builder().topicsOut("coffee").build());
      Action action = Action.builder("brew-guide").topic("coffee").via(EMAIL).via(SMS).build();

      GateDecision consent = Gate.evaluate(ContactPolicy.ofDefaults(), noSms, List.of(), action,
          NOW, Set.of(EMAIL), true, Optional.empty());
      GateDecision topic = Gate.evaluate(ContactPolicy.ofDefaults(), noCoffee, List.of(),
          action, NOW, Set.of(EMAIL), true, Optional.empty());
      GateDecision quiet = Gate.evaluate(policy, optedIn(), List.of(), action, NOW,
          Set.of(EMAIL), true, Optional.empty());

      assertThat(consent.reason()).contains(Reason.NO_CONSENT);
      assertThat(topic.reason()).contains(Reason.TOPIC_OPTED_OUT);
      assertThat(quiet.reason()).contains(Reason.QUIET_HOURS_DEFERRED);
    }
  }

  @Nested
  class Suppression {
    @Test
    void suppresses_marketing_on_the_channel_unsubscribed_from_only() {
      StubCustomer customer = optedIn()
          .event(EventTypes.UNSUBSCRIBED, NOW.minus(Duration.ofDays(2)), "channel", "email");

      GateDecision d = evaluate(ContactPolicy.ofDefaults(), customer, List.of(),
          marketingVia(EMAIL, SMS));

      assertThat(d.channel()).contains(SMS);
      assertThat(d.channelReasons()).containsExactly(entry(EMAIL, Reason.SUPPRESSED));
    }

    @Test
    void suppresses_marketing_on_every_channel_after_an_unsubscribe_without_channel() {
      StubCustomer customer = optedIn().event(EventTypes.UNSUBSCRIBED, NOW.minusSeconds(60));

      GateDecision d = evaluate(ContactPolicy.ofDefaults(), customer, List.of(),
          marketingVia(EMAIL, SMS));

      assertThat(d.reason()).contains(Reason.SUPPRESSED);
      assertThat(d.detail()).startsWith("suppressed on email: unsubscribed from all channels at ");
      assertThat(d.channelReasons())
          .containsExactly(entry(EMAIL, Reason.SUPPRESSED), entry(SMS, Reason.SUPPRESSED));
    }

    @Test
    void suppresses_marketing_after_a_complaint() {
      StubCustomer customer = optedIn().event(EventTypes.COMPLAINED, NOW.minusSeconds(60));

      GateDecision d = evaluate(ContactPolicy.ofDefaults(), customer, List.of(), BREW_GUIDE);

      assertThat(d.reason()).contains(Reason.SUPPRESSED);
      assertThat(d.detail()).isEqualTo("suppressed on email: complained at "
          + NOW.minusSeconds(60) + ", after the marketing consent on email of " + LONG_AGO);
    }

    @Test
    void suppresses_after_a_complaint_on_a_channel_without_opt_in_and_without_consent() {
      StubCustomer customer = StubCustomer.at(NOW)
          .event(EventTypes.COMPLAINED, NOW.minusSeconds(60));

      GateDecision d = evaluate(ContactPolicy.ofDefaults(), customer, List.of(),
          marketingVia(IN_APP));

      assertThat(d.reason()).contains(Reason.SUPPRESSED);
      assertThat(d.detail()).endsWith("with no marketing consent on in_app granted since");
    }

    @Test
    void lifts_suppression_when_marketing_consent_is_granted_again_later() {
      StubCustomer customer = optedIn()
          .event(EventTypes.UNSUBSCRIBED, NOW.minus(Duration.ofDays(3)), "channel", "email")
          .event(EventTypes.COMPLAINED, NOW.minus(Duration.ofDays(2)))
          .consent(EMAIL, MARKETING, GRANTED, NOW.minus(Duration.ofDays(1)));

      GateDecision d = evaluate(ContactPolicy.ofDefaults(), customer, List.of(), BREW_GUIDE);

      assertThat(d.channel()).contains(EMAIL);
    }

    @Test
    void does_not_suppress_when_the_policy_turns_suppression_off() {
      ContactPolicy policy = ContactPolicy.builder()
          .suppressAfterUnsubscribe(false).suppressAfterComplaint(false).build();
      StubCustomer customer = optedIn()
          .event(EventTypes.UNSUBSCRIBED, NOW.minusSeconds(120))
          .event(EventTypes.COMPLAINED, NOW.minusSeconds(60));

      GateDecision d = evaluate(policy, customer, List.of(), BREW_GUIDE);

      assertThat(d.channel()).contains(EMAIL);
    }

    @Test
    void does_not_suppress_transactional_messages() {
      StubCustomer customer = optedIn()
          .event(EventTypes.UNSUBSCRIBED, NOW.minusSeconds(120))
          .event(EventTypes.COMPLAINED, NOW.minusSeconds(60));

      GateDecision d = evaluate(ContactPolicy.ofDefaults(), customer, List.of(), RECEIPT);

      assertThat(d.channel()).contains(EMAIL);
    }
  }

  @Nested
  class TopicsAndCooldowns {
    @Test
    void refuses_a_topic_the_customer_opted_out_of_as_TOPIC_OPTED_OUT() {
      StubCustomer customer = optedIn()
          .preferences(Preferences.builder().topicsOut("coffee").build());

      GateDecision coffee = evaluate(ContactPolicy.ofDefaults(), customer, List.of(), BREW_GUIDE);
      GateDecision tea = evaluate(ContactPolicy.ofDefaults(), customer, List.of(), TEA_GUIDE);

      assertThat(coffee.reason()).contains(Reason.TOPIC_OPTED_OUT);
      assertThat(coffee.detail()).isEqualTo("topic 'coffee' is opted out by the customer");
      assertThat(coffee.channelReasons()).containsExactly(entry(EMAIL, Reason.TOPIC_OPTED_OUT));
      assertThat(tea.isAllowed()).isTrue();
    }

    @Test
    void refuses_the_same_action_within_its_cooldown_until_it_ends() {
      Action action = Action.builder("brew-guide").via(EMAIL).cooldown(Duration.ofDays(1))
          .build();
      List<Contact> contacts = List.of(
          contact(Duration.ofHours(2), "brew-guide", EMAIL, null, MARKETING),
          contact(Duration.ofHours(5), "brew-guide", EMAIL, null, MARKETING),
          contact(Duration.ofMinutes(1), "other", EMAIL, null, MARKETING));

      GateDecision d = evaluate(ContactPolicy.ofDefaults(), optedIn(), contacts, action);

      assertThat(d.reason()).contains(Reason.COOLDOWN);
      assertThat(d.retryAt()).contains(NOW.plus(Duration.ofHours(22)));
      assertThat(d.detail()).isEqualTo("cooldown: action 'brew-guide' was sent PT2H ago, "
          + "cooldown PT24H");
    }

    @Test
    void allows_the_same_action_once_its_cooldown_has_passed_exactly() {
      Action action = Action.builder("brew-guide").via(EMAIL).cooldown(Duration.ofDays(1))
          .build();
      List<Contact> contacts =
          List.of(contact(Duration.ofDays(1), "brew-guide", EMAIL, null, MARKETING));

      GateDecision d = evaluate(ContactPolicy.ofDefaults(), optedIn(), contacts, action);

      assertThat(d.isAllowed()).isTrue();
    }

    @Test
    void applies_the_cooldown_to_transactional_actions_too() {
      Action reminder = Action.builder("billing-reminder").purpose(TRANSACTIONAL).via(EMAIL)
          .cooldown(Duration.ofDays(3)).build();
      List<Contact> contacts =
          List.of(contact(Duration.ofDays(1), "billing-reminder", EMAIL, null, TRANSACTIONAL));

      GateDecision d = evaluate(ContactPolicy.ofDefaults(), optedIn(), contacts, reminder);

      assertThat(d.reason()).contains(Reason.COOLDOWN);
      assertThat(d.retryAt()).contains(NOW.plus(Duration.ofDays(2)));
    }

    @Test
    void checks_the_topic_before_caps_and_caps_before_quiet_hours() {
      ContactPolicy policy = ContactPolicy.builder()
          .cap(Cap.of(1, Duration.ofDays(1)))
          .quietHours(LocalTime.of(11, 0), LocalTime.of(13, 0))
          .build();
      List<Contact> contacts = List.of(marketing(Duration.ofHours(1), EMAIL));
      StubCustomer noCoffee = optedIn()
          .preferences(Preferences.builder().topicsOut("coffee").build());

      GateDecision topic = evaluate(policy, noCoffee, contacts, BREW_GUIDE);
      GateDecision capped = evaluate(policy, optedIn(), contacts, BREW_GUIDE);
      GateDecision quiet = evaluate(policy, optedIn(), List.of(), BREW_GUIDE);

      assertThat(topic.reason()).contains(Reason.TOPIC_OPTED_OUT);
      assertThat(capped.reason()).contains(Reason.CAPPED);
      assertThat(quiet.reason()).contains(Reason.QUIET_HOURS_DEFERRED);
    }
  }

  @Nested
  class Caps {
    private final ContactPolicy weekly =
        ContactPolicy.builder().cap(Cap.of(3, Duration.ofDays(7))).build();

    @Test
    void refuses_marketing_over_an_all_channel_cap_as_CAPPED_until_the_oldest_leaves() {
      List<Contact> contacts = List.of(
          marketing(Duration.ofDays(6), EMAIL),
          marketing(Duration.ofDays(3), SMS),
          marketing(Duration.ofHours(1), PUSH));

      GateDecision d = evaluate(weekly, optedIn(), contacts, BREW_GUIDE);

      assertThat(d.reason()).contains(Reason.CAPPED);
      assertThat(d.detail()).isEqualTo("capped: 3 marketing messages in the last PT168H, limit 3");
      assertThat(d.retryAt()).contains(NOW.plus(Duration.ofDays(1)));
      assertThat(d.channelReasons()).containsExactly(entry(EMAIL, Reason.CAPPED));
    }

    @Test
    void a_contact_exactly_one_window_ago_is_outside_the_window() {
      List<Contact> edge = List.of(
          marketing(Duration.ofDays(7), EMAIL),
          marketing(Duration.ofDays(3), EMAIL),
          marketing(Duration.ofHours(1), EMAIL));
      List<Contact> inside = List.of(
          marketing(Duration.ofDays(7).minusNanos(1), EMAIL),
          marketing(Duration.ofDays(3), EMAIL),
          marketing(Duration.ofHours(1), EMAIL));

      GateDecision atEdge = evaluate(weekly, optedIn(), edge, BREW_GUIDE);
      GateDecision justInside = evaluate(weekly, optedIn(), inside, BREW_GUIDE);

      assertThat(atEdge.isAllowed()).isTrue();
      assertThat(justInside.reason()).contains(Reason.CAPPED);
      assertThat(justInside.retryAt()).contains(NOW.plusNanos(1));
    }

    @Test
    void contacts_after_now_do_not_count() {
      List<Contact> contacts = List.of(
          marketing(Duration.ofDays(3), EMAIL),
          marketing(Duration.ofHours(1), EMAIL),
          marketing(Duration.ofHours(-1), EMAIL));

      GateDecision d = evaluate(weekly, optedIn(), contacts, BREW_GUIDE);

      assertThat(d.isAllowed()).isTrue();
    }

    @Test
    void retries_when_enough_contacts_have_left_the_window_to_fall_below_the_limit() {
      ContactPolicy twice = ContactPolicy.builder().cap(Cap.of(2, Duration.ofDays(7))).build();
      List<Contact> contacts = List.of(
          marketing(Duration.ofDays(4), EMAIL),
          marketing(Duration.ofDays(6), EMAIL),
          marketing(Duration.ofDays(5), EMAIL));

      GateDecision d = evaluate(twice, optedIn(), contacts, BREW_GUIDE);

      assertThat(d.detail()).isEqualTo("capped: 3 marketing messages in the last PT168H, limit 2");
      assertThat(d.retryAt()).contains(NOW.plus(Duration.ofDays(2)));
    }

    @Test
    void transactional_contacts_do_not_count_against_marketing_caps() {
      List<Contact> contacts = List.of(
          contact(Duration.ofDays(1), "receipt", EMAIL, null, TRANSACTIONAL),
          contact(Duration.ofDays(2), "receipt", EMAIL, null, TRANSACTIONAL),
          contact(Duration.ofDays(3), "receipt", EMAIL, null, TRANSACTIONAL));

      GateDecision d = evaluate(weekly, optedIn(), contacts, BREW_GUIDE);

      assertThat(d.isAllowed()).isTrue();
    }

    @Test
    void a_channel_cap_counts_marketing_on_its_channel_and_sends_on_the_next_channel() {
      ContactPolicy policy = ContactPolicy.builder()
          .cap(Cap.of(1, Duration.ofDays(1)).on(SMS)).build();
      List<Contact> smsYesterday = List.of(marketing(Duration.ofHours(23), SMS),
          marketing(Duration.ofHours(2), EMAIL),
          contact(Duration.ofHours(1), "code", SMS, null, TRANSACTIONAL));
      List<Contact> emailOnly = List.of(marketing(Duration.ofHours(2), EMAIL),
          contact(Duration.ofHours(1), "code", SMS, null, TRANSACTIONAL));

      GateDecision smsOnly = evaluate(policy, optedIn(), smsYesterday, marketingVia(SMS));
      GateDecision withFallback = evaluate(policy, optedIn(), smsYesterday,
          marketingVia(SMS, EMAIL));
      GateDecision free = evaluate(policy, optedIn(), emailOnly, marketingVia(SMS));

      assertThat(smsOnly.reason()).contains(Reason.CAPPED);
      assertThat(smsOnly.detail())
          .isEqualTo("capped: 1 marketing message on sms in the last PT24H, limit 1");
      assertThat(smsOnly.retryAt()).contains(NOW.plus(Duration.ofHours(1)));
      assertThat(withFallback.channel()).contains(EMAIL);
      assertThat(withFallback.channelReasons()).containsExactly(entry(SMS, Reason.CAPPED));
      assertThat(free.channel()).contains(SMS);
    }

    @Test
    void a_topic_cap_counts_marketing_on_its_topic_and_applies_to_that_topic_only() {
      ContactPolicy policy = ContactPolicy.builder()
          .cap(Cap.of(2, Duration.ofDays(7)).onTopic("coffee")).build();
      List<Contact> contacts = List.of(
          contact(Duration.ofDays(5), "brew-guide", EMAIL, "coffee", MARKETING),
          contact(Duration.ofDays(2), "grinder-tips", SMS, "coffee", MARKETING),
          contact(Duration.ofDays(1), "steeping", EMAIL, "tea", MARKETING));
      List<Contact> oneCoffee = List.of(
          contact(Duration.ofDays(5), "brew-guide", EMAIL, "coffee", MARKETING),
          contact(Duration.ofDays(2), "receipt", EMAIL, "coffee", TRANSACTIONAL),
          contact(Duration.ofDays(1), "steeping", EMAIL, "tea", MARKETING));

      GateDecision coffee = evaluate(policy, optedIn(), contacts, BREW_GUIDE);
      GateDecision tea = evaluate(policy, optedIn(), contacts, TEA_GUIDE);
      GateDecision belowCap = evaluate(policy, optedIn(), oneCoffee, BREW_GUIDE);

      assertThat(coffee.reason()).contains(Reason.CAPPED);
      assertThat(coffee.detail())
          .isEqualTo("capped: 2 marketing messages on topic 'coffee' in the last PT168H, limit 2");
      assertThat(coffee.retryAt()).contains(NOW.plus(Duration.ofDays(2)));
      assertThat(tea.isAllowed()).isTrue();
      assertThat(belowCap.isAllowed()).isTrue();
    }

    @Test
    void a_purpose_cap_counts_and_caps_transactional_messages_when_it_says_so() {
      ContactPolicy policy = ContactPolicy.builder()
          .cap(Cap.of(2, Duration.ofDays(1)).forPurpose(TRANSACTIONAL)).build();
      List<Contact> contacts = List.of(
          contact(Duration.ofHours(20), "receipt", EMAIL, null, TRANSACTIONAL),
          contact(Duration.ofHours(3), "code", SMS, null, TRANSACTIONAL),
          marketing(Duration.ofHours(1), EMAIL));

      GateDecision receipt = evaluate(policy, optedIn(), contacts, RECEIPT);
      GateDecision offer = evaluate(policy, optedIn(), contacts, BREW_GUIDE);

      assertThat(receipt.reason()).contains(Reason.CAPPED);
      assertThat(receipt.detail())
          .isEqualTo("capped: 2 transactional messages in the last PT24H, limit 2");
      assertThat(receipt.retryAt()).contains(NOW.plus(Duration.ofHours(4)));
      assertThat(offer.isAllowed()).isTrue();
    }

    @Test
    void a_marketing_purpose_cap_counts_marketing_on_every_channel() {
      ContactPolicy policy = ContactPolicy.builder()
          .cap(Cap.of(1, Duration.ofDays(1)).forPurpose(MARKETING)).build();
      List<Contact> contacts = List.of(marketing(Duration.ofHours(3), SMS));

      GateDecision d = evaluate(policy, optedIn(), contacts, BREW_GUIDE);
      GateDecision receipt = evaluate(policy, optedIn(), contacts, RECEIPT);

      assertThat(d.reason()).contains(Reason.CAPPED);
      assertThat(receipt.isAllowed()).isTrue();
    }
  }

  @Nested
  class MinimumGap {
    private final ContactPolicy gap4h =
        ContactPolicy.builder().minimumGap(Duration.ofHours(4)).build();

    @Test
    void refuses_marketing_within_the_minimum_gap_until_it_has_passed() {
      List<Contact> contacts = List.of(marketing(Duration.ofHours(3), SMS),
          marketing(Duration.ofHours(1), PUSH));

      GateDecision d = evaluate(gap4h, optedIn(), contacts, BREW_GUIDE);

      assertThat(d.reason()).contains(Reason.MIN_GAP);
      assertThat(d.retryAt()).contains(NOW.plus(Duration.ofHours(3)));
      assertThat(d.detail())
          .isEqualTo("minimum gap: last marketing message was sent PT1H ago, gap PT4H");
    }

    @Test
    void allows_marketing_exactly_one_gap_after_the_last_and_ignores_transactional() {
      List<Contact> contacts = List.of(marketing(Duration.ofHours(4), SMS),
          contact(Duration.ofMinutes(1), "receipt", EMAIL, null, TRANSACTIONAL));

      GateDecision d = evaluate(gap4h, optedIn(), contacts, BREW_GUIDE);

      assertThat(d.isAllowed()).isTrue();
    }
  }

  @Nested
  class QuietHoursDeferAndDrop {
    private final ContactPolicy evenings = ContactPolicy.builder()
        .quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)).build();

    @Test
    void defers_marketing_in_quiet_hours_crossing_midnight_to_the_next_morning() {
      Instant lateEvening = Instant.parse("2026-06-10T23:30:00Z");
      Instant earlyMorning = Instant.parse("2026-06-11T03:00:00Z");

      GateDecision evening = evaluateAt(lateEvening, evenings, optedIn(), List.of(), BREW_GUIDE);
      GateDecision morning = evaluateAt(earlyMorning, evenings, optedIn(), List.of(),
          BREW_GUIDE);

      assertThat(evening.reason()).contains(Reason.QUIET_HOURS_DEFERRED);
      assertThat(evening.retryAt()).contains(Instant.parse("2026-06-11T08:00:00Z"));
      assertThat(evening.detail()).isEqualTo("quiet hours: 23:30 in Z is within the policy's "
          + "quiet hours 21:00-08:00; deferred until 2026-06-11T08:00:00Z");
      assertThat(morning.retryAt()).contains(Instant.parse("2026-06-11T08:00:00Z"));
    }

    @Test
    void allows_marketing_from_the_end_of_quiet_hours_and_before_their_start() {
      Instant end = Instant.parse("2026-06-11T08:00:00Z");
      Instant beforeStart = Instant.parse("2026-06-10T20:59:59Z");

      GateDecision atEnd = evaluateAt(end, evenings, optedIn(), List.of(), BREW_GUIDE);
      GateDecision before = evaluateAt(beforeStart, evenings, optedIn(), List.of(), BREW_GUIDE);

      assertThat(atEnd.isAllowed()).isTrue();
      assertThat(before.isAllowed()).isTrue();
    }

    @Test
    void drops_marketing_in_quiet_hours_in_DROP_mode() {
      ContactPolicy dropping = ContactPolicy.from(evenings)
          .quietHoursMode(QuietHoursMode.DROP).build();

      GateDecision d = evaluateAt(Instant.parse("2026-06-10T22:00:00Z"), dropping, optedIn(),
          List.of(), BREW_GUIDE);

      assertThat(d.reason()).contains(Reason.QUIET_HOURS_DROPPED);
      assertThat(d.retryAt()).isEmpty();
      assertThat(d.reason().get().isRetryable()).isFalse();
    }

    @Test
    void lets_transactional_messages_through_quiet_hours() {
      GateDecision d = evaluateAt(Instant.parse("2026-06-10T22:00:00Z"), evenings, optedIn(),
          List.of(), RECEIPT);

      assertThat(d.isAllowed()).isTrue();
    }

    @Test
    void reads_quiet_hours_in_the_customers_time_zone() {
      StubCustomer newYorker = optedIn().preferences(
          Preferences.builder().timeZone(ZoneId.of("America/New_York")).build());
      Instant tenPmThere = Instant.parse("2026-06-11T02:00:00Z");

      GateDecision d = evaluateAt(tenPmThere, evenings, newYorker, List.of(), BREW_GUIDE);
      GateDecision utc = evaluateAt(tenPmThere, evenings, optedIn(), List.of(), BREW_GUIDE);

      assertThat(d.retryAt()).contains(Instant.parse("2026-06-11T12:00:00Z"));
      assertThat(utc.retryAt()).contains(Instant.parse("2026-06-11T08:00:00Z"));
    }

    @Test
    void uses_the_policys_default_zone_for_customers_without_one() {
      ContactPolicy london = ContactPolicy.from(evenings)
          .defaultZone(ZoneId.of("Europe/London")).build();

      GateDecision d = evaluateAt(Instant.parse("2026-06-10T20:30:00Z"), london, optedIn(),
          List.of(), BREW_GUIDE);

      assertThat(d.retryAt()).contains(Instant.parse("2026-06-11T07:00:00Z"));
    }

    @Test
    void applies_the_customers_own_quiet_hours() {
      StubCustomer parisian = optedIn().preferences(Preferences.builder()
          .quietHours(LocalTime.of(12, 30), LocalTime.of(14, 0))
          .timeZone(ZoneId.of("Europe/Paris")).build());
      Instant lunchInParis = Instant.parse("2026-06-10T11:00:00Z");

      GateDecision d = evaluateAt(lunchInParis, ContactPolicy.ofDefaults(), parisian, List.of(),
          BREW_GUIDE);

      assertThat(d.reason()).contains(Reason.QUIET_HOURS_DEFERRED);
      assertThat(d.retryAt()).contains(Instant.parse("2026-06-10T12:00:00Z"));
      assertThat(d.detail()).contains("the customer's quiet hours 12:30-14:00");
    }

    @Test
    void defers_past_the_policys_and_the_customers_quiet_hours_when_they_chain() {
      StubCustomer lateRiser = optedIn().preferences(Preferences.builder()
          .quietHours(LocalTime.of(7, 0), LocalTime.of(10, 0)).build());

      GateDecision d = evaluateAt(Instant.parse("2026-06-10T23:00:00Z"), evenings, lateRiser,
          List.of(), BREW_GUIDE);

      assertThat(d.retryAt()).contains(Instant.parse("2026-06-11T10:00:00Z"));
    }

    @Test
    void drops_when_the_quiet_hours_together_cover_the_whole_day() {
      StubCustomer neverNow = optedIn().preferences(Preferences.builder()
          .quietHours(LocalTime.of(7, 0), LocalTime.of(22, 0)).build());

      GateDecision d = evaluateAt(Instant.parse("2026-06-10T23:00:00Z"), evenings, neverNow,
          List.of(), BREW_GUIDE);

      assertThat(d.reason()).contains(Reason.QUIET_HOURS_DROPPED);
      assertThat(d.detail()).isEqualTo("quiet hours: 23:00 in Z is within the policy's quiet "
          + "hours 21:00-08:00; together the quiet hours 21:00-08:00 and 07:00-22:00 cover the "
          + "whole day, so nothing can be deferred; dropped");
    }
  }

  @Nested
  class DaylightSaving {
    private final ZoneId london = ZoneId.of("Europe/London");
    private final ZoneId paris = ZoneId.of("Europe/Paris");

    private GateDecision quietAt(Instant now, ZoneId zone, LocalTime start, LocalTime end) {
      ContactPolicy policy = ContactPolicy.builder().quietHours(start, end).defaultZone(zone)
          .build();
      return evaluateAt(now, policy, optedIn(), List.of(), BREW_GUIDE);
    }

    @Test
    void defers_to_the_end_of_the_gap_when_the_local_end_does_not_exist() {
      // London, 2026-03-29: 01:00 GMT jumps to 02:00 BST; local 01:30 does not exist
      Instant quarterToOne = Instant.parse("2026-03-29T00:45:00Z");

      GateDecision d = quietAt(quarterToOne, london, LocalTime.of(0, 30), LocalTime.of(1, 30));

      assertThat(d.reason()).contains(Reason.QUIET_HOURS_DEFERRED);
      assertThat(d.retryAt()).contains(Instant.parse("2026-03-29T01:00:00Z"));
    }

    @Test
    void defers_to_the_end_of_the_gap_in_paris_where_half_past_two_does_not_exist() {
      // Paris, 2026-03-29: 02:00 CET jumps to 03:00 CEST; local 02:30 does not exist
      Instant oneAmParis = Instant.parse("2026-03-29T00:00:00Z");

      GateDecision d = quietAt(oneAmParis, paris, LocalTime.of(0, 30), LocalTime.of(2, 30));

      assertThat(d.retryAt()).contains(Instant.parse("2026-03-29T01:00:00Z"));
    }

    @Test
    void defers_to_the_local_end_after_the_spring_change_when_it_exists() {
      // London 00:30-02:30: local 02:30 exists (02:30 BST), only 45 minutes after 00:45 GMT
      Instant quarterToOne = Instant.parse("2026-03-29T00:45:00Z");

      GateDecision d = quietAt(quarterToOne, london, LocalTime.of(0, 30), LocalTime.of(2, 30));

      assertThat(d.retryAt()).contains(Instant.parse("2026-03-29T01:30:00Z"));
    }

    @Test
    void defers_to_the_local_end_after_the_autumn_change() {
      // London, 2026-10-25: 02:00 BST falls back to 01:00 GMT; the night is an hour longer
      Instant tenPmBst = Instant.parse("2026-10-24T21:00:00Z");

      GateDecision d = quietAt(tenPmBst, london, LocalTime.of(21, 0), LocalTime.of(8, 0));

      assertThat(d.retryAt()).contains(Instant.parse("2026-10-25T08:00:00Z"));
    }

    @Test
    void defers_to_the_first_occurrence_of_an_end_that_happens_twice() {
      // local 01:30 happens at 00:30Z (BST) and again at 01:30Z (GMT)
      Instant firstPass = Instant.parse("2026-10-24T23:45:00Z");
      Instant secondPass = Instant.parse("2026-10-25T01:10:00Z");

      GateDecision first = quietAt(firstPass, london, LocalTime.of(0, 30), LocalTime.of(1, 30));
      GateDecision second = quietAt(secondPass, london, LocalTime.of(0, 30),
          LocalTime.of(1, 30));

      assertThat(first.retryAt()).contains(Instant.parse("2026-10-25T00:30:00Z"));
      assertThat(second.retryAt()).contains(Instant.parse("2026-10-25T01:30:00Z"));
    }
  }

  @Nested
  class Values {
    @Test
    void only_waiting_reasons_are_retryable() {
      List<Reason> retryable = new ArrayList<>();

      for (Reason r : Reason.values()) {
        if (r.isRetryable()) {
          retryable.add(r);
        }
      }

      assertThat(retryable).containsExactly(Reason.COOLDOWN, Reason.CAPPED, Reason.MIN_GAP,
          Reason.QUIET_HOURS_DEFERRED, Reason.GUARDRAIL_PAUSED, Reason.SUPPORT_HOLD,
          Reason.FATIGUED);
    }

    @Test
    void a_contact_refuses_null_components() {
      Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
          () -> new Contact(NOW, "news", EMAIL, null, MARKETING));

      assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("contact: time, action, channel, topic, purpose, dispatch id and journey "
              + "must not be null (use Optional.empty() for no topic or journey); got " + NOW
              + ", news, email, null, MARKETING, , Optional.empty");
    }
  }
}
