package dev.rapport.examples.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the online-retail CSV of the UCI data set ({@code
 * ../shared/data/online-retail/online-retail.csv.gz} beside the project): the header {@value
 * #HEADER}, then one invoice line per row. The one reader of the format, for the examples' replay
 * and the benchmarks' alike.
 *
 * <p>A row becomes a {@link Row} when every field reads; otherwise it is counted in {@link
 * Rejections} with its line number and one of these reasons: {@value #ANONYMOUS} (no CustomerID:
 * an anonymous session, about a quarter of the real log), {@code malformed: unclosed quote},
 * {@code malformed: N fields instead of 8}, {@code malformed: blank InvoiceNo}, {@code malformed:
 * CustomerID is not a whole number}, {@code malformed: blank StockCode}, {@code malformed:
 * Quantity is not a whole number}, {@code malformed: InvoiceDate is not yyyy-MM-dd HH:mm:ss} or
 * {@code malformed: UnitPrice is not a number}.
 *
 * <pre>{@code
 * Rejections rejections = new Rejections();
 * try (BufferedReader text = EventSource.reader(file)) {
 *   long lines = OnlineRetailCsv.read(text, row -> replay(row), rejections);
 * }
 * }</pre>
 */
public final class OnlineRetailCsv {
  /** The header the text must start with. */
  public static final String HEADER =
      "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";

  /** The reason a row without a CustomerID is rejected. */
  public static final String ANONYMOUS = "anonymous (no CustomerID)";

  private static final int FIELDS = 8;
  private static final ZoneId UK = ZoneId.of("Europe/London");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
      .withResolverStyle(ResolverStyle.STRICT);

  /**
   * One invoice line of a known customer.
   *
   * @param line the line number in the file (the header is line 1)
   * @param invoice the invoice number, such as {@code 536365} or {@code C536379}
   * @param stockCode the product code
   * @param description the product description, trimmed
   * @param quantity the quantity, negative on cancellations
   * @param time the invoice time (the file has UK local times)
   * @param unitPrice the unit price in pounds, exactly as written
   * @param customerId the customer id without its decimal, such as {@code 17850} for {@code
   *     17850.0}
   * @param country the customer's country
   */
  public record Row(long line, String invoice, String stockCode, String description,
      long quantity, Instant time, BigDecimal unitPrice, String customerId, String country) {
    /**
     * Tells whether the row belongs to a cancellation invoice.
     *
     * @return whether the invoice number starts with {@code C}
     */
    public boolean cancellation() {
      return invoice.startsWith("C");
    }
  }

  private String lastDate;
  private Instant lastTime;

  private OnlineRetailCsv() {}

  /**
   * Reads the rows of an online-retail CSV text, in file order.
   *
   * @param text the text, from its header on
   * @param rows receives each row of a known customer that reads
   * @param rejections counts the rows that do not, by reason
   * @return the number of lines read after the header, blank lines excluded
   * @throws IOException if the text cannot be read or does not start with the header
   */
  public static long read(BufferedReader text, Consumer<Row> rows, Rejections rejections)
      throws IOException {
    String header = text.readLine();
    String h = header == null ? null : header.replace("\uFEFF", "").trim();
    if (!HEADER.equals(h)) {
      throw new IOException("not the online-retail log: the first line is "
          + (h == null ? "missing" : "'" + h + "'") + "; expected " + HEADER);
    }
    OnlineRetailCsv reader = new OnlineRetailCsv();
    return CsvLines.read(text, 1, rejections, (line, fields) -> {
      Row row = reader.row(line, fields, rejections);
      if (row != null) {
        rows.accept(row);
      }
    });
  }

  private Row row(long line, List<String> f, Rejections rejections) {
    if (f.size() != FIELDS) {
      rejections.reject(line, "malformed: " + f.size() + " fields instead of " + FIELDS);
      return null;
    }
    String customer = f.get(6).trim();
    if (customer.isEmpty()) {
      rejections.reject(line, ANONYMOUS);
      return null;
    }
    String invoice = f.get(0).trim();
    if (invoice.isEmpty()) {
      rejections.reject(line, "malformed: blank InvoiceNo");
      return null;
    }
    String customerId = wholeNumber(customer);
    if (customerId == null) {
      rejections.reject(line, "malformed: CustomerID is not a whole number");
      return null;
    }
    String stockCode = f.get(1).trim();
    if (stockCode.isEmpty()) {
      rejections.reject(line, "malformed: blank StockCode");
      return null;
    }
    long quantity;
    try {
      quantity = Long.parseLong(f.get(3).trim());
    } catch (NumberFormatException e) {
      rejections.reject(line, "malformed: Quantity is not a whole number");
      return null;
    }
    Instant time = time(f.get(4).trim());
    if (time == null) {
      rejections.reject(line, "malformed: InvoiceDate is not yyyy-MM-dd HH:mm:ss");
      return null;
    }
    BigDecimal price;
    try {
      price = new BigDecimal(f.get(5).trim());
    } catch (NumberFormatException e) {
      rejections.reject(line, "malformed: UnitPrice is not a number");
      return null;
    }
    return new Row(line, invoice, stockCode, f.get(2).trim(), quantity, time, price, customerId,
        f.get(7).trim());
  }

  /** {@code 17850.0} or {@code 17850} to {@code 17850}; null if not a whole number. */
  static String wholeNumber(String text) {
    // the common shapes, digits with no leading zero and perhaps ".0", without arithmetic
    int end = text.endsWith(".0") ? text.length() - 2 : text.length();
    if (end > 0 && text.charAt(0) != '0' && digits(text, end)) {
      return end == text.length() ? text : text.substring(0, end);
    }
    try { // anything else exactly: a sign, an exponent, leading zeros, more zero decimals
      return new BigDecimal(text).toBigIntegerExact().toString();
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  private static boolean digits(String text, int end) {
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** A UK local time to an instant; rows of an invoice share it, so the last one is kept. */
  private Instant time(String text) {
    if (!text.equals(lastDate)) {
      try {
        lastTime = LocalDateTime.parse(text, DATE).atZone(UK).toInstant();
      } catch (DateTimeException e) {
        return null;
      }
      lastDate = text;
    }
    return lastTime;
  }
}
