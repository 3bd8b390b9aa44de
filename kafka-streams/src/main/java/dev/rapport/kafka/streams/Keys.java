package dev.rapport.kafka.streams;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.kafka.common.utils.Bytes;

/**
 * The byte layout of the keys in a task's store and in the measures topic.
 *
 * <p>Design note. One local key-value store per task holds everything, each key starting with a
 * kind byte, so that a range or prefix scan reads one kind in order:
 *
 * <pre>
 *   R text(customer) 0                      record: version, next due, the codec's bytes
 *   T due(8) utf16(customer)                timer index: ordered by due time, then by id
 *   C text(counter) 0                       counter: a long
 *   S text(series) 0 bucket(8)              cell of a series: num, num2, den, sum
 *   K text(series) 0                        a series exists (lists keys without its cells)
 *   V text(key) 0                           shared value: version, the codec's bytes
 *   N                                       how many customers have a record
 *   O seq(8)                                outbox, in commit order: id, the dispatch's bytes
 *   I text(dispatch id) 0                   outbox index: its sequence number
 *   D local key                             a measure changed since it was last published
 *   M name                                  the task's own values: its time, the outbox sequence
 * </pre>
 *
 * <p>Text is written as modified UTF-8 (the NUL character as two bytes), so that it never holds a
 * zero byte and a zero can end it: a prefix scan on {@code C text(key) 0} reads that key only.
 * Numbers are big-endian with the sign bit flipped, so that byte order is numeric order; a
 * customer id in the timer index is written as UTF-16 code units, so that ties on a due time come
 * in the order of {@link dev.rapport.core.CustomerId#compareTo}.
 *
 * <p>The measures topic (and the global store every instance reads it into) has the keys of the
 * kinds C, S, K, V and N followed by the partition that owns them (4 bytes): each partition
 * publishes its own values, and a reader adds up those of all partitions.
 */
final class Keys {
  static final byte RECORD = 'R';
  static final byte TIMER = 'T';
  static final byte COUNTER = 'C';
  static final byte CELL = 'S';
  static final byte SERIES = 'K';
  static final byte SHARED = 'V';
  static final byte SIZE = 'N';
  static final byte OUTBOX = 'O';
  static final byte OUTBOX_ID = 'I';
  static final byte DIRTY = 'D';
  static final byte META = 'M';

  static final Bytes SIZE_KEY = Bytes.wrap(new byte[] {SIZE});
  static final Bytes TIME_KEY = meta("time");
  static final Bytes SEQUENCE_KEY = meta("outbox-sequence");

  private Keys() {}

  /** A key of a kind and a text, ended by a zero byte. */
  static Bytes text(byte kind, String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 2);
    out.write(kind);
    writeText(out, text);
    out.write(0);
    return Bytes.wrap(out.toByteArray());
  }

  /** The prefix of the keys of a kind whose text starts with {@code prefix}. */
  static Bytes prefix(byte kind, String prefix) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(prefix.length() + 1);
    out.write(kind);
    writeText(out, prefix);
    return Bytes.wrap(out.toByteArray());
  }

  /** The key of one cell of a series. */
  static Bytes cell(String series, long bucket) {
    Bytes head = text(CELL, series);
    return Bytes.wrap(ByteBuffer.allocate(head.get().length + 8).put(head.get())
        .putLong(bucket ^ Long.MIN_VALUE).array());
  }

  /** The bucket of a cell's key (local or global). */
  static long bucket(byte[] key) {
    int end = textEnd(key, 1);
    return ByteBuffer.wrap(key, end + 1, 8).getLong() ^ Long.MIN_VALUE;
  }

  /** The key of a customer's entry in the timer index. */
  static Bytes timer(long dueNanos, String customer) {
    ByteBuffer b = ByteBuffer.allocate(1 + 8 + 2 * customer.length());
    b.put(TIMER).putLong(dueNanos ^ Long.MIN_VALUE);
    for (int i = 0; i < customer.length(); i++) {
      b.putChar(customer.charAt(i));
    }
    return Bytes.wrap(b.array());
  }

  /** The first key of the timer index due after {@code dueNanos}. */
  static Bytes timersAfter(long dueNanos) {
    return Bytes.wrap(ByteBuffer.allocate(9).put(TIMER).putLong(dueNanos ^ Long.MIN_VALUE)
        .array());
  }

  static long timerDue(byte[] key) {
    return ByteBuffer.wrap(key, 1, 8).getLong() ^ Long.MIN_VALUE;
  }

  static String timerCustomer(byte[] key) {
    char[] id = new char[(key.length - 9) / 2];
    ByteBuffer b = ByteBuffer.wrap(key, 9, key.length - 9);
    for (int i = 0; i < id.length; i++) {
      id[i] = b.getChar();
    }
    return new String(id);
  }

  /** The key of an outbox entry. */
  static Bytes outbox(long sequence) {
    return Bytes.wrap(ByteBuffer.allocate(9).put(OUTBOX).putLong(sequence).array());
  }

  static Bytes meta(String name) {
    return prefix(META, name);
  }

  /** The dirty mark of a local key. */
  static Bytes dirty(Bytes localKey) {
    byte[] k = localKey.get();
    byte[] out = new byte[k.length + 1];
    out[0] = DIRTY;
    System.arraycopy(k, 0, out, 1, k.length);
    return Bytes.wrap(out);
  }

  /** The local key a dirty mark stands for. */
  static Bytes undirty(byte[] dirtyKey) {
    byte[] out = new byte[dirtyKey.length - 1];
    System.arraycopy(dirtyKey, 1, out, 0, out.length);
    return Bytes.wrap(out);
  }

  /** The key a partition publishes a local measure under. */
  static Bytes global(Bytes localKey, int partition) {
    byte[] k = localKey.get();
    return Bytes.wrap(ByteBuffer.allocate(k.length + 4).put(k).putInt(partition).array());
  }

  /** The partition that published a global key. */
  static int partitionOf(byte[] globalKey) {
    return ByteBuffer.wrap(globalKey, globalKey.length - 4, 4).getInt();
  }

  /** The text of a key of a kind and a text (local or global). */
  static String textOf(byte[] key) {
    return readText(key, 1, textEnd(key, 1));
  }

  /** Instants as nanoseconds since 1970, as the engine keeps them. */
  static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
        Math.floorMod(nanos, 1_000_000_000L));
  }

  private static int textEnd(byte[] key, int from) {
    int i = from;
    while (key[i] != 0) {
      i++;
    }
    return i;
  }

  private static void writeText(ByteArrayOutputStream out, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != 0 && c < 0x80) {
        out.write(c);
      } else if (c < 0x800) {
        out.write(0xC0 | (c >> 6));
        out.write(0x80 | (c & 0x3F));
      } else {
        out.write(0xE0 | (c >> 12));
        out.write(0x80 | ((c >> 6) & 0x3F));
        out.write(0x80 | (c & 0x3F));
      }
    }
  }

  private static String readText(byte[] b, int from, int to) {
    StringBuilder s = new StringBuilder(to - from);
    int i = from;
    while (i < to) {
      int x = b[i] & 0xFF;
      if (x < 0x80) {
        s.append((char) x);
        i++;
      } else if (x < 0xE0) {
        s.append((char) (((x & 0x1F) << 6) | (b[i + 1] & 0x3F)));
        i += 2;
      } else {
        s.append((char) (((x & 0x0F) << 12) | ((b[i + 1] & 0x3F) << 6) | (b[i + 2] & 0x3F)));
        i += 3;
      }
    }
    return s.toString();
  }
}
