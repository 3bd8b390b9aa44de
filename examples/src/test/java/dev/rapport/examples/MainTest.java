package dev.rapport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void prints_each_customer_and_ignores_the_replayed_story() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Main.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("c-1  purchases=3")
        .contains("personas=[home-barista]")
        .contains("second-purchase at 2026-01-18T09:00:00Z")
        .contains("events tracked: 12, duplicates ignored: 4");
  }
}
