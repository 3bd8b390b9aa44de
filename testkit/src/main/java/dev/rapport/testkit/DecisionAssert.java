package dev.rapport.testkit;

import dev.rapport.core.Channel;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.Recommendation;
import dev.rapport.core.decision.Rejection;
import dev.rapport.core.policy.Reason;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link Decision} that read like the domain. Every failure prints the whole
 * decision (winners with their score factors, rejections with their reasons), so that the
 * message shows what happened instead.
 *
 * <pre>{@code
 * assertThat(engine.decide("c-1")).recommends("brew-guide").via(EMAIL);
 * assertThat(decision).rejects("review-request").because(Reason.UNSUITABLE);
 * }</pre>
 */
public final class DecisionAssert extends AbstractAssert<DecisionAssert, Decision> {

  DecisionAssert(Decision actual) {
    super(actual, DecisionAssert.class);
  }

  /**
   * Checks that an action is among the winners.
   *
   * @param action the action's name
   * @return an assertion on that recommendation
   */
  public RecommendationAssert recommends(String action) {
    isNotNull();
    for (Recommendation r : actual.winners()) {
      if (r.action().name().equals(action)) {
        return new RecommendationAssert(r, actual);
      }
    }
    failWithMessage("expected the decision to recommend '%s', but it did not:%n%s", action,
        actual);
    throw new AssertionError("unreachable");
  }

  /**
   * Checks that an action is the best winner.
   *
   * @param action the action's name
   * @return an assertion on that recommendation
   */
  public RecommendationAssert recommendsFirst(String action) {
    isNotNull();
    Optional<Recommendation> best = actual.best();
    if (best.isEmpty() || !best.get().action().name().equals(action)) {
      failWithMessage("expected '%s' to be the best recommendation, but the decision was:%n%s",
          action, actual);
    }
    return new RecommendationAssert(best.orElseThrow(), actual);
  }

  /**
   * Checks the winners, in order.
   *
   * @param actions the actions' names, best first
   * @return this assertion
   */
  public DecisionAssert ranks(String... actions) {
    isNotNull();
    List<String> names = actual.winners().stream().map(r -> r.action().name()).toList();
    if (!names.equals(List.of(actions))) {
      failWithMessage("expected the winners %s, in that order, but the decision was:%n%s",
          List.of(actions), actual);
    }
    return this;
  }

  /**
   * Checks that there is no winner.
   *
   * @return this assertion
   */
  public DecisionAssert recommendsNothing() {
    isNotNull();
    if (!actual.winners().isEmpty()) {
      failWithMessage("expected no recommendation, but the decision was:%n%s", actual);
    }
    return this;
  }

  /**
   * Checks that an action is not among the winners.
   *
   * @param action the action's name
   * @return this assertion
   */
  public DecisionAssert doesNotRecommend(String action) {
    isNotNull();
    for (Recommendation r : actual.winners()) {
      if (r.action().name().equals(action)) {
        failWithMessage("expected the decision not to recommend '%s', but it did:%n%s", action,
            actual);
      }
    }
    return this;
  }

  /**
   * Checks that an action was rejected.
   *
   * @param action the action's name
   * @return an assertion on the rejection
   */
  public RejectionAssert rejects(String action) {
    isNotNull();
    Optional<Rejection> r = actual.rejection(action);
    if (r.isEmpty()) {
      failWithMessage("expected the decision to reject '%s', but it did not:%n%s", action,
          actual);
    }
    return new RejectionAssert(r.orElseThrow(), actual);
  }

  /** Assertions on one recommendation of a decision. */
  public static final class RecommendationAssert
      extends AbstractAssert<RecommendationAssert, Recommendation> {
    private final Decision decision;

    RecommendationAssert(Recommendation actual, Decision decision) {
      super(actual, RecommendationAssert.class);
      this.decision = decision;
    }

    /**
     * Checks the channel.
     *
     * @param channel the expected channel
     * @return this assertion
     */
    public RecommendationAssert via(Channel channel) {
      if (!actual.channel().equals(channel)) {
        failWithMessage("expected '%s' via %s, but it goes via %s:%n%s", actual.action().name(),
            channel, actual.channel(), decision);
      }
      return this;
    }

    /**
     * Checks that one of the proposing rules gave a reason.
     *
     * @param reason the reason
     * @return this assertion
     */
    public RecommendationAssert because(String reason) {
      if (!actual.reasons().contains(reason)) {
        failWithMessage("expected '%s' because \"%s\", but its reasons are %s:%n%s",
            actual.action().name(), reason, actual.reasons(), decision);
      }
      return this;
    }

    /**
     * Checks the score, to within 1e-9.
     *
     * @param score the expected score
     * @return this assertion
     */
    public RecommendationAssert withScore(double score) {
      if (Math.abs(actual.score() - score) > 1e-9) {
        failWithMessage("expected '%s' to score %s, but it scores %s:%n%s",
            actual.action().name(), score, actual.score(), decision);
      }
      return this;
    }
  }

  /** Assertions on one rejection of a decision. */
  public static final class RejectionAssert extends AbstractAssert<RejectionAssert, Rejection> {
    private final Decision decision;

    RejectionAssert(Rejection actual, Decision decision) {
      super(actual, RejectionAssert.class);
      this.decision = decision;
    }

    /**
     * Checks the reason code.
     *
     * @param reason the expected reason
     * @return this assertion
     */
    public RejectionAssert because(Reason reason) {
      if (actual.reason() != reason) {
        failWithMessage("expected '%s' rejected because %s, but it was rejected because %s "
            + "(%s):%n%s", actual.action(), reason, actual.reason(), actual.detail(), decision);
      }
      return this;
    }
  }
}
