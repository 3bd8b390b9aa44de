package dev.rapport.examples.replay;

import dev.rapport.core.engine.Replay;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * What every format's source does the same way: it opens its file (plain or gzip, its bytes
 * watched for a progress bar), and counts each line it cannot read as a rejection; the format
 * reads the text.
 */
abstract class FileEventSource implements EventSource {
  private final Path file;
  private final UnaryOperator<InputStream> watch;

  FileEventSource(Path file, UnaryOperator<InputStream> watch) {
    this.file = file;
    this.watch = watch;
  }

  @Override
  public final long read(Replay.Sink sink) throws IOException {
    Rejections rejections = Rejections.forwardingTo(sink);
    try (BufferedReader text = EventSource.reader(file, watch)) {
      return read(text, sink, rejections);
    }
  }

  /**
   * Reads the events of the opened file.
   *
   * @param text the file's text
   * @param sink receives each event with its line number
   * @param rejections counts each line that cannot be read, with its reason
   * @return the number of data lines read
   * @throws IOException if the file cannot be read at all
   */
  abstract long read(BufferedReader text, Replay.Sink sink, Rejections rejections)
      throws IOException;
}
