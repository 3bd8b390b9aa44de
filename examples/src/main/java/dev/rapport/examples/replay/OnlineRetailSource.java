package dev.rapport.examples.replay;

import dev.rapport.core.Event;
import dev.rapport.core.engine.Replay;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Replays the online-retail CSV (read by {@link OnlineRetailCsv}): each line an item bought
 * ({@code purchased}) or, for cancellation invoices ({@code C...}), returned ({@code
 * order_cancelled}), with the stock code as {@code sku}, the quantity, unit price, line total,
 * invoice and country as properties. Lines without a customer are counted as anonymous.
 */
public final class OnlineRetailSource extends FileEventSource {
  /** The header of the online-retail CSV. */
  public static final String HEADER = OnlineRetailCsv.HEADER;

  /**
   * Makes a source.
   *
   * @param file the CSV, plain or gzip
   * @param watch wraps the file's bytes as they are read, for a progress bar to count them
   *     ({@link UnaryOperator#identity()} for none)
   */
  public OnlineRetailSource(Path file, UnaryOperator<InputStream> watch) {
    super(file, watch);
  }

  @Override
  long read(BufferedReader text, Replay.Sink sink, Rejections rejections) throws IOException {
    return OnlineRetailCsv.read(text, row -> {
      Event e = event(row, rejections);
      if (e != null) {
        sink.event(row.line(), e);
      }
    }, rejections);
  }

  private static Event event(OnlineRetailCsv.Row row, Rejections rejections) {
    try {
      return Event.builder(row.customerId(), row.cancellation() ? "order_cancelled" : "purchased")
          .id("line-" + row.line())
          .with("invoice", row.invoice())
          .with("sku", row.stockCode())
          .with("quantity", row.quantity())
          .with("unit_price", row.unitPrice().doubleValue())
          .with("total", row.unitPrice().multiply(BigDecimal.valueOf(row.quantity()))
              .doubleValue())
          .with("country", row.country())
          .at(row.time());
    } catch (IllegalArgumentException e) {
      rejections.reject(row.line(), "malformed: " + e.getMessage());
      return null;
    }
  }
}
