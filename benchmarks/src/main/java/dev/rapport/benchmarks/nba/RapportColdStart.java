package dev.rapport.benchmarks.nba;

import dev.rapport.core.engine.Engine;

/** Cold start of Rapport: build the engine with the 20 rules, give it a customer, decide. */
public final class RapportColdStart {
  private RapportColdStart() {}

  /**
   * Runs once and prints the times (see {@link ColdStart#report}).
   *
   * @param args none
   */
  public static void main(String[] args) {
    long start = System.nanoTime();
    Workload w = Workload.of(20);
    CustomerFact c = ColdStart.customer(w);
    Engine engine = RapportNba.engine(w, RapportNba.clock());
    RapportNba.load(engine, c);
    ColdStart.report("rapport", start, RapportNba.winners(engine.decide(c.getId())));
  }
}
