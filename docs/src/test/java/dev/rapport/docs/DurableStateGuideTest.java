package dev.rapport.docs;

import static dev.rapport.dsl.Rapport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.core.Event;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.StateStore;
import dev.rapport.core.journey.Journey;
import dev.rapport.store.jdbc.Dialect;
import dev.rapport.store.jdbc.JdbcStateStore;
import dev.rapport.testkit.TestClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The samples of guide/durable-state.md, run on an H2 file. */
class DurableStateGuideTest {
  private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

  @TempDir Path folder;

  private final TestClock clock = TestClock.at(MONDAY);
  private final Journey nudge = journey("nudge").enterOn("signed_up")
      .steps(delay(Duration.ofDays(1)), send(action("tips").via(IN_APP).build())).build();
  private final List<Dispatch> outbox = new ArrayList<>();

  @Test
  void an_engine_on_the_jdbc_store_continues_after_a_restart() {
    // snippet: durable-open
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + folder.resolve("rapport") + ";WRITE_DELAY=0");
    JdbcStateStore store = JdbcStateStore.builder(h2).createSchema().build();

    Engine engine = Engine.builder().clock(clock).stateStore(store).journeys(nudge)
        .dispatcher(outbox::add).build();
    engine.track(event("ada", "signed_up").at(MONDAY));
    // end

    // snippet: durable-restart
    store.close(); // the process stops; everything the engine knew is in the file

    JdbcStateStore reopened = JdbcStateStore.open(h2);
    Engine next = Engine.builder().clock(clock).stateStore(reopened).journeys(nudge)
        .dispatcher(outbox::add).build();
    clock.advance(Duration.ofDays(2));
    next.advanceTo(clock.instant()); // the timer that came due while it was down fires now

    assertThat(outbox).extracting(d -> d.action().name()).containsExactly("tips");
    assertThat(next.journeyStats("nudge").completed()).isEqualTo(1);
    // end
    reopened.close();
  }

  @Test
  void a_host_that_deduplicates_by_dispatch_id_sees_each_message_once() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + folder.resolve("rapport") + ";WRITE_DELAY=0");
    JdbcStateStore store = JdbcStateStore.builder(h2).createSchema().build();
    // snippet: durable-dedup
    Set<String> seen = ConcurrentHashMap.newKeySet();
    Engine engine = Engine.builder().clock(clock).stateStore(store).journeys(nudge)
        .dispatcher(d -> {
          if (seen.add(d.id())) {   // in production: a unique key in your own database
            outbox.add(d);
          }
        })
        .build();
    // end
    engine.track(event("ada", "signed_up").at(MONDAY));
    engine.advanceTo(MONDAY.plus(Duration.ofDays(1)));

    assertThat(outbox).hasSize(1);
    store.close();
  }

  @Test
  void a_replay_commits_its_calls_in_batches() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + folder.resolve("rapport") + ";WRITE_DELAY=0");
    JdbcStateStore store = JdbcStateStore.builder(h2).createSchema().build();
    Engine engine = Engine.builder().clock(clock).stateStore(store).journeys(nudge)
        .dispatcher(outbox::add).build();
    List<Event> log = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      log.add(event("c-" + (i % 500), i < 500 ? "signed_up" : "page_viewed").id("e-" + i)
          .at(MONDAY.plusSeconds(i)));
    }
    clock.set(MONDAY.plusSeconds(2_500));

    // snippet: durable-batch
    JdbcStateStore.Batch batch = store.batch(1_000);
    for (Event e : log) {
      engine.advanceTo(e.time());
      engine.track(e);
    }
    batch.close(); // commits the rest; calls commit one by one again
    // end

    assertThat(batch.committed()).isEqualTo(2_500);
    assertThat(store.size()).isEqualTo(500);
    store.close();
  }

  @Test
  void the_schema_is_there_for_hosts_that_run_their_own_migrations() throws Exception {
    // snippet: durable-schema
    String ddl = Dialect.POSTGRESQL.schema(); // also in the jar: Dialect.POSTGRESQL.schemaResource()
    // end
    assertThat(ddl).contains("CREATE TABLE rapport_record");
    assertThat(Dialect.POSTGRESQL.schemaResource())
        .isEqualTo("META-INF/rapport/store-jdbc/schema-1-postgresql.sql");

    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + folder.resolve("migrated") + ";WRITE_DELAY=0");
    try (Connection c = h2.getConnection(); Statement st = c.createStatement()) {
      st.execute(Dialect.H2.schema()); // H2 runs the whole script at once
    }
    JdbcStateStore.open(h2).close();
  }

  @Test
  void a_schema_of_another_version_is_refused() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    String url = "jdbc:h2:file:" + folder.resolve("old");
    h2.setURL(url);
    JdbcStateStore.builder(h2).createSchema().build().close();
    try (Connection c = h2.getConnection(); Statement st = c.createStatement()) {
      st.execute("UPDATE rapport_schema SET version = 7");
    }

    assertThatThrownBy(() -> JdbcStateStore.open(h2))
        .isInstanceOf(StateStore.StoreException.class)
        .hasMessage("JDBC store " + url + ": the database holds Rapport schema version 7, and "
            + "this release of rapport-store-jdbc reads version 1 only; use the release of "
            + "Rapport that wrote it, or another database");
  }
}
