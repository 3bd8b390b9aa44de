package dev.rapport.core.internal;

import java.nio.charset.StandardCharsets;

/**
 * MurmurHash3, x64 128-bit variant with seed 0, fed as a stream of bytes: what the engine's stable
 * ids (event content ids, dispatch ids, seeded random sources) are made of.
 *
 * <p>Design note. The values it produces are part of what the engine stores (ids in records and
 * outboxes), so they must never change: integers are fed little-endian, strings as their UTF-8
 * bytes, and the output is byte for byte that of the published algorithm (a test checks it
 * against an independent implementation). One instance hashes one input; it is not thread-safe.
 */
public final class Murmur3 {
  private static final long C1 = 0x87c37b91114253d5L;
  private static final long C2 = 0x4cf5ad432745937fL;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private long h1;
  private long h2;
  private long length;
  /** The bytes of the block being filled, little-endian. */
  private long k1;
  private long k2;
  private int filled;

  /** Starts a new hash. */
  public Murmur3() {}

  /**
   * Hashes a string's UTF-8 bytes.
   *
   * @param s the string
   * @return the 128-bit hash's first 64 bits
   */
  public static long hashString(String s) {
    return new Murmur3().putString(s).hash();
  }

  /**
   * Feeds one byte.
   *
   * @param b the byte
   * @return this hasher
   */
  public Murmur3 putByte(byte b) {
    long v = b & 0xFFL;
    if (filled < 8) {
      k1 |= v << (8 * filled);
    } else {
      k2 |= v << (8 * (filled - 8));
    }
    if (++filled == 16) {
      block(k1, k2);
      k1 = 0;
      k2 = 0;
      filled = 0;
    }
    return this;
  }

  /**
   * Feeds bytes.
   *
   * @param bytes the bytes
   * @return this hasher
   */
  public Murmur3 putBytes(byte[] bytes) {
    int i = 0;
    // fill the open block, then whole blocks straight from the array
    while (i < bytes.length && filled != 0) {
      putByte(bytes[i++]);
    }
    while (bytes.length - i >= 16) {
      block(littleEndian(bytes, i), littleEndian(bytes, i + 8));
      i += 16;
    }
    while (i < bytes.length) {
      putByte(bytes[i++]);
    }
    return this;
  }

  /**
   * Feeds a string as its UTF-8 bytes.
   *
   * @param s the string
   * @return this hasher
   */
  public Murmur3 putString(String s) {
    return putBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Feeds an int, little-endian.
   *
   * @param v the value
   * @return this hasher
   */
  public Murmur3 putInt(int v) {
    for (int i = 0; i < 4; i++) {
      putByte((byte) (v >>> (8 * i)));
    }
    return this;
  }

  /**
   * Feeds a long, little-endian.
   *
   * @param v the value
   * @return this hasher
   */
  public Murmur3 putLong(long v) {
    for (int i = 0; i < 8; i++) {
      putByte((byte) (v >>> (8 * i)));
    }
    return this;
  }

  /**
   * Feeds a boolean as one byte, 1 or 0.
   *
   * @param v the value
   * @return this hasher
   */
  public Murmur3 putBoolean(boolean v) {
    return putByte(v ? (byte) 1 : (byte) 0);
  }

  /**
   * Feeds a double as the long of its raw bits.
   *
   * @param v the value
   * @return this hasher
   */
  public Murmur3 putDouble(double v) {
    return putLong(Double.doubleToRawLongBits(v));
  }

  /**
   * Ends the input and returns the hash's first 64 bits (its first eight bytes, little-endian).
   *
   * @return the hash
   */
  public long hash() {
    finish();
    return h1;
  }

  /**
   * Ends the input and returns the whole 128-bit hash as 32 lowercase hex digits, byte by byte.
   *
   * @return the hash in hex
   */
  public String hex() {
    return hex("");
  }

  /**
   * Ends the input and returns a prefix followed by the whole 128-bit hash as 32 lowercase hex
   * digits, byte by byte: {@code prefix + hex()} without the intermediate string.
   *
   * @param prefix what comes before the digits, such as {@code "d:"}
   * @return the prefix and the hash in hex
   */
  public String hex(String prefix) {
    finish();
    int at = prefix.length();
    char[] out = new char[at + 32];
    prefix.getChars(0, at, out, 0);
    hex(h1, out, at);
    hex(h2, out, at + 16);
    return new String(out);
  }

  private static void hex(long v, char[] out, int at) {
    for (int i = 0; i < 8; i++) {
      int b = (int) (v >>> (8 * i)) & 0xFF;
      out[at + 2 * i] = HEX[b >>> 4];
      out[at + 2 * i + 1] = HEX[b & 0xF];
    }
  }

  private boolean finished;

  private void finish() {
    if (finished) {
      throw new IllegalStateException("this hash was already computed; start a new Murmur3");
    }
    finished = true;
    length += filled;
    if (filled > 0) {
      h1 ^= mixK1(k1);
      h2 ^= mixK2(k2);
    }
    h1 ^= length;
    h2 ^= length;
    h1 += h2;
    h2 += h1;
    h1 = fmix64(h1);
    h2 = fmix64(h2);
    h1 += h2;
    h2 += h1;
  }

  private void block(long a, long b) {
    h1 ^= mixK1(a);
    h1 = Long.rotateLeft(h1, 27);
    h1 += h2;
    h1 = h1 * 5 + 0x52dce729;
    h2 ^= mixK2(b);
    h2 = Long.rotateLeft(h2, 31);
    h2 += h1;
    h2 = h2 * 5 + 0x38495ab5;
    length += 16;
  }

  private static long littleEndian(byte[] b, int at) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[at + i] & 0xFFL);
    }
    return v;
  }

  private static long mixK1(long k) {
    k *= C1;
    k = Long.rotateLeft(k, 31);
    k *= C2;
    return k;
  }

  private static long mixK2(long k) {
    k *= C2;
    k = Long.rotateLeft(k, 33);
    k *= C1;
    return k;
  }

  private static long fmix64(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}
