package dev.rapport.core.engine;

import dev.rapport.core.internal.Durations;
import dev.rapport.core.Channel;
import dev.rapport.core.Consent;
import dev.rapport.core.ConsentStatus;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Profile;
import dev.rapport.core.Purpose;
import dev.rapport.core.Traits;
import dev.rapport.core.engine.InputLimits;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The engine's boundary: everything a call brings in is checked here, before the call touches
 * any state, so that no later phase of the call (the journeys, the gate, the measures) meets a
 * value it cannot read. A bad input is an {@link IllegalArgumentException} that names the input,
 * the value (cut short when long) and what to do.
 *
 * <p>Standard events are held to what the engine reads of them: consent and opt-out events name
 * a channel the engine knows, survey answers carry a number on their kind's scale and a list of
 * theme names, and the properties that tie an event to a message ({@code dispatch_id}, {@code
 * impression_id}, {@code journey}, {@code action}, {@code channel}) are strings.
 */
final class Inputs {
  /**
   * Where a check is made, as a message would say it: written out only when the check fails,
   * so that an input that passes costs no text.
   */
  @FunctionalInterface
  interface Where {
    String text();
  }

  /** How much of a bad value a message quotes. */
  private static final int QUOTE = 60;
  private static final List<String> MESSAGE_PROPERTIES = List.of(EventTypes.DISPATCH_ID,
      EventTypes.IMPRESSION_ID, EventTypes.JOURNEY, EventTypes.ACTION, EventTypes.CHANNEL);

  /**
   * What only the engine may emit: a host's own would make the measures disagree with the
   * customers' records. ({@code dispatched} is not among them: a host that sends a decision
   * itself reports it so that rates per message count it.)
   */
  private static final Set<String> ENGINE_ONLY = new TreeSet<>(List.of(
      EventTypes.MOMENT_REACHED, EventTypes.SEGMENT_ENTERED, EventTypes.SEGMENT_EXITED,
      EventTypes.PERSONA_ENTERED, EventTypes.PERSONA_EXITED, EventTypes.ENGAGEMENT_CHANGED,
      EventTypes.STAGE_CHANGED));

  private final InputLimits limits;
  private final Set<Channel> channels;
  private final Names names;

  Inputs(InputLimits limits, Set<Channel> channels, Names names) {
    this.limits = limits;
    this.channels = channels;
    this.names = names;
  }

  InputLimits limits() {
    return limits;
  }

  // ------------------------------------------------------------------ calls

  /** Checks an event before {@code track} processes it. */
  void event(Event event, Instant now) {
    Where where = () -> "track(event '" + quote(event.type()) + "' of customer '"
        + quote(event.customer().value()) + "')";
    name(where, "customer id", event.customer().value());
    name(where, "event type", event.type());
    if (ENGINE_ONLY.contains(event.type())) {
      throw new IllegalArgumentException(where.text() + ": event type '" + event.type()
          + "' is one "
          + "the engine emits itself (" + ENGINE_ONLY + "); track the event that causes it "
          + "instead, such as the one a moment is reached on");
    }
    if (!names.canIntern(event.type())) {
      throw new IllegalArgumentException(where.text() + ": event type '" + quote(event.type())
          + "' would be one more than the " + limits.maxEventTypes() + " distinct event types "
          + "this engine accepts; keep event types a fixed vocabulary (ids and free text belong "
          + "in properties) or raise InputLimits.maxEventTypes");
    }
    name(where, "event id", event.id());
    time(where, "time", event.time());
    if (beyond(event.time(), now, limits.futureTolerance())) {
      throw new IllegalArgumentException(where.text() + ": time " + event.time() + " is "
          + Durations.text(Duration.between(now, event.time())) + " after the engine's clock ("
          + now + "), more than the tolerance of " + Durations.text(limits.futureTolerance())
          + "; give the time the event happened (not milliseconds read as seconds), move the "
          + "engine's clock, or raise InputLimits.futureTolerance");
    }
    Map<String, Object> props = event.properties().asMap();
    if (props.size() > limits.maxProperties()) {
      throw new IllegalArgumentException(where.text() + ": has " + props.size()
          + " properties, more "
          + "than the limit of " + limits.maxProperties() + "; send fewer or raise "
          + "InputLimits.maxProperties");
    }
    for (Map.Entry<String, Object> p : props.entrySet()) {
      name(where, "property name", p.getKey());
      String key = p.getKey();
      value(() -> where.text() + ": property '" + quote(key) + "'", p.getValue());
    }
    standard(where, event);
  }

