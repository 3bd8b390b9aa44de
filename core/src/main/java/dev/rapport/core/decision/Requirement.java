package dev.rapport.core.decision;

import dev.rapport.core.Customer;
import dev.rapport.core.internal.Checks;
import java.util.Objects;

/**
 * Something a rule needs the customer to have for its condition to have a chance: an event type
 * done, a segment, a persona or a moment reached. Declared requirements let the engine index
 * rules by what they look at, so that a decision over a thousand rules only evaluates the rules
 * whose requirements the customer meets.
 */
public final class Requirement {
  /** What a requirement looks at. */
  public enum Kind {
    /** An event type the customer has done. */
    EVENT,
    /** A segment the customer is in. */
    SEGMENT,
    /** A persona the customer matches. */
    PERSONA,
    /** A moment the customer reached. */
    MOMENT
  }

  private final Kind kind;
  private final String name;

  private Requirement(Kind kind, String name) {
    this.kind = kind;
    this.name = name;
  }

  /**
   * Returns a requirement.
   *
   * @param kind what it looks at
   * @param name the event type, segment, persona or moment
   * @return the requirement
   * @throws IllegalArgumentException if the kind is null or the name blank
   */
  public static Requirement of(Kind kind, String name) {
    if (kind == null) {
      throw new IllegalArgumentException("requirement: kind is null; give EVENT, SEGMENT, "
          + "PERSONA or MOMENT");
    }
    return new Requirement(kind, Checks.name("requirement " + kind.name().toLowerCase(
        java.util.Locale.ROOT), name));
  }

  /**
   * Returns what the requirement looks at.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Returns the event type, segment, persona or moment.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Tells whether a customer meets the requirement.
   *
   * @param customer the customer
   * @return whether met
   */
  public boolean isMetBy(Customer customer) {
    switch (kind) {
      case EVENT:
        return customer.hasDone(name);
      case SEGMENT:
        return customer.in(name);
      case PERSONA:
        return customer.is(name);
      default:
        return customer.reached(name);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Requirement && ((Requirement) o).kind == kind
        && ((Requirement) o).name.equals(name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, name);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + name;
  }
}
