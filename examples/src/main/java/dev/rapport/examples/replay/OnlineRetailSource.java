package dev.rapport.examples.replay;

import dev.rapport.core.Event;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the online-retail CSV: each line an item bought ({@code purchased}) or, for cancellation
 * invoices ({@code C...}), returned ({@code order_cancelled}), with the stock code as {@code
 * sku}, the quantity, unit price, line total, invoice and country as properties. Lines without a
 * customer are counted as anonymous.
 */
public final class OnlineRetailSource implements EventSource {
  /** The header of the online-retail CSV. */
  public static final String HEADER =
      "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";

  private static final ZoneId UK = ZoneId.of("Europe/London");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern(
      "yyyy-MM-dd HH:mm:ss");

  private final Path file;

  /**
   * Makes a source.
   *
   * @param file the CSV, plain or gzip
   */
  public OnlineRetailSource(Path file) {
    this.file = file;
  }

  @Override
  public long read(Consumer<Event> events, Rejections rejections) throws IOException {
    long lines = 0;
    try (BufferedReader r = EventSource.reader(file)) {
      r.readLine();
      long n = 1;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        lines++;
        Event e = parse(line, n, rejections);
        if (e != null) {
          events.accept(e);
        }
      }
    }
    return lines;
  }

  private static Event parse(String line, long n, Rejections rejections) {
    List<String> f = Csv.split(line);
    if (f == null) {
      rejections.reject(n, "malformed: unclosed quote");
      return null;
    }
    if (f.size() != 8) {
      rejections.reject(n, "malformed: " + f.size() + " fields instead of 8");
      return null;
    }
    String customer = f.get(6).trim();
    if (customer.isEmpty()) {
      rejections.reject(n, "anonymous (no CustomerID)");
      return null;
    }
    try {
      String id = new BigDecimal(customer).toBigIntegerExact().toString();
      String invoice = f.get(0).trim();
      long quantity = Long.parseLong(f.get(3).trim());
      BigDecimal price = new BigDecimal(f.get(5).trim());
      LocalDateTime local = LocalDateTime.parse(f.get(4).trim(), DATE);
      boolean cancelled = invoice.startsWith("C");
      return Event.builder(id, cancelled ? "order_cancelled" : "purchased")
          .id("line-" + n)
          .with("invoice", invoice)
          .with("sku", f.get(1).trim())
          .with("quantity", quantity)
          .with("unit_price", price.doubleValue())
          .with("total", price.multiply(BigDecimal.valueOf(quantity)).doubleValue())
          .with("country", f.get(7).trim())
          .at(local.atZone(UK).toInstant());
    } catch (NumberFormatException | ArithmeticException e) {
      rejections.reject(n, "malformed: a number does not parse");
    } catch (DateTimeParseException e) {
      rejections.reject(n, "malformed: InvoiceDate is not yyyy-MM-dd HH:mm:ss");
    } catch (IllegalArgumentException e) {
      rejections.reject(n, "malformed: " + e.getMessage());
    }
    return null;
  }
}
