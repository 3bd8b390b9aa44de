package dev.rapport.benchmarks.nba;

/** Cold start of Drools: compile the 20 rules' DRL, open a session, decide. */
public final class DroolsColdStart {
  private DroolsColdStart() {}

  /**
   * Runs once and prints the times (see {@link ColdStart#report}).
   *
   * @param args none
   */
  public static void main(String[] args) {
    long start = System.nanoTime();
    Workload w = Workload.of(20);
    CustomerFact c = ColdStart.customer(w);
    DroolsNba drools = new DroolsNba(w);
    ColdStart.report("drools", start, drools.decideReused(c));
    drools.close();
  }
}
