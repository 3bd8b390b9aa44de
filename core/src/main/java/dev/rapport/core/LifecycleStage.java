package dev.rapport.core;

/**
 * Where a customer is in their relationship with the host, as computed by a replaceable lifecycle
 * model.
 */
public enum LifecycleStage {
  /** Just arrived; has not started. */
  NEW,
  /** Setting up; has not reached the activation moment. */
  ONBOARDING,
  /** Getting value regularly. */
  ACTIVE,
  /** Engagement is dropping. */
  AT_RISK,
  /** Long-standing and engaged. */
  LOYAL,
  /** Gone quiet; the host tries to bring them back. */
  WIN_BACK
}
