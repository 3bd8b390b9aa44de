package dev.rapport.examples.replay;

import java.util.ArrayList;
import java.util.List;

/** Splits a CSV line: commas separate fields, double quotes quote them, {@code ""} is a quote. */
final class Csv {
  private Csv() {}

  /**
   * Splits a line into fields.
   *
   * @param line the line
   * @return the fields, or null if a quote is left open
   */
  static List<String> split(String line) {
    List<String> out = new ArrayList<>(10);
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      return null;
    }
    out.add(field.toString());
    return out;
  }
}
