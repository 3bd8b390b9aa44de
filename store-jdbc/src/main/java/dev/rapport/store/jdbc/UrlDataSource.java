package dev.rapport.store.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that opens a new connection to a JDBC URL each time, through {@link
 * DriverManager} and the driver on the class path: no pool. {@link JdbcStateStore} keeps the
 * connections it opens, so a host that has a URL (an H2 file, a PostgreSQL database) and no pool
 * of its own can give it one of these; a host with a pool gives its pool.
 */
public final class UrlDataSource implements DataSource {
  private final String url;

  private UrlDataSource(String url) {
    this.url = url;
  }

  /**
   * Returns a data source for a JDBC URL.
   *
   * @param url the URL, such as {@code jdbc:h2:file:./rapport-db} or {@code
   *     jdbc:postgresql://localhost/rapport?user=rapport}
   * @return the data source
   * @throws IllegalArgumentException if the URL is null or does not start with {@code jdbc:}
   */
  public static UrlDataSource of(String url) {
    if (url == null || !url.startsWith("jdbc:")) {
      throw new IllegalArgumentException("UrlDataSource.of(url): " + (url == null ? "url is null"
          : "'" + url + "' is not a JDBC URL") + "; give one that starts with jdbc:, such as "
          + "jdbc:h2:file:./rapport-db");
    }
    return new UrlDataSource(url);
  }

  /**
   * Returns the URL connections are opened to.
   *
   * @return the URL
   */
  public String url() {
    return url;
  }

  /**
   * Opens a connection to the URL.
   *
   * @return the connection
   * @throws SQLException if the driver cannot connect
   */
  @Override
  public Connection getConnection() throws SQLException {
    return DriverManager.getConnection(url);
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    // no log
  }

  @Override
  public void setLoginTimeout(int seconds) {
    // the driver's default
  }

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("no parent logger");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return false;
  }
}
