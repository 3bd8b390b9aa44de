package dev.rapport.dsl;

import dev.rapport.core.Channel;
import dev.rapport.core.Purpose;
import dev.rapport.core.TraitKey;
import dev.rapport.core.policy.Cap;
import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.core.policy.Fatigue;
import dev.rapport.core.policy.QuietHoursMode;
import dev.rapport.core.policy.SupportHold;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The contact policy's stages, copy-on-write: each stage is a value, the clauses given so far,
 * and each call returns a new stage, leaving the one it was made on as it was. A policy has no
 * name and is the thing most often shared (one base, a variant per region), so a shared stage
 * must be safe to go on from twice: {@code base.quietHours(...)} and {@code base.build()} give
 * two policies, and neither sees the other's clause.
 *
 * <p>A clause is a call on the core {@link ContactPolicy.Builder}, which holds every check. Each
 * new stage replays its clauses on a fresh builder, so that a bad or repeated clause fails at the
 * call that gave it, with the builder's message; a policy has a handful of clauses, so the replay
 * costs nothing worth counting. A cap reaches the policy once its scope is known: when a scope,
 * the next clause or {@code build()} follows it.
 */
abstract class PolicySteps implements ContactPolicyStep {
  /** The empty policy, the first stage of {@code contactPolicy()}. */
  static ContactPolicyStep start() {
    return new Clauses(List.of());
  }

  /** The policy this stage stands for, with every clause given so far. */
  abstract Clauses policy();

  @Override
  public CapStep atMost(int limit) {
    Cap.Limit atMost = Cap.atMost(limit);
    Clauses before = policy();
    return window -> new CapScope(before, atMost.per(window));
  }

  @Override
  public ContactPolicyStep minimumGap(Duration gap) {
    return policy().and(b -> b.minimumGap(gap));
  }

  @Override
  public QuietHoursStep quietHours(LocalTime start, LocalTime end) {
    return new QuietHoursClause(policy().and(b -> b.quietHours(start, end)));
  }

  @Override
  public ContactPolicyStep quietHoursMode(QuietHoursMode mode) {
    return policy().and(b -> b.quietHoursMode(mode));
  }

  @Override
  public ContactPolicyStep defaultZone(ZoneId zone) {
    return policy().and(b -> b.defaultZone(zone));
  }

  @Override
  public ContactPolicyStep suppressAfterUnsubscribe(boolean suppress) {
    return policy().and(b -> b.suppressAfterUnsubscribe(suppress));
  }

  @Override
  public ContactPolicyStep suppressAfterComplaint(boolean suppress) {
    return policy().and(b -> b.suppressAfterComplaint(suppress));
  }

  @Override
  public ContactPolicyStep hold(SupportHold hold) {
    return policy().and(b -> b.hold(hold));
  }

  @Override
  public ContactPolicyStep fatigue(Fatigue rule) {
    return policy().and(b -> b.fatigue(rule));
  }

  @Override
  public ChannelSettingsStep channel(Channel channel) {
    return new ChannelClause(policy(), channel, List.of());
  }

  @Override
  public ContactPolicy build() {
    return policy().written().build();
  }

  /** A policy: the clauses given, each a call on the core builder. */
  static final class Clauses extends PolicySteps {
    private final List<Consumer<ContactPolicy.Builder>> clauses;

    private Clauses(List<Consumer<ContactPolicy.Builder>> clauses) {
      this.clauses = clauses;
    }

    @Override
    Clauses policy() {
      return this;
    }

    /** This policy with one more clause, checked now by the core builder. */
    Clauses and(Consumer<ContactPolicy.Builder> clause) {
      List<Consumer<ContactPolicy.Builder>> more = new ArrayList<>(clauses);
      more.add(clause);
      Clauses next = new Clauses(List.copyOf(more));
      next.written();
      return next;
    }

    /** A fresh core builder with every clause written on it. */
    ContactPolicy.Builder written() {
      ContactPolicy.Builder builder = ContactPolicy.builder();
      clauses.forEach(c -> c.accept(builder));
      return builder;
    }
  }

  /**
   * A cap with its window, which a scope may still narrow: it reaches the policy, scoped or
   * not, only then, so that {@code atMost(3).per(week)} beside {@code atMost(5).per(week).on(SMS)}
   * is not taken for two caps of the same scope.
   */
  private static final class CapScope extends PolicySteps implements CapScopeStep {
    private final Clauses before;
    private final Cap cap;

    CapScope(Clauses before, Cap cap) {
      this.before = before;
      this.cap = cap;
    }

    @Override
    Clauses policy() {
      return before.and(b -> b.cap(cap));
    }

    @Override
    public ContactPolicyStep on(Channel channel) {
      Cap scoped = cap.on(channel);
      return before.and(b -> b.cap(scoped));
    }

    @Override
    public ContactPolicyStep onTopic(String topic) {
      Cap scoped = cap.onTopic(topic);
      return before.and(b -> b.cap(scoped));
    }

    @Override
    public ContactPolicyStep forPurpose(Purpose purpose) {
      Cap scoped = cap.forPurpose(purpose);
      return before.and(b -> b.cap(scoped));
    }

    @Override
    public ContactPolicyStep forSegment(String segment) {
      Cap scoped = cap.forSegment(segment);
      return before.and(b -> b.cap(scoped));
    }

    @Override
    public ContactPolicyStep forPersona(String persona) {
      Cap scoped = cap.forPersona(persona);
      return before.and(b -> b.cap(scoped));
    }
  }

  /** Quiet hours, already a clause, whose mode may follow. */
  private static final class QuietHoursClause extends PolicySteps implements QuietHoursStep {
    private final Clauses withHours;

    QuietHoursClause(Clauses withHours) {
      this.withHours = withHours;
    }

    @Override
    Clauses policy() {
      return withHours;
    }

    @Override
    public ContactPolicyStep deferring() {
      return withHours.and(b -> b.quietHoursMode(QuietHoursMode.DEFER));
    }

    @Override
    public ContactPolicyStep dropping() {
      return withHours.and(b -> b.quietHoursMode(QuietHoursMode.DROP));
    }
  }

  /** A channel and the settings given to it so far, each a call on the core builder's. */
  private static final class ChannelClause extends PolicySteps implements ChannelSettingsStep {
    private final Clauses before;
    private final Channel channel;
    private final List<Consumer<ContactPolicy.ChannelSettingsBuilder>> settings;
    private final Clauses policy;

    ChannelClause(Clauses before, Channel channel,
        List<Consumer<ContactPolicy.ChannelSettingsBuilder>> settings) {
      this.before = before;
      this.channel = channel;
      this.settings = settings;
      this.policy = before.and(b -> {
        ContactPolicy.ChannelSettingsBuilder c = b.channel(channel);
        settings.forEach(s -> s.accept(c));
      });
    }

    @Override
    Clauses policy() {
      return policy;
    }

    private ChannelClause and(Consumer<ContactPolicy.ChannelSettingsBuilder> setting) {
      List<Consumer<ContactPolicy.ChannelSettingsBuilder>> more = new ArrayList<>(settings);
      more.add(setting);
      return new ChannelClause(before, channel, List.copyOf(more));
    }

    @Override
    public ChannelSettingsStep requiresOptIn(boolean required) {
      return and(c -> c.requiresOptIn(required));
    }

    @Override
    public ChannelSettingsStep reachableWith(TraitKey<?> trait) {
      return and(c -> c.reachableWith(trait));
    }

    @Override
    public ChannelSettingsStep alwaysReachable() {
      return and(ContactPolicy.ChannelSettingsBuilder::alwaysReachable);
    }
  }
}
