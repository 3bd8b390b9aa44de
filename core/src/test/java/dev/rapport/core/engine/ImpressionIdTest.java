package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Impression ids are written as they always were: the prefix and the number in hex. */
class ImpressionIdTest {
  @Test
  void writes_the_number_as_long_to_hex_string_does() {
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < 10_000; i++) {
      long v = switch (i) {
        case 0 -> 0L;
        case 1 -> -1L;
        case 2 -> Long.MIN_VALUE;
        case 3 -> 1L;
        default -> r.nextLong() >>> r.nextInt(64);
      };
      assertThat(Arbiter.id("i:", v)).isEqualTo("i:" + Long.toHexString(v));
    }
  }
}
