package dev.rapport.examples.replay;

import dev.rapport.core.Event;
import dev.rapport.core.engine.Replay;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Reads the simple CSV format: a header with {@code customer_id}, {@code type}, {@code time}
 * (ISO-8601 instants) and optionally {@code id}; any further column becomes a property, a number
 * when it parses as one. Empty cells are left out. One event per line (see {@link CsvLines}).
 */
public final class SimpleCsvSource extends FileEventSource {
  /**
   * Makes a source.
   *
   * @param file the CSV, plain or gzip
   * @param watch wraps the file's bytes as they are read, for a progress bar to count them
   *     ({@link UnaryOperator#identity()} for none)
   */
  public SimpleCsvSource(Path file, UnaryOperator<InputStream> watch) {
    super(file, watch);
  }

  @Override
  long read(BufferedReader text, Replay.Sink sink, Rejections rejections) throws IOException {
    String first = text.readLine();
    List<String> header = first == null ? null
        : CsvLines.fields(first.replace("\uFEFF", "").trim());
    if (header == null || !header.containsAll(List.of("customer_id", "type", "time"))) {
      throw new IOException("the header needs customer_id, type and time columns; it has "
          + (header == null ? "none that reads" : header));
    }
    Columns columns = new Columns(header);
    return CsvLines.read(text, 1, rejections, (line, fields) -> {
      Event e = columns.event(line, fields, rejections);
      if (e != null) {
        sink.event(line, e);
      }
    });
  }

  /** Where the header put each column. */
  private static final class Columns {
    private final List<String> header;
    private final int customer;
    private final int type;
    private final int time;
    private final int id;

    Columns(List<String> header) {
      this.header = header;
      this.customer = header.indexOf("customer_id");
      this.type = header.indexOf("type");
      this.time = header.indexOf("time");
      this.id = header.indexOf("id");
    }

    Event event(long line, List<String> f, Rejections rejections) {
      if (f.size() != header.size()) {
        rejections.reject(line, "malformed: " + f.size() + " fields instead of "
            + header.size());
        return null;
      }
      if (f.get(customer).isBlank()) {
        rejections.reject(line, "anonymous (no customer_id)");
        return null;
      }
      try {
        Event.Builder b = Event.builder(f.get(customer).trim(), f.get(type).trim());
        if (id >= 0 && !f.get(id).isBlank()) {
          b.id(f.get(id).trim());
        }
        for (int k = 0; k < header.size(); k++) {
          if (k != customer && k != type && k != time && k != id && !f.get(k).isEmpty()) {
            b.with(header.get(k), number(f.get(k)));
          }
        }
        return b.at(Instant.parse(f.get(time).trim()));
      } catch (DateTimeParseException e) {
        rejections.reject(line, "malformed: time is not an ISO-8601 instant");
      } catch (IllegalArgumentException e) {
        rejections.reject(line, "malformed: " + e.getMessage());
      }
      return null;
    }
  }

  /** A number when the text is one (integral as Long), else the text. */
  private static Object number(String text) {
    String t = text.trim();
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      try {
        double d = Double.parseDouble(t);
        return Double.isFinite(d) ? (Object) d : text;
      } catch (NumberFormatException e2) {
        return text;
      }
    }
  }
}
