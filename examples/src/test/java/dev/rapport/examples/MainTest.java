package dev.rapport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.examples.sim.Simulation;
import dev.rapport.report.DashboardReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path dir;

  /** What one run of the command did. */
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
  void simulates_prints_the_dashboard_and_writes_a_self_contained_html_report()
      throws IOException {
    Path report = dir.resolve("reports").resolve("rapport.html");

    Run r = run("--customers", "300", "--days", "30", "--report", report.toString(), "--quiet");

    assertThat(r.status()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).contains("Rapport demo: three businesses", "Rapport dashboard",
        "300 customers", "NORTH STAR", "METRICS", "GUARDRAILS", "JOURNEYS",
        "MOMENTS THAT MATTER", "ENGAGEMENT LEVELS", "LIFECYCLE STAGES", "EXPERIMENTS",
        "SURVEY THEMES");
    assertThat(r.out()).contains("▸ onboarding", "▸ at-risk", "▸ second-purchase",
        "▸ win-back", "▸ billing");
    assertThat(r.out()).contains("activation", "unsubscribe_rate", "send(welcome)",
        "split(incentive-copy)");
    assertThat(r.out()).containsPattern("Simulated 300 customers over 30 days: [0-9,]+ events, "
        + "[0-9,]+ messages sent, in [0-9.]+ s");
    assertThat(r.out()).contains("HTML report: " + report.toAbsolutePath());
    String html = Files.readString(report, StandardCharsets.UTF_8);
    assertThat(html).startsWith("<!doctype html>").contains("<svg", "</html>")
        .doesNotContain("<script", "http://", "https://");
  }

  @Test
  void shows_progress_unless_quiet() {
    Path report = dir.resolve("r.html");

    Run r = run("--customers", "40", "--days", "25", "--seed", "7", "--report",
        report.toString());

    assertThat(r.status()).isZero();
    assertThat(r.err()).contains("Simulating 40 customers over 25 days (seed 7)...",
        "day  10 of 25", "day  20 of 25").containsPattern("events +[0-9,]+ messages sent");
    assertThat(r.out()).contains("JOURNEYS").doesNotContain("Simulating");
  }

  @Test

  void progress_starts_on_the_first_day() {
    Path report = dir.resolve("r.html");

    Run r = run("--customers", "40", "--days", "25", "--seed", "7", "--report",
        report.toString());

    assertThat(r.err()).contains("day   0 of 25");
  }

  @Test
  void the_same_seed_gives_the_same_dashboard() {
    Simulation.Result first = new Simulation(300, 30, 42, null).run();

    Simulation.Result second = new Simulation(300, 30, 42, null).run();

    assertThat(DashboardReport.text(second.dashboard()))
        .isEqualTo(DashboardReport.text(first.dashboard()));
    assertThat(second.events()).isEqualTo(first.events());
    assertThat(second.dispatches()).isEqualTo(first.dispatches());
    assertThat(first.dispatches()).isPositive();
  }

  @Test
  void the_same_seed_prints_the_same_output_apart_from_the_elapsed_time() {
    Path report = dir.resolve("r.html");
    String[] args = {"--customers", "120", "--days", "20", "--seed", "3", "--report",
        report.toString(), "--quiet"};

    Run first = run(args);
    Run second = run(args);

    assertThat(withoutElapsedTime(second.out())).isEqualTo(withoutElapsedTime(first.out()));
  }

  private static String withoutElapsedTime(String out) {
    return out.replaceAll("in [0-9.]+ s", "in ? s");
  }

  @Test
  void another_seed_gives_another_population() {
    String first = DashboardReport.text(new Simulation(120, 20, 1, null).run().dashboard());

    String second = DashboardReport.text(new Simulation(120, 20, 2, null).run().dashboard());

    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void rejects_no_customers() {
    Run r = run("--customers", "0");

    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("rapport: --customers needs a whole number of 1 or more; "
        + "got '0'", "usage: rapport");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void rejects_days_that_are_not_a_number() {
    Run r = run("--days", "x");

    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("rapport: --days needs a whole number of 1 or more; got 'x'");
  }

  @Test
  void rejects_a_seed_that_is_not_a_number() {
    Run r = run("--seed", "forty-two");

    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("rapport: --seed needs a whole number; got 'forty-two'");
  }

  @Test
  void rejects_an_option_without_its_value() {
    Run r = run("--report");

    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("rapport: --report needs a value");
  }

  @Test
  void rejects_an_unknown_option() {
    Run r = run("--colour", "blue");

    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("rapport: unknown option '--colour'", "usage: rapport",
        "--events FILE");
  }

  @Test
  void rejects_an_events_file_that_does_not_exist() {
    Path missing = dir.resolve("missing.csv");

    Run r = run("--events", missing.toString());

    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("rapport: --events: cannot read '" + missing + "'");
  }

  @Test
  void prints_the_usage_on_help() {
    Run r = run("--help");

    assertThat(r.status()).isZero();
    assertThat(r.out()).startsWith("usage: rapport").contains("--customers N", "--days D",
        "--seed S", "--report FILE", "--events FILE", "--quiet");
  }

  @Test
  void replays_an_events_file_and_reports_the_lines_it_rejected() throws IOException {
    Path events = dir.resolve("events.csv");
    Files.writeString(events, String.join("\n",
        "customer_id,type,time,sku",
        "c-1,signed_up,2026-01-05T09:00:00Z,",
        "c-1,purchased,2026-01-05T10:00:00Z,grinder",
        ",purchased,2026-01-05T11:00:00Z,beans",
        "c-2,purchased,yesterday,beans",
        "c-2,purchased,2026-01-06T09:00:00Z,beans", ""), StandardCharsets.UTF_8);
    Path report = dir.resolve("replay.html");

    Run r = run("--events", events.toString(), "--report", report.toString(), "--quiet");

    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("JOURNEYS", "▸ onboarding",
        "Replayed " + events + ": 5 lines read, 3 events taken, 2 lines rejected, "
            + "2 customers",
        "Rejected lines, by reason:",
        "anonymous (no customer_id) (first at line [4])",
        "malformed: time is not an ISO-8601 instant (first at line [5])");
    assertThat(Files.readString(report)).startsWith("<!doctype html>");
  }

  @Test
  void an_events_file_in_no_known_format_fails_with_status_one() throws IOException {
    Path events = dir.resolve("events.csv");
    Files.writeString(events, "who,what,when\nc-1,signed_up,2026-01-05T09:00:00Z\n");

    Run r = run("--events", events.toString(), "--report", dir.resolve("r.html").toString(),
        "--quiet");

    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("unknown header 'who,what,when'");
  }
}
