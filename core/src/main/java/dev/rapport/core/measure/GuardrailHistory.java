package dev.rapport.core.measure;

import java.util.List;
import java.util.Objects;

/**
 * A guardrail's course over the dashboard's window: its bound, its metric day by day, and every
 * pause it imposed, so that a dashboard can draw the line with the bound and the pauses on it.
 *
 * @param guardrail its description, as in {@link GuardrailState#guardrail()}, such as {@code
 *     unsubscribe_rate below 0.02 (min 200)}
 * @param direction whether the metric must stay below or above the bound
 * @param bound the bound
 * @param recoveryPoint the value past which a breached guardrail recovers
 * @param minSample the sample needed before the guardrail can be breached
 * @param trend the guardrail's metric in its dimension, day by day
 * @param pauses the pauses that ended within the dashboard's window or still go on, oldest
 *     first
 */
public record GuardrailHistory(String guardrail, Guardrail.Direction direction, double bound,
    double recoveryPoint, long minSample, Trend trend, List<GuardrailPause> pauses) {
  /**
   * Copies the pauses.
   *
   * @param guardrail its description, as in {@link GuardrailState#guardrail()}
   * @param direction whether the metric must stay below or above the bound
   * @param bound the bound
   * @param recoveryPoint the value past which a breached guardrail recovers
   * @param minSample the sample needed before the guardrail can be breached
   * @param trend the guardrail's metric in its dimension, day by day
   * @param pauses the pauses that ended within the window or still go on, oldest first
   * @throws NullPointerException if a component or a pause is null
   */
  public GuardrailHistory {
    Objects.requireNonNull(guardrail, "guardrail");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(trend, "trend");
    pauses = List.copyOf(pauses);
  }
}
