package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The in-memory store breaks ties between timers due at one instant by customer id, reading a
 * number made of each id's first characters before the ids themselves: wherever two numbers
 * differ, their order must be the ids' order.
 */
class TimerSortKeyTest {
  private static final String ALPHABET = "\u0000\u0001-09AZaz~\u007f\u0080\u00fe\u00ff\u0100é€😀";

  @Test
  void keys_that_differ_sort_as_their_ids_do() {
    SplittableRandom random = new SplittableRandom(7);
    int decided = 0;
    for (int i = 0; i < 200_000; i++) {
      String a = randomId(random);
      String b = random.nextInt(4) == 0 ? variant(a, random) : randomId(random);
      long ka = InMemoryStateStore.sortKey(a);
      long kb = InMemoryStateStore.sortKey(b);
      if (ka != kb) {
        decided++;
        assertThat(Integer.signum(Long.compareUnsigned(ka, kb)))
            .as("%s vs %s", escape(a), escape(b))
            .isEqualTo(Integer.signum(a.compareTo(b)));
      }
    }
    assertThat(decided).as("pairs the keys decide alone").isGreaterThan(100_000);
  }

  @Test
  void equal_ids_have_equal_keys_and_typical_ids_differ_in_them() {
    assertThat(InMemoryStateStore.sortKey(new String("c-12345")))
        .isEqualTo(InMemoryStateStore.sortKey("c-12345"));
    assertThat(Long.compareUnsigned(InMemoryStateStore.sortKey("c-9"),
        InMemoryStateStore.sortKey("c-10"))).isPositive();
    assertThat(Long.compareUnsigned(InMemoryStateStore.sortKey("ab"),
        InMemoryStateStore.sortKey("abc"))).isNegative();
    // beyond one byte, the rest is left to the ids
    assertThat(InMemoryStateStore.sortKey("a€x")).isEqualTo(InMemoryStateStore.sortKey("a€y"));
    assertThat(InMemoryStateStore.sortKey("a\u00ffx"))
        .isEqualTo(InMemoryStateStore.sortKey("a\u0100a"));
  }

  private static String randomId(SplittableRandom random) {
    int n = 1 + random.nextInt(12);
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      s.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0,
          random.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
    }
    return s.toString();
  }

  /** The same id with one character changed, cut or extended, to make ties in the prefix. */
  private static String variant(String a, SplittableRandom random) {
    switch (random.nextInt(3)) {
      case 0:
        return a.length() > 1 ? a.substring(0, a.length() - 1) : a + "a";
      case 1:
        return a + ALPHABET.charAt(random.nextInt(ALPHABET.length()));
      default:
        char[] c = a.toCharArray();
        c[random.nextInt(c.length)] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        return new String(c);
    }
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return out.toString();
  }
}
