package dev.rapport.core.engine;

/**
 * The versioned binary format of a customer's record, what a durable store keeps.
 *
 * <p>Layout: the magic bytes {@code R C} and the format version (one byte), then the record as
 * {@link CustomerRecord#writeTo} writes it: names rather than the engine's integers, instants as
 * nanoseconds, numbers as variable-length integers. Format 7 is the current one: format 6 and, at
 * its end, the customer's first exposure to each action with a holdout ({@link Exposure}: the
 * action, the time, the arm, whether a conversion was counted); a record of format 6 or older
 * reads with none. Format 6 added the customer's value (purchases and score values, see {@link
 * CustomerValue}); a record of format 5 or older reads with nothing bought and no score yet.
 * Format 5 added the ids
 * merged into the customer (a record of format 4 reads with none), format 4 the
 * keys of keyed waits in enrollments (a record of format 3 reads with none: its enrollments were
 * made before keyed waits existed), format 3 the refusals (a record of format 2 reads with none
 * kept and none forgotten), format 2 the occasions per event type (they are counted when a
 * record of format 1 is read). When the format
 * changes, the version goes up, and {@link #decode} keeps a reader for every older version that
 * upgrades what it reads (a field added with its default, a field dropped, a layout reordered);
 * a golden record of each version is kept in the tests and must still decode.
 */
final class RecordCodec implements Codec<CustomerRecord> {
  /** The current format version. */
  static final int VERSION = 7;
  private static final int MAGIC_1 = 'R';
  private static final int MAGIC_2 = 'C';

  private final Names names;

  RecordCodec(Names names) {
    this.names = names;
  }

  @Override
  public byte[] encode(CustomerRecord record) {
    Bytes.Writer w = Bytes.Writer.reused();
    try {
      w.byte1(MAGIC_1);
      w.byte1(MAGIC_2);
      w.byte1(VERSION);
      record.writeTo(w, names);
      return w.toByteArray();
    } finally {
      w.release();
    }
  }

  @Override
  public CustomerRecord decode(byte[] bytes) {
    Bytes.Reader r = new Bytes.Reader(bytes, "customer record");
    if (bytes.length < 3 || r.byte1() != MAGIC_1 || r.byte1() != MAGIC_2) {
      throw new CodecException("customer record: the bytes do not start with the record's "
          + "magic 'RC'; they are not a Rapport customer record (" + bytes.length + " bytes)");
    }
    int version = r.byte1();
    CustomerRecord record;
    switch (version) {
      case 1:
      case 2:
      case 3:
      case 4:
      case 5:
      case 6:
      case 7:
        record = CustomerRecord.readFrom(r, names, version);
        break;
      default:
        throw new CodecException("customer record: format version " + version + " is newer "
            + "than this release reads (up to " + VERSION + "); upgrade Rapport on this engine");
    }
    if (!r.atEnd()) {
      throw new CodecException("customer record: " + (bytes.length - r.position())
          + " bytes are left after a complete record of format " + version + "; the bytes are "
          + "not a customer record");
    }
    return record;
  }
}
