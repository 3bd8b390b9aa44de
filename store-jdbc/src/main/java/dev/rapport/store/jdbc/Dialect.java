package dev.rapport.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The databases {@link JdbcStateStore} has a schema for, and the DDL of that schema: for a host
 * that runs its own migrations (Flyway, Liquibase), {@link #schema()} is the script to apply once;
 * the same scripts are in the jar as {@code META-INF/rapport/store-jdbc/schema-1-h2.sql} and
 * {@code schema-1-postgresql.sql}.
 *
 * <pre>{@code
 * String ddl = Dialect.POSTGRESQL.schema(); // what createSchema() would run
 * }</pre>
 */
public enum Dialect {
  /** H2 2.x, embedded (file or memory) or as a server. */
  H2("H2", "h2"),
  /** PostgreSQL 12 and later. */
  POSTGRESQL("PostgreSQL", "postgresql");

  /** The version of the schema that this release of the store reads and writes. */
  public static final int SCHEMA_VERSION = 1;

  private final String productName;
  private final String file;

  Dialect(String productName, String file) {
    this.productName = productName;
    this.file = file;
  }

  /**
   * Returns the dialect of a database, from the product name its JDBC driver reports.
   *
   * @param productName what {@code DatabaseMetaData.getDatabaseProductName()} returns
   * @return the dialect, or empty for a database the store has no schema for
   */
  public static Optional<Dialect> ofProductName(String productName) {
    if (productName == null) {
      return Optional.empty();
    }
    for (Dialect d : values()) {
      if (d.productName.equalsIgnoreCase(productName.trim())) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the path, inside the store's jar, of this database's schema script.
   *
   * @return the resource path, such as {@code META-INF/rapport/store-jdbc/schema-1-h2.sql}
   */
  public String schemaResource() {
    return "META-INF/rapport/store-jdbc/schema-" + SCHEMA_VERSION + "-" + file + ".sql";
  }

  /**
   * Returns the DDL of the schema, version {@value #SCHEMA_VERSION}, for this database: what
   * {@link JdbcStateStore.Builder#createSchema()} runs on a database without a Rapport schema.
   *
   * @return the script, statements separated by semicolons at the end of a line
   */
  public String schema() {
    try (InputStream in = Dialect.class.getClassLoader().getResourceAsStream(schemaResource())) {
      if (in == null) {
        throw new IllegalStateException("JDBC store: the schema script " + schemaResource()
            + " is missing from the rapport-store-jdbc jar; the jar is damaged, replace it");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("JDBC store: cannot read the schema script "
          + schemaResource(), e);
    }
  }

  /** The schema's statements, without comments, in order. */
  List<String> schemaStatements() {
    List<String> out = new ArrayList<>();
    StringBuilder statement = new StringBuilder();
    for (String line : schema().split("\n")) {
      String code = line.strip();
      if (code.isEmpty() || code.startsWith("--")) {
        continue;
      }
      statement.append(statement.length() == 0 ? "" : "\n").append(line.stripTrailing());
      if (code.endsWith(";")) {
        statement.setLength(statement.length() - 1);
        out.add(statement.toString());
        statement.setLength(0);
      }
    }
    return out;
  }
}
