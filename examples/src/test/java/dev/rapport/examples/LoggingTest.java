package dev.rapport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.read.ListAppender;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.engine.Engine;
import dev.rapport.examples.sim.SimClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The examples show Rapport's log: a provider is bound, and a guardrail breach is a warning. */
class LoggingTest {
  private static final String N = System.lineSeparator();

  @Test
  void the_examples_log_through_logback_not_the_nop_fallback() {
    assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(LoggerContext.class);
  }

  @Test
  void a_guardrail_that_pauses_the_program_is_logged_as_a_warning() {
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(seen);
    Instant now = Instant.parse("2026-01-05T09:00:00Z");
    Engine engine = Program.configure(Engine.builder().clock(new SimClock(now))
        .dispatcher(d -> { })).build();

    try {
      for (int i = 0; i < 60; i++) {
        engine.track(Event.builder("c-" + i, EventTypes.SURVEY_ANSWERED)
            .with(EventTypes.KIND, "csat").with(EventTypes.SCORE, 2L).at(now));
      }
    } finally {
      root.detachAppender(seen);
    }

    assertThat(seen.list).filteredOn(e -> e.getLevel() == Level.WARN)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(m -> assertThat(m).startsWith("guardrail csat above 0.6 (min 50) breached: "
            + "pausing"));
  }

  @Test
  void the_main_commands_logger_writes_info_and_up_to_stderr() throws JoranException {
    String err = logWithTheMainConfiguration();

    assertThat(err).isEqualTo("INFO  MetricsRuntime - theme resolved" + N
        + "WARN  MetricsRuntime - guardrail breached" + N);
  }

  @Test
  void in_a_terminal_a_log_line_first_clears_the_progress_bars_line() throws JoranException {
    LogLineStart.inTerminal(true);
    String err;
    try {
      err = logWithTheMainConfiguration();
    } finally {
      LogLineStart.inTerminal(false);
    }

    assertThat(err).isEqualTo("\r\u001b[KINFO  MetricsRuntime - theme resolved" + N
        + "\r\u001b[KWARN  MetricsRuntime - guardrail breached" + N);
  }

  /** Logs a DEBUG, an INFO and a WARN through src/main/resources/logback.xml; its stderr. */
  private static String logWithTheMainConfiguration() throws JoranException {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      configurator.doConfigure(Main.class.getResource("/logback.xml"));
      Logger log = context.getLogger("dev.rapport.core.internal.MetricsRuntime");
      log.debug("not shown");
      log.info("theme resolved");
      log.warn("guardrail breached");
    } finally {
      System.setErr(saved);
      context.stop();
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
