package dev.rapport.core.engine;

import com.google.common.hash.Hashing;
import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Condition;
import dev.rapport.core.Customer;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.Placement;
import dev.rapport.core.decision.PropensityModel;
import dev.rapport.core.decision.Recommendation;
import dev.rapport.core.decision.Rejection;
import dev.rapport.core.decision.Requirement;
import dev.rapport.core.decision.Rule;
import dev.rapport.core.decision.RuleFailure;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.decision.Suitability;
import dev.rapport.core.engine.StateStore;
import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.core.policy.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Next-best-action arbitration: eligibility, suitability, priority, selection.
 *
 * <p>Design note. Rules are indexed by their declared {@link Requirement}s: each rule sits under
 * one of them, and a decision looks up only the keys the customer has (its event types, segments,
 * personas, moments), so a thousand rules about a thousand event types cost about as much as the
 * twenty the customer can match. Rules without requirements are always evaluated.
 *
 * <p>Suitability is the journeys' own gate ({@link Gate}), restricted to the placement's
 * channels, plus the rule set's suitability rules: one decision path for every message. Priority
 * is the product of propensity, context weight, value and lever; ties go to the action's name so
 * that the same inputs give the same order.
 */
final class Arbiter {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Arbiter.class);
  private static final int MAX_IMPRESSIONS = 32;
  private static final Duration IMPRESSION_TTL = Duration.ofDays(30);

  /** A rule set with its index. */
  static final class Compiled {
    final RuleSet ruleSet;
    final int[] always;
    final boolean indexed;
    /** Per kind of requirement, the rules filed under each name. */
    final Map<Requirement.Kind, Map<String, int[]>> index;

    /** Per rule, its requirements, conditions and unless conditions, as arrays. */
    final Requirement[][] requirements;
    final Condition[][] conditions;
    final Condition[][] unless;

    Compiled(RuleSet ruleSet) {
      this.ruleSet = ruleSet;
      int n = ruleSet.rules().size();
      requirements = new Requirement[n][];
      conditions = new Condition[n][];
      unless = new Condition[n][];
      for (int i = 0; i < n; i++) {
        Rule r = ruleSet.rules().get(i);
        requirements[i] = r.requirements().toArray(new Requirement[0]);
        conditions[i] = r.conditions().toArray(new Condition[0]);
        unless[i] = r.unless().toArray(new Condition[0]);
      }
      List<Integer> free = new ArrayList<>();
      Map<Requirement, List<Integer>> byKey = new HashMap<>();
      List<Rule> rules = ruleSet.rules();
      for (int i = 0; i < rules.size(); i++) {
        Set<Requirement> reqs = rules.get(i).requirements();
        if (reqs.isEmpty()) {
          free.add(i);
        } else {
          // any one requirement will do: the others are checked when the rule is looked up
          Requirement key = reqs.stream()
              .min((a, b) -> (a.kind() + a.name()).compareTo(b.kind() + b.name())).orElseThrow();
          byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
      }
      this.always = free.stream().mapToInt(Integer::intValue).toArray();
      Map<Requirement.Kind, Map<String, int[]>> idx = new java.util.EnumMap<>(
          Requirement.Kind.class);
      for (Requirement.Kind k : Requirement.Kind.values()) {
        idx.put(k, new HashMap<>());
      }
      byKey.forEach((k, v) -> idx.get(k.kind()).put(k.name(),
          v.stream().mapToInt(Integer::intValue).toArray()));
      this.index = idx;
      this.indexed = !byKey.isEmpty();
    }
  }

  private final MetricsRuntime metrics;
  private final ContactPolicy policy;
  private final PropensityModel model;
  private final StateStore store;
  private final long seed;
  private final boolean strict;
  private final Map<RuleSet, Compiled> compiled = new ConcurrentHashMap<>();
  private final List<Compiled> engineRuleSets;
  private final Map<String, Compiled> byName;

  Arbiter(MetricsRuntime metrics, ContactPolicy policy, PropensityModel model, StateStore store, long seed,
      boolean strict, List<RuleSet> ruleSets) {
    this.metrics = metrics;
    this.policy = policy;
    this.model = model;
    this.store = store;
    this.seed = seed;
    this.strict = strict;
    List<Compiled> list = new ArrayList<>();
    for (RuleSet rs : ruleSets) {
      list.add(compiled(rs));
    }
    this.engineRuleSets = List.copyOf(list);
    Map<String, Compiled> names = new HashMap<>();
    for (Compiled c : list) {
      names.put(c.ruleSet.name(), c);
    }
    this.byName = Map.copyOf(names);
  }

  Compiled compiled(RuleSet rs) {
    return compiled.computeIfAbsent(rs, Compiled::new);
  }

  List<Compiled> engineRuleSets() {
    return engineRuleSets;
  }

  /** A candidate action and the rules that proposed it. */
  private static final class Candidate {
    final Action action;
    final String ruleSet;
    final List<Rule> rules = new ArrayList<>(2);
    /** Every proposing rule set's suitability rules: any of them can block the action. */
    List<Suitability> suitability = List.of();
    /** The proposing rule sets, the first one's name aside. */
    List<String> moreRuleSets = List.of();
    Rule best;
    double bestFactor = -1;
    /** The channel the gate allowed, once suitability passed. */
    Channel channel;

    Candidate(Action action, String ruleSet) {
      this.action = action;
      this.ruleSet = ruleSet;
    }

    void from(RuleSet rs) {
      if (rs.name().equals(ruleSet) ? !suitability.isEmpty() || rules.size() > 0
          : moreRuleSets.contains(rs.name())) {
        return; // this rule set's suitability rules are already in
      }
      if (!rs.name().equals(ruleSet)) {
        List<String> more = new ArrayList<>(moreRuleSets);
        more.add(rs.name());
        moreRuleSets = more;
      }
      if (!rs.suitability().isEmpty()) {
        List<Suitability> all = new ArrayList<>(suitability);
        all.addAll(rs.suitability());
        suitability = all;
      }
    }

    void add(Rule r) {
      rules.add(r);
      double f = r.weight() * r.valueOr(action.value()) * r.lever();
      if (f > bestFactor) {
        bestFactor = f;
        best = r;
      }
    }

    List<String> ruleNames() {
      List<String> out = new ArrayList<>(rules.size());
      out.add(best.name());
      for (Rule r : rules) {
        if (r != best) {
          out.add(r.name());
        }
      }
      return out;
    }

    List<String> reasons() {
      List<String> out = new ArrayList<>(rules.size());
      out.add(best.reason());
      for (Rule r : rules) {
        if (r != best) {
          out.add(r.reason());
        }
      }
      return out;
    }
  }

  /** A scored, suitable candidate. */
  private static final class Scored {
    final Candidate candidate;
    final Channel channel;
    final PropensityModel.Estimate estimate;
    final double score;

    Scored(Candidate candidate, Channel channel, PropensityModel.Estimate estimate,
        double score) {
      this.candidate = candidate;
      this.channel = channel;
      this.estimate = estimate;
      this.score = score;
    }
  }

  /** Decides for a journey's decide step, recording the impressions like any decision. */
  Decision decideInJourney(Txn t, RuleSet ruleSet, Placement placement) {
    t.decisions++;
    return decide(t, List.of(compiled(ruleSet)), placement, true);
  }

  /**
   * Decides for the customer of a transaction. When {@code record} is set, the winners are
   * recorded as impressions in the state and the model observes them once the call commits.
   */
  Decision decide(Txn t, List<Compiled> ruleSets, Placement placement, boolean record) {
    return decide(t, ruleSets, placement, record, false);
  }

  /**
   * Decides; when {@code sending}, every winner after the first passes the gate again as if the
   * winners before it had been sent, so that one decision never sends more than the caps, the
   * minimum gap and the cooldowns allow.
   */
  Decision decide(Txn t, List<Compiled> ruleSets, Placement placement, boolean record,
      boolean sending) {
    Customer view = t.view();
    List<RuleFailure> failures = new ArrayList<>(0);
    Map<String, Candidate> candidates = new LinkedHashMap<>();
    for (Compiled c : ruleSets) {
      eligible(t, c, view, candidates, failures);
    }
    List<Rejection> rejected = new ArrayList<>();
    List<Scored> suitable = new ArrayList<>(candidates.size());
    for (Candidate cand : candidates.values()) {
      Rejection r = suitability(t, view, cand, placement, failures);
      if (r != null) {
        rejected.add(r);
        continue;
      }
      Channel channel = cand.channel; // the gate chose it in suitability
      PropensityModel.Estimate e;
      try {
        e = model.estimate(view, cand.action, context(t, placement, cand.action));
      } catch (RuntimeException ex) {
        if (strict) {
          throw new IllegalStateException("propensity model " + model.getClass().getName()
              + ": estimate for action '" + cand.action.name() + "' threw "
              + ex.getClass().getName() + " (strict mode); fix the model", ex);
        }
        t.modelFailures++;
        t.failed(dev.rapport.core.engine.Failure.Kind.PROPENSITY_MODEL,
            "propensity model estimate of action '" + cand.action.name() + "'", ex);
        modelFailed("scoring", cand.action, ex);
        rejected.add(new Rejection(cand.action.name(), Reason.MODEL_FAILED, "the propensity "
            + "model threw " + ex.getClass().getName() + " while scoring it",
            cand.ruleNames()));
        continue;
      }
      double score = e.propensity() * cand.best.weight()
          * cand.best.valueOr(cand.action.value()) * cand.best.lever();
      suitable.add(new Scored(cand, channel, e, score));
    }
    suitable.sort((a, b) -> {
      int c = Double.compare(b.score, a.score);
      return c != 0 ? c : a.candidate.action.name().compareTo(b.candidate.action.name());
    });
    List<Recommendation> winners = new ArrayList<>(placement.take());
    Set<String> topics = new HashSet<>();
    List<Impression> impressions = new ArrayList<>(placement.take());
    List<Contact> sent = sending ? new ArrayList<>(t.rec.contacts()) : List.of();
    for (Scored s : suitable) {
      Action a = s.candidate.action;
      Optional<String> topic = a.topic();
      if (topic.isPresent() && topics.contains(topic.get())) {
        rejected.add(new Rejection(a.name(), Reason.TOPIC_TAKEN, "a better-scored action of "
            + "topic '" + topic.get() + "' won", s.candidate.ruleNames()));
        continue;
      }
      if (winners.size() >= placement.take()) {
        rejected.add(new Rejection(a.name(), Reason.BELOW_CUTOFF, "placement '"
            + placement.name() + "' takes " + placement.take() + "; score "
            + String.format(java.util.Locale.ROOT, "%.4f", s.score), s.candidate.ruleNames()));
        continue;
      }
      Channel channel = s.channel;
      if (sending && !winners.isEmpty()) {
        MetricsRuntime.Pause pause = metrics.pause(Optional.empty(), a, t.now);
        GateDecision again = Gate.evaluate(policy, view, sent, a, t.now,
            pause.exclude(excludedFor(a, placement)), false, pause.reason());
        if (!again.isAllowed()) {
          rejected.add(new Rejection(a.name(), again.reason().orElseThrow(), again.detail()
              + " (counting the winners before it)", s.candidate.ruleNames()));
          continue;
        }
        channel = again.channel().orElseThrow();
      }
      if (sending) {
        sent.add(new Contact(t.now, a.name(), channel, a.topic(), a.purpose()));
      }
      topic.ifPresent(topics::add);
      String impressionId = impressionId(t, placement, a, impressions);
      winners.add(new Recommendation(a, channel, s.score, s.estimate.propensity(),
          s.candidate.best.weight(), s.candidate.best.valueOr(a.value()),
          s.candidate.best.lever(), s.candidate.ruleNames(), s.candidate.reasons(),
          impressionId, s.estimate.note()));
      impressions.add(new Impression(impressionId, a.name(), s.candidate.ruleSet,
          placement.name(), s.estimate.group(), t.now, false));
    }
    if (record && !impressions.isEmpty()) {
      recordImpressions(t, placement, impressions);
    }
    return new Decision(t.id, t.now, placement, List.copyOf(winners), List.copyOf(rejected),
        List.copyOf(failures));
  }

  private void eligible(Txn t, Compiled c, Customer view, Map<String, Candidate> candidates,
      List<RuleFailure> failures) {
    List<Rule> rules = c.ruleSet.rules();
    int[] hits = c.always;
    if (c.indexed) {
      hits = indexed(c, view);
    }
    for (int i : hits) {
      Rule r = rules.get(i);
      if (matches(t, c, i, view, failures)) {
        Candidate cand = candidates.computeIfAbsent(r.action().name(),
            k -> new Candidate(r.action(), c.ruleSet.name()));
        cand.from(c.ruleSet);
        cand.add(r);
      }
    }
  }

  /** The rules to evaluate: the free ones and those under a key the customer has, in order. */
  private static int[] indexed(Compiled c, Customer view) {
    Hits hits = new Hits(c.always);
    lookUp(hits, c.index.get(Requirement.Kind.EVENT), view.eventTypes());
    lookUp(hits, c.index.get(Requirement.Kind.SEGMENT), view.segments());
    lookUp(hits, c.index.get(Requirement.Kind.PERSONA), view.personas());
    lookUp(hits, c.index.get(Requirement.Kind.MOMENT), view.moments().keySet());
    return hits.sorted();
  }

  private static void lookUp(Hits hits, Map<String, int[]> index, Set<String> keys) {
    if (index.isEmpty()) {
      return;
    }
    for (String k : keys) {
      hits.add(index.get(k));
    }
  }

  /** A growing array of rule indices. */
  private static final class Hits {
    private int[] items;
    private int size;

    Hits(int[] start) {
      items = Arrays.copyOf(start, start.length + 16);
      size = start.length;
    }

    void add(int[] more) {
      if (more == null) {
        return;
      }
      if (size + more.length > items.length) {
        items = Arrays.copyOf(items, Math.max(items.length * 2, size + more.length));
      }
      System.arraycopy(more, 0, items, size, more.length);
      size += more.length;
    }

    int[] sorted() {
      int[] out = Arrays.copyOf(items, size);
      Arrays.sort(out);
      return out;
    }
  }

  private boolean matches(Txn t, Compiled compiled, int i, Customer view,
      List<RuleFailure> failures) {
    RuleSet rs = compiled.ruleSet;
    Rule r = rs.rules().get(i);
    try {
      for (Requirement req : compiled.requirements[i]) {
        if (!req.isMetBy(view)) {
          return false;
        }
      }
      for (Condition c : compiled.conditions[i]) {
        if (!c.test(view)) {
          return false;
        }
      }
      for (Condition c : compiled.unless[i]) {
        if (c.test(view)) {
          return false;
        }
      }
      return true;
    } catch (RuntimeException ex) {
      if (strict) {
        throw new IllegalStateException("rule set '" + rs.name() + "', rule '" + r.name()
            + "': its condition threw " + ex.getClass().getName() + " (strict mode); fix the "
            + "condition", ex);
      }
      failures.add(new RuleFailure(rs.name(), r.name(), ex.getClass().getName()));
      t.ruleFailures++;
      t.failed(dev.rapport.core.engine.Failure.Kind.RULE, "rule set '" + rs.name() + "', rule '"
          + r.name() + "'", ex);
      return false;
    }
  }

  private Rejection suitability(Txn t, Customer view, Candidate cand, Placement placement,
      List<RuleFailure> failures) {
    Action a = cand.action;
    for (Suitability s : cand.suitability) {
      if (s.appliesTo(a)) {
        boolean blocked;
        try {
          blocked = s.blocks(view);
        } catch (RuntimeException ex) {
          if (strict) {
            throw new IllegalStateException("rule set '" + cand.ruleSet + "', suitability '"
                + s.describe() + "': its condition threw " + ex.getClass().getName()
                + " (strict mode)", ex);
          }
          t.ruleFailures++;
          t.failed(dev.rapport.core.engine.Failure.Kind.RULE, "rule set '" + cand.ruleSet
              + "', suitability '" + s.describe() + "'", ex);
          failures.add(new RuleFailure(cand.ruleSet, "suitability: " + s.describe(),
              ex.getClass().getName()));
          // when in doubt, do not send; and say that the rule failed, not that it held
          return new Rejection(a.name(), Reason.UNSUITABLE, s.describe() + " (its condition "
              + "threw " + ex.getClass().getName() + ")", cand.ruleNames());
        }
        if (blocked) {
          return new Rejection(a.name(), Reason.UNSUITABLE, s.describe(), cand.ruleNames());
        }
      }
    }
    boolean carried = false;
    for (Channel c : a.channels()) {
      carried |= placement.carries(c);
    }
    if (!carried) {
      return new Rejection(a.name(), Reason.NOT_ON_PLACEMENT, "placement '" + placement.name()
          + "' carries " + placement.channels() + ", the action " + a.channels(),
          cand.ruleNames());
    }
    GateDecision g = gate(t, view, a, placement);
    if (!g.isAllowed()) {
      return new Rejection(a.name(), g.reason().orElseThrow(), g.detail(), cand.ruleNames());
    }
    cand.channel = g.channel().orElseThrow();
    return null;
  }

  private GateDecision gate(Txn t, Customer view, Action a, Placement placement) {
    MetricsRuntime.Pause pause = metrics.pause(Optional.empty(), a, t.now);
    return Gate.evaluate(policy, view, t.rec.contacts(), a, t.now,
        pause.exclude(excludedFor(a, placement)), false, pause.reason());
  }

  private static Set<Channel> excludedFor(Action a, Placement placement) {
    if (placement.channels().isEmpty()) {
      return Set.of();
    }
    Set<Channel> excluded = new HashSet<>();
    for (Channel c : a.channels()) {
      if (!placement.carries(c)) {
        excluded.add(c);
      }
    }
    return excluded;
  }

  private void recordImpressions(Txn t, Placement placement, List<Impression> fresh) {
    List<Impression> all = new ArrayList<>(t.rec.impressions().size() + fresh.size());
    Instant cutoff = t.now.minus(IMPRESSION_TTL);
    for (Impression i : t.rec.impressions()) {
      if (i.at().isAfter(cutoff)) {
        all.add(i);
      }
    }
    all.addAll(fresh);
    while (all.size() > MAX_IMPRESSIONS) {
      all.remove(0);
    }
    t.rec.setImpressions(List.copyOf(all));
    Customer view = t.view();
    for (Impression i : fresh) {
      Action a = actionOf(i);
      if (a != null) {
        PropensityModel.Context ctx = context(t, placement, a);
        observe(t, view, a, i.group(), PropensityModel.Outcome.IMPRESSION, ctx);
      }
    }
  }

  private Action actionOf(Impression i) {
    Compiled c = byName.get(i.ruleSet());
    if (c == null) {
      for (Compiled other : compiled.values()) {
        if (other.ruleSet.name().equals(i.ruleSet())) {
          c = other;
        }
      }
    }
    return c == null ? null : c.ruleSet.actions().get(i.action());
  }

  /**
   * Attributes an outcome event to the impression it names ({@code impression_id}, or {@code
   * dispatch_id} of a sent decision): a click or conversion is a success, a dismissal a failure.
   * Each impression is attributed once.
   */
  void onEvent(Txn t, Event ev) {
    Object id = ev.properties().get(EventTypes.IMPRESSION_ID);
    if (id == null) {
      id = ev.properties().get(EventTypes.DISPATCH_ID);
    }
    if (id == null || t.rec.impressions().isEmpty()) {
      return;
    }
    PropensityModel.Outcome outcome;
    switch (ev.type()) {
      case EventTypes.CLICKED:
      case EventTypes.CONVERTED:
        outcome = PropensityModel.Outcome.SUCCESS;
        break;
      case EventTypes.DISMISSED:
        outcome = PropensityModel.Outcome.FAILURE;
        break;
      default:
        return;
    }
    List<Impression> all = new ArrayList<>(t.rec.impressions());
    for (int k = 0; k < all.size(); k++) {
      Impression i = all.get(k);
      if (i.id().equals(id) && !i.answered()) {
        all.set(k, new Impression(i.id(), i.action(), i.ruleSet(), i.placement(), i.group(),
            i.at(), true));
        t.rec.setImpressions(List.copyOf(all));
        Action a = actionOf(i);
        if (a != null) {
          Customer view = t.view();
          PropensityModel.Context ctx = context(t, Placement.ofDefaults(), a);
          PropensityModel.Outcome o = outcome;
          observe(t, view, a, i.group(), o, ctx);
        }
        return;
      }
    }
  }

  /**
   * A stable id: the customer, placement, action and time, and a number that tells apart the
   * impressions of the same instant.
   */
  private String impressionId(Txn t, Placement placement, Action a, List<Impression> fresh) {
    long base = fnv(fnv(fnv(FNV_OFFSET, t.id.value()), placement.name()), a.name());
    base = mix(mix(base, t.now.getEpochSecond()), t.now.getNano());
    // only impressions of the same instant can share the base: number this one after them
    int n = 0;
    for (Impression i : t.rec.impressions()) {
      if (i.at().equals(t.now)) {
        n++;
      }
    }
    n += fresh.size();
    return "i:" + Long.toHexString(mix(base, n));
  }

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  /** FNV-1a over a string's characters, and a separator: stable across runs and machines. */
  private static long fnv(long h, String s) {
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * FNV_PRIME;
    }
    return (h ^ 0xFFFF) * FNV_PRIME;
  }

  /** Mixes a number into a hash (FNV-1a over its bytes, then a finalising avalanche). */
  private static long mix(long h, long v) {
    for (int i = 0; i < 8; i++) {
      h = (h ^ ((v >>> (8 * i)) & 0xFF)) * FNV_PRIME;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }

  /**
   * Tells the model an outcome, within the call: what it adds to its shared counters commits
   * with the call, all or nothing. A model that throws is counted and told to the failure
   * listener; what it added before throwing is dropped, and the call goes on (strict mode
   * propagates it).
   */
  private void observe(Txn t, Customer view, Action a, String group,
      PropensityModel.Outcome outcome, PropensityModel.Context ctx) {
    int mark = t.counterKeys.size();
    try {
      model.observe(view, a, group, outcome, ctx);
    } catch (RuntimeException ex) {
      if (strict) {
        throw new IllegalStateException("propensity model " + model.getClass().getName()
            + ": observe of action '" + a.name() + "' threw " + ex.getClass().getName()
            + " (strict mode); fix the model", ex);
      }
      while (t.counterKeys.size() > mark) {
        t.counterKeys.remove(t.counterKeys.size() - 1);
      }
      t.modelFailures++;
      t.failed(dev.rapport.core.engine.Failure.Kind.PROPENSITY_MODEL,
          "propensity model observe of action '" + a.name() + "'", ex);
      modelFailed("observing", a, ex);
    }
  }

  /** Logs a model's failure without its message, which may quote customer data. */
  private void modelFailed(String doing, Action a, RuntimeException ex) {
    LOG.warn("propensity model {} threw {} while {} action '{}' (counted in "
        + "statistics().modelFailures(); details through Engine.builder().failureListener)",
        model.getClass().getName(), ex.getClass().getName(), doing, a.name());
    LOG.debug("propensity model failure", ex);
  }

  private PropensityModel.Context context(Txn t, Placement placement, Action a) {
    return new ModelContext(t.now, placement, seed, t.id.value(), a.name(), new Shared(t));
  }

  /**
   * The shared counters a model sees in a call: reads from the store (with what the call itself
   * added), additions buffered in the call and committed with it.
   */
  private final class Shared implements PropensityModel.Shared {
    private final Txn t;

    Shared(Txn t) {
      this.t = t;
    }

    @Override
    public long counter(String key) {
      long v = store.counter(key);
      for (int i = 0; i < t.counterKeys.size(); i++) {
        if (t.counterKeys.get(i).equals(key)) {
          v += t.counterDeltas[i];
        }
      }
      return v;
    }

    @Override
    public void add(String key, long delta) {
      t.count(key, delta);
    }
  }

  /** The context a model sees; its random source is seeded only when a model asks for it. */
  private record ModelContext(Instant now, Placement placement, long seed, String customer,
      String action, PropensityModel.Shared shared) implements PropensityModel.Context {
    @Override
    public SplittableRandom random() {
      return new SplittableRandom(Hashing.murmur3_128().newHasher().putLong(seed)
          .putString(customer, StandardCharsets.UTF_8).putByte((byte) 0)
          .putString(action, StandardCharsets.UTF_8).putByte((byte) 0)
          .putLong(now.getEpochSecond()).putInt(now.getNano()).hash().asLong());
    }
  }
}
