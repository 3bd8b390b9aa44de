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
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path dir;

  /** What one run of the command did. */
  private record Run(int status, String out, String err) {}

  private static Run run(String... args) {
    return run(false, args);
  }

  private static Run run(boolean terminal, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = Main.run(args, o, e, terminal);
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
  void shows_progress_as_plain_lines_when_the_output_is_not_a_terminal() {
    Path report = dir.resolve("r.html");

    Run r = run("--customers", "40", "--days", "25", "--seed", "7", "--report",
        report.toString());

    assertThat(r.status()).isZero();
    assertThat(r.err()).startsWith("Simulating 40 customers over 25 days (seed 7)...\n")
        .containsPattern("Simulating 100% \\[=+\\] 25/25 days \\([0-9:]+ / 0:00:00\\) "
            + "[0-9.?]+ days/s, [0-9,]+ events, [0-9,]+ sent\n")
        .doesNotContain("\r");
    assertThat(r.out()).contains("JOURNEYS").doesNotContain("Simulating");
  }

  @Test
  void draws_the_progress_bar_in_place_in_a_terminal() {
    Path report = dir.resolve("r.html");

    Run r = run(true, "--customers", "40", "--days", "25", "--report", report.toString());

    assertThat(r.status()).isZero();
    assertThat(r.err()).contains("\rSimulating 100% ").contains("25/25 days");
    // redrawn after carriage returns, on one line that the bar ends when it closes
    assertThat(r.err().split("\n")).filteredOn(l -> l.contains("%")).hasSize(1);
  }

  @Test
  void shows_no_progress_when_quiet() {
    Path report = dir.resolve("r.html");

    Run r = run("--customers", "40", "--days", "25", "--report", report.toString(), "-q");

    assertThat(r.status()).isZero();
    assertThat(r.err()).isEmpty();
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

  /** A bad option or value: status 2, the message and the usage on stderr, nothing else. */
  private static void assertRejected(Run r, String message) {
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith("rapport: " + message + "\n")
        .contains("usage: rapport [-qh] [-c=N] [-d=D] [-s=S] [-e=FILE] [-r=FILE]",
            "Try --help for what each option does and its default.")
        .doesNotContain("Exception", "\tat ");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void rejects_no_customers() {
    Run r = run("--customers", "0");

    assertRejected(r, "Invalid value for option '--customers': '0' is not a whole number of 1 "
        + "or more");
  }

  @Test
  void rejects_days_that_are_not_a_number() {
    Run r = run("--days", "x");

    assertRejected(r, "Invalid value for option '--days': 'x' is not a whole number of 1 or "
        + "more");
  }

  @Test
  void rejects_a_seed_that_is_not_a_number() {
    Run r = run("-s", "forty-two");

    assertRejected(r, "Invalid value for option '--seed': 'forty-two' is not a whole number");
  }

  @Test
  void rejects_an_option_without_its_value() {
    Run r = run("--report");

    assertRejected(r, "Missing required parameter for option '--report' (FILE)");
  }

  @Test
  void rejects_an_unknown_option_and_suggests_a_near_one() {
    Run r = run("--seeds", "7");

    assertRejected(r, "Unknown options: '--seeds', '7'");
    assertThat(r.err()).contains("Possible solutions: --seed");
  }

  @Test
  void rejects_an_events_file_that_does_not_exist() {
    Path missing = dir.resolve("missing.csv");

    Run r = run("--events", missing.toString());

    assertRejected(r, "Invalid value for option '--events': no file at '" + missing
        + "'; give the path of an events file");
  }

  @Test
  void rejects_an_events_path_that_is_a_folder() {
    Run r = run("--events", dir.toString());

    assertRejected(r, "Invalid value for option '--events': cannot read '" + dir
        + "'; give the path of a readable events file");
  }

  @Test
  void rejects_simulation_options_with_a_replay() throws IOException {
    Path events = Files.writeString(dir.resolve("events.csv"),
        "customer_id,type,time\nc-1,signed_up,2026-01-05T09:00:00Z\n");

    Run r = run("--events", events.toString(), "--days", "30");

    assertRejected(r, "--days shapes the simulation; a replay (--events) takes none of "
        + "--customers, --days or --seed");
  }

  @Test
  void lists_every_option_with_its_default_on_help() {
    Run r = run("--help");

    assertThat(r.status()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).startsWith("usage: rapport [-qh] [-c=N] [-d=D] [-s=S] [-e=FILE] "
        + "[-r=FILE] [--store=URL]\n");
    assertThat(r.out()).containsSubsequence(
        "-c, --customers=N", "(default: 3000)",
        "-d, --days=D", "(default: 90)",
        "-s, --seed=S", "(default: 42)",
        "-e, --events=FILE", "(default: none, simulate)",
        "-r, --report=FILE", "(default: target/rapport-report.html)",
        "--store=URL", "(default: none, in memory)",
        "-q, --quiet", "(default: shown)",
        "-h, --help",
        "-Dexec.args=\"--customers 10000 --seed 7\"");
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

  @Test
  void an_events_file_named_gz_that_is_not_gzip_fails_with_status_one_naming_it()
      throws IOException {
    Path events = Files.writeString(dir.resolve("events.csv.gz"),
        "customer_id,type,time\nc-1,signed_up,2026-01-05T09:00:00Z\n");

    Run r = run("--events", events.toString(), "--report", dir.resolve("r.html").toString(),
        "--quiet");

    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("rapport: " + events + " is not gzip-compressed (Not in GZIP "
        + "format); give a file that gunzip reads, or a name without .gz\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void an_events_file_that_breaks_off_fails_with_status_one_naming_it() throws IOException {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      gz.write("customer_id,type,time\n".getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < 5_000; i++) {
        gz.write(("c-" + i + ",signed_up,2026-01-05T09:00:00Z\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] bytes = zipped.toByteArray();
    Path events = Files.write(dir.resolve("events.csv.gz"),
        Arrays.copyOf(bytes, bytes.length - 40));

    Run r = run("--events", events.toString(), "--report", dir.resolve("r.html").toString(),
        "--quiet");

    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("rapport: " + events + ": Unexpected end of ZLIB input "
        + "stream\n");
  }

  @Test
  void a_report_that_cannot_be_written_fails_with_status_one_naming_it() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("reports"));

    Run r = run("--customers", "20", "--days", "5", "--report", folder.toString(), "--quiet");

    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("rapport: cannot write the HTML report to " + folder
        + " (Is a directory); give --report a file that can be written\n");
  }
}
