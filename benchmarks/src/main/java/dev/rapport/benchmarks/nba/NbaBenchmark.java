package dev.rapport.benchmarks.nba;

import dev.rapport.core.decision.Decision;
import dev.rapport.core.engine.Engine;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Next best action, one customer at a time (DESIGN §6): decisions per second on the same rules
 * (the {@link Workload} of 20 or 1,000 rules) by Rapport's {@code decide} (gate and explanation
 * included), Drools with a reused session and with a stateless session, Easy Rules, and the
 * rules hand-written as a plain Java loop. Each call decides for the next customer of a ring of
 * {@value #CUSTOMERS} pre-built customers. {@code SemanticEquivalenceTest} checks that all of
 * them pick the same actions.
 *
 * <p>Only the engine a benchmark method measures is built in its fork.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class NbaBenchmark {
  /** How many customers the calls rotate through; a power of two. */
  static final int CUSTOMERS = 1024;

  /** How many rules. */
  @Param({"20", "1000"})
  public int rules;

  private CustomerFact[] customers;
  private String[] ids;
  private int next;

  private Engine rapport;
  private DroolsNba drools;
  private EasyRulesNba easyRules;
  private HandWrittenNba handWritten;

  /**
   * Builds the customers and the engine measured.
   *
   * @param params which benchmark runs
   */
  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) {
    Workload w = Workload.of(rules);
    customers = w.customers(CUSTOMERS, 42L);
    ids = new String[CUSTOMERS];
    for (int i = 0; i < CUSTOMERS; i++) {
      ids[i] = customers[i].getId();
    }
    String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
    switch (method) {
      case "rapport":
        rapport = RapportNba.engine(w, RapportNba.clock());
        for (CustomerFact c : customers) {
          RapportNba.load(rapport, c);
        }
        break;
      case "droolsReused":
      case "droolsStateless":
        drools = new DroolsNba(w);
        break;
      case "easyRules":
        easyRules = new EasyRulesNba(w);
        break;
      case "handWritten":
        handWritten = new HandWrittenNba(w);
        break;
      default:
        throw new IllegalStateException("unknown benchmark " + method);
    }
  }

  /** Disposes of the Drools session. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (drools != null) {
      drools.close();
    }
  }

  private int nextCustomer() {
    int i = next;
    next = (i + 1) & (CUSTOMERS - 1);
    return i;
  }

  /**
   * Rapport: {@code engine.decide(customerId)}, through the gate, with the explanation.
   *
   * @return the decision
   */
  @Benchmark
  public Decision rapport() {
    return rapport.decide(ids[nextCustomer()]);
  }

  /**
   * Drools, reused stateful session: insert the customer, fire all rules, delete it.
   *
   * @return the winners
   */
  @Benchmark
  public List<String> droolsReused() {
    return drools.decideReused(customers[nextCustomer()]);
  }

  /**
   * Drools, stateless session.
   *
   * @return the winners
   */
  @Benchmark
  public List<String> droolsStateless() {
    return drools.decideStateless(customers[nextCustomer()]);
  }

  /**
   * Easy Rules, lambda rules, default engine.
   *
   * @return the winners
   */
  @Benchmark
  public List<String> easyRules() {
    return easyRules.decide(customers[nextCustomer()]);
  }

  /**
   * The rules as a plain Java loop with the top-3 pick: the practical limit.
   *
   * @return the winners
   */
  @Benchmark
  public List<String> handWritten() {
    return handWritten.decide(customers[nextCustomer()]);
  }
}
