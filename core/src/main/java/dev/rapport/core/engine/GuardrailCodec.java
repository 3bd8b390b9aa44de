package dev.rapport.core.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The codec of a guardrail's state as shared in the store. Format 1: a version byte, whether
 * breached, the value and sample when it last changed, since when (nanoseconds, or none), then
 * the pauses it imposed (from, until or none, value and sample at the breach).
 */
final class GuardrailCodec implements Codec<GuardrailCodec.State> {
  static final GuardrailCodec INSTANCE = new GuardrailCodec();
  private static final int VERSION = 1;

  /** A pause a guardrail imposed: open while {@code until} is null. */
  record Pause(Instant from, Instant until, double value, long sample) {
    Pause endedAt(Instant end) {
      return new Pause(from, end, value, sample);
    }
  }

  /** A guardrail's state. */
  record State(boolean breached, double value, long sample, Instant since, List<Pause> pauses) {}

  private GuardrailCodec() {}

  @Override
  public byte[] encode(State s) {
    Bytes.Writer w = new Bytes.Writer();
    w.byte1(VERSION);
    w.bool(s.breached());
    w.float64(s.value());
    w.varint(s.sample());
    w.varint(s.since() == null ? Times.NONE : Times.of(s.since()));
    w.uvarint(s.pauses().size());
    for (Pause p : s.pauses()) {
      w.varint(Times.of(p.from()));
      w.varint(p.until() == null ? Times.NONE : Times.of(p.until()));
      w.float64(p.value());
      w.varint(p.sample());
    }
    return w.toByteArray();
  }

  @Override
  public State decode(byte[] bytes) {
    Bytes.Reader r = new Bytes.Reader(bytes, "guardrail state");
    int version = r.byte1();
    if (version != VERSION) {
      throw new CodecException("guardrail state: format version " + version + " is not one "
          + "this release reads (it reads " + VERSION + "); upgrade Rapport on this engine");
    }
    boolean breached = r.bool();
    double value = r.float64();
    long sample = r.varint();
    Instant since = Times.instantOrNull(r.varint());
    int n = r.count();
    List<Pause> pauses = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Instant from = Times.instant(r.varint());
      Instant until = Times.instantOrNull(r.varint());
      pauses.add(new Pause(from, until, r.float64(), r.varint()));
    }
    return new State(breached, value, sample, since, List.copyOf(pauses));
  }
}
