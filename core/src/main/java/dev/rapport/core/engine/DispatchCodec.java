package dev.rapport.core.engine;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.CustomerId;
import dev.rapport.core.Purpose;
import java.time.Duration;
import java.util.Optional;

/**
 * The binary format of a {@link Dispatch}: what an outbox keeps and what a host that moves
 * dispatches between processes writes. It is self-contained: the action is written whole, so
 * reading it back needs no engine. Format 1: the magic bytes {@code D S}, the version, then the
 * id, customer, the action (name, purpose, topic, channels, value, cooldown, response window),
 * the channel, journey, journey version, step, attempt and time.
 */
final class DispatchCodec implements Codec<Dispatch> {
  static final DispatchCodec INSTANCE = new DispatchCodec();
  private static final int VERSION = 1;

  private DispatchCodec() {}

  @Override
  public byte[] encode(Dispatch d) {
    Bytes.Writer w = new Bytes.Writer();
    w.byte1('D');
    w.byte1('S');
    w.byte1(VERSION);
    w.string(d.id());
    w.string(d.customer().value());
    Action a = d.action();
    w.string(a.name());
    w.byte1(a.purpose().ordinal());
    w.optString(a.topic().orElse(null));
    w.uvarint(a.channels().size());
    for (Channel c : a.channels()) {
      w.string(c.name());
    }
    w.float64(a.value());
    w.varint(a.cooldown().map(Duration::toNanos).orElse(-1L));
    w.varint(a.responseWindow().map(Duration::toNanos).orElse(-1L));
    w.string(d.channel().name());
    w.optString(d.journey().orElse(null));
    w.uvarint(d.journeyVersion());
    w.optString(d.step().orElse(null));
    w.uvarint(d.attempt());
    w.varint(Times.of(d.at()));
    return w.toByteArray();
  }

  @Override
  public Dispatch decode(byte[] bytes) {
    Bytes.Reader r = new Bytes.Reader(bytes, "dispatch");
    if (bytes.length < 3 || r.byte1() != 'D' || r.byte1() != 'S') {
      throw new CodecException("dispatch: the bytes do not start with the magic 'DS'; they are "
          + "not a Rapport dispatch (" + bytes.length + " bytes)");
    }
    int version = r.byte1();
    if (version != VERSION) {
      throw new CodecException("dispatch: format version " + version + " is newer than this "
          + "release reads (up to " + VERSION + "); upgrade Rapport on this process");
    }
    String id = r.string();
    CustomerId customer = CustomerId.of(r.string());
    Action.Builder a = Action.builder(r.string());
    a.purpose(Purpose.values()[r.byte1()]);
    String topic = r.optString();
    if (topic != null) {
      a.topic(topic);
    }
    int n = r.count();
    for (int i = 0; i < n; i++) {
      a.via(Channel.of(r.string()));
    }
    a.value(r.float64());
    long cooldown = r.varint();
    if (cooldown >= 0) {
      a.cooldown(Duration.ofNanos(cooldown));
    }
    long window = r.varint();
    if (window >= 0) {
      a.responseWindow(Duration.ofNanos(window));
    }
    Channel channel = Channel.of(r.string());
    Optional<String> journey = Optional.ofNullable(r.optString());
    int journeyVersion = (int) r.uvarint();
    Optional<String> step = Optional.ofNullable(r.optString());
    int attempt = (int) r.uvarint();
    Dispatch d = new Dispatch(id, customer, a.build(), channel, journey, journeyVersion, step,
        attempt, Times.instant(r.varint()));
    if (!r.atEnd()) {
      throw new CodecException("dispatch: bytes are left after a complete dispatch; they are "
          + "not a Rapport dispatch");
    }
    return d;
  }

}
