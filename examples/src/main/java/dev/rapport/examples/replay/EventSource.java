package dev.rapport.examples.replay;

import dev.rapport.core.Event;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * A file of events to replay, in one of three formats, read line by line; a line that cannot be
 * read is counted in {@link Rejections} with its reason, never fatal.
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
 * <p>Files ending in {@code .gz} are decompressed. The format is told by the extension ({@code
 * .jsonl}, {@code .ndjson}) or, for CSV, by the header.
 */
public interface EventSource {

  /**
   * Reads every event, in file order.
   *
   * @param events receives each event read
   * @param rejections counts the lines that could not be read
   * @return the number of data lines read (the header excluded)
   * @throws IOException if the file cannot be read at all
   */
  long read(Consumer<Event> events, Rejections rejections) throws IOException;

  /**
   * Opens a file in the format it is in.
   *
   * @param file the file
   * @return the source
   * @throws IOException if the file cannot be opened or its header is not a known format
   */
  static EventSource open(Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    if (base.endsWith(".jsonl") || base.endsWith(".ndjson")) {
      return new JsonLinesSource(file);
    }
    try (BufferedReader r = reader(file)) {
      String header = r.readLine();
      if (header == null) {
        throw new IOException(file + " is empty; give a CSV with a header or a JSON-lines file");
      }
      String h = header.replace("\uFEFF", "").trim();
      if (h.equals(OnlineRetailSource.HEADER)) {
        return new OnlineRetailSource(file);
      }
      if (h.startsWith("customer_id,type,time") || h.contains("customer_id")) {
        return new SimpleCsvSource(file);
      }
      throw new IOException(file + ": unknown header '" + h + "'; expected the online-retail "
          + "header (" + OnlineRetailSource.HEADER + ") or customer_id,type,time,...");
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
    InputStream in = Files.newInputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }
}
