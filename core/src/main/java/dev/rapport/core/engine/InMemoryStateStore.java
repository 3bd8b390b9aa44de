package dev.rapport.core.engine;

import dev.rapport.core.CustomerId;
import dev.rapport.core.engine.CustomerState;
import dev.rapport.core.engine.StateStore;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The default {@link StateStore}: a concurrent map, versions compared on every put, and a sorted
 * index of each customer's earliest timer, kept in step with the states inside the map's atomic
 * update so that the index never disagrees with a stored state.
 */
final class InMemoryStateStore implements StateStore {
  private final ConcurrentHashMap<CustomerId, Stored> states = new ConcurrentHashMap<>();
  private final ConcurrentSkipListSet<Due> timers = new ConcurrentSkipListSet<>();
  private final ConcurrentHashMap<String, SharedValue> shared = new ConcurrentHashMap<>();

  @Override
  public Optional<Stored> get(CustomerId customer) {
    return Optional.ofNullable(states.get(customer));
  }

  @Override
  public Optional<Long> put(CustomerId customer, CustomerState state, long expectedVersion) {
    long[] written = {-1};
    states.compute(customer, (id, current) -> {
      long version = current == null ? 0 : current.version();
      if (version != expectedVersion) {
        return current;
      }
      reindex(id, current == null ? null : current.state(), state);
      written[0] = version + 1;
      return new Stored(state, version + 1);
    });
    return written[0] < 0 ? Optional.empty() : Optional.of(written[0]);
  }

  private void reindex(CustomerId id, CustomerState before, CustomerState after) {
    Optional<Instant> old = before == null ? Optional.empty() : before.nextDue();
    Optional<Instant> now = after == null ? Optional.empty() : after.nextDue();
    if (old.equals(now)) {
      return;
    }
    old.ifPresent(t -> timers.remove(new Due(t, id)));
    now.ifPresent(t -> timers.add(new Due(t, id)));
  }

  @Override
  public boolean remove(CustomerId customer) {
    boolean[] removed = {false};
    states.computeIfPresent(customer, (id, current) -> {
      reindex(id, current.state(), null);
      removed[0] = true;
      return null;
    });
    return removed[0];
  }

  @Override
  public Optional<Due> firstDue(Instant upTo) {
    // an iterator, not isEmpty() then first(): another thread may empty the set in between
    Iterator<Due> it = timers.iterator();
    if (!it.hasNext()) {
      return Optional.empty();
    }
    Due first = it.next();
    return first.at().isAfter(upTo) ? Optional.empty() : Optional.of(first);
  }

  @Override
  public Optional<SharedValue> getShared(String key) {
    return Optional.ofNullable(shared.get(key));
  }

  @Override
  public Optional<Long> putShared(String key, Object value, long expectedVersion) {
    long[] written = {-1};
    shared.compute(key, (k, current) -> {
      long version = current == null ? 0 : current.version();
      if (version != expectedVersion) {
        return current;
      }
      written[0] = version + 1;
      return new SharedValue(value, version + 1);
    });
    return written[0] < 0 ? Optional.empty() : Optional.of(written[0]);
  }

  @Override
  public long size() {
    return states.size();
  }
}
