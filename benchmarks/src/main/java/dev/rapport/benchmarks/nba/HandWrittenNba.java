package dev.rapport.benchmarks.nba;

import java.util.List;

/**
 * The practical limit: the workload's rules as a plain Java loop over their specs, each tested
 * directly against the customer, then the top-3 pick. No engine, no gate, no explanation.
 * Not thread-safe: one per thread.
 */
public final class HandWrittenNba {
  private final RuleSpec[] rules;
  private final Proposals proposals = new Proposals();

  /**
   * Takes the workload's rules.
   *
   * @param w the workload
   */
  public HandWrittenNba(Workload w) {
    this.rules = w.rules().toArray(new RuleSpec[0]);
  }

  /**
   * Decides.
   *
   * @param c the customer
   * @return the winners, best first
   */
  public List<String> decide(CustomerFact c) {
    Proposals p = proposals;
    p.clear();
    for (RuleSpec r : rules) {
      if (c.eventCount(r.eventType()) >= r.minCount()
          && (r.sku() == null || c.bought(r.sku()))
          && (r.segment() == null || r.segment().equals(c.getSegment()))
          && (r.plan() == null || r.plan().equals(c.getPlan()))) {
        ActionSpec a = r.action();
        p.propose(a.name(), a.topic(), r.weight(), r.value());
      }
    }
    return p.top(3);
  }
}
