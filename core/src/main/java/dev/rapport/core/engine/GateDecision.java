package dev.rapport.core.engine;

import dev.rapport.core.Channel;
import dev.rapport.core.internal.Checks;
import dev.rapport.core.internal.Immutable;
import dev.rapport.core.policy.Reason;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The gate's verdict on one message for one customer: allowed on a channel, or refused with a
 * {@link Reason}, a human explanation and, where waiting helps, the time to try again.
 *
 * <pre>{@code
 * if (!decision.isAllowed() && decision.reason().orElseThrow().isRetryable()) {
 *   decision.retryAt().ifPresent(at -> scheduleRetry(at));
 * }
 * }</pre>
 *
 * <p>The explanation never holds trait values (no addresses, no phone numbers): it is meant for
 * logs and dashboards.
 */
final class GateDecision {
  private static final String OWNER = "gate decision";

  private final Optional<Channel> channel;
  private final Optional<Reason> reason;
  private final String detail;
  private final Optional<Instant> retryAt;
  private final Map<Channel, Reason> channelReasons;
  /** The channel a refusal is about, or null: see {@link #refusedOn()}. */
  private Channel refusedOn;

  /** The detail of an allowed decision, per channel: made once, not per message. */
  private static final java.util.concurrent.ConcurrentHashMap<Channel, GateDecision> PLAIN =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static final java.util.concurrent.ConcurrentHashMap<Channel, String> ALLOWED =
      new java.util.concurrent.ConcurrentHashMap<>();

  private GateDecision(Optional<Channel> channel, Optional<Reason> reason, String detail,
      Optional<Instant> retryAt, Map<Channel, Reason> channelReasons) {
    this.channel = channel;
    this.reason = reason;
    this.detail = detail;
    this.retryAt = retryAt;
    this.channelReasons = Immutable.map(channelReasons);
  }

  /**
   * Returns a decision that allows the message on a channel.
   *
   * @param channel the channel chosen
   * @param channelReasons why each channel tried before it was refused, in the order tried
   * @return the decision
   * @throws IllegalArgumentException if an argument is null
   */
  public static GateDecision allowed(Channel channel, Map<Channel, Reason> channelReasons) {
    Checks.notNull(OWNER, "channel", channel);
    Checks.notNull(OWNER, "channelReasons", channelReasons);
    if (channelReasons.isEmpty()) {
      // the common answer, immutable: one per channel
      return PLAIN.computeIfAbsent(channel, c -> new GateDecision(Optional.of(c),
          Optional.empty(), ALLOWED.computeIfAbsent(c, k -> "allowed on " + k),
          Optional.empty(), Map.of()));
    }
    return new GateDecision(Optional.of(channel), Optional.empty(),
        ALLOWED.computeIfAbsent(channel, c -> "allowed on " + c), Optional.empty(),
        channelReasons);
  }

  /**
   * Returns a decision that refuses the message.
   *
   * @param reason why
   * @param detail a human explanation, without trait values
   * @param retryAt the earliest time at which the refusing check would pass, if waiting helps
   * @param channelReasons why each channel tried was refused, in the order tried
   * @return the decision
   * @throws IllegalArgumentException if an argument is null
   */
  public static GateDecision refused(Reason reason, String detail, Optional<Instant> retryAt,
      Map<Channel, Reason> channelReasons) {
    Checks.notNull(OWNER, "reason", reason);
    Checks.notNull(OWNER, "detail", detail);
    Checks.notNull(OWNER, "retryAt", retryAt);
    Checks.notNull(OWNER, "channelReasons", channelReasons);
    return new GateDecision(Optional.empty(), Optional.of(reason), detail, retryAt,
        channelReasons);
  }

  /**
   * Returns a refusal that names the channel it is about.
   *
   * @param channel the most preferred channel, when every channel was refused; the channel the
   *     message would have gone on, when a check of the customer refused it
   */
  static GateDecision refused(Reason reason, String detail, Optional<Instant> retryAt,
      Map<Channel, Reason> channelReasons, Channel channel) {
    GateDecision d = refused(reason, detail, retryAt, channelReasons);
    d.refusedOn = channel;
    return d;
  }

  /** The channel a refusal is about, if the gate checked one (see {@link #refused}). */
  Optional<Channel> refusedOn() {
    return Optional.ofNullable(refusedOn);
  }

  /**
   * Tells whether the message may be sent.
   *
   * @return whether allowed
   */
  public boolean isAllowed() {
    return channel.isPresent();
  }

  /**
   * Returns the channel to send on, when allowed.
   *
   * @return the channel, or empty when refused
   */
  public Optional<Channel> channel() {
    return channel;
  }

  /**
   * Returns why the message was refused.
   *
   * @return the reason, or empty when allowed
   */
  public Optional<Reason> reason() {
    return reason;
  }

  /**
   * Returns a human explanation, such as {@code no marketing consent on email} or {@code capped:
   * 3 marketing messages in the last PT168H, limit 3}. It never holds trait values.
   *
   * @return the explanation
   */
  public String detail() {
    return detail;
  }

  /**
   * Returns the earliest time at which the refusing check would pass: for {@link
   * Reason#COOLDOWN}, {@link Reason#CAPPED} and {@link Reason#MIN_GAP} when the counted messages
   * have aged enough, for {@link Reason#QUIET_HOURS_DEFERRED} the end of the quiet hours. Other
   * checks may still refuse at that time.
   *
   * @return the time, or empty
   */
  public Optional<Instant> retryAt() {
    return retryAt;
  }

  /**
   * Returns why each channel that was tried was refused, in the order tried: when allowed, the
   * channels tried before the chosen one; when refused, every channel tried.
   *
   * @return channel to reason
   */
  public Map<Channel, Reason> channelReasons() {
    return channelReasons;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof GateDecision)) {
      return false;
    }
    GateDecision d = (GateDecision) o;
    return channel.equals(d.channel) && reason.equals(d.reason) && detail.equals(d.detail)
        && retryAt.equals(d.retryAt) && channelReasons.equals(d.channelReasons);
  }

  @Override
  public int hashCode() {
    return Objects.hash(channel, reason, detail, retryAt, channelReasons);
  }

  @Override
  public String toString() {
    if (isAllowed()) {
      return "GateDecision{allowed on " + channel.get()
          + (channelReasons.isEmpty() ? "" : ", refused on " + channelReasons) + "}";
    }
    return "GateDecision{" + reason.get() + ": " + detail
        + retryAt.map(t -> ", retry at " + t).orElse("")
        + (channelReasons.isEmpty() ? "" : ", channels " + channelReasons) + "}";
  }
}
