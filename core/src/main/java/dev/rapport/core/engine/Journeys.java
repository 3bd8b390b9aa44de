package dev.rapport.core.engine;

import dev.rapport.core.Action;
import dev.rapport.core.journey.DecideStep;
import dev.rapport.core.journey.ExitCriterion;
import dev.rapport.core.journey.Goal;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.policy.Reason;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The journeys an engine runs: every version ever deployed, each compiled to a program with the
 * keys of its counters, the journeys each event type can start, and every action they may send.
 *
 * <p>The registry is replaced whole on deploy (copy on write), so that calls read it without a
 * lock; an enrollment keeps the version it entered with, which stays here.
 */
final class Journeys {
  private static final int MAX_NODES = 4000;

  /** One deployed version of a journey, with its compiled steps and counters. */
  static final class Compiled {
    final Journey journey;
    final JourneyProgram program;
    final Counters counters;

    /** The goal's moment, or null: read before every step. */
    final String goalMoment;
    /** Whether any exit criterion is a condition, to test before every step. */
    final boolean conditionExits;
    /** The goal, or null; and each exit criterion's event type (null for a condition). */
    final Goal goal;
    final ExitCriterion[] exits;
    final String[] exitTypes;
    /** The properties of the enrolling event that the journey's keyed waits read. */
    final String[] entryKeys;
    /** The journey's name, as a dispatch carries it. */
    final Optional<String> journeyName;
    /** What a failed branch condition or exit condition is reported as, built once. */
    final String stepKind;
    final String exitKind;
    /** Each exit criterion's description, built once (it is read on every event). */
    final String[] exitDescriptions;

    Compiled(Journey journey) {
      this.journey = journey;
      this.goal = journey.goal().orElse(null);
      this.exits = journey.exits().toArray(new ExitCriterion[0]);
      this.exitTypes = new String[exits.length];
      this.exitDescriptions = new String[exits.length];
      for (int i = 0; i < exits.length; i++) {
        exitTypes[i] = exits[i].eventType().orElse(null);
        exitDescriptions[i] = exits[i].describe();
      }
      this.journeyName = Optional.of(journey.name());
      this.stepKind = "journey '" + journey.name() + "' step";
      this.exitKind = "journey '" + journey.name() + "' exit";
      this.goalMoment = journey.goal().flatMap(Goal::moment).map(m -> m.name()).orElse(null);
      this.conditionExits = journey.exits().stream().anyMatch(x -> x.condition().isPresent());
      this.program = JourneyProgram.compile(journey.name(), journey.steps());
      if (program.size() > MAX_NODES) {
        throw new IllegalStateException("journey '" + journey.name() + "': has "
            + program.size() + " steps; split it into journeys of at most " + MAX_NODES);
      }
      this.counters = new Counters(journey.name(), journey.version(), program.size());
      java.util.Set<String> keys = new java.util.LinkedHashSet<>();
      for (int i = 0; i < program.size(); i++) {
        if (program.node(i).step instanceof dev.rapport.core.journey.WaitForStep w
            && w.key().isPresent() && w.keySource().isEmpty()) {
          keys.add(w.key().get());
        }
      }
      this.entryKeys = keys.toArray(new String[0]);
    }
  }

  /**
   * The keys of one journey version's counters in the state store: engine-wide numbers that
   * every engine sharing the store adds to.
   */
  static final class Counters {
    final String treated;
    final String heldOut;
    final String convertedTreated;
    final String convertedHeldOut;
    final String exited;
    final String completed;
    final String[] arrived;
    final String[] sent;
    final String[] held;
    final String[][] refused;
    final String[] waiting;
    final String[] timedOut;
    final String[] fallbacks;
    private final String prefix;

    Counters(String journey, int version, int nodes) {
      prefix = "journey/" + journey + "/v" + version + "/";
      treated = prefix + "treated";
      heldOut = prefix + "held-out";
      convertedTreated = prefix + "converted-treated";
      convertedHeldOut = prefix + "converted-held-out";
      exited = prefix + "exited";
      completed = prefix + "completed";
      arrived = keys(nodes, "arrived");
      sent = keys(nodes, "sent");
      held = keys(nodes, "held");
      waiting = keys(nodes, "waiting");
      timedOut = keys(nodes, "timed-out");
      fallbacks = keys(nodes, "fallbacks");
      refused = new String[nodes][];
      for (int i = 0; i < nodes; i++) {
        refused[i] = new String[Reason.values().length];
        for (Reason r : Reason.values()) {
          refused[i][r.ordinal()] = prefix + "step/" + i + "/refused/" + r.name();
        }
      }
    }