  /** Checks a profile before {@code identify} applies it. */
  void profile(String customerId, Profile profile, Instant now) {
    Where where = () -> "identify(\"" + quote(customerId) + "\")";
    name(where, "customer id", customerId);
    if (profile.traits().size() > limits.maxProperties()) {
      throw new IllegalArgumentException(where.text() + ": sets " + profile.traits().size()
          + " traits, more than the limit of " + limits.maxProperties() + "; set fewer at once "
          + "or raise InputLimits.maxProperties");
    }
    traits(where, profile.traits());
    for (String unset : profile.unset()) {
      name(where, "trait name", unset);
    }
    for (Profile.ConsentChange c : profile.consents()) {
      known(c.channel(), () -> where.text() + ": consent");
      if (c.at().isPresent()) {
        time(where, "consent time", c.at().get());
        notAhead(where, "consent time", c.at().get(), now);
      }
    }
    if (profile.preferences().isPresent()) {
      dev.rapport.core.Preferences p = profile.preferences().get();
      for (String topic : p.topicsIn()) {
        name(where, "preferred topic", topic);
      }
      for (String topic : p.topicsOut()) {
        name(where, "opted-out topic", topic);
      }
    }
  }

  /**
   * Whether an instant is more than a tolerance after another, computed without making an
   * instant (this runs on every event) and without overflowing for any tolerance.
   */
  static boolean beyond(Instant t, Instant now, Duration tolerance) {
    long seconds = t.getEpochSecond() - now.getEpochSecond(); // within +-6.4e16: no overflow
    int nanos = t.getNano() - now.getNano();
    if (nanos < 0) {
      seconds--;
      nanos += 1_000_000_000;
    }
    long ts = tolerance.getSeconds();
    return seconds > ts || seconds == ts && nanos > tolerance.getNano();
  }

  /** Fails if an instant is further ahead of the engine's clock than the tolerance. */
  private void notAhead(Where where, String what, Instant t, Instant now) {
    if (beyond(t, now, limits.futureTolerance())) {
      throw new IllegalArgumentException(where.text() + ": " + what + " " + t + " is "
          + Durations.text(Duration.between(now, t)) + " after the engine's clock ("
          + now + "), more than the tolerance of " + Durations.text(limits.futureTolerance())
          + "; give the time it happened, move the engine's clock, or raise "
          + "InputLimits.futureTolerance");
    }
  }

  /** Checks the instant given to {@code advanceTo}. */
  void advance(Instant instant) {
    time(() -> "advanceTo(" + instant + ")", "instant", instant);
  }

  /** Checks a theme given to {@code resolveTheme}. */
  void theme(String theme) {
    name(() -> "resolveTheme(\"" + quote(theme) + "\")", "theme", theme);
  }

  /** Checks a customer id given to a call that reads or forgets. */
  void customerId(String call, String customerId) {
    name(() -> call + "(\"" + quote(customerId) + "\")", "customer id", customerId);
  }

  // ------------------------------------------------------------------ standard events

  private void standard(Where where, Event event) {
    if (event.type().equals(EventTypes.CONSENT_GRANTED)
        || event.type().equals(EventTypes.CONSENT_REVOKED)) {
      consentOf(event);
    }
    for (String p : MESSAGE_PROPERTIES) {
      Object v = event.properties().get(p);
      if (v != null && !(v instanceof String)) {
        throw new IllegalArgumentException(where.text() + ": property '" + p + "' is not a string ("
            + show(v) + "); give the " + p.replace('_', ' ') + " as a string");
      }
    }
    switch (event.type()) {
      case EventTypes.UNSUBSCRIBED:
      case EventTypes.COMPLAINED:
        Object channel = event.properties().get(EventTypes.CHANNEL);
        if (channel != null) {
          known(channelNamed(where, (String) channel),
              () -> where.text() + ": property 'channel'");
        }
        break;
      case EventTypes.SURVEY_ANSWERED:
        survey(where, event);
        break;
      default:
        break;
    }
  }

