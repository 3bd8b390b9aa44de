package dev.rapport.benchmarks.retail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetailCsvTest {
  private static RetailCsv.Stats read(String text, List<RetailCsv.Row> rows) throws IOException {
    return RetailCsv.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        rows::add);
  }

  @Test
  void readsPlainQuotedAndCancelledRows() throws IOException {
    List<RetailCsv.Row> rows = new ArrayList<>();
    RetailCsv.Stats stats = read(RetailCsv.HEADER + "\n"
        + "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,"
        + "United Kingdom\n"
        + "536381,82567,\"AIRLINE LOUNGE,METAL SIGN\",2,2010-12-01 09:41:00,2.1,15311.0,"
        + "United Kingdom\n"
        + "536477,22041,\"RECORD FRAME 7\"\" SINGLE SIZE \",48,2011-07-01 12:27:00,2.1,16210.0,"
        + "France\r\n"
        + "C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527.0,United Kingdom\n", rows);

    assertThat(stats.rows()).isEqualTo(4);
    assertThat(stats.malformed()).isZero();
    assertThat(rows.get(0).customerId()).isEqualTo("17850");
    assertThat(rows.get(0).time()).isEqualTo(Instant.parse("2010-12-01T08:26:00Z"));
    assertThat(rows.get(1).description()).isEqualTo("AIRLINE LOUNGE,METAL SIGN");
    assertThat(rows.get(2).description()).isEqualTo("RECORD FRAME 7\" SINGLE SIZE");
    assertThat(rows.get(2).country()).isEqualTo("France");
    // British Summer Time: 12:27 in London is 11:27 UTC
    assertThat(rows.get(2).time()).isEqualTo(Instant.parse("2011-07-01T11:27:00Z"));
    assertThat(rows.get(3).cancellation()).isTrue();
    assertThat(rows.get(3).quantity()).isEqualTo(-1);
  }

  @Test
  void countsAnonymousAndMalformedRowsByReason() throws IOException {
    List<RetailCsv.Row> rows = new ArrayList<>();
    RetailCsv.Stats stats = read(RetailCsv.HEADER + "\n"
        + "536414,22139,,56,2010-12-01 11:52:00,0.0,,United Kingdom\n"
        + "536415,22139,x,many,2010-12-01 11:52:00,1.0,12345.0,United Kingdom\n"
        + "536416,22139,x,1,01/12/2010 11:52,1.0,12345.0,United Kingdom\n"
        + "536417,22139,x,1,2010-12-01 11:52:00,1.0,12345.0\n"
        + "536418,22139,x,1,2010-12-01 11:52:00,1.0,abc,United Kingdom\n"
        + "536419,22139,\"never closed,1,2010-12-01 11:52:00,1.0,12345.0,United Kingdom\n"
        + "536420,22139,ok,1,2010-12-01 11:52:00,1.0,12345.0,United Kingdom\n", rows);

    assertThat(stats.anonymous()).isEqualTo(1);
    assertThat(stats.malformed()).isEqualTo(5);
    assertThat(stats.malformedByReason()).containsOnlyKeys(
        "Quantity is not a whole number", "InvoiceDate is not yyyy-MM-dd HH:mm:ss",
        "expected 8 fields, found 7", "CustomerID is not a whole number", "unterminated quote");
    assertThat(stats.malformedByReason().get("Quantity is not a whole number")[1])
        .isEqualTo(3);
    // the unterminated quote swallows the following lines, up to the end of the file here
    assertThat(rows).isEmpty();
  }

  @Test
  void refusesAFileWithAnotherHeader() {
    assertThatThrownBy(() -> read("a,b,c\n1,2,3\n", new ArrayList<>()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not the online-retail log");
  }
}
