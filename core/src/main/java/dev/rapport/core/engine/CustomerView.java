package dev.rapport.core.engine;

import dev.rapport.core.Channel;
import dev.rapport.core.Consent;
import dev.rapport.core.Customer;
import dev.rapport.core.CustomerId;
import dev.rapport.core.EngagementLevel;
import dev.rapport.core.Event;
import dev.rapport.core.LifecycleStage;
import dev.rapport.core.Preferences;
import dev.rapport.core.Properties;
import dev.rapport.core.Purpose;
import dev.rapport.core.TraitKey;
import dev.rapport.core.Traits;
import dev.rapport.core.engine.CustomerState;
import dev.rapport.core.engine.EventTypeStats;
import dev.rapport.core.engine.Standing;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** The {@link Customer} view over one immutable {@link CustomerState} at one instant. */
final class CustomerView implements Customer {
  private final CustomerState state;
  private final Instant now;
  private final Duration retention;

  CustomerView(CustomerState state, Instant now, Duration retention) {
    this.state = state;
    this.now = now;
    this.retention = retention;
  }

  /** Returns the state this view reads. */
  CustomerState state() {
    return state;
  }

  @Override
  public CustomerId id() {
    return state.id();
  }

  @Override
  public Instant now() {
    return now;
  }

  @Override
  public <T> Optional<T> trait(TraitKey<T> key) {
    return state.traits().get(key);
  }

  @Override
  public Traits traits() {
    return state.traits();
  }

  private EventTypeStats stats(String type) {
    return state.events().get(type);
  }

  @Override
  public long count(String type) {
    EventTypeStats s = stats(type);
    return s == null ? 0 : s.count();
  }

  @Override
  public long count(String type, Duration within) {
    if (within == null || within.isNegative() || within.isZero()) {
      throw new IllegalArgumentException("count(\"" + type + "\", within): within is " + within
          + "; give a positive duration");
    }
    if (within.compareTo(retention) > 0) {
      throw new IllegalArgumentException("count(\"" + type + "\", " + within
          + "): the window is longer than the engine's history retention of " + retention
          + "; shorten it or raise Engine.builder().retention(...)");
    }
    EventTypeStats s = stats(type);
    return s == null ? 0 : s.countAfter(now.minus(within).toEpochMilli());
  }

  @Override
  public Optional<Instant> first(String type) {
    EventTypeStats s = stats(type);
    return s == null ? Optional.empty() : Optional.of(s.first());
  }

  @Override
  public Optional<Instant> last(String type) {
    EventTypeStats s = stats(type);
    return s == null ? Optional.empty() : Optional.of(s.last());
  }

  @Override
  public Optional<Duration> since(String type) {
    EventTypeStats s = stats(type);
    if (s == null) {
      return Optional.empty();
    }
    Duration d = Duration.between(s.last(), now);
    return Optional.of(d.isNegative() ? Duration.ZERO : d);
  }

  @Override
  public boolean hasDone(String type) {
    return stats(type) != null;
  }

  @Override
  public boolean hasDone(String type, Predicate<Properties> properties) {
    EventTypeStats s = stats(type);
    if (s == null) {
      return false;
    }
    for (Event e : s.recent()) {
      if (properties.test(e.properties())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<Event> history(String type) {
    EventTypeStats s = stats(type);
    return s == null ? List.of() : s.recent();
  }

  @Override
  public Set<String> eventTypes() {
    return state.events().keySet();
  }

  @Override
  public boolean reached(String moment) {
    return state.moments().containsKey(moment);
  }

  @Override
  public Optional<Instant> reachedAt(String moment) {
    return Optional.ofNullable(state.moments().get(moment));
  }

  @Override
  public Map<String, Instant> moments() {
    return state.moments();
  }

  @Override
  public boolean is(String persona) {
    return state.personas().contains(persona);
  }

  @Override
  public Set<String> personas() {
    return state.personas();
  }

  @Override
  public boolean in(String segment) {
    return state.segments().contains(segment);
  }

  @Override
  public Set<String> segments() {
    return state.segments();
  }

  @Override
  public Consent consent(Channel channel, Purpose purpose) {
    return state.consent(channel, purpose);
  }

  @Override
  public Preferences preferences() {
    return state.preferences();
  }

  @Override
  public EngagementLevel engagement() {
    return state.standing().map(Standing::engagement).orElse(EngagementLevel.LOW_ORGANIC);
  }

  @Override
  public LifecycleStage stage() {
    return state.standing().map(Standing::stage).orElse(LifecycleStage.NEW);
  }

  @Override
  public String toString() {
    return "Customer{" + state.id() + " at " + now + "}";
  }
}
