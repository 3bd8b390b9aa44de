package dev.rapport.examples.replay;

import dev.rapport.core.Event;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads JSON lines: one object per line with {@code customer}, {@code type}, {@code time}
 * (ISO-8601), optional {@code id} and optional {@code properties} (an object of JSON values).
 * Blank lines are skipped. The parser is a small one of its own: the examples use Rapport's
 * published modules only.
 */
public final class JsonLinesSource implements EventSource {
  private final Path file;

  /**
   * Makes a source.
   *
   * @param file the file, plain or gzip
   */
  public JsonLinesSource(Path file) {
    this.file = file;
  }

  @Override
  public long read(Consumer<Event> events, Rejections rejections) throws IOException {
    long lines = 0;
    try (BufferedReader r = EventSource.reader(file)) {
      long n = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        lines++;
        Object parsed;
        try {
          parsed = new Parser(line).document();
        } catch (IllegalArgumentException e) {
          rejections.reject(n, "malformed JSON: " + e.getMessage());
          continue;
        }
        if (!(parsed instanceof Map)) {
          rejections.reject(n, "malformed: a line must be a JSON object");
          continue;
        }
        Map<?, ?> o = (Map<?, ?>) parsed;
        Object customer = o.get("customer");
        if (customer instanceof Long) {
          customer = String.valueOf(customer); // numeric ids are ids too
        }
        if (customer == null || customer instanceof String && ((String) customer).isBlank()) {
          rejections.reject(n, "anonymous (no customer)");
          continue;
        }
        if (!(customer instanceof String)) {
          rejections.reject(n, "malformed: customer is not a string or a whole number");
          continue;
        }
        if (!(o.get("type") instanceof String)) {
          rejections.reject(n, "malformed: type is " + (o.get("type") == null ? "missing"
              : "not a string"));
          continue;
        }
        try {
          Event.Builder b = Event.builder((String) customer, (String) o.get("type"));
          if (o.get("id") instanceof String) {
            b.id((String) o.get("id"));
          }
          if (o.get("properties") instanceof Map) {
            for (Map.Entry<?, ?> p : ((Map<?, ?>) o.get("properties")).entrySet()) {
              if (p.getValue() != null) {
                b.with(String.valueOf(p.getKey()), p.getValue());
              }
            }
          }
          if (!(o.get("time") instanceof String)) {
            rejections.reject(n, "malformed: no time");
            continue;
          }
          events.accept(b.at(Instant.parse((String) o.get("time"))));
        } catch (DateTimeParseException e) {
          rejections.reject(n, "malformed: time is not an ISO-8601 instant");
        } catch (IllegalArgumentException e) {
          rejections.reject(n, "malformed: " + e.getMessage());
        }
      }
    }
    return lines;
  }

  /** A number when the text is one (integral as Long), else the text. */
  static Object number(String text) {
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

  /** A small recursive-descent JSON parser. */
  static final class Parser {
    private final String s;
    private int i;

    Parser(String s) {
      this.s = s;
    }

    Object document() {
      Object v = value();
      skip();
      if (i != s.length()) {
        throw new IllegalArgumentException("unexpected '" + s.charAt(i) + "' at " + i);
      }
      return v;
    }

    private void skip() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    private Object value() {
      skip();
      if (i >= s.length()) {
        throw new IllegalArgumentException("unexpected end");
      }
      char c = s.charAt(i);
      switch (c) {
        case '{':
          return object();
        case '[':
          return array();
        case '"':
          return string();
        case 't':
          return literal("true", Boolean.TRUE);
        case 'f':
          return literal("false", Boolean.FALSE);
        case 'n':
          return literal("null", null);
        default:
          return num();
      }
    }

    private Object literal(String word, Object v) {
      if (!s.startsWith(word, i)) {
        throw new IllegalArgumentException("unexpected '" + s.charAt(i) + "' at " + i);
      }
      i += word.length();
      return v;
    }

    private Map<String, Object> object() {
      Map<String, Object> out = new LinkedHashMap<>();
      i++;
      skip();
      if (i < s.length() && s.charAt(i) == '}') {
        i++;
        return out;
      }
      while (true) {
        skip();
        if (i >= s.length() || s.charAt(i) != '"') {
          throw new IllegalArgumentException("expected a key at " + i);
        }
        String key = string();
        skip();
        expect(':');
        out.put(key, value());
        skip();
        if (i < s.length() && s.charAt(i) == ',') {
          i++;
        } else {
          expect('}');
          return out;
        }
      }
    }

    private List<Object> array() {
      List<Object> out = new ArrayList<>();
      i++;
      skip();
      if (i < s.length() && s.charAt(i) == ']') {
        i++;
        return out;
      }
      while (true) {
        out.add(value());
        skip();
        if (i < s.length() && s.charAt(i) == ',') {
          i++;
        } else {
          expect(']');
          return out;
        }
      }
    }

    private void expect(char c) {
      if (i >= s.length() || s.charAt(i) != c) {
        throw new IllegalArgumentException("expected '" + c + "' at " + i);
      }
      i++;
    }

    private String string() {
      StringBuilder out = new StringBuilder();
      i++;
      while (i < s.length()) {
        char c = s.charAt(i++);
        if (c == '"') {
          return out.toString();
        }
        if (c == '\\') {
          if (i >= s.length()) {
            break;
          }
          char e = s.charAt(i++);
          switch (e) {
            case 'n':
              out.append('\n');
              break;
            case 't':
              out.append('\t');
              break;
            case 'r':
              out.append('\r');
              break;
            case 'b':
              out.append('\b');
              break;
            case 'f':
              out.append('\f');
              break;
            case 'u':
              if (i + 4 > s.length()) {
                throw new IllegalArgumentException("bad \\u escape at " + i);
              }
              out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
              i += 4;
              break;
            default:
              out.append(e);
          }
        } else {
          out.append(c);
        }
      }
      throw new IllegalArgumentException("unclosed string");
    }

    private Object num() {
      int start = i;
      while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      if (start == i) {
        throw new IllegalArgumentException("unexpected '" + s.charAt(i) + "' at " + i);
      }
      String t = s.substring(start, i);
      try {
        if (t.contains(".") || t.contains("e") || t.contains("E")) {
          return Double.parseDouble(t);
        }
        return Long.parseLong(t);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad number '" + t + "' at " + start);
      }
    }
  }
}
