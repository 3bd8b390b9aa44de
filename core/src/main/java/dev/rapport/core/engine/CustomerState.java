package dev.rapport.core.engine;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import com.google.common.collect.ImmutableSortedSet;
import com.google.common.hash.Hashing;
import dev.rapport.core.Channel;
import dev.rapport.core.Consent;
import dev.rapport.core.ConsentStatus;
import dev.rapport.core.CustomerId;
import dev.rapport.core.Preferences;
import dev.rapport.core.Purpose;
import dev.rapport.core.Traits;
import dev.rapport.core.decision.Impression;
import dev.rapport.core.journey.Enrollment;
import dev.rapport.core.policy.Contact;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the engine keeps about one customer, as an immutable value: what a {@link
 * StateStore} gets and puts. The engine computes a new state from the old one and puts it with
 * the version it read, so a call that fails half-way changes nothing.
 *
 * <p>State stores treat it as a value to keep; its accessors and {@link #restore} let a durable
 * store write it out and read it back.
 */
public final class CustomerState {
  private static final long[] NO_IDS = new long[0];

  private final CustomerId id;
  private final Traits traits;
  private final ImmutableSortedMap<String, Consent> consents;
  private final Preferences preferences;
  private final ArrayMap<EventTypeStats> events;
  private final ArrayMap<Instant> moments;
  private final ImmutableSortedSet<String> personas;
  private final ImmutableSortedSet<String> segments;
  private final long[] seenIds;
  private final ArrayMap<Enrollment> enrollments;
  private final ImmutableList<Contact> contacts;
  private final ImmutableList<PendingDispatch> pending;
  private final ImmutableList<Impression> impressions;
  private final Standing standing;
  /** The earliest due time, computed on first use; a benign race recomputes the same value. */
  private Optional<Instant> nextDue;

  private CustomerState(CustomerId id, Traits traits, ImmutableSortedMap<String, Consent> consents,
      Preferences preferences, ArrayMap<EventTypeStats> events,
      ArrayMap<Instant> moments, ImmutableSortedSet<String> personas,
      ImmutableSortedSet<String> segments, long[] seenIds,
      ArrayMap<Enrollment> enrollments, ImmutableList<Contact> contacts,
      ImmutableList<PendingDispatch> pending, ImmutableList<Impression> impressions,
      Standing standing) {
    this.id = id;
    this.traits = traits;
    this.consents = consents;
    this.preferences = preferences;
    this.events = events;
    this.moments = moments;
    this.personas = personas;
    this.segments = segments;
    this.seenIds = seenIds;
    this.enrollments = enrollments;
    this.contacts = contacts;
    this.pending = pending;
    this.impressions = impressions;
    this.standing = standing;
  }

  /**
   * Returns the state of a customer the engine has never seen.
   *
   * @param id the customer
   * @return the empty state
   */
  public static CustomerState empty(CustomerId id) {
    return new CustomerState(id, Traits.empty(), ImmutableSortedMap.of(), Preferences.none(),
        ArrayMap.of(), ArrayMap.of(), ImmutableSortedSet.of(),
        ImmutableSortedSet.of(), NO_IDS, ArrayMap.of(), ImmutableList.of(),
        ImmutableList.of(), ImmutableList.of(), null);
  }

  /**
   * Rebuilds a state from its parts, for durable state stores.
   *
   * @param id the customer
   * @param traits the traits
   * @param consents the consents
   * @param preferences the preferences
   * @param events the statistics per event type
   * @param moments the moments reached and when
   * @param personas the personas matched
   * @param segments the segments the customer is in
   * @param seenIds the fingerprints of the event ids seen, see {@link #fingerprint(String)}
   * @param enrollments the customer's enrollments, one per journey (active or latest ended)
   * @param contacts the messages sent, within the contact policy's retention
   * @param pending the dispatches that may still fall back to another channel
   * @param impressions the recent recommendations, for attributing outcomes
   * @param standing the engagement level and lifecycle stage, or null if never computed
   * @return the state
   */
  public static CustomerState restore(CustomerId id, Traits traits, Collection<Consent> consents,
      Preferences preferences, Map<String, EventTypeStats> events, Map<String, Instant> moments,
      Set<String> personas, Set<String> segments, long[] seenIds,
      Collection<Enrollment> enrollments, List<Contact> contacts, List<PendingDispatch> pending,
      List<Impression> impressions, Standing standing) {
    ImmutableSortedMap.Builder<String, Consent> c = ImmutableSortedMap.naturalOrder();
    consents.forEach(consent -> c.put(key(consent.channel(), consent.purpose()), consent));
    long[] ids = seenIds.clone();
    Arrays.sort(ids);
    return new CustomerState(id, traits, c.buildOrThrow(), preferences,
        ArrayMap.copyOf(events), ArrayMap.copyOf(moments),
        ImmutableSortedSet.copyOf(personas), ImmutableSortedSet.copyOf(segments), ids,
        enrollmentMap(enrollments),
        ImmutableList.copyOf(contacts), ImmutableList.copyOf(pending),
        ImmutableList.copyOf(impressions), standing);
  }

  private static ArrayMap<Enrollment> enrollmentMap(Collection<Enrollment> enrollments) {
    ArrayMap<Enrollment> out = ArrayMap.of();
    for (Enrollment e : enrollments) {
      out = out.with(e.journey(), e);
    }
    return out;
  }

  /**
   * Returns the 64-bit fingerprint under which an event id is remembered.
   *
   * @param eventId the event id
   * @return the fingerprint
   */
  public static long fingerprint(String eventId) {
    return Hashing.farmHashFingerprint64().hashString(eventId, StandardCharsets.UTF_8).asLong();
  }

  /** Consent keys, made once per channel and purpose rather than on every lookup. */
  private static final java.util.concurrent.ConcurrentHashMap<Channel, String[]> KEYS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static String key(Channel channel, Purpose purpose) {
    return KEYS.computeIfAbsent(channel, c -> {
      String[] k = new String[Purpose.values().length];
      for (Purpose p : Purpose.values()) {
        k[p.ordinal()] = c.name() + "/" + p.wireName();
      }
      return k;
    })[purpose.ordinal()];
  }

  /**
   * Returns the customer.
   *
   * @return the id
   */
  public CustomerId id() {
    return id;
  }

  /**
   * Returns the traits.
   *
   * @return the traits
   */
  public Traits traits() {
    return traits;
  }

  /**
   * Returns every recorded consent.
   *
   * @return the consents
   */
  public Collection<Consent> consents() {
    return consents.values();
  }

  /**
   * Returns the consent on a channel for a purpose.
   *
   * @param channel the channel
   * @param purpose the purpose
   * @return the consent, unknown when never recorded
   */
  public Consent consent(Channel channel, Purpose purpose) {
    Consent c = consents.get(key(channel, purpose));
    return c != null ? c : Consent.unknown(channel, purpose);
  }

  /**
   * Returns the preferences.
   *
   * @return the preferences
   */
  public Preferences preferences() {
    return preferences;
  }

  /**
   * Returns the statistics per event type, sorted by type.
   *
   * @return the statistics
   */
  public Map<String, EventTypeStats> events() {
    return events;
  }

  /**
   * Returns the statistics of one event type.
   *
   * @param type the event type
   * @return the statistics, or empty if the customer never had one
   */
  public Optional<EventTypeStats> events(String type) {
    return Optional.ofNullable(events.get(type));
  }

  /**
   * Returns the moments reached and when.
   *
   * @return moment names to times
   */
  public Map<String, Instant> moments() {
    return moments;
  }

  /**
   * Returns the personas matched.
   *
   * @return persona names
   */
  public Set<String> personas() {
    return personas;
  }

  /**
   * Returns the segments the customer is in.
   *
   * @return segment names
   */
  public Set<String> segments() {
    return segments;
  }

  /**
   * Returns the fingerprints of the event ids seen, sorted.
   *
   * @return a copy of the fingerprints
   */
  public long[] seenIds() {
    return seenIds.clone();
  }

  /**
   * Tells whether an event id was seen before.
   *
   * @param eventId the id
   * @return whether seen
   */
  public boolean hasSeen(String eventId) {
    return hasSeen(fingerprint(eventId));
  }

  /**
   * Tells whether an event id was seen before, by its {@link #fingerprint(String)}.
   *
   * @param fingerprint the id's fingerprint
   * @return whether seen
   */
  public boolean hasSeen(long fingerprint) {
    return Arrays.binarySearch(seenIds, fingerprint) >= 0;
  }

  /**
   * Returns a copy that remembers an event id.
   *
   * @param eventId the id
   * @return the new state
   */
  public CustomerState withSeen(String eventId) {
    return withSeen(fingerprint(eventId));
  }

  /**
   * Returns a copy that remembers an event id, by its {@link #fingerprint(String)}.
   *
   * @param f the id's fingerprint
   * @return the new state
   */
  public CustomerState withSeen(long f) {
    int at = Arrays.binarySearch(seenIds, f);
    if (at >= 0) {
      return this;
    }
    int insert = -at - 1;
    long[] ids = new long[seenIds.length + 1];
    System.arraycopy(seenIds, 0, ids, 0, insert);
    ids[insert] = f;
    System.arraycopy(seenIds, insert, ids, insert + 1, seenIds.length - insert);
    return new CustomerState(id, traits, consents, preferences, events, moments, personas,
        segments, ids, enrollments, contacts, pending, impressions, standing);
  }

  /**
   * Returns a copy with other traits.
   *
   * @param newTraits the traits
   * @return the new state
   */
  public CustomerState withTraits(Traits newTraits) {
    return new CustomerState(id, newTraits, consents, preferences, events, moments, personas,
        segments, seenIds, enrollments, contacts, pending, impressions, standing);
  }

  /**
   * Returns a copy with a consent recorded, unless a later one is already recorded for the same
   * channel and purpose.
   *
   * @param consent the consent
   * @return the new state
   */
  public CustomerState withConsent(Consent consent) {
    String k = key(consent.channel(), consent.purpose());
    Consent existing = consents.get(k);
    if (existing != null && existing.at().isPresent() && consent.at().isPresent()
        && existing.at().get().isAfter(consent.at().get())) {
      return this;
    }
    if (existing != null && existing.at().equals(consent.at())
        && existing.status() == ConsentStatus.DENIED) {
      // two answers at the same instant: the more restrictive wins, whatever the arrival order
      return this;
    }
    return new CustomerState(id, traits, put(consents, k, consent), preferences, events, moments,
        personas, segments, seenIds, enrollments, contacts, pending, impressions, standing);
  }

  /**
   * Returns a copy with other preferences.
   *
   * @param newPreferences the preferences
   * @return the new state
   */
  public CustomerState withPreferences(Preferences newPreferences) {
    return new CustomerState(id, traits, consents, newPreferences, events, moments, personas,
        segments, seenIds, enrollments, contacts, pending, impressions, standing);
  }

  /**
   * Returns a copy with the statistics of one event type replaced.
   *
   * @param type the event type
   * @param stats the statistics
   * @return the new state
   */
  public CustomerState withEvents(String type, EventTypeStats stats) {
    return new CustomerState(id, traits, consents, preferences, events.with(type, stats), moments,
        personas, segments, seenIds, enrollments, contacts, pending, impressions, standing);
  }

  /**
   * Returns a copy with a moment reached.
   *
   * @param moment the moment's name
   * @param at when
   * @return the new state
   */
  public CustomerState withMoment(String moment, Instant at) {
    return new CustomerState(id, traits, consents, preferences, events, moments.with(moment, at),
        personas, segments, seenIds, enrollments, contacts, pending, impressions, standing);
  }

  /**
   * Returns a copy with other persona and segment memberships.
   *
   * @param newPersonas the personas matched
   * @param newSegments the segments the customer is in
   * @return the new state
   */
  public CustomerState withMemberships(Set<String> newPersonas, Set<String> newSegments) {
    if (newPersonas.equals(personas) && newSegments.equals(segments)) {
      return this;
    }
    return new CustomerState(id, traits, consents, preferences, events, moments,
        ImmutableSortedSet.copyOf(newPersonas), ImmutableSortedSet.copyOf(newSegments), seenIds,
        enrollments, contacts, pending, impressions, standing);
  }

  private static <V> ImmutableSortedMap<String, V> put(ImmutableSortedMap<String, V> map,
      String key, V value) {
    ImmutableSortedMap.Builder<String, V> b = ImmutableSortedMap.naturalOrder();
    map.forEach((k, v) -> {
      if (!k.equals(key)) {
        b.put(k, v);
      }
    });
    b.put(key, value);
    return b.buildOrThrow();
  }

  /**
   * Returns the customer's enrollments, one per journey: the active one, or the latest ended.
   *
   * @return journey names to enrollments
   */
  public Map<String, Enrollment> enrollments() {
    return enrollments;
  }

  /**
   * Returns the messages sent to the customer that caps and cooldowns still count, oldest first.
   *
   * @return the contacts
   */
  public List<Contact> contacts() {
    return contacts;
  }

  /**
   * Returns the dispatches that may still fall back to another channel.
   *
   * @return the pending dispatches
   */
  public List<PendingDispatch> pending() {
    return pending;
  }

  /**
   * Returns the earliest time at which the engine must act for this customer without an event:
   * an enrollment's timer or a dispatch's response deadline.
   *
   * @return the earliest due time, if any
   */
  public Optional<Instant> nextDue() {
    Optional<Instant> due = nextDue;
    if (due == null) {
      // computed once per state: the store asks for it on every put
      due = computeNextDue();
      nextDue = due;
    }
    return due;
  }

  private Optional<Instant> computeNextDue() {
    Instant min = null;
    for (Enrollment e : enrollments.values()) {
      if (e.isActive() && e.dueAt().isPresent()
          && (min == null || e.dueAt().get().isBefore(min))) {
        min = e.dueAt().get();
      }
    }
    if (standing != null && standing.reviewAt().isPresent()
        && (min == null || standing.reviewAt().get().isBefore(min))) {
      min = standing.reviewAt().get();
    }
    for (PendingDispatch p : pending) {
      if (p.responseDeadline().isPresent()
          && (min == null || p.responseDeadline().get().isBefore(min))) {
        min = p.responseDeadline().get();
      }
    }
    return Optional.ofNullable(min);
  }

  /**
   * Returns a copy with an enrollment replaced (or added).
   *
   * @param enrollment the enrollment
   * @return the new state
   */
  public CustomerState withEnrollment(Enrollment enrollment) {
    return new CustomerState(id, traits, consents, preferences, events, moments, personas,
        segments, seenIds, enrollments.with(enrollment.journey(), enrollment), contacts, pending,
        impressions, standing);
  }

  /**
   * Returns a copy with other contacts.
   *
   * @param newContacts the contacts, oldest first
   * @return the new state
   */
  public CustomerState withContacts(List<Contact> newContacts) {
    return new CustomerState(id, traits, consents, preferences, events, moments, personas,
        segments, seenIds, enrollments, ImmutableList.copyOf(newContacts), pending, impressions,
        standing);
  }

  /**
   * Returns a copy with other pending dispatches.
   *
   * @param newPending the pending dispatches
   * @return the new state
   */
  public CustomerState withPending(List<PendingDispatch> newPending) {
    return new CustomerState(id, traits, consents, preferences, events, moments, personas,
        segments, seenIds, enrollments, contacts, ImmutableList.copyOf(newPending), impressions,
        standing);
  }

  /**
   * Returns the customer's recent recommendations, oldest first.
   *
   * @return the impressions
   */
  public List<Impression> impressions() {
    return impressions;
  }

  /**
   * Returns a copy with other impressions.
   *
   * @param newImpressions the impressions, oldest first
   * @return the new state
   */
  public CustomerState withImpressions(List<Impression> newImpressions) {
    return new CustomerState(id, traits, consents, preferences, events, moments, personas,
        segments, seenIds, enrollments, contacts, pending, ImmutableList.copyOf(newImpressions),
        standing);
  }

  /**
   * Returns the engagement level and lifecycle stage as last computed.
   *
   * @return the standing, if ever computed
   */
  public Optional<Standing> standing() {
    return Optional.ofNullable(standing);
  }

  /**
   * Returns a copy with another standing.
   *
   * @param newStanding the standing
   * @return the new state
   */
  public CustomerState withStanding(Standing newStanding) {
    if (newStanding.equals(standing)) {
      return this;
    }
    return new CustomerState(id, traits, consents, preferences, events, moments, personas,
        segments, seenIds, enrollments, contacts, pending, impressions, newStanding);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CustomerState)) {
      return false;
    }
    CustomerState s = (CustomerState) o;
    return id.equals(s.id) && traits.equals(s.traits) && consents.equals(s.consents)
        && preferences.equals(s.preferences) && events.equals(s.events)
        && moments.equals(s.moments) && personas.equals(s.personas)
        && segments.equals(s.segments) && Arrays.equals(seenIds, s.seenIds)
        && enrollments.equals(s.enrollments) && contacts.equals(s.contacts)
        && pending.equals(s.pending) && impressions.equals(s.impressions)
        && Objects.equals(standing, s.standing);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, traits, events.keySet(), moments, personas, segments);
  }

  /** Names what the state holds, never trait values or event properties. */
  @Override
  public String toString() {
    return "CustomerState{" + id + ", traits=" + traits.names() + ", events=" + events.keySet()
        + ", moments=" + moments.keySet() + ", personas=" + personas + ", segments=" + segments
        + ", seen=" + seenIds.length + ", enrollments=" + enrollments.values()
        + ", contacts=" + contacts.size() + ", pending=" + pending.size() + "}";
  }
}
