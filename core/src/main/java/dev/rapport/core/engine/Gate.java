package dev.rapport.core.engine;

import dev.rapport.core.internal.Checks;
import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Consent;
import dev.rapport.core.ConsentStatus;
import dev.rapport.core.Customer;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Purpose;
import dev.rapport.core.QuietHours;
import dev.rapport.core.TraitKey;
import dev.rapport.core.policy.Cap;
import dev.rapport.core.policy.Fatigue;
import dev.rapport.core.policy.ChannelSettings;
import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.core.policy.QuietHoursMode;
import dev.rapport.core.policy.Reason;
import dev.rapport.core.policy.SupportHold;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The one gate every message passes, from a journey's send step or a next-best-action decision.
 *
 * <p>Design note. The gate is a pure function of the policy, the customer's view, the contacts
 * already sent to them and the time; it keeps no state, so that the engine can call it from any
 * thread and replay gives the same answers. It runs in two phases:
 *
 * <ol>
 *   <li>Channel checks pick the channel. The action's channels are reordered by the customer's
 *       preferred channels and those already tried (a fallback) are skipped. On each: reachability
 *       (every purpose), then for marketing consent, suppression after an unsubscribe or a
 *       complaint, and the caps scoped to that channel. The first channel that passes is the
 *       candidate; if none does, the refusal of the most preferred channel is the answer.
 *   <li>Customer checks do not depend on the channel: topic opt-out, the policy's holds while
 *       the customer has a support problem, the action's cooldown, the caps over all channels
 *       and per topic, the caps per purpose, the minimum gap, then quiet hours.
 * </ol>
 *
 * <p>A fallback attempt is the same message on the next channel, not a new message: caps, the
 * minimum gap and the cooldown are not checked again, everything about the new channel and the
 * customer's wishes is.
 *
 * <p>Windows are half open: a contact counts when it was sent after {@code now - window} and not
 * after now. Quiet hours are read in the customer's zone; the end of a deferral is computed on
 * local date-times so that it stays right across daylight-saving changes (an end that falls in a
 * gap is the instant the gap ends; an end in an overlap is its first occurrence after now).
 */
final class Gate {
  private static final String OWNER = "gate";
  /** Enough jumps for two spans that chain; more means they cover the whole day. */
  private static final int MAX_QUIET_JUMPS = 8;

  private Gate() {}

  /**
   * Decides whether a message may be sent to a customer now, and on which channel.
   *
   * @param policy the contact policy
   * @param customer the customer's view
   * @param contacts the messages already sent to the customer, in any order
   * @param action the action to send
   * @param now the engine's time
   * @param excludedChannels channels already tried for this message
   * @param fallbackAttempt whether this is the same message on a next channel, which caps, the
   *     minimum gap and the cooldown do not count again
   * @param guardrailPause the explanation of a guardrail pause on the action or its journey
   * @return the decision
   * @throws IllegalArgumentException if an argument is null
   */
  public static GateDecision evaluate(ContactPolicy policy, Customer customer,
      List<Contact> contacts, Action action, Instant now, Set<Channel> excludedChannels,
      boolean fallbackAttempt, Optional<String> guardrailPause) {
    Checks.notNull(OWNER, "policy", policy);
    Checks.notNull(OWNER, "customer", customer);
    Checks.notNull(OWNER, "contacts", contacts);
    contacts = firstAttempts(contacts);
    Checks.notNull(OWNER, "action", action);
    Checks.notNull(OWNER, "now", now);
    Checks.notNull(OWNER, "excludedChannels", excludedChannels);
    Checks.notNull(OWNER, "guardrailPause", guardrailPause);

    if (guardrailPause.isPresent()) {
      return GateDecision.refused(Reason.GUARDRAIL_PAUSED, guardrailPause.get(),
          Optional.empty(), Map.of());
    }
    boolean marketing = action.purpose() == Purpose.MARKETING;
    Map<Channel, Reason> reasons = null; // most messages go out on their first channel
    Refusal first = null;
    Channel chosen = null;
    List<Channel> channels = order(action.channels(), customer.preferences().channels());
    for (int i = 0; i < channels.size(); i++) {
      Channel channel = channels.get(i);
      if (!excludedChannels.isEmpty() && excludedChannels.contains(channel)) {
        continue;
      }
      Refusal r = checkChannel(policy, customer, contacts, channel, now, marketing,
          fallbackAttempt);
      if (r == null) {
        chosen = channel;
        break;
      }
      if (reasons == null) {
        reasons = new LinkedHashMap<>();
      }
      reasons.put(channel, r.reason);
      if (first == null) {
        first = r;
      }
    }
    if (reasons == null) {
      reasons = Map.of();
    }
    if (chosen == null) {
      if (first == null) {
        // a fallback with every channel already tried: nowhere left to reach the customer
        first = new Refusal(Reason.UNREACHABLE, "no channel left to try: every channel of action '"
            + action.name() + "' " + action.channels() + " was already tried", null);
      }
      return first.decision(reasons, reasons.isEmpty() ? null
          : reasons.keySet().iterator().next());
    }
    Refusal r = checkCustomer(policy, customer, contacts, action, now, marketing,
        fallbackAttempt);
    if (r != null) {
      Map<Channel, Reason> all = new LinkedHashMap<>(reasons);
      all.put(chosen, r.reason);
      return r.decision(all, chosen);
    }
    return GateDecision.allowed(chosen, reasons);
  }

