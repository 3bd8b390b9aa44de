package dev.rapport.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Kills a process running the engine on a JDBC store ({@code Process.destroyForcibly}, a SIGKILL)
 * at a dozen points of a seeded log, restarting it after each, and checks that nothing was lost or
 * sent twice: every customer ends where an uninterrupted run leaves them (their explanations and
 * the journeys' statistics are the same), the dispatch ids handed over are the uninterrupted
 * run's, and a dispatch handed over twice was handed over again only from the outbox, by the next
 * process, after the killed one had handed it over and not marked it delivered. Half the kills
 * fall at random points of the log; the others, on purpose (the child waits there), between the
 * commit of a dispatch and its hand-over (the outbox must hand it over after the restart) or
 * between its hand-over and its marking (where it is handed over twice).
 */
class CrashTest {
  private static final long SEED = 20_261_207L;
  private static final int CUSTOMERS = 120;
  private static final int KILLS = 12;

  /** Where the child processes' files go: target/crash/<database>, kept for reading. */
  private Path dir;

  @Test
  void an_h2_file_store_loses_nothing_and_sends_nothing_twice_across_kills() throws Exception {
    crashes("H2 file", Databases::h2Url);
  }

  @Test
  void a_postgresql_store_loses_nothing_and_sends_nothing_twice_across_kills() throws Exception {
    crashes("PostgreSQL", Databases::postgresUrl);
  }

  /** One child process. */
  private final class Child {
    final Process process;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final Path err;

    Child(String url, int run, Path dispatches, Path dump, int stopAfter) throws IOException {
      err = dir.resolve("child-" + run + ".err");
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
          "-cp", System.getProperty("java.class.path"),
          CrashChild.class.getName(), url, Integer.toString(run), dispatches.toString(),
          dump.toString(), Integer.toString(stopAfter), Long.toString(SEED),
          Integer.toString(CUSTOMERS)));
      process = new ProcessBuilder(command).redirectError(err.toFile()).start();
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
            process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            lines.add(line);
          }
        } catch (IOException e) {
          // the process was killed
        }
        lines.add("EOF");
      });
      reader.setDaemon(true);
      reader.start();
    }

    /** Waits for a line; fails with the child's errors if it ends or takes too long. */
    String next() throws Exception {
      String line = lines.poll(120, TimeUnit.SECONDS);
      if (line == null || line.equals("EOF")) {
        process.destroyForcibly().waitFor();
        fail("the child process " + (line == null ? "hung" : "ended, status "
            + process.waitFor()) + ":\n" + Files.readString(err));
      }
      return line;
    }

    void kill() throws InterruptedException {
      process.destroyForcibly();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        fail("a killed child did not end");
      }
    }

    void runToTheEnd() throws Exception {
      while (!next().equals("DONE")) {
        // progress
      }
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as("status of the child").isZero();
    }
  }

  /** A line of the dispatch file: the run, D (handed over), R (again, from the outbox), M. */
  private record Line(int run, String kind, String id) {
    static Line of(String text) {
      String[] parts = text.split(" ", 3);
      return new Line(Integer.parseInt(parts[0]), parts[1], parts[2]);
    }
  }

  private void crashes(String database, Supplier<String> urls) throws Exception {
    long began = System.nanoTime();
    dir = Path.of("target", "crash", database.replace(' ', '-').toLowerCase(Locale.ROOT));
    if (Files.exists(dir)) {
      try (var files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.delete(f);
        }
      }
    }
    Files.createDirectories(dir);
    int ops = CrashLog.generate(SEED, CUSTOMERS).size();

    // GIVEN the same log run once without a kill
    Path cleanDispatches = dir.resolve("clean-dispatches.txt");
    Path cleanDump = dir.resolve("clean-dump.txt");
    new Child(urls.get(), 0, cleanDispatches, cleanDump, 0).runToTheEnd();
    long cleanNanos = System.nanoTime() - began;

    // WHEN a process runs it on another database and is killed a dozen times, restarted after each
    String url = urls.get();
    Path dispatches = dir.resolve("dispatches.txt");
    Path dump = dir.resolve("dump.txt");
    Random random = new Random(SEED);
    TreeSet<Integer> targets = new TreeSet<>();
    while (targets.size() < KILLS) {
      targets.add(ops / 20 + random.nextInt(ops * 9 / 10));
    }
    int run = 0;
    int atRandom = 0;
    int beforeHandOver = 0;
    int afterHandOver = 0;
    Set<Integer> killedRuns = new HashSet<>();
    for (int target : targets) {
      run++;
      // every other run is killed at a random op; the others after the commit of a dispatch,
      // before or after its hand-over (an outbox recovered first counts as hand-overs too)
      int stopAt = run % 2 == 1 ? 0 : (1 + random.nextInt(3)) * (run % 4 == 2 ? -1 : 1);
      Child child = new Child(url, run, dispatches, dump, stopAt);
      while (true) {
        String line = child.next();
        if (line.startsWith("STOPPED") || (stopAt == 0 && line.startsWith("OP ")
            && Integer.parseInt(line.substring(3)) >= target)) {
          child.kill();
          killedRuns.add(run);
          if (stopAt == 0) {
            atRandom++;
          } else if (stopAt < 0) {
            beforeHandOver++;
          } else {
            afterHandOver++;
          }
          break;
        }
        if (line.equals("DONE")) {
          fail("run " + run + " reached the end before its kill at op " + target);
        }
      }
    }
    run++;
    new Child(url, run, dispatches, dump, 0).runToTheEnd();

    // THEN every customer is where the uninterrupted run left them
    assertThat(Files.readString(dump)).as("explanations and journey statistics after the kills")
        .isEqualTo(Files.readString(cleanDump));

    // AND the ids handed over are the uninterrupted run's; a repeat only from the outbox, after
    // a kill between the hand-over and its marking
    List<Line> clean = Files.readAllLines(cleanDispatches).stream().map(Line::of).toList();
    Set<String> cleanIds = new TreeSet<>();
    for (Line l : clean) {
      if (!l.kind().equals("M")) {
        assertThat(l.kind()).as("hand-overs without a kill").isEqualTo("D");
        assertThat(cleanIds.add(l.id())).as("an id handed over twice without a kill: " + l.id())
            .isTrue();
      }
    }
    Map<String, List<Line>> handed = new LinkedHashMap<>();
    Set<String> marked = new HashSet<>();
    for (String text : Files.readAllLines(dispatches)) {
      Line l = Line.of(text);
      if (l.kind().equals("M")) {
        marked.add(l.run() + " " + l.id());
      } else {
        handed.computeIfAbsent(l.id(), k -> new ArrayList<>()).add(l);
      }
    }
    assertThat(new TreeSet<>(handed.keySet())).as("distinct dispatch ids handed over")
        .isEqualTo(cleanIds);
    int repeats = 0;
    int recovered = 0;
    for (Map.Entry<String, List<Line>> e : handed.entrySet()) {
      List<Line> times = e.getValue();
      recovered += (int) times.stream().filter(l -> l.kind().equals("R")).count();
      for (int i = 1; i < times.size(); i++) {
        Line before = times.get(i - 1);
        Line again = times.get(i);
        assertThat(again.kind()).as("dispatch " + e.getKey() + " handed over again outside "
            + "the outbox's recovery: " + times).isEqualTo("R");
        assertThat(again.run()).as("dispatch " + e.getKey() + " handed over again, not by the "
            + "process after the one killed: " + times).isEqualTo(before.run() + 1);
        assertThat(killedRuns).as("the run that handed over " + e.getKey() + " first")
            .contains(before.run());
        assertThat(marked).as("dispatch " + e.getKey() + " was marked delivered in run "
            + before.run() + " and yet handed over again").doesNotContain(
                before.run() + " " + e.getKey());
        repeats++;
      }
    }
    int kills = atRandom + beforeHandOver + afterHandOver;
    assertThat(kills).isGreaterThanOrEqualTo(10);
    System.out.printf(Locale.ROOT, "crash test on %s: %d kills (%d at random points of the "
        + "log, %d after a commit and before its hand-over, %d between a hand-over and its "
        + "marking), %d restarts, %d dispatches handed over from the outbox by a restarted "
        + "process, %d repeated hand-overs (all in that window); %d ops, %d customers, %d "
        + "dispatches; the uninterrupted run took %.1f s, the whole test %.1f s%n", database,
        kills, atRandom, beforeHandOver, afterHandOver, run - 1, recovered, repeats, ops,
        CUSTOMERS, cleanIds.size(), cleanNanos / 1e9, (System.nanoTime() - began) / 1e9);
  }
}
