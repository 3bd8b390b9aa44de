/**
 * Rapport's DSL: the fluent, staged builders behind the static entry point {@link
 * dev.rapport.dsl.Rapport}.
 */
module dev.rapport.dsl {
  requires transitive dev.rapport.core;

  exports dev.rapport.dsl;
}
