package dev.rapport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class PreferencesTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Test
  void builder_keeps_channel_order_topics_quiet_hours_and_zone() {
    Preferences.Builder builder = Preferences.builder()
        .channels(Channel.SMS, Channel.EMAIL)
        .topicsIn("coffee")
        .topicsOut("promotions")
        .quietHours(LocalTime.of(22, 0), LocalTime.of(7, 0))
        .timeZone(PARIS);

    Preferences p = builder.build();

    assertThat(p.channels()).containsExactly(Channel.SMS, Channel.EMAIL);
    assertThat(p.topicsIn()).containsExactly("coffee");
    assertThat(p.topicsOut()).containsExactly("promotions");
    assertThat(p.quietHours()).contains(new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0)));
    assertThat(p.timeZone()).contains(PARIS);
  }

  @Test
  void none_holds_nothing() {
    Preferences none = Preferences.none();

    Preferences built = Preferences.builder().build();

    assertThat(none.channels()).isEmpty();
    assertThat(none.topicsIn()).isEmpty();
    assertThat(none.topicsOut()).isEmpty();
    assertThat(none.quietHours()).isEmpty();
    assertThat(none.timeZone()).isEmpty();
    assertThat(built).isEqualTo(none).hasSameHashCodeAs(none);
  }

  @Test
  void channels_given_twice_are_refused() {
    Preferences.Builder builder = Preferences.builder().channels(Channel.SMS, Channel.EMAIL);

    Throwable thrown = catchThrowable(() -> builder.channels(Channel.PUSH));

    assertThat(thrown).isInstanceOf(IllegalStateException.class)
        .hasMessage("preferences: channels is already set; set it once");
  }

  @Test
  void quiet_hours_and_time_zone_given_twice_are_refused() {
    Preferences.Builder builder = Preferences.builder()
        .quietHours(LocalTime.of(22, 0), LocalTime.of(7, 0)).timeZone(PARIS);

    Throwable hours = catchThrowable(() -> builder.quietHours(LocalTime.of(21, 0),
        LocalTime.of(8, 0)));
    Throwable zone = catchThrowable(() -> builder.timeZone(ZoneId.of("Europe/London")));

    assertThat(hours).isInstanceOf(IllegalStateException.class)
        .hasMessage("preferences: quietHours is already set; set it once");
    assertThat(zone).isInstanceOf(IllegalStateException.class)
        .hasMessage("preferences: timeZone is already set; set it once");
  }

  @Test
  void from_lets_each_copied_setting_be_replaced_once() {
    Preferences original = Preferences.builder().channels(Channel.SMS, Channel.EMAIL)
        .quietHours(LocalTime.of(22, 0), LocalTime.of(7, 0)).timeZone(PARIS).build();
    Preferences.Builder builder = Preferences.from(original).channels(Channel.PUSH)
        .timeZone(ZoneId.of("Europe/London"));

    Preferences changed = builder.build();
    Throwable again = catchThrowable(() -> Preferences.from(original).channels(Channel.EMAIL)
        .channels(Channel.SMS));

    assertThat(changed.channels()).containsExactly(Channel.PUSH);
    assertThat(changed.timeZone()).contains(ZoneId.of("Europe/London"));
    assertThat(changed.quietHours()).isEqualTo(original.quietHours());
    assertThat(again).isInstanceOf(IllegalStateException.class)
        .hasMessage("preferences: channels is already set; set it once");
  }

  @Test
  void from_starts_a_builder_holding_the_values_and_leaves_them_unchanged() {
    Preferences original = Preferences.builder().channels(Channel.EMAIL).topicsOut("promotions")
        .timeZone(PARIS).build();

    Preferences changed = Preferences.from(original).topicsIn("coffee").build();

    assertThat(changed.channels()).containsExactly(Channel.EMAIL);
    assertThat(changed.topicsOut()).containsExactly("promotions");
    assertThat(changed.topicsIn()).containsExactly("coffee");
    assertThat(changed.timeZone()).contains(PARIS);
    assertThat(original.topicsIn()).isEmpty();
    assertThat(Preferences.from(original).build()).isEqualTo(original);
  }

  @Test
  void a_builder_refuses_settings_after_build_and_builds_the_same_preferences_again() {
    Preferences.Builder builder = Preferences.builder().channels(Channel.EMAIL).topicsIn("a");
    Preferences first = builder.build();

    Throwable thrown = catchThrowable(() -> builder.topicsIn("b"));

    assertThat(thrown).isInstanceOf(IllegalStateException.class)
        .hasMessage("preferences: topicsIn comes after build(); the builder is single-use: "
            + "start another with Preferences.builder(), or Preferences.from(preferences) to "
            + "change them");
    assertThat(first.topicsIn()).containsExactly("a");
    assertThat(builder.build()).isSameAs(first);
  }

  @Test
  void channel_given_twice_is_rejected() {
    Preferences.Builder builder = Preferences.builder();

    Throwable thrown = catchThrowable(() -> builder.channels(Channel.EMAIL, Channel.EMAIL));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("preferences: channel email is given twice; give each channel once");
  }

  @Test
  void topic_both_in_and_out_is_rejected() {
    Preferences.Builder builder = Preferences.builder().topicsIn("coffee");

    Throwable thrown = catchThrowable(() -> builder.topicsOut("coffee"));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("preferences: topic 'coffee' is both in and out; keep it in one of them");
  }

  @Test
  void blank_topic_is_rejected() {
    Preferences.Builder builder = Preferences.builder();

    Throwable thrown = catchThrowable(() -> builder.topicsIn(" "));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("preferences: a topic is blank; give non-blank topics");
  }

  @Test
  void null_time_zone_is_rejected() {
    Preferences.Builder builder = Preferences.builder();

    Throwable thrown = catchThrowable(() -> builder.timeZone(null));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("preferences: time zone is null; give a ZoneId");
  }
}
