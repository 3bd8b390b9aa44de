/**
 * Rapport's testkit: a controllable clock, scenarios, AssertJ assertions, and jqwik generators
 * and properties for a host's own definitions.
 *
 * <p>jqwik is optional ({@code requires static}): only {@link
 * dev.rapport.testkit.RapportArbitraries} needs it, so a test suite without jqwik uses the rest of
 * the testkit and brings its own JUnit version.
 */
module dev.rapport.testkit {
  requires transitive dev.rapport.core;
  requires transitive org.assertj.core;
  requires static transitive net.jqwik.api;

  exports dev.rapport.testkit;
}
