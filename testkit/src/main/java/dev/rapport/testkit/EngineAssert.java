package dev.rapport.testkit;

import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.Explanation;
import dev.rapport.core.journey.EnrollmentStatus;
import dev.rapport.core.journey.JourneyStats;
import dev.rapport.core.journey.StepOutcome;
import dev.rapport.core.journey.StepRecord;
import dev.rapport.core.journey.StepStats;
import dev.rapport.core.policy.Reason;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on an engine: what its gate refused, and where customers are in its journeys.
 * Failures print the customer's explanation (or the journeys' refusal counts), so that the
 * message shows what happened instead.
 *
 * <pre>{@code
 * assertThat(engine).refused("promo").because(CAPPED);
 * assertThat(engine).refused("promo").to("c-1").because(NO_CONSENT);
 * assertThat(engine).hasEnrolled("c-1", "onboarding").in(EnrollmentStatus.WAITING);
 * }</pre>
 */
public final class EngineAssert extends AbstractAssert<EngineAssert, Engine> {

  EngineAssert(Engine actual) {
    super(actual, EngineAssert.class);
  }

  /**
   * Starts a check that the gate refused an action.
   *
   * @param action the action's name
   * @return the refusal assertion, to complete with {@code because(...)}
   */
  public RefusalAssert refused(String action) {
    isNotNull();
    return new RefusalAssert(actual, action, null);
  }

  /**
   * Checks that a customer has (or had) an enrollment in a journey.
   *
   * @param customerId the customer
   * @param journey the journey's name
   * @return an assertion on the enrollment
   */
  public EnrollmentAssert hasEnrolled(String customerId, String journey) {
    isNotNull();
    Explanation e = actual.explain(customerId);
    Optional<Explanation.EnrollmentReport> r = e.enrollment(journey);
    if (r.isEmpty()) {
      failWithMessage("expected %s to be enrolled in '%s', but:%n%s", customerId, journey, e);
    }
    return new EnrollmentAssert(r.orElseThrow(), e);
  }

  /**
   * Checks that a customer never entered a journey.
   *
   * @param customerId the customer
   * @param journey the journey's name
   * @return this assertion
   */
  public EngineAssert hasNotEnrolled(String customerId, String journey) {
    isNotNull();
    Explanation e = actual.explain(customerId);
    if (e.enrollment(journey).isPresent()) {
      failWithMessage("expected %s not to be enrolled in '%s', but:%n%s", customerId, journey,
          e);
    }
    return this;
  }

  /** Checks a refusal's reason, for one customer or across the engine's journeys. */
  public static final class RefusalAssert {
    private final Engine engine;
    private final String action;
    private final String customer;

    RefusalAssert(Engine engine, String action, String customer) {
      this.engine = engine;
      this.action = action;
      this.customer = customer;
    }

    /**
     * Narrows the check to one customer's journey history.
     *
     * @param customerId the customer
     * @return the narrowed assertion
     */
    public RefusalAssert to(String customerId) {
      return new RefusalAssert(engine, action, customerId);
    }

    /**
     * Checks that the action was refused (or deferred) for a reason.
     *
     * @param reason the reason
     */
    public void because(Reason reason) {
      String step = "send(" + action + ")";
      if (customer != null) {
        Explanation e = engine.explain(customer);
        for (Explanation.EnrollmentReport r : e.enrollments()) {
          for (StepRecord s : r.history()) {
            if (s.step().endsWith(step) && (s.outcome() == StepOutcome.REFUSED
                || s.outcome() == StepOutcome.DEFERRED || s.outcome()
                == StepOutcome.FALLBACK_REFUSED) && s.detail().equals(reason.name())) {
              return;
            }
          }
        }
        throw new AssertionError(String.format("expected '%s' refused to %s because %s, but:%n%s",
            action, customer, reason, e));
      }
      StringBuilder seen = new StringBuilder();
      for (JourneyStats j : engine.dashboard().funnels()) {
        for (StepStats s : j.steps()) {
          if (s.step().endsWith(step)) {
            if (s.refused(reason) > 0) {
              return;
            }
            seen.append("  ").append(j.journey()).append(" v").append(s.version()).append(' ')
                .append(s.step()).append(": refused ").append(s.refused()).append('\n');
          }
        }
      }
      throw new AssertionError(String.format("expected '%s' refused because %s, but its steps "
          + "show:%n%s", action, reason, seen.length() == 0 ? "  (no journey sends it)"
              : seen.toString().stripTrailing()));
    }
  }

  /** Assertions on one enrollment. */
  public static final class EnrollmentAssert
      extends AbstractAssert<EnrollmentAssert, Explanation.EnrollmentReport> {
    private final Explanation explanation;

    EnrollmentAssert(Explanation.EnrollmentReport actual, Explanation explanation) {
      super(actual, EnrollmentAssert.class);
      this.explanation = explanation;
    }

    /**
     * Checks the enrollment's state.
     *
     * @param status the expected state
     * @return this assertion
     */
    public EnrollmentAssert in(EnrollmentStatus status) {
      if (actual.status() != status) {
        failWithMessage("expected the enrollment in '%s' to be %s, but it is %s:%n%s",
            actual.journey(), status, actual.status(), explanation);
      }
      return this;
    }

    /**
     * Checks that the enrollment is held out.
     *
     * @return this assertion
     */
    public EnrollmentAssert heldOut() {
      if (!actual.holdout()) {
        failWithMessage("expected the enrollment in '%s' to be held out, but it is treated:%n%s",
            actual.journey(), explanation);
      }
      return this;
    }
  }
}
