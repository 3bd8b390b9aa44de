package dev.rapport.testkit;

import dev.rapport.core.CustomerId;
import dev.rapport.core.engine.Codec;
import dev.rapport.core.engine.StateStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * A state store that hands every call to another, for a test that changes one method: a store
 * that fails at a chosen point, counts commits or reports what the engine marked delivered.
 * Override what the test needs; everything else, {@link #holdsTwoCustomers()} included, is the
 * delegate's.
 *
 * <pre>{@code
 * StateStore failing = new ForwardingStateStore(StateStore.inMemory()) {
 *   @Override
 *   public void delivered(String dispatchId) {
 *     throw new StoreException("the database went away", null);
 *   }
 * };
 * }</pre>
 */
public abstract class ForwardingStateStore implements StateStore {
  private final StateStore delegate;

  /**
   * Makes a store that forwards to another.
   *
   * @param delegate the store every call goes to
   * @throws IllegalArgumentException if the delegate is null
   */
  protected ForwardingStateStore(StateStore delegate) {
    if (delegate == null) {
      throw new IllegalArgumentException("ForwardingStateStore: delegate is null; give the store "
          + "every call goes to, such as StateStore.inMemory()");
    }
    this.delegate = delegate;
  }

  /**
   * Returns the store every call goes to.
   *
   * @return the delegate
   */
  protected StateStore delegate() {
    return delegate;
  }

  @Override
  public Transaction begin(CustomerId customer) {
    return delegate.begin(customer);
  }

  @Override
  public boolean holdsTwoCustomers() {
    return delegate.holdsTwoCustomers();
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
      BiConsumer<String, List<Cell>> each) {
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
