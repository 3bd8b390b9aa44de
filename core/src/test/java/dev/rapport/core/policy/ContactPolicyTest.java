package dev.rapport.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.core.Channel;
import dev.rapport.core.Purpose;
import dev.rapport.core.QuietHours;
import dev.rapport.core.TraitKey;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The contact policy as a value: defaults, derived values, copying, and the core builder. */
class ContactPolicyTest {

  @Test
  void defaults_have_no_caps_no_gap_no_quiet_hours_utc_and_suppression_on() {
    ContactPolicy p = ContactPolicy.ofDefaults();

    assertThat(p.caps()).isEmpty();
    assertThat(p.minimumGap()).isEmpty();
    assertThat(p.quietHours()).isEmpty();
    assertThat(p.quietHoursMode()).isEqualTo(QuietHoursMode.DEFER);
    assertThat(p.defaultZone()).isEqualTo(ZoneOffset.UTC);
    assertThat(p.suppressAfterUnsubscribe()).isTrue();
    assertThat(p.suppressAfterComplaint()).isTrue();
    assertThat(p.channelsNamed()).isEmpty();
    assertThat(p.retention()).isEqualTo(Duration.ZERO);
    assertThat(p).isEqualTo(ContactPolicy.builder().build());
  }

  @Test
  void default_channel_settings_follow_the_design() {
    Channel whatsapp = Channel.of("whatsapp");

    ContactPolicy p = ContactPolicy.ofDefaults();

    assertThat(p.channelSettings(Channel.EMAIL))
        .isEqualTo(ChannelSettings.of(true, TraitKey.EMAIL_ADDRESS));
    assertThat(p.channelSettings(Channel.SMS))
        .isEqualTo(ChannelSettings.of(true, TraitKey.PHONE_NUMBER));
    assertThat(p.channelSettings(Channel.PUSH))
        .isEqualTo(ChannelSettings.of(true, TraitKey.DEVICE_TOKEN));
    assertThat(p.channelSettings(Channel.IN_APP)).isEqualTo(ChannelSettings.of(false, null));
    assertThat(p.channelSettings(Channel.SOCIAL)).isEqualTo(ChannelSettings.of(true, null));
    assertThat(p.channelSettings(whatsapp)).isEqualTo(ChannelSettings.of(true, null));
    assertThat(p.channelSettings(whatsapp).reachableWith()).isEmpty();
  }

  @Test
  void retention_is_the_longest_cap_window_or_gap_and_named_channels_come_from_caps_and_settings() {
    Channel whatsapp = Channel.of("whatsapp");

    ContactPolicy p = ContactPolicy.builder()
        .cap(Cap.of(3, Duration.ofDays(7)))
        .cap(Cap.of(1, Duration.ofDays(1)).on(Channel.SMS))
        .minimumGap(Duration.ofDays(10))
        .channel(whatsapp, ChannelSettings.of(true, TraitKey.PHONE_NUMBER))
        .build();

    assertThat(p.retention()).isEqualTo(Duration.ofDays(10));
    assertThat(p.channelsNamed()).containsExactly(Channel.SMS, whatsapp);
    assertThat(p.channelSettings(whatsapp))
        .isEqualTo(ChannelSettings.of(true, TraitKey.PHONE_NUMBER));
  }

  @Test
  void a_cap_reads_as_a_phrase() {
    Cap weekly = Cap.of(3, Duration.ofDays(7));

    assertThat(weekly.on(Channel.SMS)).hasToString("at most 3 per PT168H on sms");
    assertThat(weekly).hasToString("at most 3 per PT168H");
    assertThat(weekly.onTopic("coffee")).hasToString("at most 3 per PT168H on topic 'coffee'");
    assertThat(weekly.forPurpose(Purpose.TRANSACTIONAL))
        .hasToString("at most 3 per PT168H for transactional");
  }

