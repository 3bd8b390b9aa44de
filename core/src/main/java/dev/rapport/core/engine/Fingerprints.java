package dev.rapport.core.engine;

/**
 * The 64-bit fingerprint under which a customer's record remembers an event id, to recognise a
 * duplicate. It is written in records, so it never changes: FNV-1a over the id's UTF-16 code
 * units, then the finalising mix of SplitMix64 so that ids differing in one character spread
 * over all 64 bits.
 */
final class Fingerprints {
  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private Fingerprints() {}

  static long of(String id) {
    long h = OFFSET;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      h = (h ^ (c & 0xFF)) * PRIME;
      h = (h ^ (c >>> 8)) * PRIME;
    }
    h ^= id.length();
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }
}
