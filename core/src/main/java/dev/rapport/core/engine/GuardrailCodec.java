package dev.rapport.core.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The codec of a guardrail's state as shared in the store. Format 2: a version byte, whether
 * breached, the value and sample when it last changed, since when (nanoseconds, or none), how
 * many older pauses were forgotten, then the pauses it kept (from, until or none, value and
 * sample at the breach, value and sample at the recovery). Format 1 had neither the forgotten
 * count nor the values at the recovery; it is read with none forgotten and the recovery's value
 * unknown (NaN, sample 0).
 */
final class GuardrailCodec implements Codec<GuardrailCodec.State> {
  static final GuardrailCodec INSTANCE = new GuardrailCodec();
  private static final int VERSION = 2;

  /** A pause a guardrail imposed: open while {@code until} is null. */
  record Pause(Instant from, Instant until, double value, long sample, double endValue,
      long endSample) {
    Pause(Instant from, double value, long sample) {
      this(from, null, value, sample, Double.NaN, 0);
    }

    Pause endedAt(Instant end, double atValue, long atSample) {
      return new Pause(from, end, value, sample, atValue, atSample);
    }
  }

  /** A guardrail's state; {@code forgotten} counts the oldest pauses no longer kept. */
  record State(boolean breached, double value, long sample, Instant since, long forgotten,
      List<Pause> pauses) {}

  private GuardrailCodec() {}

  @Override
  public byte[] encode(State s) {
    Bytes.Writer w = new Bytes.Writer();
    w.byte1(VERSION);
    w.bool(s.breached());
    w.float64(s.value());
    w.varint(s.sample());
    w.varint(s.since() == null ? Times.NONE : Times.of(s.since()));
    w.uvarint(s.forgotten());
    w.uvarint(s.pauses().size());
    for (Pause p : s.pauses()) {
      w.varint(Times.of(p.from()));
      w.varint(p.until() == null ? Times.NONE : Times.of(p.until()));
      w.float64(p.value());
      w.varint(p.sample());
      w.float64(p.endValue());
      w.varint(p.endSample());
    }
    return w.toByteArray();
  }

  @Override
  public State decode(byte[] bytes) {
    Bytes.Reader r = new Bytes.Reader(bytes, "guardrail state");
    int version = r.byte1();
    if (version != 1 && version != VERSION) {
      throw new CodecException("guardrail state: format version " + version + " is not one "
          + "this release reads (it reads 1 and " + VERSION + "); upgrade Rapport on this "
          + "engine");
    }
    boolean breached = r.bool();
    double value = r.float64();
    long sample = r.varint();
    Instant since = Times.instantOrNull(r.varint());
    long forgotten = version >= 2 ? r.uvarint() : 0;
    int n = r.count();
    List<Pause> pauses = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Instant from = Times.instant(r.varint());
      Instant until = Times.instantOrNull(r.varint());
      double atBreach = r.float64();
      long sampleAtBreach = r.varint();
      double atRecovery = version >= 2 ? r.float64() : Double.NaN;
      long sampleAtRecovery = version >= 2 ? r.varint() : 0;
      pauses.add(new Pause(from, until, atBreach, sampleAtBreach, atRecovery, sampleAtRecovery));
    }
    return new State(breached, value, sample, since, forgotten, List.copyOf(pauses));
  }
}
