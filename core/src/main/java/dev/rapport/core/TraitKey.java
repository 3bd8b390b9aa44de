package dev.rapport.core;

import dev.rapport.core.internal.Checks;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * A typed key of a customer trait: its name and the type of its value.
 *
 * <pre>{@code
 * static final TraitKey<String> PLAN = TraitKey.of("plan", String.class);
 * static final TraitKey<Long> SEATS = TraitKey.of("seats", Long.class);
 * ...
 * c.trait(PLAN).orElse("free")
 * }</pre>
 *
 * <p>Two keys with the same name are the same trait; giving a trait a value of another type than
 * the one it already holds is an error.
 *
 * @param <T> the type of the trait's value: String, Boolean, Long, Double, BigDecimal, Instant or
 *     LocalDate
 */
public final class TraitKey<T> {
  private static final Set<Class<?>> SUPPORTED = Set.of(
      String.class, Boolean.class, Long.class, Double.class, BigDecimal.class, Instant.class,
      LocalDate.class);

  /** The customer's email address; makes email reachable. */
  public static final TraitKey<String> EMAIL_ADDRESS = of("email_address", String.class);

  /** The customer's phone number; makes SMS reachable. */
  public static final TraitKey<String> PHONE_NUMBER = of("phone_number", String.class);

  /** The customer's push device token; makes push reachable. */
  public static final TraitKey<String> DEVICE_TOKEN = of("device_token", String.class);

  private final String name;
  private final Class<T> type;

  private TraitKey(String name, Class<T> type) {
    this.name = name;
    this.type = type;
  }

  /**
   * Returns the key of a trait.
   *
   * @param name the trait's name
   * @param type the type of its values
   * @param <T> that type
   * @return the key
   * @throws IllegalArgumentException if the name is blank or the type is not supported
   */
  public static <T> TraitKey<T> of(String name, Class<T> type) {
    Checks.name("trait", name);
    if (type == null) {
      throw new IllegalArgumentException("trait '" + name + "': type is null; give one of "
          + "String, Boolean, Long, Double, BigDecimal, Instant, LocalDate");
    }
    if (!SUPPORTED.contains(type)) {
      throw new IllegalArgumentException("trait '" + name + "': type " + type.getName()
          + " is not supported; use one of String, Boolean, Long, Double, BigDecimal, Instant, "
          + "LocalDate");
    }
    return new TraitKey<>(name, type);
  }

  /**
   * Returns the trait's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the type of the trait's values.
   *
   * @return the type
   */
  public Class<T> type() {
    return type;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TraitKey && ((TraitKey<?>) o).name.equals(name)
        && ((TraitKey<?>) o).type.equals(type);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type);
  }

  @Override
  public String toString() {
    return name + ":" + type.getSimpleName();
  }
}
