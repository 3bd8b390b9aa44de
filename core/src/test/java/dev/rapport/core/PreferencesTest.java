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
  void channels_replace_an_earlier_order() {
    Preferences.Builder builder = Preferences.builder().channels(Channel.SMS, Channel.EMAIL);

    Preferences p = builder.channels(Channel.PUSH).build();

    assertThat(p.channels()).containsExactly(Channel.PUSH);
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
  void built_preferences_do_not_change_with_their_builder() {
    Preferences.Builder builder = Preferences.builder().channels(Channel.EMAIL).topicsIn("a");
    Preferences first = builder.build();

    builder.channels(Channel.SMS).topicsIn("b");

    assertThat(first.channels()).containsExactly(Channel.EMAIL);
    assertThat(first.topicsIn()).containsExactly("a");
    assertThat(builder.build().topicsIn()).containsExactlyInAnyOrder("a", "b");
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
