package dev.rapport.examples;

import static dev.rapport.dsl.Rapport.complaintRate;
import static dev.rapport.dsl.Rapport.csat;
import static dev.rapport.dsl.Rapport.deliveryFailureRate;
import static dev.rapport.dsl.Rapport.guardrail;
import static dev.rapport.dsl.Rapport.nps;
import static dev.rapport.dsl.Rapport.unsubscribeRate;

import dev.rapport.core.Channel;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.measure.Breakdown;
import dev.rapport.core.measure.Metric;
import dev.rapport.core.measure.Metrics;
import dev.rapport.core.measure.Revenue;
import dev.rapport.examples.saas.SaasOnboarding;
import dev.rapport.examples.store.CoffeeStore;
import dev.rapport.examples.subscription.Subscription;
import java.time.Duration;

/**
 * The three examples in one engagement program, as the simulation runs them: their journeys,
 * rules, moments, personas and segments, one contact policy, the standard metrics with activation
 * as the north star, and guardrails on unsubscribes, complaints and CSAT.
 */
public final class Program {
  /** The north star: activation within 14 days of sign-up. */
  public static final Metric ACTIVATION = Metrics.activation(SaasOnboarding.ACTIVATED,
      "signed_up", Duration.ofDays(14));

  private Program() {}

  /**
   * Adds the whole program to an engine.
   *
   * @param engine the builder (its clock and dispatcher are the caller's)
   * @return the builder
   */
  public static Engine.Builder configure(Engine.Builder engine) {
    return configure(engine, "Rapport demo: three businesses");
  }

  /**
   * Adds the whole program to an engine, under a name for its dashboard.
   *
   * @param engine the builder (its clock and dispatcher are the caller's)
   * @param name the program's name
   * @return the builder
   */
  public static Engine.Builder configure(Engine.Builder engine, String name) {
    SaasOnboarding.configure(engine);
    CoffeeStore.configure(engine);
    Subscription.configure(engine);
    return engine
        .name(name)
        .contactPolicy(Subscription.POLICY)
        // what the store's orders bring in, and what a message costs: the dashboard then opens
        // with the return of every journey against its holdout
        .revenue(Revenue.of(CoffeeStore.PURCHASED).amount("total").in("EUR")
            .costPerMessage(Channel.EMAIL, 0.002)
            .costPerMessage(Channel.SMS, 0.05)
            .costPerMessage(Channel.PUSH, 0.001)
            .costPerMessage(Channel.IN_APP, 0.0))
        .northStar(ACTIVATION)
        .metrics(
            unsubscribeRate().by(Breakdown.ARM),
            complaintRate(),
            deliveryFailureRate(),
            csat(),
            nps(),
            Metrics.ces(),
            Metrics.revenue(),
            Metrics.averageOrderValue(),
            Metrics.purchaseFrequency(),
            Metrics.repeatPurchaseRate(CoffeeStore.PURCHASED),
            Metrics.churn("account_closed", "signed_up"),
            Metrics.retention("signed_up", "logged_in", Duration.ofDays(30)),
            Metrics.timeToFirstResponse(),
            Metrics.timeToResolution(),
            Metrics.repeatContacts(Duration.ofDays(7)))
        .guardrail(guardrail(unsubscribeRate()).below(0.02).minSample(200))
        .guardrail(guardrail(complaintRate()).below(0.005).minSample(500))
        .guardrail(guardrail(csat()).above(0.6).minSample(50));
  }
}
