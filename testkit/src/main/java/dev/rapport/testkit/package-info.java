/**
 * What a host uses to unit-test its own Rapport definitions: a controllable {@link
 * dev.rapport.testkit.TestClock}, and as the product grows, scenarios, assertions and generators.
 */
package dev.rapport.testkit;
