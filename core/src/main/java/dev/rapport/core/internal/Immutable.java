package dev.rapport.core.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Unmodifiable copies that keep the order their elements were given in, which the JDK's {@code
 * Set.copyOf} and {@code Map.copyOf} do not: what the model's values hold and iterate in a
 * stable order. None of them accepts a null element, key or value.
 */
public final class Immutable {
  private Immutable() {}

  /**
   * Returns an unmodifiable copy of a collection as a list, in its iteration order.
   *
   * @param items the elements
   * @param <T> their type
   * @return the list
   * @throws NullPointerException if an element is null
   */
  public static <T> List<T> list(Collection<? extends T> items) {
    return List.copyOf(items);
  }

  /**
   * Returns a list with one more element at its end.
   *
   * @param list the list
   * @param item the element to append
   * @param <T> their type
   * @return the new, unmodifiable list
   * @throws NullPointerException if the element is null
   */
  public static <T> List<T> append(List<T> list, T item) {
    List<T> out = new ArrayList<>(list.size() + 1);
    out.addAll(list);
    out.add(Objects.requireNonNull(item, "element"));
    return Collections.unmodifiableList(out);
  }

  /**
   * Returns an unmodifiable set of a collection's distinct elements, in their first order.
   *
   * @param items the elements
   * @param <T> their type
   * @return the set
   * @throws NullPointerException if an element is null
   */
  public static <T> Set<T> set(Collection<? extends T> items) {
    if (items.isEmpty()) {
      return Set.of();
    }
    Set<T> out = new LinkedHashSet<>(items.size() * 2);
    for (T item : items) {
      out.add(Objects.requireNonNull(item, "element"));
    }
    return Collections.unmodifiableSet(out);
  }

  /**
   * Returns a set with one more element at its end, or the same set if it has it.
   *
   * @param set the set
   * @param item the element
   * @param <T> their type
   * @return the set
   * @throws NullPointerException if the element is null
   */
  public static <T> Set<T> with(Set<T> set, T item) {
    if (set.contains(Objects.requireNonNull(item, "element"))) {
      return set;
    }
    Set<T> out = new LinkedHashSet<>(set);
    out.add(item);
    return Collections.unmodifiableSet(out);
  }

  /**
   * Returns a set without an element, or the same set if it does not have it.
   *
   * @param set the set
   * @param item the element
   * @param <T> their type
   * @return the set
   */
  public static <T> Set<T> without(Set<T> set, Object item) {
    if (!set.contains(item)) {
      return set;
    }
    Set<T> out = new LinkedHashSet<>(set);
    out.remove(item);
    return Collections.unmodifiableSet(out);
  }

  /**
   * Returns an unmodifiable copy of a map, in its iteration order.
   *
   * @param map the map
   * @param <K> the type of its keys
   * @param <V> the type of its values
   * @return the copy
   * @throws NullPointerException if a key or a value is null
   */
  public static <K, V> Map<K, V> map(Map<? extends K, ? extends V> map) {
    if (map.isEmpty()) {
      return Map.of();
    }
    Map<K, V> out = new LinkedHashMap<>(map.size() * 2);
    map.forEach((k, v) -> out.put(Objects.requireNonNull(k, "key"),
        Objects.requireNonNull(v, "value")));
    return Collections.unmodifiableMap(out);
  }
}
