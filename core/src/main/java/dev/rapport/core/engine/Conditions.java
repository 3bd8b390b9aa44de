package dev.rapport.core.engine;

import dev.rapport.core.Condition;
import dev.rapport.core.Properties;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the host's conditions run: personas, segments, moments, journey triggers,
 * waits, branches, exits, metric definitions and rules. A condition that throws is skipped,
 * counted in the call's statistics, told to the failure listener and logged without its message
 * (which may quote customer data); in strict mode (for tests) it is rethrown, wrapped with the
 * name of what threw, before anything of the call is stored.
 */
final class Conditions {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  private final boolean strict;

  Conditions(boolean strict) {
    this.strict = strict;
  }

  boolean strict() {
    return strict;
  }

  /** Tests a condition on the call's customer; null if it threw (and was skipped). */
  Boolean test(String kind, String name, Condition c, Txn t) {
    try {
      return c.test(t.view());
    } catch (RuntimeException ex) {
      failed(kind, name, ex, t);
      return null;
    }
  }

  /** Tests a predicate on an event's properties; null if it threw (and was skipped). */
  Boolean testProperties(String kind, String name, Predicate<Properties> p, Properties props,
      Txn t) {
    try {
      return p.test(props);
    } catch (RuntimeException ex) {
      failed(kind, name, ex, t);
      return null;
    }
  }

  /**
   * Counts, reports and logs a failure of the host's code, or rethrows it in strict mode.
   *
   * @throws IllegalStateException in strict mode
   */
  void failed(String kind, String name, RuntimeException ex, Txn t) {
    if (strict) {
      throw new IllegalStateException(kind + " '" + name + "': its condition threw "
          + ex.getClass().getName() + " (strict mode); fix the condition", ex);
    }
    t.conditionFailures++;
    t.failed(Failure.Kind.CONDITION, kind + " '" + name + "'", ex);
    // the exception's message may quote customer data: only its class above DEBUG
    LOG.warn("{} '{}': condition threw {}; skipped (counted in statistics().conditionFailures(); "
        + "details through Engine.builder().failureListener)", kind, name,
        ex.getClass().getName());
    LOG.debug("{} '{}': condition failure", kind, name, ex);
  }

  /**
   * A rule's condition, or a suitability rule's, threw while deciding: strict mode propagates
   * it; otherwise it is counted among the rule failures and told to the failure listener, and
   * the decision goes on without the rule (the caller records it in the decision).
   *
   * @param what the rule set and rule, as messages name them
   * @param fix what the strict-mode message ends with
   */
  void ruleFailed(String what, String fix, RuntimeException ex, Txn t) {
    if (strict) {
      throw new IllegalStateException(what + ": its condition threw " + ex.getClass().getName()
          + " (strict mode)" + fix, ex);
    }
    t.ruleFailures++;
    t.failed(Failure.Kind.RULE, what, ex);
    LOG.debug("{}: rule condition failure", what, ex);
  }
}
