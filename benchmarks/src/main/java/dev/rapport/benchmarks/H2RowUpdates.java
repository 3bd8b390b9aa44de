package dev.rapport.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * What an H2 file database costs per row update without Rapport: the floor under the durable
 * store's batches, which write each customer they changed once per commit. A table shaped like
 * the store's record table (an id, a version, a due time, 800 bytes) of 20,000 rows takes, for
 * five seconds, commits of the distinct rows of 100,000 random picks (about 19,900) updated in id
 * order, as a batch of 100,000 calls on 20,000 customers writes them; three ways: the due time
 * indexed and moved by every update, indexed and left as it was, not indexed. The first round
 * includes the JIT's warm-up; read the second.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.rapport.benchmarks.H2RowUpdates
 * }</pre>
 */
public final class H2RowUpdates {
  private static final int ROWS = 20_000;

  private H2RowUpdates() {}

  /**
   * Prints the row updates per second of each way, twice.
   *
   * @param args none
   * @throws Exception if the database fails
   */
  public static void main(String[] args) throws Exception {
    Path folder = Files.createTempDirectory("rapport-h2-rows");
    try {
      for (int round = 0; round < 2; round++) {
        for (String way : new String[] {"index-moves", "index-same", "no-index"}) {
          String url = "jdbc:h2:file:" + folder.resolve(way + round) + ";WRITE_DELAY=0";
          try (Connection c = DriverManager.getConnection(url)) {
            double rate = measure(c, way);
            System.out.printf("h2rows way=%s updatesPerSecond=%.0f microsEach=%.1f%n", way, rate,
                1e6 / rate);
          }
        }
      }
    } finally {
      try (Stream<Path> files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static double measure(Connection c, String way) throws SQLException {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE r (id VARCHAR(64) PRIMARY KEY, version BIGINT, next_due BIGINT, "
          + "payload VARBINARY(100000))");
      if (!way.equals("no-index")) {
        s.execute("CREATE INDEX r_due ON r(next_due)");
      }
    }
    SplittableRandom random = new SplittableRandom(1);
    byte[] payload = new byte[800];
    random.nextBytes(payload);
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO r VALUES (?, 1, ?, ?)")) {
      for (int i = 0; i < ROWS; i++) {
        insert.setString(1, "c-" + i);
        insert.setLong(2, i);
        insert.setBytes(3, payload);
        insert.addBatch();
        if (i % 1000 == 999) {
          insert.executeBatch();
          c.commit();
        }
      }
    }
    long updates = 0;
    long due = 1_000_000;
    long start = System.nanoTime();
    try (PreparedStatement update = c.prepareStatement(
        "UPDATE r SET version = version + 1, next_due = ?, payload = ? WHERE id = ?")) {
      while (System.nanoTime() - start < 5_000_000_000L) {
        // the distinct customers of 100,000 random calls, in id order, as a batch writes them
        for (int id : random.ints(100_000, 0, ROWS).sorted().distinct().toArray()) {
          update.setLong(1, way.equals("index-moves") ? due++ : id);
          update.setBytes(2, payload);
          update.setString(3, "c-" + id);
          update.addBatch();
          updates++;
        }
        update.executeBatch();
        c.commit();
      }
    }
    return updates / ((System.nanoTime() - start) / 1e9);
  }
}
