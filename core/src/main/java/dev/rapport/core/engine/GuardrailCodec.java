package dev.rapport.core.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The codec of a guardrail's state as shared in the store: format version 1 is a version byte,
 * whether breached, the value and sample when it last changed, and since when (nanoseconds, or
 * none).
 */
final class GuardrailCodec implements Codec<GuardrailCodec.State> {
  static final GuardrailCodec INSTANCE = new GuardrailCodec();
  private static final int VERSION = 1;

  /** A guardrail's state. */
  record State(boolean breached, double value, long sample, Instant since) {}

  private GuardrailCodec() {}

  @Override
  public byte[] encode(State s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeBoolean(s.breached());
      out.writeDouble(s.value());
      out.writeLong(s.sample());
      out.writeLong(s.since() == null ? Times.NONE : Times.of(s.since()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public State decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new CodecException("guardrail state: format version " + version + " is not one "
            + "this release reads (it reads " + VERSION + "); it was written by a newer "
            + "Rapport: upgrade this engine");
      }
      boolean breached = in.readBoolean();
      double value = in.readDouble();
      long sample = in.readLong();
      long since = in.readLong();
      return new State(breached, value, sample, Times.instantOrNull(since));
    } catch (IOException e) {
      throw new CodecException("guardrail state: the bytes are cut short or not a guardrail "
          + "state (" + e.getMessage() + ")", e);
    }
  }
}
