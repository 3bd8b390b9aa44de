/**
 * Rapport's core: the customer model, the engine and its SPIs.
 *
 * <p>Only API packages are exported; {@code dev.rapport.core.internal} is not.
 */
module dev.rapport.core {
  requires org.slf4j;

  exports dev.rapport.core;
  exports dev.rapport.core.decision;
  exports dev.rapport.core.engine;
  exports dev.rapport.core.journey;
  exports dev.rapport.core.measure;
  exports dev.rapport.core.policy;
}
