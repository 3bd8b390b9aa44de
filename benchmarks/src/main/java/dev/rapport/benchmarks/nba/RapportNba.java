package dev.rapport.benchmarks.nba;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.GRANTED;
import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.MARKETING;
import static dev.rapport.dsl.Rapport.SMS;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.contactPolicy;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.profile;
import static dev.rapport.dsl.Rapport.rules;
import static dev.rapport.dsl.Rapport.segment;

import dev.rapport.core.Action;
import dev.rapport.core.Profile;
import dev.rapport.core.Segment;
import dev.rapport.core.TraitKey;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.Recommendation;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.dsl.RuleSetStep;
import dev.rapport.dsl.RuleStep;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The workload in Rapport: segments defined on a trait, the rules with {@code whenDone}, {@code
 * when}, {@code whenIn}, {@code recommend}, {@code because}, {@code weight} and {@code value},
 * a contact policy, and customers given an email address, consent to email marketing, their
 * plan and segment traits and their events. Decisions go through the gate.
 */
public final class RapportNba {
  /** The time the workload's decisions are made at: noon, outside any quiet hours. */
  public static final Instant NOON = Instant.parse("2026-03-02T12:00:00Z");

  /** The plan trait. */
  public static final TraitKey<String> PLAN = TraitKey.of("plan", String.class);

  /** The trait that says which segment the host put the customer in. */
  public static final TraitKey<String> SEGMENT = TraitKey.of("segment", String.class);

  private RapportNba() {}

  /**
   * Returns a clock that ticks like the system's but starts at {@link #NOON}, so that decisions
   * have distinct times (as in production) and never fall in quiet hours.
   *
   * @return the clock
   */
  public static Clock clock() {
    return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), NOON));
  }

  /**
   * Returns the contact policy: three marketing messages a week, one SMS a day, two per topic a
   * week, quiet hours from 21:00 to 08:00.
   *
   * @return the policy
   */
  public static ContactPolicy policy() {
    return contactPolicy()
        .atMost(3).per(Duration.ofDays(7))
        .atMost(1).per(Duration.ofDays(1)).on(SMS)
        .quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0))
        .build();
  }

  /**
   * Returns the segments of a workload: each holds the customers whose segment trait names it.
   *
   * @param w the workload
   * @return the segments by name
   */
  public static Map<String, Segment> segments(Workload w) {
    Map<String, Segment> out = new HashMap<>();
    for (String name : w.segments()) {
      out.put(name, segment(name).matching(c -> name.equals(c.trait(SEGMENT).orElse(null)))
          .build());
    }
    return out;
  }

  /**
   * Returns the workload's rules as a Rapport rule set.
   *
   * @param w the workload
   * @param segments its segments
   * @return the rule set
   */
  public static RuleSet ruleSet(Workload w, Map<String, Segment> segments) {
    Map<String, Action> actions = new HashMap<>();
    for (ActionSpec a : w.actions()) {
      actions.put(a.name(), a.inApp()
          ? action(a.name()).topic(a.topic()).via(IN_APP).orElse(EMAIL).build()
          : action(a.name()).topic(a.topic()).via(EMAIL).build());
    }
    RuleSetStep set = rules(w.name());
    for (RuleSpec spec : w.rules()) {
      String type = spec.eventType();
      int min = spec.minCount();
      RuleStep rule = set.rule(spec.name()).whenDone(type);
      if (min > 1) {
        rule = rule.when(c -> c.count(type) >= min);
      }
      String sku = spec.sku();
      if (sku != null) {
        rule = rule.whenDone(RuleSpec.PURCHASED, p -> sku.equals(p.get("sku")));
      }
      if (spec.segment() != null) {
        rule = rule.whenIn(segments.get(spec.segment()));
      }
      String plan = spec.plan();
      if (plan != null) {
        rule = rule.when(c -> plan.equals(c.trait(PLAN).orElse(null)));
      }
      set = rule.recommend(actions.get(spec.action().name()))
          .because(spec.reason())
          .weight(spec.weight())
          .value(spec.value());
    }
    return set.build();
  }

  /**
   * Returns an engine deciding with the workload's rules.
   *
   * @param w the workload
   * @param clock the clock
   * @return the engine
   */
  public static Engine engine(Workload w, Clock clock) {
    Map<String, Segment> segments = segments(w);
    return Engine.builder()
        .clock(clock)
        .segments(segments.values().toArray(new Segment[0]))
        .rules(ruleSet(w, segments))
        .contactPolicy(policy())
        .dispatcher(d -> { })
        .build();
  }

  /**
   * Gives the engine a customer: email address, consent to email marketing, plan and segment
   * traits, then their events over the 30 days before {@link #NOON}.
   *
   * @param engine the engine
   * @param c the customer
   */
  public static void load(Engine engine, CustomerFact c) {
    String id = c.getId();
    Profile p = profile().set(EMAIL_ADDRESS, id + "@example.com")
        .consent(EMAIL, MARKETING, GRANTED, NOON.minus(Duration.ofDays(31)));
    if (c.getPlan() != null) {
      p = p.set(PLAN, c.getPlan());
    }
    if (c.getSegment() != null) {
      p = p.set(SEGMENT, c.getSegment());
    }
    engine.identify(id, p);
    Instant at = NOON.minus(Duration.ofDays(30));
    int n = 0;
    for (Map.Entry<String, Integer> e : c.behaviour().entrySet()) {
      for (int k = 0; k < e.getValue(); k++) {
        engine.track(event(id, e.getKey()).id(id + "-" + n++).at(at));
        at = at.plus(Duration.ofMinutes(37));
      }
    }
    for (String sku : c.purchases()) {
      engine.track(event(id, RuleSpec.PURCHASED).id(id + "-" + n++).with("sku", sku).at(at));
      at = at.plus(Duration.ofMinutes(37));
    }
  }

  /**
   * Returns the names of a decision's winners.
   *
   * @param d the decision
   * @return the action names, best first
   */
  public static List<String> winners(Decision d) {
    List<String> out = new ArrayList<>(d.winners().size());
    for (Recommendation r : d.winners()) {
      out.add(r.action().name());
    }
    return out;
  }
}
