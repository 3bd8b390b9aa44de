package dev.rapport.core.policy;

/** What the gate does with a marketing message that falls in a customer's quiet hours. */
public enum QuietHoursMode {
  /**
   * Refuses it as {@link Reason#QUIET_HOURS_DEFERRED}, with the end of the quiet hours as the
   * time to retry; the default.
   */
  DEFER,
  /** Refuses it as {@link Reason#QUIET_HOURS_DROPPED}: it is not sent at all. */
  DROP
}
