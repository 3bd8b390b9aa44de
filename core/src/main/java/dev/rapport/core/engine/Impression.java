package dev.rapport.core.engine;

import java.time.Instant;

/**
 * A recommendation shown or sent to a customer, kept in their state so that outcome events
 * carrying its id ({@code impression_id}, or {@code dispatch_id} when the decision was sent) are
 * attributed to it and teach the propensity model.
 *
 * @param id the stable id
 * @param action the action's name
 * @param ruleSet the rule set that proposed it
 * @param placement the placement's name
 * @param group the propensity model's group for this customer, such as a persona
 * @param at when it was decided
 * @param answered whether an outcome was already attributed to it
 */
record Impression(String id, String action, String ruleSet, String placement,
    String group, Instant at, boolean answered) {}
