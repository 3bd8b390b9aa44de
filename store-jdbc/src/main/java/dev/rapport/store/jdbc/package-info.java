/**
 * The JDBC state store: {@link dev.rapport.store.jdbc.JdbcStateStore} keeps everything a Rapport
 * engine knows in a database that the host gives it as a {@link javax.sql.DataSource}, so that a
 * restart or a crash loses no enrollment and sends no message twice; {@link
 * dev.rapport.store.jdbc.Dialect} names the databases it has a schema for, and gives their DDL to
 * hosts that run their own migrations.
 *
 * <pre>{@code
 * JdbcStateStore store = JdbcStateStore.builder(dataSource).createSchema().build();
 * Engine engine = Engine.builder().stateStore(store) ... .build();
 * }</pre>
 */
package dev.rapport.store.jdbc;
