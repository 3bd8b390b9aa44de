package dev.rapport.testkit;

import dev.rapport.core.decision.Decision;
import dev.rapport.core.engine.Engine;

/**
 * The entry point of Rapport's AssertJ assertions, for static import next to AssertJ's own.
 *
 * <pre>{@code
 * import static dev.rapport.testkit.RapportAssertions.assertThat;
 *
 * assertThat(decision).recommends("brew-guide").via(EMAIL);
 * assertThat(outbox).sent("welcome").to("c-1").within(Duration.ofMinutes(1));
 * assertThat(engine).refused("promo").because(CAPPED);
 * }</pre>
 */
public final class RapportAssertions {
  private RapportAssertions() {}

  /**
   * Starts assertions on a decision.
   *
   * @param decision the decision
   * @return the assertion
   */
  public static DecisionAssert assertThat(Decision decision) {
    return new DecisionAssert(decision);
  }

  /**
   * Starts assertions on an outbox.
   *
   * @param outbox the outbox
   * @return the assertion
   */
  public static OutboxAssert assertThat(Outbox outbox) {
    return new OutboxAssert(outbox);
  }

  /**
   * Starts assertions on an engine.
   *
   * @param engine the engine
   * @return the assertion
   */
  public static EngineAssert assertThat(Engine engine) {
    return new EngineAssert(engine);
  }
}
