package dev.rapport.core.engine;

import dev.rapport.core.CustomerId;
import dev.rapport.core.internal.Checks;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What to ask {@link Engine#refusals(RefusalQuery)}: one customer's refusals, narrowed to an
 * action, a journey and a time range. Immutable: each narrowing returns a new query.
 *
 * <pre>{@code
 * RefusalLog log = engine.refusals(RefusalQuery.of("c-1")
 *     .action("spring-promo")
 *     .between(monday, monday.plus(Duration.ofDays(7))));
 * }</pre>
 */
public final class RefusalQuery {
  private static final String OWNER = "refusal query";

  private final CustomerId customer;
  private final String action;
  private final String journey;
  private final Instant from;
  private final Instant to;

  private RefusalQuery(CustomerId customer, String action, String journey, Instant from,
      Instant to) {
    this.customer = customer;
    this.action = action;
    this.journey = journey;
    this.from = from;
    this.to = to;
  }

  /**
   * Returns a query of every refusal kept for a customer.
   *
   * @param customerId the customer
   * @return the query
   * @throws IllegalArgumentException if the id is null or blank
   */
  public static RefusalQuery of(String customerId) {
    return new RefusalQuery(CustomerId.of(customerId), null, null, null, null);
  }

  /**
   * Narrows the query to the refusals of one action.
   *
   * @param name the action's name
   * @return the narrowed query
   * @throws IllegalArgumentException if the name is null or blank
   * @throws IllegalStateException if an action was already given
   */
  public RefusalQuery action(String name) {
    Checks.name(OWNER + ": action", name);
    Checks.once(OWNER, "action", action != null);
    return new RefusalQuery(customer, name, journey, from, to);
  }

  /**
   * Narrows the query to the refusals of one journey's steps (decisions are left out).
   *
   * @param name the journey's name
   * @return the narrowed query
   * @throws IllegalArgumentException if the name is null or blank
   * @throws IllegalStateException if a journey was already given
   */
  public RefusalQuery journey(String name) {
    Checks.name(OWNER + ": journey", name);
    Checks.once(OWNER, "journey", journey != null);
    return new RefusalQuery(customer, action, name, from, to);
  }

  /**
   * Narrows the query to a time range, from {@code from} (included) to {@code to} (excluded).
   *
   * @param from the start, included
   * @param to the end, excluded
   * @return the narrowed query
   * @throws IllegalArgumentException if an instant is null, or {@code to} is before {@code from}
   * @throws IllegalStateException if a range was already given
   */
  public RefusalQuery between(Instant from, Instant to) {
    Checks.notNull(OWNER, "from", from);
    Checks.notNull(OWNER, "to", to);
    if (to.isBefore(from)) {
      throw new IllegalArgumentException(OWNER + ": between(" + from + ", " + to + ") ends "
          + "before it starts; give the earlier instant first");
    }
    Checks.once(OWNER, "between", this.from != null);
    return new RefusalQuery(customer, action, journey, from, to);
  }

  /**
   * Returns the customer asked about.
   *
   * @return the customer
   */
  public CustomerId customer() {
    return customer;
  }

  /**
   * Returns the action the query is narrowed to.
   *
   * @return the action's name, if any
   */
  public Optional<String> action() {
    return Optional.ofNullable(action);
  }

  /**
   * Returns the journey the query is narrowed to.
   *
   * @return the journey's name, if any
   */
  public Optional<String> journey() {
    return Optional.ofNullable(journey);
  }

  /**
   * Returns the start of the time range, included.
   *
   * @return the start, if a range was given
   */
  public Optional<Instant> from() {
    return Optional.ofNullable(from);
  }

  /**
   * Returns the end of the time range, excluded.
   *
   * @return the end, if a range was given
   */
  public Optional<Instant> to() {
    return Optional.ofNullable(to);
  }

  /** Whether a refusal kept in a record answers the query. */
  boolean matches(String refusedAction, String refusedJourney, long atNanos) {
    return (action == null || action.equals(refusedAction))
        && (journey == null || journey.equals(refusedJourney))
        && (from == null || atNanos >= Times.of(from))
        && (to == null || atNanos < Times.of(to));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RefusalQuery q && customer.equals(q.customer)
        && Objects.equals(action, q.action) && Objects.equals(journey, q.journey)
        && Objects.equals(from, q.from) && Objects.equals(to, q.to);
  }

  @Override
  public int hashCode() {
    return Objects.hash(customer, action, journey, from, to);
  }

  @Override
  public String toString() {
    return "refusals of " + customer + (action != null ? ", action " + action : "")
        + (journey != null ? ", journey " + journey : "")
        + (from != null ? ", from " + from + " to " + to : "");
  }
}
