package dev.rapport.store.jdbc;

/** The store's statements, in a database's dialect; all of them prepared once per connection. */
final class Sql {
  final String readSchema = "SELECT version FROM rapport_schema";
  final String readRecord =
      "SELECT version, next_due, payload FROM rapport_record WHERE customer_id = ?";
  final String insertRecord;
  final String updateRecord = "UPDATE rapport_record SET version = ?, next_due = ?, payload = ? "
      + "WHERE customer_id = ? AND version = ?";
  final String deleteRecord = "DELETE FROM rapport_record WHERE customer_id = ? AND version = ?";
  final String deleteAnyRecord = "DELETE FROM rapport_record WHERE customer_id = ?";
  final String lockRecord = "SELECT version FROM rapport_record WHERE customer_id = ? FOR UPDATE";
  final String countRecords = "SELECT COUNT(*) FROM rapport_record";
  final String due = "SELECT customer_id, next_due FROM rapport_record WHERE next_due <= ? "
      + "ORDER BY next_due, customer_id LIMIT ?";
  final String addCounter;
  final String deleteZeroCounter =
      "DELETE FROM rapport_counter WHERE counter_key = ? AND amount = 0";
  final String readCounter = "SELECT amount FROM rapport_counter WHERE counter_key = ?";
  final String readCounters = "SELECT counter_key, amount FROM rapport_counter "
      + "WHERE counter_key LIKE ? ESCAPE '\\' AND amount <> 0 ORDER BY counter_key";
  final String addCell;
  final String readSeries = "SELECT bucket, num, num2, den, total FROM rapport_series "
      + "WHERE series_key = ? ORDER BY bucket";
  final String readSeriesKeys = "SELECT DISTINCT series_key FROM rapport_series "
      + "WHERE series_key LIKE ? ESCAPE '\\' ORDER BY series_key";
  final String readMeasures = "SELECT series_key, bucket, num, num2, den, total "
      + "FROM rapport_series WHERE series_key LIKE ? ESCAPE '\\' ORDER BY series_key, bucket";
  final String prune = "DELETE FROM rapport_series WHERE series_key = ? AND bucket < ?";
  final String readShared =
      "SELECT version, payload FROM rapport_shared WHERE shared_key = ?";
  final String insertShared;
  final String updateShared = "UPDATE rapport_shared SET version = version + 1, payload = ? "
      + "WHERE shared_key = ? AND version = ?";
  final String enqueue = "INSERT INTO rapport_outbox (dispatch_id, payload) VALUES (?, ?)";
  final String undelivered =
      "SELECT dispatch_id, payload FROM rapport_outbox ORDER BY seq LIMIT ?";
  final String delivered = "DELETE FROM rapport_outbox WHERE dispatch_id = ?";
  final String addChanges = "UPDATE rapport_stamp SET changes = changes + ? WHERE id = 1";
  final String readChanges = "SELECT changes FROM rapport_stamp WHERE id = 1";

  Sql(Dialect dialect) {
    switch (dialect) {
      case POSTGRESQL:
        // ON CONFLICT: a race with another writer is a row count, not an error, which in
        // PostgreSQL would abort the whole transaction
        insertRecord = "INSERT INTO rapport_record (customer_id, version, next_due, payload) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT (customer_id) DO NOTHING";
        addCounter = "INSERT INTO rapport_counter AS t (counter_key, amount) VALUES (?, ?) "
            + "ON CONFLICT (counter_key) DO UPDATE SET amount = t.amount + EXCLUDED.amount";
        addCell = "INSERT INTO rapport_series AS t (series_key, bucket, num, num2, den, total) "
            + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (series_key, bucket) DO UPDATE SET "
            + "num = t.num + EXCLUDED.num, num2 = t.num2 + EXCLUDED.num2, "
            + "den = t.den + EXCLUDED.den, total = t.total + EXCLUDED.total";
        insertShared = "INSERT INTO rapport_shared (shared_key, version, payload) "
            + "VALUES (?, 1, ?) ON CONFLICT (shared_key) DO NOTHING";
        break;
      case H2:
        // H2 rolls back only the failing statement: a duplicate key is caught as a conflict
        insertRecord = "INSERT INTO rapport_record (customer_id, version, next_due, payload) "
            + "VALUES (?, ?, ?, ?)";
        addCounter = "MERGE INTO rapport_counter t USING (VALUES (CAST(? AS VARCHAR), "
            + "CAST(? AS BIGINT))) s (k, d) ON t.counter_key = s.k "
            + "WHEN MATCHED THEN UPDATE SET amount = t.amount + s.d "
            + "WHEN NOT MATCHED THEN INSERT (counter_key, amount) VALUES (s.k, s.d)";
        addCell = "MERGE INTO rapport_series t USING (VALUES (CAST(? AS VARCHAR), "
            + "CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), "
            + "CAST(? AS DOUBLE PRECISION))) s (k, b, n, n2, d, t) "
            + "ON t.series_key = s.k AND t.bucket = s.b "
            + "WHEN MATCHED THEN UPDATE SET num = t.num + s.n, num2 = t.num2 + s.n2, "
            + "den = t.den + s.d, total = t.total + s.t "
            + "WHEN NOT MATCHED THEN INSERT (series_key, bucket, num, num2, den, total) "
            + "VALUES (s.k, s.b, s.n, s.n2, s.d, s.t)";
        insertShared = "INSERT INTO rapport_shared (shared_key, version, payload) "
            + "VALUES (?, 1, ?)";
        break;
      default:
        throw new IllegalArgumentException("no statements for " + dialect);
    }
  }

  /** A LIKE pattern matching what starts with a prefix, with LIKE's own characters escaped. */
  static String startsWith(String prefix) {
    StringBuilder out = new StringBuilder(prefix.length() + 1);
    for (int i = 0; i < prefix.length(); i++) {
      char c = prefix.charAt(i);
      if (c == '\\' || c == '%' || c == '_') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('%').toString();
  }
}
