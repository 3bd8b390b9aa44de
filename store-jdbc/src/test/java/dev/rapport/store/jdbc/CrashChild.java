package dev.rapport.store.jdbc;

import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.StateStore;
import dev.rapport.testkit.ForwardingStateStore;
import dev.rapport.testkit.TestClock;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The crash tests' child process: replays the seeded log from its start on a JDBC store (the
 * engine ignores what it saw before a crash), and writes to a file, each line written through to
 * the operating system before it goes on, every dispatch it hands to its dispatcher ({@code D};
 * {@code R} when handed over again from the outbox while the engine is built) and every dispatch
 * the engine marked delivered ({@code M}). Told to, it stops at its n-th hand-over, after the
 * commit and before the hand-over (n below zero) or between the hand-over and its marking (n
 * above zero), and waits there to be killed. At the end it writes every customer's explanation
 * and the journeys' statistics to a file.
 *
 * <p>Arguments: JDBC URL, run number, dispatch file, dump file, where to stop (0: nowhere; -n:
 * before the n-th hand-over; n: after it), seed, customers.
 */
public final class CrashChild {
  private CrashChild() {}

  /** Appends lines to a file, each written to the operating system before it returns. */
  private static final class Lines {
    private final FileOutputStream out;

    Lines(Path file) throws IOException {
      this.out = new FileOutputStream(file.toFile(), true);
    }

    synchronized void add(String line) {
      try {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Runs the child.
   *
   * @param args see the class description
   * @throws Exception if it fails
   */
  public static void main(String[] args) throws Exception {
    String url = args[0];
    int run = Integer.parseInt(args[1]);
    Lines dispatches = new Lines(Path.of(args[2]));
    Path dump = Path.of(args[3]);
    int stopAt = Integer.parseInt(args[4]);
    List<CrashLog.Op> log = CrashLog.generate(Long.parseLong(args[5]), Integer.parseInt(args[6]));

    JdbcStateStore jdbc = JdbcStateStore.builder(UrlDataSource.of(url)).createSchema().build();
    StateStore store = new MarkingStore(jdbc, id -> dispatches.add(run + " M " + id));
    TestClock clock = TestClock.at(CrashLog.START);
    boolean[] building = {true};
    int[] handed = {0};
    Engine engine = CrashLog.program(Engine.builder().clock(clock).stateStore(store)
        .dispatcher(d -> {
          if (++handed[0] == -stopAt) {
            waitToBeKilled("BEFORE " + d.id()); // committed, not handed over
          }
          dispatches.add(run + (building[0] ? " R " : " D ") + d.id());
          if (handed[0] == stopAt) {
            waitToBeKilled("AFTER " + d.id()); // handed over, not marked delivered
          }
        })).build();
    building[0] = false;
    System.out.println("BUILT");
    System.out.flush();

    for (CrashLog.Op op : log) {
      clock.set(op.at());
      engine.advanceTo(op.at());
      op.apply(engine);
      System.out.println("OP " + op.index());
      System.out.flush();
    }
    clock.set(CrashLog.END);
    engine.advanceTo(CrashLog.END);

    StringBuilder out = new StringBuilder();
    for (String c : CrashLog.customers(Integer.parseInt(args[6]))) {
      out.append(engine.explain(c));
    }
    for (String j : List.of("onboarding", "win-back")) {
      out.append(engine.journeyStats(j)).append('\n');
    }
    out.append("customers: ").append(store.size()).append('\n');
    Files.writeString(dump, out.toString(), StandardCharsets.UTF_8);
    jdbc.close();
    System.out.println("DONE");
    System.out.flush();
  }

  /** Says where it stopped and waits there, for the test to kill the process. */
  private static void waitToBeKilled(String where) {
    System.out.println("STOPPED " + where);
    System.out.flush();
    try {
      Thread.sleep(600_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A store that tells when the engine marked a dispatch delivered. */
  private static final class MarkingStore extends ForwardingStateStore {
    private final java.util.function.Consumer<String> marked;

    MarkingStore(StateStore delegate, java.util.function.Consumer<String> marked) {
      super(delegate);
      this.marked = marked;
    }

    @Override
    public void delivered(String dispatchId) {
      delegate().delivered(dispatchId);
      marked.accept(dispatchId);
    }
  }
}
