package dev.rapport.core.engine;

import dev.rapport.core.Channel;
import dev.rapport.core.Consent;
import dev.rapport.core.Customer;
import dev.rapport.core.CustomerId;
import dev.rapport.core.EngagementLevel;
import dev.rapport.core.EngagementModel;
import dev.rapport.core.Event;
import dev.rapport.core.LifecycleStage;
import dev.rapport.core.Preferences;
import dev.rapport.core.Properties;
import dev.rapport.core.Purchases;
import dev.rapport.core.Purpose;
import dev.rapport.core.TraitKey;
import dev.rapport.core.Traits;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The {@link Customer} that conditions read: a view over a customer's record at one instant.
 *
 * <p>Within a call it reads the live record (no copy), so it is valid only while the call runs;
 * what {@code Engine.customer} returns is a view over a copy of the record, taken under the
 * customer's lock, and stays valid.
 */
final class RecordView implements Customer {
  private final CustomerRecord record;
  private final Names names;
  private final long now;
  /** {@link #now} as an instant, made when first asked (immutable: a race to make it is fine). */
  private Instant nowInstant;
  private final Duration retention;
  private final EngagementModel engagement;

  RecordView(CustomerRecord record, Names names, long now, Duration retention,
      EngagementModel engagement) {
    this.record = record;
    this.names = names;
    this.now = now;
    this.retention = retention;
    this.engagement = engagement;
  }

  CustomerRecord record() {
    return record;
  }

  long nowNanos() {
    return now;
  }

  @Override
  public CustomerId id() {
    return record.id;
  }

  @Override
  public Instant now() {
    Instant at = nowInstant;
    if (at == null) {
      at = Times.instant(now);
      nowInstant = at;
    }
    return at;
  }

  @Override
  public <T> Optional<T> trait(TraitKey<T> key) {
    return record.traits().get(key);
  }

  @Override
  public Traits traits() {
    return record.traits();
  }

  /** The customer's slot of a type, or -1. */
  private int slot(String type) {
    int t = names.typeIfKnown(type);
    return t < 0 ? -1 : record.slot(t);
  }

  @Override
  public long count(String type) {
    int s = slot(type);
    return s < 0 ? 0 : record.count(s);
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
    int s = slot(type);
    if (s < 0) {
      return 0;
    }
    // a window counts events whose millisecond is after the window's start's millisecond
    long after = Times.ofMillis(Times.millis(now - within.toNanos()) + 1) - 1;
    return record.countAfter(s, after);
  }

  @Override
  public long occasions(String type) {
    int s = slot(type);
    return s < 0 ? 0 : record.occasions(s);
  }

  /** The time of the latest event of a type, in epoch nanoseconds, or {@link Times#NONE}. */
  long lastNanos(String type) {
    int s = slot(type);
    return s < 0 ? Times.NONE : record.last(s);
  }

  @Override
  public Optional<Instant> first(String type) {
    int s = slot(type);
    return s < 0 ? Optional.empty() : Optional.of(Times.instant(record.first(s)));
  }

  @Override
  public Optional<Instant> last(String type) {
    int s = slot(type);
    return s < 0 ? Optional.empty() : Optional.of(Times.instant(record.last(s)));
  }

  @Override
  public Optional<Duration> since(String type) {
    int s = slot(type);
    if (s < 0) {
      return Optional.empty();
    }
    long d = now - record.last(s);
    return Optional.of(d <= 0 ? Duration.ZERO : Duration.ofNanos(d));
  }

  @Override
  public boolean hasDone(String type) {
    return slot(type) >= 0;
  }

  @Override
  public boolean hasDone(String type, Predicate<Properties> properties) {
    int s = slot(type);
    return s >= 0 && record.anyRecent(s, properties);
  }

  @Override
  public List<Event> history(String type) {
    int s = slot(type);
    return s < 0 ? List.of() : Collections.unmodifiableList(record.recent(s, type));
  }

