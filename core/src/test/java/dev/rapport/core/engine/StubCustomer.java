package dev.rapport.core.engine;

import dev.rapport.core.Channel;
import dev.rapport.core.Consent;
import dev.rapport.core.ConsentStatus;
import dev.rapport.core.Customer;
import dev.rapport.core.CustomerId;
import dev.rapport.core.Event;
import dev.rapport.core.Preferences;
import dev.rapport.core.Properties;
import dev.rapport.core.Purpose;
import dev.rapport.core.TraitKey;
import dev.rapport.core.Traits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A hand-made {@link Customer} for gate tests: traits, consents, preferences and events given
 * directly, no engine involved. Copy-on-write, so a test can derive variants from a base.
 */
final class StubCustomer implements Customer {
  private final Instant now;
  private final Traits traits;
  private final Map<String, Consent> consents;
  private final Preferences preferences;
  private final List<Event> events;

  private StubCustomer(Instant now, Traits traits, Map<String, Consent> consents,
      Preferences preferences, List<Event> events) {
    this.now = now;
    this.traits = traits;
    this.consents = consents;
    this.preferences = preferences;
    this.events = events;
  }

  static StubCustomer at(Instant now) {
    return new StubCustomer(now, Traits.empty(), Map.of(), Preferences.none(), List.of());
  }

  <T> StubCustomer with(TraitKey<T> key, T value) {
    return new StubCustomer(now, traits.set(key, value), consents, preferences, events);
  }

  StubCustomer consent(Channel channel, Purpose purpose, ConsentStatus status, Instant at) {
    Map<String, Consent> c = new HashMap<>(consents);
    c.put(key(channel, purpose), Consent.of(channel, purpose, status, at));
    return new StubCustomer(now, traits, Map.copyOf(c), preferences, events);
  }

  StubCustomer preferences(Preferences p) {
    return new StubCustomer(now, traits, consents, p, events);
  }

  StubCustomer event(String type, Instant at, String... keyValues) {
    Event.Builder b = Event.builder("c-1", type);
    for (int i = 0; i < keyValues.length; i += 2) {
      b.with(keyValues[i], keyValues[i + 1]);
    }
    List<Event> e = new ArrayList<>(events);
    e.add(b.at(at));
    e.sort(Comparator.comparing(Event::time));
    return new StubCustomer(now, traits, consents, preferences, List.copyOf(e));
  }

  private static String key(Channel channel, Purpose purpose) {
    return channel.name() + "/" + purpose.wireName();
  }

  private List<Event> of(String type) {
    return events.stream().filter(e -> e.type().equals(type)).collect(Collectors.toList());
  }

  @Override
  public CustomerId id() {
    return CustomerId.of("c-1");
  }

  @Override
  public Instant now() {
    return now;
  }

  @Override
  public <T> Optional<T> trait(TraitKey<T> key) {
    return traits.get(key);
  }

  @Override
  public Traits traits() {
    return traits;
  }

  @Override
  public long count(String type) {
    return of(type).size();
  }

  @Override
  public long count(String type, Duration within) {
    Instant from = now.minus(within);
    return of(type).stream().filter(e -> e.time().isAfter(from)).count();
  }

  @Override
  public Optional<Instant> first(String type) {
    List<Event> e = of(type);
    return e.isEmpty() ? Optional.empty() : Optional.of(e.get(0).time());
  }

  @Override
  public Optional<Instant> last(String type) {
    List<Event> e = of(type);
    return e.isEmpty() ? Optional.empty() : Optional.of(e.get(e.size() - 1).time());
  }

  @Override
  public Optional<Duration> since(String type) {
    return last(type).map(t -> t.isAfter(now) ? Duration.ZERO : Duration.between(t, now));
  }

  @Override
  public boolean hasDone(String type) {
    return !of(type).isEmpty();
  }

  @Override
  public boolean hasDone(String type, Predicate<Properties> properties) {
    return of(type).stream().anyMatch(e -> properties.test(e.properties()));
  }

  @Override
  public List<Event> history(String type) {
    return of(type);
  }

  @Override
  public Set<String> eventTypes() {
    return events.stream().map(Event::type).collect(Collectors.toCollection(TreeSet::new));
  }

  @Override
  public boolean reached(String moment) {
    return false;
  }

  @Override
  public Optional<Instant> reachedAt(String moment) {
    return Optional.empty();
  }

  @Override
  public Map<String, Instant> moments() {
    return Map.of();
  }

  @Override
  public boolean is(String persona) {
    return false;
  }

  @Override
  public Set<String> personas() {
    return Set.of();
  }

  @Override
  public boolean in(String segment) {
    return false;
  }

  @Override
  public Set<String> segments() {
    return Set.of();
  }

  @Override
  public Consent consent(Channel channel, Purpose purpose) {
    Consent c = consents.get(key(channel, purpose));
    return c != null ? c : Consent.unknown(channel, purpose);
  }

  @Override
  public Preferences preferences() {
    return preferences;
  }

  @Override
  public dev.rapport.core.EngagementLevel engagement() {
    return dev.rapport.core.EngagementLevel.LOW_ORGANIC;
  }

  @Override
  public dev.rapport.core.LifecycleStage stage() {
    return dev.rapport.core.LifecycleStage.NEW;
  }
}
