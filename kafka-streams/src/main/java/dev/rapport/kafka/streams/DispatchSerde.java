package dev.rapport.kafka.streams;

import dev.rapport.core.engine.Codec;
import dev.rapport.core.engine.Dispatch;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The values of the dispatch topic: {@link Dispatch#codec()}'s versioned binary format, which is
 * self-contained (the action is written whole), so a consumer reads dispatches back without an
 * engine.
 *
 * <pre>{@code
 * KafkaConsumer<String, Dispatch> consumer = new KafkaConsumer<>(props,
 *     new StringDeserializer(), new DispatchSerde().deserializer());
 * }</pre>
 *
 * <p>Each record's key is the customer id (UTF-8), its timestamp the dispatch's time, and its
 * header {@value RapportTopology#DISPATCH_ID_HEADER} the dispatch's stable id, for consumers
 * that deduplicate without reading the value.
 */
public final class DispatchSerde implements Serde<Dispatch> {
  private static final Codec<Dispatch> CODEC = Dispatch.codec();

  /** Makes the serde; it holds no state. */
  public DispatchSerde() {}

  @Override
  public Serializer<Dispatch> serializer() {
    return (topic, dispatch) -> dispatch == null ? null : CODEC.encode(dispatch);
  }

  @Override
  public Deserializer<Dispatch> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return CODEC.decode(bytes);
      } catch (Codec.CodecException e) {
        throw new SerializationException("topic '" + topic + "': a value that is not a "
            + "dispatch of Rapport's format (" + e.getMessage() + "); read this topic with "
            + "the DispatchSerde of the Rapport version that wrote it, or a later one", e);
      }
    };
  }
}
