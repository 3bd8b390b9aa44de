package dev.rapport.core.engine;

import dev.rapport.core.CustomerId;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A customer's record as an engine stored it: its encoded bytes and version, comparable, so that
 * a test can show that a call changed nothing.
 *
 * @param bytes the encoded record, in hexadecimal
 * @param version its version in the store
 */
record Stored(String bytes, long version) {

  /** Reads the record an engine stored for a customer. */
  static Optional<Stored> of(Engine engine, CustomerId id) {
    return ((DefaultEngine) engine).stored(id)
        .map(v -> new Stored(HexFormat.of().formatHex(v.value()), v.version()));
  }

  /** Reads the record an engine stored for a customer. */
  static Optional<Stored> of(Engine engine, String id) {
    return of(engine, CustomerId.of(id));
  }
}
