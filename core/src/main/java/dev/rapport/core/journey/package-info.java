/**
 * Journeys: triggered, behaviour-based sequences of steps (send, wait, wait for an event, branch,
 * split, exit) with an entry trigger, a goal, exit criteria and a holdout.
 *
 * <p>A {@link dev.rapport.core.journey.Journey} is an immutable definition that can be walked
 * (for diagrams: {@link dev.rapport.core.journey.Journey#toMermaid()}, {@link
 * dev.rapport.core.journey.Journey#toDot()}); its runtime state per customer is an {@link
 * dev.rapport.core.journey.Enrollment}, kept in the state store. Steps are usually built with the
 * verbs of {@code dev.rapport.dsl.Rapport}: {@code send}, {@code waitFor}, {@code when}, {@code
 * split}, {@code exit}.
 */
package dev.rapport.core.journey;
