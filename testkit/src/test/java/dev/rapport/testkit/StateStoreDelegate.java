package dev.rapport.testkit;

import dev.rapport.core.CustomerId;
import dev.rapport.core.engine.Codec;
import dev.rapport.core.engine.StateStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A store that hands every call to another: to break one method in a test. */
class StateStoreDelegate implements StateStore {
  private final StateStore delegate;

  StateStoreDelegate(StateStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public Transaction begin(CustomerId customer) {
    return delegate.begin(customer);
  }

  @Override
  public List<Due> due(Instant upTo, int limit) {
    return delegate.due(upTo, limit);
  }

  @Override
  public long size() {
    return delegate.size();
  }

  @Override
  public void add(String counter, long delta) {
    delegate.add(counter, delta);
  }

  @Override
  public long counter(String counter) {
    return delegate.counter(counter);
  }

  @Override
  public Map<String, Long> counters(String prefix) {
    return delegate.counters(prefix);
  }

  @Override
  public List<Cell> series(String series) {
    return delegate.series(series);
  }

  @Override
  public List<String> seriesKeys(String prefix) {
    return delegate.seriesKeys(prefix);
  }

  @Override
  public long measures(String prefix,
      java.util.function.BiConsumer<String, List<Cell>> each) {
    return delegate.measures(prefix, each);
  }

  @Override
  public void prune(String series, long beforeBucket) {
    delegate.prune(series, beforeBucket);
  }

  @Override
  public <V> Optional<Versioned<V>> shared(String key, Codec<V> codec) {
    return delegate.shared(key, codec);
  }

  @Override
  public <V> boolean putShared(String key, V value, Codec<V> codec, long expectedVersion) {
    return delegate.putShared(key, value, codec, expectedVersion);
  }

  @Override
  public <D> List<D> undelivered(Codec<D> codec, int limit) {
    return delegate.undelivered(codec, limit);
  }

  @Override
  public void delivered(String dispatchId) {
    delegate.delivered(dispatchId);
  }

  @Override
  public long changes() {
    return delegate.changes();
  }
}
