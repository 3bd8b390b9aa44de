/**
 * The contact policy and the gate's verdicts: what every message, from a journey's send step or
 * a next-best-action decision, must pass before it reaches a customer.
 *
 * <p>A {@link dev.rapport.core.policy.ContactPolicy} holds the caps over rolling windows (all
 * channels, per channel, per topic, per purpose), the minimum gap between marketing messages,
 * quiet hours and what to do in them, suppression after an unsubscribe or a complaint, and how
 * each channel treats consent and reachability. The engine evaluates it, together with the
 * customer's consents and preferences, the action's cooldown and any guardrail pause, in one
 * place; its answer is a GateDecision, and a refusal always
 * carries a {@link dev.rapport.core.policy.Reason}, so that "why didn't she get it?" has an
 * answer.
 *
 * <pre>{@code
 * ContactPolicy policy = ContactPolicy.builder()
 *     .cap(Cap.of(3, Duration.ofDays(7)))
 *     .cap(Cap.of(1, Duration.ofDays(1)).on(Channel.SMS))
 *     .quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0))
 *     .build();
 * }</pre>
 */
package dev.rapport.core.policy;