  private void survey(Where where, Event event) {
    Object kind = event.properties().get(EventTypes.KIND);
    if (kind != null && !(kind instanceof String)) {
      throw new IllegalArgumentException(where.text() + ": property 'kind' is not a string ("
          + show(kind) + "); give \"csat\", \"nps\", \"ces\" or a kind of your own as a string");
    }
    Object score = event.properties().get(EventTypes.SCORE);
    if (score != null) {
      if (!(score instanceof Number)) {
        throw new IllegalArgumentException(where.text() + ": property 'score' is not a number ("
            + show(score) + "); give the answer's score as a number");
      }
      double s = ((Number) score).doubleValue();
      double[] scale = scale((String) kind);
      if (scale != null && (s < scale[0] || s > scale[1])) {
        throw new IllegalArgumentException(where.text() + ": property 'score' is " + show(score)
            + ", outside the " + kind + " scale of " + (long) scale[0] + " to " + (long) scale[1]
            + "; give a score on that scale");
      }
    }
    Object themes = event.properties().get(EventTypes.THEMES);
    if (themes == null) {
      return;
    }
    // one theme may be given as a plain string, as Properties.getList reads it
    List<?> list = themes instanceof String ? List.of(themes) : null;
    if (themes instanceof List) {
      list = (List<?>) themes;
    }
    if (list == null) {
      throw new IllegalArgumentException(where.text() + ": property 'themes' is not a list ("
          + show(themes) + "); give a list of theme names, such as List.of(\"billing\")");
    }
    for (int i = 0; i < list.size(); i++) {
      Object t = list.get(i);
      if (!(t instanceof String) || ((String) t).isBlank()) {
        throw new IllegalArgumentException(where.text() + ": property 'themes' has " + show(t)
            + (themes instanceof List ? " at index " + i : "")
            + "; give every theme as a non-blank name");
      }
      name(where, "theme", (String) t);
    }
  }

  /** The scale of a standard survey kind, or null for a kind of the host's own. */
  private static double[] scale(String kind) {
    if (kind == null) {
      return null;
    }
    switch (kind) {
      case "csat":
        return new double[] {1, 5};
      case "nps":
        return new double[] {0, 10};
      case "ces":
        return new double[] {1, 7};
      default:
        return null;
    }
  }

