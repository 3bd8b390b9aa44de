package dev.rapport.core.engine;

import dev.rapport.core.Channel;
import dev.rapport.core.Consent;
import dev.rapport.core.CustomerId;
import dev.rapport.core.EngagementLevel;
import dev.rapport.core.Event;
import dev.rapport.core.LifecycleStage;
import dev.rapport.core.Preferences;
import dev.rapport.core.Properties;
import dev.rapport.core.Purpose;
import dev.rapport.core.Traits;
import dev.rapport.core.policy.Reason;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Everything the engine keeps about one customer, in compact form, changed in place while the
 * customer's lock is held.
 *
 * <p>Design note. Names are the engine's integers ({@link Names}); instants are nanoseconds
 * ({@link Times}); collections are parallel arrays with a length, grown by doubling. A change
 * first saves what it overwrites in the call's {@link Journal} (set by {@link #begin}), so that a
 * failed call rolls the record back exactly. Most changes append past the current length, and
 * their undo only puts the length back; a change in the middle of an array (an event that arrives
 * out of order, a contact that expires) writes a new array and saves the old one.
 *
 * <p>Events of each type are kept three ways: a slot per type with the count, the occasions
 * (distinct instants) and the first and last times; the most recent events of the type (time, host id or none for a derived one,
 * properties), up to the engine's history size, sorted by time then id; and, for windowed
 * counts, the times of older events still within the engine's retention ("overflow").
 */
final class CustomerRecord {
  private static final int[] NO_INTS = new int[0];
  private static final EngagementLevel[] LEVELS = EngagementLevel.values();
  private static final LifecycleStage[] STAGES = LifecycleStage.values();
  private static final long[] NO_LONGS = new long[0];
  private static final byte[] NO_BYTES = new byte[0];
  private static final long NO_ID = -1;
  private static final Consent[] NO_CONSENTS = new Consent[0];
  private static final RefusalEntry[] NO_REFUSALS = new RefusalEntry[0];
  private static final Exposure[] NO_EXPOSURES = new Exposure[0];

  final CustomerId id;
  /**
   * The engine's interning the record's integers refer to: an engine reading a record another
   * engine left in a shared in-memory store translates it first.
   */
  final Names names;
  private Journal journal;

  private Traits traits = Traits.empty();
  private Consent[] consents = NO_CONSENTS;
  private Preferences preferences = Preferences.none();

  // one slot per event type
  private int typeCount;
  private int[] types = NO_INTS;
  private long[] counts = NO_LONGS;
  private long[] firsts = NO_LONGS;
  private long[] lasts = NO_LONGS;
  private long[] occasions = NO_LONGS;

  // the most recent events of each type, sorted by (slot, time, id)
  private int recentCount;
  private int[] recentSlot = NO_INTS;
  private long[] recentTime = NO_LONGS;
  // the host's id of each (NO_ID: derived from the event), as (offset << 32 | length) of its
  // UTF-8 bytes in idBytes: one array for all of them rather than two objects an event, which
  // a durable store's encoding would visit one by one across the heap. Bytes once written in an
  // array never change (a full array is replaced, keeping only the ids still referenced), so an
  // undo can keep a reference into it.
  private long[] recentIdRef = NO_LONGS;
  // each kept event's properties (null: none); the array itself is null until an event with
  // properties is kept, so that a record of events without any writes no reference per event
  private Properties[] recentProps;
  private byte[] idBytes = NO_BYTES;
  private int idUsed;
  private int idLive;

  // older times still within retention, sorted by (slot, time)
  private int overflowCount;
  private int[] overflowSlot = NO_INTS;
  private long[] overflowTime = NO_LONGS;

  // fingerprints of the event ids seen: an open-addressing set (linear probing, 0 = empty, the
  // fingerprint 0 held aside), at most half full; undone in reverse order by emptying the slot
  private int seenCount;
  private long[] seen = NO_LONGS;
  private boolean seenZero;

  private long[] momentAt = NO_LONGS;
  private long[] personaBits = NO_LONGS;
  private long[] segmentBits = NO_LONGS;

  private byte engagement = -1;
  private byte stage = -1;
  private long reviewAt = Times.NONE;

  private int enrollmentCount;
  private Enrollment[] enrollments = new Enrollment[0];

  private int contactCount;
  private Contact[] contacts = new Contact[0];

  private List<PendingDispatch> pending = List.of();
  // the recent impressions, oldest first, at [impressionStart, impressionStart + count) of the
  // arrays, with their times beside them; appended in place past what a journal saved, dropped
  // from the front by moving the start, so that a decision copies nothing most of the time
  private int impressionStart;
  private int impressionCount;
  private Impression[] impressions = new Impression[0];
  private long[] impressionTimes = NO_LONGS;
  /** At least the latest impression time kept (never lower): a decision later than it is alone. */
  private long impressionLatest = Times.NONE;
  /** Refusals kept, oldest first, and what the retention dropped (counted, never silent). */
  private int refusalCount;
  private RefusalEntry[] refusals = NO_REFUSALS;
  private long refusalsForgotten;
  private long refusalsForgottenUntil = Times.NONE;
  /**
   * The ids merged into this customer, with a fingerprint of the record merged (so that a merge
   * whose second commit did not happen is finished, not repeated), sorted by id: forgetting this
   * customer forgets those ids too.
   */
  private Map<String, Long> mergedFrom = Map.of();

  /** Purchases and score values: immutable, swapped whole (see {@link CustomerValue}). */
  private CustomerValue value = CustomerValue.EMPTY;

  /**
   * The first exposure to each action with a holdout, in the order they were made; the array is
   * never changed in place, a change swaps in a new one.
   */
  private Exposure[] exposures = NO_EXPOSURES;

  CustomerRecord(CustomerId id, Names names) {
    this.id = id;
    this.names = names;
    int moments = names.moments();
    int personas = names.personas();
    int segments = names.segments();
    if (moments > 0) {
      momentAt = new long[moments];
      Arrays.fill(momentAt, Times.NONE);
    }
    if (personas > 0) {
      personaBits = new long[(personas + 63) >>> 6];
    }
    if (segments > 0) {
      segmentBits = new long[(segments + 63) >>> 6];
    }
  }

  // ------------------------------------------------------------------ calls

  /** Starts a call on the record: its changes are saved in this journal until the next one. */
  void begin(Journal j) {
    if (journal != j) { // a thread's calls share one journal: most calls write nothing here
      journal = j;
    }
  }

  Journal journal() {
    return journal;
  }

  long call() {
    return journal.call();
  }

  // ------------------------------------------------------------------ traits, consents, preferences

  Traits traits() {
    return traits;
  }

  void setTraits(Traits newTraits) {
    Traits old = traits;
    journal.save(() -> traits = old);
    traits = newTraits;
  }

  /** The consent on a channel (by its integer) for a purpose; null when never recorded. */
  Consent consent(int channel, Purpose purpose) {
    int i = channel * 2 + purpose.ordinal();
    return i < consents.length ? consents[i] : null;
  }

