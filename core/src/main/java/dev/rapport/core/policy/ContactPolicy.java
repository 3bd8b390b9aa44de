package dev.rapport.core.policy;

import dev.rapport.core.Channel;
import dev.rapport.core.QuietHours;
import dev.rapport.core.TraitKey;
import dev.rapport.core.internal.Checks;
import dev.rapport.core.internal.Immutable;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How often, when and on which terms a customer may be contacted: caps over rolling windows, a
 * minimum gap between marketing messages, quiet hours and what happens in them, suppression after
 * an unsubscribe or a complaint, {@linkplain SupportHold holds} while a customer has a support
 * problem, and how each channel treats consent and reachability. The engine's one gate checks it
 * for every message, from journeys and decisions alike.
 *
 * <p>Immutable. {@link #ofDefaults()} has no cap, no gap and no quiet hours of its own (the
 * customer's own quiet hours still apply, deferring), UTC as the zone of customers whose zone is
 * unknown, suppression after unsubscribe and complaint, and every channel's {@link
 * ChannelSettings#defaultsFor(Channel) default settings}.
 *
 * <pre>{@code
 * ContactPolicy policy = ContactPolicy.builder()
 *     .cap(Cap.of(3, Duration.ofDays(7)))
 *     .cap(Cap.of(1, Duration.ofDays(1)).on(Channel.SMS))
 *     .minimumGap(Duration.ofHours(4))
 *     .quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0))
 *     .defaultZone(ZoneId.of("Europe/London"))
 *     .build();
 * }</pre>
 *
 * <p>The DSL's {@code Rapport.contactPolicy()} builds the same policy in staged form.
 */
public final class ContactPolicy {
  private static final String OWNER = "contact policy";
  private static final ContactPolicy DEFAULTS = builder().build();

  private final List<Cap> caps;
  private final Optional<Duration> minimumGap;
  private final Optional<QuietHours> quietHours;
  private final QuietHoursMode quietHoursMode;
  private final ZoneId defaultZone;
  private final boolean suppressAfterUnsubscribe;
  private final boolean suppressAfterComplaint;
  private final List<SupportHold> holds;
  private final Map<Channel, ChannelSettings> channels;
  private final Optional<Fatigue> fatigue;

  private ContactPolicy(Builder b) {
    this.caps = Immutable.list(b.caps);
    this.minimumGap = Optional.ofNullable(b.minimumGap);
    this.quietHours = Optional.ofNullable(b.quietHours);
    this.quietHoursMode = b.quietHoursMode;
    this.defaultZone = b.defaultZone;
    this.suppressAfterUnsubscribe = b.suppressAfterUnsubscribe;
    this.suppressAfterComplaint = b.suppressAfterComplaint;
    this.holds = Immutable.list(b.holds);
    this.channels = Immutable.map(b.channels);
    this.fatigue = Optional.ofNullable(b.fatigue);
  }

  /**
   * Returns the default policy: no caps, no minimum gap, no quiet hours of its own, deferring in
   * the customer's quiet hours, UTC as the default zone, suppression after unsubscribe and
   * complaint, default channel settings.
   *
   * @return the default policy
   */
  public static ContactPolicy ofDefaults() {
    return DEFAULTS;
  }

  /**
   * Starts a policy from the defaults.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a builder holding an existing policy's values. Each single setting copied from it may
   * be replaced once, a cap with the same scope and window as one of its caps replaces that cap,
   * and a channel's settings may be replaced once.
   *
   * @param existing the policy to start from
   * @return a builder
   * @throws IllegalArgumentException if the policy is null
   */
  public static Builder from(ContactPolicy existing) {
    Checks.notNull(OWNER, "from(existing)", existing);
    Builder b = new Builder();
    b.caps.addAll(existing.caps);
    b.minimumGap = existing.minimumGap.orElse(null);
    b.quietHours = existing.quietHours.orElse(null);
    b.quietHoursMode = existing.quietHoursMode;
    b.defaultZone = existing.defaultZone;
    b.suppressAfterUnsubscribe = existing.suppressAfterUnsubscribe;
    b.suppressAfterComplaint = existing.suppressAfterComplaint;
    b.holds.addAll(existing.holds);
    b.channels.putAll(existing.channels);
    b.fatigue = existing.fatigue.orElse(null);
    return b;
  }

