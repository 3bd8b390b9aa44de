package dev.rapport.core.measure;

/**
 * Survey answers aggregated per theme ("slow sync", "pricing"), for closing the loop.
 *
 * @param theme the theme
 * @param answers the survey answers that raised it
 * @param customers the distinct customers who raised it
 * @param meanScore the mean score of those answers (NaN with none scored)
 * @param resolved whether a {@code theme_resolved} went out for it
 */
public record ThemeStats(String theme, long answers, long customers, double meanScore,
    boolean resolved) {}
