package dev.rapport.core;

import dev.rapport.core.internal.Checks;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a customer told the host about how to be contacted: the channels they prefer, in order,
 * the topics they want and do not want, quiet hours and their time zone.
 *
 * <pre>{@code
 * Preferences p = Preferences.builder()
 *     .channels(Channel.SMS, Channel.EMAIL)
 *     .topicsOut("promotions")
 *     .quietHours(LocalTime.of(22, 0), LocalTime.of(7, 0))
 *     .timeZone(ZoneId.of("Europe/Paris"))
 *     .build();
 * }</pre>
 */
public final class Preferences {
  private static final Preferences NONE =
      new Preferences(List.of(), Set.of(), Set.of(), Optional.empty(), Optional.empty());

  private final List<Channel> channels;
  private final Set<String> topicsIn;
  private final Set<String> topicsOut;
  private final Optional<QuietHours> quietHours;
  private final Optional<ZoneId> timeZone;

  private Preferences(List<Channel> channels, Set<String> topicsIn, Set<String> topicsOut,
      Optional<QuietHours> quietHours, Optional<ZoneId> timeZone) {
    this.channels = channels;
    this.topicsIn = topicsIn;
    this.topicsOut = topicsOut;
    this.quietHours = quietHours;
    this.timeZone = timeZone;
  }

  /**
   * Returns the preferences of a customer who said nothing.
   *
   * @return no preferences
   */
  public static Preferences none() {
    return NONE;
  }

  /**
   * Starts preferences.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a builder from existing preferences: the channel order, the quiet hours and the time
   * zone it copies may each be replaced once, and topics added to those it has.
   *
   * @param existing the preferences to start from
   * @return a builder holding their values
   * @throws IllegalArgumentException if null
   */
  public static Builder from(Preferences existing) {
    if (existing == null) {
      throw new IllegalArgumentException("preferences: from(existing) is null; give preferences "
          + "such as Preferences.none()");
    }
    Builder b = new Builder();
    b.channels.addAll(existing.channels);
    b.topicsIn.addAll(existing.topicsIn);
    b.topicsOut.addAll(existing.topicsOut);
    b.quietHours = existing.quietHours.orElse(null);
    b.timeZone = existing.timeZone.orElse(null);
    return b;
  }

  /**
   * Returns the preferred channels, most preferred first; empty when the customer has no order.
   *
   * @return the channels
   */
  public List<Channel> channels() {
    return channels;
  }

  /**
   * Returns the topics the customer asked for.
   *
   * @return the topics
   */
  public Set<String> topicsIn() {
    return topicsIn;
  }

  /**
   * Returns the topics the customer does not want to hear about.
   *
   * @return the topics
   */
  public Set<String> topicsOut() {
    return topicsOut;
  }

  /**
   * Returns the customer's quiet hours, if they gave any.
   *
   * @return the quiet hours
   */
  public Optional<QuietHours> quietHours() {
    return quietHours;
  }

