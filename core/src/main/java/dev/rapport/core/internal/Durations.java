package dev.rapport.core.internal;

import java.time.Duration;

/** Durations as a person writes them in a message: {@code 3d 4h}, {@code 5h 12m}, {@code 45s}. */
public final class Durations {
  private Durations() {}

  /**
   * Writes a duration with its two largest units.
   *
   * @param d the duration
   * @return the text, such as {@code 2d 12h}
   */
  public static String text(Duration d) {
    if (d.isNegative()) {
      return "-" + text(d.negated());
    }
    long s = d.getSeconds();
    long days = s / 86_400;
    long hours = s % 86_400 / 3600;
    long minutes = s % 3600 / 60;
    long seconds = s % 60;
    if (days > 0) {
      return hours == 0 ? days + "d" : days + "d " + hours + "h";
    }
    if (hours > 0) {
      return minutes == 0 ? hours + "h" : hours + "h " + minutes + "m";
    }
    if (minutes > 0) {
      return seconds == 0 ? minutes + "m" : minutes + "m " + seconds + "s";
    }
    if (s == 0 && d.getNano() > 0) {
      return d.toMillis() + "ms";
    }
    return seconds + "s";
  }
}
