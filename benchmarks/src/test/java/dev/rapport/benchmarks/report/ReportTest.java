package dev.rapport.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  @TempDir Path dir;

  private Path write(String json) throws IOException {
    return Files.writeString(dir.resolve("nba.json"), json, StandardCharsets.UTF_8);
  }

  /** One entry as JMH 1.37 writes it with {@code -rf json}. */
  private static String entry(String method, String params, String score, String error,
      String unit, String secondary) {
    return "{\n"
        + "  \"jmhVersion\" : \"1.37\",\n"
        + "  \"benchmark\" : \"dev.rapport.benchmarks." + method + "\",\n"
        + "  \"mode\" : \"thrpt\",\n"
        + "  \"params\" : " + params + ",\n"
        + "  \"primaryMetric\" : {\n"
        + "    \"score\" : " + score + ",\n"
        + "    \"scoreError\" : " + error + ",\n"
        + "    \"scoreConfidence\" : [ 1.0, 2.0 ],\n"
        + "    \"scoreUnit\" : \"" + unit + "\",\n"
        + "    \"rawData\" : [ [ 1.0, 2.0 ] ]\n"
        + "  },\n"
        + "  \"secondaryMetrics\" : " + secondary + "\n"
        + "}";
  }

  /** One entry without secondary metrics. */
  private static String entry(String method, String params, String score, String error,
      String unit) {
    return entry(method, params, score, error, unit, "{ }");
  }

  @Test
  void reads_each_benchmarks_score_by_method_and_parameter() throws IOException {
    Path file = write("[" + String.join(",\n",
        entry("nba.NbaBenchmark.rapport", "{ \"rules\" : \"20\" }", "5123456.5", "51234.5",
            "ops/s"),
        entry("nba.NbaBenchmark.droolsReused", "{ \"rules\" : \"1000\" }", "812345.0",
            "\"NaN\"", "ops/s"),
        entry("JourneyBenchmark.track", "{ \"customers\" : \"100000\" }", "1.5E6", "NaN",
            "ops/s"),
        entry("TrackBenchmark.track", "{ }", "42.0", "1.0", "ops/s")) + "]");

    Map<String, Report.Score> scores = Report.jmh(file);

    assertThat(scores).containsOnlyKeys("rapport/20", "droolsReused/1000", "track/100000");
    assertThat(scores.get("rapport/20")).isEqualTo(new Report.Score(5123456.5, 51234.5));
    // JMH writes a missing error bar as the string "NaN", or as a bare NaN
    assertThat(scores.get("droolsReused/1000").error()).isNaN();
    assertThat(scores.get("track/100000").score()).isEqualTo(1_500_000);
    assertThat(scores.get("track/100000").error()).isNaN();
  }

  @Test
  void no_file_gives_no_scores() throws IOException {
    assertThat(Report.jmh(dir.resolve("journey.json"))).isEmpty();
  }

  @Test
  void a_file_that_is_not_json_fails_with_where_it_broke() throws IOException {
    Path file = write("[ { \"benchmark\" : \"x\", ");

    assertThatThrownBy(() -> Report.jmh(file)).isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("Unexpected end-of-input");
  }

  @Test
  void json_that_is_not_a_jmh_result_is_refused() throws IOException {
    Path object = write("{ \"benchmark\" : \"x\" }");

    assertThatThrownBy(() -> Report.jmh(object)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(object + ": not a JMH JSON result (expected an array)");

    Path noScore = write("[ { \"benchmark\" : \"x\", \"primaryMetric\" : { } } ]");

    assertThatThrownBy(() -> Report.jmh(noScore)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(noScore + ": not a JMH JSON result (an entry without benchmark or "
            + "primaryMetric.score)");
  }

  @Test
  void a_score_in_another_unit_is_refused() throws IOException {
    Path file = write("[" + entry("nba.NbaBenchmark.rapport", "{ \"rules\" : \"20\" }", "0.2",
        "0.01", "us/op") + "]");

    assertThatThrownBy(() -> Report.jmh(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ": dev.rapport.benchmarks.nba.NbaBenchmark.rapport is in us/op; the "
            + "report expects ops/s or ns/op");
  }

  @Test
  void a_single_shot_time_per_operation_becomes_a_rate_and_the_gc_profiler_an_allocation()
      throws IOException {
    Path file = write("[" + entry("TimerBenchmark.fire", "{ \"customers\" : \"100000\" }",
        "5000.0", "500.0", "ns/op", "{ \"gc.alloc.rate.norm\" : { \"score\" : 1234.5, "
            + "\"scoreUnit\" : \"B/op\" } }") + "]");

    Report.Score fire = Report.jmh(file).get("fire/100000");

    assertThat(fire.score()).isEqualTo(200_000);
    // the rates at 4,500 and 5,500 ns per operation, half their distance
    assertThat(fire.error()).isCloseTo((1e9 / 4500 - 1e9 / 5500) / 2,
        Offset.offset(1e-6));
    assertThat(fire.bytesPerOp()).isEqualTo(1234.5);
  }

  private static String durable(String store, String score) {
    return entry("DurableJourneyBenchmark.track", "{ \"callsPerCommit\" : \"100000\", "
        + "\"customers\" : \"20000\", \"store\" : \"" + store + "\" }", score, "NaN",
        "ops/s");
  }

  @Test
  void the_durable_stores_are_read_apart_from_the_in_memory_journeys_and_set_against_memory()
      throws IOException {
    Path folder = Files.createDirectory(dir.resolve("run"));
    Files.writeString(folder.resolve("durable.json"), "[" + String.join(",\n",
        durable("memory", "300000.0"), durable("h2-batch", "60000.0"),
        durable("postgresql-batch", "90000.0")) + "]", StandardCharsets.UTF_8);

    assertThat(Report.jmh(folder.resolve("durable.json"))).containsOnlyKeys(
        "durable/memory/20000/100000", "durable/h2-batch/20000/100000",
        "durable/postgresql-batch/20000/100000");

    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    java.io.PrintStream out = System.out;
    System.setOut(new java.io.PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      Report.main(new String[] {folder.toString()});
    } finally {
      System.setOut(out);
    }
    String table = printed.toString(StandardCharsets.UTF_8);
    assertThat(table).containsPattern("\\| In memory, 20,000 customers +\\| 300,000/s +\\|")
        .containsPattern("\\| H2 file, batches of 100,000 calls, 20,000 customers / in memory +"
            + "\\| 0\\.200x +\\| >= 0\\.25x +\\| NO +\\|")
        .containsPattern("\\| PostgreSQL, batches of 100,000 calls, 20,000 customers / in memory"
            + " +\\| 0\\.300x +\\| +\\| +\\|");
  }
}
