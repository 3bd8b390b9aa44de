package dev.rapport.core;

import dev.rapport.core.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Something the host may send or show a customer: a named message with a purpose, an optional
 * topic, the channels it may use in order of preference, its value, an optional cooldown, an
 * optional response window after which the next channel is tried, and an optional holdout.
 *
 * <p>An action is marketing unless it says it is transactional. The engine uses the first channel
 * that is allowed for the customer and falls back to the next only after a {@code
 * delivery_failed} for the dispatch or, where the action has a response window, after no
 * response within it; never two channels at once.
 *
 * <pre>{@code
 * Action brewGuide = Action.builder("brew-guide").topic("coffee").via(Channel.EMAIL)
 *     .value(3.0).build();
 * }</pre>
 *
 * <p><b>Holdout.</b> An action with a {@linkplain Builder#holdout(double) holdout} measures what
 * its message adds, wherever it is sent from (journeys' send steps, decisions, the host's own
 * sends of a decision). Each customer is in the holdout or not by a seeded hash of the action's
 * name and their id, the same on every run. Where the message would be sent (the gate allowed
 * it, and a decision ranked it among its winners), a held-out customer is not sent it: it is
 * refused with {@link dev.rapport.core.policy.Reason#ACTION_HOLDOUT}. The customer's first such
 * moment, sent or withheld, is their exposure, kept in their record; with a revenue definition
 * the engine compares the purchases of both arms after it ({@code ActionRoi.holdout()} on the
 * dashboard).
 *
 * <pre>{@code
 * Action offer = Action.builder("spring-offer").via(Channel.EMAIL).holdout(0.10).build();
 * }</pre>
 */
public final class Action {
  private final String name;
  private final Purpose purpose;
  private final Optional<String> topic;
  private final List<Channel> channels;
  private final double value;
  private final Optional<Duration> cooldown;
  private final Optional<Duration> responseWindow;
  private final double holdout;

  private Action(Builder b) {
    this.name = b.name;
    this.purpose = b.purpose == null ? Purpose.MARKETING : b.purpose;
    this.topic = Optional.ofNullable(b.topic);
    this.channels = List.copyOf(b.channels);
    this.value = b.value == null ? 1.0 : b.value;
    this.cooldown = Optional.ofNullable(b.cooldown);
    this.responseWindow = Optional.ofNullable(b.responseWindow);
    this.holdout = b.holdout == null ? 0 : b.holdout;
  }

  /**
   * Starts an action.
   *
   * @param name its name, unique among actions
   * @return a builder
   * @throws IllegalArgumentException if the name is null or blank
   */
  public static Builder builder(String name) {
    return new Builder(Checks.name("action", name));
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
   * Returns the purpose; marketing unless declared transactional.
   *
   * @return the purpose
   */
  public Purpose purpose() {
    return purpose;
  }

  /**
   * Tells whether the action is transactional.
   *
   * @return whether transactional
   */
  public boolean isTransactional() {
    return purpose == Purpose.TRANSACTIONAL;
  }

  /**
   * Returns the topic, used by topic caps, topic preferences and the one-per-topic rule.
   *
   * @return the topic, if any
   */
  public Optional<String> topic() {
    return topic;
  }

  /**
   * Returns the channels in order of preference; never empty.
   *
   * @return the channels
   */
  public List<Channel> channels() {
    return channels;
  }

  /**
   * Returns the value of the action to the host, a factor of its priority; 1.0 unless set.
   *
   * @return the value
   */
  public double value() {
    return value;
  }

  /**
   * Returns how long after one send of this action to a customer another is refused.
   *
   * @return the cooldown, if any
   */
  public Optional<Duration> cooldown() {
    return cooldown;
  }

  /**
   * Returns how long to wait for a response ({@code opened}, {@code clicked} or {@code
   * converted}) before trying the next channel, if the action asks for that.
   *
   * @return the response window, if any
   */
  public Optional<Duration> responseWindow() {
    return responseWindow;
  }

  /**
   * Returns the share of customers held out of the action: never sent it, and measured against
   * those who are (see the class's description); 0 unless set.
   *
   * @return the fraction, from 0 (inclusive) to 1 (exclusive)
   */
  public double holdout() {
    return holdout;
  }

  @Override
  public String toString() {
    return "Action{" + name + ", " + purpose.wireName() + ", " + channels
        + (holdout > 0 ? ", holdout " + holdout : "") + "}";
  }

  /**
   * Tells whether another action is the same definition: same name, purpose, topic, channels,
   * value, cooldown, response window and holdout. Two equal actions may appear in several
   * journeys and rule sets of one engine; two different actions may not share a name.
   *
   * @param o the other object
   * @return whether it is an equal action
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Action)) {
      return false;
    }
    Action a = (Action) o;
    return name.equals(a.name) && purpose == a.purpose && topic.equals(a.topic)
        && channels.equals(a.channels) && Double.compare(value, a.value) == 0
        && cooldown.equals(a.cooldown) && responseWindow.equals(a.responseWindow)
        && Double.compare(holdout, a.holdout) == 0;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(name, purpose, topic, channels, value, cooldown,
        responseWindow, holdout);
  }

  /**
   * Builds an {@link Action}. Single-use: each setting is given once ({@link #via} adds a
   * channel each time), and any call after {@link #build()} is refused, so that a builder kept
   * after one action cannot hand its settings to the next. {@link #build()} may be called again
   * and returns the same action. The DSL's {@code action(name)} writes on this builder.
   */
  public static final class Builder {
    private final String name;
    private Purpose purpose;
    private String topic;
    private final List<Channel> channels = new ArrayList<>();
    private Double value;
    private Duration cooldown;
    private Duration responseWindow;
    private Double holdout;
    private Action built;

    private Builder(String name) {
      this.name = name;
    }

    private String owner() {
      return Checks.owner("action", name);
    }

    private void open(String call) {
      Checks.notBuilt(owner(), call, built != null, "Action.builder(name)");
    }

    /**
     * Sets the purpose.
     *
     * @param purpose marketing or transactional
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException if the purpose was already set, or after {@link #build()}
     */
    public Builder purpose(Purpose purpose) {
      open("purpose");
      Checks.notNull(owner(), "purpose", purpose);
      Checks.once(owner(), "purpose", this.purpose != null);
      this.purpose = purpose;
      return this;
    }

    /**
     * Sets the topic.
     *
     * @param topic such as {@code "coffee"}
     * @return this builder
     * @throws IllegalArgumentException if blank
     * @throws IllegalStateException if the topic was already set, or after {@link #build()}
     */
    public Builder topic(String topic) {
      open("topic");
      if (topic == null || topic.isBlank()) {
        throw new IllegalArgumentException(owner() + ": topic is "
            + (topic == null ? "null" : "blank (\"" + topic + "\")")
            + "; give a topic such as \"coffee\" or leave it out");
      }
      Checks.once(owner(), "topic", this.topic != null);
      this.topic = topic;
      return this;
    }

    /**
     * Adds a channel, after those already given.
     *
     * @param channel the channel
     * @return this builder
     * @throws IllegalArgumentException if null or already given
     * @throws IllegalStateException after {@link #build()}
     */
    public Builder via(Channel channel) {
      open("via");
      Checks.notNull(owner(), "channel", channel);
      if (channels.contains(channel)) {
        throw new IllegalArgumentException(owner() + ": channel " + channel
            + " is given twice; give each channel once, in order of preference");
      }
      channels.add(channel);
      return this;
    }

    /**
     * Sets the value.
     *
     * @param value a finite number, zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative, infinite or NaN
     * @throws IllegalStateException if the value was already set, or after {@link #build()}
     */
    public Builder value(double value) {
      open("value");
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException(owner() + ": value is " + value
            + "; give a finite value of zero or more");
      }
      Checks.once(owner(), "value", this.value != null);
      this.value = value;
      return this;
    }

    /**
     * Sets a cooldown: how long after one send to a customer another is refused.
     *
     * @param cooldown a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if the cooldown was already set, or after {@link
     *     #build()}
     */
    public Builder cooldown(Duration cooldown) {
      open("cooldown");
      Checks.positive(owner(), "cooldown", cooldown);
      Checks.once(owner(), "cooldown", this.cooldown != null);
      this.cooldown = cooldown;
      return this;
    }

    /**
     * Asks for a fallback to the next channel when there is no response within a window.
     *
     * @param window a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if the window was already set, or after {@link #build()}
     */
    public Builder responseWindow(Duration window) {
      open("responseWindow");
      Checks.positive(owner(), "responseWindow", window);
      Checks.once(owner(), "responseWindow", this.responseWindow != null);
      this.responseWindow = window;
      return this;
    }

    /**
     * Holds a share of customers out of the action, to measure what it adds: a held-out customer
     * is never sent it (the send is refused with {@link
     * dev.rapport.core.policy.Reason#ACTION_HOLDOUT} where it would have gone), and the engine
     * compares both arms from each customer's first exposure. Which customers are held out is a
     * seeded hash of the action's name and the customer's id: the same on every run and in every
     * engine.
     *
     * <pre>{@code
     * Action.builder("spring-offer").via(Channel.EMAIL).holdout(0.10).build();
     * }</pre>
     *
     * @param fraction from 0 (inclusive) to 1 (exclusive), such as 0.10
     * @return this builder
     * @throws IllegalArgumentException if out of range or NaN
     * @throws IllegalStateException if the holdout was already set, or after {@link #build()}
     */
    public Builder holdout(double fraction) {
      open("holdout");
      Checks.fraction(owner(), "holdout", fraction);
      Checks.once(owner(), "holdout", this.holdout != null);
      this.holdout = fraction;
      return this;
    }

    /**
     * Returns the action; called again, returns the same action.
     *
     * @return the action
     * @throws IllegalStateException if it has no channel, or a response window with one channel
     */
    public Action build() {
      if (built != null) {
        return built;
      }
      if (channels.isEmpty()) {
        throw new IllegalStateException(owner() + ": has no channel; add via(Channel)");
      }
      if (responseWindow != null && channels.size() < 2) {
        throw new IllegalStateException(owner() + ": has a response window of " + responseWindow
            + " but only one channel (" + channels.get(0)
            + ") to fall back from; add a second channel or remove the window");
      }
      built = new Action(this);
      return built;
    }
  }
}
