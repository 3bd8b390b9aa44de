package dev.rapport.core.engine;

/**
 * Counters of what an engine did since it was built.
 *
 * @param eventsTracked events tracked and processed (duplicates excluded)
 * @param duplicatesIgnored events ignored because their id was seen before for that customer
 * @param eventsEmitted events the engine emitted itself (moments, segments, personas)
 * @param identifies identify calls applied
 * @param conditionFailures conditions (of personas, segments, moments) that threw and were
 *     skipped
 * @param conflictRetries optimistic writes retried after a concurrent change in the state store
 * @param dispatches dispatches handed to the host's dispatcher
 * @param dispatchFailures dispatches whose dispatcher call threw
 * @param timersFired customers whose timers fired in {@code advanceTo}
 * @param decisions next-best-action decisions made, by calls and by journey steps
 * @param ruleFailures rules and suitability rules whose condition threw and were skipped
 * @param listenerFailures calls of guardrail and failure listeners that threw
 * @param modelFailures calls of the propensity model that threw (the action was then rejected
 *     with {@link dev.rapport.core.policy.Reason#MODEL_FAILED}, or the observation missed)
 * @param redelivered dispatches handed over again when the engine was built, because the state
 *     store's outbox held them undelivered (a previous engine stopped between a commit and the
 *     hand-over)
 * @param refusalsForgotten refusals that customers' records dropped under the {@linkplain
 *     RefusalRetention refusal retention} (each customer's count is in {@link
 *     RefusalLog#forgotten()})
 */
public record EngineStatistics(long eventsTracked, long duplicatesIgnored, long eventsEmitted,
    long identifies, long conditionFailures, long conflictRetries, long dispatches,
    long dispatchFailures, long timersFired, long decisions, long ruleFailures,
    long listenerFailures, long modelFailures, long redelivered,
    long refusalsForgotten) {}
