package dev.rapport.store.jdbc;

import dev.rapport.core.CustomerId;
import dev.rapport.core.engine.Codec;
import dev.rapport.core.engine.StateStore;
import java.nio.ByteBuffer;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What the batch tests store: a record changed in place, as the engine's are, its codec (with a
 * hook each test uses to watch or hold its encodings), and one call on it.
 */
final class Tallies {
  private Tallies() {}

  /** A record changed in place, as the engine's are: a count of the calls that changed it. */
  static final class Tally {
    int calls;
  }

  /** Encodes a tally as its count; {@link #encoding} runs first, for the tests to watch. */
  static class TallyCodec implements Codec<Tally> {
    /** Called on the encoding thread before a tally is encoded; does nothing here. */
    void encoding(Tally value) {}

    @Override
    public final byte[] encode(Tally value) {
      encoding(value);
      return ByteBuffer.allocate(4).putInt(value.calls).array();
    }

    @Override
    public final Tally decode(byte[] bytes) {
      Tally t = new Tally();
      t.calls = ByteBuffer.wrap(bytes).getInt();
      return t;
    }
  }

  /** One call: reads the customer's tally (or starts one), counts itself in it, commits. */
  static void call(StateStore store, TallyCodec codec, String customer) {
    try (StateStore.Transaction tx = store.begin(CustomerId.of(customer))) {
      Tally t = tx.read(codec).map(StateStore.Versioned::value).orElseGet(Tally::new);
      t.calls++;
      tx.write(t, codec, Optional.empty());
      tx.commit();
    }
  }

  /** The count stored for a customer, read by a store of its own outside any batch. */
  static int stored(DataSource ds, String customer) {
    try (JdbcStateStore reader = JdbcStateStore.open(ds);
        StateStore.Transaction tx = reader.begin(CustomerId.of(customer))) {
      return tx.read(new TallyCodec()).map(v -> v.value().calls).orElse(0);
    }
  }
}