  @Test
  void a_cap_with_two_scopes_is_refused() {
    Cap sms = Cap.of(1, Duration.ofDays(1)).on(Channel.SMS);

    Throwable thrown = catchThrowable(() -> sms.onTopic("coffee"));

    assertThat(thrown).isInstanceOf(IllegalStateException.class)
        .hasMessage("contact policy: at most 1 per PT24H on sms already has a scope; cannot add "
            + "onTopic(\"coffee\"); give a cap one of on(channel), onTopic(topic) or "
            + "forPurpose(purpose), or declare another cap");
  }

  @Test
  void build_again_gives_the_same_policy_and_a_setting_after_build_is_refused() {
    ContactPolicy.Builder b = ContactPolicy.builder().cap(Cap.of(3, Duration.ofDays(7)));
    ContactPolicy first = b.build();

    Throwable thrown = catchThrowable(() -> b.cap(Cap.of(1, Duration.ofDays(1))));

    assertThat(thrown).isInstanceOf(IllegalStateException.class)
        .hasMessage("contact policy: cap comes after build(); the builder is single-use: start "
            + "another with ContactPolicy.builder(), or ContactPolicy.from(policy) for a variant "
            + "of it");
    assertThat(first.caps()).containsExactly(Cap.of(3, Duration.ofDays(7)));
    assertThat(b.build()).isSameAs(first);
  }

