package dev.rapport.core.measure;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Survey answers aggregated per theme ("slow sync", "pricing"), for closing the loop.
 *
 * <p>Answers of different surveys are scored on different scales (CSAT 1 to 5, NPS 0 to 10),
 * so the mean score is kept per survey kind rather than mixed into one number.
 *
 * @param theme the theme
 * @param answers the survey answers that raised it
 * @param customers the distinct customers who raised it
 * @param meanScores the mean score of the scored answers, per survey kind ({@code csat}, {@code
 *     nps}, {@code ces}, or the kind a host uses), kinds in alphabetical order; empty with none
 *     scored
 * @param resolved whether a {@code theme_resolved} went out for it
 */
public record ThemeStats(String theme, long answers, long customers,
    Map<String, Double> meanScores, boolean resolved) {
  /**
   * Copies the mean scores, kinds in alphabetical order.
   *
   * @param theme the theme
   * @param answers the survey answers that raised it
   * @param customers the distinct customers who raised it
   * @param meanScores the mean score of the scored answers, per survey kind
   * @param resolved whether a {@code theme_resolved} went out for it
   * @throws NullPointerException if the mean scores, a kind or a score is null
   */
  public ThemeStats {
    meanScores = Collections.unmodifiableMap(new TreeMap<>(Map.copyOf(meanScores)));
  }
}
