package dev.rapport.core.engine;

import dev.rapport.core.engine.Explanation;
import dev.rapport.core.engine.Journeys.Compiled;
import dev.rapport.core.engine.Journeys.Counters;
import dev.rapport.core.journey.DecideStep;
import dev.rapport.core.journey.JourneyStats;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.SplitStep;
import dev.rapport.core.journey.StepOutcome;
import dev.rapport.core.journey.StepRecord;
import dev.rapport.core.journey.StepStats;
import dev.rapport.core.measure.ArmResult;
import dev.rapport.core.measure.ExperimentResult;
import dev.rapport.core.policy.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What journeys report: each journey's funnel (counters read from the state store, summed over
 * its versions), its holdout and split experiments, and each enrollment's explanation.
 */
final class JourneyReports {
  private final Journeys journeys;
  private final StateStore store;

  JourneyReports(Journeys journeys, StateStore store) {
    this.journeys = journeys;
    this.store = store;
  }

  JourneyStats stats(String name) {
    TreeMap<Integer, Compiled> vs = journeys.versions(name);
    if (vs == null) {
      throw new IllegalArgumentException("journey '" + name + "' is not deployed; deployed: "
          + journeys.names());
    }
    long treated = 0;
    long heldOut = 0;
    long convTreated = 0;
    long convHeld = 0;
    long exited = 0;
    long completed = 0;
    List<StepStats> steps = new ArrayList<>();
    for (Compiled c : vs.values()) {
      Counters k = c.counters;
      treated += store.counter(k.treated);
      heldOut += store.counter(k.heldOut);
      convTreated += store.counter(k.convertedTreated);
      convHeld += store.counter(k.convertedHeldOut);
      exited += store.counter(k.exited);
      completed += store.counter(k.completed);
      for (JourneyProgram.Node n : c.program.nodes()) {
        Map<Reason, Long> refused = new EnumMap<>(Reason.class);
        for (Reason r : Reason.values()) {
          long v = store.counter(k.refused[n.index][r.ordinal()]);
          if (v > 0) {
            refused.put(r, v);
          }
        }
        steps.add(new StepStats(c.journey.version(), n.describe(),
            store.counter(k.arrived[n.index]), store.counter(k.sent[n.index]),
            store.counter(k.held[n.index]), Map.copyOf(refused),
            store.counter(k.waiting[n.index]), store.counter(k.timedOut[n.index]),
            store.counter(k.fallbacks[n.index])));
      }
    }
    return new JourneyStats(name, treated, heldOut, convTreated, convHeld, exited, completed,
        List.copyOf(steps));
  }

  /** The journey's holdout and split experiments, aggregated over its versions. */
  List<ExperimentResult> experiments(String name, long minSample) {
    TreeMap<Integer, Compiled> vs = journeys.versions(name);
    if (vs == null) {
      return List.of();
    }
    List<ExperimentResult> out = new ArrayList<>();
    long treated = 0;
    long heldOut = 0;
    long convTreated = 0;
    long convHeld = 0;
    Map<String, long[]> arms = new LinkedHashMap<>();
    Map<String, List<String>> splits = new LinkedHashMap<>();
    boolean hasHoldout = false;
    for (Compiled c : vs.values()) {
      hasHoldout |= c.journey.holdout() > 0;
      treated += store.counter(c.counters.treated);
      heldOut += store.counter(c.counters.heldOut);
      convTreated += store.counter(c.counters.convertedTreated);
      convHeld += store.counter(c.counters.convertedHeldOut);
      for (JourneyProgram.Node n : c.program.nodes()) {
        if (n.step instanceof SplitStep) {
          SplitStep sp = (SplitStep) n.step;
          for (SplitStep.Arm a : sp.arms()) {
            splits.computeIfAbsent(sp.name(), k -> new ArrayList<>());
            if (!splits.get(sp.name()).contains(a.name())) {
              splits.get(sp.name()).add(a.name());
            }
          }
        }
      }
      for (Map.Entry<String, List<String>> split : splits.entrySet()) {
        for (String arm : split.getValue()) {
          String armName = split.getKey() + "/" + arm;
          long[] sum = arms.computeIfAbsent(armName, x -> new long[2]);
          sum[0] += store.counter(c.counters.armEntered(armName));
          sum[1] += store.counter(c.counters.armConverted(armName));
        }
      }
    }
    if (hasHoldout) {
      out.add(ExperimentResult.of(name, "holdout",
          new ArmResult("holdout", heldOut, convHeld),
          new ArmResult("treated", treated, convTreated), List.of(), minSample));
    }
    splits.forEach((split, names) -> {
      List<ArmResult> results = new ArrayList<>();
      for (String arm : names) {
        long[] v = arms.getOrDefault(split + "/" + arm, new long[2]);
        results.add(new ArmResult(arm, v[0], v[1]));
      }
      if (results.size() >= 2) {
        out.add(ExperimentResult.of(name, split, results.get(0), results.get(1),
            results.subList(2, results.size()), minSample));
      }
    });
    return out;
  }

