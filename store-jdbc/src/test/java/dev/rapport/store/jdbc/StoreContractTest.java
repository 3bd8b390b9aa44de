package dev.rapport.store.jdbc;

import dev.rapport.core.engine.StateStore;
import dev.rapport.testkit.StateStoreContract;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The testkit's state store contract, on two real databases: an H2 file and PostgreSQL (started
 * by the build); each with a second store on the same database, so that a commit over a stale
 * read must fail with a conflict; and in a batch, where commits are grouped.
 */
class StoreContractTest {
  private static final List<JdbcStateStore> OPENED = new ArrayList<>();
  private static final Map<StateStore, DataSource> SOURCES = new IdentityHashMap<>();

  private static synchronized JdbcStateStore open(DataSource ds) {
    JdbcStateStore store = JdbcStateStore.builder(ds).createSchema().build();
    OPENED.add(store);
    SOURCES.put(store, ds);
    return store;
  }

  private static synchronized StateStore secondHandle(StateStore first) {
    return open(SOURCES.get(first));
  }

  @AfterAll
  static synchronized void closeStores() {
    OPENED.forEach(JdbcStateStore::close);
    OPENED.clear();
    SOURCES.clear();
  }

  private static Stream<DynamicTest> contract(String database, Supplier<DataSource> databases) {
    return StateStoreContract.of(() -> open(databases.get()))
        .withSecondHandle(StoreContractTest::secondHandle)
        .checks().stream()
        .map(c -> DynamicTest.dynamicTest(database + ": " + c.name(), c::run));
  }

  @TestFactory
  Stream<DynamicTest> keeps_the_state_store_contract_on_an_h2_file() {
    return contract("H2", Databases::h2);
  }

  @TestFactory
  Stream<DynamicTest> keeps_the_state_store_contract_on_postgresql() {
    return contract("PostgreSQL", Databases::postgresDatabase);
  }

  @TestFactory
  Stream<DynamicTest> keeps_the_state_store_contract_in_batches_of_one_call() {
    return StateStoreContract.of(() -> {
      JdbcStateStore store = open(Databases.h2());
      store.batch(1);
      return store;
    }).withSecondHandle(StoreContractTest::secondHandle).checks().stream()
        .map(c -> DynamicTest.dynamicTest("H2, batch(1): " + c.name(), c::run));
  }

  @TestFactory
  Stream<DynamicTest> keeps_the_state_store_contract_in_large_batches() {
    // no second handle: a batch is the only writer, and commits when it is told to
    return StateStoreContract.of(() -> {
      JdbcStateStore store = open(Databases.postgresDatabase());
      store.batch(1_000);
      return store;
    }).checks().stream()
        .map(c -> DynamicTest.dynamicTest("PostgreSQL, batch(1000): " + c.name(), c::run));
  }
}
