package dev.rapport.core.policy;

import dev.rapport.core.Channel;
import dev.rapport.core.Purpose;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A limit on how many messages a customer receives over a rolling window, with its scope: all
 * channels (the default), one channel, one topic or one purpose; and, optionally, the kind of
 * customer it is for: the customers of one segment or persona ({@link #forSegment}, {@link
 * #forPersona}).
 *
 * <pre>{@code
 * Cap weekly = Cap.of(3, Duration.ofDays(7));                       // marketing, all channels
 * Cap sms = Cap.of(1, Duration.ofDays(1)).on(Channel.SMS);          // marketing on SMS
 * Cap coffee = Cap.of(2, Duration.ofDays(7)).onTopic("coffee");     // marketing on a topic
 * Cap receipts = Cap.of(10, Duration.ofDays(1)).forPurpose(Purpose.TRANSACTIONAL);
 * Cap newcomers = Cap.of(2, Duration.ofDays(7)).forSegment("new-customers");
 * }</pre>
 *
 * <p>A cap without a purpose counts marketing messages only and applies to marketing actions
 * only: transactional messages are exempt. A cap {@link #forPurpose for a purpose} counts and
 * applies to messages of that purpose, transactional ones included when it says so. A message is
 * in the window when it was sent after {@code now - window} and not after now.
 *
 * <p>Caps are values: the scope methods return a new cap.
 */
public final class Cap {
  private static final String OWNER = "contact policy";

  private final int limit;
  private final Duration window;
  private final Optional<Channel> channel;
  private final Optional<String> topic;
  private final Optional<Purpose> purpose;
  /** The segment or persona the cap is for, if any: {@code segment:name}, {@code persona:name}. */
  private final Optional<String> audience;
  /** The same, split once, so that the gate reads them without allocating. */
  private final Optional<String> segment;
  private final Optional<String> persona;

  private Cap(int limit, Duration window, Optional<Channel> channel, Optional<String> topic,
      Optional<Purpose> purpose) {
    this(limit, window, channel, topic, purpose, Optional.empty());
  }

  private Cap(int limit, Duration window, Optional<Channel> channel, Optional<String> topic,
      Optional<Purpose> purpose, Optional<String> audience) {
    this.limit = limit;
    this.window = window;
    this.channel = channel;
    this.topic = topic;
    this.purpose = purpose;
    this.audience = audience;
    this.segment = audience.filter(a -> a.startsWith("segment:")).map(a -> a.substring(8));
    this.persona = audience.filter(a -> a.startsWith("persona:")).map(a -> a.substring(8));
  }

  /**
   * Returns this cap for the customers of one segment only: how often that kind of customer
   * wants to hear from you. It counts and applies as the cap would (all channels, a channel, a
   * topic or a purpose), to the customers in the segment when the gate is asked; the others are
   * not held by it. Combine it with the other caps: the strictest that applies wins.
   *
   * <pre>{@code
   * Cap newcomers = Cap.of(2, Duration.ofDays(7)).forSegment("new-customers");
   * }</pre>
   *
   * @param segment the segment's name, which the engine must declare
   * @return the cap for the segment
   * @throws IllegalArgumentException if the name is null or blank
   * @throws IllegalStateException if the cap is already for a segment or a persona
   */
  public Cap forSegment(String segment) {
    return forAudience("segment", "forSegment", segment);
  }

  /**
   * Returns this cap for the customers of one persona only; see {@link #forSegment}.
   *
   * <pre>{@code
   * Cap baristas = Cap.of(4, Duration.ofDays(7)).forPersona("home-barista");
   * }</pre>
   *
   * @param persona the persona's name, which the engine must declare
   * @return the cap for the persona
   * @throws IllegalArgumentException if the name is null or blank
   * @throws IllegalStateException if the cap is already for a segment or a persona
   */
  public Cap forPersona(String persona) {
    return forAudience("persona", "forPersona", persona);
  }

  private Cap forAudience(String kind, String call, String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(OWNER + ": " + this + ": " + call + "("
          + (name == null ? "null" : "\"" + name + "\"") + ") has no name; give the "
          + kind + "'s name");
    }
    if (audience.isPresent()) {
      throw new IllegalStateException(OWNER + ": " + this + " is already for "
          + audience.get().replace(":", " '") + "'; cannot add " + call + "(\"" + name
          + "\"); declare another cap");
    }
    return new Cap(limit, window, channel, topic, purpose, Optional.of(kind + ":" + name));
  }

  /**
   * Returns the segment this cap is for.
   *
   * @return the segment's name, or empty when the cap is not for a segment
   */
  public Optional<String> segment() {
    return segment;
  }

  /**
   * Returns the persona this cap is for.
   *
   * @return the persona's name, or empty when the cap is not for a persona
   */
  public Optional<String> persona() {
    return persona;
  }

  /**
   * Returns a cap on marketing messages over all channels: at most {@code limit} per {@code
   * window}; the same as {@code atMost(limit).per(window)}.
   *
   * @param limit the most messages allowed in any window, 1 or more
   * @param window the length of the rolling window, positive
   * @return the cap
   * @throws IllegalArgumentException if the limit is below 1 or the window null or not positive
   */
  public static Cap of(int limit, Duration window) {
    return atMost(limit).per(window);
  }

  /**
   * Starts a cap with its limit; {@link Limit#per(Duration)} gives its window.
   *
   * <pre>{@code
   * Cap weekly = Cap.atMost(3).per(Duration.ofDays(7));
   * }</pre>
   *
   * @param limit the most messages allowed in any window, 1 or more
   * @return the limit, waiting for its window
   * @throws IllegalArgumentException if the limit is below 1
   */
  public static Limit atMost(int limit) {
    if (limit == 0) {
      throw new IllegalArgumentException(OWNER + ": atMost(0) is a cap of zero, which blocks "
          + "every message; give 1 or more, or remove the cap");
    }
    if (limit < 0) {
      throw new IllegalArgumentException(OWNER + ": atMost(" + limit + ") is a negative cap, "
          + "which blocks every message; give 1 or more, or remove the cap");
    }
    return new Limit(limit);
  }

  /**
   * A cap's limit waiting for its window; not a cap yet. A value: {@link #per} may be called
   * more than once, each time for a new cap.
   */
  public static final class Limit {
    private final int limit;

    private Limit(int limit) {
      this.limit = limit;
    }

    /**
     * Returns the cap: at most this limit per a rolling window, on marketing over all channels
     * until scoped.
     *
     * @param window the length of the rolling window, positive
     * @return the cap
     * @throws IllegalArgumentException if the window is null or not positive
     */
    public Cap per(Duration window) {
      if (window == null) {
        throw new IllegalArgumentException(OWNER + ": atMost(" + limit + ").per(null) has no "
            + "window; give a positive duration such as Duration.ofDays(7)");
      }
      if (window.isZero() || window.isNegative()) {
        throw new IllegalArgumentException(OWNER + ": atMost(" + limit + ").per(" + window
            + ") has a window of " + window + "; give a positive duration such as "
            + "Duration.ofDays(7)");
      }
      return new Cap(limit, window, Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Override
    public String toString() {
      return "atMost(" + limit + ")";
    }
  }

  /**
   * Returns this cap scoped to one channel: it counts the marketing messages on that channel.
   *
   * @param channel the channel
   * @return the scoped cap
   * @throws IllegalArgumentException if the channel is null
   * @throws IllegalStateException if this cap already has a scope
   */
  public Cap on(Channel channel) {
    if (channel == null) {
      throw new IllegalArgumentException(OWNER + ": " + this + ": on(null) has no channel; "
          + "give a channel such as Channel.SMS");
    }
    checkUnscoped("on(" + channel + ")");
    return new Cap(limit, window, Optional.of(channel), topic, purpose, audience);
  }

  /**
   * Returns this cap scoped to one topic: it counts the marketing messages on that topic and
   * applies to actions with that topic.
   *
   * @param topic the topic, such as {@code "coffee"}
   * @return the scoped cap
   * @throws IllegalArgumentException if the topic is null or blank
   * @throws IllegalStateException if this cap already has a scope
   */
  public Cap onTopic(String topic) {
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException(OWNER + ": " + this + ": onTopic("
          + (topic == null ? "null" : "\"" + topic + "\"") + ") has no topic; give a topic "
          + "such as \"coffee\"");
    }
    checkUnscoped("onTopic(\"" + topic + "\")");
    return new Cap(limit, window, channel, Optional.of(topic), purpose, audience);
  }

  /**
   * Returns this cap scoped to one purpose: it counts the messages of that purpose and applies
   * to actions of that purpose, transactional ones included.
   *
   * @param purpose the purpose
   * @return the scoped cap
   * @throws IllegalArgumentException if the purpose is null
   * @throws IllegalStateException if this cap already has a scope
   */
  public Cap forPurpose(Purpose purpose) {
    if (purpose == null) {
      throw new IllegalArgumentException(OWNER + ": " + this + ": forPurpose(null) has no "
          + "purpose; give MARKETING or TRANSACTIONAL");
    }
    checkUnscoped("forPurpose(" + purpose + ")");
    return new Cap(limit, window, channel, topic, Optional.of(purpose), audience);
  }

  private void checkUnscoped(String scope) {
    if (channel.isPresent() || topic.isPresent() || purpose.isPresent()) {
      throw new IllegalStateException(OWNER + ": " + this + " already has a scope; cannot add "
          + scope + "; give a cap one of on(channel), onTopic(topic) or forPurpose(purpose), "
          + "or declare another cap");
    }
  }

  /**
   * Returns the most messages allowed in any window.
   *
   * @return the limit, 1 or more
   */
  public int limit() {
    return limit;
  }

  /**
   * Returns the length of the rolling window.
   *
   * @return the window, positive
   */
  public Duration window() {
    return window;
  }

  /**
   * Returns the channel this cap is scoped to.
   *
   * @return the channel, or empty
   */
  public Optional<Channel> channel() {
    return channel;
  }

  /**
   * Returns the topic this cap is scoped to.
   *
   * @return the topic, or empty
   */
  public Optional<String> topic() {
    return topic;
  }

  /**
   * Returns the purpose this cap is scoped to.
   *
   * @return the purpose, or empty
   */
  public Optional<Purpose> purpose() {
    return purpose;
  }

  /**
   * Tells whether another cap has the same scope and window as this one, which a policy refuses.
   *
   * @param other another cap
   * @return whether the two count the same messages over the same window
   */
  boolean sameScopeAndWindow(Cap other) {
    return window.equals(other.window) && channel.equals(other.channel)
        && topic.equals(other.topic) && purpose.equals(other.purpose)
        && audience.equals(other.audience);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Cap)) {
      return false;
    }
    Cap c = (Cap) o;
    return limit == c.limit && sameScopeAndWindow(c);
  }

  @Override
  public int hashCode() {
    return Objects.hash(limit, window, channel, topic, purpose, audience);
  }

  /** Returns the cap as a phrase, such as {@code at most 3 per PT168H on sms}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("at most ").append(limit).append(" per ").append(window);
    channel.ifPresent(c -> s.append(" on ").append(c));
    topic.ifPresent(t -> s.append(" on topic '").append(t).append('\''));
    purpose.ifPresent(p -> s.append(" for ").append(p.wireName()));
    audience.ifPresent(a -> s.append(" for ").append(a.replace(":", " '")).append('\''));
    return s.toString();
  }
}