  /**
   * Returns the caps, in the order they were given.
   *
   * @return the caps
   */
  public List<Cap> caps() {
    return caps;
  }

  /**
   * Returns the fatigue rule, if any.
   *
   * @return the rule
   */
  public Optional<Fatigue> fatigue() {
    return fatigue;
  }

  /**
   * Returns the shortest time allowed between two marketing messages to a customer.
   *
   * @return the minimum gap, if any
   */
  public Optional<Duration> minimumGap() {
    return minimumGap;
  }

  /**
   * Returns the policy's own quiet hours, which apply to every customer in their own time zone
   * in addition to the quiet hours the customer gave.
   *
   * @return the quiet hours, if any
   */
  public Optional<QuietHours> quietHours() {
    return quietHours;
  }

  /**
   * Returns what happens to a marketing message in quiet hours, the policy's or the customer's.
   *
   * @return {@link QuietHoursMode#DEFER} unless set
   */
  public QuietHoursMode quietHoursMode() {
    return quietHoursMode;
  }

  /**
   * Returns the time zone of customers whose own zone is unknown.
   *
   * @return the zone, UTC unless set
   */
  public ZoneId defaultZone() {
    return defaultZone;
  }

  /**
   * Tells whether marketing on a channel is suppressed after the customer unsubscribed from it
   * (or from everything), until they grant marketing consent on it again.
   *
   * @return whether suppressed; true unless set
   */
  public boolean suppressAfterUnsubscribe() {
    return suppressAfterUnsubscribe;
  }

  /**
   * Tells whether marketing is suppressed after the customer complained, until they grant
   * marketing consent on the channel again.
   *
   * @return whether suppressed; true unless set
   */
  public boolean suppressAfterComplaint() {
    return suppressAfterComplaint;
  }

  /**
   * Returns the holds on marketing while a customer has a support problem, in the order they
   * were given.
   *
   * @return the holds; none by default
   */
  public List<SupportHold> holds() {
    return holds;
  }

  /**
   * Returns how the gate treats a channel: its configured settings, or its defaults.
   *
   * @param channel the channel
   * @return the settings
   * @throws IllegalArgumentException if the channel is null
   */
  public ChannelSettings channelSettings(Channel channel) {
    Checks.notNull(OWNER, "channel", channel);
    ChannelSettings s = channels.get(channel);
    return s != null ? s : ChannelSettings.defaultsFor(channel);
  }

  /**
   * Returns every channel the policy names, in a cap or with settings of its own; the engine
   * checks that each is a channel it knows.
   *
   * @return the channels, in the order they were first named
   */
  public Set<Channel> channelsNamed() {
    List<Channel> named = new ArrayList<>();
    caps.forEach(c -> c.channel().ifPresent(named::add));
    named.addAll(channels.keySet());
    return Immutable.set(named);
  }

