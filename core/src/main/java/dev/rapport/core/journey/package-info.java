/**
 * Journeys: triggered, behaviour-based sequences of steps (send, wait, wait for an event, branch,
 * split, exit) with an entry trigger, a goal, exit criteria and a holdout.
 *
 * <p>A {@link dev.rapport.core.journey.Journey} is an immutable definition that can be walked
 * (for diagrams: {@code dev.rapport.report.JourneyDiagram} in {@code rapport-report} draws it
 * as Mermaid or Graphviz DOT); each customer's place in it is kept by the engine in the state
 * store and explained by {@code Engine.explain}. Steps are usually built with the
 * verbs of {@code dev.rapport.dsl.Rapport}: {@code send}, {@code waitFor}, {@code when}, {@code
 * split}, {@code exit}.
 */
package dev.rapport.core.journey;
