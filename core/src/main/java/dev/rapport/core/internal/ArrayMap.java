package dev.rapport.core.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable map from strings, sorted by key, in two arrays: what traits and event properties
 * are kept in.
 *
 * <p>Design note. Customers have a few traits and events a few properties, read far more often
 * than written, mostly with the same string constants as keys: a lookup compares identities
 * first and falls back to a binary search only for larger maps, so a read allocates nothing and
 * touches two arrays. A change copies the arrays (changes are rare). Iteration is in key order,
 * and {@link #equals}, {@link #hashCode} and {@link #toString} are those of any {@link Map}.
 *
 * @param <V> the type of the values
 */
public final class ArrayMap<V> extends AbstractMap<String, V> {
  private static final ArrayMap<Object> EMPTY = new ArrayMap<>(new String[0], new Object[0]);
  /** Up to this size a lookup scans; above it, it searches. */
  private static final int SCAN = 8;

  private final String[] keys;
  private final Object[] values;

  private ArrayMap(String[] keys, Object[] values) {
    this.keys = keys;
    this.values = values;
  }

  /**
   * Returns the empty map.
   *
   * @param <V> the type of the values
   * @return the empty map
   */
  @SuppressWarnings("unchecked")
  public static <V> ArrayMap<V> empty() {
    return (ArrayMap<V>) EMPTY;
  }

  /**
   * Returns a map with the entries of another, sorted by key.
   *
   * @param map the entries; no key or value may be null
   * @param <V> the type of the values
   * @return the map
   * @throws NullPointerException if a key or a value is null
   */
  public static <V> ArrayMap<V> copyOf(Map<String, ? extends V> map) {
    if (map instanceof ArrayMap) {
      @SuppressWarnings("unchecked")
      ArrayMap<V> same = (ArrayMap<V>) map;
      return same;
    }
    if (map.isEmpty()) {
      return empty();
    }
    String[] ks = new String[map.size()];
    int n = 0;
    for (String k : map.keySet()) {
      ks[n++] = java.util.Objects.requireNonNull(k, "key");
    }
    Arrays.sort(ks);
    Object[] vs = new Object[ks.length];
    for (int i = 0; i < ks.length; i++) {
      vs[i] = java.util.Objects.requireNonNull(map.get(ks[i]), "value");
    }
    return new ArrayMap<>(ks, vs);
  }

  /**
   * Returns this map with a key set to a value, replacing the key's value if it had one.
   *
   * @param key the key
   * @param value the value
   * @return the new map
   * @throws NullPointerException if the key or the value is null
   */
  public ArrayMap<V> with(String key, V value) {
    java.util.Objects.requireNonNull(key, "key");
    java.util.Objects.requireNonNull(value, "value");
    int i = Arrays.binarySearch(keys, key);
    if (i >= 0) {
      Object[] vs = values.clone();
      vs[i] = value;
      return new ArrayMap<>(keys, vs);
    }
    int at = -i - 1;
    String[] ks = new String[keys.length + 1];
    Object[] vs = new Object[keys.length + 1];
    System.arraycopy(keys, 0, ks, 0, at);
    System.arraycopy(values, 0, vs, 0, at);
    ks[at] = key;
    vs[at] = value;
    System.arraycopy(keys, at, ks, at + 1, keys.length - at);
    System.arraycopy(values, at, vs, at + 1, keys.length - at);
    return new ArrayMap<>(ks, vs);
  }

  /**
   * Returns this map without a key.
   *
   * @param key the key
   * @return the new map, or this one if it did not have the key
   */
  public ArrayMap<V> without(String key) {
    int i = indexOf(key);
    if (i < 0) {
      return this;
    }
    if (keys.length == 1) {
      return empty();
    }
    String[] ks = new String[keys.length - 1];
    Object[] vs = new Object[keys.length - 1];
    System.arraycopy(keys, 0, ks, 0, i);
    System.arraycopy(values, 0, vs, 0, i);
    System.arraycopy(keys, i + 1, ks, i, keys.length - i - 1);
    System.arraycopy(values, i + 1, vs, i, keys.length - i - 1);
    return new ArrayMap<>(ks, vs);
  }

  /**
   * Returns a map with the same keys and each value transformed.
   *
   * @param f the transformation; it must not return null
   * @param <W> the type of the new values
   * @return the new map
   */
  public <W> ArrayMap<W> mapValues(java.util.function.Function<? super V, ? extends W> f) {
    Object[] vs = new Object[values.length];
    for (int i = 0; i < vs.length; i++) {
      vs[i] = java.util.Objects.requireNonNull(f.apply(valueAt(i)), "value");
    }
    return new ArrayMap<>(keys, vs);
  }

  /**
   * Returns the index of a key in key order, or -1.
   *
   * @param key the key
   * @return its index
   */
  public int indexOf(Object key) {
    String[] ks = keys;
    if (ks.length <= SCAN) {
      for (int i = 0; i < ks.length; i++) {
        if (ks[i] == key) {
          return i;
        }
      }
      if (!(key instanceof String)) {
        return -1;
      }
      for (int i = 0; i < ks.length; i++) {
        if (ks[i].equals(key)) {
          return i;
        }
      }
      return -1;
    }
    if (!(key instanceof String)) {
      return -1;
    }
    int i = Arrays.binarySearch(ks, key);
    return i >= 0 ? i : -1;
  }

  /**
   * Returns the key at an index, in key order.
   *
   * @param index the index
   * @return the key
   */
  public String keyAt(int index) {
    return keys[index];
  }

  /**
   * Returns the value at an index, in key order.
   *
   * @param index the index
   * @return the value
   */
  @SuppressWarnings("unchecked")
  public V valueAt(int index) {
    return (V) values[index];
  }

  @Override
  @SuppressWarnings("unchecked")
  public V get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : (V) values[i];
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

  @Override
  public Set<String> keySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<String> iterator() {
        return new Cursor<>() {
          @Override
          String at(int i) {
            return keys[i];
          }
        };
      }

      @Override
      public boolean contains(Object o) {
        return indexOf(o) >= 0;
      }

      @Override
      public int size() {
        return keys.length;
      }
    };
  }

  @Override
  public Set<Map.Entry<String, V>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, V>> iterator() {
        return new Cursor<>() {
          @Override
          Map.Entry<String, V> at(int i) {
            return new SimpleImmutableEntry<>(keys[i], valueAt(i));
          }
        };
      }

      @Override
      public int size() {
        return keys.length;
      }
    };
  }

  @Override
  public void forEach(java.util.function.BiConsumer<? super String, ? super V> action) {
    for (int i = 0; i < keys.length; i++) {
      action.accept(keys[i], valueAt(i));
    }
  }

  /** An iterator over the indices, read-only. */
  private abstract class Cursor<T> implements Iterator<T> {
    private int next;

    abstract T at(int i);

    @Override
    public boolean hasNext() {
      return next < keys.length;
    }

    @Override
    public T next() {
      if (next >= keys.length) {
        throw new NoSuchElementException();
      }
      return at(next++);
    }
  }
}