  /** The action's channels, those the customer prefers first in the customer's order. */
  static List<Channel> order(List<Channel> actionChannels, List<Channel> preferred) {
    if (preferred.isEmpty()) {
      return actionChannels;
    }
    List<Channel> ordered = new ArrayList<>(actionChannels.size());
    for (Channel p : preferred) {
      if (actionChannels.contains(p) && !ordered.contains(p)) {
        ordered.add(p);
      }
    }
    for (Channel c : actionChannels) {
      if (!ordered.contains(c)) {
        ordered.add(c);
      }
    }
    return ordered;
  }

  private static Refusal checkChannel(ContactPolicy policy, Customer customer,
      List<Contact> contacts, Channel channel, Instant now, boolean marketing,
      boolean fallbackAttempt) {
    ChannelSettings settings = policy.channelSettings(channel);
    Optional<TraitKey<?>> needed = settings.reachableWith();
    if (needed.isPresent() && !customer.traits().has(needed.get())) {
      return new Refusal(Reason.UNREACHABLE, "unreachable on " + channel + ": no "
          + needed.get().name() + " trait", null);
    }
    if (!marketing) {
      return null;
    }
    Consent consent = customer.consent(channel, Purpose.MARKETING);
    if (consent.status() == ConsentStatus.DENIED) {
      return new Refusal(Reason.NO_CONSENT, "marketing consent on " + channel + " was denied",
          null);
    }
    if (settings.requiresOptIn() && consent.status() != ConsentStatus.GRANTED) {
      return new Refusal(Reason.NO_CONSENT, "no marketing consent on " + channel, null);
    }
    Optional<Instant> granted = consent.isGranted() ? consent.at() : Optional.empty();
    Refusal suppressed = checkSuppression(policy, customer, channel, granted);
    if (suppressed != null) {
      return suppressed;
    }
    if (!fallbackAttempt && !contacts.isEmpty()) {
      List<Cap> caps = policy.caps();
      for (int i = 0; i < caps.size(); i++) {
        Cap cap = caps.get(i);
        if (cap.channel().isPresent() && cap.channel().get().equals(channel)
            && holds(cap, customer)) {
          Refusal r = checkCap(cap, contacts, now, c -> c.purpose() == Purpose.MARKETING
              && c.channel().equals(channel), "marketing", " on " + channel + audience(cap));
          if (r != null) {
            return r;
          }
        }
      }
    }
    return null;
  }

