package dev.rapport.core.engine;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.CustomerId;
import java.time.Instant;
import java.util.Optional;

/**
 * A message the engine tells the host to send: which action, to whom, on which channel, from
 * which journey step, and which attempt (2 and more are fallbacks to the next channel).
 *
 * <p>The id is stable: the same inputs replayed give the same id, so the host can deduplicate
 * downstream. Outcome events ({@code delivered}, {@code delivery_failed}, {@code opened}, ...)
 * point back at it with a {@code dispatch_id} property.
 *
 * @param id the stable id
 * @param customer the customer
 * @param action the action to send
 * @param channel the channel to send it on
 * @param journey the journey that sent it, if any
 * @param journeyVersion the journey's version, 0 when not from a journey
 * @param step the journey step's label and description, or {@code decision <placement>} for a
 *     decision sent with {@code decideAndSend}
 * @param attempt 1 for the first channel, 2 for the first fallback...
 * @param at when the engine decided to send it
 */
public record Dispatch(String id, CustomerId customer, Action action, Channel channel,
    Optional<String> journey, int journeyVersion, Optional<String> step, int attempt, Instant at) {

  /**
   * Returns the versioned binary format of dispatches: what an outbox keeps, and what a host
   * that moves dispatches between processes (a message queue, a Kafka topic) may write. It is
   * self-contained: the action is written whole, so reading a dispatch back needs no engine.
   *
   * @return the codec
   */
  public static Codec<Dispatch> codec() {
    return DispatchCodec.INSTANCE;
  }

  @Override
  public String toString() {
    return "Dispatch{" + id + ", " + customer + ", " + action.name() + " via " + channel
        + journey.map(j -> ", journey " + j + " v" + journeyVersion).orElse("")
        + step.map(s -> ", step " + s).orElse("") + ", attempt " + attempt + ", at " + at + "}";
  }
}
