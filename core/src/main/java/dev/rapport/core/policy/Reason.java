package dev.rapport.core.policy;

/**
 * Why a message was not sent. The gate gives one of these with every refusal, so that the engine
 * can record it per journey step and per action.
 */
public enum Reason {
  /** Marketing on the channel needs the customer's consent, and they have not given it. */
  NO_CONSENT,
  /** The customer cannot be reached on the channel: the trait it needs is not set. */
  UNREACHABLE,
  /** Marketing is suppressed after the customer unsubscribed or complained. */
  SUPPRESSED,
  /** The customer does not want to hear about the action's topic. */
  TOPIC_OPTED_OUT,
  /** The same action was sent to the customer within its cooldown. */
  COOLDOWN,
  /** A cap of the contact policy would be exceeded. */
  CAPPED,
  /** The previous marketing message was sent less than the minimum gap ago. */
  MIN_GAP,
  /** It is quiet hours for the customer; the message can be sent when they end. */
  QUIET_HOURS_DEFERRED,
  /** It is quiet hours for the customer, and the policy drops what falls in them. */
  QUIET_HOURS_DROPPED,
  /** A guardrail that protects the journey or action is breached, which pauses it. */
  GUARDRAIL_PAUSED,
  /**
   * The customer is in the journey's holdout and is measured but never sent anything. Not
   * produced by the gate; recorded by the engine. (An action's own holdout is {@link
   * #ACTION_HOLDOUT}.)
   */
  HOLDOUT,
  /** The host's dispatcher threw. Not produced by the gate; recorded by the engine. */
  DISPATCH_FAILED,
  /** Next best action: a rule set's suitability rule blocks the action now. */
  UNSUITABLE,
  /** Next best action: none of the action's channels is carried by the placement. */
  NOT_ON_PLACEMENT,
  /** Next best action: a better-scored action of the same topic won. */
  TOPIC_TAKEN,
  /** Next best action: better-scored actions filled the placement. */
  BELOW_CUTOFF,
  /** Next best action: no rule proposed any action the gate allows. */
  NO_CANDIDATE,
  /**
   * Next best action: the propensity model threw while scoring the action, so it could not be
   * ranked (counted in {@code EngineStatistics.modelFailures()}).
   */
  MODEL_FAILED,
  /**
   * The customer has a support problem: a {@linkplain SupportHold hold} of the contact policy
   * holds marketing back within a window after a support event, or while a ticket is open.
   */
  SUPPORT_HOLD,
  /**
   * Contact policy: the customer left too many marketing messages in a row unanswered, and
   * marketing pauses until they respond or the pause ends ({@link Fatigue}).
   */
  FATIGUED,
  /**
   * The customer is in the action's own holdout ({@code Action.Builder.holdout}): the message
   * would have been sent (the gate allowed it; in a decision, it ranked among the winners), and
   * is withheld so that the engine can measure what it adds. Not produced by the gate; recorded
   * by the engine where the action would have gone, in a journey's send step (which then goes
   * on, as after any refusal that does not wait) or a decision (whose slot stays empty). Never
   * retryable: the customer stays in the holdout. (Last in the list: enrollments keep reasons by
   * their place in it.)
   */
  ACTION_HOLDOUT;

  /**
   * Tells whether the same message may pass the gate later, as time passes (and, for {@link
   * #SUPPORT_HOLD} while a ticket is open, when it is resolved; for {@link #FATIGUED}, when the
   * customer responds): true for {@link #COOLDOWN}, {@link #CAPPED}, {@link #MIN_GAP}, {@link
   * #QUIET_HOURS_DEFERRED}, {@link #GUARDRAIL_PAUSED}, {@link #SUPPORT_HOLD} and {@link
   * #FATIGUED}. A journey's send step that waits for the gate waits for these.
   *
   * @return whether waiting may help
   */
  public boolean isRetryable() {
    switch (this) {
      case COOLDOWN:
      case CAPPED:
      case MIN_GAP:
      case QUIET_HOURS_DEFERRED:
      case GUARDRAIL_PAUSED:
      case SUPPORT_HOLD:
      case FATIGUED:
        return true;
      default:
        return false;
    }
  }
}