  private static Refusal checkSuppression(ContactPolicy policy, Customer customer,
      Channel channel, Optional<Instant> granted) {
    if (policy.suppressAfterComplaint()) {
      Optional<Instant> complained = customer.last(EventTypes.COMPLAINED);
      if (complained.isPresent() && standsAgainst(complained.get(), granted)) {
        return new Refusal(Reason.SUPPRESSED, "suppressed on " + channel + ": complained at "
            + complained.get() + ", " + since(channel, granted), null);
      }
    }
    if (policy.suppressAfterUnsubscribe()) {
      List<Event> unsubscribes = customer.history(EventTypes.UNSUBSCRIBED);
      for (int i = unsubscribes.size() - 1; i >= 0; i--) {
        Event e = unsubscribes.get(i);
        Object from = e.properties().get(EventTypes.CHANNEL);
        // no channel, or a channel property that is not a name, unsubscribes from everything
        boolean applies = !(from instanceof String) || from.equals(channel.name());
        if (applies && standsAgainst(e.time(), granted)) {
          return new Refusal(Reason.SUPPRESSED, "suppressed on " + channel + ": unsubscribed "
              + (from instanceof String ? "from " + from : "from all channels") + " at "
              + e.time() + ", " + since(channel, granted), null);
        }
      }
    }
    return null;
  }

  private static String since(Channel channel, Optional<Instant> granted) {
    return granted.map(g -> "after the marketing consent on " + channel + " of " + g)
        .orElse("with no marketing consent on " + channel + " granted since");
  }

  /**
   * Whether a suppressing event (an unsubscribe, a complaint) stands against the consent: it does
   * unless the consent was granted strictly after it. A tie goes to the suppression: clocks with
   * whole-second resolution and replays make ties common, and a customer who said both in the
   * same instant must not be sent marketing.
   */
  private static boolean standsAgainst(Instant t, Optional<Instant> granted) {
    return granted.isEmpty() || !t.isBefore(granted.get());
  }

  private static Refusal checkCustomer(ContactPolicy policy, Customer customer,
      List<Contact> contacts, Action action, Instant now, boolean marketing,
      boolean fallbackAttempt) {
    if (marketing && action.topic().isPresent()
        && customer.preferences().topicsOut().contains(action.topic().get())) {
      return new Refusal(Reason.TOPIC_OPTED_OUT, "topic '" + action.topic().get()
          + "' is opted out by the customer", null);
    }
    if (marketing && !policy.holds().isEmpty()) {
      Refusal r = checkHolds(policy.holds(), customer, now);
      if (r != null) {
        return r;
      }
    }
    if (!fallbackAttempt && !contacts.isEmpty()) {
      // every check here counts contacts: with none, none of them can refuse
      Refusal r = checkCooldown(contacts, action, now);
      if (r == null && marketing) {
        r = checkCapsOverAllChannels(policy, customer, contacts, action, now);
      }
      if (r == null) {
        r = checkPurposeCaps(policy, customer, contacts, action, now);
      }
      if (r == null && marketing) {
        r = checkMinimumGap(policy, contacts, now);
      }
      if (r == null && marketing && policy.fatigue().isPresent()) {
        r = checkFatigue(policy.fatigue().get(), customer, contacts, now);
      }
      if (r != null) {
        return r;
      }
    }
    return marketing ? checkQuietHours(policy, customer, now) : null;
  }

  /**
   * The fatigue rule: the marketing messages sent after the customer's latest response, of
   * which at least {@code after} are past their window unanswered, hold marketing until the
   * latest of them plus its window plus the pause.
   */
  private static Refusal checkFatigue(Fatigue rule, Customer customer, List<Contact> contacts,
      Instant now) {
    Instant until = fatigueEnd(rule, customer, contacts, now);
    if (until == null) {
      return null;
    }
    return new Refusal(Reason.FATIGUED, "fatigued: " + rule.after() + " or more marketing "
        + "messages in a row unanswered within " + rule.window() + "; paused until " + until
        + " or a response", until);
  }

