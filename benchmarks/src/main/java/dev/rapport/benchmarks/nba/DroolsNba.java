package dev.rapport.benchmarks.nba;

import java.util.List;
import java.util.Locale;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.Results;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * The workload in Drools: one DRL rule per rule spec over a {@link CustomerFact}, proposing into
 * a {@link Proposals} global. The rules are compiled once into a {@link KieBase}; decisions use
 * either a reused stateful session (insert the customer, fire, delete) or a stateless session.
 * Not thread-safe: one per thread.
 */
public final class DroolsNba {
  private final KieBase kieBase;
  private final KieSession session;
  private final StatelessKieSession stateless;
  private final Proposals proposals = new Proposals();

  /**
   * Compiles the workload's rules.
   *
   * @param w the workload
   */
  public DroolsNba(Workload w) {
    KieServices ks = KieServices.Factory.get();
    KieFileSystem files = ks.newKieFileSystem();
    files.write("src/main/resources/dev/rapport/benchmarks/nba/drl/nba.drl", drl(w));
    KieBuilder builder = ks.newKieBuilder(files).buildAll();
    Results results = builder.getResults();
    if (results.hasMessages(Message.Level.ERROR)) {
      throw new IllegalStateException("the DRL does not compile: " + results.getMessages());
    }
    kieBase = ks.newKieContainer(builder.getKieModule().getReleaseId()).getKieBase();
    session = kieBase.newKieSession();
    session.setGlobal("proposals", proposals);
    stateless = kieBase.newStatelessKieSession();
    stateless.setGlobal("proposals", proposals);
  }

  /**
   * Returns the workload's rules in DRL.
   *
   * @param w the workload
   * @return the DRL text
   */
  public static String drl(Workload w) {
    StringBuilder out = new StringBuilder(256 * w.rules().size());
    out.append("package dev.rapport.benchmarks.nba.drl;\n\n")
        .append("import ").append(CustomerFact.class.getName()).append(";\n")
        .append("global ").append(Proposals.class.getName()).append(" proposals;\n\n");
    for (RuleSpec r : w.rules()) {
      out.append("rule \"").append(r.name()).append("\"\nwhen\n    CustomerFact( eventCount(\"")
          .append(r.eventType()).append("\") >= ").append(r.minCount());
      if (r.sku() != null) {
        out.append(", bought(\"").append(r.sku()).append("\")");
      }
      if (r.segment() != null) {
        out.append(", segment == \"").append(r.segment()).append('"');
      }
      if (r.plan() != null) {
        out.append(", plan == \"").append(r.plan()).append('"');
      }
      out.append(" )\nthen\n    proposals.propose(\"").append(r.action().name()).append("\", \"")
          .append(r.action().topic()).append("\", ")
          .append(String.format(Locale.ROOT, "%s, %s", Double.toString(r.weight()),
              Double.toString(r.value())))
          .append(");\nend\n\n");
    }
    return out.toString();
  }

  /**
   * Decides with the reused stateful session: insert, fire every rule, delete.
   *
   * @param c the customer
   * @return the winners, best first
   */
  public List<String> decideReused(CustomerFact c) {
    proposals.clear();
    FactHandle h = session.insert(c);
    session.fireAllRules();
    session.delete(h);
    return proposals.top(3);
  }

  /**
   * Decides with the stateless session.
   *
   * @param c the customer
   * @return the winners, best first
   */
  public List<String> decideStateless(CustomerFact c) {
    proposals.clear();
    stateless.execute(c);
    return proposals.top(3);
  }

  /** Disposes of the stateful session. */
  public void close() {
    session.dispose();
  }
}
