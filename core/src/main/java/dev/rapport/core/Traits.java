package dev.rapport.core;

import dev.rapport.core.internal.ArrayMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A customer's traits: an immutable, typed map from {@link TraitKey} to value.
 *
 * <p>Copy-on-write: {@link #set} returns a new {@code Traits} and leaves this one as it was, so
 * a {@code Traits} can be shared freely.
 *
 * <pre>{@code
 * Traits t = Traits.empty().set(TraitKey.EMAIL_ADDRESS, "ada@example.com").set(PLAN, "team");
 * engine.identify("c-1", t);
 * }</pre>
 */
public final class Traits {
  private static final Traits EMPTY = new Traits(ArrayMap.empty());

  private final ArrayMap<Entry<?>> entries;

  private Traits(ArrayMap<Entry<?>> entries) {
    this.entries = entries;
  }

  /**
   * Returns no traits.
   *
   * @return the empty traits
   */
  public static Traits empty() {
    return EMPTY;
  }

  /**
   * Returns a copy with a trait set, replacing any earlier value of the same key.
   *
   * @param key the trait
   * @param value its value
   * @param <T> the trait's type
   * @return the new traits
   * @throws IllegalArgumentException if the key or value is null, the value is not of the key's
   *     type, or the name is already used by a trait of another type
   */
  public <T> Traits set(TraitKey<T> key, T value) {
    if (key == null) {
      throw new IllegalArgumentException("trait key is null; give a TraitKey");
    }
    if (value == null) {
      throw new IllegalArgumentException("trait '" + key.name()
          + "': value is null; give a value, or unset the trait with Profile.unset(key)");
    }
    if (!key.type().isInstance(value)) {
      throw new IllegalArgumentException("trait '" + key.name() + "': value " + value + " is a "
          + value.getClass().getName() + ", not a " + key.type().getName());
    }
    if (value instanceof Double && !Double.isFinite((Double) value)) {
      throw new IllegalArgumentException("trait '" + key.name() + "': value is " + value
          + "; give a finite number");
    }
    Entry<?> existing = entries.get(key.name());
    if (existing != null && !existing.key.equals(key)) {
      throw new IllegalArgumentException("trait '" + key.name() + "' holds " 
          + existing.key.type().getSimpleName() + " values; cannot set a "
          + key.type().getSimpleName() + "; use another name or the same type");
    }
    return new Traits(entries.with(key.name(), new Entry<>(key, value)));
  }

  /**
   * Returns a copy with every trait of another {@code Traits} set on this one, the other's values
   * winning.
   *
   * @param other the traits to merge in
   * @return the merged traits
   * @throws IllegalArgumentException if a name holds values of different types in the two
   */
  public Traits merge(Traits other) {
    Traits out = this;
    for (Entry<?> e : other.entries.values()) {
      out = out.setEntry(e);
    }
    return out;
  }

  private <T> Traits setEntry(Entry<T> e) {
    return set(e.key, e.value);
  }

  /**
   * Returns a copy without a trait.
   *
   * @param name the trait's name
   * @return the new traits
   */
  public Traits remove(String name) {
    ArrayMap<Entry<?>> rest = entries.without(name);
    return rest == entries ? this : new Traits(rest);
  }

  /**
   * Returns a trait's value.
   *
   * @param key the trait
   * @param <T> its type
   * @return the value, or empty when the customer has none
   * @throws IllegalArgumentException if the trait holds values of another type
   */
  public <T> Optional<T> get(TraitKey<T> key) {
    Entry<?> e = entries.get(key.name());
    if (e == null) {
      return Optional.empty();
    }
    if (!e.key.equals(key)) {
      throw new IllegalArgumentException("trait '" + key.name() + "' holds "
          + e.key.type().getSimpleName() + " values, not " + key.type().getSimpleName());
    }
    return Optional.of(key.type().cast(e.value));
  }

  /**
   * Returns a trait's value by name, whatever its type.
   *
   * @param name the trait's name
   * @return the value, or empty
   */
  public Optional<Object> get(String name) {
    Entry<?> e = entries.get(name);
    return e == null ? Optional.empty() : Optional.of(e.value);
  }

  /**
   * Tells whether a trait is set.
   *
   * @param key the trait
   * @return whether it has a value
   */
  public boolean has(TraitKey<?> key) {
    return entries.containsKey(key.name());
  }

  /**
   * Returns the names of the traits that are set, sorted.
   *
   * @return the names
   */
  public Set<String> names() {
    return entries.keySet();
  }

  /**
   * Returns the traits as a map from name to value, sorted by name.
   *
   * @return the map
   */
  public Map<String, Object> asMap() {
    return entries.mapValues(e -> e.value);
  }

  /**
   * Returns the number of traits set.
   *
   * @return the size
   */
  public int size() {
    return entries.size();
  }

  /**
   * Tells whether no trait is set.
   *
   * @return whether empty
   */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Traits && ((Traits) o).entries.equals(entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  /** Returns the trait names only: values stay out of logs. */
  @Override
  public String toString() {
    return "Traits" + entries.keySet();
  }

  private static final class Entry<T> {
    final TraitKey<T> key;
    final T value;

    Entry(TraitKey<T> key, T value) {
      this.key = key;
      this.value = value;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Entry && ((Entry<?>) o).key.equals(key)
          && ((Entry<?>) o).value.equals(value);
    }

    @Override
    public int hashCode() {
      return key.hashCode() * 31 + value.hashCode();
    }
  }
}
