package dev.rapport.core.engine;

import dev.rapport.core.measure.TrendPoint;
import java.util.ArrayList;
import java.util.List;

/**
 * The codec of a metric's daily trend as shared in the store. Format 1: a version byte, then
 * the points (instant in nanoseconds, value, sample).
 */
final class TrendCodec implements Codec<List<TrendPoint>> {
  static final TrendCodec INSTANCE = new TrendCodec();
  private static final int VERSION = 1;

  private TrendCodec() {}

  @Override
  public byte[] encode(List<TrendPoint> points) {
    Bytes.Writer w = new Bytes.Writer();
    w.byte1(VERSION);
    w.uvarint(points.size());
    for (TrendPoint p : points) {
      w.varint(Times.of(p.at()));
      w.float64(p.value());
      w.varint(p.sample());
    }
    return w.toByteArray();
  }

  @Override
  public List<TrendPoint> decode(byte[] bytes) {
    Bytes.Reader r = new Bytes.Reader(bytes, "trend");
    int version = r.byte1();
    if (version != VERSION) {
      throw new CodecException("trend: format version " + version + " is not one this release "
          + "reads (it reads " + VERSION + "); upgrade Rapport on this engine");
    }
    int n = r.count();
    List<TrendPoint> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new TrendPoint(Times.instant(r.varint()), r.float64(), r.varint()));
    }
    return List.copyOf(out);
  }
}
