package dev.rapport.examples.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnlineRetailCsvTest {
  private final List<OnlineRetailCsv.Row> rows = new ArrayList<>();
  private final Rejections rejections = new Rejections();

  private long read(String text) throws IOException {
    return OnlineRetailCsv.read(new BufferedReader(new StringReader(text)), rows::add,
        rejections);
  }

  @Test
  void reads_plain_quoted_and_cancelled_rows() throws IOException {
    long lines = read(OnlineRetailCsv.HEADER + "\n"
        + "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,"
        + "United Kingdom\n"
        + "536381,82567,\"AIRLINE LOUNGE,METAL SIGN\",2,2010-12-01 09:41:00,2.1,15311.0,"
        + "United Kingdom\n"
        + "536477,22041,\"RECORD FRAME 7\"\" SINGLE SIZE \",48,2011-07-01 12:27:00,2.1,16210.0,"
        + "France\r\n"
        + "C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527,United Kingdom\n");

    assertThat(lines).isEqualTo(4);
    assertThat(rejections.total()).isZero();
    assertThat(rows).extracting(OnlineRetailCsv.Row::line).containsExactly(2L, 3L, 4L, 5L);
    OnlineRetailCsv.Row first = rows.get(0);
    assertThat(first).isEqualTo(new OnlineRetailCsv.Row(2, "536365", "85123A",
        "WHITE HANGING HEART T-LIGHT HOLDER", 6, Instant.parse("2010-12-01T08:26:00Z"),
        new BigDecimal("2.55"), "17850", "United Kingdom"));
    assertThat(rows.get(1).description()).isEqualTo("AIRLINE LOUNGE,METAL SIGN");
    assertThat(rows.get(2).description()).isEqualTo("RECORD FRAME 7\" SINGLE SIZE");
    assertThat(rows.get(2).country()).isEqualTo("France");
    // British Summer Time: 12:27 in London is 11:27 UTC
    assertThat(rows.get(2).time()).isEqualTo(Instant.parse("2011-07-01T11:27:00Z"));
    assertThat(rows.get(3).cancellation()).isTrue();
    assertThat(rows.get(3).quantity()).isEqualTo(-1);
    assertThat(rows.get(3).customerId()).isEqualTo("14527");
  }

  @Test
  void counts_anonymous_and_malformed_rows_by_reason_with_their_lines() throws IOException {
    long lines = read(OnlineRetailCsv.HEADER + "\n"
        + "536414,22139,,56,2010-12-01 11:52:00,0.0,,United Kingdom\n"
        + "536415,22139,x,many,2010-12-01 11:52:00,1.0,12345.0,United Kingdom\n"
        + "536416,22139,x,1,01/12/2010 11:52,1.0,12345.0,United Kingdom\n"
        + "536417,22139,x,1,2010-12-01 11:52:00,1.0,12345.0\n"
        + "536418,22139,x,1,2010-12-01 11:52:00,1.0,abc,United Kingdom\n"
        + "536419,22139,\"never closed,1,2010-12-01 11:52:00,1.0,12345.0,United Kingdom\n"
        + "536420,22139,ok,1,2010-12-01 11:52:00,1.0,12345.0,United Kingdom\n"
        + ",22139,x,1,2010-12-01 11:52:00,1.0,12345.0,United Kingdom\n"
        + "536421, ,x,1,2010-12-01 11:52:00,1.0,12345.0,United Kingdom\n"
        + "536422,22139,x,1,2010-12-01 11:52:00,£1,12345.0,United Kingdom\n"
        + "536423,22139,x,1,2011-02-29 11:52:00,1.0,12345.5,United Kingdom\n"
        + "536424,22139,x,1,2011-02-29 11:52:00,1.0,12345.0,United Kingdom\n");

    assertThat(lines).isEqualTo(12);
    assertThat(rejections.byReason()).containsOnly(
        entry(OnlineRetailCsv.ANONYMOUS, 1L),
        entry("malformed: Quantity is not a whole number", 1L),
        entry("malformed: InvoiceDate is not yyyy-MM-dd HH:mm:ss", 2L),
        entry("malformed: 7 fields instead of 8", 1L),
        entry("malformed: CustomerID is not a whole number", 2L),
        entry("malformed: unclosed quote", 1L),
        entry("malformed: blank InvoiceNo", 1L),
        entry("malformed: blank StockCode", 1L),
        entry("malformed: UnitPrice is not a number", 1L));
    assertThat(rejections.firstLines(OnlineRetailCsv.ANONYMOUS)).containsExactly(2L);
    assertThat(rejections.firstLines("malformed: unclosed quote")).containsExactly(7L);
    assertThat(rejections.firstLines("malformed: CustomerID is not a whole number"))
        .containsExactly(6L, 12L);
    // 2011 is no leap year: the date is refused, not moved to the 28th
    assertThat(rejections.firstLines("malformed: InvoiceDate is not yyyy-MM-dd HH:mm:ss"))
        .containsExactly(4L, 13L);
    // a quote never closed costs its own line only
    assertThat(rows).extracting(OnlineRetailCsv.Row::line).containsExactly(8L);
  }

  @Test
  void holds_one_row_per_line_so_a_quoted_line_break_breaks_both_lines() throws IOException {
    long lines = read(OnlineRetailCsv.HEADER + "\n"
        + "536381,82567,\"AIRLINE LOUNGE\n"
        + "METAL SIGN\",2,2010-12-01 09:41:00,2.1,15311.0,United Kingdom\n"
        + "536382,82567,SIGN,2,2010-12-01 09:41:00,2.1,15311.0,United Kingdom\n");

    assertThat(lines).isEqualTo(3);
    assertThat(rejections.firstLines("malformed: unclosed quote")).containsExactly(2L);
    // the rest of the description is read as a line of its own, a quote inside a field literal
    assertThat(rejections.firstLines("malformed: 6 fields instead of 8")).containsExactly(3L);
    assertThat(rows).extracting(OnlineRetailCsv.Row::line).containsExactly(4L);
  }

  @Test
  void skips_blank_lines_and_keeps_counting_them_in_line_numbers() throws IOException {
    long lines = read("\uFEFF" + OnlineRetailCsv.HEADER + "\n\n   \n"
        + "536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n\n"
        + "536366,22633,WARMER,6,2010-12-01 08:28:00,1.85,17850.0,United Kingdom");

    assertThat(lines).isEqualTo(2);
    assertThat(rows).extracting(OnlineRetailCsv.Row::line).containsExactly(4L, 6L);
  }

  @Test
  void refuses_a_text_with_another_header() {
    assertThatThrownBy(() -> read("a,b,c\n1,2,3\n")).isInstanceOf(IOException.class)
        .hasMessage("not the online-retail log: the first line is 'a,b,c'; expected "
            + OnlineRetailCsv.HEADER);
  }

  @Test
  void refuses_an_empty_text() {
    assertThatThrownBy(() -> read("")).isInstanceOf(IOException.class)
        .hasMessage("not the online-retail log: the first line is missing; expected "
            + OnlineRetailCsv.HEADER);
  }

  @Test
  void a_customer_id_is_read_as_the_whole_number_it_writes_in_any_shape() {
    assertThat(OnlineRetailCsv.wholeNumber("17850.0")).isEqualTo("17850");
    assertThat(OnlineRetailCsv.wholeNumber("17850")).isEqualTo("17850");
    assertThat(OnlineRetailCsv.wholeNumber("017850")).isEqualTo("17850");
    assertThat(OnlineRetailCsv.wholeNumber("17850.00")).isEqualTo("17850");
    assertThat(OnlineRetailCsv.wholeNumber("1.785E4")).isEqualTo("17850");
    assertThat(OnlineRetailCsv.wholeNumber("0")).isEqualTo("0");
    assertThat(OnlineRetailCsv.wholeNumber("-3.0")).isEqualTo("-3");
    assertThat(OnlineRetailCsv.wholeNumber("17850.5")).isNull();
    assertThat(OnlineRetailCsv.wholeNumber("1785O")).isNull();
    assertThat(OnlineRetailCsv.wholeNumber(".0")).isEqualTo("0");
    assertThat(OnlineRetailCsv.wholeNumber("")).isNull();
  }
}
