package dev.rapport.core;

import dev.rapport.core.internal.ArrayMap;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The properties of an {@link Event}: an immutable map of JSON-like values with typed getters.
 *
 * <p>Values are normalised when the properties are made: integral numbers are {@link Long},
 * floating-point numbers {@link Double}, lists and maps immutable. So {@code p.get("qty")} is
 * {@code 2L} whether the host gave {@code 2} or {@code 2L}; the typed getters spare the
 * conversion:
 *
 * <pre>{@code
 * c.hasDone("purchased", p -> "grinder".equals(p.get("sku")) && p.getLong("qty").orElse(0) > 1)
 * }</pre>
 */
public final class Properties {
  private static final Properties EMPTY = new Properties(ArrayMap.empty());

  private final ArrayMap<Object> values;

  private Properties(ArrayMap<Object> values) {
    this.values = values;
  }

  /**
   * Returns the empty properties.
   *
   * @return no properties
   */
  public static Properties of() {
    return EMPTY;
  }

  /**
   * Returns properties holding a copy of the given map, normalised.
   *
   * @param values the values, keyed by property name
   * @return the properties
   * @throws IllegalArgumentException if a key is blank or a value is null or not JSON-like
   */
  public static Properties of(Map<String, ?> values) {
    if (values.isEmpty()) {
      return EMPTY;
    }
    Map<String, Object> out = new java.util.HashMap<>(values.size() * 2);
    for (Map.Entry<String, ?> e : values.entrySet()) {
      String key = e.getKey();
      checkKey(key);
      out.put(key, JsonValues.normaliseProperty(null, key, e.getValue()));
    }
    return new Properties(ArrayMap.copyOf(out));
  }

  /**
   * Returns properties holding a copy of a map whose names are checked and whose values are
   * normalised already (an event builder's).
   */
  static Properties ofNormalised(Map<String, Object> values) {
    return values.isEmpty() ? EMPTY : new Properties(ArrayMap.copyOf(values));
  }

  /**
   * Returns a copy with one more property (or a property replaced).
   *
   * @param key the property name
   * @param value a JSON-like value
   * @return the new properties
   * @throws IllegalArgumentException if the key is blank or the value null or not JSON-like
   */
  public Properties with(String key, Object value) {
    checkKey(key);
    return new Properties(values.with(key, JsonValues.normaliseProperty(null, key, value)));
  }

  private static void checkKey(String key) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException(
          "property name is " + (key == null ? "null" : "blank") + "; give a non-blank name");
    }
  }

  /**
   * Returns the raw value of a property: a String, Boolean, Long, Double, BigInteger, BigDecimal,
   * List or Map, or null when absent.
   *
   * @param key the property name
   * @return the value, or null
   */
  public Object get(String key) {
    return values.get(key);
  }

  /**
   * Tells whether a property is present.
   *
   * @param key the property name
   * @return whether it is present
   */
  public boolean has(String key) {
    return values.containsKey(key);
  }

  /**
   * Returns a string property.
   *
   * @param key the property name
   * @return the value, or empty when absent
   * @throws IllegalArgumentException if the property is present but not a string
   */
  public Optional<String> getString(String key) {
    Object v = values.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof String) {
      return Optional.of((String) v);
    }
    throw wrongType(key, v, "a String");
  }

  /**
   * Returns an integral number property. A floating-point value with no fractional part is
   * accepted.
   *
   * @param key the property name
   * @return the value, or empty when absent
   * @throws IllegalArgumentException if the property is present but not an integral number
   */
  public OptionalLong getLong(String key) {
    Object v = values.get(key);
    if (v == null) {
      return OptionalLong.empty();
    }
    if (v instanceof Long) {
      return OptionalLong.of((Long) v);
    }
    if (v instanceof Number) {
      double d = ((Number) v).doubleValue();
      if (d == Math.rint(d) && !Double.isInfinite(d)
          && Math.abs(d) <= 9.007199254740992E15) {
        return OptionalLong.of((long) d);
      }
    }
    throw wrongType(key, v, "an integral number");
  }

  /**
   * Returns a number property as a double.
   *
   * @param key the property name
   * @return the value, or empty when absent
   * @throws IllegalArgumentException if the property is present but not a number
   */
  public OptionalDouble getDouble(String key) {
    Object v = values.get(key);
    if (v == null) {
      return OptionalDouble.empty();
    }
    if (v instanceof Number) {
      return OptionalDouble.of(((Number) v).doubleValue());
    }
    throw wrongType(key, v, "a number");
  }

  /**
   * Returns a number property as a {@link BigDecimal}, exactly.
   *
   * @param key the property name
   * @return the value, or empty when absent
   * @throws IllegalArgumentException if the property is present but not a number
   */
  public Optional<BigDecimal> getDecimal(String key) {
    Object v = values.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof BigDecimal) {
      return Optional.of((BigDecimal) v);
    }
    if (v instanceof BigInteger) {
      return Optional.of(new BigDecimal((BigInteger) v));
    }
    if (v instanceof Long) {
      return Optional.of(BigDecimal.valueOf((Long) v));
    }
    if (v instanceof Double) {
      return Optional.of(BigDecimal.valueOf((Double) v));
    }
    throw wrongType(key, v, "a number");
  }

  /**
   * Returns a boolean property.
   *
   * @param key the property name
   * @return the value, or empty when absent
   * @throws IllegalArgumentException if the property is present but not a boolean
   */
  public Optional<Boolean> getBoolean(String key) {
    Object v = values.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Boolean) {
      return Optional.of((Boolean) v);
    }
    throw wrongType(key, v, "a Boolean");
  }

  /**
   * Returns a list property (for example a survey answer's {@code themes}); a single string is
   * returned as a list of one.
   *
   * @param key the property name
   * @return the list, empty when absent
   * @throws IllegalArgumentException if the property is present but neither a list nor a string
   */
  public List<Object> getList(String key) {
    Object v = values.get(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List) {
      @SuppressWarnings("unchecked")
      List<Object> list = (List<Object>) v;
      return list;
    }
    if (v instanceof String) {
      return List.of(v);
    }
    throw wrongType(key, v, "a List");
  }

  /**
   * Returns the property names, sorted.
   *
   * @return the names
   */
  public Set<String> names() {
    return values.keySet();
  }

  /**
   * Returns the properties as an immutable map, sorted by name.
   *
   * @return the map
   */
  public Map<String, Object> asMap() {
    return values;
  }

  /**
   * Returns the number of properties.
   *
   * @return the size
   */
  public int size() {
    return values.size();
  }

  /**
   * Tells whether there is no property.
   *
   * @return whether empty
   */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  private static IllegalArgumentException wrongType(String key, Object v, String wanted) {
    return new IllegalArgumentException(
        "property '" + key + "' is a " + v.getClass().getSimpleName() + " (" + v + "), not "
            + wanted);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Properties && ((Properties) o).values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
