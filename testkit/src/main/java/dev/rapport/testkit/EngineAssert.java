package dev.rapport.testkit;

import dev.rapport.core.Channel;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.Explanation;
import dev.rapport.core.engine.RefusalLog;
import dev.rapport.core.engine.RefusalQuery;
import dev.rapport.core.journey.EnrollmentStatus;
import dev.rapport.core.journey.JourneyStats;
import dev.rapport.core.journey.StepStats;
import dev.rapport.core.policy.Reason;
import dev.rapport.core.policy.Refusal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * assertThat(engine).refused("promo").to("c-1").inJourney("winback").because(CAPPED).times(2);
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

  /**
   * Checks what the gate refused of an action: for one customer, from the engine's {@linkplain
   * Engine#refusals(RefusalQuery) refusal query} (journeys, their fallbacks and decisions),
   * narrowed by journey, decision, channel and time; across customers, from the journeys'
   * refusal counts.
   *
   * <pre>{@code
   * assertThat(engine).refused("promo").to("c-1").because(CAPPED);
   * assertThat(engine).refused("promo").to("c-1").inJourney("winback").on(EMAIL)
   *     .because(NO_CONSENT).times(2);
   * assertThat(engine).refused("promo").to("c-1").inDecision().between(monday, tuesday)
   *     .because(SUPPORT_HOLD);
   * }</pre>
   */
  public static final class RefusalAssert {
    private final Engine engine;
    private final String action;
    private final String customer;
    private final String journey;
    private final boolean decisionOnly;
    private final Channel channel;
    private final Instant from;
    private final Instant to;
    private final Reason reason;

    RefusalAssert(Engine engine, String action, String customer) {
      this(engine, action, customer, null, false, null, null, null, null);
    }

    private RefusalAssert(Engine engine, String action, String customer, String journey,
        boolean decisionOnly, Channel channel, Instant from, Instant to, Reason reason) {
      this.engine = engine;
      this.action = action;
      this.customer = customer;
      this.journey = journey;
      this.decisionOnly = decisionOnly;
      this.channel = channel;
      this.from = from;
      this.to = to;
      this.reason = reason;
    }

    /**
     * Narrows the check to one customer's refusals.
     *
     * @param customerId the customer
     * @return the narrowed assertion
     */
    public RefusalAssert to(String customerId) {
      return new RefusalAssert(engine, action, customerId, journey, decisionOnly, channel, from,
          to, reason);
    }

    /**
     * Narrows the check to the refusals of one journey's steps.
     *
     * @param name the journey's name
     * @return the narrowed assertion
     * @throws IllegalStateException if not narrowed to a customer first
     */
    public RefusalAssert inJourney(String name) {
      needsCustomer("inJourney");
      return new RefusalAssert(engine, action, customer, name, decisionOnly, channel, from, to,
          reason);
    }

    /**
     * Narrows the check to the refusals of next-best-action decisions.
     *
     * @return the narrowed assertion
     * @throws IllegalStateException if not narrowed to a customer first
     */
    public RefusalAssert inDecision() {
      needsCustomer("inDecision");
      return new RefusalAssert(engine, action, customer, journey, true, channel, from, to,
          reason);
    }

    /**
     * Narrows the check to the refusals about one channel.
     *
     * @param on the channel
     * @return the narrowed assertion
     * @throws IllegalStateException if not narrowed to a customer first
     */
    public RefusalAssert on(Channel on) {
      needsCustomer("on");
      return new RefusalAssert(engine, action, customer, journey, decisionOnly, on, from, to,
          reason);
    }

    /**
     * Narrows the check to a time range, from {@code start} (included) to {@code end}
     * (excluded).
     *
     * @param start the start
     * @param end the end
     * @return the narrowed assertion
     * @throws IllegalStateException if not narrowed to a customer first
     */
    public RefusalAssert between(Instant start, Instant end) {
      needsCustomer("between");
      return new RefusalAssert(engine, action, customer, journey, decisionOnly, channel, start,
          end, reason);
    }

    /**
     * Checks that the action was refused (or deferred) for a reason, at least once within what
     * the assertion is narrowed to.
     *
     * @param why the reason
     * @return the assertion narrowed to that reason, to count with {@link #times(int)}
     * @throws AssertionError if it was not
     */
    public RefusalAssert because(Reason why) {
      RefusalAssert narrowed = new RefusalAssert(engine, action, customer, journey,
          decisionOnly, channel, from, to, why);
      if (customer == null) {
        narrowed.acrossJourneys();
        return narrowed;
      }
      if (narrowed.matching().isEmpty()) {
        throw new AssertionError(String.format("expected '%s' refused to %s because %s%s, "
            + "but:%n%s%n%s", action, customer, why, narrowed.narrowing(),
            engine.explain(customer), narrowed.log()));
      }
      return narrowed;
    }

    /**
     * Checks how many times the action was refused for the reason given to {@link
     * #because(Reason)}, within what the assertion is narrowed to.
     *
     * @param expected the number of refusals
     * @return this assertion
     * @throws IllegalStateException if no customer or reason was given first
     * @throws AssertionError if the number differs
     */
    public RefusalAssert times(int expected) {
      needsCustomer("times");
      if (reason == null) {
        throw new IllegalStateException("refused('" + action + "').times(" + expected + "): "
            + "give the reason first, with because(reason)");
      }
      int found = matching().size();
      if (found != expected) {
        throw new AssertionError(String.format("expected '%s' refused to %s because %s%s %d "
            + "times, but it was %d times:%n%s", action, customer, reason, narrowing(),
            expected, found, log()));
      }
      return this;
    }

    private void needsCustomer(String call) {
      if (customer == null) {
        throw new IllegalStateException("refused('" + action + "')." + call + "(...): narrow "
            + "to a customer first, with to(customerId)");
      }
    }

    private List<Refusal> matching() {
      RefusalQuery q = RefusalQuery.of(customer).action(action);
      if (journey != null) {
        q = q.journey(journey);
      }
      if (from != null) {
        q = q.between(from, to);
      }
      List<Refusal> out = new ArrayList<>();
      for (Refusal r : engine.refusals(q).refusals()) {
        if ((reason == null || r.reason() == reason) && (!decisionOnly || r.fromDecision())
            && (channel == null || r.channel().equals(Optional.of(channel)))) {
          out.add(r);
        }
      }
      return out;
    }

    private String narrowing() {
      return (journey != null ? " in journey '" + journey + "'" : "")
          + (decisionOnly ? " in a decision" : "")
          + (channel != null ? " on " + channel : "")
          + (from != null ? " between " + from + " and " + to : "");
    }

    private String log() {
      RefusalLog all = engine.refusals(RefusalQuery.of(customer).action(action));
      StringBuilder b = new StringBuilder("refusals of '" + action + "' kept for " + customer
          + ":");
      if (all.refusals().isEmpty()) {
        b.append(" none");
      }
      for (Refusal r : all.refusals()) {
        b.append(System.lineSeparator()).append("  ").append(r);
      }
      if (all.forgotten() > 0) {
        b.append(System.lineSeparator()).append("  (").append(all.forgotten())
            .append(" older refusals of this customer forgotten, the latest at ")
            .append(all.forgottenUntil().orElseThrow()).append(')');
      }
      return b.toString();
    }

    private void acrossJourneys() {
      String step = "send(" + action + ")";
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
