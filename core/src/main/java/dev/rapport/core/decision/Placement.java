package dev.rapport.core.decision;

import dev.rapport.core.Channel;
import dev.rapport.core.internal.Checks;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Where recommendations are shown: a named slot (a banner in the app, the next newsletter block,
 * a support agent's screen) with the channels it can carry and how many recommendations it
 * takes.
 *
 * <pre>{@code
 * Placement homeBanner = Placement.of("home-banner", 2, Channel.IN_APP);
 * }</pre>
 */
public final class Placement {
  private static final Placement DEFAULT = new Placement("default", 3, Set.of());

  private final String name;
  private final int take;
  private final Set<Channel> channels;

  private Placement(String name, int take, Set<Channel> channels) {
    this.name = name;
    this.take = take;
    this.channels = channels;
  }

  /**
   * Returns a placement.
   *
   * @param name its name
   * @param take how many recommendations it takes, 1 or more
   * @param channels the channels it carries; none means any
   * @return the placement
   * @throws IllegalArgumentException if the name is blank, take is less than 1 or a channel null
   */
  public static Placement of(String name, int take, Channel... channels) {
    Checks.name("placement", name);
    if (take < 1) {
      throw new IllegalArgumentException("placement '" + name + "': take is " + take
          + "; give 1 or more recommendations");
    }
    Set<Channel> set = new LinkedHashSet<>();
    for (Channel c : channels) {
      Checks.notNull("placement '" + name + "'", "channel", c);
      set.add(c);
    }
    return new Placement(name, take, Set.copyOf(set));
  }

  /**
   * Returns the placement used when none is given: any channel, three recommendations.
   *
   * @return the default placement
   */
  public static Placement ofDefaults() {
    return DEFAULT;
  }

  /**
   * Returns the name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns how many recommendations the placement takes.
   *
   * @return the number
   */
  public int take() {
    return take;
  }

  /**
   * Returns the channels it carries; empty means any.
   *
   * @return the channels
   */
  public Set<Channel> channels() {
    return channels;
  }

  /**
   * Tells whether the placement carries a channel.
   *
   * @param channel the channel
   * @return whether it does
   */
  public boolean carries(Channel channel) {
    return channels.isEmpty() || channels.contains(channel);
  }

  @Override
  public String toString() {
    return "Placement{" + name + ", take " + take + (channels.isEmpty() ? "" : ", " + channels)
        + "}";
  }
}
