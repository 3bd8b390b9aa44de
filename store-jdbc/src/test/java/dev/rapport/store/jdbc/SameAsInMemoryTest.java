package dev.rapport.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Customer;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.StateStore;
import dev.rapport.testkit.TestClock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A durable store gives the results of the in-memory one: the crash test's seeded log (journeys
 * with waits and fallbacks, caps, decisions), replayed on each, leaves every customer with the
 * same explanation and the same profile (every event type's count, times and recent history,
 * moments, segments, engagement and stage), the journeys with the same statistics and the host
 * with the same dispatches in the same order. The in-memory store keeps the record object a
 * call changed in place; a durable store keeps only what the call wrote, so a change that a call
 * made without saying so (nothing in its undo journal, so nothing written) shows here as a
 * difference.
 */
class SameAsInMemoryTest {
  private static final long SEED = 20_261_208L;
  private static final int CUSTOMERS = 80;

  /** What a replay leaves: the dispatches in order, then every explanation and statistic. */
  private static String replay(StateStore store) {
    List<String> dispatched = new ArrayList<>();
    TestClock clock = TestClock.at(CrashLog.START);
    Engine engine = CrashLog.program(Engine.builder().clock(clock).stateStore(store)
        .dispatcher(d -> dispatched.add(d.id() + " " + d.action().name() + " " + d.channel()
            + " " + d.at()))).build();
    for (CrashLog.Op op : CrashLog.generate(SEED, CUSTOMERS)) {
      clock.set(op.at());
      engine.advanceTo(op.at());
      op.apply(engine);
    }
    clock.set(CrashLog.END);
    engine.advanceTo(CrashLog.END);
    StringBuilder out = new StringBuilder(String.join("\n", dispatched)).append('\n');
    for (String c : CrashLog.customers(CUSTOMERS)) {
      out.append(engine.explain(c));
      engine.customer(c).ifPresent(view -> out.append(profile(view)));
    }
    for (String j : List.of("onboarding", "win-back")) {
      out.append(engine.journeyStats(j)).append('\n');
    }
    out.append("customers: ").append(store.size()).append('\n');
    out.append("tracked: ").append(engine.statistics().eventsTracked()).append(", dispatches: ")
        .append(engine.statistics().dispatches()).append('\n');
    return out.toString();
  }

  /** What the customer's record says of them: every event type, moment, segment and stage. */
  private static String profile(Customer c) {
    StringBuilder out = new StringBuilder("  profile:");
    for (String type : new TreeSet<>(c.eventTypes())) {
      out.append(' ').append(type).append('=').append(c.count(type)).append('@')
          .append(c.first(type).orElseThrow()).append("..").append(c.last(type).orElseThrow())
          .append('/').append(c.history(type).size());
    }
    out.append(" moments=").append(new TreeMap<>(c.moments())).append(" segments=")
        .append(new TreeSet<>(c.segments())).append(" engagement=").append(c.engagement())
        .append(" stage=").append(c.stage()).append('\n');
    return out.toString();
  }

  private static String durably(DataSource db) {
    try (JdbcStateStore store = JdbcStateStore.builder(db).createSchema().build()) {
      return replay(store);
    }
  }

  @Test
  void an_h2_file_store_ends_where_memory_ends() {
    String memory = replay(StateStore.inMemory());

    assertThat(memory).contains("customers: " + CUSTOMERS);
    assertThat(durably(Databases.h2())).isEqualTo(memory);
  }

  @Test
  void a_postgresql_store_ends_where_memory_ends() {
    String memory = replay(StateStore.inMemory());

    assertThat(durably(Databases.postgresDatabase())).isEqualTo(memory);
  }
}
