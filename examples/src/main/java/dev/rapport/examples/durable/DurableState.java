package dev.rapport.examples.durable;

import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.StateStore;
import dev.rapport.store.jdbc.JdbcStateStore;
import dev.rapport.store.jdbc.UrlDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Where a run of the main command keeps what it must not forget: the engine's state, in a {@link
 * JdbcStateStore} on the database of a JDBC URL (its schema created on first use), and, as a host
 * would, the messages its dispatcher received ({@code examples_sent}), so that the simulation can
 * answer, after a restart, the messages it was sent before it stopped.
 *
 * <p>Calls commit in batches ({@link #batch()}): a run that is stopped loses the calls since the
 * last commit, and the next run makes them again, since it feeds every event again and the engine
 * ignores those it has seen.
 */
public final class DurableState implements AutoCloseable {
  /** How many calls a batch commits at once. */
  public static final int CALLS_PER_COMMIT = 1_000;

  private final JdbcStateStore store;
  /** The host's own connection, for its table of messages sent; the simulation's thread only. */
  private final Connection connection;
  private final long customersBefore;

  /**
   * A message the dispatcher received, as the host keeps it.
   *
   * @param id the dispatch's id
   * @param customer who
   * @param action the action's name
   * @param marketing whether it is marketing
   * @param channel the channel's name
   * @param at when
   */
  public record Sent(String id, String customer, String action, boolean marketing,
      String channel, Instant at) {
    /**
     * Returns what a dispatch is, as kept.
     *
     * @param d the dispatch
     * @return it, as kept
     */
    public static Sent of(Dispatch d) {
      return new Sent(d.id(), d.customer().value(), d.action().name(),
          d.action().purpose() == dev.rapport.core.Purpose.MARKETING, d.channel().name(), d.at());
    }
  }

  private DurableState(String url) {
    DataSource dataSource = UrlDataSource.of(url);
    this.store = JdbcStateStore.builder(dataSource).createSchema().cachedRecords(100_000).build();
    try {
      this.connection = dataSource.getConnection();
    } catch (SQLException e) {
      store.close();
      throw new StateStore.StoreException(store + ": cannot connect (" + e.getMessage() + ")", e);
    }
    try (Statement st = connection.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS examples_sent (dispatch_id VARCHAR(200) NOT NULL "
          + "PRIMARY KEY, customer_id VARCHAR(200) NOT NULL, action VARCHAR(200) NOT NULL, "
          + "marketing BOOLEAN NOT NULL, channel VARCHAR(100) NOT NULL, at_millis BIGINT NOT NULL)");
    } catch (SQLException e) {
      close();
      throw new StateStore.StoreException(store + ": cannot create the examples' table "
          + "examples_sent (" + e.getMessage() + "); check the rights of the database user", e);
    }
    this.customersBefore = store.size();
  }

  /**
   * Opens the state kept at a JDBC URL, creating its tables on first use.
   *
   * @param url the URL, such as {@code jdbc:h2:file:./target/rapport-db}
   * @return the state
   * @throws StateStore.StoreException if the database cannot be reached or holds a schema of
   *     another version
   */
  public static DurableState open(String url) {
    return new DurableState(url);
  }

  /**
   * Returns the engine's state store.
   *
   * @return the store
   */
  public StateStore store() {
    return store;
  }

  /**
   * Starts committing calls {@value #CALLS_PER_COMMIT} at a time, until the batch is closed.
   *
   * @return the batch
   */
  public JdbcStateStore.Batch batch() {
    return store.batch(CALLS_PER_COMMIT);
  }

  /**
   * Returns how many customers the store held when it was opened: zero for a new run, more for
   * one that continues.
   *
   * @return the count
   */
  public long customersBefore() {
    return customersBefore;
  }

  /**
   * Keeps a message the dispatcher received; one kept already is left as it is.
   *
   * @param sent the message
   */
  public void keep(Sent sent) {
    Connection c = connection;
    try {
      try (PreparedStatement exists = c.prepareStatement(
          "SELECT 1 FROM examples_sent WHERE dispatch_id = ?")) {
        exists.setString(1, sent.id());
        try (ResultSet rs = exists.executeQuery()) {
          if (rs.next()) {
            return; // handed over again after a restart: the same id, kept once
          }
        }
      }
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO examples_sent "
          + "(dispatch_id, customer_id, action, marketing, channel, at_millis) "
          + "VALUES (?, ?, ?, ?, ?, ?)")) {
        insert.setString(1, sent.id());
        insert.setString(2, sent.customer());
        insert.setString(3, sent.action());
        insert.setBoolean(4, sent.marketing());
        insert.setString(5, sent.channel());
        insert.setLong(6, sent.at().toEpochMilli());
        insert.executeUpdate();
      }
    } catch (SQLException e) {
      throw new StateStore.StoreException(store + ": cannot keep a sent message in "
          + "examples_sent (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Returns the messages kept by earlier runs, oldest first.
   *
   * @return the messages
   */
  public List<Sent> sent() {
    List<Sent> out = new ArrayList<>();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT dispatch_id, customer_id, action, marketing, "
            + "channel, at_millis FROM examples_sent ORDER BY at_millis, dispatch_id")) {
      while (rs.next()) {
        out.add(new Sent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
            rs.getString(5), Instant.ofEpochMilli(rs.getLong(6))));
      }
    } catch (SQLException e) {
      throw new StateStore.StoreException(store + ": cannot read examples_sent ("
          + e.getMessage() + ")", e);
    }
    return out;
  }

  /**
   * Returns where the state is kept: the store's name.
   *
   * @return the name
   */
  @Override
  public String toString() {
    return store.toString();
  }

  /** Closes the store, after committing an open batch, and the host's connection. */
  @Override
  public void close() {
    store.close();
    try {
      connection.close();
    } catch (SQLException e) {
      // closing: nothing more to do with it
    }
  }
}