  @Override
  public Set<String> eventTypes() {
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < record.typeCount(); i++) {
      out.add(names.typeName(record.typeAt(i)));
    }
    return Collections.unmodifiableSet(out);
  }

  @Override
  public boolean reached(String moment) {
    int m = names.moment(moment);
    return m >= 0 && record.momentAt(m) != Times.NONE;
  }

  @Override
  public Optional<Instant> reachedAt(String moment) {
    int m = names.moment(moment);
    return m < 0 || record.momentAt(m) == Times.NONE ? Optional.empty()
        : Optional.of(Times.instant(record.momentAt(m)));
  }

  @Override
  public Map<String, Instant> moments() {
    Map<String, Instant> out = new LinkedHashMap<>();
    for (int m = 0; m < names.moments(); m++) {
      if (record.momentAt(m) != Times.NONE) {
        out.put(names.momentName(m), Times.instant(record.momentAt(m)));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  @Override
  public boolean is(String persona) {
    int p = names.persona(persona);
    return p >= 0 && record.isPersona(p);
  }

  @Override
  public Set<String> personas() {
    Set<String> out = new LinkedHashSet<>();
    for (int p = 0; p < names.personas(); p++) {
      if (record.isPersona(p)) {
        out.add(names.personaName(p));
      }
    }
    return Collections.unmodifiableSet(out);
  }

  @Override
  public boolean in(String segment) {
    int s = names.segment(segment);
    return s >= 0 && record.inSegment(s);
  }

  @Override
  public Set<String> segments() {
    Set<String> out = new LinkedHashSet<>();
    for (int s = 0; s < names.segments(); s++) {
      if (record.inSegment(s)) {
        out.add(names.segmentName(s));
      }
    }
    return Collections.unmodifiableSet(out);
  }

  @Override
  public Consent consent(Channel channel, Purpose purpose) {
    int c = names.channel(channel);
    if (c < 0) {
      return Consent.unknown(channel, purpose);
    }
    Consent consent = record.consent(c, purpose);
    return consent != null ? consent : names.unknownConsent(c, purpose);
  }

  @Override
  public Preferences preferences() {
    return record.preferences();
  }

  @Override
  public EngagementLevel engagement() {
    return record.engagement();
  }

  @Override
  public OptionalDouble lapseRisk() {
    return engagement.lapseRisk(this);
  }

  @Override
  public LifecycleStage stage() {
    return record.stage();
  }

  @Override
  public Purchases purchases() {
    CustomerValue v = record.value();
    return v == CustomerValue.EMPTY && !names.values().hasRevenue() ? Purchases.none()
        : new PurchasesView(v, now, retention);
  }

  @Override
  public double score(String name) {
    return names.values().score(name).of(this);
  }

  /** The messages sent to the customer that the record keeps: for the engine's own scores. */
  List<Contact> contacts() {
    return record.contacts();
  }

  @Override
  public String toString() {
    return "Customer{" + record.id + " at " + now() + "}";
  }

  /** A customer's purchases at one instant. */
  private static final class PurchasesView implements Purchases {
    private final CustomerValue v;
    private final long now;
    private final Duration retention;

    PurchasesView(CustomerValue v, long now, Duration retention) {
      this.v = v;
      this.now = now;
      this.retention = retention;
    }

    private long after(Duration within, String call) {
      if (within == null || within.isNegative() || within.isZero()) {
        throw new IllegalArgumentException("purchases()." + call + "(within): within is "
            + within + "; give a positive duration");
      }
      if (within.compareTo(retention) > 0) {
        throw new IllegalArgumentException("purchases()." + call + "(" + within + "): the "
            + "window is longer than the engine's history retention of " + retention
            + "; shorten it or raise Engine.builder().retention(...)");
      }
      return now - within.toNanos();
    }

    @Override
    public long orders() {
      return v.orders;
    }

    @Override
    public long orders(Duration within) {
      return v.ordersBetween(after(within, "orders"), Long.MAX_VALUE);
    }

    @Override
    public double revenue() {
      return v.revenue;
    }

    @Override
    public double revenue(Duration within) {
      return v.revenueBetween(after(within, "revenue"), Long.MAX_VALUE);
    }

    @Override
    public Optional<Instant> nextExpiry(Duration within) {
      long first = v.firstEntryAfter(after(within, "nextExpiry"));
      return first == Times.NONE ? Optional.empty()
          : Optional.of(Times.instant(first + within.toNanos()));
    }

    @Override
    public OptionalDouble averageOrderValue() {
      return v.orders == 0 ? OptionalDouble.empty()
          : OptionalDouble.of(v.orderValue / v.orders);
    }

    @Override
    public Optional<Instant> firstOrder() {
      return v.firstOrder == Times.NONE ? Optional.empty()
          : Optional.of(Times.instant(v.firstOrder));
    }

    @Override
    public Optional<Instant> lastOrder() {
      return v.lastOrder == Times.NONE ? Optional.empty()
          : Optional.of(Times.instant(v.lastOrder));
    }

    @Override
    public String toString() {
      return "Purchases{orders=" + v.orders + ", revenue=" + v.revenue + "}";
    }
  }
}
