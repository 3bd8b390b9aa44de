package dev.rapport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.hash.HashCode;
import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The engine's MurmurHash3 gives, byte for byte, what Guava's {@code murmur3_128} gives (the
 * function the ids stored by earlier versions were made with): over random mixes of bytes,
 * integers, longs, booleans, doubles and strings (any Unicode, unpaired surrogates included), of
 * every length around the 16-byte blocks.
 */
class Murmur3Test {
  @Test
  void gives_the_same_hashes_as_the_reference() {
    SplittableRandom r = new SplittableRandom(3);
    for (int sample = 0; sample < 5_000; sample++) {
      Murmur3 ours = new Murmur3();
      Hasher theirs = Hashing.murmur3_128().newHasher();
      int parts = r.nextInt(12);
      for (int p = 0; p < parts; p++) {
        switch (r.nextInt(7)) {
          case 0 -> {
            byte b = (byte) r.nextInt(256);
            ours.putByte(b);
            theirs.putByte(b);
          }
          case 1 -> {
            int v = r.nextInt();
            ours.putInt(v);
            theirs.putInt(v);
          }
          case 2 -> {
            long v = r.nextLong();
            ours.putLong(v);
            theirs.putLong(v);
          }
          case 3 -> {
            boolean v = r.nextBoolean();
            ours.putBoolean(v);
            theirs.putBoolean(v);
          }
          case 4 -> {
            double v = Double.longBitsToDouble(r.nextLong());
            ours.putDouble(v);
            theirs.putDouble(v);
          }
          case 5 -> {
            byte[] bytes = new byte[r.nextInt(40)];
            for (int i = 0; i < bytes.length; i++) {
              bytes[i] = (byte) r.nextInt(256);
            }
            ours.putBytes(bytes);
            theirs.putBytes(bytes);
          }
          default -> {
            String s = randomString(r);
            ours.putString(s);
            theirs.putString(s, StandardCharsets.UTF_8);
          }
        }
      }
      HashCode expected = theirs.hash();
      if (sample % 2 == 0) {
        assertThat(ours.hash()).as("sample %d", sample).isEqualTo(expected.asLong());
      } else {
        assertThat(ours.hex()).as("sample %d", sample).isEqualTo(expected.toString());
      }
    }
  }

  @Test
  void hashes_a_string_as_the_reference_does() {
    for (String s : new String[] {"", "a", "customer-42/onboarding/3", "0123456789abcdef",
        "0123456789abcdef0", "é€😀", "\ud800 lone surrogate"}) {
      assertThat(Murmur3.hashString(s)).isEqualTo(
          Hashing.murmur3_128().hashString(s, StandardCharsets.UTF_8).asLong());
    }
  }

  @Test
  void computes_a_hash_once() {
    Murmur3 h = new Murmur3().putInt(1);
    h.hash();
    assertThatThrownBy(h::hex).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("start a new Murmur3");
  }

  private static String randomString(SplittableRandom r) {
    StringBuilder b = new StringBuilder();
    int n = r.nextInt(30);
    for (int i = 0; i < n; i++) {
      switch (r.nextInt(5)) {
        case 0 -> b.append((char) ('a' + r.nextInt(26)));
        case 1 -> b.append((char) (0x80 + r.nextInt(0x700)));
        case 2 -> b.append((char) (0x800 + r.nextInt(0xD000)));
        case 3 -> b.appendCodePoint(0x10000 + r.nextInt(0x10000));
        default -> b.append((char) (0xD800 + r.nextInt(0x800))); // maybe unpaired
      }
    }
    return b.toString();
  }
}
