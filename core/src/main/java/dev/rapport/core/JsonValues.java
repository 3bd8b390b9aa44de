package dev.rapport.core;

import dev.rapport.core.internal.Murmur3;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Normalises JSON-like values: strings, booleans, numbers, lists and string-keyed maps of them.
 *
 * <p>Integral numbers become {@link Long}, floating-point numbers {@link Double}, {@link
 * BigInteger} and {@link BigDecimal} stay as they are, and lists and maps become immutable copies,
 * so that two events with the same content are equal whatever number types the host used.
 */
final class JsonValues {
  /** What a message says is supported. */
  public static final String SUPPORTED =
      "String, Boolean, Integer, Long, Short, Byte, Float, Double, BigInteger, BigDecimal, "
          + "and Lists or String-keyed Maps of those";

  private JsonValues() {}

  /**
   * Normalises a property's value, or fails naming the property. A value already in normal form
   * (what most properties hold) is returned as it is, and the text naming the property is built
   * only for a value that needs normalising, so a property costs no string when it is fine.
   *
   * @param owner what holds the property, for the message (e.g. {@code "event 'x'"}), or null
   * @param key the property's name
   * @param value the value
   * @return the normalised value
   * @throws IllegalArgumentException if the value is null or of an unsupported type
   */
  static Object normaliseProperty(String owner, String key, Object value) {
    if (isNormalScalar(value)) {
      return value;
    }
    return normalise((owner == null ? "" : owner + ": ") + "property '" + key + "'", value);
  }

  /**
   * Whether a value is already in normal form and is a scalar (a string, a boolean, a long, a
   * finite double, a big decimal or big integer): what {@link #normalise} returns unchanged.
   */
  private static boolean isNormalScalar(Object value) {
    return value instanceof String || value instanceof Long || value instanceof Boolean
        || value instanceof Double && Double.isFinite((Double) value)
        || value instanceof BigDecimal || value instanceof BigInteger;
  }

  /**
   * Normalises a value, or fails naming where it was.
   *
   * @param where where the value is, for the message, e.g. {@code "event 'x': property 'sku'"}
   * @param value the value
   * @return the normalised value
   * @throws IllegalArgumentException if the value is null or of an unsupported type
   */
  static Object normalise(String where, Object value) {
    return normalise(where, value, 0);
  }

  /** How deep lists and maps may nest: deeper is a mistake or an attack, not data. */
  static final int MAX_DEPTH = 64;

  private static Object normalise(String where, Object value, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException(where + " nests lists or maps more than " + MAX_DEPTH
          + " deep; flatten the value");
    }
    if (value == null) {
      throw new IllegalArgumentException(where + " is null; leave the property out instead");
    }
    if ((value instanceof Double || value instanceof Float)
        && !Double.isFinite(((Number) value).doubleValue())) {
      throw new IllegalArgumentException(where + " is " + value
          + "; give a finite number (JSON-like values have no NaN or infinity)");
    }
    if (value instanceof String || value instanceof Boolean || value instanceof Long
        || value instanceof Double || value instanceof BigDecimal
        || value instanceof BigInteger) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float) {
      return ((Float) value).doubleValue();
    }
    if (value instanceof List) {
      List<Object> out = new ArrayList<>(((List<?>) value).size());
      int i = 0;
      for (Object item : (List<?>) value) {
        out.add(normalise(depth < 8 ? where + "[" + i + "]" : where, item, depth + 1));
        i++;
      }
      return Collections.unmodifiableList(out);
    }
    if (value instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        if (!(e.getKey() instanceof String)) {
          throw new IllegalArgumentException(
              where + " has a map key of type "
                  + (e.getKey() == null ? "null" : e.getKey().getClass().getName())
                  + "; map keys must be Strings");
        }
        out.put((String) e.getKey(), normalise(depth < 8 ? where + "." + e.getKey() : where,
            e.getValue(), depth + 1));
      }
      return Collections.unmodifiableMap(out);
    }
    throw new IllegalArgumentException(
        where + " has unsupported type " + value.getClass().getName() + " (" + value
            + "); use one of " + SUPPORTED);
  }

  /**
   * Feeds a normalised value to a hasher, tagged with its type so that {@code "1"} and {@code 1}
   * hash differently.
   *
   * @param h the hasher
   * @param value a value returned by {@link #normalise}
   */
  public static void hash(Murmur3 h, Object value) {
    if (value instanceof String) {
      h.putByte((byte) 's').putString((String) value).putByte((byte) 0);
    } else if (value instanceof Boolean) {
      h.putByte((byte) 'b').putBoolean((Boolean) value);
    } else if (value instanceof Long) {
      h.putByte((byte) 'l').putLong((Long) value);
    } else if (value instanceof Double) {
      h.putByte((byte) 'd').putDouble((Double) value);
    } else if (value instanceof List) {
      List<?> list = (List<?>) value;
      h.putByte((byte) '[').putInt(list.size());
      list.forEach(item -> hash(h, item));
    } else if (value instanceof BigInteger) {
      h.putByte((byte) 'i').putString(value.toString()).putByte((byte) 0);
    } else if (value instanceof BigDecimal) {
      h.putByte((byte) 'm').putString(value.toString()).putByte((byte) 0);
    } else if (value instanceof Map) {
      // maps keep the host's insertion order, which equals() ignores: hash them sorted by key
      Map<String, Object> sorted = new TreeMap<>();
      ((Map<?, ?>) value).forEach((k, v) -> sorted.put((String) k, v));
      h.putByte((byte) '{').putInt(sorted.size());
      sorted.forEach((k, v) -> {
        h.putString(k).putByte((byte) 0);
        hash(h, v);
      });
    } else {
      h.putByte((byte) 'n').putString(value.toString()).putByte((byte) 0);
    }
  }
}
