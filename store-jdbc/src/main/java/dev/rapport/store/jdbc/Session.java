package dev.rapport.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * One connection of the store's, out of auto-commit, with its prepared statements: kept open and
 * reused, so that a call costs its statements and nothing else. Used by one thread at a time.
 */
final class Session {
  final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  /** Set when a statement failed in a way that may have left the connection unusable. */
  boolean broken;

  Session(Connection connection) throws SQLException {
    this.connection = connection;
    connection.setAutoCommit(false);
  }

  PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      statements.put(sql, ps);
    }
    return ps;
  }

  void commit() throws SQLException {
    connection.commit();
  }

  /** Rolls back what is open; a failure to do so marks the session broken. */
  void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException e) {
      broken = true;
    }
  }

  void closeQuietly() {
    for (PreparedStatement ps : statements.values()) {
      try {
        ps.close();
      } catch (SQLException e) {
        // closing: nothing more to do with it
      }
    }
    statements.clear();
    try {
      connection.close();
    } catch (SQLException e) {
      // closing: nothing more to do with it
    }
  }
}
