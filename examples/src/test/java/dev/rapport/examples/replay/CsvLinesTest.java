package dev.rapport.examples.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** A line is read as Commons CSV reads it alone, whether or not it holds a quote. */
class CsvLinesTest {
  @Property(tries = 2_000)
  void aLineReadsAsCommonsCsvReadsIt(@ForAll("lines") String line) throws IOException {
    assertThat(CsvLines.fields(line)).isEqualTo(commons(line));
  }

  @Test
  void theEdgesOfALineWithoutQuotes() throws IOException {
    for (String line : List.of(",", "a,", ",a", ",,", "a", " a , b ", "a,,b", "\t,x")) {
      assertThat(CsvLines.fields(line)).as(line).isEqualTo(commons(line));
    }
  }

  @Test
  void eachLineIsARecordAndALineLeftOpenCostsOnlyItself() throws IOException {
    String text = "a,b\n\n\"c,d\",e\n\"open,f\nx,\"y\"\"z\"\n";
    List<String> seen = new ArrayList<>();
    Rejections rejections = new Rejections();
    long read = CsvLines.read(new BufferedReader(new StringReader(text)), 1, rejections,
        (line, fields) -> seen.add(line + ":" + fields));

    assertThat(read).isEqualTo(4);
    assertThat(seen).containsExactly("2:[a, b]", "4:[c,d, e]", "6:[x, y\"z]");
    assertThat(rejections.total()).isEqualTo(1);
  }

  @Provide
  Arbitrary<String> lines() {
    return Arbitraries.strings().withChars(",\"ab 1.\t").ofMaxLength(12)
        .filter(s -> !s.isBlank());
  }

  /** What Commons CSV makes of the line alone; null where it fails (a quote left open). */
  private static List<String> commons(String line) throws IOException {
    try (CSVParser parser = CsvLines.FORMAT.parse(new StringReader(line))) {
      List<CSVRecord> records = parser.getRecords();
      return records.isEmpty() ? List.of() : records.get(0).toList();
    } catch (java.io.UncheckedIOException e) {
      return null;
    }
  }
}
