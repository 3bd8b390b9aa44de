package dev.rapport.examples.replay;

import dev.rapport.core.engine.Replay;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;

/**
 * A file of events to replay, in one of three formats, read line by line into a {@link
 * Replay.Sink} of the published replay: each event with its line number, and each line that cannot
 * be read as a rejection with its reason, never fatal.
 *
 * <ul>
 *   <li>The online-retail CSV of the UCI data set: {@code
 *       InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country}, each
 *       line an item bought ({@code purchased}) or returned ({@code order_cancelled}, for
 *       invoices starting with {@code C}); dates in UK local time.
 *   <li>A simple CSV: a header {@code customer_id,type,time} (ISO-8601 instants), optionally
 *       {@code id}, and any further columns become properties (numbers when they parse as
 *       numbers).
 *   <li>JSON lines: one object per line, {@code {"customer": "c-1", "type": "purchased",
 *       "time": "2026-01-05T09:00:00Z", "id": "optional", "properties": {...}}}.
 * </ul>
 *
 * <p>Every format holds one event per line: a CSV field in quotes may hold commas and doubled
 * quotes but no line break, so that a stray quote spoils its own line only. Files ending in
 * {@code .gz} are decompressed. The format is told by the extension ({@code .jsonl}, {@code
 * .ndjson}) or, for CSV, by the header. JSON is read with Jackson, CSV with Commons CSV.
 */
public interface EventSource {

  /**
   * Reads every event, in file order.
   *
   * @param sink receives each event read, with its line number (the header is line 1), and each
   *     line that could not be read, with the reason
   * @return the number of data lines read (the header excluded)
   * @throws IOException if the file cannot be read at all
   */
  long read(Replay.Sink sink) throws IOException;

  /**
   * Opens a file in the format it is in.
   *
   * @param file the file
   * @return the source
   * @throws IOException if the file cannot be opened or its header is not a known format
   */
  static EventSource open(Path file) throws IOException {
    return open(file, UnaryOperator.identity());
  }

  /**
   * Opens a file in the format it is in, watching its bytes as they are read.
   *
   * @param file the file
   * @param watch wraps the stream of the file's bytes (compressed, for a {@code .gz}) when the
   *     events are read, for a progress bar to count them
   * @return the source
   * @throws IOException if the file cannot be opened or its header is not a known format
   */
  static EventSource open(Path file, UnaryOperator<InputStream> watch) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    if (base.endsWith(".jsonl") || base.endsWith(".ndjson")) {
      return new JsonLinesSource(file, watch);
    }
    try (BufferedReader r = reader(file, UnaryOperator.identity())) {
      String header;
      try {
        header = r.readLine();
      } catch (IOException e) {
        throw new IOException(file + ": " + e.getMessage(), e);
      }
      if (header == null) {
        throw new IOException(file + " is empty; give a CSV with a header or a JSON-lines file");
      }
      String h = header.replace("\uFEFF", "").trim();
      if (h.equals(OnlineRetailCsv.HEADER)) {
        return new OnlineRetailSource(file, watch);
      }
      if (h.contains("customer_id")) {
        return new SimpleCsvSource(file, watch);
      }
      throw new IOException(file + ": unknown header '" + h + "'; expected the online-retail "
          + "header (" + OnlineRetailCsv.HEADER + ") or customer_id,type,time,...");
    }
  }

  /**
   * Opens a file for reading as UTF-8 text, decompressing {@code .gz}.
   *
   * @param file the file
   * @return the reader
   * @throws IOException if it cannot be opened
   */
  static BufferedReader reader(Path file) throws IOException {
    return reader(file, UnaryOperator.identity());
  }

  /**
   * Opens a file for reading as UTF-8 text, decompressing {@code .gz}, watching its bytes.
   *
   * @param file the file
   * @param watch wraps the stream of the file's bytes, as stored
   * @return the reader
   * @throws IOException if it cannot be opened
   */
  static BufferedReader reader(Path file, UnaryOperator<InputStream> watch) throws IOException {
    InputStream in = watch.apply(Files.newInputStream(file));
    try {
      if (file.getFileName().toString().endsWith(".gz")) {
        in = new GZIPInputStream(in, 1 << 16);
      }
    } catch (IOException e) {
      in.close();
      throw new IOException(file + " is not gzip-compressed (" + e.getMessage() + "); give a "
          + "file that gunzip reads, or a name without .gz", e);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }
}
