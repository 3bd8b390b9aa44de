/**
 * Next best action: rule sets that recommend actions, placements that take recommendations, and
 * the arbitrated, explained {@link dev.rapport.core.decision.Decision}.
 *
 * <p>Arbitration follows Pega's: eligibility (the rules that match), suitability (the same gate
 * as journeys, plus the rule set's suitability rules), priority = propensity x context weight x
 * value x lever, then the top N with at most one action per topic. Propensity comes from a
 * pluggable {@link dev.rapport.core.decision.PropensityModel}: fixed, or adaptive (Thompson
 * sampling), learning online from the outcomes attributed to each recommendation.
 */
package dev.rapport.core.decision;
