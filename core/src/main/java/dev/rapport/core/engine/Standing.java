package dev.rapport.core.engine;

import dev.rapport.core.EngagementLevel;
import dev.rapport.core.LifecycleStage;
import java.time.Instant;
import java.util.Optional;

/**
 * A customer's engagement level and lifecycle stage as last computed by the engine's models, and
 * when to review them if nothing happens before.
 *
 * @param engagement the engagement level
 * @param stage the lifecycle stage
 * @param reviewAt when the models said the answer may change with no new event
 */
public record Standing(EngagementLevel engagement, LifecycleStage stage,
    Optional<Instant> reviewAt) {

  /**
   * Checks the components.
   *
   * @param engagement the engagement level
   * @param stage the lifecycle stage
   * @param reviewAt when the models said the answer may change with no new event
   * @throws IllegalArgumentException if one is null
   */
  public Standing {
    if (engagement == null || stage == null || reviewAt == null) {
      throw new IllegalArgumentException("standing: engagement, stage and review time must not "
          + "be null");
    }
  }
}
