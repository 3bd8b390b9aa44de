package dev.rapport.benchmarks.nba;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.decision.Decision;
import dev.rapport.core.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The comparison is only fair if every engine answers the same question: for a sample of
 * generated customers, Rapport's {@code decide}, Drools (reused and stateless sessions), Easy
 * Rules and the hand-written loop all pick the same three actions, in the same order, as the
 * reference semantics of {@link RuleSpec#matches} and {@link Proposals#top}.
 */
class SemanticEquivalenceTest {
  private static final int CUSTOMERS = 200;

  @ParameterizedTest(name = "{0} rules")
  @ValueSource(ints = {20, 1000})
  void everyEnginePicksTheSameTopThree(int ruleCount) {
    Workload w = Workload.of(ruleCount);
    assertThat(w.rules()).hasSize(ruleCount);
    CustomerFact[] customers = w.customers(CUSTOMERS, 7L);
    Engine rapport = RapportNba.engine(w, RapportNba.clock());
    for (CustomerFact c : customers) {
      RapportNba.load(rapport, c);
    }
    DroolsNba drools = new DroolsNba(w);
    EasyRulesNba easy = new EasyRulesNba(w);
    HandWrittenNba hand = new HandWrittenNba(w);

    int full = 0;
    List<String> mismatches = new ArrayList<>();
    for (CustomerFact c : customers) {
      List<String> expected = w.expected(c);
      full += expected.size() == 3 ? 1 : 0;
      Decision d = rapport.decide(c.getId());
      assertThat(d.rejected()).allSatisfy(r -> assertThat(r.reason().name())
          .isIn("TOPIC_TAKEN", "BELOW_CUTOFF"));
      assertThat(d.failures()).isEmpty();
      check(mismatches, "rapport", c, expected, RapportNba.winners(d));
      check(mismatches, "drools reused", c, expected, drools.decideReused(c));
      check(mismatches, "drools stateless", c, expected, drools.decideStateless(c));
      check(mismatches, "easy rules", c, expected, easy.decide(c));
      check(mismatches, "hand-written", c, expected, hand.decide(c));
    }
    drools.close();
    assertThat(mismatches).isEmpty();
    // the sample exercises the pick: most customers get three actions, some fewer
    assertThat(full).isBetween(CUSTOMERS / 4, CUSTOMERS - 1);
  }

  private static void check(List<String> mismatches, String engine, CustomerFact c,
      List<String> expected, List<String> actual) {
    if (!expected.equals(actual)) {
      mismatches.add(engine + " for " + c + ": expected " + expected + ", got " + actual);
    }
  }
}
