package dev.rapport.benchmarks.retail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads the online-retail log ({@code ../shared/data/online-retail/online-retail.csv.gz}): the
 * header {@code InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country},
 * then one invoice line per row, comma-separated, with quotes only where a field needs them
 * (a comma or a quote inside, quotes doubled). Rows without a CustomerID are anonymous and
 * counted, not read; rows that cannot be read are counted by reason, with the first line of each.
 *
 * <p>Plain Java, no CSV library: the replay benchmark measures the whole path from the file.
 */
public final class RetailCsv {
  /** The header the file must start with. */
  public static final String HEADER =
      "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";

  private static final ZoneId UK = ZoneId.of("Europe/London");
  private static final int FIELDS = 8;
  /** A quoted field may span lines; past this many, the quote is taken as unterminated. */
  private static final int MAX_LINES_PER_ROW = 10;

  /**
   * One invoice line of a known customer.
   *
   * @param line the line number in the file (the header is line 1)
   * @param invoice the invoice number, such as {@code 536365} or {@code C536379}
   * @param stockCode the product code
   * @param description the product description, trimmed
   * @param quantity the quantity, negative on cancellations
   * @param time the invoice time
   * @param unitPrice the unit price in pounds
   * @param customerId the customer id without its decimal, such as {@code 17850}
   * @param country the customer's country
   */
  public record Row(long line, String invoice, String stockCode, String description,
      int quantity, Instant time, double unitPrice, String customerId, String country) {
    /**
     * Tells whether the row belongs to a cancellation invoice.
     *
     * @return whether the invoice number starts with {@code C}
     */
    public boolean cancellation() {
      return invoice.startsWith("C");
    }
  }

  /** What a read found: rows, anonymous rows, and malformed rows by reason. */
  public static final class Stats {
    private long lines;
    private long rows;
    private long anonymous;
    private final Map<String, long[]> malformed = new TreeMap<>();

    /**
     * Returns the number of lines read after the header (a row spanning lines counts once).
     *
     * @return the records
     */
    public long records() {
      return lines;
    }

    /**
     * Returns the number of rows of known customers passed on.
     *
     * @return the rows
     */
    public long rows() {
      return rows;
    }

    /**
     * Returns the number of rows without a CustomerID.
     *
     * @return the anonymous rows
     */
    public long anonymous() {
      return anonymous;
    }

    /**
     * Returns the number of malformed rows.
     *
     * @return the count
     */
    public long malformed() {
      long n = 0;
      for (long[] v : malformed.values()) {
        n += v[0];
      }
      return n;
    }

    /**
     * Returns the malformed rows by reason: count and first line.
     *
     * @return reason to {count, first line}
     */
    public Map<String, long[]> malformedByReason() {
      return malformed;
    }

    void reject(String reason, long line) {
      long[] v = malformed.computeIfAbsent(reason, k -> new long[] {0, line});
      v[0]++;
    }

    @Override
    public String toString() {
      StringBuilder out = new StringBuilder("records=" + lines + " rows=" + rows + " anonymous="
          + anonymous + " malformed=" + malformed());
      malformed.forEach((reason, v) -> out.append("\n  malformed: ").append(reason)
          .append(": ").append(v[0]).append(" (first at line ").append(v[1]).append(')'));
      return out.toString();
    }
  }

  private final List<String> fields = new ArrayList<>(FIELDS);
  private final StringBuilder field = new StringBuilder(64);
  private String lastDate;
  private Instant lastInstant;

