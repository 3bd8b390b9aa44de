package dev.rapport.dsl.decision;

/**
 * The reasons of the next-best-action tests disabled because of a bug in the engine, one constant
 * per bug, so that fixing one re-enables every test it holds back.
 */
final class KnownBugs {
  private KnownBugs() {}

  /**
   * Arbiter.decide gates every candidate against the contacts stored before the call, never
   * against the winners already picked in the same decision; DefaultEngine.decide(..., send)
   * then dispatches every winner. A placement taking 3 under a cap of 2 sends 3 messages.
   */
  static final String CAP_WITHIN_ONE_DECISION = "bug: decideAndSend can send more winners than "
      + "a cap, the minimum gap or a per-channel cap allows (Arbiter.decide gates each candidate "
      + "against the contacts before the call, not the winners picked before it)";

  /**
   * Arbiter.eligible groups candidates by action name with computeIfAbsent, so a candidate keeps
   * the suitability rules of the first rule set that proposed it: another rule set's
   * never(action) is ignored whenever a rule set declared earlier proposes the same action.
   */
  static final String SUITABILITY_OF_FIRST_RULE_SET_ONLY = "bug: a rule set's suitability rule "
      + "is ignored when a rule set declared before it proposes the same action (Arbiter.eligible "
      + "keeps only the first rule set's suitability in the Candidate)";

  /**
   * Arbiter.impressionId hashes the customer, the placement, the action and the time, so two
   * decisions in the same instant record two impressions with one id; Arbiter.onEvent marks the
   * first unanswered one per outcome, so a second click on that id is attributed to the copy and
   * counted as a second success (and the repeated impression as a second trial).
   */
  static final String SAME_INSTANT_IMPRESSIONS = "bug: two decisions in the same instant record "
      + "two impressions with the same id, so one impression can be clicked and counted twice "
      + "(Arbiter.impressionId is not unique per decision; recordImpressions keeps duplicates)";

  /**
   * Arbiter.suitability catches a suitability condition that throws, counts it in ruleFailures
   * and blocks the action, but never adds a RuleFailure to the decision's failures: the decision
   * then explains the block with the rule's description, as if the condition had held.
   */
  static final String SUITABILITY_FAILURE_NOT_REPORTED = "bug: a suitability rule whose "
      + "condition throws is counted but not reported in decision.failures(); its UNSUITABLE "
      + "rejection reads as if the condition had held (Arbiter.suitability catch block)";

  /**
   * DefaultEngine's constructor sizes the contact retention from the cooldowns of the journeys'
   * send steps and of the engine's rule sets only (Journey.actions() skips decide steps), so the
   * cooldown of an action that only a journey's decide(ruleSet) step can send is not covered:
   * with no longer cap the contacts are kept seven days (JourneyRuntime's minimum), the next
   * dispatch prunes the action's contact, and a later decide step sends it again inside a
   * longer cooldown.
   */
  static final String DECIDE_STEP_COOLDOWN_PRUNED = "bug: the cooldown of an action sent only "
      + "by a journey's decide step is not honoured beyond the contact retention (DefaultEngine computes the "
      + "contact retention without decide-step rule sets, so the contact is pruned)";
}