  Explanation.EnrollmentReport report(Enrollment e) {
    Compiled c = journeys.compiled(e.journey(), e.version());
    List<StepRecord> history = new ArrayList<>();
    for (long entry : e.history()) {
      history.add(decode(c, e, entry));
    }
    Optional<String> current = !e.isActive() || c == null ? Optional.empty()
        : e.position() >= 0 ? Optional.of(c.program.node(e.position()).describe())
        : Optional.of("past the last step, measuring the goal until its window ends");
    return new Explanation.EnrollmentReport(e.journey(), e.version(), e.sequence(), e.status(),
        e.holdout(), e.enteredAt(), e.endedAt(), current, e.dueAt(), e.exitReason(),
        List.copyOf(history));
  }

  private StepRecord decode(Compiled c, Enrollment e, long entry) {
    Instant at = Instant.ofEpochSecond(entry >>> 30);
    int node = (int) ((entry >>> 18) & 0xFFF) - 1;
    StepOutcome outcome = StepOutcome.values()[(int) ((entry >>> 12) & 0x3F)];
    int detail = (int) (entry & 0xFFF);
    JourneyProgram.Node n = c != null && node >= 0 ? c.program.node(node) : null;
    String step = n != null ? n.describe() : e.journey();
    String text = "";
    if (detail != History.NO_DETAIL) {
      switch (outcome) {
        case SENT:
        case FALLBACK_SENT:
        case DISPATCH_FAILED:
          if (n != null && !(n.step instanceof DecideStep)) {
            text = History.sendText(n.step, detail);
          } else if (n != null) {
            List<String> names = new ArrayList<>(((DecideStep) n.step).ruleSet().actions()
                .keySet());
            text = detail < names.size() ? "action " + names.get(detail) : "";
          }
          break;
        case REFUSED:
        case DEFERRED:
        case FALLBACK_REFUSED:
          text = Reason.values()[detail].name();
          break;
        case BRANCHED:
          text = "branch " + (detail + 1);
          break;
        case SPLIT:
          text = n != null ? "arm " + ((SplitStep) n.step).arms().get(detail).name() : "";
          break;
        case EXITED:
          text = e.exitReason().orElse("");
          break;
        case SCHEDULED:
          text = "for " + at.truncatedTo(java.time.temporal.ChronoUnit.HOURS)
              .plus(java.time.Duration.ofHours(detail & 0x3FF)) + ", the customer's best hour "
              + "(from " + dev.rapport.core.SendTimes.Basis.values()[detail >>> 10].describe()
              + ")";
          break;
        default:
          break;
      }
    } else if (outcome == StepOutcome.FALLBACK_REFUSED) {
      text = "no channel left";
    }
    return new StepRecord(at, step, outcome, text);
  }
}
