/**
 * Rapport's core: the customer model, the engine and its SPIs.
 *
 * <p>Only API packages are exported to everyone. {@code dev.rapport.core.internal}, the leaf
 * helpers that import nothing of Rapport, is exported to Rapport's own report module only, so
 * that the dashboard's texts and the engine's messages write durations with one piece of code.
 */
@SuppressWarnings("module") // the report module is built after core
module dev.rapport.core {
  requires org.slf4j;

  exports dev.rapport.core;
  exports dev.rapport.core.decision;
  exports dev.rapport.core.engine;
  exports dev.rapport.core.journey;
  exports dev.rapport.core.measure;
  exports dev.rapport.core.policy;
  exports dev.rapport.core.internal to dev.rapport.report;
}
