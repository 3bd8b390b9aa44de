package dev.rapport.benchmarks.nba;

import java.util.List;
import java.util.function.Predicate;
import org.jeasy.rules.api.Facts;
import org.jeasy.rules.api.Rules;
import org.jeasy.rules.core.DefaultRulesEngine;
import org.jeasy.rules.core.RuleBuilder;

/**
 * The workload in Easy Rules: one lambda rule per rule spec ({@link RuleBuilder}), whose
 * condition reads the {@code customer} fact and whose action proposes into the {@code proposals}
 * fact, fired by a {@link DefaultRulesEngine}. Not thread-safe (Easy Rules is not): one per
 * thread.
 */
public final class EasyRulesNba {
  private final Rules rules = new Rules();
  private final DefaultRulesEngine engine = new DefaultRulesEngine();
  private final Proposals proposals = new Proposals();

  /**
   * Builds the workload's rules.
   *
   * @param w the workload
   */
  public EasyRulesNba(Workload w) {
    int priority = 0;
    for (RuleSpec r : w.rules()) {
      Predicate<CustomerFact> when = condition(r);
      String action = r.action().name();
      String topic = r.action().topic();
      double weight = r.weight();
      double value = r.value();
      rules.register(new RuleBuilder()
          .name(r.name())
          .priority(priority++)
          .when(facts -> when.test(facts.get("customer")))
          .then(facts -> facts.<Proposals>get("proposals").propose(action, topic, weight, value))
          .build());
    }
  }

  private static Predicate<CustomerFact> condition(RuleSpec r) {
    String type = r.eventType();
    int min = r.minCount();
    Predicate<CustomerFact> p = c -> c.eventCount(type) >= min;
    String sku = r.sku();
    if (sku != null) {
      p = p.and(c -> c.bought(sku));
    }
    String segment = r.segment();
    if (segment != null) {
      p = p.and(c -> segment.equals(c.getSegment()));
    }
    String plan = r.plan();
    if (plan != null) {
      p = p.and(c -> plan.equals(c.getPlan()));
    }
    return p;
  }

  /**
   * Decides: fires every rule on the customer's facts.
   *
   * @param c the customer
   * @return the winners, best first
   */
  public List<String> decide(CustomerFact c) {
    proposals.clear();
    Facts facts = new Facts();
    facts.put("customer", c);
    facts.put("proposals", proposals);
    engine.fire(rules, facts);
    return proposals.top(3);
  }
}