  /**
   * Returns how long the engine must keep a customer's contacts for this policy: the longest cap
   * window or minimum gap, or the fatigue rule's memory ({@link Fatigue#memory()}). Action cooldowns may need longer; that is the engine's concern.
   *
   * @return the longest window, {@link Duration#ZERO} if none
   */
  public Duration retention() {
    Duration longest = minimumGap.orElse(Duration.ZERO);
    for (Cap c : caps) {
      if (c.window().compareTo(longest) > 0) {
        longest = c.window();
      }
    }
    if (fatigue.isPresent()) {
      Duration f = fatigue.get().memory();
      longest = f.compareTo(longest) > 0 ? f : longest;
    }
    return longest;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ContactPolicy)) {
      return false;
    }
    ContactPolicy p = (ContactPolicy) o;
    return caps.equals(p.caps) && minimumGap.equals(p.minimumGap)
        && quietHours.equals(p.quietHours) && quietHoursMode == p.quietHoursMode
        && defaultZone.equals(p.defaultZone)
        && suppressAfterUnsubscribe == p.suppressAfterUnsubscribe
        && suppressAfterComplaint == p.suppressAfterComplaint && holds.equals(p.holds)
        && channels.equals(p.channels) && fatigue.equals(p.fatigue);
  }

  @Override
  public int hashCode() {
    return Objects.hash(caps, minimumGap, quietHours, quietHoursMode, defaultZone,
        suppressAfterUnsubscribe, suppressAfterComplaint, holds, channels, fatigue);
  }

  @Override
  public String toString() {
    return "ContactPolicy{caps=" + caps + ", minimumGap=" + minimumGap.orElse(null)
        + ", quietHours=" + quietHours.map(q -> q.start() + "-" + q.end()).orElse(null)
        + " " + quietHoursMode + ", defaultZone=" + defaultZone + ", suppressAfterUnsubscribe="
        + suppressAfterUnsubscribe + ", suppressAfterComplaint=" + suppressAfterComplaint
        + ", holds=" + holds + ", channels=" + channels + fatigue.map(f -> ", " + f).orElse("")
        + "}";
  }

  /**
   * Builds a {@link ContactPolicy}. Single-use: each setting is given once (caps and channels
   * add up, one per scope and window and one per channel), and any call after {@link #build()}
   * is refused, so that a builder kept after one policy cannot hand its settings to the next.
   * {@link #build()} may be called again and returns the same policy. To make a variant of a
   * policy, start from it with {@link ContactPolicy#from(ContactPolicy)}.
   *
   * <p>The DSL's {@code contactPolicy()} writes its clauses on this builder, so a policy gets the
   * same checks and the same messages whichever way it is declared.
   */
  public static final class Builder {
    private final List<Cap> caps = new ArrayList<>();
    private final List<Cap> capsGivenHere = new ArrayList<>();
    private Duration minimumGap;
    private QuietHours quietHours;
    private QuietHoursMode quietHoursMode = QuietHoursMode.DEFER;
    private ZoneId defaultZone = ZoneOffset.UTC;
    private boolean suppressAfterUnsubscribe = true;
    private boolean suppressAfterComplaint = true;
    private final List<SupportHold> holds = new ArrayList<>();
    private final Map<Channel, ChannelSettings> channels = new LinkedHashMap<>();
    private Fatigue fatigue;
    private final Set<String> setHere = new HashSet<>();
    private final Set<Channel> channelsSetHere = new HashSet<>();
    private ContactPolicy built;

    private Builder() {}

    private void open(String call) {
      Checks.notBuilt(OWNER, call, built != null,
          "ContactPolicy.builder(), or ContactPolicy.from(policy) for a variant of it");
    }

    private void once(String field) {
      open(field);
      Checks.once(OWNER, field, !setHere.add(field));
    }

    /**
     * Adds a cap.
     *
     * @param cap the cap
     * @return this builder
     * @throws IllegalArgumentException if the cap is null
     * @throws IllegalStateException if a cap with the same scope and window was already given,
     *     or after {@link #build()}
     */
    public Builder cap(Cap cap) {
      open("cap");
      Checks.notNull(OWNER, "cap", cap);
      for (Cap given : capsGivenHere) {
        if (given.sameScopeAndWindow(cap)) {
          throw new IllegalStateException(OWNER + ": caps '" + given + "' and '" + cap
              + "' count the same messages over the same window; keep one of them");
        }
      }
      capsGivenHere.add(cap);
      for (int i = 0; i < caps.size(); i++) {
        if (caps.get(i).sameScopeAndWindow(cap)) {
          // a cap copied by from(existing): the new one replaces it
          caps.set(i, cap);
          return this;
        }
      }
      caps.add(cap);
      return this;
    }

    /**
     * Sets the fatigue rule: after a number of consecutive unanswered marketing messages,
     * marketing to the customer pauses until they respond or the pause ends (see {@link
     * Fatigue}).
     *
     * @param rule the rule
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException if already set, or after {@link #build()}
     */
    public Builder fatigue(Fatigue rule) {
      open("fatigue");
      Checks.notNull(OWNER, "fatigue", rule);
      once("fatigue");
      this.fatigue = rule;
      return this;
    }

    /**
     * Sets the shortest time allowed between two marketing messages to a customer, on any
     * channel.
     *
     * @param gap a positive duration
     * @return this builder
     * @throws IllegalArgumentException if null or not positive
     * @throws IllegalStateException if already set, or after {@link #build()}
     */
    public Builder minimumGap(Duration gap) {
      open("minimumGap");
      Checks.positive(OWNER, "minimumGap", gap);
      once("minimumGap");
      this.minimumGap = gap;
      return this;
    }

    /**
     * Sets quiet hours that apply to every customer, in the customer's own time zone, in
     * addition to the customer's own quiet hours.
     *
     * @param start the first quiet local time, such as 21:00
     * @param end the first local time that is no longer quiet, such as 08:00
     * @return this builder
     * @throws IllegalArgumentException if a bound is null or both are equal
     * @throws IllegalStateException if already set, or after {@link #build()}
     */
    public Builder quietHours(LocalTime start, LocalTime end) {
      open("quietHours");
      Checks.notNull(OWNER, "quietHours start", start);
      Checks.notNull(OWNER, "quietHours end", end);
      if (start.equals(end)) {
        throw new IllegalArgumentException(OWNER + ": quietHours(" + start + ", " + end
            + ") is an empty span; give a span such as 21:00 to 08:00");
      }
      once("quietHours");
      this.quietHours = new QuietHours(start, end);
      return this;
    }

    /**
     * Sets what happens to a marketing message in quiet hours; deferred unless set.
     *
     * @param mode defer or drop
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException if already set, or after {@link #build()}
     */
    public Builder quietHoursMode(QuietHoursMode mode) {
      open("quietHoursMode");
      Checks.notNull(OWNER, "quietHoursMode", mode);
      once("quietHoursMode");
      this.quietHoursMode = mode;
      return this;
    }

    /**
     * Sets the time zone of customers whose own zone is unknown; UTC unless set.
     *
     * @param zone the zone
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException if already set, or after {@link #build()}
     */
    public Builder defaultZone(ZoneId zone) {
      open("defaultZone");
      Checks.notNull(OWNER, "defaultZone", zone);
      once("defaultZone");
      this.defaultZone = zone;
      return this;
    }

    /**
     * Sets whether marketing is suppressed after an unsubscribe; true unless set.
     *
     * @param suppress whether to suppress
     * @return this builder
     * @throws IllegalStateException if already set, or after {@link #build()}
     */
    public Builder suppressAfterUnsubscribe(boolean suppress) {
      once("suppressAfterUnsubscribe");
      this.suppressAfterUnsubscribe = suppress;
      return this;
    }

    /**
     * Sets whether marketing is suppressed after a complaint; true unless set.
     *
     * @param suppress whether to suppress
     * @return this builder
     * @throws IllegalStateException if already set, or after {@link #build()}
     */
    public Builder suppressAfterComplaint(boolean suppress) {
      once("suppressAfterComplaint");
      this.suppressAfterComplaint = suppress;
      return this;
    }

    /**
     * Adds a hold on marketing while a customer has a support problem, such as no marketing
     * within 7 days after {@code ticket_opened}, or while a ticket is open. Holds add up.
     *
     * <pre>{@code
     * ContactPolicy.builder()
     *     .hold(SupportHold.after(EventTypes.TICKET_OPENED, Duration.ofDays(7)))
     *     .hold(SupportHold.whileTicketOpen())
     *     .build();
     * }</pre>
     *
     * @param hold the hold
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException if an equal hold was already given, or after {@link
     *     #build()}
     */
    public Builder hold(SupportHold hold) {
      open("hold");
      Checks.notNull(OWNER, "hold", hold);
      if (holds.contains(hold)) {
        throw new IllegalStateException(OWNER + ": hold '" + hold.describe() + "' is already "
            + "given; give each hold once");
      }
      holds.add(hold);
      return this;
    }

    /**
     * Configures how the gate treats a channel, replacing its defaults.
     *
     * @param channel the channel
     * @param settings its settings
     * @return this builder
     * @throws IllegalArgumentException if either is null
     * @throws IllegalStateException if the channel was already configured, or after {@link
     *     #build()}
     */
    public Builder channel(Channel channel, ChannelSettings settings) {
      open("channel");
      Checks.notNull(OWNER, "channel", channel);
      Checks.notNull(OWNER, "settings of channel " + channel, settings);
      declare(channel);
      channels.put(channel, settings);
      return this;
    }

    /**
     * Names a channel the policy configures, with its {@link ChannelSettings#defaultsFor
     * defaults} until the returned settings say otherwise; a channel that only the policy names
     * is checked by the engine like the others.
     *
     * <pre>{@code
     * ContactPolicy.Builder policy = ContactPolicy.builder();
     * policy.channel(Channel.of("whatsapp")).requiresOptIn(true).reachableWith(PHONE_NUMBER);
     * }</pre>
     *
     * @param channel the channel
     * @return the channel's settings, written on this builder
     * @throws IllegalArgumentException if the channel is null
     * @throws IllegalStateException if the channel was already configured, or after {@link
     *     #build()}
     */
    public ChannelSettingsBuilder channel(Channel channel) {
      open("channel");
      if (channel == null) {
        throw new IllegalArgumentException(OWNER + ": channel(null) names no channel; give a "
            + "channel such as Channel.of(\"whatsapp\")");
      }
      declare(channel);
      channels.put(channel, ChannelSettings.defaultsFor(channel));
      return new ChannelSettingsBuilder(this, channel);
    }

    private void declare(Channel channel) {
      Checks.once(OWNER, "channel(" + channel + ")", !channelsSetHere.add(channel));
    }

    /**
     * Returns the policy; called again, returns the same policy.
     *
     * @return the policy
     */
    public ContactPolicy build() {
      if (built == null) {
        built = new ContactPolicy(this);
      }
      return built;
    }
  }

  /**
   * The settings of one channel of a policy being built, started by {@link
   * Builder#channel(Channel)} from the channel's defaults. Each setting is given once, and
   * none after the policy is built.
   */
  public static final class ChannelSettingsBuilder {
    private final Builder policy;
    private final Channel channel;
    private boolean optInSet;
    private boolean reachabilitySet;

    private ChannelSettingsBuilder(Builder policy, Channel channel) {
      this.policy = policy;
      this.channel = channel;
    }

    private String owner() {
      return OWNER + ": channel(" + channel + ")";
    }

    private ChannelSettings settings() {
      return policy.channels.get(channel);
    }

    /**
     * Sets whether marketing on the channel needs an explicit {@code GRANTED} consent.
     *
     * @param required whether an opt-in is required
     * @return these settings
     * @throws IllegalStateException if already set, or after the policy is built
     */
    public ChannelSettingsBuilder requiresOptIn(boolean required) {
      policy.open("channel(" + channel + ").requiresOptIn");
      if (optInSet) {
        throw new IllegalStateException(owner() + ".requiresOptIn is already set; set it once");
      }
      optInSet = true;
      policy.channels.put(channel,
          ChannelSettings.of(required, settings().reachableWith().orElse(null)));
      return this;
    }

    /**
     * Makes a customer reachable on the channel only with a trait.
     *
     * @param trait the trait, such as {@code PHONE_NUMBER}
     * @return these settings
     * @throws IllegalArgumentException if the trait is null
     * @throws IllegalStateException if the reachability is already set, or after the policy is
     *     built
     */
    public ChannelSettingsBuilder reachableWith(TraitKey<?> trait) {
      policy.open("channel(" + channel + ").reachableWith");
      if (trait == null) {
        throw new IllegalArgumentException(owner() + ".reachableWith(null) names no trait; give "
            + "a trait such as PHONE_NUMBER, or use alwaysReachable()");
      }
      return reachability(trait);
    }

    /**
     * Makes every customer reachable on the channel.
     *
     * @return these settings
     * @throws IllegalStateException if the reachability is already set, or after the policy is
     *     built
     */
    public ChannelSettingsBuilder alwaysReachable() {
      policy.open("channel(" + channel + ").alwaysReachable");
      return reachability(null);
    }

    private ChannelSettingsBuilder reachability(TraitKey<?> trait) {
      if (reachabilitySet) {
        throw new IllegalStateException(owner() + " reachability is already set; give "
            + "reachableWith(trait) or alwaysReachable() once");
      }
      reachabilitySet = true;
      policy.channels.put(channel, ChannelSettings.of(settings().requiresOptIn(), trait));
      return this;
    }
  }
}
