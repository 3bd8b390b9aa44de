package dev.rapport.examples.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rapport.core.Event;
import dev.rapport.core.engine.Replay;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Reads JSON lines: one object per line with {@code customer}, {@code type}, {@code time}
 * (ISO-8601), optional {@code id} and optional {@code properties} (an object of JSON values:
 * whole numbers become {@code Long}s, other numbers {@code Double}s, arrays lists). Blank lines
 * are skipped; a line that is not one JSON object, or misses what an event needs, is counted in
 * {@link Rejections} with its reason.
 */
public final class JsonLinesSource extends FileEventSource {
  /** Each line is one value, read to its end: trailing text makes the line malformed. */
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_LONG_FOR_INTS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  /**
   * Makes a source.
   *
   * @param file the file, plain or gzip
   * @param watch wraps the file's bytes as they are read, for a progress bar to count them
   *     ({@link UnaryOperator#identity()} for none)
   */
  public JsonLinesSource(Path file, UnaryOperator<InputStream> watch) {
    super(file, watch);
  }

  @Override
  long read(BufferedReader text, Replay.Sink sink, Rejections rejections) throws IOException {
    long lines = 0;
    long n = 0;
    for (String line = text.readLine(); line != null; line = text.readLine()) {
      n++;
      if (line.isBlank()) {
        continue;
      }
      lines++;
      Object parsed;
      try {
        parsed = JSON.readValue(line, Object.class);
      } catch (JsonProcessingException e) {
        rejections.reject(n, "malformed JSON: " + firstLine(e.getOriginalMessage()));
        continue;
      }
      if (!(parsed instanceof Map<?, ?> object)) {
        rejections.reject(n, "malformed: a line must be a JSON object");
        continue;
      }
      Event e = event(object, n, rejections);
      if (e != null) {
        sink.event(n, e);
      }
    }
    return lines;
  }

  private static Event event(Map<?, ?> o, long n, Rejections rejections) {
    Object customer = o.get("customer");
    if (customer instanceof Long) {
      customer = String.valueOf(customer); // numeric ids are ids too
    }
    if (customer == null || customer instanceof String s && s.isBlank()) {
      rejections.reject(n, "anonymous (no customer)");
      return null;
    }
    if (!(customer instanceof String)) {
      rejections.reject(n, "malformed: customer is not a string or a whole number");
      return null;
    }
    if (!(o.get("type") instanceof String type)) {
      rejections.reject(n, "malformed: type is " + (o.get("type") == null ? "missing"
          : "not a string"));
      return null;
    }
    try {
      Event.Builder b = Event.builder((String) customer, type);
      if (o.get("id") instanceof String id) {
        b.id(id);
      }
      if (o.get("properties") instanceof Map<?, ?> properties) {
        for (Map.Entry<?, ?> p : properties.entrySet()) {
          if (p.getValue() != null) {
            b.with(String.valueOf(p.getKey()), p.getValue());
          }
        }
      }
      if (!(o.get("time") instanceof String time)) {
        rejections.reject(n, "malformed: no time");
        return null;
      }
      return b.at(Instant.parse(time));
    } catch (DateTimeParseException e) {
      rejections.reject(n, "malformed: time is not an ISO-8601 instant");
    } catch (IllegalArgumentException e) {
      rejections.reject(n, "malformed: " + e.getMessage());
    }
    return null;
  }

  /** Jackson's messages can run over lines (with the place in the text); a reason is one line. */
  private static String firstLine(String message) {
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
