package dev.rapport.store.jdbc;

import dev.rapport.core.CustomerId;
import dev.rapport.core.engine.Codec;
import dev.rapport.core.engine.StateStore;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link StateStore} in a relational database reached through JDBC: every customer's record, the
 * index of their due timers, the engine-wide counters, series and shared values, and an outbox of
 * dispatches, in the tables of {@link Dialect#schema()} (H2 or PostgreSQL). An engine built on it
 * continues, after a restart or a crash, exactly where the last one stopped: enrollments, timers
 * (those that came due while it was down fire on the next {@code advanceTo}, in due order), caps
 * already spent, metric windows and guardrail states.
 *
 * <pre>{@code
 * JdbcStateStore store = JdbcStateStore.builder(dataSource).createSchema().build();
 * Engine engine = Engine.builder().stateStore(store).journeys(onboarding)
 *     .dispatcher(outbox::send).build();   // hands over what a crash left undelivered
 * }</pre>
 *
 * <p><b>One call, one database transaction.</b> An engine call on a customer reads their record,
 * then commits in one transaction the new record (its bytes, version and next due time), what the
 * call added to counters and series, and the dispatches it made (the outbox). Versions are
 * optimistic: a commit whose record another engine changed since it was read writes nothing and
 * fails with a {@link StateStore.ConflictException}, and the engine runs the call again; so two
 * engines on one database never lose an update and never fire a timer twice. Within one process,
 * calls on one customer wait for each other.
 *
 * <p><b>The outbox.</b> The engine hands a call's dispatches to the host's dispatcher after the
 * commit, then marks each delivered (its row is deleted). A crash between the two leaves it in
 * the outbox, and the next engine built on the store hands it over again, oldest first, with the
 * same id: a host that deduplicates by dispatch id sees each message once.
 *
 * <p><b>Batches.</b> {@link #batch(int)} commits many calls in one database transaction, for
 * replays and bulk loads; see {@link Batch} for what that means after a crash.
 *
 * <p><b>Connections.</b> The store takes connections from the {@code DataSource} and keeps up to
 * {@link Builder#idleConnections(int)} of them open between calls, with their prepared statements,
 * so a plain (unpooled) data source performs as well as a pool; {@link #close()} closes them.
 * Give it a data source of its own, or a pool with room for them. Everything runs at the
 * database's default isolation (read committed).
 *
 * <p><b>Durability in H2.</b> H2 writes commits to its file in the background, every {@code
 * WRITE_DELAY} milliseconds (500 by default): a process killed in between loses the last commits.
 * Add {@code ;WRITE_DELAY=0} to an H2 URL to have every commit written before it returns; the
 * store warns, when it opens, about an H2 database without it.
 *
 * <p><b>Failures.</b> A database that cannot be reached, a schema of another version and a record
 * that does not decode are refused with a {@link StateStore.StoreException} naming the store, the
 * customer where there is one, and what to do; a call that fails writes nothing. The store logs
 * no customer id above DEBUG.
 */
public final class JdbcStateStore implements StateStore, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcStateStore.class);
  private static final int STRIPES = 1024;
  /** How often a commit that lost a race on a counter or a lock is run again. */
  private static final int RETRIES = 20;

  private final DataSource dataSource;
  private final Dialect dialect;
  private final Sql sql;
  private final String name;
  private final int maxIdle;
  private final int cachedRecords;
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
  private final ConcurrentLinkedDeque<Session> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger idleCount = new AtomicInteger();
  /** The last change stamp seen, for commits that add no measures. */
  private final AtomicLong lastStamp = new AtomicLong();
  private final Object batchGuard = new Object();
  private volatile BatchState batch;
  private volatile boolean closed;

  private JdbcStateStore(Builder b, Session first, Dialect dialect, String name) {
    this.dataSource = b.dataSource;
    this.dialect = dialect;
    this.sql = new Sql(dialect);
    this.name = name;
    this.maxIdle = b.idleConnections;
    this.cachedRecords = b.cachedRecords;
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
    release(first);
  }

  /**
   * Opens the store on a database that already holds Rapport's schema.
   *
   * @param dataSource where the store's connections come from
   * @return the store
   * @throws IllegalArgumentException if {@code dataSource} is null
   * @throws StateStore.StoreException if the database cannot be reached, is neither H2 nor
   *     PostgreSQL, has no Rapport schema, or has one of another version
   */
  public static JdbcStateStore open(DataSource dataSource) {
    return builder(dataSource).build();
  }

  /**
   * Starts a store on a data source, to configure before {@link Builder#build()}.
   *
   * @param dataSource where the store's connections come from
   * @return the builder
   * @throws IllegalArgumentException if {@code dataSource} is null
   */
  public static Builder builder(DataSource dataSource) {
    if (dataSource == null) {
      throw new IllegalArgumentException("JdbcStateStore.builder(dataSource): dataSource is "
          + "null; give the DataSource of the database to keep Rapport's state in");
    }
    return new Builder(dataSource);
  }

  /** Configures a {@link JdbcStateStore}. */
  public static final class Builder {
    private final DataSource dataSource;
    private boolean createSchema;
    private int idleConnections = 4;
    private int cachedRecords = 10_000;

    private Builder(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    /**
     * Creates Rapport's schema ({@link Dialect#schema()}) when the database has none; a database
     * that has it already is left as it is.
     *
     * @return this builder
     */
    public Builder createSchema() {
      this.createSchema = true;
      return this;
    }

    /**
     * Sets how many connections the store keeps open between calls (4 by default): about as
     * many as threads call the engine at once.
     *
     * @param connections 1 to 64
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder idleConnections(int connections) {
      if (connections < 1 || connections > 64) {
        throw new IllegalArgumentException("JDBC store: idleConnections is " + connections
            + "; give 1 to 64");
      }
      this.idleConnections = connections;
      return this;
    }

    /**
     * Sets how many customers' records a {@linkplain JdbcStateStore#batch(int) batch} keeps in
     * memory, decoded, between its commits (10,000 by default): a call on one of them reads
     * nothing from the database. Outside batches the store keeps no record: every call reads its
     * customer's record, since another engine may have changed it.
     *
     * @param records 0 or more
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder cachedRecords(int records) {
      if (records < 0) {
        throw new IllegalArgumentException("JDBC store: cachedRecords is " + records
            + "; give 0 or more");
      }
      this.cachedRecords = records;
      return this;
    }

    /**
     * Connects, checks the schema (creating it if asked to) and returns the store.
     *
     * @return the store
     * @throws StateStore.StoreException if the database cannot be reached, is neither H2 nor
     *     PostgreSQL, has no Rapport schema (and none was to be created), or has one of another
     *     version
     */
    public JdbcStateStore build() {
      Session session;
      try {
        session = new Session(dataSource.getConnection());
      } catch (SQLException | RuntimeException e) {
        throw new StoreException("JDBC store: cannot connect to the database through the "
            + "DataSource given (" + describe(e) + "); check that the database is running and "
            + "reachable, and the DataSource's URL, user and password", e);
      }
      String url = "the database";
      try {
        DatabaseMetaData md = session.connection.getMetaData();
        url = md.getURL() == null ? url : withoutParameters(md.getURL());
        String product = md.getDatabaseProductName();
        String storeName = "JDBC store " + url;
        Dialect dialect = Dialect.ofProductName(product).orElseThrow(() -> new StoreException(
            storeName + ": the database is " + product + ", for which the store has no schema; "
                + "use H2 or PostgreSQL", null));
        schema(session, dialect, storeName);
        if (dialect == Dialect.H2) {
          warnOfWriteDelay(session, storeName);
        }
        session.commit();
        return new JdbcStateStore(this, session, dialect, storeName);
      } catch (SQLException e) {
        session.closeQuietly();
        throw new StoreException("JDBC store " + url + ": cannot check Rapport's schema ("
            + describe(e) + "); check the database and the rights of the DataSource's user", e);
      } catch (RuntimeException e) {
        session.closeQuietly();
        throw e;
      }
    }

    /** Checks the schema's version, creating the schema if it is missing and asked to. */
    private void schema(Session session, Dialect dialect, String storeName) throws SQLException {
      Optional<Integer> version = schemaVersion(session, storeName);
      if (version.isEmpty()) {
        if (!createSchema) {
          throw new StoreException(storeName + ": the database has no Rapport schema (no table "
              + "rapport_schema); create it with JdbcStateStore.builder(dataSource)"
              + ".createSchema(), or apply Dialect." + dialect.name() + ".schema() (the jar's "
              + dialect.schemaResource() + ") in your migrations", null);
        }
        create(session, dialect, storeName);
        version = schemaVersion(session, storeName);
      }
      int v = version.orElse(0);
      if (v != Dialect.SCHEMA_VERSION) {
        throw new StoreException(storeName + ": the database holds Rapport schema version " + v
            + ", and this release of rapport-store-jdbc reads version " + Dialect.SCHEMA_VERSION
            + " only; use the release of Rapport that wrote it, or another database", null);
      }
    }

    private static Optional<Integer> schemaVersion(Session session, String storeName)
        throws SQLException {
      try (Statement st = session.connection.createStatement();
          ResultSet rs = st.executeQuery("SELECT version FROM rapport_schema")) {
        List<Integer> versions = new ArrayList<>();
        while (rs.next()) {
          versions.add(rs.getInt(1));
        }
        session.commit();
        if (versions.size() != 1) {
          throw new StoreException(storeName + ": the table rapport_schema holds "
              + versions.size() + " rows instead of one (the schema's version); the schema was "
              + "not created by Rapport or is damaged: restore it, or use another database",
              null);
        }
        return Optional.of(versions.get(0));
      } catch (SQLException e) {
        session.rollbackQuietly();
        if (e.getSQLState() != null && e.getSQLState().startsWith("42")) {
          return Optional.empty(); // no such table
        }
        throw e;
      }
    }

    private static void create(Session session, Dialect dialect, String storeName)
        throws SQLException {
      String current = null;
      try (Statement st = session.connection.createStatement()) {
        for (String statement : dialect.schemaStatements()) {
          current = statement;
          st.execute(statement);
        }
        session.commit();
        LOG.info("created Rapport's schema, version {}, in the {} database", Dialect.SCHEMA_VERSION,
            dialect);
      } catch (SQLException e) {
        session.rollbackQuietly();
        if (schemaVersion(session, storeName).isPresent()) {
          return; // another process created it meanwhile
        }
        throw new StoreException(storeName + ": cannot create Rapport's schema (" + describe(e)
            + ", in: " + current + "); check the rights of the DataSource's user, and drop any "
            + "rapport_ table that an earlier attempt left", e);
      }
    }

    /** H2 writes commits in the background unless WRITE_DELAY is 0: a crash may lose some. */
    private static void warnOfWriteDelay(Session session, String storeName) {
      try (Statement st = session.connection.createStatement();
          ResultSet rs = st.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
              + "WHERE SETTING_NAME = 'WRITE_DELAY'")) {
        if (rs.next() && !"0".equals(rs.getString(1).trim())) {
          LOG.warn("{}: H2 writes commits to its file every {} ms in the background, so a "
              + "crash of the process may lose the calls of the last {} ms; add ;WRITE_DELAY=0 "
              + "to the URL to write each commit before it returns", storeName, rs.getString(1),
              rs.getString(1));
        }
      } catch (SQLException e) {
        LOG.debug("cannot read H2's WRITE_DELAY", e);
        session.rollbackQuietly();
      }
    }
  }

  /** A URL without its parameters, which may hold a password. */
  private static String withoutParameters(String url) {
    int cut = url.length();
    for (char c : new char[] {'?', ';'}) {
      int i = url.indexOf(c);
      if (i >= 0 && i < cut) {
        cut = i;
      }
    }
    return url.substring(0, cut);
  }

  private static String describe(Exception e) {
    if (e instanceof SQLException) {
      SQLException s = (SQLException) e;
      return (s.getSQLState() == null ? "" : "SQL state " + s.getSQLState() + ": ")
          + s.getMessage();
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /**
   * Returns the database the store is on.
   *
   * @return its dialect
   */
  public Dialect dialect() {
    return dialect;
  }

  /**
   * Returns the store's name, used in its error messages: "JDBC store" and the database's URL
   * without its parameters.
   *
   * @return the name
   */
  @Override
  public String toString() {
    return name;
  }

  // ------------------------------------------------------------------ connections

  private Session acquire() {
    if (closed) {
      throw new IllegalStateException(name + " is closed; open a new JdbcStateStore");
    }
    Session s = idle.pollFirst();
    if (s != null) {
      idleCount.decrementAndGet();
      return s;
    }
    try {
      return new Session(dataSource.getConnection());
    } catch (SQLException e) {
      throw new StoreException(name + ": cannot connect to the database (" + describe(e)
          + "); check that it is running and reachable", e);
    }
  }

  private void release(Session s) {
    if (s.broken || closed || idleCount.get() >= maxIdle) {
      s.closeQuietly();
      return;
    }
    idleCount.incrementAndGet();
    idle.offerFirst(s);
  }

  /** Marks a session broken when the failure may have cost it its connection. */
  private static void fault(Session s, SQLException e) {
    String state = e.getSQLState();
    if (state == null || state.startsWith("08") || e instanceof SQLTransientConnectionException) {
      s.broken = true;
    }
  }

  private static boolean isTransient(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      String state = s.getSQLState();
      if (state != null && (state.equals("40001") || state.equals("40P01")
          || state.equals("HYT00") || state.equals("55P03") || state.equals("23505"))) {
        return true;
      }
    }
    return false;
  }

  private StoreException failure(String what, SQLException e) {
    String state = e.getSQLState();
    String todo = state != null && state.startsWith("08")
        ? "the database cannot be reached: check that it is running and reachable; nothing of "
            + "the call was written"
        : "nothing of it was written; check the database and its logs";
    return new StoreException(name + ": " + what + " failed (" + describe(e) + "); " + todo, e);
  }

  /** Work on a connection of the store's, committed; retried when it lost a race. */
  private interface Work<T> {
    T run(Session s) throws SQLException;
  }

  private <T> T withSession(String what, Work<T> work) {
    for (int attempt = 0; ; attempt++) {
      Session s = acquire();
      try {
        T result = work.run(s);
        s.commit();
        return result;
      } catch (SQLException e) {
        s.rollbackQuietly();
        fault(s, e);
        if (!isTransient(e) || attempt >= RETRIES) {
          throw failure(what, e);
        }
      } finally {
        release(s);
      }
    }
  }

  // ------------------------------------------------------------------ time

  private static final long NO_DUE = Long.MIN_VALUE;

  /** An instant as nanoseconds since 1970, clamped to the range of a long. */
  private static long nanos(Instant at) {
    try {
      return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    } catch (ArithmeticException e) {
      return at.getEpochSecond() < 0 ? Long.MIN_VALUE + 1 : Long.MAX_VALUE;
    }
  }

  private static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
        Math.floorMod(nanos, 1_000_000_000L));
  }

  /** A due time as stored: within what the engine supports (until 2262), or refused. */
  private long dueNanos(CustomerId customer, Instant at) {
    long n = nanos(at);
    if (n == Long.MAX_VALUE || n == Long.MIN_VALUE + 1) {
      throw new IllegalArgumentException(name + ": the next due time of customer '"
          + customer.value() + "', " + at + ", is outside 1677-09-21 to 2262-04-11, the range "
          + "the store keeps");
    }
    return n;
  }

  // ------------------------------------------------------------------ transactions

  private ReentrantLock lockOf(CustomerId id) {
    int h = id.hashCode();
    return locks[(h ^ (h >>> 16)) & (STRIPES - 1)];
  }

  @Override
  public Transaction begin(CustomerId customer) {
    if (customer == null) {
      throw new IllegalArgumentException("begin(customer): customer is null; give a CustomerId");
    }
    if (closed) {
      throw new IllegalStateException(name + " is closed; open a new JdbcStateStore");
    }
    ReentrantLock lock = lockOf(customer);
    lock.lock();
    return new Txn(customer, lock);
  }

  /** The stored form of a record as read: its version (0: none), due time and bytes. */
  private record Row(long version, long due, byte[] payload) {
    static final Row NONE = new Row(0, NO_DUE, null);
  }

  private Row readRow(Session s, CustomerId customer) throws SQLException {
    PreparedStatement ps = s.prepare(sql.readRecord);
    ps.setString(1, customer.value());
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return Row.NONE;
      }
      long version = rs.getLong(1);
      long due = rs.getLong(2);
      if (rs.wasNull()) {
        due = NO_DUE;
      }
      return new Row(version, due, rs.getBytes(3));
    }
  }

  @SuppressWarnings("unchecked")
  private static byte[] encode(Object record, Codec<?> codec) {
    return ((Codec<Object>) codec).encode(record);
  }

  private <R> R decode(CustomerId customer, byte[] payload, Codec<R> codec) {
    try {
      return codec.decode(payload);
    } catch (RuntimeException e) {
      throw new StoreException(name + ": the record of customer '" + customer.value()
          + "' cannot be read (" + e.getMessage() + "); it was written by a newer release of "
          + "Rapport or damaged: run the release that wrote it, or restore the row of "
          + "rapport_record from a backup (deleting it forgets the customer); nothing was written",
          e);
    }
  }

  /** One call's work on one customer: read, buffered writes, committed all or nothing. */
  private final class Txn implements Transaction {
    final CustomerId customer;
    private final ReentrantLock lock;
    private Session session;
    boolean readDone;
    long readVersion;
    boolean write;
    boolean delete;
    /** The record's bytes; null in a batch, which encodes a record when it writes it. */
    byte[] payload;
    long nextDue = NO_DUE;
    Object record;
    Codec<?> codec;
    /** The batch entry this transaction read, until it commits or closes; see BatchState. */
    Entry held;
    BatchState heldIn;
    final TreeMap<String, long[]> counters = new TreeMap<>();
    final TreeMap<String, TreeMap<Long, double[]>> cells = new TreeMap<>();
    final LinkedHashMap<String, byte[]> outbox = new LinkedHashMap<>(4);
    boolean measures;
    private boolean open = true;

    Txn(CustomerId customer, ReentrantLock lock) {
      this.customer = customer;
      this.lock = lock;
    }

    @Override
    public CustomerId customer() {
      return customer;
    }

    @Override
    public <R> Optional<Versioned<R>> read(Codec<R> codec) {
      checkOpen();
      for (BatchState b = batch; b != null; b = batch) {
        try {
          return b.read(this, codec);
        } catch (BatchEnded ended) {
          // closed by another thread since it was looked up: read as the store is now
        }
      }
      Row row;
      try {
        if (session == null) {
          session = acquire();
        }
        row = readRow(session, customer);
      } catch (SQLException e) {
        fault(session, e);
        throw failure("reading the record of customer '" + customer.value() + "'", e);
      }
      readDone = true;
      readVersion = row.version;
      if (row.payload == null) {
        return Optional.empty();
      }
      return Optional.of(new Versioned<>(decode(customer, row.payload, codec), row.version));
    }

    @Override
    public <R> void write(R record, Codec<R> codec, Optional<Instant> due) {
      checkOpen();
      // a batch encodes a customer's record once per commit of the batch, not once per call
      this.payload = batch != null ? null : codec.encode(record);
      this.record = record;
      this.codec = codec;
      this.nextDue = due.isPresent() ? dueNanos(customer, due.get()) : NO_DUE;
      this.write = true;
      this.delete = false;
    }

    @Override
    public void delete() {
      checkOpen();
      this.delete = true;
      this.write = false;
      this.payload = null;
      this.record = null;
      this.nextDue = NO_DUE;
    }

    @Override
    public void add(String counter, long delta) {
      checkOpen();
      counters.computeIfAbsent(counter, k -> new long[1])[0] += delta;
      measures = true;
    }

    @Override
    public void add(String series, Cell cell) {
      checkOpen();
      double[] v = cells.computeIfAbsent(series, k -> new TreeMap<>())
          .computeIfAbsent(cell.bucket(), k -> new double[4]);
      v[0] += cell.num();
      v[1] += cell.num2();
      v[2] += cell.den();
      v[3] += cell.sum();
      measures = true;
    }

    @Override
    public <D> void enqueue(String dispatchId, D dispatch, Codec<D> codec) {
      checkOpen();
      outbox.put(dispatchId, codec.encode(dispatch));
    }

    boolean hasWork() {
      return write || delete || measures || !outbox.isEmpty();
    }

    @Override
    public long commit() {
      checkOpen();
      for (BatchState b = batch; b != null; b = batch) {
        if (write && payload == null && b.shared) {
          payload = encode(record, codec); // here, not under the batch's lock
        }
        try {
          long stamp = b.commit(this);
          open = false;
          return stamp;
        } catch (BatchEnded ended) {
          // closed by another thread since it was looked up: commit as the store is now
        }
      }
      long stamp = hasWork() ? commitDirect() : lastStamp.get();
      open = false;
      return stamp;
    }

    private long commitDirect() {
      for (int attempt = 0; ; attempt++) {
        try {
          if (session == null) {
            session = acquire();
          }
          long stamp = writeAll(session);
          session.commit();
          if (stamp != NO_DUE) {
            lastStamp.accumulateAndGet(stamp, Math::max);
            return stamp;
          }
          return lastStamp.get();
        } catch (ConflictException e) {
          session.rollbackQuietly();
          throw e;
        } catch (SQLException e) {
          session.rollbackQuietly();
          fault(session, e);
          if (!isTransient(e) || attempt >= RETRIES) {
            throw failure("committing a call on customer '" + customer.value() + "'", e);
          }
        }
      }
    }

    /** Writes everything in the session's open transaction; returns the stamp, or NO_DUE. */
    private long writeAll(Session s) throws SQLException {
      long current = readVersion;
      if (!readDone) {
        current = lockedVersion(s);
      }
      if (write) {
        writeRecord(s, current);
      } else if (delete) {
        PreparedStatement ps = s.prepare(current == 0 ? sql.deleteAnyRecord : sql.deleteRecord);
        ps.setString(1, customer.value());
        if (current != 0) {
          ps.setLong(2, current);
        }
        int n = ps.executeUpdate();
        if (current == 0 ? n > 0 : n == 0) {
          throw conflict();
        }
      } else if (readDone && lockedVersion(s) != current) {
        throw conflict(); // counters or dispatches of a call over a stale read
      }
      if (!outbox.isEmpty()) {
        PreparedStatement ps = s.prepare(sql.enqueue);
        for (Map.Entry<String, byte[]> d : outbox.entrySet()) {
          ps.setString(1, d.getKey());
          ps.setBytes(2, d.getValue());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      writeMeasures(s, counters, cells);
      return measures ? addChanges(s, 1) : NO_DUE;
    }

    private void writeRecord(Session s, long current) throws SQLException {
      if (payload == null) {
        payload = encode(record, codec); // written while a batch was open, which closed since
      }
      if (current == 0) {
        PreparedStatement ps = s.prepare(sql.insertRecord);
        ps.setString(1, customer.value());
        ps.setLong(2, 1);
        setDue(ps, 3, nextDue);
        ps.setBytes(4, payload);
        try {
          if (ps.executeUpdate() == 0) {
            throw conflict();
          }
        } catch (SQLException e) {
          if ("23505".equals(e.getSQLState())) {
            throw conflict();
          }
          throw e;
        }
      } else {
        PreparedStatement ps = s.prepare(sql.updateRecord);
        ps.setLong(1, current + 1);
        setDue(ps, 2, nextDue);
        ps.setBytes(3, payload);
        ps.setString(4, customer.value());
        ps.setLong(5, current);
        if (ps.executeUpdate() == 0) {
          throw conflict();
        }
      }
    }

    private long lockedVersion(Session s) throws SQLException {
      PreparedStatement ps = s.prepare(sql.lockRecord);
      ps.setString(1, customer.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }

    ConflictException conflict() {
      return new ConflictException(name + ": the record of customer '" + customer.value()
          + "' changed since it was read (another engine on the same database wrote it)");
    }

    @Override
    public void close() {
      open = false;
      if (heldIn != null) {
        heldIn.closed(this);
      }
      if (session != null) {
        session.rollbackQuietly();
        release(session);
        session = null;
      }
      if (lock.isHeldByCurrentThread()) {
        lock.unlock();
      }
    }

    private void checkOpen() {
      if (!open) {
        throw new IllegalStateException(name + ": the transaction of customer '"
            + customer.value() + "' is already committed or closed; begin another");
      }
    }
  }

  private static void setDue(PreparedStatement ps, int index, long due) throws SQLException {
    if (due == NO_DUE) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, due);
    }
  }

  /** Adds counters and cells, in key order (so that two writers never wait on each other). */
  private void writeMeasures(Session s, TreeMap<String, long[]> counters,
      TreeMap<String, TreeMap<Long, double[]>> cells) throws SQLException {
    if (!counters.isEmpty()) {
      PreparedStatement add = s.prepare(sql.addCounter);
      List<String> zeros = new ArrayList<>(0);
      for (Map.Entry<String, long[]> c : counters.entrySet()) {
        long delta = c.getValue()[0];
        if (delta == 0) {
          continue;
        }
        add.setString(1, c.getKey());
        add.setLong(2, delta);
        add.addBatch();
        if (delta < 0) {
          zeros.add(c.getKey());
        }
      }
      add.executeBatch();
      if (!zeros.isEmpty()) {
        // a counter back at zero goes: its key may name a customer who was forgotten
        PreparedStatement delete = s.prepare(sql.deleteZeroCounter);
        for (String key : zeros) {
          delete.setString(1, key);
          delete.addBatch();
        }
        delete.executeBatch();
      }
    }
    if (!cells.isEmpty()) {
      PreparedStatement add = s.prepare(sql.addCell);
      for (Map.Entry<String, TreeMap<Long, double[]>> series : cells.entrySet()) {
        for (Map.Entry<Long, double[]> cell : series.getValue().entrySet()) {
          double[] v = cell.getValue();
          add.setString(1, series.getKey());
          add.setLong(2, cell.getKey());
          add.setLong(3, (long) v[0]);
          add.setLong(4, (long) v[1]);
          add.setLong(5, (long) v[2]);
          add.setDouble(6, v[3]);
          add.addBatch();
        }
      }
      add.executeBatch();
    }
  }

  private long addChanges(Session s, long n) throws SQLException {
    PreparedStatement add = s.prepare(sql.addChanges);
    add.setLong(1, n);
    add.executeUpdate();
    return readChanges(s);
  }

  private long readChanges(Session s) throws SQLException {
    try (ResultSet rs = s.prepare(sql.readChanges).executeQuery()) {
      if (!rs.next()) {
        throw new StoreException(name + ": the table rapport_stamp has no row; the schema is "
            + "damaged: insert (1, 0) into it, or use another database", null);
      }
      return rs.getLong(1);
    }
  }

  // ------------------------------------------------------------------ store-level operations

  /**
   * Runs an operation in the store's open batch, or outside batches when none is open. A batch
   * that another thread closed after it was looked up refuses the operation ({@link
   * BatchEnded}), which then runs as the store is now: in the batch opened since, if any.
   */
  private <T> T inBatchOr(java.util.function.Function<BatchState, T> inBatch,
      java.util.function.Supplier<T> outside) {
    for (BatchState b = batch; b != null; b = batch) {
      try {
        return inBatch.apply(b);
      } catch (BatchEnded ended) {
        // closed since it was looked up: look again
      }
    }
    return outside.get();
  }

  /** Work on the dispatches, measures or shared values: in the batch's transaction, if any. */
  private <T> T query(String what, Work<T> work) {
    return inBatchOr(b -> b.query(what, work), () -> withSession(what, work));
  }

  @Override
  public List<Due> due(Instant upTo, int limit) {
    if (upTo == null) {
      throw new IllegalArgumentException("due(upTo, limit): upTo is null; give an Instant");
    }
    if (limit < 1) {
      throw new IllegalArgumentException("due(upTo, limit): limit is " + limit
          + "; give 1 or more");
    }
    return inBatchOr(b -> b.due(upTo, limit),
        () -> withSession("listing the due timers", s -> queryDue(s, nanos(upTo), limit)));
  }

  private List<Due> queryDue(Session s, long upTo, int limit) throws SQLException {
    PreparedStatement ps = s.prepare(sql.due);
    ps.setLong(1, upTo);
    ps.setInt(2, limit);
    List<Due> out = new ArrayList<>(Math.min(limit, 64));
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Due(instant(rs.getLong(2)), CustomerId.of(rs.getString(1))));
      }
    }
    // the database's order of ids may differ from Java's for characters outside the BMP
    out.sort(null);
    return out;
  }

  @Override
  public long size() {
    return inBatchOr(BatchState::count, () -> withSession("counting the records", this::count));
  }

  private long count(Session s) throws SQLException {
    try (ResultSet rs = s.prepare(sql.countRecords).executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public void add(String counter, long delta) {
    if (counter == null) {
      throw new IllegalArgumentException("add(counter, delta): counter is null; give its key");
    }
    inBatchOr(b -> {
      b.add(counter, delta);
      return null;
    }, () -> {
      TreeMap<String, long[]> one = new TreeMap<>();
      one.put(counter, new long[] {delta});
      long stamp = withSession("adding to a counter", s -> {
        writeMeasures(s, one, new TreeMap<>());
        return addChanges(s, 1);
      });
      lastStamp.accumulateAndGet(stamp, Math::max);
      return null;
    });
  }

  @Override
  public long counter(String counter) {
    return inBatchOr(b -> b.counter(counter),
        () -> withSession("reading a counter", s -> readCounter(s, counter)));
  }

  private long readCounter(Session s, String counter) throws SQLException {
    PreparedStatement ps = s.prepare(sql.readCounter);
    ps.setString(1, counter);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  @Override
  public Map<String, Long> counters(String prefix) {
    Work<Map<String, Long>> work = s -> {
      PreparedStatement ps = s.prepare(sql.readCounters);
      ps.setString(1, Sql.startsWith(prefix));
      Map<String, Long> out = new TreeMap<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getLong(2));
        }
      }
      return out;
    };
    return query("reading counters", work);
  }

  @Override
  public List<Cell> series(String series) {
    Work<List<Cell>> work = s -> {
      PreparedStatement ps = s.prepare(sql.readSeries);
      ps.setString(1, series);
      List<Cell> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Cell(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
              rs.getDouble(5)));
        }
      }
      return out;
    };
    return query("reading a series", work);
  }

  @Override
  public List<String> seriesKeys(String prefix) {
    Work<List<String>> work = s -> {
      PreparedStatement ps = s.prepare(sql.readSeriesKeys);
      ps.setString(1, Sql.startsWith(prefix));
      List<String> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      out.sort(null);
      return out;
    };
    return query("listing series", work);
  }

  /**
   * Reads every series under a prefix with the change stamp they are consistent with. Outside a
   * batch, the stamp is read before and after the series and the read is taken again until the
   * two agree: every commit that adds to a series moves the stamp, so equal stamps mean that no
   * such commit landed in between. In a batch (the only writer), the batch's own writes are
   * included and its stamp returned, both taken under one hold of the batch's lock, so that no
   * call of another thread commits in between.
   */
  @Override
  public long measures(String prefix, BiConsumer<String, List<Cell>> each) {
    Work<Long> work = s -> {
      for (int attempt = 0; ; attempt++) {
        long before = readChanges(s);
        Map<String, List<Cell>> read = readMeasures(s, prefix);
        long after = readChanges(s);
        if (before == after || attempt >= MAX_MEASURE_READS) {
          if (before != after) {
            throw new StoreException(name + ": the measures kept changing while they were read "
                + "(" + MAX_MEASURE_READS + " attempts); try again when fewer engines write", null);
          }
          read.forEach(each);
          return before;
        }
      }
    };
    return inBatchOr(b -> b.measures(prefix, each), () -> {
      long stamp = withSession("reading the measures", work);
      lastStamp.accumulateAndGet(stamp, Math::max);
      return stamp;
    });
  }

  private static final int MAX_MEASURE_READS = 20;

  private Map<String, List<Cell>> readMeasures(Session s, String prefix) throws SQLException {
    PreparedStatement ps = s.prepare(sql.readMeasures);
    ps.setString(1, Sql.startsWith(prefix));
    Map<String, List<Cell>> out = new TreeMap<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Cell(rs.getLong(2),
            rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getDouble(6)));
      }
    }
    return out;
  }

  @Override
  public void prune(String series, long beforeBucket) {
    inBatchOr(b -> {
      b.prune(series, beforeBucket);
      return null;
    }, () -> withSession("pruning a series", s -> prune(s, series, beforeBucket)));
  }

  private int prune(Session s, String series, long beforeBucket) throws SQLException {
    PreparedStatement ps = s.prepare(sql.prune);
    ps.setString(1, series);
    ps.setLong(2, beforeBucket);
    return ps.executeUpdate();
  }

  @Override
  public <V> Optional<Versioned<V>> shared(String key, Codec<V> codec) {
    Work<Optional<Versioned<V>>> work = s -> {
      PreparedStatement ps = s.prepare(sql.readShared);
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        long version = rs.getLong(1);
        byte[] bytes = rs.getBytes(2);
        try {
          return Optional.of(new Versioned<>(codec.decode(bytes), version));
        } catch (RuntimeException e) {
          throw new StoreException(name + ": the shared value '" + key + "' cannot be read ("
              + e.getMessage() + "); it was written by a newer release of Rapport or damaged: "
              + "run the release that wrote it, or delete its row of rapport_shared (the "
              + "engine then starts it afresh)", e);
        }
      }
    };
    return query("reading a shared value", work);
  }

  @Override
  public <V> boolean putShared(String key, V value, Codec<V> codec, long expectedVersion) {
    byte[] bytes = codec.encode(value);
    Work<Boolean> work = s -> putShared(s, key, bytes, expectedVersion);
    return query("writing a shared value", work);
  }

  private boolean putShared(Session s, String key, byte[] bytes, long expectedVersion)
      throws SQLException {
    if (expectedVersion == 0) {
      PreparedStatement ps = s.prepare(sql.insertShared);
      ps.setString(1, key);
      ps.setBytes(2, bytes);
      try {
        return ps.executeUpdate() == 1;
      } catch (SQLException e) {
        if ("23505".equals(e.getSQLState())) {
          return false; // H2: written by someone else first
        }
        throw e;
      }
    }
    PreparedStatement ps = s.prepare(sql.updateShared);
    ps.setBytes(1, bytes);
    ps.setString(2, key);
    ps.setLong(3, expectedVersion);
    return ps.executeUpdate() == 1;
  }

  @Override
  public <D> List<D> undelivered(Codec<D> codec, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("undelivered(codec, limit): limit is " + limit
          + "; give 1 or more");
    }
    Work<List<D>> work = s -> {
      PreparedStatement ps = s.prepare(sql.undelivered);
      ps.setInt(1, limit);
      List<D> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String id = rs.getString(1);
          try {
            out.add(codec.decode(rs.getBytes(2)));
          } catch (RuntimeException e) {
            throw new StoreException(name + ": the dispatch '" + id + "' of the outbox cannot "
                + "be read (" + e.getMessage() + "); it was written by a newer release of "
                + "Rapport or damaged: run the release that wrote it, or hand it over yourself "
                + "and delete its row of rapport_outbox", e);
          }
        }
      }
      return out;
    };
    return query("reading the outbox", work);
  }

  @Override
  public void delivered(String dispatchId) {
    inBatchOr(b -> {
      b.delivered(dispatchId);
      return null;
    }, () -> withSession("marking a dispatch delivered", s -> delivered(s, dispatchId)));
  }

  private int delivered(Session s, String dispatchId) throws SQLException {
    PreparedStatement ps = s.prepare(sql.delivered);
    ps.setString(1, dispatchId);
    return ps.executeUpdate();
  }

  @Override
  public long changes() {
    // as inBatchOr does, without a lambda: the engine asks at every read of a metric
    for (BatchState b = batch; b != null; b = batch) {
      try {
        return b.changes();
      } catch (BatchEnded ended) {
        // closed since it was looked up: look again
      }
    }
    long stamp = withSession("reading the change stamp", this::readChanges);
    lastStamp.accumulateAndGet(stamp, Math::max);
    return stamp;
  }

  /**
   * Closes the connections the store keeps open, after committing an open batch; the store
   * cannot be used afterwards. Connections lent to calls in progress are closed when they end.
   */
  @Override
  public void close() {
    synchronized (batchGuard) {
      BatchState b = batch;
      if (b != null) {
        b.close();
      }
      closed = true;
    }
    for (Session s = idle.pollFirst(); s != null; s = idle.pollFirst()) {
      idleCount.decrementAndGet();
      s.closeQuietly();
    }
  }

  // ------------------------------------------------------------------ batches

  /**
   * Starts committing many calls in one database transaction: for a replay or a bulk load, where
   * a commit per call would spend most of the time waiting for the database. Until the batch is
   * closed, every call on the store, from any thread, joins it: its writes are kept in memory
   * (the last record of each customer, counter and cell sums, the dispatches) and written in one
   * transaction every {@code callsPerCommit} calls, on {@link Batch#commit()} and on {@link
   * Batch#close()}. Reads see the batch's own writes.
   *
   * <pre>{@code
   * JdbcStateStore.Batch batch = store.batch(1_000);
   * for (Event e : log) {
   *   engine.advanceTo(e.time());
   *   engine.track(e);
   * }
   * batch.close(); // commits the rest
   * }</pre>
   *
   * <p>What it means for a crash: the engine hands a call's dispatches to the host as soon as the
   * call returns, but they, and the call's state, are durable only once its batch commits. A
   * crash loses the calls since the last commit: feed their events again (from a position the
   * host recorded after {@link Batch#commit()}, or from the very start, since the engine ignores
   * events it has seen and fires no timer twice), and the lost calls are made again, with the same
   * dispatch ids, so a host that deduplicates by id sees each message once. A batch assumes it is
   * the only writer: a record changed by another engine meanwhile fails the batch's commit, and
   * nothing since its last commit is written.
   *
   * <p>Fed from one thread, a batch encodes each customer's record once per commit of the batch,
   * however many calls changed it; fed from several, each call encodes its record when it
   * commits. A commit of the batch that falls due while a call holds a changed record (a merge of
   * two customers, or another thread's call) waits for that call to end. {@link Batch#commit()},
   * {@link Batch#close()} and {@link #size()} are not for calling from inside a call (a rule's
   * condition, a custom step): there they fail with {@code IllegalStateException} when the
   * call's customer has changes the batch has not written yet.
   *
   * @param callsPerCommit how many calls each database transaction holds at most, 1 or more
   * @return the batch, to close
   * @throws IllegalArgumentException if {@code callsPerCommit} is below 1
   * @throws IllegalStateException if a batch is already open on this store
   */
  public Batch batch(int callsPerCommit) {
    if (callsPerCommit < 1) {
      throw new IllegalArgumentException(name + ": batch(callsPerCommit) is " + callsPerCommit
          + "; give 1 or more calls per commit");
    }
    synchronized (batchGuard) {
      if (closed) {
        throw new IllegalStateException(name + " is closed; open a new JdbcStateStore");
      }
      if (batch != null) {
        throw new IllegalStateException(name + ": a batch is already open; close it before "
            + "starting another");
      }
      BatchState b = new BatchState(callsPerCommit, acquire());
      batch = b;
      return b;
    }
  }

  /**
   * Many calls committed in one database transaction; see {@link JdbcStateStore#batch(int)}.
   */
  public interface Batch extends AutoCloseable {
    /**
     * Commits the calls made since the last commit: once it returns, they are durable. Waits for
     * the calls of other threads that hold a changed record to end.
     *
     * @return how many calls it committed
     * @throws StateStore.StoreException if the commit failed (nothing since the last commit was
     *     written, and the batch can only be closed)
     * @throws IllegalStateException if called from inside a call whose customer has changes the
     *     batch has not written yet (commit after the call returns), or if the batch is closed,
     *     also by another thread while this commit waited
     */
    int commit();

    /**
     * Returns how many calls the batch has committed so far.
     *
     * @return the count
     */
    long committed();

    /**
     * Commits what is left and ends the batch: calls commit one by one again. A batch that
     * failed is ended without a commit. Waits, as {@link #commit()} does, for the calls of other
     * threads that hold a changed record; a call of another thread that commits after the close
     * commits outside the batch (or in the batch opened since), as if it had begun after it.
     *
     * @throws StateStore.StoreException if the last commit failed
     * @throws IllegalStateException if called from inside a call whose customer has changes the
     *     batch has not written yet; close it after the call returns
     */
    @Override
    void close();
  }

  /**
   * Thrown by a batch that ended after its caller looked it up in {@link #batch} and before the
   * caller took the batch's lock: what the caller does there would be lost (a closed batch
   * commits nothing more) or done on a connection the batch gave back. The caller looks up the
   * store's batch again and does it as the store is now: in the batch opened since, or outside
   * batches. Caught within the store; one instance, without a stack trace.
   */
  private static final class BatchEnded extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final BatchEnded INSTANCE = new BatchEnded();

    private BatchEnded() {
      super(null, null, false, false);
    }
  }

  /** A record as the batch knows it: as read from the database, and as the batch left it. */
  private static final class Entry {
    /** The version and due time in the database's transaction (0 and NO_DUE: no row). */
    long baseVersion;
    long baseDue;
    /** The record as the batch's calls left it (version 0: none). */
    long version;
    long due;
    /** Its bytes: those of an earlier version while {@link #stale}. */
    byte[] payload;
    Object record;
    Codec<?> codec;
    /** Whether the record is newer than its bytes: encoded when the batch writes it. */
    boolean stale;
    /** Whether the batch changed it since it was last written to the database. */
    boolean dirty;
    /** The transaction that read it and has not committed or closed yet, if any. */
    Txn heldBy;
    /** Whether the batch let go of it (its cache was full): a commit looks the record up. */
    boolean evicted;

    /** Encodes the record if its bytes are older; only while no call is changing it. */
    void encode() {
      if (stale) {
        payload = JdbcStateStore.encode(record, codec);
        stale = false;
      }
    }
  }

  /**
   * A batch's state. It encodes a customer's record once per commit of the batch rather than
   * once per call: a call's commit leaves the record {@linkplain Entry#stale stale}, and the
   * batch encodes it when it writes it to the database. A record is the object the calls change
   * in place, so the batch encodes it only while no call holds it (between a call's read and its
   * commit or close the record may be half-changed): a commit of the batch that finds a stale
   * record held by a call of another thread waits for that call to end, and one that finds it
   * held by its own thread (a call on two customers, such as a merge, committing its first)
   * waits for that thread's next commit. With calls from more than one thread the batch stops
   * deferring: each call encodes its record when it commits, as outside batches, so that no
   * commit of the batch waits long.
   */
  private final class BatchState implements Batch {
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a call lets go of the record it held. */
    private final java.util.concurrent.locks.Condition returned = lock.newCondition();
    /** The first thread that called; a call from another makes the batch {@link #shared}. */
    private Thread owner;
    /** Whether calls came from more than one thread: each then encodes its record itself. */
    volatile boolean shared;
    /** Whether a commit of the batch is due but waits for a held record; see the class. */
    private boolean commitWaiting;
    private final int callsPerCommit;
    private final Session session;
    /** The records the batch read or wrote, least recently used first. */
    private final LinkedHashMap<CustomerId, Entry> records = new LinkedHashMap<>(1024, 0.75f,
        true);
    /**
     * A bound on the timers the database does not list rightly yet: no dirty record's due time,
     * in the database (its row there is stale) or in the batch (not written yet), is earlier.
     * A due-timer query up to this instant or later first writes the dirty records into the
     * batch's transaction, so that the database answers it alone; before it, the database's
     * answer is already right. A bound, not the minimum: a record whose timer moves later leaves
     * it where it was, which costs at most an early write.
     */
    private long minDirtyDue = Long.MAX_VALUE;
    private final List<Entry> dirty = new ArrayList<>();
    private final List<CustomerId> dirtyIds = new ArrayList<>();
    private final TreeMap<String, long[]> counters = new TreeMap<>();
    private final TreeMap<String, TreeMap<Long, double[]>> cells = new TreeMap<>();
    private final TreeMap<String, Long> prunes = new TreeMap<>();
    private final LinkedHashMap<String, byte[]> outbox = new LinkedHashMap<>();
    private long pendingChanges;
    private long stamp;
    private int calls;
    private long committed;
    private StoreException failed;
    private boolean ended;

    BatchState(int callsPerCommit, Session session) {
      this.callsPerCommit = callsPerCommit;
      this.session = session;
      this.stamp = lastStamp.get();
    }

    /**
     * Takes the lock of a batch that is still the store's: fails if the batch failed, and throws
     * {@link BatchEnded} if it was closed since the caller looked it up.
     */
    private void enter() {
      lock.lock();
      if (failed != null) {
        lock.unlock();
        throw failedBefore();
      }
      if (ended) {
        lock.unlock();
        throw BatchEnded.INSTANCE;
      }
    }

    private StoreException failedBefore() {
      return new StoreException(name + ": the batch failed and wrote nothing since its last "
          + "commit (" + failed.getMessage() + "); close it, and feed the calls since its last "
          + "commit again", failed);
    }

    private StoreException fail(String what, SQLException e) {
      session.rollbackQuietly();
      fault(session, e);
      int lost = calls;
      reset();
      failed = new StoreException(name + ": " + what + " failed (" + describe(e) + "); the "
          + lost + " calls of the batch since its last commit were not written: close the "
          + "batch and feed them again"
          + (e instanceof BatchUpdateException || "23505".equals(e.getSQLState())
              ? " (another engine wrote to the same customers: a batch must be the only writer)"
              : ""), e);
      return failed;
    }

    private void reset() {
      records.clear();
      dirty.clear();
      dirtyIds.clear();
      minDirtyDue = Long.MAX_VALUE;
      counters.clear();
      cells.clear();
      prunes.clear();
      outbox.clear();
      pendingChanges = 0;
      calls = 0;
    }

    private void calledFrom(Thread t) {
      if (owner == null) {
        owner = t;
      } else if (owner != t && !shared) {
        shared = true;
      }
    }

    /** Marks the record a transaction read as no longer held by it. */
    private void letGo(Txn txn) {
      Entry h = txn.held;
      if (h != null && h.heldBy == txn) {
        h.heldBy = null;
        returned.signalAll();
      }
      txn.held = null;
      txn.heldIn = null;
    }

    /** Lets go of the record a transaction read, when it closes (committed or not). */
    void closed(Txn txn) {
      lock.lock();
      try {
        letGo(txn);
      } finally {
        lock.unlock();
      }
    }

    /**
     * Returns a stale record that a call holds (other than {@code except}'s), which the batch
     * cannot encode until the call lets go of it, or null if there is none.
     */
    private Entry heldStale(Txn except) {
      for (Entry e : dirty) {
        if (e.stale && e.heldBy != null && e.heldBy != except) {
          return e;
        }
      }
      return null;
    }

    /**
     * Waits until no call holds a stale record, so that the batch can write every record; fails
     * if this thread holds one itself, since it would wait for itself. Throws {@link BatchEnded}
     * if the batch was closed while it waited (a close that waited too may go first).
     */
    private void awaitEncodable(String what) {
      for (Entry e = heldStale(null); e != null; e = heldStale(null)) {
        if (e.heldBy.lock.isHeldByCurrentThread()) {
          throw new IllegalStateException(name + ": " + what + " was asked from inside a call "
              + "on customer '" + e.heldBy.customer.value() + "', whose record the batch cannot "
              + "write half-changed; do it after the call returns");
        }
        returned.awaitUninterruptibly();
        if (failed != null) {
          throw failedBefore();
        }
        if (ended) {
          throw BatchEnded.INSTANCE;
        }
      }
    }

    private Entry entry(CustomerId customer) throws SQLException {
      Entry e = records.get(customer);
      if (e == null) {
        Row row = readRow(session, customer);
        e = new Entry();
        e.baseVersion = row.version;
        e.baseDue = row.due;
        e.version = row.version;
        e.due = row.due;
        e.payload = row.payload;
        records.put(customer, e);
      }
      return e;
    }

    <R> Optional<Versioned<R>> read(Txn txn, Codec<R> codec) {
      enter();
      try {
        calledFrom(Thread.currentThread());
        Entry e = entry(txn.customer);
        txn.readDone = true;
        txn.readVersion = e.version;
        e.heldBy = txn;
        txn.held = e;
        txn.heldIn = this;
        if (e.version == 0) {
          return Optional.empty();
        }
        if (e.codec != codec || e.record == null) {
          e.encode(); // no other call holds it: the transaction holds the customer's lock
          e.record = decode(txn.customer, e.payload, codec);
          e.codec = codec;
        }
        @SuppressWarnings("unchecked")
        R record = (R) e.record;
        return Optional.of(new Versioned<>(record, e.version));
      } catch (SQLException ex) {
        throw fail("reading the record of customer '" + txn.customer.value() + "'", ex);
      } finally {
        lock.unlock();
      }
    }

    long commit(Txn txn) {
      enter();
      try {
        calledFrom(Thread.currentThread());
        Entry read = txn.heldIn == this ? txn.held : null; // not one of a batch closed since
        letGo(txn);
        if (!txn.hasWork()) {
          return stamp + pendingChanges;
        }
        Entry e = read != null && !read.evicted ? read : entry(txn.customer);
        if (txn.readDone && e.version != txn.readVersion) {
          throw txn.conflict();
        }
        if (txn.write || txn.delete) {
          if (!e.dirty) {
            e.dirty = true;
            dirty.add(e);
            dirtyIds.add(txn.customer);
            if (e.baseDue != NO_DUE) {
              minDirtyDue = Math.min(minDirtyDue, e.baseDue);
            }
          }
          if (txn.write) {
            e.version++;
            e.record = txn.record;
            e.codec = txn.codec;
            if (txn.payload != null) {
              e.payload = txn.payload;
              e.stale = false;
            } else {
              e.stale = true;
              if (shared) {
                e.encode(); // became shared during this call
              }
            }
            e.due = txn.nextDue;
            if (e.due != NO_DUE) {
              minDirtyDue = Math.min(minDirtyDue, e.due);
            }
          } else {
            e.version = 0;
            e.payload = null;
            e.record = null;
            e.codec = null;
            e.stale = false;
            e.due = NO_DUE;
          }
        }
        outbox.putAll(txn.outbox);
        for (Map.Entry<String, long[]> c : txn.counters.entrySet()) {
          counters.computeIfAbsent(c.getKey(), k -> new long[1])[0] += c.getValue()[0];
        }
        for (Map.Entry<String, TreeMap<Long, double[]>> s : txn.cells.entrySet()) {
          TreeMap<Long, double[]> mine = cells.computeIfAbsent(s.getKey(), k -> new TreeMap<>());
          for (Map.Entry<Long, double[]> c : s.getValue().entrySet()) {
            double[] v = mine.computeIfAbsent(c.getKey(), k -> new double[4]);
            double[] add = c.getValue();
            for (int i = 0; i < 4; i++) {
              v[i] += add[i];
            }
          }
        }
        if (txn.measures) {
          pendingChanges++;
        }
        long result = stamp + pendingChanges;
        if (++calls >= callsPerCommit || commitWaiting) {
          if (heldStale(null) == null) {
            commitWaiting = false;
            commitNow();
          } else {
            commitWaiting = true; // a merge's first customer: at its second's commit
          }
        }
        return result;
      } catch (SQLException ex) {
        throw fail("committing a call on customer '" + txn.customer.value() + "'", ex);
      } finally {
        lock.unlock();
      }
    }

    /**
     * Writes what the batch holds into its database transaction, without committing it; only
     * when no call holds a stale record (see {@link #awaitEncodable}).
     */
    private void execute() throws SQLException {
      writeRecords();
      writeShared();
    }

    private void writeRecords() throws SQLException {
      if (!dirty.isEmpty()) {
        PreparedStatement insert = null;
        PreparedStatement update = null;
        PreparedStatement delete = null;
        // in key order: neighbours share the database's pages, and two writers lock rows in
        // the same order
        Integer[] order = new Integer[dirty.size()];
        for (int i = 0; i < order.length; i++) {
          order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> dirtyIds.get(a).compareTo(dirtyIds.get(b)));
        for (int i : order) {
          Entry e = dirty.get(i);
          String id = dirtyIds.get(i).value();
          e.encode();
          if (e.version != 0 && e.baseVersion == 0) {
            insert = insert != null ? insert : session.prepare(sql.insertRecord);
            insert.setString(1, id);
            insert.setLong(2, e.version);
            setDue(insert, 3, e.due);
            insert.setBytes(4, e.payload);
            insert.addBatch();
          } else if (e.version != 0) {
            update = update != null ? update : session.prepare(sql.updateRecord);
            update.setLong(1, e.version);
            setDue(update, 2, e.due);
            update.setBytes(3, e.payload);
            update.setString(4, id);
            update.setLong(5, e.baseVersion);
            update.addBatch();
          } else if (e.baseVersion != 0) {
            delete = delete != null ? delete : session.prepare(sql.deleteRecord);
            delete.setString(1, id);
            delete.setLong(2, e.baseVersion);
            delete.addBatch();
          }
        }
        for (PreparedStatement ps : new PreparedStatement[] {insert, update, delete}) {
          if (ps != null) {
            for (int n : ps.executeBatch()) {
              if (n == 0) {
                throw new SQLException("a record changed in the database since the batch read "
                    + "it", "23505");
              }
            }
          }
        }
        for (Entry e : dirty) {
          e.baseVersion = e.version;
          e.baseDue = e.due;
          e.dirty = false;
        }
        dirty.clear();
        dirtyIds.clear();
        minDirtyDue = Long.MAX_VALUE;
      }
    }

    /** Writes the dispatches, measures and prunes the batch holds; records stay pending. */
    private void writeShared() throws SQLException {
      if (!outbox.isEmpty()) {
        PreparedStatement ps = session.prepare(sql.enqueue);
        for (Map.Entry<String, byte[]> d : outbox.entrySet()) {
          ps.setString(1, d.getKey());
          ps.setBytes(2, d.getValue());
          ps.addBatch();
        }
        ps.executeBatch();
        outbox.clear();
      }
      if (!prunes.isEmpty()) {
        PreparedStatement ps = session.prepare(sql.prune);
        for (Map.Entry<String, Long> p : prunes.entrySet()) {
          ps.setString(1, p.getKey());
          ps.setLong(2, p.getValue());
          ps.addBatch();
        }
        ps.executeBatch();
        prunes.clear();
      }
      writeMeasures(session, counters, cells);
      counters.clear();
      cells.clear();
      if (pendingChanges > 0) {
        stamp = addChanges(session, pendingChanges);
        pendingChanges = 0;
      }
    }

    private void commitNow() {
      try {
        execute();
        session.commit();
      } catch (SQLException e) {
        throw fail("committing a batch", e);
      }
      committed += calls;
      calls = 0;
      // every record is in the database now: keep the most recently used for the next calls
      // (the batch is the only writer), up to the cache's size
      var oldest = records.values().iterator();
      for (int n = records.size(); n > cachedRecords; n--) {
        oldest.next().evicted = true;
        oldest.remove();
      }
      lastStamp.accumulateAndGet(stamp, Math::max);
    }

    List<Due> due(Instant upTo, int limit) {
      enter();
      try {
        long up = nanos(upTo);
        if (minDirtyDue <= up) {
          // a timer the database lists wrongly, or not yet: write the records first
          awaitEncodable("listing the due timers");
          writeRecords();
        }
        return queryDue(session, up, limit);
      } catch (SQLException e) {
        throw fail("listing the due timers", e);
      } finally {
        lock.unlock();
      }
    }

    /**
     * Work that reads (or writes) the dispatches, measures or shared values through the batch's
     * transaction, after the batch's pending writes of them; the records stay pending.
     */
    <T> T query(String what, Work<T> work) {
      enter();
      try {
        writeShared();
        return work.run(session);
      } catch (SQLException e) {
        throw fail(what, e);
      } finally {
        lock.unlock();
      }
    }

    /**
     * Reads the measures under a prefix, after the batch's pending writes of them, with the
     * stamp they are consistent with: both under one hold of the lock, since a call that commits
     * in between would move the stamp past what was read (and an engine that loaded its cache
     * with that stamp would skip the call's measures). Hands them over outside the lock.
     */
    long measures(String prefix, BiConsumer<String, List<Cell>> each) {
      Map<String, List<Cell>> read;
      long at;
      enter();
      try {
        writeShared();
        read = readMeasures(session, prefix);
        at = stamp + pendingChanges;
      } catch (SQLException e) {
        throw fail("reading the measures", e);
      } finally {
        lock.unlock();
      }
      read.forEach(each);
      return at;
    }

    void add(String counter, long delta) {
      enter();
      try {
        counters.computeIfAbsent(counter, k -> new long[1])[0] += delta;
        pendingChanges++;
      } finally {
        lock.unlock();
      }
    }

    long counter(String counter) {
      enter();
      try {
        long[] pending = counters.get(counter);
        return readCounter(session, counter) + (pending == null ? 0 : pending[0]);
      } catch (SQLException e) {
        throw fail("reading a counter", e);
      } finally {
        lock.unlock();
      }
    }

    void prune(String series, long beforeBucket) {
      enter();
      try {
        TreeMap<Long, double[]> mine = cells.get(series);
        if (mine != null) {
          mine.headMap(beforeBucket).clear();
        }
        prunes.merge(series, beforeBucket, Math::max);
      } finally {
        lock.unlock();
      }
    }

    void delivered(String dispatchId) {
      enter();
      try {
        if (outbox.remove(dispatchId) == null) {
          JdbcStateStore.this.delivered(session, dispatchId);
        }
      } catch (SQLException e) {
        throw fail("marking a dispatch delivered", e);
      } finally {
        lock.unlock();
      }
    }

    long changes() {
      enter();
      try {
        return stamp + pendingChanges;
      } finally {
        lock.unlock();
      }
    }

    /** Counts the records, the batch's pending ones written first. */
    long count() {
      enter();
      try {
        awaitEncodable("counting the records");
        writeRecords();
        return JdbcStateStore.this.count(session);
      } catch (SQLException e) {
        throw fail("counting the records", e);
      } finally {
        lock.unlock();
      }
    }

    @Override
    public int commit() {
      try {
        enter();
      } catch (BatchEnded ended) {
        throw closedBefore();
      }
      try {
        awaitEncodable("Batch.commit()");
        int n = calls;
        commitWaiting = false;
        commitNow();
        return n;
      } catch (BatchEnded ended) {
        throw closedBefore();
      } finally {
        lock.unlock();
      }
    }

    private IllegalStateException closedBefore() {
      return new IllegalStateException(name + ": the batch is closed: it committed its calls "
          + "when it closed, and calls commit one by one since; start another with "
          + "batch(callsPerCommit)");
    }

    @Override
    public long committed() {
      lock.lock();
      try {
        return committed;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void close() {
      synchronized (batchGuard) {
        if (ended) {
          return;
        }
        lock.lock();
        try {
          if (failed == null) {
            awaitEncodable("closing the batch");
          }
        } catch (IllegalStateException insideACall) {
          lock.unlock(); // the batch stays open, with its calls
          throw insideACall;
        } catch (StoreException failedMeanwhile) {
          // ended below without a commit, as a failed batch is
        }
        try {
          ended = true;
          if (failed == null) {
            commitWaiting = false;
            commitNow();
          }
        } finally {
          batch = null;
          release(session);
          lock.unlock();
        }
      }
    }
  }
}