  /**
   * When the customer's fatigue ends, or null if they are not fatigued now: also what the
   * engine counts fatigued customers with.
   */
  static Instant fatigueEnd(Fatigue rule, Customer customer, List<Contact> contacts,
      Instant now) {
    Instant responded = null;
    for (String type : rule.responses()) {
      Optional<Instant> last = customer.last(type);
      if (last.isPresent() && !last.get().isAfter(now)
          && (responded == null || last.get().isAfter(responded))) {
        responded = last.get();
      }
    }
    int unanswered = 0;
    Instant latest = null;
    for (int i = 0; i < contacts.size(); i++) {
      Contact c = contacts.get(i);
      if (c.attempt() != 1 || c.purpose() != Purpose.MARKETING || c.at().isAfter(now)
          || (responded != null && !c.at().isAfter(responded))) {
        continue;
      }
      if (!c.at().plus(rule.window()).isAfter(now)) {
        unanswered++;
      }
      if (latest == null || c.at().isAfter(latest)) {
        latest = c.at();
      }
    }
    if (unanswered < rule.after()) {
      return null;
    }
    Instant until = latest.plus(rule.window()).plus(rule.pause());
    return until.isAfter(now) ? until : null;
  }

  /**
   * The holds of a support problem: on primitives (the latest time of a type, the counts of
   * two), building text only for a refusal.
   */
  private static Refusal checkHolds(List<SupportHold> holds, Customer customer, Instant now) {
    long nowNanos = Times.of(now);
    for (int i = 0; i < holds.size(); i++) {
      SupportHold h = holds.get(i);
      if (h.kind() == SupportHold.Kind.AFTER) {
        long last = lastNanos(customer, h.eventType());
        if (last != Times.NONE) {
          long end = last + h.window().get().toNanos();
          if (nowNanos < end) {
            return new Refusal(Reason.SUPPORT_HOLD, "support hold: " + h.describe() + " (at "
                + Times.instant(last) + ")", Times.instant(end));
          }
        }
      } else {
        long opened = customer.count(h.eventType());
        long closed = customer.count(h.closingEventType().get());
        if (opened > closed) {
          return new Refusal(Reason.SUPPORT_HOLD, "support hold: " + h.describe() + " ("
              + opened + " " + h.eventType() + ", " + closed + " "
              + h.closingEventType().get() + ")", null);
        }
      }
    }
    return null;
  }

  private static long lastNanos(Customer customer, String type) {
    if (customer instanceof RecordView view) {
      return view.lastNanos(type);
    }
    return customer.last(type).map(Times::of).orElse(Times.NONE);
  }

  private static Refusal checkCooldown(List<Contact> contacts, Action action, Instant now) {
    if (action.cooldown().isEmpty()) {
      return null;
    }
    Duration cooldown = action.cooldown().get();
    Instant latest = latest(contacts, now, now.minus(cooldown),
        c -> c.action().equals(action.name()));
    if (latest == null) {
      return null;
    }
    return new Refusal(Reason.COOLDOWN, "cooldown: action '" + action.name() + "' was sent "
        + Duration.between(latest, now) + " ago, cooldown " + cooldown, latest.plus(cooldown));
  }

  /** Whether a cap holds this customer: every cap does, except one for another audience. */
  private static boolean holds(Cap cap, Customer customer) {
    if (cap.segment().isPresent()) {
      return customer.in(cap.segment().get());
    }
    return cap.persona().isEmpty() || customer.is(cap.persona().get());
  }

  /** The words a refusal adds for a cap for an audience: {@code  for segment 'new'}. */
  private static String audience(Cap cap) {
    return cap.segment().map(s -> " for segment '" + s + "'")
        .orElse(cap.persona().map(p -> " for persona '" + p + "'").orElse(""));
  }

