package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Impression ids are written as they always were: the prefix and the number in hex. An impression
 * keeps such an id as its number, and any other id as text; either way it is found by its id
 * and equals the impression read back from its text.
 */
class ImpressionIdTest {
  @Test
  void writes_the_number_as_long_to_hex_string_does() {
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < 10_000; i++) {
      long v = number(i, r);
      assertThat(Arbiter.id("i:", v)).isEqualTo("i:" + Long.toHexString(v));
    }
  }

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  /** The {@code i}th number to try: 0, -1, 1, the least and the greatest, then random ones. */
  private static long number(int i, SplittableRandom r) {
    return switch (i) {
      case 0 -> 0L;
      case 1 -> -1L;
      case 2 -> 1L;
      case 3 -> Long.MIN_VALUE;
      case 4 -> Long.MAX_VALUE;
      default -> r.nextLong() >>> r.nextInt(64);
    };
  }

  @Test
  void an_impression_made_from_a_number_is_the_one_read_back_from_its_id() {
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 10_000; i++) {
      long v = number(i, r);
      Impression made = Impression.made(v, "tip", "rules", "home", "all", T0);
      String id = made.id();
      Impression read = new Impression(id, "tip", "rules", "home", "all", T0, false);

      assertThat(id).isEqualTo("i:" + Long.toHexString(v));
      assertThat(read).isEqualTo(made).hasSameHashCodeAs(made);
      assertThat(made.hasId(id, Impression.keyOf(id))).as(id).isTrue();
      assertThat(read.hasId(id, Impression.keyOf(id))).as(id).isTrue();
      String near = "i:" + Long.toHexString(v ^ 1);
      assertThat(made.hasId(near, Impression.keyOf(near))).as(near).isFalse();
      assertThat(made.answer().answered()).isTrue();
      assertThat(made.answer().id()).isEqualTo(id);
    }
  }

  @Test
  void an_id_of_another_form_is_kept_as_it_is_and_found_only_by_itself() {
    for (String id : List.of("i:0a", "i:", "x:1a", "i:ABC", "i:12345678901234567", "d:7f",
        "i:-1", "i: 1", "impression-9")) {
      Impression i = new Impression(id, "tip", "rules", "home", null, T0, false);

      assertThat(i.id()).isEqualTo(id);
      assertThat(i.hasId(id, Impression.keyOf(id))).as(id).isTrue();
      assertThat(i.hasId("i:a", Impression.keyOf("i:a"))).as(id).isFalse();
    }
  }
}