  /**
   * Reads a gzip-compressed file.
   *
   * @param file the file
   * @param sink receives each row of a known customer, in file order
   * @return what was read
   * @throws IOException if the file cannot be read or does not start with the header
   */
  public static Stats read(Path file, Consumer<Row> sink) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
      return read(in, sink);
    }
  }

  /**
   * Reads uncompressed CSV text.
   *
   * @param in the text, UTF-8
   * @param sink receives each row of a known customer, in file order
   * @return what was read
   * @throws IOException if the stream cannot be read or does not start with the header
   */
  public static Stats read(InputStream in, Consumer<Row> sink) throws IOException {
    return new RetailCsv().parse(
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16), sink);
  }

  private Stats parse(BufferedReader reader, Consumer<Row> sink) throws IOException {
    Stats stats = new Stats();
    String header = reader.readLine();
    if (header != null && header.startsWith("\uFEFF")) {
      header = header.substring(1);
    }
    if (header == null || !header.trim().equals(HEADER)) {
      throw new IOException("not the online-retail log: the first line is " + header
          + "; expected " + HEADER);
    }
    long lineNo = 1;
    String line;
    while ((line = reader.readLine()) != null) {
      lineNo++;
      long first = lineNo;
      if (line.isEmpty()) {
        continue;
      }
      stats.lines++;
      // a quoted field may hold a line break: join lines until the quotes balance
      int spanned = 1;
      boolean unterminated = false;
      while (!split(line)) {
        String more = spanned < MAX_LINES_PER_ROW ? reader.readLine() : null;
        if (more == null) {
          unterminated = true;
          break;
        }
        lineNo++;
        spanned++;
        line = line + "\n" + more;
      }
      if (unterminated) {
        stats.reject("unterminated quote", first);
        continue;
      }
      Row row = row(first, stats);
      if (row != null) {
        stats.rows++;
        sink.accept(row);
      }
    }
    return stats;
  }

  /** Splits a record into {@link #fields}; false if it ends inside a quoted field. */
  private boolean split(String line) {
    fields.clear();
    field.setLength(0);
    boolean quoted = false;
    int n = line.length();
    for (int i = 0; i < n; i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < n && line.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(ch);
        }
      } else if (ch == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (ch == '"' && field.length() == 0) {
        quoted = true;
      } else if (ch != '\r' || i != n - 1) {
        field.append(ch);
      }
    }
    if (quoted) {
      return false;
    }
    fields.add(field.toString());
    return true;
  }

  private Row row(long line, Stats stats) {
    if (fields.size() != FIELDS) {
      stats.reject("expected " + FIELDS + " fields, found " + fields.size(), line);
      return null;
    }
    String invoice = fields.get(0).trim();
    if (invoice.isEmpty()) {
      stats.reject("blank InvoiceNo", line);
      return null;
    }
    String customer = fields.get(6).trim();
    if (customer.isEmpty()) {
      stats.anonymous++;
      return null;
    }
    String customerId = customerId(customer);
    if (customerId == null) {
      stats.reject("CustomerID is not a whole number", line);
      return null;
    }
    String stockCode = fields.get(1).trim();
    if (stockCode.isEmpty()) {
      stats.reject("blank StockCode", line);
      return null;
    }
    int quantity;
    try {
      quantity = Integer.parseInt(fields.get(3).trim());
    } catch (NumberFormatException e) {
      stats.reject("Quantity is not a whole number", line);
      return null;
    }
    Instant time = time(fields.get(4).trim());
    if (time == null) {
      stats.reject("InvoiceDate is not yyyy-MM-dd HH:mm:ss", line);
      return null;
    }
    double price;
    try {
      price = Double.parseDouble(fields.get(5).trim());
    } catch (NumberFormatException e) {
      stats.reject("UnitPrice is not a number", line);
      return null;
    }
    if (!Double.isFinite(price)) {
      stats.reject("UnitPrice is not a number", line);
      return null;
    }
    return new Row(line, invoice, stockCode, fields.get(2).trim(), quantity, time, price,
        customerId, fields.get(7).trim());
  }

  /** {@code 17850.0} or {@code 17850} to {@code 17850}; null if not a whole number. */
  static String customerId(String s) {
    String digits = s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    if (digits.isEmpty() || digits.length() > 18) {
      return null;
    }
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
        return null;
      }
    }
    return digits;
  }

  /** {@code yyyy-MM-dd HH:mm:ss}, UK local time; rows share times, so the last is cached. */
  private Instant time(String s) {
    if (s.equals(lastDate)) {
      return lastInstant;
    }
    if (s.length() != 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != ' '
        || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
      return null;
    }
    Instant t;
    try {
      t = LocalDateTime.of(year, month, day, hour, minute, second).atZone(UK).toInstant();
    } catch (java.time.DateTimeException e) {
      return null;
    }
    lastDate = s;
    lastInstant = t;
    return t;
  }

  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char ch = s.charAt(i);
      if (ch < '0' || ch > '9') {
        return -1;
      }
      v = v * 10 + (ch - '0');
    }
    return v;
  }
}
