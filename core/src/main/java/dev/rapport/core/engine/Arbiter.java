package dev.rapport.core.engine;

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
import dev.rapport.core.internal.Murmur3;
import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.core.policy.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

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

  /**
   * A rule set compiled against the engine's names: each rule's requirements as interned
   * integers, and an index from each requirement to the rules filed under it.
   */
  static final class Compiled {
    static final byte EVENT = 0;
    static final byte SEGMENT = 1;
    static final byte PERSONA = 2;
    static final byte MOMENT = 3;

    final RuleSet ruleSet;
    final Rule[] rules;
    /** The rules with no requirement, evaluated for every customer. */
    final int[] always;
    final boolean indexed;
    /** Rules filed under an event type's integer, a segment's, a persona's, a moment's. */
    final int[][] byType;
    final int[][] bySegment;
    final int[][] byPersona;
    final int[][] byMoment;
    /** Per rule, its requirements: kind and integer (-1: a name no customer can have). */
    final byte[][] requirementKinds;
    final int[][] requirementIds;
    final Condition[][] conditions;
    final Condition[][] unless;
    /** Each rule's name and reason as one-element lists: what a winner proposed by it shows. */
    final List<String>[] nameLists;
    final List<String>[] reasonLists;
    /** How many 64-bit words a set of rule indices takes. */
    final int words;

    Compiled(RuleSet ruleSet, Names names) {
      this.ruleSet = ruleSet;
      List<Rule> list = ruleSet.rules();
      int n = list.size();
      rules = list.toArray(new Rule[0]);
      words = (n + 63) >>> 6;
      requirementKinds = new byte[n][];
      requirementIds = new int[n][];
      conditions = new Condition[n][];
      unless = new Condition[n][];
      @SuppressWarnings({"unchecked", "rawtypes"}) // an array of a generic type
      List<String>[] ns = new List[n];
      @SuppressWarnings({"unchecked", "rawtypes"})
      List<String>[] rs = new List[n];
      for (int i = 0; i < n; i++) {
        ns[i] = List.of(rules[i].name());
        rs[i] = List.of(rules[i].reason());
      }
      nameLists = ns;
      reasonLists = rs;
      List<Integer> free = new ArrayList<>();
      List<List<Integer>> types = new ArrayList<>();
      List<List<Integer>> segments = new ArrayList<>();
      List<List<Integer>> personas = new ArrayList<>();
      List<List<Integer>> moments = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Rule r = rules[i];
        conditions[i] = r.conditions().toArray(new Condition[0]);
        unless[i] = r.unless().toArray(new Condition[0]);
        Requirement[] reqs = r.requirements().toArray(new Requirement[0]);
        // sorted so that the rule is filed under the same requirement on every run
        Arrays.sort(reqs, (x, y) -> x.kind() != y.kind() ? x.kind().compareTo(y.kind())
            : x.name().compareTo(y.name()));
        requirementKinds[i] = new byte[reqs.length];
        requirementIds[i] = new int[reqs.length];
        boolean impossible = false;
        for (int j = 0; j < reqs.length; j++) {
          requirementKinds[i][j] = (byte) reqs[j].kind().ordinal();
          int id = id(names, reqs[j]);
          requirementIds[i][j] = id;
          impossible |= id < 0;
        }
        if (impossible) {
          continue; // no customer can meet it: it is never evaluated
        }
        if (reqs.length == 0) {
          free.add(i);
        } else {
          // any one requirement will do: the others are checked when the rule is looked up
          List<List<Integer>> byKind = switch (reqs[0].kind()) {
            case EVENT -> types;
            case SEGMENT -> segments;
            case PERSONA -> personas;
            case MOMENT -> moments;
          };
          int id = requirementIds[i][0];
          while (byKind.size() <= id) {
            byKind.add(null);
          }
          if (byKind.get(id) == null) {
            byKind.set(id, new ArrayList<>());
          }
          byKind.get(id).add(i);
        }
      }
      this.always = ints(free);
      this.byType = table(types);
      this.bySegment = table(segments);
      this.byPersona = table(personas);
      this.byMoment = table(moments);
      this.indexed = byType.length + bySegment.length + byPersona.length + byMoment.length > 0;
    }

    private static int id(Names names, Requirement r) {
      switch (r.kind()) {
        case EVENT:
          // interned now, so that the customers' events of this type meet it later
          return names.canIntern(r.name()) ? names.type(r.name()) : -1;
        case SEGMENT:
          return names.segment(r.name());
        case PERSONA:
          return names.persona(r.name());
        default:
          return names.moment(r.name());
      }
    }

    private static int[] ints(List<Integer> list) {
      int[] out = new int[list.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = list.get(i);
      }
      return out;
    }

    private static int[][] table(List<List<Integer>> lists) {
      int[][] out = new int[lists.size()][];
      for (int i = 0; i < out.length; i++) {
        out[i] = lists.get(i) == null ? null : ints(lists.get(i));
      }
      return out;
    }

    /** Whether a customer meets a rule's requirements. */
    boolean meets(int rule, CustomerRecord rec) {
      byte[] kinds = requirementKinds[rule];
      int[] ids = requirementIds[rule];
      for (int j = 0; j < kinds.length; j++) {
        int id = ids[j];
        boolean met = id >= 0 && switch (kinds[j]) {
          case EVENT -> rec.slot(id) >= 0;
          case SEGMENT -> rec.inSegment(id);
          case PERSONA -> rec.isPersona(id);
          default -> rec.momentAt(id) != Times.NONE;
        };
        if (!met) {
          return false;
        }
      }
      return true;
    }

    /** The rules to evaluate for a customer: the free ones and those under a key they have. */
    long[] hits(CustomerRecord rec) {
      long[] hits = new long[words];
      for (int i : always) {
        hits[i >>> 6] |= 1L << i;
      }
      if (!indexed) {
        return hits;
      }
      if (byType.length > 0) {
        for (int s = 0, n = rec.typeCount(); s < n; s++) {
          int type = rec.typeAt(s);
          if (type < byType.length) {
            mark(hits, byType[type]);
          }
        }
      }
      for (int i = 0; i < bySegment.length; i++) {
        if (bySegment[i] != null && rec.inSegment(i)) {
          mark(hits, bySegment[i]);
        }
      }
      for (int i = 0; i < byPersona.length; i++) {
        if (byPersona[i] != null && rec.isPersona(i)) {
          mark(hits, byPersona[i]);
        }
      }
      for (int i = 0; i < byMoment.length; i++) {
        if (byMoment[i] != null && rec.momentAt(i) != Times.NONE) {
          mark(hits, byMoment[i]);
        }
      }
      return hits;
    }

    private static void mark(long[] hits, int[] rules) {
      if (rules != null) {
        for (int i : rules) {
          hits[i >>> 6] |= 1L << i;
        }
      }
    }
  }

  private final Names names;
  private final MetricsRuntime metrics;
  private final ContactPolicy policy;
  private final PropensityModel model;
  private final StateStore store;
  private final long seed;
  private final boolean strict;
  /** The one runner of the host's conditions: failures and strict mode. */
  private final Conditions conditions;
  private final Map<RuleSet, Compiled> compiled = new ConcurrentHashMap<>();
  private final List<Compiled> engineRuleSets;
  private final Map<String, Compiled> byName;

  Arbiter(MetricsRuntime metrics, ContactPolicy policy, PropensityModel model, StateStore store,
      long seed, Conditions conditions, List<RuleSet> ruleSets, Names names) {
    this.conditions = conditions;
    this.strict = conditions.strict();
    this.names = names;
    this.metrics = metrics;
    this.policy = policy;
    this.model = model;
    this.store = store;
    this.seed = seed;
    List<Compiled> list = new ArrayList<>();
    for (RuleSet rs : ruleSets) {
      list.add(compiled(rs));
    }
    this.engineRuleSets = List.copyOf(list);
    Map<String, Compiled> named = new HashMap<>();
    for (Compiled c : list) {
      named.put(c.ruleSet.name(), c);
    }
    this.byName = Map.copyOf(named);
    this.observes = overridesObserve(model);
  }

  /** Whether the model overrides {@code observe}: if not, nothing is built to tell it. */
  private final boolean observes;

  Compiled compiled(RuleSet rs) {
    return compiled.computeIfAbsent(rs, r -> new Compiled(r, names));
  }

  List<Compiled> engineRuleSets() {
    return engineRuleSets;
  }

  /** A candidate action and the rules that proposed it. */
  private static final class Candidate {
    final Action action;
    final String ruleSet;
    /** The proposing rules when more than one proposed it; otherwise only {@link #best}. */
    List<Rule> rules;
    /** Every proposing rule set's suitability rules: any of them can block the action. */
    List<Suitability> suitability = List.of();
    /** The proposing rule sets, the first one's name aside. */
    List<String> moreRuleSets = List.of();
    Rule best;
    /** The best rule's name and reason, as the one-element lists a winner shows. */
    List<String> bestName;
    List<String> bestReason;
    double bestFactor = -1;
    /** The channel the gate allowed, once suitability passed. */
    Channel channel;
    /** The channel the gate's refusal is about, if it refused. */
    Channel refusedOn;
    /** The model's estimate and the score, once suitability passed. */
    PropensityModel.Estimate estimate;
    double score;
    /**
     * Why it lost to a better candidate (its topic was taken, or it fell below the cut-off): a
     * rejection whose text is written only if the decision's rejections are read.
     */
    Reason lost;

    Candidate(Action action, String ruleSet) {
      this.action = action;
      this.ruleSet = ruleSet;
    }

    void from(RuleSet rs) {
      if (rs.name().equals(ruleSet) ? !suitability.isEmpty() || best != null
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

    void add(Compiled c, int i) {
      Rule r = c.rules[i];
      if (best != null) {
        if (rules == null) {
          rules = new ArrayList<>(4);
          rules.add(best);
        }
        rules.add(r);
      }
      double f = r.weight() * r.valueOr(action.value()) * r.lever();
      if (f > bestFactor) {
        bestFactor = f;
        best = r;
        bestName = c.nameLists[i];
        bestReason = c.reasonLists[i];
      }
    }

    List<String> ruleNames() {
      return rules == null ? bestName : eachRule(Rule::name);
    }

    List<String> reasons() {
      return rules == null ? bestReason : eachRule(Rule::reason);
    }

    /** A part of each proposing rule, the best rule's first. */
    private List<String> eachRule(java.util.function.Function<Rule, String> part) {
      String[] out = new String[rules.size()];
      out[0] = part.apply(best);
      int k = 1;
      for (int i = 0; i < rules.size(); i++) {
        Rule r = rules.get(i);
        if (r != best && k < out.length) { // a rule shared by two rule sets is here twice
          out[k++] = part.apply(r);
        }
      }
      return List.of(k == out.length ? out : Arrays.copyOf(out, k));
    }
  }

  /** The candidates of one decision, in the order their first rule matched. */
  private static final class Candidates {
    final List<Candidate> list = new ArrayList<>(8);
    /** By action name, once there are many. */
    private Map<String, Candidate> byName;

    Candidate of(Action action, String ruleSet) {
      String name = action.name();
      Candidate c = null;
      if (byName != null) {
        c = byName.get(name);
      } else {
        for (int i = 0; i < list.size(); i++) {
          if (list.get(i).action.name().equals(name)) {
            c = list.get(i);
            break;
          }
        }
      }
      if (c == null) {
        c = new Candidate(action, ruleSet);
        list.add(c);
        if (byName != null) {
          byName.put(name, c);
        } else if (list.size() > 16) {
          byName = new HashMap<>();
          for (Candidate k : list) {
            byName.put(k.action.name(), k);
          }
        }
      }
      return c;
    }
  }

  /** Best score first; ties go to the action's name, so that the same inputs give one order. */
  private static final java.util.Comparator<Candidate> BY_SCORE = (a, b) -> {
    int c = Double.compare(b.score, a.score);
    return c != 0 ? c : a.action.name().compareTo(b.action.name());
  };

  /** The rejection of a candidate that lost to a better one, written when it is read. */
  private static Rejection lost(Candidate c, Placement placement) {
    Action a = c.action;
    String detail = c.lost == Reason.TOPIC_TAKEN
        ? "a better-scored action of topic '" + a.topic().orElseThrow() + "' won"
        : "placement '" + placement.name() + "' takes " + placement.take() + "; score "
            + String.format(java.util.Locale.ROOT, "%.4f", c.score);
    return new Rejection(a.name(), c.lost, detail, c.ruleNames());
  }

  private static final Supplier<List<Rejection>> NO_REJECTIONS = List::of;
  private static final Supplier<List<Recommendation>> NO_WINNERS = List::of;

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
   *
   * <p>The path where every candidate passes allocates little beyond the candidates and the
   * impressions it records: rules are found through interned integers, the recommendations and
   * the rejections (with their texts) are made only if read, and no string is built at all (an
   * impression's id is kept as its number).
   */
  Decision decide(Txn t, List<Compiled> ruleSets, Placement placement, boolean record,
      boolean sending) {
    Customer view = t.view();
    List<RuleFailure> failures = new ArrayList<>(0);
    Candidates candidates = new Candidates();
    for (int k = 0; k < ruleSets.size(); k++) {
      eligible(t, ruleSets.get(k), view, candidates, failures);
    }
    // a Rejection, or a lost Candidate whose rejection is written on demand; room for every
    // candidate at once (a list grown from empty copies itself at sizes 1, 2, 3, 4, 6, ...)
    List<Object> rejected = new ArrayList<>(candidates.list.size());
    List<Candidate> suitable = new ArrayList<>(candidates.list.size());
    for (Candidate cand : candidates.list) {
      Rejection r = suitability(t, view, cand, placement, failures);
      if (r != null) {
        rejected.add(r);
        if (record && r.reason() != Reason.NOT_ON_PLACEMENT) {
          refused(t, r.action(), r.reason(), cand.refusedOn, placement);
        }
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
        if (record) {
          refused(t, cand.action.name(), Reason.MODEL_FAILED, channel, placement);
        }
        continue;
      }
      cand.estimate = e;
      cand.score = e.propensity() * cand.best.weight()
          * cand.best.valueOr(cand.action.value()) * cand.best.lever();
      suitable.add(cand);
    }
    suitable.sort(BY_SCORE);
    int take = placement.take();
    // the winners in compact form: their candidates (with the channel each goes out on) and
    // impression ids; the recommendations are made from them when the decision's are read
    Candidate[] won = new Candidate[Math.min(take, suitable.size())];
    long[] ids = new long[won.length];
    int n = 0;
    List<Contact> sent = sending ? new ArrayList<>(t.rec.contacts()) : List.of();
    int sameInstant = -1; // impressions already made at this instant, counted once
    long idPrefix = 0; // the impression ids' hash of the customer and placement, made once
    Impression[] fresh = record ? new Impression[won.length] : null;
    // winners withheld from a customer in their holdout keep their slot and topic, so that the
    // held-out customer's decision is the treated one's without that message
    List<Action> withheld = List.of();
    for (int k = 0; k < suitable.size(); k++) {
      Candidate s = suitable.get(k);
      Action a = s.action;
      Optional<String> topic = a.topic();
      if (topic.isPresent() && (topicTaken(won, n, topic.get())
          || topicWithheld(withheld, topic.get()))) {
        s.lost = Reason.TOPIC_TAKEN;
        rejected.add(s);
        continue;
      }
      if (n + withheld.size() >= take) {
        s.lost = Reason.BELOW_CUTOFF;
        rejected.add(s);
        continue;
      }
      Channel channel = s.channel;
      if (sending && n > 0) {
        MetricsRuntime.Pause pause = metrics.pause(Optional.empty(), a, t.now);
        GateDecision again = Gate.evaluate(policy, view, sent, a, t.now,
            pause.exclude(excludedFor(a, placement)), false, pause.reason());
        if (!again.isAllowed()) {
          rejected.add(new Rejection(a.name(), again.reason().orElseThrow(), again.detail()
              + " (counting the winners before it)", s.ruleNames()));
          if (record) {
            refused(t, a.name(), again.reason().orElseThrow(), again.refusedOn().orElse(null),
                placement);
          }
          continue;
        }
        channel = again.channel().orElseThrow();
      }
      if (a.holdout() > 0
          && (record ? ActionHoldouts.withholds(t, a) : ActionHoldouts.heldOut(t, a))) {
        if (withheld.isEmpty()) {
          withheld = new ArrayList<>(2);
        }
        withheld.add(a);
        rejected.add(new Rejection(a.name(), Reason.ACTION_HOLDOUT, ActionHoldouts.detail(a),
            s.ruleNames()));
        if (record) {
          refused(t, a.name(), Reason.ACTION_HOLDOUT, channel, placement);
        }
        continue;
      }
      if (sending) {
        sent.add(new Contact(t.now, a.name(), channel, a.topic(), a.purpose()));
      }
      if (sameInstant < 0) {
        sameInstant = madeAt(t.rec, t.nowNanos);
        idPrefix = impressionPrefix(t, placement);
      }
      long impressionId = impressionId(idPrefix, t, a, sameInstant + n);
      s.channel = channel;
      won[n] = s;
      ids[n] = impressionId;
      if (record) {
        fresh[n] = Impression.made(impressionId, a.name(), s.ruleSet, placement.name(),
            s.estimate.group(), t.now);
      }
      n++;
    }
    if (record && n > 0) {
      recordImpressions(t, placement, fresh, n);
    }
    int count = n;
    Supplier<List<Recommendation>> recommend = n == 0 ? NO_WINNERS
        : () -> recommendations(won, ids, count);
    Supplier<List<Rejection>> explain = rejected.isEmpty() ? NO_REJECTIONS : () -> {
      List<Rejection> out = new ArrayList<>(rejected.size());
      for (Object o : rejected) {
        out.add(o instanceof Candidate c ? lost(c, placement) : (Rejection) o);
      }
      return out;
    };
    return new Decision(t.id, t.now, placement, recommend, explain,
        failures.isEmpty() ? List.of() : failures);
  }

  private static boolean topicWithheld(List<Action> withheld, String topic) {
    for (int i = 0; i < withheld.size(); i++) {
      Optional<String> other = withheld.get(i).topic();
      if (other.isPresent() && other.get().equals(topic)) {
        return true;
      }
    }
    return false;
  }

  /** The recommendations of a decision's winners, made when the decision's are first read. */
  private static List<Recommendation> recommendations(Candidate[] won, long[] ids, int n) {
    Recommendation[] out = new Recommendation[n];
    for (int k = 0; k < n; k++) {
      Candidate s = won[k];
      Action a = s.action;
      out[k] = new Recommendation(a, s.channel, s.score, s.estimate.propensity(),
          s.best.weight(), s.best.valueOr(a.value()), s.best.lever(), s.ruleNames(), s.reasons(),
          Impression.idOf(ids[k]), s.estimate.note());
    }
    return List.of(out);
  }

  private static boolean topicTaken(Candidate[] won, int n, String topic) {
    for (int i = 0; i < n; i++) {
      Optional<String> other = won[i].action.topic();
      if (other.isPresent() && other.get().equals(topic)) {
        return true;
      }
    }
    return false;
  }

  private void eligible(Txn t, Compiled c, Customer view, Candidates candidates,
      List<RuleFailure> failures) {
    long[] hits = c.hits(t.rec);
    for (int w = 0; w < hits.length; w++) {
      long bits = hits[w];
      while (bits != 0) {
        int i = (w << 6) + Long.numberOfTrailingZeros(bits);
        bits &= bits - 1;
        if (matches(t, c, i, view, failures)) {
          Rule r = c.rules[i];
          Candidate cand = candidates.of(r.action(), c.ruleSet.name());
          cand.from(c.ruleSet);
          cand.add(c, i);
        }
      }
    }
  }

  private boolean matches(Txn t, Compiled compiled, int i, Customer view,
      List<RuleFailure> failures) {
    if (!compiled.meets(i, t.rec)) {
      return false;
    }
    RuleSet rs = compiled.ruleSet;
    Rule r = compiled.rules[i];
    try {
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
      conditions.ruleFailed("rule set '" + rs.name() + "', rule '" + r.name() + "'",
          "; fix the condition", ex, t);
      failures.add(new RuleFailure(rs.name(), r.name(), ex.getClass().getName()));
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
          conditions.ruleFailed("rule set '" + cand.ruleSet + "', suitability '"
              + s.describe() + "'", "", ex, t);
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
      cand.refusedOn = g.refusedOn().orElse(null);
      return new Rejection(a.name(), g.reason().orElseThrow(), g.detail(), cand.ruleNames());
    }
    cand.channel = g.channel().orElseThrow();
    return null;
  }

  /** Keeps a decision's refusal in the customer's record; a journey's decide step names itself. */
  private static void refused(Txn t, String action, Reason reason, Channel channel,
      Placement placement) {
    t.refused(action, reason, channel, t.decidingJourney, t.decidingStep, placement.name(), 1);
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

  private void recordImpressions(Txn t, Placement placement, Impression[] fresh, int n) {
    long cutoff = t.nowNanos - IMPRESSION_TTL.toNanos();
    t.rec.addImpressions(fresh, n, cutoff, MAX_IMPRESSIONS);
    if (!observes) {
      return;
    }
    Customer view = t.view();
    for (int k = 0; k < n; k++) {
      Action a = actionOf(fresh[k]);
      if (a != null) {
        PropensityModel.Context ctx = context(t, placement, a);
        observe(t, view, a, fresh[k].group(), PropensityModel.Outcome.IMPRESSION, ctx);
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
    if (!(id instanceof String) || t.rec.impressions().isEmpty()) {
      return; // an id that is not a string names no impression
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
    int k = t.rec.impressionIndex((String) id);
    Impression i = k < 0 ? null : t.rec.impressionAt(k);
    if (i == null || i.answered()) {
      return;
    }
    t.rec.setImpression(k, i.answer());
    Action a = actionOf(i);
    if (a != null && observes) {
      Customer view = t.view();
      PropensityModel.Context ctx = context(t, Placement.ofDefaults(), a);
      observe(t, view, a, i.group(), outcome, ctx);
    }
  }

  /** How many of a customer's impressions were made at an instant. */
  private static int madeAt(CustomerRecord rec, long now) {
    long latest = rec.impressionLatest();
    if (latest == Times.NONE || now > latest) {
      return 0; // the common case: later than every impression kept
    }
    int n = 0;
    for (int k = 0, count = rec.impressionCount(); k < count; k++) {
      if (rec.impressionTime(k) == now) {
        n++;
      }
    }
    return n;
  }

  /** The part of an impression id that names the customer and the placement. */
  private static long impressionPrefix(Txn t, Placement placement) {
    return fnv(fnv(FNV_OFFSET, t.id.value()), placement.name());
  }

  /**
   * A stable id: the customer, placement, action and time, and a number that tells apart the
   * impressions of the same instant (those made before, then this decision's winners in order).
   */
  private static long impressionId(long prefix, Txn t, Action a, int n) {
    long base = fnv(prefix, a.name());
    base = mix(mix(base, t.now.getEpochSecond()), t.now.getNano());
    return mix(base, n); // written out as Impression.idOf when read
  }

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

  /** A prefix and a number in lower-case hex without leading zeros, as one string. */
  static String id(String prefix, long v) {
    int digits = v == 0 ? 1 : 16 - (Long.numberOfLeadingZeros(v) >>> 2);
    byte[] out = new byte[prefix.length() + digits];
    for (int i = 0; i < prefix.length(); i++) {
      out[i] = (byte) prefix.charAt(i);
    }
    for (int i = out.length - 1; i >= prefix.length(); i--) {
      out[i] = HEX[(int) (v & 0xF)];
      v >>>= 4;
    }
    return new String(out, StandardCharsets.ISO_8859_1);
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

  private static boolean overridesObserve(PropensityModel model) {
    try {
      return model.getClass().getMethod("observe", Customer.class, Action.class, String.class,
          PropensityModel.Outcome.class, PropensityModel.Context.class).getDeclaringClass()
          != PropensityModel.class;
    } catch (NoSuchMethodException | SecurityException e) {
      return true; // when in doubt, tell it
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
    return new ModelContext(t, placement, a.name());
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

  /**
   * The context a model sees; its random source is seeded and its shared counters reached only
   * when a model asks for them.
   */
  private final class ModelContext implements PropensityModel.Context {
    private final Txn t;
    private final Placement placement;
    private final String action;

    ModelContext(Txn t, Placement placement, String action) {
      this.t = t;
      this.placement = placement;
      this.action = action;
    }

    @Override
    public Instant now() {
      return t.now;
    }

    @Override
    public Placement placement() {
      return placement;
    }

    @Override
    public SplittableRandom random() {
      return new SplittableRandom(new Murmur3().putLong(seed)
          .putString(t.id.value()).putByte((byte) 0)
          .putString(action).putByte((byte) 0)
          .putLong(t.now.getEpochSecond()).putInt(t.now.getNano()).hash());
    }

    @Override
    public PropensityModel.Shared shared() {
      return new Shared(t);
    }
  }
}