  /** Reads the consent a standard consent event records, or fails naming what is wrong. */
  Consent consentOf(Event event) {
    Where where = () -> "event '" + quote(event.type()) + "' (" + quote(event.id())
        + ") of customer '" + quote(event.customer().value()) + "'";
    Object channelName = event.properties().get(EventTypes.CHANNEL);
    if (!(channelName instanceof String)) {
      throw new IllegalArgumentException(where.text() + ": property 'channel' is "
          + (channelName == null ? "missing" : "not a string (" + channelName + ")")
          + "; give the channel's name, such as \"email\"");
    }
    Channel channel = channelNamed(where, (String) channelName);
    known(channel, () -> where.text() + ": property 'channel'");
    Object purposeName = event.properties().get(EventTypes.PURPOSE);
    Purpose purpose = Purpose.MARKETING;
    if (purposeName != null) {
      if (!(purposeName instanceof String)) {
        throw new IllegalArgumentException(where.text() + ": property 'purpose' is not a string ("
            + purposeName + "); give \"marketing\" or \"transactional\"");
      }
      try {
        purpose = Purpose.parse((String) purposeName);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where.text() + ": property 'purpose' has an "
            + e.getMessage(), e);
      }
    }
    ConsentStatus status = event.type().equals(EventTypes.CONSENT_GRANTED)
        ? ConsentStatus.GRANTED : ConsentStatus.DENIED;
    return Consent.of(channel, purpose, status, event.time());
  }

  private static Channel channelNamed(Where where, String name) {
    try {
      return Channel.of(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where.text() + ": property 'channel' "
          + e.getMessage(), e);
    }
  }

  /** Fails unless the engine knows the channel. */
  void known(Channel channel, String where) {
    known(channel, () -> where);
  }

  /** Fails unless the engine knows the channel. */
  private void known(Channel channel, Where where) {
    if (!channels.contains(channel)) {
      throw new IllegalArgumentException(where.text() + " names unknown channel '" + channel
          + "'; declare it with Engine.builder().channels(Channel.of(\"" + channel
          + "\")) or use one of " + new TreeSet<>(channels.stream().map(Channel::name).toList()));
    }
  }

  // ------------------------------------------------------------------ values

  private void traits(Where where, Traits traits) {
    for (Map.Entry<String, Object> t : traits.asMap().entrySet()) {
      name(where, "trait name", t.getKey());
      String key = t.getKey();
      Where at = () -> where.text() + ": trait '" + quote(key) + "'";
      Object v = t.getValue();
      if (v instanceof String) {
        string(at, (String) v);
      } else if (v instanceof Double && !Double.isFinite((Double) v)) {
        throw new IllegalArgumentException(at.text() + " is " + v + "; give a finite number");
      }
    }
  }

  private void value(Where at, Object v) {
    if (v instanceof BigInteger || v instanceof BigDecimal) {
      // the digits of a BigInteger from its bits: toString would take quadratic time
      int digits = v instanceof BigInteger ? (int) (((BigInteger) v).bitLength() * 0.30103) + 1
          : ((BigDecimal) v).precision();
      if (digits > limits.maxStringLength()) {
        throw new IllegalArgumentException(at.text() + " is a number of "
            + String.format(Locale.ROOT, "%,d", digits) + " digits, more than the limit of "
            + String.format(Locale.ROOT, "%,d", limits.maxStringLength()) + " (that of "
            + "strings); send a smaller number, or raise InputLimits.maxStringLength");
      }
    } else if (v instanceof String) {
      string(at, (String) v);
    } else if (v instanceof Double && !Double.isFinite((Double) v)) {
      throw new IllegalArgumentException(at.text() + " is " + v + "; give a finite number");
    } else if (v instanceof List) {
      List<?> list = (List<?>) v;
      size(at, "a list", list.size());
      for (int i = 0; i < list.size(); i++) {
        int index = i;
        value(() -> at.text() + "[" + index + "]", list.get(i));
      }
    } else if (v instanceof Map) {
      Map<?, ?> map = (Map<?, ?>) v;
      size(at, "a map", map.size());
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = (String) e.getKey();
        name(at, "map key", key);
        value(() -> at.text() + "." + quote(key), e.getValue());
      }
    }
  }

  private void size(Where at, String what, int size) {
    if (size > limits.maxCollectionSize()) {
      throw new IllegalArgumentException(at.text() + " is " + what + " of " + count(size)
          + (what.equals("a map") ? " entries" : " items") + ", more than the limit of "
          + count(limits.maxCollectionSize()) + "; send fewer or raise "
          + "InputLimits.maxCollectionSize");
    }
  }

  private void string(Where at, String s) {
    if (s.length() > limits.maxStringLength()) {
      throw new IllegalArgumentException(at.text() + " is " + show(s)
          + ", longer than the limit of "
          + String.format(Locale.ROOT, "%,d", limits.maxStringLength()) + " characters; "
          + "shorten it or raise InputLimits.maxStringLength");
    }
  }

  private void name(Where where, String what, String name) {
    if (name.length() > limits.maxNameLength()) {
      throw new IllegalArgumentException(where.text() + ": " + what + " " + show(name)
          + " is longer than the limit of " + limits.maxNameLength()
          + " characters; shorten it or raise "
          + "InputLimits.maxNameLength");
    }
  }

  static void time(Where where, String what, Instant t) {
    if (t.isBefore(InputLimits.EARLIEST) || !t.isBefore(InputLimits.LATEST)) {
      throw new IllegalArgumentException(where.text() + ": " + what + " " + t + " is outside the "
          + "supported range " + InputLimits.EARLIEST + " to " + InputLimits.LATEST
          + " (exclusive); give a real time");
    }
  }

  // ------------------------------------------------------------------ quoting

  /** A value as a message shows it: strings quoted and cut short, others with their kind. */
  static String show(Object v) {
    if (v instanceof String) {
      String s = (String) v;
      return s.length() <= QUOTE ? "\"" + s + "\""
          : "\"" + s.substring(0, QUOTE) + "...\" (" + count(s.length()) + " characters)";
    }
    if (v instanceof Long || v instanceof Double) {
      return "the number " + v;
    }
    if (v instanceof BigDecimal || v instanceof BigInteger) {
      String text = v.toString();
      return "the number " + (text.length() <= QUOTE ? text
          : text.substring(0, QUOTE) + "... (" + count(text.length()) + " characters)");
    }
    if (v instanceof Boolean) {
      return "the boolean " + v;
    }
    if (v instanceof List) {
      int n = ((List<?>) v).size();
      return "a list of " + count(n) + (n == 1 ? " item" : " items");
    }
    if (v instanceof Map) {
      int n = ((Map<?, ?>) v).size();
      return "a map of " + count(n) + (n == 1 ? " entry" : " entries");
    }
    return String.valueOf(v);
  }

  /** A count as messages write it: with thousands separators. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A name cut short for a message's heading. */
  static String quote(String s) {
    return s.length() <= QUOTE ? s : s.substring(0, QUOTE) + "...";
  }
}
