package dev.rapport.dsl;

import dev.rapport.core.Channel;
import dev.rapport.core.Purpose;
import dev.rapport.core.TraitKey;
import dev.rapport.core.policy.Cap;
import dev.rapport.core.policy.ChannelSettings;
import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.core.policy.QuietHoursMode;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;

/**
 * The contact policy's stages over one {@link ContactPolicy.Builder}. A cap and a channel are
 * written over several calls ({@code atMost(3).per(d).on(SMS)}), so the clause being written is
 * held open and handed to the builder when the next clause starts or the policy is built.
 */
final class PolicySteps implements ContactPolicyStep {
  private static final String OWNER = "contact policy";

  private final ContactPolicy.Builder builder = ContactPolicy.builder();
  private final Set<Channel> channels = new HashSet<>();
  private Clause open;

  /** Closes the clause being written, handing it to the builder. */
  private void close() {
    Clause c = open;
    open = null;
    if (c != null) {
      c.commit();
    }
  }

  private void checkOpen(Clause clause, String call) {
    if (open != clause) {
      throw new IllegalStateException(OWNER + ": " + call + " comes after " + clause
          + " was closed by another clause; write each cap and channel in one chain");
    }
  }

  @Override
  public CapStep atMost(int limit) {
    close();
    // validates the limit now, at the call that gave it; the window here is not used
    Cap.of(limit, Duration.ofDays(1));
    CapWindow c = new CapWindow(limit);
    open = c;
    return c;
  }

  @Override
  public ContactPolicyStep minimumGap(Duration gap) {
    close();
    builder.minimumGap(gap);
    return this;
  }

  @Override
  public QuietHoursStep quietHours(LocalTime start, LocalTime end) {
    close();
    builder.quietHours(start, end);
    QuietHoursClause c = new QuietHoursClause(start, end);
    open = c;
    return c;
  }

  @Override
  public ContactPolicyStep quietHoursMode(QuietHoursMode mode) {
    close();
    builder.quietHoursMode(mode);
    return this;
  }

  @Override
  public ContactPolicyStep defaultZone(ZoneId zone) {
    close();
    builder.defaultZone(zone);
    return this;
  }

  @Override
  public ContactPolicyStep suppressAfterUnsubscribe(boolean suppress) {
    close();
    builder.suppressAfterUnsubscribe(suppress);
    return this;
  }

  @Override
  public ContactPolicyStep suppressAfterComplaint(boolean suppress) {
    close();
    builder.suppressAfterComplaint(suppress);
    return this;
  }

  @Override
  public ChannelSettingsStep channel(Channel channel) {
    close();
    if (channel == null) {
      throw new IllegalArgumentException(OWNER + ": channel(null) names no channel; give a "
          + "channel such as Channel.of(\"whatsapp\")");
    }
    // the builder would refuse it too, but only when the clause closes: refuse it here
    if (!channels.add(channel)) {
      throw new IllegalStateException(OWNER + ": channel(" + channel
          + ") is already set; set it once");
    }
    ChannelClause c = new ChannelClause(channel);
    open = c;
    return c;
  }

  @Override
  public ContactPolicy build() {
    close();
    return builder.build();
  }

  /** A clause written over several calls. */
  private abstract class Clause implements ContactPolicyStep {
    abstract void commit();

    @Override
    public CapStep atMost(int limit) {
      return PolicySteps.this.atMost(limit);
    }

    @Override
    public ContactPolicyStep minimumGap(Duration gap) {
      return PolicySteps.this.minimumGap(gap);
    }

    @Override
    public QuietHoursStep quietHours(LocalTime start, LocalTime end) {
      return PolicySteps.this.quietHours(start, end);
    }

    @Override
    public ContactPolicyStep quietHoursMode(QuietHoursMode mode) {
      return PolicySteps.this.quietHoursMode(mode);
    }

    @Override
    public ContactPolicyStep defaultZone(ZoneId zone) {
      return PolicySteps.this.defaultZone(zone);
    }

    @Override
    public ContactPolicyStep suppressAfterUnsubscribe(boolean suppress) {
      return PolicySteps.this.suppressAfterUnsubscribe(suppress);
    }

    @Override
    public ContactPolicyStep suppressAfterComplaint(boolean suppress) {
      return PolicySteps.this.suppressAfterComplaint(suppress);
    }

    @Override
    public ChannelSettingsStep channel(Channel channel) {
      return PolicySteps.this.channel(channel);
    }

    @Override
    public ContactPolicy build() {
      return PolicySteps.this.build();
    }
  }

  /** {@code atMost(n)}, waiting for its window. */
  private final class CapWindow extends Clause implements CapStep {
    private final int limit;