  private static Refusal checkCapsOverAllChannels(ContactPolicy policy, Customer customer,
      List<Contact> contacts, Action action, Instant now) {
    for (Cap cap : policy.caps()) {
      if (cap.channel().isPresent() || cap.purpose().isPresent() || !holds(cap, customer)) {
        continue;
      }
      Refusal r;
      if (cap.topic().isPresent()) {
        String topic = cap.topic().get();
        if (!action.topic().equals(cap.topic())) {
          continue;
        }
        r = checkCap(cap, contacts, now, c -> c.purpose() == Purpose.MARKETING
            && c.topic().isPresent() && c.topic().get().equals(topic), "marketing",
            " on topic '" + topic + "'" + audience(cap));
      } else {
        r = checkCap(cap, contacts, now, c -> c.purpose() == Purpose.MARKETING, "marketing",
            audience(cap));
      }
      if (r != null) {
        return r;
      }
    }
    return null;
  }

  private static Refusal checkPurposeCaps(ContactPolicy policy, Customer customer,
      List<Contact> contacts, Action action, Instant now) {
    for (Cap cap : policy.caps()) {
      if (cap.purpose().isPresent() && cap.purpose().get() == action.purpose()
          && holds(cap, customer)) {
        Purpose purpose = cap.purpose().get();
        Refusal r = checkCap(cap, contacts, now, c -> c.purpose() == purpose,
            purpose.wireName(), audience(cap));
        if (r != null) {
          return r;
        }
      }
    }
    return null;
  }

  private static Refusal checkCap(Cap cap, List<Contact> contacts, Instant now,
      Predicate<Contact> counts, String purpose, String scope) {
    Instant from = now.minus(cap.window());
    List<Instant> times = null;
    for (Contact c : contacts) {
      if (c.at().isAfter(from) && !c.at().isAfter(now) && counts.test(c)) {
        if (times == null) {
          times = new ArrayList<>();
        }
        times.add(c.at());
      }
    }
    if (times == null || times.size() < cap.limit()) {
      return null;
    }
    Collections.sort(times);
    int n = times.size();
    // the count drops below the limit once the (n - limit + 1) oldest have left the window
    Instant retryAt = times.get(n - cap.limit()).plus(cap.window());
    return new Refusal(Reason.CAPPED, "capped: " + n + " " + purpose + " message"
        + (n == 1 ? "" : "s") + scope + " in the last " + cap.window() + ", limit "
        + cap.limit(), retryAt);
  }

  private static Refusal checkMinimumGap(ContactPolicy policy, List<Contact> contacts,
      Instant now) {
    if (policy.minimumGap().isEmpty()) {
      return null;
    }
    Duration gap = policy.minimumGap().get();
    Instant latest = latest(contacts, now, now.minus(gap),
        c -> c.purpose() == Purpose.MARKETING);
    if (latest == null) {
      return null;
    }
    return new Refusal(Reason.MIN_GAP, "minimum gap: last marketing message was sent "
        + Duration.between(latest, now) + " ago, gap " + gap, latest.plus(gap));
  }

  /** The latest matching contact sent after {@code from} and not after now, or null. */
  private static Instant latest(List<Contact> contacts, Instant now, Instant from,
      Predicate<Contact> matches) {
    Instant latest = null;
    for (Contact c : contacts) {
      Instant at = c.at();
      if (at.isAfter(from) && !at.isAfter(now) && (latest == null || at.isAfter(latest))
          && matches.test(c)) {
        latest = at;
      }
    }
    return latest;
  }

