package dev.rapport.core.decision;

import dev.rapport.core.Action;
import dev.rapport.core.Customer;
import dev.rapport.core.decision.PropensityModel;
import java.util.Map;

/** The same propensity for every action, or one per action. */
final class FixedPropensity implements PropensityModel {
  private final double otherwise;
  private final Map<String, Double> byAction;
  private final Estimate otherwiseEstimate;

  /**
   * Makes the model.
   *
   * @param otherwise the default propensity
   * @param byAction propensities by action name
   */
  public FixedPropensity(double otherwise, Map<String, Double> byAction) {
    check("propensity", otherwise);
    byAction.forEach((a, p) -> check("propensity of '" + a + "'", p));
    this.otherwise = otherwise;
    this.byAction = Map.copyOf(byAction);
    this.otherwiseEstimate = new Estimate(otherwise, "*", "fixed " + otherwise);
  }

  private static void check(String what, Double p) {
    if (p == null || !(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("fixed propensity model: " + what + " is " + p
          + "; give a number from 0 to 1");
    }
  }

  @Override
  public Estimate estimate(Customer customer, Action action, Context context) {
    Double p = byAction.get(action.name());
    return p == null ? otherwiseEstimate : new Estimate(p, "*", "fixed " + p + " for "
        + action.name());
  }

  @Override
  public String toString() {
    return "fixed propensity " + otherwise + (byAction.isEmpty() ? "" : " " + byAction);
  }
}
