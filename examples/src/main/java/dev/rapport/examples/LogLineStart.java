package dev.rapport.examples;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * What each line of the main command's log starts with ({@code %lineStart} in {@code
 * logback.xml}): in a terminal, a carriage return and an erase-line, so that a warning logged
 * while the progress bar is drawn replaces the bar's line instead of trailing after it (the bar
 * draws itself again below); elsewhere nothing.
 */
public final class LogLineStart extends ClassicConverter {
  private static volatile boolean terminal;

  /** Makes the converter; logback does, once per pattern that uses it. */
  public LogLineStart() {}

  /**
   * Tells whether the log shares a terminal with a progress bar.
   *
   * @param yes whether it does
   */
  static void inTerminal(boolean yes) {
    terminal = yes;
  }

  @Override
  public String convert(ILoggingEvent event) {
    return terminal ? "\r\u001b[K" : "";
  }
}
