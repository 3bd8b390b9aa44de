package dev.rapport.examples.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.rapport.core.Event;
import dev.rapport.report.DashboardReport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {
  @TempDir Path dir;

  /** What a source read from a file. */
  private record Read(long lines, List<Event> events, Rejections rejections) {}

  private static Read read(Path file) throws IOException {
    List<Event> events = new ArrayList<>();
    Rejections rejections = new Rejections();
    long lines = EventSource.open(file).read(new dev.rapport.core.engine.Replay.Sink() {
      @Override
      public void event(long line, Event event) {
        events.add(event);
      }

      @Override
      public void reject(long line, String reason) {
        rejections.reject(line, reason);
      }
    });
    return new Read(lines, events, rejections);
  }

  private Path write(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file;
  }

  private Path gzip(Path plain, String name) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(Files.readAllBytes(plain));
    }
    return file;
  }

  // ---------------------------------------------------------------------- online retail

  private Path onlineRetail(String name) throws IOException {
    return write(name,
        OnlineRetailSource.HEADER,
        "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,"
            + "United Kingdom",
        "536366,22633,\"HAND WARMER, UNION JACK\",6,2010-12-01 08:28:00,1.85,17850.0,"
            + "United Kingdom",
        "C536379,D,Discount,-1,2010-12-01 09:41:00,27.50,14527.0,United Kingdom",
        "536414,22139,,56,2010-12-01 11:52:00,0.0,,United Kingdom",
        "536415,22140,BAD DATE,1,01/12/2010 11:52,1.00,12345.0,France",
        "536416,22141,\"UNCLOSED QUOTE,1,2010-12-01 11:53:00,1.00,12345.0,France",
        "536417,22142,TOO FEW,1,2010-12-01 11:54:00",
        "536418,22143,BAD PRICE,1,2010-12-01 12:00:00,abc,12346.0,France",
        "562000,23084,\"RABBIT NIGHT LIGHT\",12,2011-08-01 12:00:00,1.79,13047.0,"
            + "United Kingdom");
  }

  @Test
  void reads_the_online_retail_csv_and_counts_rejected_lines_by_reason() throws IOException {
    Path file = onlineRetail("retail.csv");

    Read r = read(file);

    assertThat(r.lines()).isEqualTo(9);
    assertThat(r.events()).extracting(e -> e.customer().value(), Event::type, Event::id)
        .containsExactly(
            tuple("17850", "purchased", "line-2"),
            tuple("17850", "purchased", "line-3"),
            tuple("14527", "order_cancelled", "line-4"),
            tuple("13047", "purchased", "line-10"));
    assertThat(r.rejections().total()).isEqualTo(5);
    assertThat(r.rejections().byReason()).containsOnly(
        entry("anonymous (no CustomerID)", 1L),
        entry("malformed: InvoiceDate is not yyyy-MM-dd HH:mm:ss", 1L),
        entry("malformed: unclosed quote", 1L),
        entry("malformed: 5 fields instead of 8", 1L),
        entry("malformed: UnitPrice is not a number", 1L));
    assertThat(r.rejections().toString()).contains(
        "anonymous (no CustomerID) (first at line [5])",
        "malformed: InvoiceDate is not yyyy-MM-dd HH:mm:ss (first at line [6])",
        "malformed: unclosed quote (first at line [7])",
        "malformed: 5 fields instead of 8 (first at line [8])",
        "malformed: UnitPrice is not a number (first at line [9])");
  }

  @Test
  void an_online_retail_line_becomes_an_event_with_its_item_as_properties() throws IOException {
    Path file = onlineRetail("retail.csv");

    Read r = read(file);

    Event first = r.events().get(0);
    assertThat(first.time()).isEqualTo(Instant.parse("2010-12-01T08:26:00Z"));
    assertThat(first.properties().asMap()).containsOnly(
        entry("invoice", "536365"), entry("sku", "85123A"), entry("quantity", 6L),
        entry("unit_price", 2.55), entry("total", 15.3), entry("country", "United Kingdom"));
    assertThat(r.events().get(1).properties().get("sku")).isEqualTo("22633");
    Event cancelled = r.events().get(2);
    assertThat(cancelled.properties().asMap()).contains(entry("invoice", "C536379"),
        entry("quantity", -1L), entry("total", -27.5));
    // dates are UK local time: summer time in August
    assertThat(r.events().get(3).time()).isEqualTo(Instant.parse("2011-08-01T11:00:00Z"));
  }

  @Test
  void reads_a_gzip_copy_of_the_online_retail_csv_the_same_way() throws IOException {
    Path plain = onlineRetail("retail.csv");
    Path gz = gzip(plain, "retail.csv.gz");

    Read zipped = read(gz);

    Read unzipped = read(plain);
    assertThat(EventSource.open(gz)).isInstanceOf(OnlineRetailSource.class);
    assertThat(zipped.lines()).isEqualTo(unzipped.lines());
    assertThat(zipped.events()).isEqualTo(unzipped.events());
    assertThat(zipped.rejections().byReason()).isEqualTo(unzipped.rejections().byReason());
  }

  @Test
  void replays_the_online_retail_csv_through_the_program() throws IOException {
    Path gz = gzip(onlineRetail("retail.csv"), "retail.csv.gz");

    Replay.Result r = new Replay(gz, null).run();

    assertThat(r.lines()).isEqualTo(9);
    assertThat(r.events()).isEqualTo(4);
    assertThat(r.rejections().total()).isEqualTo(5);
    assertThat(r.customers()).isEqualTo(3);
    assertThat(r.engine().customer("17850").orElseThrow().count("purchased")).isEqualTo(2);
    assertThat(r.engine().customer("14527").orElseThrow().count("order_cancelled"))
        .isEqualTo(1);
    assertThat(r.engine().customer("12345")).isEmpty();
    assertThat(DashboardReport.text(r.dashboard())).contains("second-purchase");
  }

  // ------------------------------------------------------------------------- simple CSV

  private Path simpleCsv() throws IOException {
    return write("events.csv",
        "customer_id,type,time,id,sku,total,note",
        "c-1,purchased,2026-01-05T09:00:00Z,o-1,grinder,89.5,\"first, with a comma\"",
        "c-2,signed_up,2026-01-05T10:00:00Z,,,,",
        ",purchased,2026-01-05T11:00:00Z,o-3,beans,12,",
        "c-3,purchased,yesterday,o-4,beans,12,",
        "c-4,purchased,2026-01-05T12:00:00Z,o-5,beans",
        "",
        "c-5,purchased,2026-01-06T09:00:00Z,o-6,beans,7,-");
  }

  @Test
  void reads_the_simple_csv_with_extra_columns_as_properties() throws IOException {
    Path file = simpleCsv();

    Read r = read(file);

    assertThat(EventSource.open(file)).isInstanceOf(SimpleCsvSource.class);
    assertThat(r.lines()).isEqualTo(6);
    assertThat(r.events()).extracting(e -> e.customer().value()).containsExactly("c-1", "c-2",
        "c-5");
    Event first = r.events().get(0);
    assertThat(first.id()).isEqualTo("o-1");
    assertThat(first.type()).isEqualTo("purchased");
    assertThat(first.time()).isEqualTo(Instant.parse("2026-01-05T09:00:00Z"));
    assertThat(first.properties().asMap()).containsOnly(entry("sku", "grinder"),
        entry("total", 89.5), entry("note", "first, with a comma"));
    assertThat(r.events().get(1).properties().isEmpty()).isTrue();
    assertThat(r.events().get(1).hasDerivedId()).isTrue();
    assertThat(r.events().get(2).properties().asMap()).containsOnly(entry("sku", "beans"),
        entry("total", 7L), entry("note", "-"));
  }

  @Test
  void counts_the_simple_csvs_rejected_lines_with_their_line_numbers() throws IOException {
    Path file = simpleCsv();

    Read r = read(file);

    assertThat(r.rejections().byReason()).containsOnly(
        entry("anonymous (no customer_id)", 1L),
        entry("malformed: time is not an ISO-8601 instant", 1L),
        entry("malformed: 5 fields instead of 7", 1L));
    assertThat(r.rejections().toString()).contains(
        "anonymous (no customer_id) (first at line [4])",
        "malformed: time is not an ISO-8601 instant (first at line [5])",
        "malformed: 5 fields instead of 7 (first at line [6])");
  }

  @Test
  void replays_the_simple_csv() throws IOException {
    Path file = simpleCsv();

    Replay.Result r = new Replay(file, null).run();

    assertThat(r.lines()).isEqualTo(6);
    assertThat(r.events()).isEqualTo(3);
    assertThat(r.rejections().total()).isEqualTo(3);
    assertThat(r.customers()).isEqualTo(3);
    assertThat(r.engine().customer("c-2").orElseThrow().hasDone("signed_up")).isTrue();
  }

  @Test
  void refuses_a_csv_without_the_columns_it_needs() throws IOException {
    Path file = write("other.csv", "who,what,when", "c-1,signed_up,2026-01-05T09:00:00Z");

    assertThatThrownBy(() -> EventSource.open(file)).isInstanceOf(IOException.class)
        .hasMessageContaining("unknown header 'who,what,when'")
        .hasMessageContaining("customer_id,type,time");
  }

  @Test
  void refuses_an_empty_file() throws IOException {
    Path file = dir.resolve("empty.csv");
    Files.writeString(file, "");

    assertThatThrownBy(() -> EventSource.open(file)).isInstanceOf(IOException.class)
        .hasMessageContaining("is empty");
  }

  // ------------------------------------------------------------------------ JSON lines

  private Path jsonLines() throws IOException {
    return write("events.jsonl",
        "{\"customer\": \"c-1\", \"type\": \"purchased\", \"time\": \"2026-01-05T09:00:00Z\", "
            + "\"id\": \"o-1\", \"properties\": {\"sku\": \"grinder\", \"total\": 89.5, "
            + "\"quantity\": 2, \"gift\": true, \"tags\": [\"a\", \"b\"], "
            + "\"note\": \"say \\\"hi\\\"\\nthen caf\\u00e9 \\\\ done\", \"nothing\": null}}",
        "{\"customer\":\"c-2\",\"type\":\"signed_up\",\"time\":\"2026-01-05T10:00:00Z\"}",
        "{\"type\": \"purchased\", \"time\": \"2026-01-05T11:00:00Z\"}",
        "{\"customer\": \"c-3\", \"type\": \"purchased\", \"time\": ",
        "",
        "[1, 2]",
        "{\"customer\": \"c-4\", \"type\": \"purchased\", \"time\": \"noon\"}",
        "{\"customer\": \"c-5\", \"type\": \"purchased\"}",
        "  {\"customer\": \"c-6\", \"type\": \"logged_in\", \"time\": \"2026-01-06T08:00:00Z\"}  ");
  }

  @Test
  void reads_json_lines_with_their_properties_and_escapes() throws IOException {
    Path file = jsonLines();

    Read r = read(file);

    assertThat(EventSource.open(file)).isInstanceOf(JsonLinesSource.class);
    assertThat(r.lines()).isEqualTo(8);
    assertThat(r.events()).extracting(e -> e.customer().value()).containsExactly("c-1", "c-2",
        "c-6");
    Event first = r.events().get(0);
    assertThat(first.id()).isEqualTo("o-1");
    assertThat(first.time()).isEqualTo(Instant.parse("2026-01-05T09:00:00Z"));
    assertThat(first.properties().asMap()).containsOnly(entry("sku", "grinder"),
        entry("total", 89.5), entry("quantity", 2L), entry("gift", true),
        entry("tags", List.of("a", "b")), entry("note", "say \"hi\"\nthen café \\ done"));
    assertThat(r.events().get(1).type()).isEqualTo("signed_up");
  }

  @Test
  void counts_the_json_lines_rejected_with_their_reasons() throws IOException {
    Path file = jsonLines();

    Read r = read(file);

    assertThat(r.rejections().total()).isEqualTo(5);
    Map<String, Long> reasons = r.rejections().byReason();
    assertThat(reasons).contains(entry("anonymous (no customer)", 1L),
        entry("malformed: a line must be a JSON object", 1L),
        entry("malformed: time is not an ISO-8601 instant", 1L),
        entry("malformed: no time", 1L));
    assertThat(reasons.keySet()).filteredOn(k -> k.startsWith("malformed JSON: ")).hasSize(1);
    assertThat(r.rejections().toString()).contains(
        "anonymous (no customer) (first at line [3])",
        "(first at line [4])",
        "malformed: a line must be a JSON object (first at line [6])",
        "malformed: time is not an ISO-8601 instant (first at line [7])",
        "malformed: no time (first at line [8])");
  }

  @Test
  void reads_gzipped_json_lines() throws IOException {
    Path gz = gzip(jsonLines(), "events.jsonl.gz");

    Read r = read(gz);

    assertThat(EventSource.open(gz)).isInstanceOf(JsonLinesSource.class);
    assertThat(r.events()).hasSize(3);
    assertThat(r.rejections().total()).isEqualTo(5);
  }

  @Test
  void replays_json_lines() throws IOException {
    Path file = jsonLines();

    Replay.Result r = new Replay(file, null).run();

    assertThat(r.lines()).isEqualTo(8);
    assertThat(r.events()).isEqualTo(3);
    assertThat(r.rejections().total()).isEqualTo(5);
    assertThat(r.customers()).isEqualTo(3);
    assertThat(r.engine().customer("c-1").orElseThrow().hasDone("purchased",
        p -> "grinder".equals(p.get("sku")))).isTrue();
  }

  @Test

  void rejects_a_json_line_without_a_type() throws IOException {
    Path file = write("untyped.jsonl",
        "{\"customer\": \"c-1\", \"time\": \"2026-01-05T09:00:00Z\"}",
        "{\"customer\": \"c-2\", \"type\": 42, \"time\": \"2026-01-05T09:00:00Z\"}");

    Read r = read(file);

    assertThat(r.events()).isEmpty();
    assertThat(r.rejections().byReason()).containsOnly(
        Map.entry("malformed: type is missing", 1L),
        Map.entry("malformed: type is not a string", 1L));
  }
}
