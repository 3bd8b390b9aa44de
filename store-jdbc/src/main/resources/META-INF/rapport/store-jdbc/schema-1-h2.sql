-- Rapport's JDBC state store: schema version 1, for H2 2.x.
--
-- JdbcStateStore.builder(dataSource).createSchema() applies this script to a database without a
-- Rapport schema; a host that runs its own migrations (Flyway, Liquibase) applies it itself,
-- once, in one migration. The store refuses a database whose rapport_schema holds another version.
-- Statements end with a semicolon at the end of a line.

-- Each customer's record: the engine's codec bytes, an optimistic version, and the instant of
-- the customer's earliest timer (nanoseconds since 1970, UTC; null for none), indexed for the
-- due-timer query (earliest first, ties by customer id).
CREATE TABLE rapport_record (
  customer_id VARCHAR NOT NULL PRIMARY KEY,
  version BIGINT NOT NULL,
  next_due BIGINT,
  payload VARBINARY NOT NULL
);
CREATE INDEX rapport_record_due ON rapport_record (next_due, customer_id);

-- Engine-wide counters, only ever added to; a counter back at zero may be deleted.
CREATE TABLE rapport_counter (
  counter_key VARCHAR NOT NULL PRIMARY KEY,
  amount BIGINT NOT NULL
);

-- The cells of metric windows: one row per series and bucket, its numbers added to.
CREATE TABLE rapport_series (
  series_key VARCHAR NOT NULL,
  bucket BIGINT NOT NULL,
  num BIGINT NOT NULL,
  num2 BIGINT NOT NULL,
  den BIGINT NOT NULL,
  total DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (series_key, bucket)
);

-- Engine-wide values (guardrail states, trends): codec bytes with an optimistic version.
CREATE TABLE rapport_shared (
  shared_key VARCHAR NOT NULL PRIMARY KEY,
  version BIGINT NOT NULL,
  payload VARBINARY NOT NULL
);

-- The outbox: dispatches committed with the call that made them, in commit order, until the
-- engine marks them handed over (which deletes them).
CREATE TABLE rapport_outbox (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dispatch_id VARCHAR NOT NULL,
  payload VARBINARY NOT NULL
);
CREATE INDEX rapport_outbox_dispatch ON rapport_outbox (dispatch_id);

-- The change stamp: grows with every commit that adds to counters or series.
CREATE TABLE rapport_stamp (
  id INTEGER NOT NULL PRIMARY KEY,
  changes BIGINT NOT NULL
);
INSERT INTO rapport_stamp (id, changes) VALUES (1, 0);

-- The schema's version, written last: a schema is complete once it is there.
CREATE TABLE rapport_schema (
  version INTEGER NOT NULL
);
INSERT INTO rapport_schema (version) VALUES (1);
