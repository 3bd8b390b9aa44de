package dev.rapport.examples.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV text read one record per line: commas separate fields, double quotes quote them ({@code ""}
 * is a quote inside), blank lines are skipped, and a line that cannot be read costs only itself.
 *
 * <p>An event log holds one event per line, but a CSV parser reading a stream lets a quoted field
 * run over line breaks (RFC 4180): a stray quote would join the lines after it into one record,
 * and a quote never closed would swallow the rest of the file. So each line is read on its own.
 * A line without a quote (about 99 in 100 in the online-retail log) is split at its commas, which
 * is what RFC 4180 makes of it; a line with one is parsed by Commons CSV with {@link #FORMAT}, and
 * one whose quote is left open is rejected with its number. Splitting the common line directly,
 * rather than streaming every line through the parser, halves the time a replay spends reading.
 */
final class CsvLines {
  /** The format: RFC 4180 with text after a closing quote kept, as in {@code "7"" frame"x}. */
  static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setTrailingData(true).get();

  /** The reason a line whose quote is never closed is rejected. */
  static final String UNCLOSED_QUOTE = "malformed: unclosed quote";

  private CsvLines() {}

  /** Receives the records of a CSV text. */
  @FunctionalInterface
  interface RecordHandler {
    /**
     * Takes one record.
     *
     * @param line its line number in the file (1-based, the header included)
     * @param fields its fields, in order
     */
    void accept(long line, List<String> fields);
  }

  /**
   * Splits one line, a header for example, into its fields.
   *
   * @param line the line, without its line break
   * @return the fields, or null if a quote is left open
   */
  static List<String> fields(String line) {
    if (line.indexOf('"') < 0) {
      return split(line);
    }
    try (CSVParser parser = FORMAT.parse(new StringReader(line))) {
      List<CSVRecord> records = parser.getRecords();
      return records.isEmpty() ? List.of() : records.get(0).toList();
    } catch (IOException | UncheckedIOException e) {
      // with trailing data allowed, the one way a single line fails is a quote left open
      return null;
    }
  }

  /** The fields of a line that holds no quote: the text between its commas, kept as it is. */
  private static List<String> split(String line) {
    int count = 1;
    for (int i = line.indexOf(','); i >= 0; i = line.indexOf(',', i + 1)) {
      count++;
    }
    String[] fields = new String[count];
    int from = 0;
    for (int k = 0; k < count - 1; k++) {
      int comma = line.indexOf(',', from);
      fields[k] = line.substring(from, comma);
      from = comma + 1;
    }
    fields[count - 1] = line.substring(from);
    return Arrays.asList(fields);
  }

  /**
   * Reads the records of the lines that remain in a text, in file order.
   *
   * @param text the text, positioned after the lines already read
   * @param linesBefore how many lines were read before (the header)
   * @param rejections counts the lines that are not a complete record
   * @param records receives each record with its line number
   * @return the number of lines read, blank lines excluded
   * @throws IOException if the text cannot be read
   */
  static long read(BufferedReader text, long linesBefore, Rejections rejections,
      RecordHandler records) throws IOException {
    long number = linesBefore;
    long read = 0;
    for (String line = text.readLine(); line != null; line = text.readLine()) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      read++;
      List<String> fields = fields(line);
      if (fields == null) {
        rejections.reject(number, UNCLOSED_QUOTE);
      } else {
        records.accept(number, fields);
      }
    }
    return read;
  }
}
