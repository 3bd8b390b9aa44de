package dev.rapport.dsl;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.MARKETING;
import static dev.rapport.dsl.Rapport.PHONE_NUMBER;
import static dev.rapport.dsl.Rapport.SMS;
import static dev.rapport.dsl.Rapport.TRANSACTIONAL;
import static dev.rapport.dsl.Rapport.contactPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.core.Channel;
import dev.rapport.core.QuietHours;
import dev.rapport.core.TraitKey;
import dev.rapport.core.policy.Cap;
import dev.rapport.core.policy.ChannelSettings;
import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.core.policy.Fatigue;
import dev.rapport.core.policy.QuietHoursMode;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code contactPolicy()}: the grammar of DESIGN section 3 and the catalogue of bad policies. */
class ContactPolicyDslTest {
  private static final Channel WHATSAPP = Channel.of("whatsapp");
  private static final Duration WEEK = Duration.ofDays(7);
  private static final Duration DAY = Duration.ofDays(1);

  @Nested
  class Reading {
    @Test
    void caps_per_segment_or_persona_and_the_fatigue_rule() {
      Fatigue tiring = Fatigue.after(3).unansweredWithin(Duration.ofDays(2))
          .pauseFor(Duration.ofDays(10));

      ContactPolicy policy = contactPolicy()
          .atMost(5).per(WEEK)
          .atMost(1).per(WEEK).forSegment("newcomers")
          .atMost(2).per(DAY).forPersona("power-user")
          .fatigue(tiring)
          .build();

      assertThat(policy.caps()).containsExactly(
          Cap.of(5, WEEK),
          Cap.of(1, WEEK).forSegment("newcomers"),
          Cap.of(2, DAY).forPersona("power-user"));
      assertThat(policy.fatigue()).contains(tiring);
    }

    @Test
    void builds_the_policy_of_the_design() {
      ContactPolicy policy = contactPolicy()
          .atMost(3).per(WEEK)
          .atMost(1).per(DAY).on(SMS)
          .atMost(2).per(WEEK).onTopic("coffee")
          .atMost(10).per(DAY).forPurpose(TRANSACTIONAL)
          .minimumGap(Duration.ofHours(4))
          .quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0))
          .defaultZone(ZoneId.of("Europe/London"))
          .channel(WHATSAPP).requiresOptIn(true).reachableWith(PHONE_NUMBER)
          .build();

