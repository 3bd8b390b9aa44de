package dev.rapport.examples;

/**
 * The bugs these tests found in the examples or in the modules they use, each the reason of a
 * disabled test that fails today and should pass once the bug is fixed.
 */
public final class KnownBugs {
  /**
   * The store's {@code lapsed} segment ({@code since(purchased) >= 60 days}) changes with time
   * alone, but the engine recomputes segments only on the customer's events and at the
   * engagement and lifecycle models' review times; none falls on day 60, so a buyer who goes
   * quiet enters {@code lapsed}, and the win-back journey, on day 90 (the review at which their
   * engagement becomes lost), thirty days late.
   */
  public static final String WIN_BACK_WAITS_FOR_AN_UNRELATED_REVIEW = "bug: a silent buyer "
      + "enters the time-based 'lapsed' segment (and win-back) only at the next engagement "
      + "review, on day 90 instead of day 60: segments are not re-evaluated as time passes";

  /**
   * {@code Simulation.run()} prints progress when {@code day / 10 != lastDay / 10}, starting
   * from {@code lastDay = -1}; but {@code -1 / 10} is 0 in Java (division truncates toward
   * zero), so the first ten days look already reported and progress starts on day 10. A start
   * of {@code Integer.MIN_VALUE}, or {@code Math.floorDiv}, would print day 0.
   */
  public static final String PROGRESS_SKIPS_THE_FIRST_TEN_DAYS = "bug: the simulation's "
      + "progress starts on day 10, not day 0: lastDay starts at -1 and -1 / 10 == 0";

  private KnownBugs() {}
}