  private static Refusal checkQuietHours(ContactPolicy policy, Customer customer, Instant now) {
    Optional<QuietHours> own = customer.preferences().quietHours();
    if (policy.quietHours().isEmpty() && own.isEmpty()) {
      return null;
    }
    ZoneId zoneId = customer.preferences().timeZone().orElse(policy.defaultZone());
    // the common case, outside quiet hours, without building a zoned date-time
    // a fixed offset builds new rules on every getRules(): read it directly
    int offset = zoneId instanceof ZoneOffset fixed ? fixed.getTotalSeconds()
        : zoneId.getRules().getOffset(now).getTotalSeconds();
    int second = (int) Math.floorMod(now.getEpochSecond() + offset, 86_400L);
    if ((policy.quietHours().isEmpty() || !within(policy.quietHours().get(), second))
        && (own.isEmpty() || !within(own.get(), second))) {
      return null;
    }
    List<QuietHours> spans = new ArrayList<>(2);
    policy.quietHours().ifPresent(spans::add);
    own.ifPresent(spans::add);
    ZoneId zone = customer.preferences().timeZone().orElse(policy.defaultZone());
    ZonedDateTime local = now.atZone(zone);
    QuietHours active = active(spans, local.toLocalTime());
    if (active == null) {
      return null;
    }
    String whose = policy.quietHours().isPresent() && policy.quietHours().get().equals(active)
        ? "the policy's" : "the customer's";
    String where = "quiet hours: " + local.toLocalTime() + " in " + zone + " is within "
        + whose + " quiet hours " + active.start() + "-" + active.end();
    if (policy.quietHoursMode() == QuietHoursMode.DROP) {
      return new Refusal(Reason.QUIET_HOURS_DROPPED, where + "; dropped", null);
    }
    Instant t = now;
    for (int i = 0; i < MAX_QUIET_JUMPS; i++) {
      ZonedDateTime z = t.atZone(zone);
      QuietHours q = active(spans, z.toLocalTime());
      if (q == null) {
        return new Refusal(Reason.QUIET_HOURS_DEFERRED, where + "; deferred until " + t, t);
      }
      t = endOf(q, z);
    }
    StringBuilder all = new StringBuilder();
    for (QuietHours q : spans) {
      all.append(all.length() == 0 ? "" : " and ").append(q.start()).append('-').append(q.end());
    }
    return new Refusal(Reason.QUIET_HOURS_DROPPED, where + "; together the quiet hours " + all
        + " cover the whole day, so nothing can be deferred; dropped", null);
  }

  /** {@link QuietHours#contains} on a second of the day, without building a local time. */
  private static boolean within(QuietHours q, int second) {
    int start = q.start().toSecondOfDay();
    int end = q.end().toSecondOfDay();
    return start < end ? second >= start && second < end : second >= start || second < end;
  }

  private static QuietHours active(List<QuietHours> spans, LocalTime time) {
    for (QuietHours q : spans) {
      if (q.contains(time)) {
        return q;
      }
    }
    return null;
  }

  /** The first instant after {@code z} at which the quiet span containing it ends. */
  static Instant endOf(QuietHours span, ZonedDateTime z) {
    LocalDate date = z.toLocalTime().isBefore(span.end()) ? z.toLocalDate()
        : z.toLocalDate().plusDays(1);
    LocalDateTime end = LocalDateTime.of(date, span.end());
    ZoneRules rules = z.getZone().getRules();
    List<ZoneOffset> offsets = rules.getValidOffsets(end);
    if (offsets.isEmpty()) {
      // the end falls in a gap (clocks go forward): quiet ends when the gap does
      return rules.getTransition(end).getInstant();
    }
    // in an overlap (clocks go back) the end occurs twice: take the first one after z
    ZonedDateTime atEnd = ZonedDateTime.ofLocal(end, z.getZone(), offsets.get(0));
    if (!atEnd.toInstant().isAfter(z.toInstant())) {
      atEnd = atEnd.withLaterOffsetAtOverlap();
    }
    return atEnd.toInstant();
  }

  /** A refusal before it becomes a decision. */
  private static final class Refusal {
    final Reason reason;
    final String detail;
    final Instant retryAt;

    Refusal(Reason reason, String detail, Instant retryAt) {
      this.reason = reason;
      this.detail = detail;
      this.retryAt = retryAt;
    }

    GateDecision decision(Map<Channel, Reason> reasons, Channel on) {
      return GateDecision.refused(reason, detail, Optional.ofNullable(retryAt), reasons, on);
    }
  }

  /** The contacts that count: a fallback is the same message as its first attempt. */
  private static List<Contact> firstAttempts(List<Contact> contacts) {
    for (Contact c : contacts) {
      if (c.attempt() > 1) {
        List<Contact> first = new java.util.ArrayList<>(contacts.size());
        for (Contact k : contacts) {
          if (k.attempt() == 1) {
            first.add(k);
          }
        }
        return first;
      }
    }
    return contacts;
  }
}
