package dev.rapport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main command with {@code --store}: its state in a database, continued when run again. */
class MainStoreTest {
  @TempDir Path dir;

  private record Run(int status, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = Main.run(args, o, e);
    }
    return new Run(status, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void keeps_the_state_in_the_database_and_continues_when_run_again() {
    String db = dir.resolve("rapport-db").toAbsolutePath().toString();
    String[] args = {"--customers", "30", "--days", "8", "--store", "jdbc:h2:file:" + db,
        "--report", dir.resolve("report.html").toString(), "--quiet"};

    Run first = run(args);
    Run second = run(args);

    assertThat(first.status()).as(first.err()).isZero();
    assertThat(first.err()).contains("Keeping the engine's state in JDBC store jdbc:h2:file:"
        + db);
    assertThat(first.out()).containsPattern("Simulated 30 customers over 8 days: [0-9,]+ "
        + "events, [1-9][0-9,]* messages sent");
    assertThat(second.status()).as(second.err()).isZero();
    assertThat(second.err()).contains("Continuing the run kept in JDBC store jdbc:h2:file:" + db
        + " (30 customers)");
    assertThat(second.out()).as("a run that had ended sends nothing more")
        .containsPattern("Simulated 30 customers over 8 days: [0-9,]+ events, 0 messages sent");
  }

  @Test
  void rejects_a_store_that_is_not_a_jdbc_url() {
    Run r = run("--store", "target/rapport-db");

    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith("rapport: Invalid value for option '--store': "
        + "'target/rapport-db' is not a JDBC URL; give one such as "
        + "jdbc:h2:file:./target/rapport-db\n");
  }

  @Test
  void a_database_that_cannot_be_reached_fails_with_status_one_naming_what_to_check() {
    Run r = run("--customers", "5", "--days", "2", "--quiet", "--store",
        "jdbc:postgresql://127.0.0.1:1/rapport");

    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).startsWith("rapport: JDBC store: cannot connect to the database "
        + "through the DataSource given (SQL state 08001")
        .contains("check that the database is running and reachable")
        .doesNotContain("\tat ");
    assertThat(r.out()).isEmpty();
  }
}
