package dev.rapport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraitsTest {
  private static final TraitKey<String> PLAN = TraitKey.of("plan", String.class);
  private static final TraitKey<Long> SEATS = TraitKey.of("seats", Long.class);
  private static final TraitKey<String> SEATS_AS_TEXT = TraitKey.of("seats", String.class);
  private static final TraitKey<BigDecimal> BALANCE = TraitKey.of("balance", BigDecimal.class);
  private static final TraitKey<LocalDate> BIRTHDAY = TraitKey.of("birthday", LocalDate.class);
  private static final TraitKey<Instant> SINCE = TraitKey.of("since", Instant.class);
  private static final TraitKey<Boolean> VIP = TraitKey.of("vip", Boolean.class);
  private static final TraitKey<Double> SCORE = TraitKey.of("score", Double.class);

  @Test
  void set_and_get_keep_the_type_of_the_key() {
    Traits traits = Traits.empty().set(PLAN, "team").set(SEATS, 12L)
        .set(BALANCE, new BigDecimal("9.99")).set(BIRTHDAY, LocalDate.of(1815, 12, 10))
        .set(SINCE, Instant.EPOCH).set(VIP, true).set(SCORE, 0.75);

    String plan = traits.get(PLAN).orElseThrow();
    long seats = traits.get(SEATS).orElseThrow();

    assertThat(plan).isEqualTo("team");
    assertThat(seats).isEqualTo(12L);
    assertThat(traits.get(BALANCE)).contains(new BigDecimal("9.99"));
    assertThat(traits.get(BIRTHDAY)).contains(LocalDate.of(1815, 12, 10));
    assertThat(traits.get(SINCE)).contains(Instant.EPOCH);
    assertThat(traits.get(VIP)).contains(true);
    assertThat(traits.get(SCORE)).contains(0.75);
    assertThat(traits.size()).isEqualTo(7);
    assertThat(traits.names())
        .containsExactly("balance", "birthday", "plan", "score", "seats", "since", "vip");
  }

  @Test
  void set_replaces_an_earlier_value_of_the_same_key() {
    Traits traits = Traits.empty().set(PLAN, "trial");

    Traits upgraded = traits.set(PLAN, "team");

    assertThat(upgraded.get(PLAN)).contains("team");
    assertThat(upgraded.size()).isEqualTo(1);
  }

  @Test
  void set_is_copy_on_write() {
    Traits original = Traits.empty().set(PLAN, "trial");

    Traits changed = original.set(PLAN, "team").set(SEATS, 3L);

    assertThat(original.get(PLAN)).contains("trial");
    assertThat(original.has(SEATS)).isFalse();
    assertThat(original.asMap()).containsExactly(Map.entry("plan", "trial"));
    assertThat(changed.asMap()).containsExactly(Map.entry("plan", "team"), Map.entry("seats", 3L));
  }

  @Test
  void remove_is_copy_on_write() {
    Traits original = Traits.empty().set(PLAN, "trial").set(SEATS, 3L);

    Traits removed = original.remove("plan");

    assertThat(removed.has(PLAN)).isFalse();
    assertThat(removed.get(SEATS)).contains(3L);
    assertThat(original.get(PLAN)).contains("trial");
    assertThat(original.remove("unknown")).isSameAs(original);
  }

  @Test
  void setting_a_name_already_holding_another_type_is_rejected() {
    Traits traits = Traits.empty().set(SEATS, 12L);

    Throwable thrown = catchThrowable(() -> traits.set(SEATS_AS_TEXT, "twelve"));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("trait 'seats' holds Long values; cannot set a String; use another name or "
            + "the same type");
    assertThat(traits.get(SEATS)).contains(12L);
  }

  @Test
  void reading_a_name_with_a_key_of_another_type_is_rejected() {
    Traits traits = Traits.empty().set(SEATS, 12L);

    Throwable thrown = catchThrowable(() -> traits.get(SEATS_AS_TEXT));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("trait 'seats' holds Long values, not String");
  }

  @Test
  void merging_conflicting_types_is_rejected() {
    Traits mine = Traits.empty().set(SEATS, 12L);
    Traits theirs = Traits.empty().set(SEATS_AS_TEXT, "twelve");

    Throwable thrown = catchThrowable(() -> mine.merge(theirs));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("trait 'seats' holds Long values; cannot set a String");
  }

  @Test
  void merge_lets_the_other_values_win() {
    Traits mine = Traits.empty().set(PLAN, "trial").set(SEATS, 1L);
    Traits theirs = Traits.empty().set(PLAN, "team").set(VIP, true);

    Traits merged = mine.merge(theirs);

    assertThat(merged.asMap()).containsExactly(Map.entry("plan", "team"),
        Map.entry("seats", 1L), Map.entry("vip", true));
    assertThat(mine.get(PLAN)).contains("trial");
  }

  @Test
  void null_value_is_rejected() {
    Traits traits = Traits.empty();

    Throwable thrown = catchThrowable(() -> traits.set(PLAN, null));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("trait 'plan': value is null; give a value, or unset the trait with "
            + "Profile.unset(key)");
  }

  @Test
  void unsupported_trait_type_is_rejected() {
    Class<Integer> type = Integer.class;

    Throwable thrown = catchThrowable(() -> TraitKey.of("seats", type));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("trait 'seats': type java.lang.Integer is not supported; use one of String, "
            + "Boolean, Long, Double, BigDecimal, Instant, LocalDate");
  }

  @Test
  void equal_content_is_equal_and_to_string_shows_names_only() {
    Traits a = Traits.empty().set(PLAN, "team").set(TraitKey.EMAIL_ADDRESS, "ada@example.com");

    Traits b = Traits.empty().set(TraitKey.EMAIL_ADDRESS, "ada@example.com").set(PLAN, "team");

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(b.set(PLAN, "trial"));
    assertThat(a.toString()).isEqualTo("Traits[email_address, plan]")
        .doesNotContain("ada@example.com");
  }
}
