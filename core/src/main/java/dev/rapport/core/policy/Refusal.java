package dev.rapport.core.policy;

import dev.rapport.core.Channel;
import dev.rapport.core.CustomerId;
import java.time.Instant;
import java.util.Optional;

/**
 * One message the engine did not send to a customer, and why: the answer to "why didn't she get
 * it?". A journey's send step (or a fallback of its message) names its journey and step; a
 * next-best-action decision names its placement.
 *
 * <pre>{@code
 * for (Refusal r : engine.refusals(RefusalQuery.of("c-1").action("spring-promo")).refusals()) {
 *   System.out.println(r.at() + " " + r.reason() + " " + r.journey().orElse("decision"));
 * }
 * }</pre>
 *
 * @param customer the customer
 * @param at when, in the engine's time
 * @param action the name of the action not sent
 * @param reason why
 * @param channel the channel the refusal is about: the most preferred channel for a refusal of
 *     every channel, the channel the message would have gone on for a check of the customer
 *     (caps over all channels, quiet hours, a support hold); empty when no channel was checked
 *     (a guardrail pause, a suitability rule, no channel left to try)
 * @param journey the journey whose step was refused, if any
 * @param step the step's label within its journey, such as {@code 2} or {@code 2/timeout/1}, if
 *     a journey's step was refused
 * @param placement the placement of the next-best-action decision that refused the action, if
 *     it was a decision (a journey's decide step names its journey and step too)
 * @param attempt 1 for a message's first try, 2 and more for a fallback to a next channel after
 *     a failed delivery or no response
 */
public record Refusal(CustomerId customer, Instant at, String action, Reason reason,
    Optional<Channel> channel, Optional<String> journey, Optional<String> step,
    Optional<String> placement, int attempt) {

  /**
   * Checks the components.
   *
   * @param customer the customer
   * @param at when
   * @param action the action's name
   * @param reason why
   * @param channel the channel, if any
   * @param journey the journey, if any
   * @param step the step's label, if any
   * @param placement the placement, if any
   * @param attempt the attempt, 1 or more
   * @throws IllegalArgumentException if a component is null or the attempt less than 1
   */
  public Refusal {
    if (customer == null || at == null || action == null || reason == null || channel == null
        || journey == null || step == null || placement == null) {
      throw new IllegalArgumentException("refusal: no component may be null (use "
          + "Optional.empty() for no channel, journey, step or placement); got " + customer
          + ", " + at + ", " + action + ", " + reason + ", " + channel + ", " + journey + ", "
          + step + ", " + placement);
    }
    if (attempt < 1) {
      throw new IllegalArgumentException("refusal: attempt is " + attempt + "; give 1 or more");
    }
  }

  /**
   * Tells whether a next-best-action decision refused the action (rather than a journey's send
   * step).
   *
   * @return whether from a decision
   */
  public boolean fromDecision() {
    return placement.isPresent();
  }

  @Override
  public String toString() {
    return at + "  " + action + "  " + reason + channel.map(c -> " on " + c).orElse("")
        + journey.map(j -> "  journey " + j + step.map(s -> " step " + s).orElse("")).orElse("")
        + placement.map(p -> "  decision at " + p).orElse("")
        + (attempt > 1 ? "  fallback " + attempt : "");
  }
}
