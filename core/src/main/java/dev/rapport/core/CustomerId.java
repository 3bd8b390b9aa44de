package dev.rapport.core;

import java.util.Objects;

/**
 * The host's identifier of a customer: a non-blank string with no surrounding whitespace.
 *
 * <pre>{@code
 * CustomerId ada = CustomerId.of("c-1");
 * }</pre>
 */
public final class CustomerId implements Comparable<CustomerId> {
  private final String value;

  private CustomerId(String value) {
    this.value = value;
  }

  /**
   * Returns the id for a host's customer identifier.
   *
   * @param value the identifier
   * @return the id
   * @throws IllegalArgumentException if {@code value} is null, blank or has surrounding
   *     whitespace
   */
  public static CustomerId of(String value) {
    if (value == null) {
      throw new IllegalArgumentException("customer id is null; give the host's customer id");
    }
    if (value.isBlank()) {
      throw new IllegalArgumentException(
          "customer id is blank (\"" + value + "\"); give the host's customer id");
    }
    if (!value.strip().equals(value)) {
      throw new IllegalArgumentException(
          "customer id \"" + value + "\" has leading or trailing whitespace; strip it first");
    }
    return new CustomerId(value);
  }

  /**
   * Returns the identifier as the host gave it.
   *
   * @return the identifier
   */
  public String value() {
    return value;
  }

  @Override
  public int compareTo(CustomerId other) {
    return value.compareTo(other.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CustomerId && ((CustomerId) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(value);
  }

  /** Returns the identifier. */
  @Override
  public String toString() {
    return value;
  }
}
