package dev.rapport.core.engine.hostile;

import dev.rapport.core.Channel;
import dev.rapport.core.Consent;
import dev.rapport.core.Customer;
import dev.rapport.core.EngagementLevel;
import dev.rapport.core.Event;
import dev.rapport.core.LifecycleStage;
import dev.rapport.core.Preferences;
import dev.rapport.core.Purpose;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.EngineStatistics;
import dev.rapport.core.engine.Explanation;
import dev.rapport.core.measure.Dashboard;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything a host can observe of an engine through its public API: each customer's view, each
 * explanation, the statistics, the dashboard, the dispatches handed over and the engine's time.
 * Two snapshots are equal when nothing observable changed between them.
 *
 * @param customers each watched customer's view, empty when the engine holds nothing
 * @param explanations each watched customer's explanation
 * @param statistics the engine's counters
 * @param dashboard the dashboard's numbers
 * @param dispatches what the dispatcher was handed
 * @param now the engine's time
 */
record Observed(Map<String, Optional<View>> customers, Map<String, Explanation> explanations,
    EngineStatistics statistics, Dashboard dashboard, List<Dispatch> dispatches, Instant now) {

  /** Takes a snapshot of an engine, watching some customers and one outbox. */
  static Observed of(Engine engine, List<String> customerIds, Outbox outbox,
      Channel... customChannels) {
    Map<String, Optional<View>> views = new LinkedHashMap<>();
    Map<String, Explanation> explanations = new LinkedHashMap<>();
    for (String id : customerIds) {
      views.put(id, engine.customer(id).map(c -> View.of(c, customChannels)));
      explanations.put(id, engine.explain(id));
    }
    return new Observed(views, explanations, engine.statistics(), engine.dashboard(),
        outbox.handedOver(), engine.now());
  }

  /**
   * A customer's view, read whole through {@link Customer}'s methods.
   *
   * @param traits the traits
   * @param history every kept event, by type
   * @param counts the count of each type
   * @param first the time of each type's first event
   * @param last the time of each type's last event
   * @param moments the moments reached, with their times
   * @param personas the personas
   * @param segments the segments
   * @param consents the consent on each known channel for each purpose
   * @param preferences the preferences
   * @param engagement the engagement level
   * @param stage the lifecycle stage
   */
  record View(Map<String, Object> traits, Map<String, List<Event>> history,
      Map<String, Long> counts, Map<String, Optional<Instant>> first,
      Map<String, Optional<Instant>> last, Map<String, Instant> moments, Set<String> personas,
      Set<String> segments, Map<String, Consent> consents, Preferences preferences,
      EngagementLevel engagement, LifecycleStage stage) {

    static View of(Customer c, Channel... customChannels) {
      Map<String, List<Event>> history = new TreeMap<>();
      Map<String, Long> counts = new TreeMap<>();
      Map<String, Optional<Instant>> first = new TreeMap<>();
      Map<String, Optional<Instant>> last = new TreeMap<>();
      for (String type : c.eventTypes()) {
        history.put(type, List.copyOf(c.history(type)));
        counts.put(type, c.count(type));
        first.put(type, c.first(type));
        last.put(type, c.last(type));
      }
      Map<String, Consent> consents = new TreeMap<>();
      List<Channel> channels = new ArrayList<>(Channel.standard());
      channels.addAll(List.of(customChannels));
      for (Channel ch : channels) {
        for (Purpose p : Purpose.values()) {
          consents.put(ch.name() + "/" + p.wireName(), c.consent(ch, p));
        }
      }
      return new View(Map.copyOf(c.traits().asMap()), history, counts, first, last,
          Map.copyOf(c.moments()), Set.copyOf(c.personas()), Set.copyOf(c.segments()), consents,
          c.preferences(), c.engagement(), c.stage());
    }
  }
}
