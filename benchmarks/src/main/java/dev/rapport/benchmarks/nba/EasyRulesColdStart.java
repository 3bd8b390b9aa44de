package dev.rapport.benchmarks.nba;

/** Cold start of Easy Rules: register the 20 lambda rules, fire them once. */
public final class EasyRulesColdStart {
  private EasyRulesColdStart() {}

  /**
   * Runs once and prints the times (see {@link ColdStart#report}).
   *
   * @param args none
   */
  public static void main(String[] args) {
    long start = System.nanoTime();
    Workload w = Workload.of(20);
    CustomerFact c = ColdStart.customer(w);
    ColdStart.report("easyrules", start, new EasyRulesNba(w).decide(c));
  }
}
