package dev.rapport.examples.replay;

import dev.rapport.core.Event;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the simple CSV format: a header with {@code customer_id}, {@code type}, {@code time}
 * (ISO-8601 instants) and optionally {@code id}; any further column becomes a property, a number
 * when it parses as one. Empty cells are left out.
 */
public final class SimpleCsvSource implements EventSource {
  private final Path file;

  /**
   * Makes a source.
   *
   * @param file the CSV, plain or gzip
   */
  public SimpleCsvSource(Path file) {
    this.file = file;
  }

  @Override
  public long read(Consumer<Event> events, Rejections rejections) throws IOException {
    long lines = 0;
    try (BufferedReader r = EventSource.reader(file)) {
      List<String> header = Csv.split(r.readLine().replace("\uFEFF", "").trim());
      int customer = header.indexOf("customer_id");
      int type = header.indexOf("type");
      int time = header.indexOf("time");
      int id = header.indexOf("id");
      if (customer < 0 || type < 0 || time < 0) {
        throw new IOException(file + ": the header needs customer_id, type and time columns; "
            + "it has " + header);
      }
      long n = 1;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        lines++;
        List<String> f = Csv.split(line);
        if (f == null || f.size() != header.size()) {
          rejections.reject(n, f == null ? "malformed: unclosed quote"
              : "malformed: " + f.size() + " fields instead of " + header.size());
          continue;
        }
        if (f.get(customer).isBlank()) {
          rejections.reject(n, "anonymous (no customer_id)");
          continue;
        }
        try {
          Event.Builder b = Event.builder(f.get(customer).trim(), f.get(type).trim());
          if (id >= 0 && !f.get(id).isBlank()) {
            b.id(f.get(id).trim());
          }
          for (int k = 0; k < header.size(); k++) {
            if (k != customer && k != type && k != time && k != id && !f.get(k).isEmpty()) {
              b.with(header.get(k), JsonLinesSource.number(f.get(k)));
            }
          }
          events.accept(b.at(Instant.parse(f.get(time).trim())));
        } catch (DateTimeParseException e) {
          rejections.reject(n, "malformed: time is not an ISO-8601 instant");
        } catch (IllegalArgumentException e) {
          rejections.reject(n, "malformed: " + e.getMessage());
        }
      }
    }
    return lines;
  }
}