    CapWindow(int limit) {
      this.limit = limit;
    }

    @Override
    public CapScopeStep per(Duration window) {
      checkOpen(this, "per(" + window + ")");
      CapScope c = new CapScope(Cap.of(limit, window));
      open = c;
      return c;
    }

    @Override
    void commit() {
      // only reachable by keeping the step of atMost(n) and going on from another one
      throw new IllegalStateException(OWNER + ": " + this + " has no window; add "
          + "per(Duration), such as atMost(" + limit + ").per(Duration.ofDays(7))");
    }

    @Override
    public String toString() {
      return "atMost(" + limit + ")";
    }
  }

  /** A cap with its window, which may still be scoped. */
  private final class CapScope extends Clause implements CapScopeStep {
    private final Cap cap;

    CapScope(Cap cap) {
      this.cap = cap;
    }

    private ContactPolicyStep scoped(Cap scoped) {
      open = null;
      builder.cap(scoped);
      return PolicySteps.this;
    }

    @Override
    public ContactPolicyStep on(Channel channel) {
      checkOpen(this, "on(" + channel + ")");
      return scoped(cap.on(channel));
    }

    @Override
    public ContactPolicyStep onTopic(String topic) {
      checkOpen(this, "onTopic(" + topic + ")");
      return scoped(cap.onTopic(topic));
    }

    @Override
    public ContactPolicyStep forPurpose(Purpose purpose) {
      checkOpen(this, "forPurpose(" + purpose + ")");
      return scoped(cap.forPurpose(purpose));
    }

    @Override
    void commit() {
      builder.cap(cap);
    }

    @Override
    public String toString() {
      return "'" + cap + "'";
    }
  }

  /** Quiet hours, already given to the builder, whose mode may follow. */
  private final class QuietHoursClause extends Clause implements QuietHoursStep {
    private final LocalTime start;
    private final LocalTime end;

    QuietHoursClause(LocalTime start, LocalTime end) {
      this.start = start;
      this.end = end;
    }

    private ContactPolicyStep mode(QuietHoursMode mode, String call) {
      checkOpen(this, call);
      open = null;
      builder.quietHoursMode(mode);
      return PolicySteps.this;
    }

    @Override
    public ContactPolicyStep deferring() {
      return mode(QuietHoursMode.DEFER, "deferring()");
    }

    @Override
    public ContactPolicyStep dropping() {
      return mode(QuietHoursMode.DROP, "dropping()");
    }

    @Override
    void commit() {
      // nothing left: the quiet hours are set and the mode keeps its default
    }

    @Override
    public String toString() {
      return "quietHours(" + start + ", " + end + ")";
    }
  }

  /** A channel's settings, handed to the builder when the clause closes. */
  private final class ChannelClause extends Clause implements ChannelSettingsStep {
    private final Channel channel;
    private Boolean requiresOptIn;
    private boolean reachabilitySet;
    private TraitKey<?> reachableWith;

    ChannelClause(Channel channel) {
      this.channel = channel;
    }

    @Override
    public ChannelSettingsStep requiresOptIn(boolean required) {
      checkOpen(this, "requiresOptIn(" + required + ")");
      if (requiresOptIn != null) {
        throw new IllegalStateException(OWNER + ": " + this
            + ".requiresOptIn is already set; set it once");
      }
      requiresOptIn = required;
      return this;
    }

    @Override
    public ChannelSettingsStep reachableWith(TraitKey<?> trait) {
      checkOpen(this, "reachableWith(" + trait + ")");
      if (trait == null) {
        throw new IllegalArgumentException(OWNER + ": " + this + ".reachableWith(null) names "
            + "no trait; give a trait such as PHONE_NUMBER, or use alwaysReachable()");
      }
      reachability(trait);
      return this;
    }

    @Override
    public ChannelSettingsStep alwaysReachable() {
      checkOpen(this, "alwaysReachable()");
      reachability(null);
      return this;
    }

    private void reachability(TraitKey<?> trait) {
      if (reachabilitySet) {
        throw new IllegalStateException(OWNER + ": " + this + " reachability is already set; "
            + "give reachableWith(trait) or alwaysReachable() once");
      }
      reachabilitySet = true;
      reachableWith = trait;
    }

    @Override
    void commit() {
      ChannelSettings defaults = ChannelSettings.defaultsFor(channel);
      builder.channel(channel, ChannelSettings.of(
          requiresOptIn != null ? requiresOptIn : defaults.requiresOptIn(),
          reachabilitySet ? reachableWith : defaults.reachableWith().orElse(null)));
    }

    @Override
    public String toString() {
      return "channel(" + channel + ")";
    }
  }
}
