package dev.rapport.core.engine;

import dev.rapport.core.CustomerId;
import dev.rapport.core.policy.Refusal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The answer to a {@link RefusalQuery}: the refusals kept for the customer that match it, oldest
 * first, and what the {@linkplain RefusalRetention retention} has forgotten of that customer's
 * refusals, so that an empty answer is never mistaken for a complete one.
 *
 * <pre>{@code
 * RefusalLog log = engine.refusals(RefusalQuery.of("c-1").action("spring-promo"));
 * if (log.forgotten() > 0) {
 *   System.out.println("refusals before " + log.forgottenUntil().orElseThrow() + " are gone");
 * }
 * }</pre>
 *
 * @param customer the customer
 * @param refusals the matching refusals kept, oldest first
 * @param forgotten how many of the customer's refusals (of any action or journey) the retention
 *     has dropped so far
 * @param forgottenUntil the time of the latest refusal dropped, if any: before it, the answer
 *     may miss refusals; from it on, it is complete
 */
public record RefusalLog(CustomerId customer, List<Refusal> refusals, long forgotten,
    Optional<Instant> forgottenUntil) {

  /**
   * Checks the components and copies the list.
   *
   * @param customer the customer
   * @param refusals the refusals
   * @param forgotten how many were dropped
   * @param forgottenUntil the time of the latest one dropped, if any
   * @throws IllegalArgumentException if a component is null or the count negative
   */
  public RefusalLog {
    if (customer == null || refusals == null || forgottenUntil == null || forgotten < 0) {
      throw new IllegalArgumentException("refusal log: customer, refusals and forgottenUntil "
          + "must not be null and forgotten not negative; got " + customer + ", " + refusals
          + ", " + forgotten + ", " + forgottenUntil);
    }
    refusals = List.copyOf(refusals);
  }
}
