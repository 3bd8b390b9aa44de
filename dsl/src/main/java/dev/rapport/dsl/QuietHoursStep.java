package dev.rapport.dsl;

/**
 * The step after quiet hours: what happens to marketing in them, or the next clause of the
 * policy (which defers).
 *
 * <pre>{@code
 * contactPolicy().quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)).dropping().build();
 * }</pre>
 *
 * <p>The policy is completed by {@link #build()}, which returns the {@link
 * dev.rapport.core.policy.ContactPolicy}.
 */
public interface QuietHoursStep extends ContactPolicyStep {
  /**
   * Defers marketing in quiet hours to their end, which is the default.
   *
   * @return the policy step
   * @throws IllegalStateException if the quiet hours mode was already set
   */
  ContactPolicyStep deferring();

  /**
   * Drops marketing in quiet hours: it is not sent at all.
   *
   * @return the policy step
   * @throws IllegalStateException if the quiet hours mode was already set
   */
  ContactPolicyStep dropping();
}
