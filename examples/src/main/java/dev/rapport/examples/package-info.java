/**
 * Runnable examples of Rapport, written as a user would: with the published modules only.
 * {@link dev.rapport.examples.Main} is the command the README runs first.
 */
package dev.rapport.examples;
