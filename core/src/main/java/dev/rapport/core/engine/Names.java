package dev.rapport.core.engine;

import dev.rapport.core.Channel;
import dev.rapport.core.Consent;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Purpose;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names an engine knows, interned to small integers: event types, channels, moments,
 * personas and segments. A customer's record keeps these integers, never the strings, so that
 * reading or changing it builds no string and compares no text.
 *
 * <p>Channels, moments, personas and segments are fixed when the engine is built. Event types
 * grow as events arrive (a host may track any type); the table is shared by every customer and
 * its size is bounded by {@link InputLimits#maxEventTypes()}. Integers are local to one engine:
 * the record's codec writes names, never integers, so a record moves between engines.
 */
final class Names {
  /** The standard event types, interned first so that their integers are constants. */
  static final int CONSENT_GRANTED = 0;
  static final int CONSENT_REVOKED = 1;
  static final int UNSUBSCRIBED = 2;
  static final int COMPLAINED = 3;
  static final int SURVEY_ANSWERED = 4;
  static final int MOMENT_REACHED = 5;
  static final int TICKET_OPENED = 6;
  static final int TICKET_RESOLVED = 7;
  private static final List<String> STANDARD = List.of(EventTypes.CONSENT_GRANTED,
      EventTypes.CONSENT_REVOKED, EventTypes.UNSUBSCRIBED, EventTypes.COMPLAINED,
      EventTypes.SURVEY_ANSWERED, EventTypes.MOMENT_REACHED, EventTypes.TICKET_OPENED,
      EventTypes.TICKET_RESOLVED);

  private final ConcurrentHashMap<String, Integer> types = new ConcurrentHashMap<>();
  private volatile String[] typeNames = new String[64];
  private int typeCount;
  private final int maxTypes;

  private final Map<Channel, Integer> channels;
  private final Channel[] channelList;
  private static final Purpose[] PURPOSES = Purpose.values();
  private final Consent[] unknownConsents;
  private final Map<String, Integer> moments;
  private final String[] momentList;
  private final Map<String, Integer> personas;
  private final String[] personaList;
  private final Map<String, Integer> segments;
  private final String[] segmentList;

  /** The engine's revenue definition and declared scores, which views and records read. */
  private final ValueRuntime values;

  Names(List<Channel> channels, List<String> moments, List<String> personas,
      List<String> segments, int maxTypes) {
    this(channels, moments, personas, segments, maxTypes, ValueRuntime.NONE);
  }

  Names(List<Channel> channels, List<String> moments, List<String> personas,
      List<String> segments, int maxTypes, ValueRuntime values) {
    this.values = values;
    this.maxTypes = maxTypes;
    for (String t : STANDARD) {
      type(t);
    }
    // what the engine emits itself is known from the start, so no limit can refuse it
    for (String t : EventTypes.emittedByEngine()) {
      type(t);
    }
    type(EventTypes.DELIVERY_FAILED);
    type(EventTypes.THEME_RESOLVED);
    this.channelList = channels.toArray(new Channel[0]);
    this.unknownConsents = new Consent[channelList.length * PURPOSES.length];
    for (int c = 0; c < channelList.length; c++) {
      for (Purpose p : PURPOSES) {
        unknownConsents[c * PURPOSES.length + p.ordinal()] = Consent.unknown(channelList[c], p);
      }
    }
    this.channels = index(Arrays.asList(channelList));
    this.momentList = moments.toArray(new String[0]);
    this.moments = index(moments);
    this.personaList = personas.toArray(new String[0]);
    this.personas = index(personas);
    this.segmentList = segments.toArray(new String[0]);
    this.segments = index(segments);
  }

  private static <K> Map<K, Integer> index(List<K> names) {
    Map<K, Integer> out = new java.util.HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      out.put(names.get(i), i);
    }
    return Map.copyOf(out);
  }

  // ------------------------------------------------------------------ event types

  /**
   * Returns an event type's integer, interning it if new.
   *
   * @throws IllegalArgumentException if the engine already knows as many types as it may
   */
  int type(String name) {
    Integer i = types.get(name);
    return i != null ? i : intern(name);
  }

  private synchronized int intern(String name) {
    Integer i = types.get(name);
    if (i != null) {
      return i;
    }
    if (typeCount >= maxTypes) {
      throw new IllegalArgumentException("event type '" + Inputs.quote(name) + "' would be the "
          + (maxTypes + 1) + "th distinct event type this engine has seen, more than the limit "
          + "of " + maxTypes + "; check that event types are a fixed vocabulary (ids or "
          + "free text belong in properties) or raise InputLimits.maxEventTypes");
    }
    String[] names = typeNames;
    if (typeCount == names.length) {
      names = Arrays.copyOf(names, names.length * 2);
    }
    names[typeCount] = name;
    typeNames = names; // publish the array before the map entry that points into it
    types.put(name, typeCount);
    return typeCount++;
  }

  /** Returns an event type's integer, or -1 if no event of that type was ever seen. */
  int typeIfKnown(String name) {
    Integer i = types.get(name);
    return i == null ? -1 : i;
  }

  /** Checks that a new type could be interned, without interning it. */
  boolean canIntern(String name) {
    return types.containsKey(name) || typeCount < maxTypes;
  }

  String typeName(int type) {
    return typeNames[type];
  }

  // ------------------------------------------------------------------ fixed names

  int channel(Channel channel) {
    Integer i = channels.get(channel);
    return i == null ? -1 : i;
  }

  Channel channel(int index) {
    return channelList[index];
  }

  int channels() {
    return channelList.length;
  }

  /** The unknown consent of a known channel and a purpose: one immutable value each. */
  Consent unknownConsent(int channel, Purpose purpose) {
    return unknownConsents[channel * PURPOSES.length + purpose.ordinal()];
  }

  int moment(String name) {
    Integer i = moments.get(name);
    return i == null ? -1 : i;
  }

  String momentName(int index) {
    return momentList[index];
  }

  int moments() {
    return momentList.length;
  }

  int persona(String name) {
    Integer i = personas.get(name);
    return i == null ? -1 : i;
  }

  String personaName(int index) {
    return personaList[index];
  }

  int personas() {
    return personaList.length;
  }

  int segment(String name) {
    Integer i = segments.get(name);
    return i == null ? -1 : i;
  }

  String segmentName(int index) {
    return segmentList[index];
  }

  int segments() {
    return segmentList.length;
  }

  /** The engine's revenue definition and declared scores. */
  ValueRuntime values() {
    return values;
  }

  /** The index of a declared score, or -1. */
  int scoreIndex(String name) {
    return values.scoreIndex(name);
  }

  String scoreName(int index) {
    return values.scoreName(index);
  }
}
