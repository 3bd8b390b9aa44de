/**
 * Runnable examples of Rapport, written as a user would: with the published modules only, plus
 * well-kept libraries for what a command needs (picocli, a progress bar, logback, Jackson,
 * Commons CSV).
 * {@link dev.rapport.examples.Main} is the command the README runs first.
 */
package dev.rapport.examples;
