package dev.rapport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;

class ChannelTest {

  @Test
  void standard_names_give_the_standard_channels() {
    String[] names = {"email", "sms", "push", "in_app", "social"};

    Channel[] channels = {Channel.of(names[0]), Channel.of(names[1]), Channel.of(names[2]),
        Channel.of(names[3]), Channel.of(names[4])};

    assertThat(channels).containsExactly(Channel.EMAIL, Channel.SMS, Channel.PUSH,
        Channel.IN_APP, Channel.SOCIAL);
    assertThat(channels[0]).isSameAs(Channel.EMAIL);
    assertThat(Channel.standard()).containsExactlyInAnyOrder(channels);
    assertThat(channels).allMatch(Channel::isStandard);
  }

  @Test
  void custom_channel_is_a_value_equal_by_name() {
    Channel whatsapp = Channel.of("whatsapp");

    Channel again = Channel.of("whatsapp");

    assertThat(again).isEqualTo(whatsapp).hasSameHashCodeAs(whatsapp);
    assertThat(whatsapp.isStandard()).isFalse();
    assertThat(whatsapp.name()).isEqualTo("whatsapp");
    assertThat(whatsapp.toString()).isEqualTo("whatsapp");
    assertThat(whatsapp).isNotEqualTo(Channel.EMAIL);
  }

  @Test
  void custom_channel_names_may_hold_digits_underscores_and_dashes() {
    String name = "line-2_jp";

    Channel channel = Channel.of(name);

    assertThat(channel.name()).isEqualTo(name);
  }

  @Test
  void null_name_is_rejected() {
    String name = null;

    Throwable thrown = catchThrowable(() -> Channel.of(name));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("channel name is null; give a name such as \"whatsapp\"");
  }

  @Test
  void name_with_upper_case_or_spaces_is_rejected_naming_the_value() {
    String name = "Whats App";

    Throwable thrown = catchThrowable(() -> Channel.of(name));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("channel name \"Whats App\" is not valid; use lower-case letters, digits, "
            + "'_' and '-', starting with a letter, such as \"whatsapp\"");
  }

  @Test
  void blank_name_is_rejected() {
    String name = "";

    Throwable thrown = catchThrowable(() -> Channel.of(name));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("channel name \"\" is not valid");
  }
}
