package dev.rapport.core.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The primitives of Rapport's binary formats: variable-length integers (LEB128, zigzag for
 * signed values), fixed 64-bit longs and doubles, length-prefixed UTF-8 strings, and JSON-like
 * values tagged with their type. Every codec of a record or shared value is written with these.
 */
final class Bytes {
  private Bytes() {}

  // tags of JSON-like values
  static final int NULL = 0;
  static final int STRING = 1;
  static final int TRUE = 2;
  static final int FALSE = 3;
  static final int LONG = 4;
  static final int DOUBLE = 5;
  static final int BIG_INTEGER = 6;
  static final int BIG_DECIMAL = 7;
  static final int LIST = 8;
  static final int MAP = 9;

  /**
   * Copies a string into an array as its UTF-8 bytes if it is all ASCII (one byte a char, with
   * no array of its own made); returns false, having written a part of it, if it is not.
   *
   * @param s the string
   * @param to the array, with room for {@code s.length()} bytes from {@code at}
   * @param at where its first byte goes
   * @return whether it was ASCII and is written
   */
  static boolean ascii(String s, byte[] to, int at) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        return false;
      }
      to[at + i] = (byte) c;
    }
    return true;
  }

  /** Writes into a growing array. */
  static final class Writer {
    /** The largest buffer a thread keeps between encodings; a larger one is let go. */
    private static final int KEPT = 64 * 1024;

    /** Each thread's writer, reused by every encoding it makes (encodings never nest). */
    private static final ThreadLocal<Writer> PER_THREAD = ThreadLocal.withInitial(Writer::new);

    private byte[] buf = new byte[256];
    private int size;
    private boolean lent;

    /**
     * Returns this thread's writer, emptied, to {@linkplain #release() release} when the
     * encoding is done: its buffer has grown to the largest value this thread encoded (up to
     * {@value #KEPT} bytes), so that an encoding writes without growing it and allocates only
     * the array {@link #toByteArray()} returns. An encoding that starts while another of the
     * same thread is not done gets a writer of its own.
     */
    static Writer reused() {
      Writer w = PER_THREAD.get();
      if (w.lent) {
        return new Writer();
      }
      if (w.buf.length > KEPT) {
        w.buf = new byte[256];
      }
      w.size = 0;
      w.lent = true;
      return w;
    }

    /** Gives a writer {@link #reused()} returned back to its thread. */
    void release() {
      lent = false;
    }

    private void ensure(int more) {
      if (size + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
      }
    }

    void byte1(int b) {
      ensure(1);
      buf[size++] = (byte) b;
    }

    void uvarint(long v) {
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        buf[size++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[size++] = (byte) v;
    }

    void varint(long v) {
      uvarint((v << 1) ^ (v >> 63));
    }

    void fixed64(long v) {
      ensure(8);
      for (int i = 7; i >= 0; i--) {
        buf[size++] = (byte) (v >>> (8 * i));
      }
    }

    void float64(double d) {
      fixed64(Double.doubleToRawLongBits(d));
    }

    void bool(boolean b) {
      byte1(b ? 1 : 0);
    }

    void string(String s) {
      int n = s.length();
      if (n < 0x80) {
        // most names and ids are ASCII: written as they are, without an array of their bytes
        ensure(n + 1);
        if (ascii(s, buf, size + 1)) {
          buf[size] = (byte) n;
          size += n + 1;
          return;
        }
      }
      utf8(s);
    }

    private void utf8(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      utf8(b, 0, b.length);
    }

    /** A string given as its UTF-8 bytes: written as {@link #string} writes it. */
    void utf8(byte[] bytes, int offset, int length) {
      uvarint(length);
      ensure(length);
      System.arraycopy(bytes, offset, buf, size, length);
      size += length;
    }

    /** A string or none. */
    void optString(String s) {
      if (s == null) {
        byte1(0);
      } else {
        byte1(1);
        string(s);
      }
    }

    /** A JSON-like value as {@code Properties} keep them. */
    void value(Object v) {
      if (v == null) {
        byte1(NULL);
      } else if (v instanceof String) {
        byte1(STRING);
        string((String) v);
      } else if (v instanceof Boolean) {
        byte1((Boolean) v ? TRUE : FALSE);
      } else if (v instanceof Long) {
        byte1(LONG);
        varint((Long) v);
      } else if (v instanceof Double) {
        byte1(DOUBLE);
        float64((Double) v);
      } else if (v instanceof BigInteger) {
        byte1(BIG_INTEGER);
        string(v.toString());
      } else if (v instanceof BigDecimal) {
        byte1(BIG_DECIMAL);
        string(((BigDecimal) v).toString());
      } else if (v instanceof List) {
        List<?> list = (List<?>) v;
        byte1(LIST);
        uvarint(list.size());
        for (Object item : list) {
          value(item);
        }
      } else if (v instanceof Map) {
        Map<?, ?> map = (Map<?, ?>) v;
        byte1(MAP);
        uvarint(map.size());
        for (Map.Entry<?, ?> e : map.entrySet()) {
          string((String) e.getKey());
          value(e.getValue());
        }
      } else {
        throw new IllegalStateException("not a JSON-like value: " + v.getClass().getName());
      }
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buf, size);
    }
  }

  /** Reads what a {@link Writer} wrote; every read past the end fails with a clear message. */
  static final class Reader {
    private final byte[] buf;
    private int pos;
    private final String what;

    Reader(byte[] buf, String what) {
      this.buf = buf;
      this.what = what;
    }

    private Codec.CodecException cut() {
      return new Codec.CodecException(what + ": the bytes end at " + buf.length + " before the "
          + "value is complete; they are cut short or not a " + what);
    }

    int byte1() {
      if (pos >= buf.length) {
        throw cut();
      }
      return buf[pos++] & 0xFF;
    }

    long uvarint() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = byte1();
        v |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return v;
        }
      }
      throw new Codec.CodecException(what + ": a number at byte " + pos + " is longer than 10 "
          + "bytes; the bytes are not a " + what);
    }

    int count() {
      long n = uvarint();
      if (n < 0 || n > buf.length - pos + 16L) {
        throw new Codec.CodecException(what + ": a count of " + n + " at byte " + pos
            + " exceeds what the bytes can hold; they are not a " + what);
      }
      return (int) n;
    }

    long varint() {
      long u = uvarint();
      return (u >>> 1) ^ -(u & 1);
    }

    long fixed64() {
      if (pos + 8 > buf.length) {
        throw cut();
      }
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (buf[pos++] & 0xFF);
      }
      return v;
    }

    double float64() {
      return Double.longBitsToDouble(fixed64());
    }

    boolean bool() {
      return byte1() != 0;
    }

    String string() {
      int n = count();
      if (pos + n > buf.length) {
        throw cut();
      }
      String s = new String(buf, pos, n, StandardCharsets.UTF_8);
      pos += n;
      return s;
    }

    String optString() {
      return byte1() == 0 ? null : string();
    }

    Object value() {
      int tag = byte1();
      switch (tag) {
        case NULL:
          return null;
        case STRING:
          return string();
        case TRUE:
          return Boolean.TRUE;
        case FALSE:
          return Boolean.FALSE;
        case LONG:
          return varint();
        case DOUBLE:
          return float64();
        case BIG_INTEGER:
          return new BigInteger(string());
        case BIG_DECIMAL:
          return new BigDecimal(string());
        case LIST: {
          int n = count();
          List<Object> out = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            out.add(value());
          }
          return out;
        }
        case MAP: {
          int n = count();
          Map<String, Object> out = new LinkedHashMap<>();
          for (int i = 0; i < n; i++) {
            out.put(string(), value());
          }
          return out;
        }
        default:
          throw new Codec.CodecException(what + ": unknown value tag " + tag + " at byte "
              + (pos - 1) + "; the bytes are not a " + what);
      }
    }

    boolean atEnd() {
      return pos == buf.length;
    }

    int position() {
      return pos;
    }
  }
}
