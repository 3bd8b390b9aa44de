package dev.rapport.core;

/**
 * How engaged a customer is, from the recency and frequency of their engagement events and their
 * negative signals, as computed by a replaceable engagement model.
 */
public enum EngagementLevel {
  /** Engages often and recently. */
  HIGH,
  /** Engages a little, with no sign of discontent: simply does not need more. */
  LOW_ORGANIC,
  /** Engages a little and shows discontent: complaints, poor scores, failed deliveries. */
  LOW_DISAFFECTED,
  /** Has stopped engaging for a while. */
  DISENGAGED,
  /** Has not engaged for so long that they are presumed gone. */
  LOST
}
