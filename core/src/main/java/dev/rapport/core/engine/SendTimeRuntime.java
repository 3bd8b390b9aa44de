package dev.rapport.core.engine;

import dev.rapport.core.Action;
import dev.rapport.core.Customer;
import dev.rapport.core.Event;
import dev.rapport.core.SendTimes;
import dev.rapport.core.measure.Revenue;
import dev.rapport.core.policy.ContactPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The engine's send-time optimisation: the population's responses per hour of the week, and the
 * choice of a customer's send time within a window.
 *
 * <p>Design note. The population's counts are a store series ({@code sendtime/population}, one
 * bucket per hour of the week, in each customer's own zone), added to in the call's transaction
 * for every response or purchase, so that they survive restarts and are shared by the engines
 * of a store. A customer's own counts are read from the history the record keeps of the same
 * event types. The choice ranks the starts of the hours within the window (and now) by the
 * weight of their hour of the week, and takes the first one the gate would allow at that time,
 * as the customer's contacts stand: so a chosen hour is never in quiet hours nor over a cap that
 * is already reached. Ties go to the earliest, so the choice is deterministic.
 */
final class SendTimeRuntime {
  /** No send-time optimisation. */
  static final SendTimeRuntime NONE = new SendTimeRuntime(null, null, null, null);

  private static final String POPULATION = "sendtime/population";

  private final SendTimes model;
  private final ContactPolicy policy;
  private final Set<String> types;
  private final StateStore store;

  SendTimeRuntime(SendTimes model, Revenue revenue, ContactPolicy policy, StateStore store) {
    this.model = model;
    this.policy = policy;
    this.store = store;
    Set<String> t = new HashSet<>();
    if (model != null) {
      t.addAll(model.responses());
      if (revenue != null) {
        t.addAll(revenue.eventTypes());
      }
    }
    this.types = Set.copyOf(t);
  }

  boolean enabled() {
    return model != null;
  }

  /** Whether a call's events teach the population's counts. */
  boolean observes(Txn t) {
    if (model == null) {
      return false;
    }
    for (int i = 0; i < t.processed.size(); i++) {
      if (types.contains(t.processed.get(i).type())) {
        return true;
      }
    }
    return false;
  }

  /** Adds the call's responses to the population's counts, in the customer's zone. */
  void observe(Txn t, List<String> cellKeys, List<StateStore.Cell> cells) {
    ZoneId zone = zone(t.view());
    for (int i = 0; i < t.processed.size(); i++) {
      Event e = t.processed.get(i);
      if (types.contains(e.type())) {
        cellKeys.add(POPULATION);
        cells.add(new StateStore.Cell(SendTimes.hourOfWeek(e.time(), zone), 0, 0, 1, 0));
      }
    }
  }

  /** The population's responses per hour of the week. */
  long[] population() {
    long[] counts = new long[SendTimes.HOURS];
    for (StateStore.Cell c : store.series(POPULATION)) {
      if (c.bucket() >= 0 && c.bucket() < SendTimes.HOURS) {
        counts[(int) c.bucket()] += c.den();
      }
    }
    return counts;
  }

  private ZoneId zone(Customer c) {
    return c.preferences().timeZone().orElse(policy.defaultZone());
  }

  /**
   * The chosen send time of an action for a customer: now or the start of an hour up to the
   * deadline, the best the gate would allow, with its hour, its basis and how many responses of
   * the customer the model saw. When the gate would allow none, now (the gate then says why).
   */
  Choice choose(Customer c, List<Contact> contacts, Action action, Instant now,
      Instant deadline) {
    ZoneId zone = zone(c);
    List<Instant> own = new ArrayList<>();
    for (String type : types) {
      for (Event e : c.history(type)) {
        own.add(e.time());
      }
    }
    long[] counts = SendTimes.histogram(own, zone);
    double[] w = model.weights(counts, population());
    SendTimes.Basis basis = model.basisOf(own.size());
    List<Instant> candidates = new ArrayList<>();
    candidates.add(now);
    Instant hour = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    while (!hour.isAfter(deadline)) {
      candidates.add(hour);
      hour = hour.plus(Duration.ofHours(1));
    }
    // best weight first, the earliest on a tie (a stable sort keeps the time order)
    candidates.sort((a, b) -> Double.compare(w[SendTimes.hourOfWeek(b, zone)],
        w[SendTimes.hourOfWeek(a, zone)]));
    for (Instant at : candidates) {
      GateDecision g = Gate.evaluate(policy, c, contacts, action, at, Set.of(), false,
          Optional.empty());
      if (g.isAllowed()) {
        return new Choice(at, SendTimes.hourOfWeek(at, zone), basis, own.size(), zone);
      }
    }
    return new Choice(now, SendTimes.hourOfWeek(now, zone), basis, own.size(), zone);
  }

  /**
   * A chosen send time.
   *
   * @param at when
   * @param hourOfWeek its hour of the week in the customer's zone
   * @param basis what the choice rests on
   * @param responses the customer's responses the model saw
   * @param zone the customer's zone
   */
  record Choice(Instant at, int hourOfWeek, SendTimes.Basis basis, int responses, ZoneId zone) {
    /** The reason, in words. */
    String reason() {
      String where = zone.normalized().equals(java.time.ZoneOffset.UTC) ? "UTC" : zone.getId();
      return "the customer's best hour, " + SendTimes.label(hourOfWeek) + " in " + where
          + ", from " + basis.describe() + " (" + responses + " seen)";
    }

    /**
     * The detail a journey's history keeps: the basis and the whole hours from the start of
     * the current hour to the chosen one (at most 42 days), in twelve bits.
     */
    int detail(Instant now) {
      long hours = Duration.between(now.truncatedTo(ChronoUnit.HOURS), at).toHours();
      return basis.ordinal() << 10 | (int) Math.min(hours, 1023);
    }
  }
}
