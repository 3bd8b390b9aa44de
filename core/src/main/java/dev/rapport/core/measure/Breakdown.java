package dev.rapport.core.measure;

/**
 * A dimension a metric is also computed in, besides globally. Outcome events are attributed to
 * the journey, action and channel of the dispatch their {@code dispatch_id} names.
 */
public enum Breakdown {
  /** Per journey ({@code journey:onboarding}). */
  JOURNEY,
  /** Per action ({@code action:welcome}). */
  ACTION,
  /** Per channel ({@code channel:email}). */
  CHANNEL,
  /** Per persona the customer matches ({@code persona:home-barista}). */
  PERSONA,
  /** Per segment the customer is in ({@code segment:regulars}). */
  SEGMENT,
  /**
   * Per experiment arm of the customer's journeys ({@code arm:onboarding/holdout}, {@code
   * arm:onboarding/treated}, {@code arm:onboarding/subject-line/short}).
   */
  ARM
}
