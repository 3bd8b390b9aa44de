package dev.rapport.store.jdbc;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.delay;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.journey;
import static dev.rapport.dsl.Rapport.send;
import static dev.rapport.dsl.Rapport.traits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.core.CustomerId;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.StateStore;
import dev.rapport.core.journey.Journey;
import dev.rapport.testkit.TestClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The JDBC store with an engine on it: restarts, bad input, two engines, batches. */
class JdbcStateStoreTest {
  private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");
  private static final Journey NUDGE = journey("nudge").enterOn("signed_up")
      .steps(delay(Duration.ofDays(1)), send(action("tips").via(EMAIL).transactional().build()))
      .build();

  private static Engine engine(StateStore store, Instant now, List<Dispatch> sent) {
    return engine(store, Clock.fixed(now, ZoneOffset.UTC), sent);
  }

  private static Engine engine(StateStore store, Clock clock, List<Dispatch> sent) {
    return Engine.builder().clock(clock).stateStore(store).journeys(NUDGE)
        .dispatcher(sent::add).build();
  }

  private static void sql(DataSource ds, String statement) throws SQLException {
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      st.execute(statement);
    }
  }

  private static long count(DataSource ds, String query) throws SQLException {
    try (Connection c = ds.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void a_new_engine_fires_the_timers_that_came_due_while_it_was_down_in_due_order()
      throws Exception {
    DataSource ds = Databases.h2();
    List<Dispatch> sent = new ArrayList<>();
    try (JdbcStateStore store = JdbcStateStore.builder(ds).createSchema().build()) {
      TestClock clock = TestClock.at(MONDAY);
      Engine first = engine(store, clock, sent);
      for (String c : List.of("cy", "ada", "bob")) {
        first.identify(c, traits().set(EMAIL_ADDRESS, c + "@example.com"));
      }
      first.track(event("cy", "signed_up").at(clock.instant()));
      clock.set(MONDAY.plusSeconds(10)); // timers are set on the engine's clock
      first.track(event("bob", "signed_up").at(clock.instant()));
      first.track(event("ada", "signed_up").at(clock.instant()));
    }

    try (JdbcStateStore store = JdbcStateStore.open(ds)) {
      Engine second = engine(store, MONDAY.plus(Duration.ofDays(3)), sent);
      int fired = second.advanceTo(MONDAY.plus(Duration.ofDays(3)));

      assertThat(fired).isEqualTo(3);
      assertThat(sent).extracting(d -> d.customer().value()).containsExactly("cy", "ada", "bob");
      assertThat(second.journeyStats("nudge").completed()).isEqualTo(3);
      assertThat(store.size()).isEqualTo(3);
      assertThat(count(ds, "SELECT COUNT(*) FROM rapport_outbox")).as("outbox").isZero();
    }
  }

  @Test
  void two_engines_on_one_database_fire_each_timer_once() throws Exception {
    String url = Databases.postgresUrl();
    List<Dispatch> sent = Collections.synchronizedList(new ArrayList<>());
    try (JdbcStateStore one = JdbcStateStore.builder(Databases.postgres(url)).createSchema()
        .build(); JdbcStateStore two = JdbcStateStore.open(Databases.postgres(url))) {
      Engine setup = engine(one, MONDAY, new ArrayList<>());
      for (int i = 0; i < 60; i++) {
        setup.identify("c-" + i, traits().set(EMAIL_ADDRESS, "c" + i + "@example.com"));
        setup.track(event("c-" + i, "signed_up").at(MONDAY.minusSeconds(i)));
      }
      Instant later = MONDAY.plus(Duration.ofDays(2));
      Engine a = engine(one, later, sent);
      Engine b = engine(two, later, sent);

      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Future<Integer> fa = pool.submit(() -> a.advanceTo(later));
        Future<Integer> fb = pool.submit(() -> b.advanceTo(later));
        int fired = fa.get(60, TimeUnit.SECONDS) + fb.get(60, TimeUnit.SECONDS);

        assertThat(sent).hasSize(60);
        assertThat(sent).extracting(Dispatch::id).doesNotHaveDuplicates();
        assertThat(fired).as("timers fired, as the two engines count them").isEqualTo(60);
      } finally {
        pool.shutdownNow();
      }
      assertThat(a.journeyStats("nudge").completed()).isEqualTo(60);
    }
  }

  @Test
  void refuses_a_database_it_cannot_reach_naming_what_to_check() {
    DataSource nowhere = UrlDataSource.of("jdbc:postgresql://127.0.0.1:1/rapport");

    assertThatThrownBy(() -> JdbcStateStore.open(nowhere))
        .isInstanceOf(StateStore.StoreException.class)
        .hasMessageStartingWith("JDBC store: cannot connect to the database through the "
            + "DataSource given (SQL state 08001")
        .hasMessageEndingWith("; check that the database is running and reachable, and the "
            + "DataSource's URL, user and password");
  }

  @Test
  void refuses_a_database_without_a_schema_unless_asked_to_create_it() {
    String url = Databases.h2Url();
    DataSource ds = Databases.h2(url);

    assertThatThrownBy(() -> JdbcStateStore.open(ds))
        .isInstanceOf(StateStore.StoreException.class)
        .hasMessage("JDBC store " + url.substring(0, url.indexOf(';')) + ": the database has no "
            + "Rapport schema (no table rapport_schema); create it with JdbcStateStore"
            + ".builder(dataSource).createSchema(), or apply Dialect.H2.schema() (the jar's "
            + "META-INF/rapport/store-jdbc/schema-1-h2.sql) in your migrations");
    JdbcStateStore.builder(ds).createSchema().build().close();
    JdbcStateStore.builder(ds).createSchema().build().close(); // a second time: left as it is
  }

  @Test
  void refuses_a_schema_of_another_version() throws Exception {
    String url = Databases.postgresUrl();
    DataSource ds = Databases.postgres(url);
    JdbcStateStore.builder(ds).createSchema().build().close();
    sql(ds, "UPDATE rapport_schema SET version = 2");

    assertThatThrownBy(() -> JdbcStateStore.builder(ds).createSchema().build())
        .isInstanceOf(StateStore.StoreException.class)
        .hasMessage("JDBC store " + url.substring(0, url.indexOf('?')) + ": the database holds "
            + "Rapport schema version 2, and this release of rapport-store-jdbc reads version 1 "
            + "only; use the release of Rapport that wrote it, or another database");
  }

  @Test
  void a_record_that_does_not_decode_fails_the_call_naming_the_customer_and_writes_nothing()
      throws Exception {
    DataSource ds = Databases.h2();
    try (JdbcStateStore store = JdbcStateStore.builder(ds).createSchema().build()) {
      Engine engine = engine(store, MONDAY, new ArrayList<>());
      engine.identify("ada", traits().set(EMAIL_ADDRESS, "ada@example.com"));
      sql(ds, "UPDATE rapport_record SET payload = X'7F00' WHERE customer_id = 'ada'");
      long counters = count(ds, "SELECT SUM(amount) FROM rapport_counter");

      assertThatThrownBy(() -> engine.track(event("ada", "signed_up").at(MONDAY)))
          .isInstanceOf(StateStore.StoreException.class)
          .hasMessageStartingWith(store + ": the record of customer 'ada' cannot be read (")
          .hasMessageEndingWith("); it was written by a newer release of Rapport or damaged: "
              + "run the release that wrote it, or restore the row of rapport_record from a "
              + "backup (deleting it forgets the customer); nothing was written");

      assertThat(count(ds, "SELECT version FROM rapport_record WHERE customer_id = 'ada'"))
          .as("version").isEqualTo(1);
      assertThat(count(ds, "SELECT SUM(amount) FROM rapport_counter")).as("counters")
          .isEqualTo(counters);
      assertThat(count(ds, "SELECT COUNT(*) FROM rapport_outbox")).as("outbox").isZero();
      assertThat(engine.track(event("bob", "signed_up").at(MONDAY))).as("another customer")
          .isTrue();
    }
  }

  @Test
  void a_batch_writes_nothing_until_it_commits_and_its_calls_see_their_own_writes()
      throws Exception {
    String url = Databases.h2Url();
    try (JdbcStateStore store = JdbcStateStore.builder(Databases.h2(url)).createSchema().build();
        JdbcStateStore other = JdbcStateStore.open(Databases.h2(url))) {
      List<Dispatch> sent = new ArrayList<>();
      Engine engine = engine(store, MONDAY, sent);
      JdbcStateStore.Batch batch = store.batch(1_000);

      engine.identify("ada", traits().set(EMAIL_ADDRESS, "ada@example.com"));
      engine.track(event("ada", "signed_up").at(MONDAY));
      engine.track(event("ada", "signed_up").id("same").at(MONDAY));
      boolean again = engine.track(event("ada", "signed_up").id("same").at(MONDAY));

      assertThat(again).as("a duplicate seen through the batch's own writes").isFalse();
      assertThat(store.size()).as("the batch's view").isEqualTo(1);
      assertThat(other.size()).as("another store's view before the commit").isZero();
      assertThat(other.due(MONDAY.plus(Duration.ofDays(2)), 10)).isEmpty();
      assertThat(batch.commit()).as("calls that wrote (the duplicate wrote nothing)")
          .isEqualTo(3);
      assertThat(other.size()).as("after the commit").isEqualTo(1);
      assertThat(other.due(MONDAY.plus(Duration.ofDays(2)), 10))
          .containsExactly(new StateStore.Due(MONDAY.plus(Duration.ofDays(1)),
              CustomerId.of("ada")));

      int fired = engine.advanceTo(MONDAY.plus(Duration.ofDays(1)));
      batch.close();

      assertThat(fired).isEqualTo(1);
      assertThat(sent).hasSize(1);
      assertThat(batch.committed()).isEqualTo(4);
      assertThat(other.due(MONDAY.plus(Duration.ofDays(30)), 10)).isEmpty();
      assertThat(other.undelivered(Dispatch.codec(), 10)).as("handed over: not in the outbox")
          .isEmpty();
    }
  }

  @Test
  void a_batch_whose_customer_another_engine_changed_fails_and_writes_nothing()
      throws Exception {
    String url = Databases.postgresUrl();
    try (JdbcStateStore store = JdbcStateStore.builder(Databases.postgres(url)).createSchema()
        .build(); JdbcStateStore other = JdbcStateStore.open(Databases.postgres(url))) {
      Engine engine = engine(store, MONDAY, new ArrayList<>());
      engine.identify("ada", traits().set(EMAIL_ADDRESS, "ada@example.com"));
      Engine otherEngine = engine(other, MONDAY, new ArrayList<>());
      JdbcStateStore.Batch batch = store.batch(1_000);
      engine.track(event("ada", "page_viewed").at(MONDAY));
      engine.track(event("bob", "page_viewed").at(MONDAY));

      otherEngine.track(event("ada", "logged_in").at(MONDAY));

      assertThatThrownBy(batch::commit).isInstanceOf(StateStore.StoreException.class)
          .hasMessageContaining("the 2 calls of the batch since its last commit were not "
              + "written: close the batch and feed them again (another engine wrote to the same "
              + "customers: a batch must be the only writer)");
      assertThatThrownBy(() -> engine.track(event("cy", "page_viewed").at(MONDAY)))
          .as("a failed batch, still open").isInstanceOf(StateStore.StoreException.class)
          .hasMessageContaining("the batch failed");
      batch.close();
      assertThat(other.size()).as("bob was not written").isEqualTo(1);
      assertThat(otherEngine.customer("ada").orElseThrow().count("page_viewed")).isZero();
      assertThat(engine.track(event("cy", "page_viewed").at(MONDAY))).as("after the batch")
          .isTrue();
    }
  }

  @Test
  void gives_the_schema_of_each_database_for_hosts_that_run_their_own_migrations() {
    assertThat(Dialect.H2.schema()).contains("CREATE TABLE rapport_record (")
        .contains("INSERT INTO rapport_schema (version) VALUES (1);");
    assertThat(Dialect.POSTGRESQL.schema()).contains("customer_id TEXT COLLATE \"C\"");
    assertThat(Dialect.ofProductName("PostgreSQL")).isEqualTo(Optional.of(Dialect.POSTGRESQL));
    assertThat(Dialect.ofProductName("Oracle")).isEmpty();
    assertThat(Dialect.H2.schemaStatements()).hasSize(11);
  }

  @Test
  void a_batchs_due_timers_are_those_of_its_own_writes_and_of_the_database() {
    // a model of every customer's timer against the batch's answers, while the batch writes
    // timers, moves them, removes them and deletes customers, across its commits
    java.util.SplittableRandom random = new java.util.SplittableRandom(11);
    java.util.Map<CustomerId, Instant> model = new java.util.HashMap<>();
    dev.rapport.core.engine.Codec<String> text = new dev.rapport.core.engine.Codec<>() {
      @Override
      public byte[] encode(String value) {
        return value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      }

      @Override
      public String decode(byte[] bytes) {
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
      }
    };
    try (JdbcStateStore store = JdbcStateStore.builder(Databases.h2()).createSchema().build()) {
      JdbcStateStore.Batch batch = store.batch(37);
      for (int step = 0; step < 3_000; step++) {
        CustomerId id = CustomerId.of("c-" + random.nextInt(150));
        int what = random.nextInt(10);
        if (what < 6) {
          Instant due = MONDAY.plusSeconds(random.nextInt(20));
          try (StateStore.Transaction tx = store.begin(id)) {
            tx.read(text);
            tx.write("x", text, Optional.of(due));
            tx.commit();
          }
          model.put(id, due);
        } else if (what < 8) {
          try (StateStore.Transaction tx = store.begin(id)) {
            if (tx.read(text).isPresent()) {
              tx.delete();
            } else {
              tx.write("x", text, Optional.empty());
            }
            tx.commit();
          }
          model.remove(id);
        } else {
          Instant upTo = MONDAY.plusSeconds(random.nextInt(21) - 1);
          int limit = 1 + random.nextInt(30);
          assertThat(store.due(upTo, limit)).as("step %d: due up to %s, at most %d", step, upTo,
              limit).containsExactlyElementsOf(model.entrySet().stream()
                  .filter(e -> !e.getValue().isAfter(upTo))
                  .map(e -> new StateStore.Due(e.getValue(), e.getKey())).sorted()
                  .limit(limit).toList());
        }
      }
      batch.close();
    }
  }
}
