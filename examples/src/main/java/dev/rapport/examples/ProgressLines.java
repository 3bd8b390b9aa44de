package dev.rapport.examples;

import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * Progress as plain lines, for output that is not a terminal (CI logs, pipes, files): each
 * rendering of the bar on a line of its own, and the same rendering never twice in a row (the
 * progress bar renders its last state again when it closes).
 */
final class ProgressLines implements ProgressBarConsumer {
  private final PrintStream out;
  private final int width;
  private String last;

  /**
   * Makes a consumer.
   *
   * @param out where the lines go
   * @param width the longest line
   */
  ProgressLines(PrintStream out, int width) {
    this.out = out;
    this.width = width;
  }

  @Override
  public int getMaxRenderedLength() {
    return width;
  }

  @Override
  public void accept(String rendered) {
    if (!rendered.equals(last)) {
      out.println(rendered);
      last = rendered;
    }
  }

  @Override
  public void close() {
    out.flush();
  }
}
