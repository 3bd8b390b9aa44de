/**
 * The main command's durable state ({@code --store}): the engine's state in a JDBC database
 * through rapport-store-jdbc, and the messages the examples' host has sent, so that a run stopped
 * and started again continues where it stopped.
 */
package dev.rapport.examples.durable;
