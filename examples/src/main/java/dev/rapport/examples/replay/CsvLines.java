package dev.rapport.examples.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV text read with Commons CSV, one record per line: commas separate fields, double quotes
 * quote them ({@code ""} is a quote inside), blank lines are skipped, and a line that cannot be
 * read costs only itself.
 *
 * <p>Why a filter in front of the parser: an event log holds one event per line, but Commons CSV,
 * reading a stream, lets a quoted field run over line breaks (RFC 4180). A stray quote would join
 * the lines after it into one record, up to the next quote (and could make a well-formed record
 * of pieces of several lines), and a quote never closed would swallow the rest of the file. So
 * the lines reach the parser through {@link CompleteLines}, which hands it only lines that are a
 * complete record each: a line that holds a quote (about one in a hundred in the online-retail
 * log) is first parsed on its own, by Commons CSV with the same format, and one left open is
 * rejected there with its number. The parser then sees one record per line, so the line number
 * of each record follows from the order in which the lines were handed over.
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
     * @param record its fields
     */
    void accept(long line, CSVRecord record);
  }

  /**
   * Splits one line, a header for example, into its fields.
   *
   * @param line the line, without its line break
   * @return the fields, or null if a quote is left open
   */
  static List<String> fields(String line) {
    try (CSVParser parser = FORMAT.parse(new StringReader(line))) {
      List<CSVRecord> records = parser.getRecords();
      return records.isEmpty() ? List.of() : records.get(0).toList();
    } catch (IOException | UncheckedIOException e) {
      // with trailing data allowed, the one way a single line fails is a quote left open
      return null;
    }
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
    CompleteLines lines = new CompleteLines(text, linesBefore, rejections);
    try (CSVParser parser = FORMAT.parse(lines)) {
      for (CSVRecord record : parser) {
        records.accept(lines.numbers.remove(), record);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause(); // the text itself could not be read (the parser wraps it)
    }
    return lines.read;
  }

  /** The lines of a text that are a complete record each, every one ending with a line break. */
  private static final class CompleteLines extends Reader {
    private final BufferedReader in;
    private final Rejections rejections;
    /** The line numbers of the lines handed over and not yet taken back as records. */
    final Queue<Long> numbers = new ArrayDeque<>();
    /** The lines read so far, blank ones excluded. */
    long read;
    private long number;
    private String line = "";
    private int next;
    private boolean lineBreakDue;

    CompleteLines(BufferedReader in, long linesBefore, Rejections rejections) {
      this.in = in;
      this.number = linesBefore;
      this.rejections = rejections;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      int n = 0;
      while (n < length) {
        if (next < line.length()) {
          int k = Math.min(length - n, line.length() - next);
          line.getChars(next, next + k, buffer, offset + n);
          next += k;
          n += k;
        } else if (lineBreakDue) {
          buffer[offset + n++] = '\n';
          lineBreakDue = false;
        } else if (!advance()) {
          break;
        }
      }
      return n == 0 && length > 0 ? -1 : n;
    }

    /** Moves to the next complete line; false at the end of the text. */
    private boolean advance() throws IOException {
      for (String l = in.readLine(); l != null; l = in.readLine()) {
        number++;
        if (l.isBlank()) {
          continue;
        }
        read++;
        if (l.indexOf('"') >= 0 && fields(l) == null) {
          rejections.reject(number, UNCLOSED_QUOTE);
          continue;
        }
        numbers.add(number);
        line = l;
        next = 0;
        lineBreakDue = true;
        return true;
      }
      return false;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
