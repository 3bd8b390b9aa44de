package dev.rapport.core.engine;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable map from strings to values, sorted by key, kept in two arrays.
 *
 * <p>Why not Guava's {@code ImmutableSortedMap}: a customer's state holds a handful of small maps
 * (its event types, moments, enrollments) that change one entry per event. Replacing one entry
 * here is one binary search and one array copy, with no builder and no sort, which matters at a
 * million events a second; the maps are also about half the size.
 *
 * @param <V> the values' type
 */
final class ArrayMap<V> extends AbstractMap<String, V> {
  private static final ArrayMap<?> EMPTY = new ArrayMap<>(new String[0], new Object[0]);

  private final String[] keys;
  private final Object[] values;

  private ArrayMap(String[] keys, Object[] values) {
    this.keys = keys;
    this.values = values;
  }

  /**
   * Returns the empty map.
   *
   * @param <V> the values' type
   * @return the empty map
   */
  @SuppressWarnings("unchecked")
  public static <V> ArrayMap<V> of() {
    return (ArrayMap<V>) EMPTY;
  }

  /**
   * Returns a copy of a map.
   *
   * @param map the map
   * @param <V> the values' type
   * @return the copy
   */
  public static <V> ArrayMap<V> copyOf(Map<String, ? extends V> map) {
    if (map instanceof ArrayMap) {
      @SuppressWarnings("unchecked")
      ArrayMap<V> same = (ArrayMap<V>) map;
      return same;
    }
    ArrayMap<V> out = of();
    for (Map.Entry<String, ? extends V> e : map.entrySet()) {
      out = out.with(e.getKey(), e.getValue());
    }
    return out;
  }

  private int indexOf(Object key) {
    if (!(key instanceof String)) {
      return -1;
    }
    // event types and journey names are usually the very strings the map was built with
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] == key) {
        return i;
      }
    }
    return Arrays.binarySearch(keys, key);
  }

  @Override
  @SuppressWarnings("unchecked")
  public V get(Object key) {
    int i = indexOf(key);
    return i >= 0 ? (V) values[i] : null;
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public int size() {
    return keys.length;
  }

  @Override
  public boolean isEmpty() {
    return keys.length == 0;
  }

  /**
   * Returns a copy with a key mapped to a value.
   *
   * @param key the key
   * @param value the value, not null
   * @return the new map, or this one if the key already maps to that same value
   */
  public ArrayMap<V> with(String key, V value) {
    int i = Arrays.binarySearch(keys, key);
    if (i >= 0) {
      if (values[i] == value) {
        return this;
      }
      Object[] v = values.clone();
      v[i] = value;
      return new ArrayMap<>(keys, v);
    }
    int at = -i - 1;
    String[] k = new String[keys.length + 1];
    Object[] v = new Object[keys.length + 1];
    System.arraycopy(keys, 0, k, 0, at);
    System.arraycopy(values, 0, v, 0, at);
    k[at] = key;
    v[at] = value;
    System.arraycopy(keys, at, k, at + 1, keys.length - at);
    System.arraycopy(values, at, v, at + 1, keys.length - at);
    return new ArrayMap<>(k, v);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void forEach(BiConsumer<? super String, ? super V> action) {
    for (int i = 0; i < keys.length; i++) {
      action.accept(keys[i], (V) values[i]);
    }
  }

  @Override
  public Set<Map.Entry<String, V>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, V>> iterator() {
        return new Iterator<>() {
          private int i;

          @Override
          public boolean hasNext() {
            return i < keys.length;
          }

          @Override
          @SuppressWarnings("unchecked")
          public Map.Entry<String, V> next() {
            if (i >= keys.length) {
              throw new NoSuchElementException();
            }
            Map.Entry<String, V> e = new SimpleImmutableEntry<>(keys[i], (V) values[i]);
            i++;
            return e;
          }
        };
      }

      @Override
      public int size() {
        return keys.length;
      }
    };
  }

  // AbstractMap's mutators throw UnsupportedOperationException: this map is immutable.
}
