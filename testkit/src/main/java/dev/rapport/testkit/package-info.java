/**
 * What a host uses to unit-test its own Rapport definitions: a controllable {@link
 * dev.rapport.testkit.TestClock}, a {@link dev.rapport.testkit.Scenario} runner, AssertJ
 * assertions ({@link dev.rapport.testkit.RapportAssertions}), replayable {@link
 * dev.rapport.testkit.History histories} and ready-made {@link
 * dev.rapport.testkit.EngineProperties properties}.
 *
 * <p>The testkit brings no test engine and no JUnit Platform: it runs on the JUnit the host
 * uses. Only {@link dev.rapport.testkit.RapportArbitraries} needs jqwik, an optional dependency
 * that a host adds to write properties.
 */
package dev.rapport.testkit;