      assertThat(policy.caps()).containsExactly(
          Cap.of(3, WEEK),
          Cap.of(1, DAY).on(SMS),
          Cap.of(2, WEEK).onTopic("coffee"),
          Cap.of(10, DAY).forPurpose(TRANSACTIONAL));
      assertThat(policy.minimumGap()).contains(Duration.ofHours(4));
      assertThat(policy.quietHours())
          .contains(new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)));
      assertThat(policy.quietHoursMode()).isEqualTo(QuietHoursMode.DEFER);
      assertThat(policy.defaultZone()).isEqualTo(ZoneId.of("Europe/London"));
      assertThat(policy.channelSettings(WHATSAPP))
          .isEqualTo(ChannelSettings.of(true, TraitKey.PHONE_NUMBER));
      assertThat(policy.channelsNamed()).containsExactly(SMS, WHATSAPP);
      assertThat(policy.retention()).isEqualTo(WEEK);
    }

    @Test
    void builds_the_same_policy_as_the_core_builder() {
      ContactPolicy dsl = contactPolicy()
          .atMost(3).per(WEEK)
          .quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)).dropping()
          .suppressAfterComplaint(false)
          .build();

      ContactPolicy core = ContactPolicy.builder()
          .cap(Cap.of(3, WEEK))
          .quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0))
          .quietHoursMode(QuietHoursMode.DROP)
          .suppressAfterComplaint(false)
          .build();

      assertThat(dsl).isEqualTo(core);
    }

    @Test
    void an_empty_policy_is_the_default_policy() {
      ContactPolicy policy = contactPolicy().build();

      assertThat(policy).isEqualTo(ContactPolicy.ofDefaults());
    }

    @Test
    void quiet_hours_defer_unless_told_to_drop() {
      ContactPolicy deferring = contactPolicy()
          .quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)).deferring().build();
      ContactPolicy dropping = contactPolicy()
          .quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)).dropping().build();
      ContactPolicy customersOnly = contactPolicy().quietHoursMode(QuietHoursMode.DROP).build();

      assertThat(deferring.quietHoursMode()).isEqualTo(QuietHoursMode.DEFER);
      assertThat(dropping.quietHoursMode()).isEqualTo(QuietHoursMode.DROP);
      assertThat(customersOnly.quietHours()).isEmpty();
      assertThat(customersOnly.quietHoursMode()).isEqualTo(QuietHoursMode.DROP);
    }

    @Test
    void a_channel_keeps_the_defaults_it_is_not_told_otherwise() {
      ContactPolicy policy = contactPolicy()
          .channel(SMS).requiresOptIn(false)
          .channel(IN_APP).reachableWith(TraitKey.of("app_installed", Boolean.class))
          .channel(WHATSAPP).alwaysReachable()
          .channel(EMAIL)
          .build();

      assertThat(policy.channelSettings(SMS)).isEqualTo(ChannelSettings.of(false, PHONE_NUMBER));
      assertThat(policy.channelSettings(IN_APP))
          .isEqualTo(ChannelSettings.of(false, TraitKey.of("app_installed", Boolean.class)));
      assertThat(policy.channelSettings(WHATSAPP)).isEqualTo(ChannelSettings.of(true, null));
      assertThat(policy.channelSettings(EMAIL)).isEqualTo(ChannelSettings.defaultsFor(EMAIL));
      assertThat(policy.channelsNamed()).containsExactly(SMS, IN_APP, WHATSAPP, EMAIL);
    }

    @Test
    void build_twice_gives_equal_policies_and_later_clauses_do_not_change_earlier_ones() {
      ContactPolicyStep step = contactPolicy().atMost(3).per(WEEK).on(SMS);

      ContactPolicy first = step.build();
      ContactPolicy again = step.build();
      ContactPolicy more = step.atMost(1).per(DAY).build();

      assertThat(again).isEqualTo(first);
      assertThat(first.caps()).containsExactly(Cap.of(3, WEEK).on(SMS));
      assertThat(more.caps()).containsExactly(Cap.of(3, WEEK).on(SMS), Cap.of(1, DAY));
    }

    @Test
    void a_cap_needs_its_window_and_takes_at_most_one_scope() {
      Set<String> afterAtMost = methods(CapStep.class);
      Set<String> afterScope = methods(ContactPolicyStep.class);
      Set<String> afterWindow = methods(CapScopeStep.class);

      assertThat(afterAtMost).containsExactly("per");
      assertThat(afterScope).doesNotContain("on", "onTopic", "forPurpose", "per");
      assertThat(afterWindow).contains("on", "onTopic", "forPurpose", "atMost", "build");
    }

    @Test
    void a_cap_step_shared_by_two_policies_gives_each_its_own_cap() {
      CapScopeStep weekly = contactPolicy().atMost(3).per(WEEK);

      ContactPolicy withGap = weekly.minimumGap(Duration.ofHours(1)).build();
      ContactPolicy onSms = weekly.on(SMS).build();

      assertThat(withGap.caps()).containsExactly(Cap.of(3, WEEK));
      assertThat(withGap.minimumGap()).contains(Duration.ofHours(1));
      assertThat(onSms.caps()).containsExactly(Cap.of(3, WEEK).on(SMS));
      assertThat(onSms.minimumGap()).isEmpty();
    }

    @Test
    void a_purpose_cap_is_a_scope_of_its_own_beside_an_all_channel_cap() {
      ContactPolicy policy = contactPolicy()
          .atMost(3).per(WEEK)
          .atMost(3).per(WEEK).forPurpose(MARKETING)
          .build();

      assertThat(policy.caps()).hasSize(2);
    }

    private Set<String> methods(Class<?> step) {
      return Arrays.stream(step.getMethods()).map(Method::getName).collect(Collectors.toSet());
    }
  }

  @Nested
  class InvalidPolicies {
    private void assertRefused(Runnable declaration, Class<? extends Throwable> type,
        String message) {
      Throwable thrown = catchThrowable(declaration::run);

      assertThat(thrown).isInstanceOf(type).hasMessage(message);
    }

    @Test
    void a_cap_of_zero() {
      assertRefused(() -> contactPolicy().atMost(0), IllegalArgumentException.class,
          "contact policy: atMost(0) is a cap of zero, which blocks every message; give 1 or "
              + "more, or remove the cap");
    }

    @Test
    void a_negative_cap() {
      assertRefused(() -> contactPolicy().atMost(-2), IllegalArgumentException.class,
          "contact policy: atMost(-2) is a negative cap, which blocks every message; give 1 or "
              + "more, or remove the cap");
    }

    @Test
    void a_negative_window() {
      assertRefused(() -> contactPolicy().atMost(3).per(Duration.ofDays(-1)),
          IllegalArgumentException.class,
          "contact policy: atMost(3).per(PT-24H) has a window of PT-24H; give a positive "
              + "duration such as Duration.ofDays(7)");
    }

    @Test
    void a_zero_window() {
      assertRefused(() -> contactPolicy().atMost(3).per(Duration.ZERO),
          IllegalArgumentException.class,
          "contact policy: atMost(3).per(PT0S) has a window of PT0S; give a positive duration "
              + "such as Duration.ofDays(7)");
    }

    @Test
    void a_null_window() {
      assertRefused(() -> contactPolicy().atMost(3).per(null), IllegalArgumentException.class,
          "contact policy: atMost(3).per(null) has no window; give a positive duration such as "
              + "Duration.ofDays(7)");
    }

    @Test
    void two_caps_with_the_same_scope_and_window() {
      assertRefused(() -> contactPolicy().atMost(3).per(WEEK).atMost(5).per(WEEK).build(),
          IllegalStateException.class,
          "contact policy: caps 'at most 3 per PT168H' and 'at most 5 per PT168H' count the "
              + "same messages over the same window; keep one of them");
    }

    @Test
    void two_caps_on_the_same_channel_with_the_same_window() {
      assertRefused(() -> contactPolicy().atMost(1).per(DAY).on(SMS).atMost(2).per(DAY).on(SMS),
          IllegalStateException.class,
          "contact policy: caps 'at most 1 per PT24H on sms' and 'at most 2 per PT24H on sms' "
              + "count the same messages over the same window; keep one of them");
    }

    @Test
    void a_repeated_minimum_gap() {
      assertRefused(() -> contactPolicy().minimumGap(Duration.ofHours(4))
              .minimumGap(Duration.ofHours(2)), IllegalStateException.class,
          "contact policy: minimumGap is already set; set it once");
    }

    @Test
    void a_negative_minimum_gap() {
      assertRefused(() -> contactPolicy().minimumGap(Duration.ofHours(-1)),
          IllegalArgumentException.class,
          "contact policy: minimumGap is PT-1H; give a positive duration");
    }

    @Test
    void repeated_quiet_hours() {
      assertRefused(() -> contactPolicy()
              .quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0))
              .quietHours(LocalTime.of(22, 0), LocalTime.of(7, 0)),
          IllegalStateException.class, "contact policy: quietHours is already set; set it once");
    }

    @Test
    void empty_quiet_hours() {
      assertRefused(() -> contactPolicy().quietHours(LocalTime.of(21, 0), LocalTime.of(21, 0)),
          IllegalArgumentException.class,
          "contact policy: quietHours(21:00, 21:00) is an empty span; give a span such as 21:00 "
              + "to 08:00");
    }

    @Test
    void a_quiet_hours_mode_given_twice() {
      assertRefused(() -> contactPolicy()
              .quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)).dropping()
              .quietHoursMode(QuietHoursMode.DEFER),
          IllegalStateException.class,
          "contact policy: quietHoursMode is already set; set it once");
    }

    @Test
    void a_repeated_default_zone() {
      assertRefused(() -> contactPolicy().defaultZone(ZoneId.of("Europe/London"))
              .defaultZone(ZoneId.of("Europe/Paris")), IllegalStateException.class,
          "contact policy: defaultZone is already set; set it once");
    }

    @Test
    void the_same_channel_configured_twice() {
      assertRefused(() -> contactPolicy()
              .channel(WHATSAPP).requiresOptIn(true)
              .channel(WHATSAPP).reachableWith(PHONE_NUMBER),
          IllegalStateException.class,
          "contact policy: channel(whatsapp) is already set; set it once");
    }

    @Test
    void a_channels_opt_in_given_twice() {
      assertRefused(() -> contactPolicy().channel(WHATSAPP).requiresOptIn(true)
              .requiresOptIn(false), IllegalStateException.class,
          "contact policy: channel(whatsapp).requiresOptIn is already set; set it once");
    }

    @Test
    void a_channels_reachability_given_twice() {
      assertRefused(() -> contactPolicy().channel(WHATSAPP).reachableWith(PHONE_NUMBER)
              .alwaysReachable(), IllegalStateException.class,
          "contact policy: channel(whatsapp) reachability is already set; give "
              + "reachableWith(trait) or alwaysReachable() once");
    }

    @Test
    void a_null_channel_scope() {
      assertRefused(() -> contactPolicy().atMost(1).per(DAY).on(null),
          IllegalArgumentException.class,
          "contact policy: at most 1 per PT24H: on(null) has no channel; give a channel such as "
              + "Channel.SMS");
    }

    @Test
    void a_blank_topic_scope() {
      assertRefused(() -> contactPolicy().atMost(2).per(WEEK).onTopic(" "),
          IllegalArgumentException.class,
          "contact policy: at most 2 per PT168H: onTopic(\" \") has no topic; give a topic such "
              + "as \"coffee\"");
    }

    @Test
    void a_null_purpose_scope() {
      assertRefused(() -> contactPolicy().atMost(2).per(WEEK).forPurpose(null),
          IllegalArgumentException.class,
          "contact policy: at most 2 per PT168H: forPurpose(null) has no purpose; give "
              + "MARKETING or TRANSACTIONAL");
    }

    @Test
    void a_null_minimum_gap() {
      assertRefused(() -> contactPolicy().minimumGap(null), IllegalArgumentException.class,
          "contact policy: minimumGap is null; give a value");
    }

    @Test
    void a_null_quiet_hours_bound() {
      assertRefused(() -> contactPolicy().quietHours(null, LocalTime.of(8, 0)),
          IllegalArgumentException.class, "contact policy: quietHours start is null; give a value");
    }

    @Test
    void a_null_quiet_hours_mode() {
      assertRefused(() -> contactPolicy().quietHoursMode(null), IllegalArgumentException.class,
          "contact policy: quietHoursMode is null; give a value");
    }

    @Test
    void a_null_default_zone() {
      assertRefused(() -> contactPolicy().defaultZone(null), IllegalArgumentException.class,
          "contact policy: defaultZone is null; give a value");
    }

    @Test
    void a_null_channel() {
      assertRefused(() -> contactPolicy().channel(null), IllegalArgumentException.class,
          "contact policy: channel(null) names no channel; give a channel such as "
              + "Channel.of(\"whatsapp\")");
    }

    @Test
    void a_null_reachability_trait() {
      assertRefused(() -> contactPolicy().channel(WHATSAPP).reachableWith(null),
          IllegalArgumentException.class,
          "contact policy: channel(whatsapp).reachableWith(null) names no trait; give a trait "
              + "such as PHONE_NUMBER, or use alwaysReachable()");
    }
  }
}