  @Test
  void a_variant_of_a_policy_starts_from_it_and_leaves_it_as_it_was() {
    ContactPolicy base = ContactPolicy.builder().cap(Cap.of(3, Duration.ofDays(7))).build();

    ContactPolicy evenings = ContactPolicy.from(base)
        .quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)).build();

    assertThat(base.quietHours()).isEmpty();
    assertThat(evenings.caps()).isEqualTo(base.caps());
    assertThat(evenings.quietHours()).isPresent();
  }

  @Test
  void a_copied_setting_is_replaced_once_and_refused_the_second_time() {
    ContactPolicy base = ContactPolicy.builder().minimumGap(Duration.ofHours(4)).build();
    ContactPolicy.Builder b = ContactPolicy.from(base).minimumGap(Duration.ofHours(1));

    Throwable thrown = catchThrowable(() -> b.minimumGap(Duration.ofHours(2)));

    assertThat(thrown).isInstanceOf(IllegalStateException.class)
        .hasMessage("contact policy: minimumGap is already set; set it once");
  }

  @Test
  void a_channel_named_by_the_builder_keeps_the_defaults_it_is_not_told_otherwise() {
    Channel whatsapp = Channel.of("whatsapp");
    ContactPolicy.Builder b = ContactPolicy.builder();
    b.channel(Channel.SMS).requiresOptIn(false);
    b.channel(whatsapp).reachableWith(TraitKey.PHONE_NUMBER);
    b.channel(Channel.EMAIL);

    ContactPolicy p = b.build();

    assertThat(p.channelSettings(Channel.SMS))
        .isEqualTo(ChannelSettings.of(false, TraitKey.PHONE_NUMBER));
    assertThat(p.channelSettings(whatsapp))
        .isEqualTo(ChannelSettings.of(true, TraitKey.PHONE_NUMBER));
    assertThat(p.channelSettings(Channel.EMAIL))
        .isEqualTo(ChannelSettings.defaultsFor(Channel.EMAIL));
    assertThat(p.channelsNamed()).containsExactly(Channel.SMS, whatsapp, Channel.EMAIL);
  }

  @Test
  void a_channel_and_each_of_its_settings_are_given_once() {
    Channel whatsapp = Channel.of("whatsapp");
    ContactPolicy.Builder b = ContactPolicy.builder();
    ContactPolicy.ChannelSettingsBuilder settings = b.channel(whatsapp).requiresOptIn(true)
        .alwaysReachable();

    Throwable channel = catchThrowable(() -> b.channel(whatsapp));
    Throwable optIn = catchThrowable(() -> settings.requiresOptIn(false));
    Throwable reach = catchThrowable(() -> settings.reachableWith(TraitKey.PHONE_NUMBER));
    Throwable none = catchThrowable(() -> b.channel(null));

    assertThat(channel).isInstanceOf(IllegalStateException.class)
        .hasMessage("contact policy: channel(whatsapp) is already set; set it once");
    assertThat(optIn).isInstanceOf(IllegalStateException.class)
        .hasMessage("contact policy: channel(whatsapp).requiresOptIn is already set; set it once");
    assertThat(reach).isInstanceOf(IllegalStateException.class)
        .hasMessage("contact policy: channel(whatsapp) reachability is already set; give "
            + "reachableWith(trait) or alwaysReachable() once");
    assertThat(none).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("contact policy: channel(null) names no channel; give a channel such as "
            + "Channel.of(\"whatsapp\")");
  }

  @Test
  void a_channels_settings_are_refused_after_the_policy_is_built() {
    ContactPolicy.Builder b = ContactPolicy.builder();
    ContactPolicy.ChannelSettingsBuilder sms = b.channel(Channel.SMS);
    ContactPolicy built = b.build();

    Throwable thrown = catchThrowable(() -> sms.requiresOptIn(false));

    assertThat(thrown).isInstanceOf(IllegalStateException.class)
        .hasMessage("contact policy: channel(sms).requiresOptIn comes after build(); the builder "
            + "is single-use: start another with ContactPolicy.builder(), or "
            + "ContactPolicy.from(policy) for a variant of it");
    assertThat(built.channelSettings(Channel.SMS))
        .isEqualTo(ChannelSettings.defaultsFor(Channel.SMS));
  }

  @Test
  void a_cap_written_in_two_steps_is_the_cap_written_in_one() {
    Cap.Limit three = Cap.atMost(3);

    Cap weekly = three.per(Duration.ofDays(7));
    Cap daily = three.per(Duration.ofDays(1));

    assertThat(weekly).isEqualTo(Cap.of(3, Duration.ofDays(7)));
    assertThat(daily).isEqualTo(Cap.of(3, Duration.ofDays(1)));
    assertThat(catchThrowable(() -> Cap.atMost(0))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("contact policy: atMost(0) is a cap of zero, which blocks every message; "
            + "give 1 or more, or remove the cap");
  }

  @Test
  void from_copies_a_policy_and_lets_each_copied_setting_be_replaced_once() {
    ContactPolicy base = ContactPolicy.builder()
        .cap(Cap.of(3, Duration.ofDays(7)))
        .minimumGap(Duration.ofHours(4))
        .quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0))
        .defaultZone(ZoneId.of("Europe/London"))
        .build();

    ContactPolicy copy = ContactPolicy.from(base).build();
    ContactPolicy changed = ContactPolicy.from(base)
        .cap(Cap.of(5, Duration.ofDays(7)))
        .minimumGap(Duration.ofHours(1))
        .build();

    assertThat(copy).isEqualTo(base);
    assertThat(changed.caps()).containsExactly(Cap.of(5, Duration.ofDays(7)));
    assertThat(changed.minimumGap()).contains(Duration.ofHours(1));
    assertThat(changed.quietHours()).contains(new QuietHours(LocalTime.of(21, 0),
        LocalTime.of(8, 0)));
    assertThat(changed.defaultZone()).isEqualTo(ZoneId.of("Europe/London"));
  }

  @Test
  void the_core_builder_refuses_a_repeated_setting() {
    ContactPolicy.Builder b = ContactPolicy.builder().defaultZone(ZoneOffset.UTC);

    Throwable thrown = catchThrowable(() -> b.defaultZone(ZoneId.of("Europe/Paris")));

    assertThat(thrown).isInstanceOf(IllegalStateException.class)
        .hasMessage("contact policy: defaultZone is already set; set it once");
  }
}
