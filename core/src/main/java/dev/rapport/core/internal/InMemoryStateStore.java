package dev.rapport.core.internal;

import dev.rapport.core.CustomerId;
import dev.rapport.core.engine.CustomerState;
import dev.rapport.core.engine.StateStore;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The default {@link StateStore}: a concurrent map, versions compared on every put. */
public final class InMemoryStateStore implements StateStore {
  private final ConcurrentHashMap<CustomerId, Stored> states = new ConcurrentHashMap<>();

  @Override
  public Optional<Stored> get(CustomerId customer) {
    return Optional.ofNullable(states.get(customer));
  }

  @Override
  public Optional<Long> put(CustomerId customer, CustomerState state, long expectedVersion) {
    if (expectedVersion == 0) {
      Stored fresh = new Stored(state, 1);
      return states.putIfAbsent(customer, fresh) == null ? Optional.of(1L) : Optional.empty();
    }
    long[] written = {-1};
    states.computeIfPresent(customer, (id, current) -> {
      if (current.version() != expectedVersion) {
        return current;
      }
      written[0] = expectedVersion + 1;
      return new Stored(state, expectedVersion + 1);
    });
    return written[0] < 0 ? Optional.empty() : Optional.of(written[0]);
  }

  @Override
  public boolean remove(CustomerId customer) {
    return states.remove(customer) != null;
  }

  @Override
  public long size() {
    return states.size();
  }
}
