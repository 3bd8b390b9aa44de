/**
 * Measurement: metrics computed incrementally from the events the engine sees, the north star,
 * guardrails that pause what they protect while breached, experiments (holdouts and splits) with
 * their lift and confidence, and the dashboard that shows it all.
 */
package dev.rapport.core.measure;
