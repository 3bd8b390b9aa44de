package dev.rapport.examples;

import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.profile;

import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.Explanation;
import dev.rapport.testkit.Scenario;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Finds customers inside or outside a journey's holdout by trying ids, as a host's test would:
 * whether a customer is held out is a stable function of the journey and the customer's id, so
 * an id found here is held out (or treated) in every scenario.
 */
public final class Holdouts {
  private static final int TRIES = 500;

  private Holdouts() {}

  /**
   * Returns the first id {@code prefix-1}, {@code prefix-2}, ... that the journey treats.
   *
   * @param configure the engine's definitions
   * @param journey the journey's name
   * @param entryEvent an event type that enters the journey
   * @param prefix the ids' prefix
   * @return the id
   */
  public static String treated(UnaryOperator<Engine.Builder> configure, String journey,
      String entryEvent, String prefix) {
    return find(configure, journey, entryEvent, prefix, false);
  }

  /**
   * Returns the first id {@code prefix-1}, {@code prefix-2}, ... that the journey holds out.
   *
   * @param configure the engine's definitions
   * @param journey the journey's name
   * @param entryEvent an event type that enters the journey
   * @param prefix the ids' prefix
   * @return the id
   */
  public static String heldOut(UnaryOperator<Engine.Builder> configure, String journey,
      String entryEvent, String prefix) {
    return find(configure, journey, entryEvent, prefix, true);
  }

  private static String find(UnaryOperator<Engine.Builder> configure, String journey,
      String entryEvent, String prefix, boolean heldOut) {
    Scenario s = Scenario.startingAt("2026-03-02T09:00:00Z", configure);
    for (int i = 1; i <= TRIES; i++) {
      String id = prefix + "-" + i;
      s.given(id, profile().set(EMAIL_ADDRESS, id + "@example.com")).track(id, entryEvent);
      Optional<Explanation.EnrollmentReport> r = s.explain(id).enrollment(journey);
      if (r.isEmpty()) {
        throw new AssertionError("'" + entryEvent + "' did not enter " + id + " in '" + journey
            + "':\n" + s.explain(id));
      }
      if (r.get().holdout() == heldOut) {
        return id;
      }
    }
    throw new AssertionError("no " + (heldOut ? "held-out" : "treated") + " customer in '"
        + journey + "' among " + TRIES + " ids");
  }
}