    private String[] keys(int nodes, String what) {
      String[] k = new String[nodes];
      for (int i = 0; i < nodes; i++) {
        k[i] = prefix + "step/" + i + "/" + what;
      }
      return k;
    }

    /** The key of a split arm's entries, built when a customer enters it (not per event). */
    String armEntered(String arm) {
      return prefix + "arm/" + arm + "/entered";
    }

    String armConverted(String arm) {
      return prefix + "arm/" + arm + "/converted";
    }
  }

  /** name -> version -> compiled; replaced whole on deploy. */
  private volatile Map<String, TreeMap<Integer, Compiled>> versions;

  /** event type -> the latest version of every journey it can start. */
  private volatile Map<String, List<Compiled>> byTrigger;

  private volatile Map<String, Action> actions;

  Journeys(Collection<Journey> journeys, Map<String, Action> otherActions) {
    this.versions = Map.of();
    this.byTrigger = Map.of();
    this.actions = Map.copyOf(otherActions);
    for (Journey j : journeys) {
      deploy(j);
    }
  }

  synchronized void deploy(Journey journey) {
    Map<String, TreeMap<Integer, Compiled>> next = new HashMap<>();
    versions.forEach((k, v) -> next.put(k, new TreeMap<>(v)));
    TreeMap<Integer, Compiled> ofName = next.computeIfAbsent(journey.name(), k -> new TreeMap<>());
    Compiled existing = ofName.get(journey.version());
    if (existing != null) {
      if (existing.journey == journey) {
        return;
      }
      throw new IllegalStateException("journey '" + journey.name() + "': version "
          + journey.version() + " is already deployed; give the new definition a new version "
          + "with version(" + (ofName.lastKey() + 1) + ")");
    }
    Compiled compiled = new Compiled(journey);
    ofName.put(journey.version(), compiled);
    Map<String, List<Compiled>> triggers = new HashMap<>();
    Map<String, Action> allActions = new LinkedHashMap<>(actions);
    for (TreeMap<Integer, Compiled> vs : next.values()) {
      Compiled latest = vs.lastEntry().getValue();
      triggers.computeIfAbsent(latest.journey.trigger().eventType(), k -> new ArrayList<>())
          .add(latest);
      for (Compiled c : vs.values()) {
        c.journey.actions().forEach(allActions::putIfAbsent);
        for (JourneyProgram.Node n : c.program.nodes()) {
          if (n.step instanceof DecideStep) {
            ((DecideStep) n.step).ruleSet().actions().forEach(allActions::putIfAbsent);
          }
        }
      }
    }
    triggers.values().forEach(l -> l.sort((a, b) -> a.journey.name().compareTo(b.journey.name())));
    this.versions = next;
    this.byTrigger = triggers;
    this.actions = allActions;
  }

  Compiled compiled(String name, int version) {
    TreeMap<Integer, Compiled> vs = versions.get(name);
    return vs == null ? null : vs.get(version);
  }

  Collection<Compiled> latestVersions() {
    List<Compiled> out = new ArrayList<>();
    versions.values().forEach(v -> out.add(v.lastEntry().getValue()));
    return out;
  }

  /** Every version of a journey, by version; null if the journey is unknown. */
  TreeMap<Integer, Compiled> versions(String name) {
    return versions.get(name);
  }

  /** The names of every journey deployed, sorted. */
  java.util.Set<String> names() {
    return new java.util.TreeSet<>(versions.keySet());
  }

  /** The journeys of an event type: the latest version of each it can start. */
  List<Compiled> triggeredBy(String eventType) {
    return byTrigger.get(eventType);
  }

  /** Every action the engine's journeys (any version) and rule sets may send, by name. */
  Action action(String name) {
    return actions.get(name);
  }
}
