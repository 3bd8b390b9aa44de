/**
 * Rapport's state store on a JDBC {@link javax.sql.DataSource}: customer records with optimistic
 * versions and a due-timer index, engine-wide counters, series and shared values, and a
 * transactional outbox, on H2 or PostgreSQL; see {@link dev.rapport.store.jdbc.JdbcStateStore}.
 */
module dev.rapport.store.jdbc {
  requires transitive dev.rapport.core;
  requires transitive java.sql;
  requires org.slf4j;

  exports dev.rapport.store.jdbc;
}