  /** Every recorded consent, in channel order. */
  List<Consent> consents() {
    List<Consent> out = new ArrayList<>();
    for (Consent c : consents) {
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * Records a consent, unless the customer gave a newer answer, or a denial at the same instant
   * (of two answers at one instant, the more restrictive wins whatever the arrival order).
   */
  void setConsent(int channel, Consent consent) {
    Consent existing = consent(channel, consent.purpose());
    if (existing != null && existing.at().isPresent() && consent.at().isPresent()
        && existing.at().get().isAfter(consent.at().get())) {
      return;
    }
    if (existing != null && existing.at().equals(consent.at())
        && existing.status() == dev.rapport.core.ConsentStatus.DENIED) {
      return;
    }
    Consent[] old = consents;
    journal.save(() -> consents = old);
    int i = channel * 2 + consent.purpose().ordinal();
    Consent[] next = Arrays.copyOf(consents, Math.max(consents.length, i + 1));
    next[i] = consent;
    consents = next;
  }

  Preferences preferences() {
    return preferences;
  }

  void setPreferences(Preferences newPreferences) {
    Preferences old = preferences;
    journal.save(() -> preferences = old);
    preferences = newPreferences;
  }

  // ------------------------------------------------------------------ events

  /** The slot of an event type, or -1 if the customer has no event of that type. */
  int slot(int type) {
    int[] t = types;
    for (int i = 0; i < typeCount; i++) {
      if (t[i] == type) {
        return i;
      }
    }
    return -1;
  }

  int typeCount() {
    return typeCount;
  }

  int typeAt(int slot) {
    return types[slot];
  }

  long count(int slot) {
    return counts[slot];
  }

  long first(int slot) {
    return firsts[slot];
  }

  long last(int slot) {
    return lasts[slot];
  }

  /** The distinct instants of the events of a slot. */
  long occasions(int slot) {
    return occasions[slot];
  }

  /** Whether an event of a slot at an instant is among those kept (recent or overflow). */
  private boolean keptAt(int slot, long t) {
    for (int i = recentFrom(slot); i < recentCount && recentSlot[i] == slot; i++) {
      if (recentTime[i] == t) {
        return true;
      }
      if (recentTime[i] > t) {
        break;
      }
    }
    int lo = overflowFrom(slot);
    int hi = lo;
    while (hi < overflowCount && overflowSlot[hi] == slot) {
      hi++;
    }
    return Arrays.binarySearch(overflowTime, lo, hi, t) >= 0;
  }

  /** Counts the events of a slot after an instant (exclusive). */
  long countAfter(int slot, long after) {
    long n = 0;
    int from = recentFrom(slot);
    for (int i = from; i < recentCount && recentSlot[i] == slot; i++) {
      if (recentTime[i] > after) {
        n++;
      }
    }
    int o = overflowFrom(slot);
    for (int i = o; i < overflowCount && overflowSlot[i] == slot; i++) {
      if (overflowTime[i] > after) {
        n++;
      }
    }
    return n;
  }

  /** Whether one of the recent events of a slot has properties that match. */
  boolean anyRecent(int slot, Predicate<Properties> matches) {
    for (int i = recentFrom(slot); i < recentCount && recentSlot[i] == slot; i++) {
      Properties p = recentProps(i);
      if (matches.test(p == null ? Properties.of() : p)) {
        return true;
      }
    }
    return false;
  }

  /** The recent events of a slot, oldest first, rebuilt as events. */
  List<Event> recent(int slot, String typeName) {
    int from = recentFrom(slot);
    int to = from;
    while (to < recentCount && recentSlot[to] == slot) {
      to++;
    }
    List<Event> out = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      out.add(event(i, typeName));
    }
    return out;
  }

  /** The newest recent event of a slot, or null. */
  Event newest(int slot, String typeName) {
    int from = recentFrom(slot);
    int to = from;
    while (to < recentCount && recentSlot[to] == slot) {
      to++;
    }
    return to == from ? null : event(to - 1, typeName);
  }

  private Event event(int i, String typeName) {
    Event.Builder b = Event.builder(id, typeName);
    String hostId = recentId(i);
    if (hostId != null) {
      b.id(hostId);
    }
    Properties p = recentProps(i);
    if (p != null) {
      b.properties(p.asMap());
    }
    return b.at(Times.instant(recentTime[i]));
  }

  private int recentFrom(int slot) {
    return lowerBound(recentSlot, recentCount, slot);
  }

  private int overflowFrom(int slot) {
    return lowerBound(overflowSlot, overflowCount, slot);
  }

  /** The first index in {@code [lo, hi)} of the sorted {@code a} whose value exceeds key. */
  private static int upperBound(long[] a, int lo, int hi, long key) {
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int lowerBound(int[] a, int n, int key) {
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Records an event of a type: its count and times, and keeps it among the recent ones.
   *
   * @param type the type's integer
   * @param typeName the type's name
   * @param event the event
   * @param cutoff the start of the retention window: older times are not kept for windows
   * @param historySize how many recent events of a type to keep
   */
  void recordEvent(int type, String typeName, Event event, long cutoff, int historySize) {
    long t = Times.of(event.time());
    int slot = slot(type);
    if (slot < 0) {
      slot = addSlot(type, t);
    } else {
      long c = counts[slot];
      long f = firsts[slot];
      long l = lasts[slot];
      long o = occasions[slot];
      int s = slot;
      journal.save(() -> {
        counts[s] = c;
        firsts[s] = f;
        lasts[s] = l;
        occasions[s] = o;
      });
      counts[slot] = c + 1;
      // an order's lines at one instant are one occasion; most events come after the last one
      if (t > l || t < f || (t != l && t != f && !keptAt(slot, t))) {
        occasions[slot] = o + 1;
      }
      if (t < f) {
        firsts[slot] = t;
      }
      if (t > l) {
        lasts[slot] = t;
      }
    }
    long kept = keepRecent(slot, typeName, t, event, historySize);
    if (kept != Times.NONE && kept >= cutoff) {
      insertOverflow(slot, kept);
    }
    expireOverflow(slot, cutoff);
  }

  private int addSlot(int type, long t) {
    int slot = typeCount;
    if (slot == types.length) {
      int n = Math.max(4, slot * 2);
      types = Arrays.copyOf(types, n);
      counts = Arrays.copyOf(counts, n);
      firsts = Arrays.copyOf(firsts, n);
      lasts = Arrays.copyOf(lasts, n);
      occasions = Arrays.copyOf(occasions, n);
    }
    types[slot] = type;
    counts[slot] = 1;
    occasions[slot] = 1;
    firsts[slot] = t;
    lasts[slot] = t;
    journal.save(() -> typeCount = slot);
    typeCount = slot + 1;
    return slot;
  }

  /**
   * Puts an event among the recent ones of its slot, keeping them sorted by time then id and at
   * most {@code historySize}. Returns the time of the event that is no longer among them (the
   * oldest one pushed out, or the new one if it is older than all of them), or {@link
   * Times#NONE}: that time still counts in windows.
   */
  private long keepRecent(int slot, String typeName, long t, Event event, int historySize) {
    if (historySize == 0) {
      return t;
    }
    int from = recentFrom(slot);
    int to = from;
    while (to < recentCount && recentSlot[to] == slot) {
      to++;
    }
    // where the new event goes: after every kept event that sorts before it or with it
    int at = to;
    while (at > from && compare(at - 1, typeName, t, event.id()) > 0) {
      at--;
    }
    long pushedOut = Times.NONE;
    if (to - from >= historySize) {
      if (at == from) {
        return t; // older than every kept event: only its time is kept
      }
      pushedOut = recentTime[from];
      removeRecentAt(from);
      at--;
    }
    insertRecentAt(at, slot, t, event.hasDerivedId() ? null : event.id(),
        event.properties().isEmpty() ? null : event.properties());
    return pushedOut;
  }

  /** Compares kept event {@code i} with an event at {@code t} of id {@code id}. */
  private int compare(int i, String typeName, long t, String id) {
    int c = Long.compare(recentTime[i], t);
    if (c != 0) {
      return c;
    }
    String other = recentId(i);
    if (other == null) {
      other = event(i, typeName).id(); // a derived id is recomputed, for a tie only
    }
    return other.compareTo(id);
  }

  private void removeRecentAt(int i) {
    int slot = recentSlot[i];
    long t = recentTime[i];
    byte[] bytes = idBytes;
    long ref = recentIdRef[i];
    Properties props = recentProps(i);
    journal.save(() -> insertRecentAt(i, slot, t, idOf(bytes, ref), props));
    removeRecentQuietly(i);
  }

  /** Inserts a kept event at an index; its undo removes it (also used to undo a removal). */
  private void insertRecentAt(int i, int slot, long t, String hostId, Properties props) {
    long ref = keepId(hostId);
    if (recentCount == recentSlot.length) {
      int size = Math.max(8, recentSlot.length * 2);
      recentSlot = Arrays.copyOf(recentSlot, size);
      recentTime = Arrays.copyOf(recentTime, size);
      recentIdRef = Arrays.copyOf(recentIdRef, size);
      if (recentProps != null) {
        recentProps = Arrays.copyOf(recentProps, size);
      }
    }
    int move = recentCount - i;
    System.arraycopy(recentSlot, i, recentSlot, i + 1, move);
    System.arraycopy(recentTime, i, recentTime, i + 1, move);
    System.arraycopy(recentIdRef, i, recentIdRef, i + 1, move);
    if (recentProps != null) {
      System.arraycopy(recentProps, i, recentProps, i + 1, move);
    }
    setRecentProps(i, props);
    recentSlot[i] = slot;
    recentTime[i] = t;
    recentIdRef[i] = ref;
    recentCount++;
    if (journal != null) {
      journal.save(() -> removeRecentQuietly(i));
    }
  }

  /** Removes a kept event without journalling it: the undo of an insertion. */
  private void removeRecentQuietly(int i) {
    long ref = recentIdRef[i];
    if (ref != NO_ID) {
      idLive -= (int) ref;
    }
    int move = recentCount - i - 1;
    System.arraycopy(recentSlot, i + 1, recentSlot, i, move);
    System.arraycopy(recentTime, i + 1, recentTime, i, move);
    System.arraycopy(recentIdRef, i + 1, recentIdRef, i, move);
    recentCount--;
    if (recentProps != null) {
      System.arraycopy(recentProps, i + 1, recentProps, i, move);
      recentProps[recentCount] = null;
    }
  }

  /** The properties of kept event {@code i}, or null if it has none. */
  private Properties recentProps(int i) {
    return recentProps == null ? null : recentProps[i];
  }

  /**
   * Sets the properties of kept event {@code i} (null: none); the array, as long as the recent
   * events' arrays, is made for the first event that has some.
   */
  private void setRecentProps(int i, Properties props) {
    if (recentProps == null) {
      if (props == null) {
        return;
      }
      recentProps = new Properties[recentSlot.length];
    }
    recentProps[i] = props;
  }

  /** The host's id of kept event {@code i}, or null if it was derived. */
  private String recentId(int i) {
    return idOf(idBytes, recentIdRef[i]);
  }

  private static String idOf(byte[] bytes, long ref) {
    return ref == NO_ID ? null
        : new String(bytes, (int) (ref >>> 32), (int) ref, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Writes an id into {@link #idBytes} and returns its reference, or NO_ID for null. */
  private long keepId(String hostId) {
    if (hostId == null) {
      return NO_ID;
    }
    int n = hostId.length();
    if (idUsed + n > idBytes.length) {
      makeRoom(n);
    }
    if (!Bytes.ascii(hostId, idBytes, idUsed)) {
      byte[] utf8 = hostId.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      n = utf8.length;
      if (idUsed + n > idBytes.length) {
        makeRoom(n);
      }
      System.arraycopy(utf8, 0, idBytes, idUsed, n);
    }
    long ref = ((long) idUsed << 32) | n;
    idUsed += n;
    idLive += n;
    return ref;
  }

  /**
   * Replaces {@link #idBytes} by an array with the ids still kept, in order, and room for
   * {@code more} bytes and half as much again: the array an undo may refer to stays as it is.
   */
  private void makeRoom(int more) {
    byte[] to = new byte[Math.max(16, (idLive + more) * 3 / 2)];
    int used = 0;
    for (int i = 0; i < recentCount; i++) {
      long ref = recentIdRef[i];
      if (ref != NO_ID) {
        int len = (int) ref;
        System.arraycopy(idBytes, (int) (ref >>> 32), to, used, len);
        recentIdRef[i] = ((long) used << 32) | len;
        used += len;
      }
    }
    idBytes = to;
    idUsed = used;
    idLive = used;
  }

  private void insertOverflow(int slot, long t) {
    // after the slot's times up to t: both bounds by binary search, since a customer with years
    // of one event type holds thousands of times here and a scan from the first cost each event
    // that many steps
    int at = upperBound(overflowTime, overflowFrom(slot),
        lowerBound(overflowSlot, overflowCount, slot + 1), t);
    insertOverflowAt(at, slot, t);
    int i = at;
    journal.save(() -> removeOverflow(i, 1));
  }

  private void insertOverflowAt(int at, int slot, long t) {
    if (overflowCount == overflowSlot.length) {
      int size = Math.max(8, overflowSlot.length * 2);
      overflowSlot = Arrays.copyOf(overflowSlot, size);
      overflowTime = Arrays.copyOf(overflowTime, size);
    }
    int move = overflowCount - at;
    System.arraycopy(overflowSlot, at, overflowSlot, at + 1, move);
    System.arraycopy(overflowTime, at, overflowTime, at + 1, move);
    overflowSlot[at] = slot;
    overflowTime[at] = t;
    overflowCount++;
  }

  private void removeOverflow(int from, int n) {
    int move = overflowCount - from - n;
    System.arraycopy(overflowSlot, from + n, overflowSlot, from, move);
    System.arraycopy(overflowTime, from + n, overflowTime, from, move);
    overflowCount -= n;
  }

  private void expireOverflow(int slot, long cutoff) {
    int from = overflowFrom(slot);
    int to = from;
    while (to < overflowCount && overflowSlot[to] == slot && overflowTime[to] < cutoff) {
      to++;
    }
    if (to == from) {
      return;
    }
    long[] expired = Arrays.copyOfRange(overflowTime, from, to);
    journal.save(() -> {
      for (int k = 0; k < expired.length; k++) {
        insertOverflowAt(from + k, slot, expired[k]);
      }
    });
    removeOverflow(from, to - from);
  }

  // ------------------------------------------------------------------ seen ids

  private boolean hasSeen(long fingerprint) {
    if (fingerprint == 0) {
      return seenZero;
    }
    long[] table = seen;
    if (table.length == 0) {
      return false;
    }
    int mask = table.length - 1;
    for (int i = (int) fingerprint & mask; ; i = (i + 1) & mask) {
      long v = table[i];
      if (v == fingerprint) {
        return true;
      }
      if (v == 0) {
        return false;
      }
    }
  }

  /**
   * Marks an event id's fingerprint seen.
   *
   * @return whether it is new (false: seen before, and nothing changed)
   */
  boolean markSeen(long fingerprint) {
    if (hasSeen(fingerprint)) {
      return false;
    }
    if (fingerprint == 0) {
      journal.save(() -> {
        seenZero = false;
        seenCount--;
      });
      seenZero = true;
      seenCount++;
      return true;
    }
    if ((seenCount + 1) * 2 > seen.length) {
      // a new table: the undo puts the old one back whole
      long[] old = seen;
      int oldCount = seenCount;
      journal.save(() -> {
        seen = old;
        seenCount = oldCount;
      });
      long[] grown = new long[Math.max(8, seen.length * 2)];
      for (long v : seen) {
        if (v != 0) {
          insertSeen(grown, v);
        }
      }
      seen = grown;
      insertSeen(seen, fingerprint);
      seenCount++;
      return true;
    }
    int at = insertSeen(seen, fingerprint);
    long[] table = seen;
    // undone in reverse order, so that no later key's probe ran through this slot
    journal.save(() -> {
      table[at] = 0;
      seenCount--;
    });
    seenCount++;
    return true;
  }

  private static int insertSeen(long[] table, long fingerprint) {
    int mask = table.length - 1;
    int i = (int) fingerprint & mask;
    while (table[i] != 0) {
      i = (i + 1) & mask;
    }
    table[i] = fingerprint;
    return i;
  }

  /** The fingerprints seen, sorted: what the codec writes and records compare. */
  long[] seenIds() {
    long[] out = new long[seenCount];
    int n = 0;
    if (seenZero) {
      out[n++] = 0;
    }
    for (long v : seen) {
      if (v != 0) {
        out[n++] = v;
      }
    }
    Arrays.sort(out);
    return out;
  }

  /** Sets the fingerprints seen (a decoded or copied record). */
  private void setSeen(long[] fingerprints) {
    int capacity = 8;
    while (capacity < fingerprints.length * 2) {
      capacity *= 2;
    }
    seen = fingerprints.length == 0 ? NO_LONGS : new long[capacity];
    seenZero = false;
    seenCount = 0;
    for (long v : fingerprints) {
      if (v == 0) {
        seenZero = true;
      } else {
        insertSeen(seen, v);
      }
      seenCount++;
    }
  }

  // ------------------------------------------------------------------ moments and memberships

  long momentAt(int moment) {
    return momentAt[moment];
  }

  void reachMoment(int moment, long at) {
    long old = momentAt[moment];
    journal.save(() -> momentAt[moment] = old);
    momentAt[moment] = at;
  }

  boolean isPersona(int persona) {
    return (personaBits[persona >>> 6] & (1L << persona)) != 0;
  }

  boolean inSegment(int segment) {
    return (segmentBits[segment >>> 6] & (1L << segment)) != 0;
  }

  long[] personaBits() {
    return personaBits;
  }

  long[] segmentBits() {
    return segmentBits;
  }

  void setMemberships(long[] personas, long[] segments) {
    long[] oldP = personaBits;
    long[] oldS = segmentBits;
    journal.save(() -> {
      personaBits = oldP;
      segmentBits = oldS;
    });
    personaBits = personas;
    segmentBits = segments;
  }

  // ------------------------------------------------------------------ standing

  /** The engagement level's ordinal, or -1 before the first computation. */
  int engagementOrdinal() {
    return engagement;
  }

  /** The lifecycle stage's ordinal, or -1 before the first computation. */
  int stageOrdinal() {
    return stage;
  }

  boolean hasStanding() {
    return engagement >= 0;
  }

  EngagementLevel engagement() {
    return engagement < 0 ? EngagementLevel.LOW_ORGANIC : LEVELS[engagement];
  }

  LifecycleStage stage() {
    return stage < 0 ? LifecycleStage.NEW : STAGES[stage];
  }

  long reviewAt() {
    return reviewAt;
  }

  void setStanding(EngagementLevel level, LifecycleStage newStage, long review) {
    byte e = engagement;
    byte s = stage;
    long r = reviewAt;
    journal.save(() -> {
      engagement = e;
      stage = s;
      reviewAt = r;
    });
    engagement = (byte) level.ordinal();
    stage = (byte) newStage.ordinal();
    reviewAt = review;
  }

  // ------------------------------------------------------------------ enrollments

  int enrollmentCount() {
    return enrollmentCount;
  }

  Enrollment enrollmentAt(int i) {
    return enrollments[i];
  }

  Enrollment enrollment(String journey) {
    for (int i = 0; i < enrollmentCount; i++) {
      if (enrollments[i].journey().equals(journey)) {
        return enrollments[i];
      }
    }
    return null;
  }

  /** Puts an enrollment, replacing the customer's enrollment in the same journey. */
  void putEnrollment(Enrollment e) {
    for (int i = 0; i < enrollmentCount; i++) {
      if (enrollments[i].journey().equals(e.journey())) {
        if (enrollments[i] != e) {
          Enrollment old = enrollments[i];
          int k = i;
          journal.save(() -> enrollments[k] = old);
          enrollments[i] = e;
        }
        return;
      }
    }
    Enrollment[] old = enrollments;
    int oldCount = enrollmentCount;
    journal.save(() -> {
      enrollments = old;
      enrollmentCount = oldCount;
    });
    enrollments = Arrays.copyOf(enrollments, enrollmentCount + 1);
    enrollments[enrollmentCount++] = e;
  }

  // ------------------------------------------------------------------ contacts

  /** The contacts kept, oldest first: a view, valid until the record changes. */
  List<Contact> contacts() {
    Contact[] c = contacts;
    int n = contactCount;
    if (n == 0) {
      return List.of();
    }
    return new AbstractList<>() {
      @Override
      public Contact get(int index) {
        return c[index];
      }

      @Override
      public int size() {
        return n;
      }
    };
  }

  int contactCount() {
    return contactCount;
  }

  Contact contactAt(int i) {
    return contacts[i];
  }

  /** The newest contact of a dispatch, or null if the record keeps none. */
  Contact contact(String dispatchId) {
    for (int i = contactCount - 1; i >= 0; i--) {
      if (contacts[i].dispatchId().equals(dispatchId)) {
        return contacts[i];
      }
    }
    return null;
  }

  /** Appends a contact, dropping those sent before a cutoff. */
  void addContact(Contact contact, long cutoff) {
    int expired = 0;
    while (expired < contactCount && Times.of(contacts[expired].at()) <= cutoff) {
      expired++;
    }
    Contact[] old = contacts;
    int oldCount = contactCount;
    journal.save(() -> {
      contacts = old;
      contactCount = oldCount;
    });
    if (expired == 0 && contactCount < contacts.length) {
      contacts[contactCount++] = contact; // past the saved length
      return;
    }
    int keep = contactCount - expired;
    Contact[] next = new Contact[Math.max(4, (keep + 1) * 2)];
    System.arraycopy(contacts, expired, next, 0, keep);
    next[keep] = contact;
    contacts = next;
    contactCount = keep + 1;
  }

  /** Removes the contact of a dispatch; returns it, or null. */
  Contact removeContact(String dispatchId) {
    for (int i = 0; i < contactCount; i++) {
      if (contacts[i].dispatchId().equals(dispatchId)) {
        Contact removed = contacts[i];
        Contact[] old = contacts;
        int oldCount = contactCount;
        journal.save(() -> {
          contacts = old;
          contactCount = oldCount;
        });
        Contact[] next = new Contact[Math.max(4, contacts.length)];
        System.arraycopy(contacts, 0, next, 0, i);
        System.arraycopy(contacts, i + 1, next, i, contactCount - i - 1);
        contacts = next;
        contactCount--;
        return removed;
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ pending and impressions

  List<PendingDispatch> pending() {
    return pending;
  }

  void setPending(List<PendingDispatch> next) {
    List<PendingDispatch> old = pending;
    journal.save(() -> pending = old);
    pending = next;
  }

  /** The impressions kept, oldest first: a view, valid until the record changes. */
  List<Impression> impressions() {
    Impression[] a = impressions;
    int from = impressionStart;
    int n = impressionCount;
    return n == 0 ? List.of() : new AbstractList<>() {
      @Override
      public Impression get(int index) {
        Objects.checkIndex(index, n);
        return a[from + index];
      }

      @Override
      public int size() {
        return n;
      }
    };
  }

  int impressionCount() {
    return impressionCount;
  }

  Impression impressionAt(int i) {
    return impressions[impressionStart + i];
  }

  /** The position of the impression of an id (for {@link #impressionAt}), or -1. */
  int impressionIndex(String id) {
    long key = Impression.keyOf(id);
    for (int i = 0; i < impressionCount; i++) {
      if (impressions[impressionStart + i].hasId(id, key)) {
        return i;
      }
    }
    return -1;
  }

  /** The time of an impression, in epoch nanoseconds. */
  long impressionTime(int i) {
    return impressionTimes[impressionStart + i];
  }

  private void saveImpressions() {
    Impression[] old = impressions;
    long[] oldTimes = impressionTimes;
    int oldStart = impressionStart;
    int oldCount = impressionCount;
    long oldLatest = impressionLatest;
    journal.save(() -> {
      impressions = old;
      impressionTimes = oldTimes;
      impressionStart = oldStart;
      impressionCount = oldCount;
      impressionLatest = oldLatest;
    });
  }

  /** At least the latest time of the impressions kept, or {@link Times#NONE} for none. */
  long impressionLatest() {
    return impressionLatest;
  }

  /**
   * Appends a decision's impressions, in order, keeping at most {@code max} and none made at or
   * before a cutoff; the journal saves the impressions once for them all. Appending in place is
   * safe for the journal: the saved arrays are only read within the saved start and count, and
   * appends only write past them.
   */
  void addImpressions(Impression[] fresh, int n, long cutoff, int max) {
    saveImpressions();
    for (int k = 0; k < n; k++) {
      appendImpression(fresh[k], cutoff, max);
    }
  }

  private void appendImpression(Impression fresh, long cutoff, int max) {
    long at = Times.of(fresh.at());
    if (impressionLatest == Times.NONE || at > impressionLatest) {
      impressionLatest = at;
    }
    while (impressionCount > 0 && (impressionTimes[impressionStart] <= cutoff
        || impressionCount >= max)) {
      impressionStart++;
      impressionCount--;
    }
    int end = impressionStart + impressionCount;
    if (end < impressions.length) {
      impressions[end] = fresh;
      impressionTimes[end] = at;
      impressionCount++;
      return;
    }
    int capacity = Math.max(4, Math.min(2 * max, (impressionCount + 1) * 2));
    Impression[] next = new Impression[capacity];
    long[] nextTimes = new long[capacity];
    System.arraycopy(impressions, impressionStart, next, 0, impressionCount);
    System.arraycopy(impressionTimes, impressionStart, nextTimes, 0, impressionCount);
    next[impressionCount] = fresh;
    nextTimes[impressionCount] = at;
    impressions = next;
    impressionTimes = nextTimes;
    impressionStart = 0;
    impressionCount++;
  }

  /** Replaces the impression at an index (an answered one). */
  void setImpression(int index, Impression changed) {
    saveImpressions();
    impressions = Arrays.copyOf(impressions, impressions.length);
    impressions[impressionStart + index] = changed;
  }

  // ------------------------------------------------------------------ value

  CustomerValue value() {
    return value;
  }

  void setValue(CustomerValue next) {
    CustomerValue old = value;
    journal.save(() -> value = old);
    value = next;
  }

  // ------------------------------------------------------------------ exposures

  int exposureCount() {
    return exposures.length;
  }

  Exposure exposureAt(int i) {
    return exposures[i];
  }

  /** The customer's exposure to an action, or null when they have none. */
  Exposure exposure(String action) {
    for (Exposure e : exposures) {
      if (e.action().equals(action)) {
        return e;
      }
    }
    return null;
  }

  /** Keeps an exposure: appended, or in place of the one of its action. */
  void putExposure(Exposure exposure) {
    Exposure[] old = exposures;
    journal.save(() -> exposures = old);
    for (int i = 0; i < old.length; i++) {
      if (old[i].action().equals(exposure.action())) {
        Exposure[] next = old.clone();
        next[i] = exposure;
        exposures = next;
        return;
      }
    }
    Exposure[] next = Arrays.copyOf(old, old.length + 1);
    next[old.length] = exposure;
    exposures = next;
  }

  // ------------------------------------------------------------------ refusals

  int refusalCount() {
    return refusalCount;
  }

  RefusalEntry refusalAt(int i) {
    return refusals[i];
  }

  long refusalsForgotten() {
    return refusalsForgotten;
  }

  long refusalsForgottenUntil() {
    return refusalsForgottenUntil;
  }

  /**
   * Appends a refusal, first dropping those recorded at or before a cutoff, then the oldest
   * beyond a bound (the new one too, with a bound of 0); returns how many it dropped.
   */
  int addRefusal(RefusalEntry refusal, long cutoff, int bound) {
    RefusalEntry[] old = refusals;
    int oldCount = refusalCount;
    long oldForgotten = refusalsForgotten;
    long oldUntil = refusalsForgottenUntil;
    journal.save(() -> {
      refusals = old;
      refusalCount = oldCount;
      refusalsForgotten = oldForgotten;
      refusalsForgottenUntil = oldUntil;
    });
    int drop = 0;
    while (drop < refusalCount && refusals[drop].at() <= cutoff) {
      drop++;
    }
    drop = Math.max(drop, refusalCount + 1 - bound);
    if (drop == 0 && refusalCount < refusals.length) {
      refusals[refusalCount++] = refusal; // past the saved length
      return 0;
    }
    int dropped = drop;
    for (int i = 0; i < Math.min(drop, refusalCount); i++) {
      refusalsForgottenUntil = Math.max(refusalsForgottenUntil, refusals[i].at());
    }
    if (drop > refusalCount) {
      // a bound of 0: the new refusal is forgotten as it comes
      refusalsForgottenUntil = Math.max(refusalsForgottenUntil, refusal.at());
      refusals = NO_REFUSALS;
      refusalCount = 0;
      refusalsForgotten += dropped;
      return dropped;
    }
    int keep = refusalCount - drop;
    RefusalEntry[] next = new RefusalEntry[Math.min(Math.max(4, (keep + 1) * 2),
        Math.max(bound, keep + 1))];
    System.arraycopy(refusals, drop, next, 0, keep);
    next[keep] = refusal;
    refusals = next;
    refusalCount = keep + 1;
    refusalsForgotten += dropped;
    return dropped;
  }

  // ------------------------------------------------------------------ timers

  /** The earliest timer: an enrollment's, a pending dispatch's response deadline, a review. */
  long nextDue() {
    long due = reviewAt;
    for (int i = 0; i < enrollmentCount; i++) {
      Enrollment e = enrollments[i];
      long d = e.dueAtNanos();
      if (d != Times.NONE && e.isActive() && (due == Times.NONE || d < due)) {
        due = d;
      }
    }
    for (int i = 0, n = pending.size(); i < n; i++) {
      PendingDispatch p = pending.get(i);
      if (p.responseDeadline().isPresent()) {
        long d = Times.of(p.responseDeadline().get());
        if (due == Times.NONE || d < due) {
          due = d;
        }
      }
    }
    return due;
  }

  // ------------------------------------------------------------------ copies

  /** A deep copy, detached from any call: what a read-only view or a codec test reads. */
  CustomerRecord copy() {
    CustomerRecord c = new CustomerRecord(id, names);
    c.traits = traits;
    c.consents = consents.clone();
    c.preferences = preferences;
    c.typeCount = typeCount;
    c.types = Arrays.copyOf(types, typeCount);
    c.counts = Arrays.copyOf(counts, typeCount);
    c.firsts = Arrays.copyOf(firsts, typeCount);
    c.lasts = Arrays.copyOf(lasts, typeCount);
    c.occasions = Arrays.copyOf(occasions, typeCount);
    c.recentCount = recentCount;
    c.recentSlot = Arrays.copyOf(recentSlot, recentCount);
    c.recentTime = Arrays.copyOf(recentTime, recentCount);
    c.recentIdRef = Arrays.copyOf(recentIdRef, recentCount);
    c.idBytes = Arrays.copyOf(idBytes, idUsed);
    c.idUsed = idUsed;
    c.idLive = idLive;
    c.recentProps = recentProps == null ? null : Arrays.copyOf(recentProps, recentCount);
    c.overflowCount = overflowCount;
    c.overflowSlot = Arrays.copyOf(overflowSlot, overflowCount);
    c.overflowTime = Arrays.copyOf(overflowTime, overflowCount);
    c.seenCount = seenCount;
    c.seen = seen.clone();
    c.seenZero = seenZero;
    c.momentAt = momentAt.clone();
    c.personaBits = personaBits.clone();
    c.segmentBits = segmentBits.clone();
    c.engagement = engagement;
    c.stage = stage;
    c.reviewAt = reviewAt;
    c.enrollmentCount = enrollmentCount;
    c.enrollments = new Enrollment[enrollmentCount];
    for (int i = 0; i < enrollmentCount; i++) {
      c.enrollments[i] = enrollments[i].copyFor(c);
    }
    c.contactCount = contactCount;
    c.contacts = Arrays.copyOf(contacts, contactCount);
    c.pending = pending;
    c.impressions = Arrays.copyOfRange(impressions, impressionStart,
        impressionStart + impressionCount);
    c.impressionTimes = Arrays.copyOfRange(impressionTimes, impressionStart,
        impressionStart + impressionCount);
    c.impressionCount = impressionCount;
    c.impressionLatest = impressionLatest;
    c.value = value;
    c.refusalCount = refusalCount;
    c.refusals = Arrays.copyOf(refusals, refusalCount);
    c.refusalsForgotten = refusalsForgotten;
    c.refusalsForgottenUntil = refusalsForgottenUntil;
    c.mergedFrom = mergedFrom;
    c.exposures = exposures;
    return c;
  }

  Map<String, Long> mergedFrom() {
    return mergedFrom;
  }

  // ------------------------------------------------------------------ identity merge

  /** One kept event while two records' recent events are merged. */
  private record Kept(long time, String id, Properties props) {}

  /**
   * Merges another customer's record into this one's, as a new record with this one's id: the
   * two are left as they were. Events: counts added, first and last times widened, the most
   * recent {@code historySize} of each type kept with their properties and the older times kept
   * for windows (from {@code cutoff}), seen ids joined. Traits: this customer's win, the other's
   * fill in. Consents: per channel and purpose, the later decision wins (this one's on a tie).
   * Moments: the earlier time. Enrollments: one per journey, an active one before an ended one,
   * this customer's when both are active, the later ended one when both ended. Contacts,
   * pending dispatches, impressions and refusals: joined in time order. Exposures: one per
   * action, the earlier with its arm (this customer's on a tie), converted if either was.
   */
  CustomerRecord mergedWith(CustomerRecord other, long otherFingerprint, int historySize,
      long cutoff, int refusalBound) {
    CustomerRecord m = new CustomerRecord(id, names);
    // traits: the other's only where this one has none
    Traits theirs = other.traits;
    for (String n : traits.names()) {
      theirs = theirs.remove(n);
    }
    m.traits = traits.merge(theirs);
    int consentSlots = Math.max(consents.length, other.consents.length);
    m.consents = consentSlots == 0 ? NO_CONSENTS : new Consent[consentSlots];
    for (int i = 0; i < consentSlots; i++) {
      Consent mine = i < consents.length ? consents[i] : null;
      Consent their = i < other.consents.length ? other.consents[i] : null;
      m.consents[i] = later(mine, their);
    }
    m.preferences = preferences.equals(Preferences.none()) ? other.preferences : preferences;
    mergeEvents(m, other, historySize, cutoff);
    long[] fingerprints = Arrays.copyOf(seenIds(), seenCount + other.seenCount);
    System.arraycopy(other.seenIds(), 0, fingerprints, seenCount, other.seenCount);
    m.setSeen(Arrays.stream(fingerprints).distinct().sorted().toArray());
    for (int i = 0; i < m.momentAt.length; i++) {
      m.momentAt[i] = earlier(momentAt[i], other.momentAt[i]);
    }
    for (int i = 0; i < m.personaBits.length; i++) {
      m.personaBits[i] = personaBits[i] | other.personaBits[i];
    }
    for (int i = 0; i < m.segmentBits.length; i++) {
      m.segmentBits[i] = segmentBits[i] | other.segmentBits[i];
    }
    CustomerRecord standing = hasStanding() || !other.hasStanding() ? this : other;
    m.engagement = standing.engagement;
    m.stage = standing.stage;
    m.reviewAt = earlier(reviewAt, other.reviewAt);
    // enrollments: one per journey
    List<Enrollment> kept = new ArrayList<>();
    for (int i = 0; i < enrollmentCount; i++) {
      Enrollment mine = enrollments[i];
      Enrollment their = other.enrollment(mine.journey());
      kept.add((their == null || keepsMine(mine, their) ? mine : their).copyFor(m));
    }
    for (int i = 0; i < other.enrollmentCount; i++) {
      if (enrollment(other.enrollments[i].journey()) == null) {
        kept.add(other.enrollments[i].copyFor(m));
      }
    }
    m.enrollments = kept.toArray(new Enrollment[0]);
    m.enrollmentCount = m.enrollments.length;
    List<Contact> contactList = new ArrayList<>(contacts());
    contactList.addAll(other.contacts());
    contactList.sort(java.util.Comparator.comparing(Contact::at));
    m.contacts = contactList.toArray(new Contact[0]);
    m.contactCount = m.contacts.length;
    Map<String, PendingDispatch> pendingById = new java.util.LinkedHashMap<>();
    for (PendingDispatch p : pending) {
      pendingById.put(p.dispatchId(), p);
    }
    for (PendingDispatch p : other.pending) {
      pendingById.putIfAbsent(p.dispatchId(), p);
    }
    m.pending = List.copyOf(pendingById.values());
    Map<String, Impression> impressionById = new java.util.LinkedHashMap<>();
    for (Impression i : impressions()) {
      impressionById.put(i.id(), i);
    }
    for (Impression i : other.impressions()) {
      impressionById.putIfAbsent(i.id(), i);
    }
    List<Impression> impressionList = new ArrayList<>(impressionById.values());
    impressionList.sort(java.util.Comparator.comparing(Impression::at));
    m.impressions = impressionList.toArray(new Impression[0]);
    m.impressionCount = m.impressions.length;
    m.impressionTimes = new long[m.impressionCount];
    for (int k = 0; k < m.impressionCount; k++) {
      m.impressionTimes[k] = Times.of(m.impressions[k].at());
      m.impressionLatest = Math.max(m.impressionLatest, m.impressionTimes[k]);
    }
    List<RefusalEntry> refusalList = new ArrayList<>(refusalCount + other.refusalCount);
    refusalList.addAll(Arrays.asList(refusals).subList(0, refusalCount));
    refusalList.addAll(Arrays.asList(other.refusals).subList(0, other.refusalCount));
    refusalList.sort(java.util.Comparator.comparingLong(RefusalEntry::at));
    m.refusalsForgotten = refusalsForgotten + other.refusalsForgotten;
    m.refusalsForgottenUntil = Math.max(refusalsForgottenUntil, other.refusalsForgottenUntil);
    int drop = Math.max(0, refusalList.size() - refusalBound);
    for (int k = 0; k < drop; k++) {
      m.refusalsForgottenUntil = Math.max(m.refusalsForgottenUntil, refusalList.get(k).at());
    }
    m.refusalsForgotten += drop;
    m.refusals = refusalList.subList(drop, refusalList.size()).toArray(new RefusalEntry[0]);
    m.refusalCount = m.refusals.length;
    java.util.TreeMap<String, Long> merged = new java.util.TreeMap<>(mergedFrom);
    merged.putAll(other.mergedFrom);
    merged.put(other.id.value(), otherFingerprint);
    merged.remove(id.value());
    m.mergedFrom = java.util.Collections.unmodifiableMap(merged);
    m.value = value.mergedWith(other.value);
    m.exposures = mergeExposures(exposures, other.exposures);
    return m;
  }

  private static Exposure[] mergeExposures(Exposure[] mine, Exposure[] theirs) {
    List<Exposure> out = new ArrayList<>(Arrays.asList(mine));
    for (Exposure their : theirs) {
      int at = -1;
      for (int i = 0; i < out.size(); i++) {
        if (out.get(i).action().equals(their.action())) {
          at = i;
        }
      }
      if (at < 0) {
        out.add(their);
        continue;
      }
      Exposure kept = out.get(at);
      boolean converted = kept.converted() || their.converted();
      Exposure earlier = their.at() < kept.at() ? their : kept;
      out.set(at, new Exposure(earlier.action(), earlier.at(), earlier.heldOut(), converted));
    }
    return out.toArray(NO_EXPOSURES);
  }

  private static Consent later(Consent mine, Consent their) {
    if (mine == null || mine.status() == dev.rapport.core.ConsentStatus.UNKNOWN) {
      return their == null || their.status() == dev.rapport.core.ConsentStatus.UNKNOWN ? mine
          : their;
    }
    if (their == null || their.status() == dev.rapport.core.ConsentStatus.UNKNOWN
        || their.at().isEmpty()) {
      return mine;
    }
    return mine.at().isEmpty() || their.at().get().isAfter(mine.at().get()) ? their : mine;
  }

  private static long earlier(long a, long b) {
    return a == Times.NONE ? b : b == Times.NONE ? a : Math.min(a, b);
  }

  /** Which of two enrollments in one journey a merge keeps: true for this customer's. */
  private static boolean keepsMine(Enrollment mine, Enrollment their) {
    if (mine.isActive() != their.isActive()) {
      return mine.isActive();
    }
    if (mine.isActive()) {
      return true;
    }
    return mine.endedAtNanos() >= their.endedAtNanos();
  }

  /** Joins the event types, kept events and window times of two records into {@code m}. */
  private void mergeEvents(CustomerRecord m, CustomerRecord other, int historySize,
      long cutoff) {
    int[] allTypes = Arrays.copyOf(types, typeCount + other.typeCount);
    int n = typeCount;
    for (int s = 0; s < other.typeCount; s++) {
      if (slot(other.types[s]) < 0) {
        allTypes[n++] = other.types[s];
      }
    }
    m.typeCount = n;
    m.types = Arrays.copyOf(allTypes, n);
    m.counts = new long[n];
    m.firsts = new long[n];
    m.lasts = new long[n];
    m.occasions = new long[n];
    List<Integer> recentSlots = new ArrayList<>();
    List<Kept> recentKept = new ArrayList<>();
    List<Integer> overflowSlots = new ArrayList<>();
    List<Long> overflowTimes = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      int mine = slot(m.types[s]);
      int their = other.slot(m.types[s]);
      long count = 0;
      long first = Times.NONE;
      long last = Times.NONE;
      long occasionCount = 0;
      List<Kept> events = new ArrayList<>();
      List<Long> times = new ArrayList<>();
      for (int side = 0; side < 2; side++) {
        CustomerRecord r = side == 0 ? this : other;
        int slot = side == 0 ? mine : their;
        if (slot < 0) {
          continue;
        }
        count += r.counts[slot];
        first = earlier(first, r.firsts[slot]);
        last = Math.max(last, r.lasts[slot]);
        occasionCount += r.occasions[slot];
        for (int i = r.recentFrom(slot); i < r.recentCount && r.recentSlot[i] == slot; i++) {
          events.add(new Kept(r.recentTime[i], r.recentId(i), r.recentProps(i)));
        }
        for (int i = r.overflowFrom(slot); i < r.overflowCount && r.overflowSlot[i] == slot;
            i++) {
          times.add(r.overflowTime[i]);
        }
      }
      m.counts[s] = count;
      m.firsts[s] = first;
      m.lasts[s] = last;
      m.occasions[s] = occasionCount;
      events.sort(java.util.Comparator.comparingLong(Kept::time)
          .thenComparing(k -> k.id() == null ? "" : k.id()));
      int pushed = Math.max(0, events.size() - historySize);
      for (int i = 0; i < events.size(); i++) {
        if (i < pushed) {
          times.add(events.get(i).time());
        } else {
          recentSlots.add(s);
          recentKept.add(events.get(i));
        }
      }
      times.removeIf(t -> t < cutoff);
      java.util.Collections.sort(times);
      for (long t : times) {
        overflowSlots.add(s);
        overflowTimes.add(t);
      }
    }
    m.recentCount = recentKept.size();
    m.recentSlot = new int[m.recentCount];
    m.recentTime = new long[m.recentCount];
    m.recentIdRef = new long[m.recentCount];
    m.idBytes = NO_BYTES;
    m.idUsed = 0;
    m.idLive = 0;
    m.recentProps = null;
    for (int i = 0; i < m.recentCount; i++) {
      m.recentSlot[i] = recentSlots.get(i);
      m.recentTime[i] = recentKept.get(i).time();
      m.recentIdRef[i] = m.keepId(recentKept.get(i).id());
      m.setRecentProps(i, recentKept.get(i).props());
    }
    m.overflowCount = overflowTimes.size();
    m.overflowSlot = new int[m.overflowCount];
    m.overflowTime = new long[m.overflowCount];
    for (int i = 0; i < m.overflowCount; i++) {
      m.overflowSlot[i] = overflowSlots.get(i);
      m.overflowTime[i] = overflowTimes.get(i);
    }
  }

  /**
   * A copy with other merged ids and fingerprints: for comparing a record merged by an older
   * release, whose fingerprints are of the bytes of its own format.
   */
  CustomerRecord withMergedFrom(Map<String, Long> merged) {
    CustomerRecord c = copy();
    c.mergedFrom = merged;
    return c;
  }

  /** A copy without refusals: what a record written before refusals were kept knows of it. */
  CustomerRecord copyWithoutRefusals() {
    CustomerRecord c = copy();
    c.refusalCount = 0;
    c.refusals = NO_REFUSALS;
    c.refusalsForgotten = 0;
    c.refusalsForgottenUntil = Times.NONE;
    return c;
  }

  // ------------------------------------------------------------------ format

  /**
   * Writes the record in the current format (see {@link RecordCodec}): names, never the
   * engine's integers, so that the bytes mean the same to any engine.
   */
  void writeTo(Bytes.Writer w, Names names) {
    w.string(id.value());
    // traits
    Map<String, Object> t = traits.asMap();
    w.uvarint(t.size());
    for (Map.Entry<String, Object> e : t.entrySet()) {
      w.string(e.getKey());
      writeTrait(w, e.getValue());
    }
    // consents
    List<Consent> cs = consents();
    w.uvarint(cs.size());
    for (Consent c : cs) {
      w.string(c.channel().name());
      w.byte1(c.purpose().ordinal());
      w.byte1(c.status().ordinal());
      w.varint(c.at().map(Times::of).orElse(Times.NONE));
    }
    // preferences
    Preferences p = preferences;
    w.uvarint(p.channels().size());
    for (Channel c : p.channels()) {
      w.string(c.name());
    }
    w.uvarint(p.topicsIn().size());
    for (String topic : p.topicsIn()) {
      w.string(topic);
    }
    w.uvarint(p.topicsOut().size());
    for (String topic : p.topicsOut()) {
      w.string(topic);
    }
    w.bool(p.quietHours().isPresent());
    if (p.quietHours().isPresent()) {
      w.uvarint(p.quietHours().get().start().toNanoOfDay());
      w.uvarint(p.quietHours().get().end().toNanoOfDay());
    }
    w.optString(p.timeZone().map(java.time.ZoneId::getId).orElse(null));
    // event types
    w.uvarint(typeCount);
    for (int i = 0; i < typeCount; i++) {
      w.string(names.typeName(types[i]));
      w.uvarint(counts[i]);
      w.varint(firsts[i]);
      w.varint(lasts[i]);
      w.uvarint(occasions[i]);
    }
    w.uvarint(recentCount);
    for (int i = 0; i < recentCount; i++) {
      w.uvarint(recentSlot[i]);
      w.varint(recentTime[i]);
      long ref = recentIdRef[i];
      if (ref == NO_ID) {
        w.byte1(0);
      } else {
        w.byte1(1);
        w.utf8(idBytes, (int) (ref >>> 32), (int) ref);
      }
      Properties props = recentProps(i);
      if (props == null) {
        w.byte1(0); // most events have no properties: no map to walk
        continue;
      }
      Map<String, Object> m = props.asMap();
      w.uvarint(m.size());
      for (Map.Entry<String, Object> e : m.entrySet()) {
        w.string(e.getKey());
        w.value(e.getValue());
      }
    }
    w.uvarint(overflowCount);
    for (int i = 0; i < overflowCount; i++) {
      w.uvarint(overflowSlot[i]);
      w.varint(overflowTime[i]);
    }
    long[] seenSorted = seenIds();
    w.uvarint(seenSorted.length);
    for (int i = 0; i < seenSorted.length; i++) {
      w.fixed64(seenSorted[i]);
    }
    // moments and memberships, by name
    int reached = 0;
    for (long at : momentAt) {
      reached += at == Times.NONE ? 0 : 1;
    }
    w.uvarint(reached);
    for (int m = 0; m < momentAt.length; m++) {
      if (momentAt[m] != Times.NONE) {
        w.string(names.momentName(m));
        w.varint(momentAt[m]);
      }
    }
    writeMembers(w, personaBits, names.personas(), names::personaName);
    writeMembers(w, segmentBits, names.segments(), names::segmentName);
    // standing
    w.byte1(engagement + 1);
    w.byte1(stage + 1);
    w.varint(reviewAt);
    // enrollments
    w.uvarint(enrollmentCount);
    for (int i = 0; i < enrollmentCount; i++) {
      Enrollment e = enrollments[i];
      w.string(e.journey());
      w.uvarint(e.version());
      w.uvarint(e.sequence());
      w.byte1(e.status().ordinal());
      w.bool(e.holdout());
      w.varint(e.enteredAtNanos());
      w.varint(e.endedAtNanos());
      w.varint(e.position());
      w.varint(e.dueAtNanos());
      w.varint(e.gateDeadlineNanos());
      w.optString(e.exitReason().orElse(null));
      w.uvarint(e.historyLength());
      for (int k = 0; k < e.historyLength(); k++) {
        w.fixed64(e.historyEntry(k));
      }
      w.uvarint(e.arms().size());
      for (String arm : e.arms()) {
        w.string(arm);
      }
      w.varint(e.memory());
      // keyed waits (format 4)
      Map<String, Object> keys = e.entryKeys().asMap();
      w.uvarint(keys.size());
      for (Map.Entry<String, Object> k : keys.entrySet()) {
        w.string(k.getKey());
        w.value(k.getValue());
      }
      Object key = e.waitKey();
      w.byte1(key == null ? 0 : key == Enrollment.MISSING ? 1 : 2);
      if (key != null && key != Enrollment.MISSING) {
        w.value(key);
      }
    }
    // contacts
    w.uvarint(contactCount);
    for (int i = 0; i < contactCount; i++) {
      Contact c = contacts[i];
      w.varint(Times.of(c.at()));
      w.string(c.action());
      w.string(c.channel().name());
      w.optString(c.topic().orElse(null));
      w.byte1(c.purpose().ordinal());
      w.string(c.dispatchId());
      w.optString(c.journey().orElse(null));
      w.uvarint(c.attempt());
    }
    // pending dispatches
    w.uvarint(pending.size());
    for (PendingDispatch d : pending) {
      w.string(d.dispatchId());
      w.string(d.action());
      w.optString(d.journey().orElse(null));
      w.uvarint(d.journeyVersion());
      w.varint(d.step());
      w.uvarint(d.attempt());
      w.uvarint(d.tried().size());
      for (Channel c : d.tried()) {
        w.string(c.name());
      }
      w.varint(Times.of(d.sentAt()));
      w.varint(d.responseDeadline().map(Times::of).orElse(Times.NONE));
    }
    // impressions
    w.uvarint(impressionCount);
    for (Impression i : impressions()) {
      w.string(i.id());
      w.string(i.action());
      w.string(i.ruleSet());
      w.string(i.placement());
      w.string(i.group());
      w.varint(Times.of(i.at()));
      w.bool(i.answered());
    }
    // refusals (format 3)
    w.uvarint(refusalCount);
    for (int i = 0; i < refusalCount; i++) {
      RefusalEntry r = refusals[i];
      w.varint(r.at());
      w.string(r.action());
      w.string(r.reason().name());
      w.optString(r.channel() == null ? null : r.channel().name());
      w.optString(r.journey());
      w.optString(r.step());
      w.optString(r.placement());
      w.uvarint(r.attempt());
    }
    w.uvarint(refusalsForgotten);
    w.varint(refusalsForgottenUntil);
    // ids merged into this customer (format 5)
    w.uvarint(mergedFrom.size());
    for (Map.Entry<String, Long> merged : mergedFrom.entrySet()) {
      w.string(merged.getKey());
      w.varint(merged.getValue());
    }
    // value (format 6)
    value.writeTo(w, names::scoreName);
    // exposures to actions with a holdout (format 7)
    w.uvarint(exposures.length);
    for (Exposure e : exposures) {
      w.string(e.action());
      w.varint(e.at());
      w.byte1((e.heldOut() ? 1 : 0) | (e.converted() ? 2 : 0));
    }
  }

  private static void writeMembers(Bytes.Writer w, long[] bits, int n,
      java.util.function.IntFunction<String> name) {
    int count = 0;
    for (int i = 0; i < n; i++) {
      count += (bits[i >>> 6] & (1L << i)) != 0 ? 1 : 0;
    }
    w.uvarint(count);
    for (int i = 0; i < n; i++) {
      if ((bits[i >>> 6] & (1L << i)) != 0) {
        w.string(name.apply(i));
      }
    }
  }

  private static final int T_STRING = 1;
  private static final int T_BOOLEAN = 2;
  private static final int T_LONG = 3;
  private static final int T_DOUBLE = 4;
  private static final int T_DECIMAL = 5;
  private static final int T_INSTANT = 6;
  private static final int T_DATE = 7;

  private static void writeTrait(Bytes.Writer w, Object v) {
    if (v instanceof String) {
      w.byte1(T_STRING);
      w.string((String) v);
    } else if (v instanceof Boolean) {
      w.byte1(T_BOOLEAN);
      w.bool((Boolean) v);
    } else if (v instanceof Long) {
      w.byte1(T_LONG);
      w.varint((Long) v);
    } else if (v instanceof Double) {
      w.byte1(T_DOUBLE);
      w.float64((Double) v);
    } else if (v instanceof java.math.BigDecimal) {
      w.byte1(T_DECIMAL);
      w.string(v.toString());
    } else if (v instanceof java.time.Instant) {
      // a trait's instant may be any instant (a birth date), so not in the engine's nanoseconds
      w.byte1(T_INSTANT);
      w.varint(((java.time.Instant) v).getEpochSecond());
      w.uvarint(((java.time.Instant) v).getNano());
    } else if (v instanceof java.time.LocalDate) {
      w.byte1(T_DATE);
      w.varint(((java.time.LocalDate) v).toEpochDay());
    } else {
      throw new IllegalStateException("trait of unsupported type " + v.getClass().getName());
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Traits readTrait(Bytes.Reader r, Traits traits, String name) {
    int tag = r.byte1();
    switch (tag) {
      case T_STRING:
        return traits.set(dev.rapport.core.TraitKey.of(name, String.class), r.string());
      case T_BOOLEAN:
        return traits.set(dev.rapport.core.TraitKey.of(name, Boolean.class), r.bool());
      case T_LONG:
        return traits.set(dev.rapport.core.TraitKey.of(name, Long.class), r.varint());
      case T_DOUBLE:
        return traits.set(dev.rapport.core.TraitKey.of(name, Double.class), r.float64());
      case T_DECIMAL:
        return traits.set(dev.rapport.core.TraitKey.of(name, java.math.BigDecimal.class),
            new java.math.BigDecimal(r.string()));
      case T_INSTANT:
        return traits.set(dev.rapport.core.TraitKey.of(name, java.time.Instant.class),
            java.time.Instant.ofEpochSecond(r.varint(), r.uvarint()));
      case T_DATE:
        return traits.set(dev.rapport.core.TraitKey.of(name, java.time.LocalDate.class),
            java.time.LocalDate.ofEpochDay(r.varint()));
      default:
        throw new Codec.CodecException("customer record: trait '" + name + "' has unknown type "
            + "tag " + tag + "; the bytes are not a customer record of this format");
    }
  }

  /**
   * Reads a record written by {@link #writeTo} (format 7) or by an older release (formats 1 to
   * 6). Moments, personas, segments and scores the engine no longer declares are dropped, as are
   * consents on channels it no longer knows.
   *
   * <p>Formats 1 to 6 had no exposures to actions with a holdout: they read with none (a
   * customer's first exposure is then their next one). Formats 1 to 5 had no value: they are
   * read as nothing bought and no score yet (the scores are computed at the customer's next
   * call). Formats 1 to 3 had no keys of keyed waits, 1 and 2 no refusals (read with none kept
   * and none forgotten). Format 1 kept no occasions either: they are counted from the instants
   * the record keeps (those within the retention), and every event it no longer keeps counts as
   * an occasion of its own.
   */
  static CustomerRecord readFrom(Bytes.Reader r, Names names, int format) {
    CustomerId id = CustomerId.of(r.string());
    CustomerRecord c = new CustomerRecord(id, names);
    int n = r.count();
    Traits traits = Traits.empty();
    for (int i = 0; i < n; i++) {
      traits = readTrait(r, traits, r.string());
    }
    c.traits = traits;
    n = r.count();
    for (int i = 0; i < n; i++) {
      Channel channel = Channel.of(r.string());
      Purpose purpose = Purpose.values()[r.byte1()];
      dev.rapport.core.ConsentStatus status = dev.rapport.core.ConsentStatus.values()[r.byte1()];
      long at = r.varint();
      int index = names.channel(channel);
      if (index >= 0) {
        int slot = index * 2 + purpose.ordinal();
        if (slot >= c.consents.length) {
          c.consents = Arrays.copyOf(c.consents, slot + 1);
        }
        c.consents[slot] = new Consent(channel, purpose, status,
            java.util.Optional.ofNullable(Times.instantOrNull(at)));
      }
    }
    Preferences.Builder p = Preferences.builder();
    n = r.count();
    Channel[] preferred = new Channel[n];
    for (int i = 0; i < n; i++) {
      preferred[i] = Channel.of(r.string());
    }
    p.channels(preferred);
    n = r.count();
    String[] in = new String[n];
    for (int i = 0; i < n; i++) {
      in[i] = r.string();
    }
    p.topicsIn(in);
    n = r.count();
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = r.string();
    }
    p.topicsOut(out);
    if (r.bool()) {
      p.quietHours(java.time.LocalTime.ofNanoOfDay(r.uvarint()),
          java.time.LocalTime.ofNanoOfDay(r.uvarint()));
    }
    String zone = r.optString();
    if (zone != null) {
      p.timeZone(java.time.ZoneId.of(zone));
    }
    Preferences prefs = p.build();
    c.preferences = prefs.equals(Preferences.none()) ? Preferences.none() : prefs;
    // event types
    n = r.count();
    c.typeCount = n;
    c.types = new int[n];
    c.counts = new long[n];
    c.firsts = new long[n];
    c.lasts = new long[n];
    c.occasions = new long[n];
    for (int i = 0; i < n; i++) {
      c.types[i] = names.type(r.string());
      c.counts[i] = r.uvarint();
      c.firsts[i] = r.varint();
      c.lasts[i] = r.varint();
      if (format >= 2) {
        c.occasions[i] = r.uvarint();
      }
    }
    n = r.count();
    c.recentCount = n;
    c.recentSlot = new int[n];
    c.recentTime = new long[n];
    c.recentIdRef = new long[n];
    c.recentProps = null;
    for (int i = 0; i < n; i++) {
      c.recentSlot[i] = (int) r.uvarint();
      c.recentTime[i] = r.varint();
      c.recentIdRef[i] = c.keepId(r.optString());
      int props = r.count();
      if (props > 0) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int k = 0; k < props; k++) {
          m.put(r.string(), r.value());
        }
        c.setRecentProps(i, Properties.of(m));
      }
    }
    n = r.count();
    c.overflowCount = n;
    c.overflowSlot = new int[n];
    c.overflowTime = new long[n];
    for (int i = 0; i < n; i++) {
      c.overflowSlot[i] = (int) r.uvarint();
      c.overflowTime[i] = r.varint();
    }
    if (format < 2) {
      c.countOccasions();
    }
    n = r.count();
    long[] seenIds = new long[n];
    for (int i = 0; i < n; i++) {
      seenIds[i] = r.fixed64();
    }
    c.setSeen(seenIds);
    n = r.count();
    for (int i = 0; i < n; i++) {
      int m = names.moment(r.string());
      long at = r.varint();
      if (m >= 0) {
        c.momentAt[m] = at;
      }
    }
    n = r.count();
    for (int i = 0; i < n; i++) {
      int persona = names.persona(r.string());
      if (persona >= 0) {
        c.personaBits[persona >>> 6] |= 1L << persona;
      }
    }
    n = r.count();
    for (int i = 0; i < n; i++) {
      int segment = names.segment(r.string());
      if (segment >= 0) {
        c.segmentBits[segment >>> 6] |= 1L << segment;
      }
    }
    c.engagement = (byte) (r.byte1() - 1);
    c.stage = (byte) (r.byte1() - 1);
    c.reviewAt = r.varint();
    n = r.count();
    c.enrollmentCount = n;
    c.enrollments = new Enrollment[n];
    for (int i = 0; i < n; i++) {
      String journey = r.string();
      int version = (int) r.uvarint();
      int sequence = (int) r.uvarint();
      dev.rapport.core.journey.EnrollmentStatus status =
          dev.rapport.core.journey.EnrollmentStatus.values()[r.byte1()];
      boolean holdout = r.bool();
      long entered = r.varint();
      long ended = r.varint();
      int position = (int) r.varint();
      long due = r.varint();
      long deadline = r.varint();
      String exitReason = r.optString();
      int h = r.count();
      long[] history = new long[h];
      for (int k = 0; k < h; k++) {
        history[k] = r.fixed64();
      }
      int a = r.count();
      List<String> arms = new ArrayList<>(a);
      for (int k = 0; k < a; k++) {
        arms.add(r.string());
      }
      c.enrollments[i] = new Enrollment(c, journey, version, sequence, status, holdout, entered,
          ended, position, due, deadline, exitReason, history, List.copyOf(arms))
          .restoreMemory(r.varint());
      if (format >= 4) {
        int k = r.count();
        Properties entry = Properties.of();
        if (k > 0) {
          Map<String, Object> m = new java.util.LinkedHashMap<>();
          for (int j = 0; j < k; j++) {
            m.put(r.string(), r.value());
          }
          entry = Properties.of(m);
        }
        int state = r.byte1();
        Object key = state == 0 ? null : state == 1 ? Enrollment.MISSING : r.value();
        c.enrollments[i].restoreKeys(entry, key);
      }
    }
    n = r.count();
    c.contactCount = n;
    c.contacts = new Contact[n];
    for (int i = 0; i < n; i++) {
      java.time.Instant at = Times.instant(r.varint());
      String action = r.string();
      Channel channel = Channel.of(r.string());
      java.util.Optional<String> topic = java.util.Optional.ofNullable(r.optString());
      Purpose purpose = Purpose.values()[r.byte1()];
      String dispatchId = r.string();
      java.util.Optional<String> journey = java.util.Optional.ofNullable(r.optString());
      int attempt = (int) r.uvarint();
      c.contacts[i] = new Contact(at, action, channel, topic, purpose, dispatchId, journey,
          attempt);
    }
    n = r.count();
    List<PendingDispatch> pendingList = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String dispatchId = r.string();
      String action = r.string();
      java.util.Optional<String> journey = java.util.Optional.ofNullable(r.optString());
      int version = (int) r.uvarint();
      int step = (int) r.varint();
      int attempt = (int) r.uvarint();
      int k = r.count();
      List<Channel> tried = new ArrayList<>(k);
      for (int j = 0; j < k; j++) {
        tried.add(Channel.of(r.string()));
      }
      java.time.Instant sent = Times.instant(r.varint());
      long deadline = r.varint();
      pendingList.add(new PendingDispatch(dispatchId, action, journey, version, step, attempt,
          tried, sent, java.util.Optional.ofNullable(Times.instantOrNull(deadline))));
    }
    c.pending = List.copyOf(pendingList);
    n = r.count();
    List<Impression> impressionList = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      impressionList.add(new Impression(r.string(), r.string(), r.string(), r.string(),
          r.string(), Times.instant(r.varint()), r.bool()));
    }
    c.impressions = impressionList.toArray(new Impression[0]);
    c.impressionTimes = new long[c.impressions.length];
    for (int k = 0; k < c.impressions.length; k++) {
      c.impressionTimes[k] = Times.of(c.impressions[k].at());
      if (c.impressionLatest == Times.NONE || c.impressionTimes[k] > c.impressionLatest) {
        c.impressionLatest = c.impressionTimes[k];
      }
    }
    c.impressionCount = c.impressions.length;
    if (format >= 3) {
      n = r.count();
      c.refusalCount = n;
      c.refusals = new RefusalEntry[n];
      for (int i = 0; i < n; i++) {
        long at = r.varint();
        String action = r.string();
        Reason reason = reason(r.string());
        String channel = r.optString();
        c.refusals[i] = new RefusalEntry(at, action, reason,
            channel == null ? null : Channel.of(channel), r.optString(), r.optString(),
            r.optString(), (int) r.uvarint());
      }
      c.refusalsForgotten = r.uvarint();
      c.refusalsForgottenUntil = r.varint();
    }
    if (format >= 5) {
      n = r.count();
      java.util.TreeMap<String, Long> merged = new java.util.TreeMap<>();
      for (int i = 0; i < n; i++) {
        merged.put(r.string(), r.varint());
      }
      c.mergedFrom = n == 0 ? Map.of() : java.util.Collections.unmodifiableMap(merged);
    }
    if (format >= 6) {
      c.value = CustomerValue.readFrom(r, names::scoreIndex);
    }
    if (format >= 7) {
      n = r.count();
      Exposure[] read = n == 0 ? NO_EXPOSURES : new Exposure[n];
      for (int i = 0; i < n; i++) {
        String action = r.string();
        long at = r.varint();
        int flags = r.byte1();
        if ((flags & ~3) != 0) {
          throw new Codec.CodecException("customer record: exposure to action '" + action
              + "' has unknown flags " + flags + "; the bytes are not a customer record of "
              + "this format");
        }
        read[i] = new Exposure(action, at, (flags & 1) != 0, (flags & 2) != 0);
      }
      c.exposures = read;
    }
    return c;
  }

  private static Reason reason(String name) {
    for (Reason r : Reason.values()) {
      if (r.name().equals(name)) {
        return r;
      }
    }
    throw new Codec.CodecException("customer record: refusal reason '" + name + "' is not one "
        + "this release knows; upgrade Rapport on this engine");
  }

  /** Counts the occasions of a record of format 1 from the instants it keeps. */
  private void countOccasions() {
    for (int slot = 0; slot < typeCount; slot++) {
      int r0 = recentFrom(slot);
      int r1 = r0;
      while (r1 < recentCount && recentSlot[r1] == slot) {
        r1++;
      }
      int o0 = overflowFrom(slot);
      int o1 = o0;
      while (o1 < overflowCount && overflowSlot[o1] == slot) {
        o1++;
      }
      long[] kept = new long[(r1 - r0) + (o1 - o0)];
      System.arraycopy(recentTime, r0, kept, 0, r1 - r0);
      System.arraycopy(overflowTime, o0, kept, r1 - r0, o1 - o0);
      Arrays.sort(kept);
      long distinct = 0;
      for (int i = 0; i < kept.length; i++) {
        if (i == 0 || kept[i] != kept[i - 1]) {
          distinct++;
        }
      }
      occasions[slot] = distinct + (counts[slot] - kept.length);
    }
  }

  /** Whether two records keep the same refusals and counts of forgotten ones. */
  boolean sameRefusals(CustomerRecord o) {
    return refusalsForgotten == o.refusalsForgotten
        && refusalsForgottenUntil == o.refusalsForgottenUntil
        && Arrays.equals(refusals, 0, refusalCount, o.refusals, 0, o.refusalCount);
  }

  /**
   * Whether two records hold the same values: what the codec's round trip must preserve.
   * Derived parts (the enrollment's owner) aside.
   */
  boolean sameAs(CustomerRecord o) {
    if (!id.equals(o.id) || !traits.equals(o.traits) || !consents().equals(o.consents())
        || !preferences.equals(o.preferences) || typeCount != o.typeCount
        || recentCount != o.recentCount || overflowCount != o.overflowCount
        || seenCount != o.seenCount || engagement != o.engagement || stage != o.stage
        || reviewAt != o.reviewAt || enrollmentCount != o.enrollmentCount
        || contactCount != o.contactCount || !pending.equals(o.pending)
        || !impressions().equals(o.impressions())
        || !sameRefusals(o) || !mergedFrom.equals(o.mergedFrom)
        || !Arrays.equals(momentAt, o.momentAt) || !Arrays.equals(personaBits, o.personaBits)
        || !Arrays.equals(segmentBits, o.segmentBits) || !value.sameAs(o.value)
        || !Arrays.equals(exposures, o.exposures)) {
      return false;
    }
    for (int i = 0; i < typeCount; i++) {
      if (types[i] != o.types[i] || counts[i] != o.counts[i] || firsts[i] != o.firsts[i]
          || lasts[i] != o.lasts[i] || occasions[i] != o.occasions[i]) {
        return false;
      }
    }
    for (int i = 0; i < recentCount; i++) {
      Properties a = Objects.requireNonNullElse(recentProps(i), Properties.of());
      Properties b = Objects.requireNonNullElse(o.recentProps(i), Properties.of());
      if (recentSlot[i] != o.recentSlot[i] || recentTime[i] != o.recentTime[i]
          || !Objects.equals(recentId(i), o.recentId(i)) || !a.equals(b)) {
        return false;
      }
    }
    for (int i = 0; i < overflowCount; i++) {
      if (overflowSlot[i] != o.overflowSlot[i] || overflowTime[i] != o.overflowTime[i]) {
        return false;
      }
    }
    if (!Arrays.equals(seenIds(), o.seenIds())) {
      return false;
    }
    for (int i = 0; i < enrollmentCount; i++) {
      if (!enrollments[i].sameAs(o.enrollments[i])) {
        return false;
      }
    }
    for (int i = 0; i < contactCount; i++) {
      if (!contacts[i].equals(o.contacts[i])) {
        return false;
      }
    }
    return true;
  }
}