  /**
   * Returns the customer's time zone, if known.
   *
   * @return the time zone
   */
  public Optional<ZoneId> timeZone() {
    return timeZone;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Preferences)) {
      return false;
    }
    Preferences p = (Preferences) o;
    return channels.equals(p.channels) && topicsIn.equals(p.topicsIn)
        && topicsOut.equals(p.topicsOut) && quietHours.equals(p.quietHours)
        && timeZone.equals(p.timeZone);
  }

  @Override
  public int hashCode() {
    return Objects.hash(channels, topicsIn, topicsOut, quietHours, timeZone);
  }

  @Override
  public String toString() {
    return "Preferences{channels=" + channels + ", topicsIn=" + topicsIn + ", topicsOut="
        + topicsOut + ", quietHours=" + quietHours.orElse(null) + ", timeZone="
        + timeZone.orElse(null) + "}";
  }

  /**
   * Builds {@link Preferences}. Single-use: the channel order, the quiet hours and the time zone
   * are each given once (topics add up), and any call after {@link #build()} is refused, so that
   * a builder kept after one customer's preferences cannot hand them to the next. {@link
   * #build()} may be called again and returns the same preferences.
   */
  public static final class Builder {
    private static final String OWNER = "preferences";

    private final List<Channel> channels = new ArrayList<>();
    private final Set<String> topicsIn = new LinkedHashSet<>();
    private final Set<String> topicsOut = new LinkedHashSet<>();
    private QuietHours quietHours;
    private ZoneId timeZone;
    private final Set<String> setHere = new HashSet<>();
    private Preferences built;

    private Builder() {}

    private void open(String call) {
      Checks.notBuilt(OWNER, call, built != null,
          "Preferences.builder(), or Preferences.from(preferences) to change them");
    }

    private void once(String field) {
      Checks.once(OWNER, field, !setHere.add(field));
    }

    /**
     * Sets the preferred channels, most preferred first.
     *
     * @param preferred the channels
     * @return this builder
     * @throws IllegalArgumentException if a channel is null or given twice
     * @throws IllegalStateException if already set, or after {@link #build()}
     */
    public Builder channels(Channel... preferred) {
      open("channels");
      List<Channel> order = new ArrayList<>(preferred.length);
      for (Channel c : preferred) {
        if (c == null) {
          throw new IllegalArgumentException("preferences: channels contains null; remove it");
        }
        if (order.contains(c)) {
          throw new IllegalArgumentException("preferences: channel " + c
              + " is given twice; give each channel once");
        }
        order.add(c);
      }
      once("channels");
      channels.clear();
      channels.addAll(order);
      return this;
    }

    /**
     * Adds topics the customer asked for.
     *
     * @param topics the topics
     * @return this builder
     * @throws IllegalArgumentException if a topic is blank or also a topic out
     * @throws IllegalStateException after {@link #build()}
     */
    public Builder topicsIn(String... topics) {
      open("topicsIn");
      return addTopics(topicsIn, topicsOut, topics);
    }

    /**
     * Adds topics the customer does not want.
     *
     * @param topics the topics
     * @return this builder
     * @throws IllegalArgumentException if a topic is blank or also a topic in
     * @throws IllegalStateException after {@link #build()}
     */
    public Builder topicsOut(String... topics) {
      open("topicsOut");
      return addTopics(topicsOut, topicsIn, topics);
    }

    /** Adds topics to one side, refusing a blank one or one the other side has. */
    private Builder addTopics(Set<String> side, Set<String> other, String... topics) {
      for (String t : topics) {
        if (t == null || t.isBlank()) {
          throw new IllegalArgumentException("preferences: a topic is "
              + (t == null ? "null" : "blank") + "; give non-blank topics");
        }
        if (other.contains(t)) {
          throw new IllegalArgumentException("preferences: topic '" + t
              + "' is both in and out; keep it in one of them");
        }
        side.add(t);
      }
      return this;
    }

    /**
     * Sets quiet hours, such as 21:00 to 08:00.
     *
     * @param start the first quiet local time
     * @param end the first local time that is no longer quiet
     * @return this builder
     * @throws IllegalArgumentException if a bound is null or both are equal
     * @throws IllegalStateException if already set, or after {@link #build()}
     */
    public Builder quietHours(LocalTime start, LocalTime end) {
      open("quietHours");
      QuietHours hours = new QuietHours(start, end);
      once("quietHours");
      this.quietHours = hours;
      return this;
    }

    /**
     * Sets the customer's time zone.
     *
     * @param zone the zone
     * @return this builder
     * @throws IllegalArgumentException if the zone is null
     * @throws IllegalStateException if already set, or after {@link #build()}
     */
    public Builder timeZone(ZoneId zone) {
      open("timeZone");
      if (zone == null) {
        throw new IllegalArgumentException("preferences: time zone is null; give a ZoneId");
      }
      once("timeZone");
      this.timeZone = zone;
      return this;
    }

    /**
     * Returns the preferences; called again, returns the same preferences.
     *
     * @return the preferences
     */
    public Preferences build() {
      if (built == null) {
        built = new Preferences(List.copyOf(channels), Set.copyOf(topicsIn),
            Set.copyOf(topicsOut), Optional.ofNullable(quietHours),
            Optional.ofNullable(timeZone));
      }
      return built;
    }
  }
}
