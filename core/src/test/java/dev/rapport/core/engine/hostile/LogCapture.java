package dev.rapport.core.engine.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What the engine logs while a test runs. Core's tests log through slf4j-simple, which prints to
 * whatever {@code System.err} is when it prints and, left at its default level, prints nothing
 * below INFO: every captured line (stack traces included) is a line at INFO or above.
 */
final class LogCapture implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  private LogCapture() {
    // the capture reads every line as INFO or above: make sure DEBUG lines are not printed
    assertThat(LoggerFactory.getLogger(dev.rapport.core.engine.Engine.class).isDebugEnabled())
        .as("the engine's DEBUG level is off in tests").isFalse();
    assertThat(LoggerFactory.getLogger(dev.rapport.core.engine.Engine.class).isInfoEnabled())
        .as("the engine's INFO level is on in tests").isTrue();
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
  }

  /** Starts capturing; close to stop. */
  static LogCapture start() {
    return new LogCapture();
  }

  /** Every line printed so far, stack traces included. */
  List<String> lines() {
    System.err.flush();
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  /** The lines logged at WARN. */
  List<String> warnings() {
    return lines().stream().filter(l -> l.contains(" WARN ")).toList();
  }

  @Override
  public void close() {
    System.setErr(original);
  }
}
