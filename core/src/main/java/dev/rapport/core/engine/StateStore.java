package dev.rapport.core.engine;

import dev.rapport.core.CustomerId;
import java.time.Instant;
import java.util.Optional;

/**
 * Where the engine keeps every customer's state: the one place it reads and writes it.
 *
 * <p>Writes are optimistic: the engine reads a state with its version, computes the new state,
 * and puts it back only if the version is still the one it read. A store shared by several
 * engine instances (a database, a distributed host) thereby never loses an update; the engine
 * retries on a conflict. Versions start at 1 for a new customer; 0 means "absent".
 *
 * <p>Implementations must be safe to call from many threads.
 */
public interface StateStore {

  /**
   * Returns the default store, which keeps every state in memory.
   *
   * @return a new, empty in-memory store
   */
  static StateStore inMemory() {
    return new InMemoryStateStore();
  }

  /**
   * Reads a customer's state and its version.
   *
   * @param customer the customer
   * @return the stored state, or empty if the store holds nothing for them
   */
  Optional<Stored> get(CustomerId customer);

  /**
   * Writes a customer's state if the stored version is still the expected one.
   *
   * @param customer the customer
   * @param state the new state
   * @param expectedVersion the version read, or 0 if nothing was stored
   * @return the new version, or empty if the stored version was not the expected one
   */
  Optional<Long> put(CustomerId customer, CustomerState state, long expectedVersion);

  /**
   * Removes everything stored about a customer.
   *
   * @param customer the customer
   * @return whether anything was stored
   */
  boolean remove(CustomerId customer);

  /**
   * Returns the customer whose earliest timer ({@link CustomerState#nextDue()}) is the earliest
   * of all, if it is due at or before an instant; ties go to the smaller customer id. The engine's
   * {@code advanceTo} calls it until it finds nothing, firing one customer's timers at a time.
   *
   * @param upTo the latest due time wanted
   * @return the customer and its due time, or empty
   */
  Optional<Due> firstDue(Instant upTo);

  /**
   * Reads a value shared by every customer, such as a propensity model's counts.
   *
   * @param key the key
   * @return the value and its version, or empty
   */
  Optional<SharedValue> getShared(String key);

  /**
   * Writes a shared value if its stored version is still the expected one. Values are
   * immutable.
   *
   * @param key the key
   * @param value the new value
   * @param expectedVersion the version read, or 0 if there was none
   * @return the new version, or empty if the stored version was not the expected one
   */
  Optional<Long> putShared(String key, Object value, long expectedVersion);

  /**
   * Returns how many customers the store holds.
   *
   * @return the count
   */
  long size();

  /**
   * A state and the version it was stored with.
   *
   * @param state the state
   * @param version its version, 1 or more
   */
  record Stored(CustomerState state, long version) {}

  /**
   * A shared value and the version it was stored with.
   *
   * @param value the value
   * @param version its version, 1 or more
   */
  record SharedValue(Object value, long version) {}

  /**
   * A customer with a timer due.
   *
   * @param at when
   * @param customer who
   */
  record Due(Instant at, CustomerId customer) implements Comparable<Due> {
    @Override
    public int compareTo(Due other) {
      int c = at.compareTo(other.at);
      return c != 0 ? c : customer.compareTo(other.customer);
    }
  }
}
