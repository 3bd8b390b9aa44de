package dev.rapport.examples;

import dev.rapport.core.engine.StateStore;
import dev.rapport.core.measure.Dashboard;
import dev.rapport.examples.durable.DurableState;
import dev.rapport.examples.replay.Replay;
import dev.rapport.examples.sim.Simulation;
import dev.rapport.report.DashboardReport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The main command: simulates a seeded synthetic population through the examples' program (or,
 * with {@code --events FILE}, replays a real log), shows its progress, prints the dashboard and
 * writes the HTML report. {@code --help} lists the options with their defaults.
 *
 * <p>The dashboard goes to standard output; progress, Rapport's log (a guardrail that pauses
 * something is a warning there) and errors go to standard error. In a terminal the progress is a
 * bar redrawn in place, with its rate and the time left; elsewhere (CI, a pipe, a file) it is a
 * plain line now and then, never a run of carriage returns.
 *
 * <p>With {@code --store URL} the engine's state is kept in that database (H2 or PostgreSQL;
 * its schema is created on first use), and a run stopped and started again with the same options
 * continues where it stopped.
 *
 * <p>Exit status: 0 when done, 2 for a bad option or value (with a message and the usage), 1 when
 * a file cannot be read or written, or the database of {@code --store} cannot be used.
 */
@Command(name = "rapport", sortOptions = false, sortSynopsis = false, usageHelpAutoWidth = true,
    synopsisHeading = "usage: ", descriptionHeading = "%n",
    description = {
        "Simulates a seeded population of customers of three businesses (a SaaS onboarding, a "
            + "coffee store, a subscription) through the examples' program, or replays a real "
            + "log of events through it; prints the dashboard and writes a self-contained HTML "
            + "report.",
        ""},
    optionListHeading = "Options:%n",
    footerHeading = "%n",
    footer = {
        "Through Maven, from the project's root, the options go in -Dexec.args:",
        "  mvn -q -pl examples -am compile exec:java \\",
        "      -Dexec.args=\"--customers 10000 --seed 7\"",
        "  mvn -q -pl examples -am compile exec:java \\",
        "      -Dexec.args=\"--events path/to/online-retail.csv.gz\"",
        "  mvn -q -pl examples -am compile exec:java \\",
        "      -Dexec.args=\"--store jdbc:h2:file:./target/rapport-db\""})
public final class Main implements Callable<Integer> {
  /** Between two progress lines when standard output is not a terminal. */
  static final int LINE_INTERVAL_MILLIS = 10_000;

  private final PrintStream out;
  private final PrintStream err;
  private final boolean terminal;

  @Spec private CommandSpec spec;

  @Option(names = {"-c", "--customers"}, paramLabel = "N", defaultValue = "3000",
      converter = PositiveInt.class,
      description = "synthetic customers to simulate (default: ${DEFAULT-VALUE})")
  private int customers;

  @Option(names = {"-d", "--days"}, paramLabel = "D", defaultValue = "90",
      converter = PositiveInt.class,
      description = "days of behaviour to simulate (default: ${DEFAULT-VALUE})")
  private int days;

  @Option(names = {"-s", "--seed"}, paramLabel = "S", defaultValue = "42",
      converter = WholeNumber.class,
      description = "the seed of the population and of the engine: the same seed gives the same "
          + "dashboard (default: ${DEFAULT-VALUE})")
  private long seed;

  @Option(names = {"-e", "--events"}, paramLabel = "FILE", converter = ReadableFile.class,
      description = "replay this log instead of simulating: the online-retail CSV of the UCI "
          + "data set, a CSV with customer_id,type,time[,id,...] columns, or JSON lines (.jsonl, "
          + ".ndjson); .gz files are read compressed (default: none, simulate)")
  private Path events;

  @Option(names = {"-r", "--report"}, paramLabel = "FILE",
      defaultValue = "target/rapport-report.html",
      description = "where to write the HTML report, relative to the working directory "
          + "(default: ${DEFAULT-VALUE})")
  private Path report;

  @Option(names = "--store", paramLabel = "URL", converter = JdbcUrl.class,
      description = "keep the engine's state in the database of this JDBC URL, H2 or PostgreSQL (such as "
          + "jdbc:h2:file:./target/rapport-db), so that a run stopped and started again with the "
          + "same options continues where it stopped (default: none, in memory)")
  private String store;

  @Option(names = {"-q", "--quiet"},
      description = "hide the progress bar or lines (default: shown)")
  private boolean quiet;

  @Option(names = {"-h", "--help"}, usageHelp = true,
      description = "show this help and exit")
  private boolean help;

  private Main(PrintStream out, PrintStream err, boolean terminal) {
    this.out = out;
    this.err = err;
    this.terminal = terminal;
  }

  /**
   * Runs the command and exits with its status when that is not 0.
   *
   * @param args the arguments; {@code --help} lists them
   */
  public static void main(String[] args) {
    // Java 17: a console only when both standard input and output are a terminal
    boolean terminal = System.console() != null;
    LogLineStart.inTerminal(terminal);
    int status = run(args, System.out, System.err, terminal);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the command, printing to streams, with progress in plain lines (as when the output is not
   * a terminal).
   *
   * @param args the arguments
   * @param out where the dashboard and the help go
   * @param err where progress and errors go
   * @return the exit status: 0, 2 for a bad option or value, 1 for a file that cannot be read or
   *     written
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, false);
  }

  static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
    return new CommandLine(new Main(out, err, terminal))
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .setParameterExceptionHandler(Main::badArguments)
        .execute(args);
  }

  /** A bad option or value: what was wrong, a likely fix, the usage; no stack trace. */
  private static int badArguments(ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    PrintWriter err = cli.getErr();
    err.println("rapport: " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.print(cli.getHelp().fullSynopsis());
    err.println("Try --help for what each option does and its default.");
    return cli.getCommandSpec().exitCodeOnInvalidInput();
  }

  @Override
  public Integer call() {
    if (events != null) {
      for (String option : new String[] {"--customers", "--days", "--seed"}) {
        if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
          throw new ParameterException(spec.commandLine(), option + " shapes the simulation; "
              + "a replay (--events) takes none of --customers, --days or --seed");
        }
      }
    }
    ProgressBarBuilder progress = quiet ? null : progress();
    Dashboard dashboard;
    DurableState durable = null;
    try {
      if (store != null) {
        durable = DurableState.open(store);
        err.println(durable.customersBefore() == 0
            ? "Keeping the engine's state in " + durable
            : String.format(Locale.ROOT, "Continuing the run kept in %s (%,d customers)",
                durable, durable.customersBefore()));
      }
      dashboard = events != null ? replay(progress, durable) : simulate(progress, durable);
    } catch (IOException | StateStore.StoreException e) {
      err.println("rapport: " + e.getMessage());
      return 1;
    } finally {
      if (durable != null) {
        durable.close();
      }
    }
    Path file = report.toAbsolutePath();
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, DashboardReport.html(dashboard), StandardCharsets.UTF_8);
    } catch (IOException e) {
      // a file system's message is often the path alone; its reason or its kind says more
      String why = e instanceof FileSystemException f
          ? f.getReason() != null ? f.getReason() : e.getClass().getSimpleName()
          : e.getMessage();
      err.println("rapport: cannot write the HTML report to " + file + " (" + why + "); give "
          + "--report a file that can be written");
      return 1;
    }
    out.println("HTML report: " + file);
    return 0;
  }

  private Dashboard simulate(ProgressBarBuilder progress, DurableState durable) {
    if (progress != null) {
      err.printf(Locale.ROOT, "Simulating %,d customers over %d days (seed %d)...%n", customers,
          days, seed);
    }
    Simulation.Result r = new Simulation(customers, days, seed, progress, durable).run();
    out.println(DashboardReport.text(r.dashboard()));
    out.printf(Locale.ROOT, "%nSimulated %,d customers over %d days: %,d events, %,d "
        + "messages sent, in %.1f s%n", customers, days, r.events(), r.dispatches(),
        r.elapsed().toNanos() / 1e9);
    return r.dashboard();
  }

  private Dashboard replay(ProgressBarBuilder progress, DurableState durable)
      throws IOException {
    if (progress != null) {
      err.println("Replaying " + events + " through the examples' program...");
    }
    Replay.Result r = new Replay(events, progress, durable).run();
    out.println(DashboardReport.text(r.dashboard()));
    out.printf(Locale.ROOT, "%nReplayed %s: %,d lines read, %,d events taken, %,d lines "
        + "rejected, %,d customers, in %.1f s (%,.0f events/s)%n", events, r.lines(),
        r.events(), r.rejections().total(), r.customers(), r.elapsed().toNanos() / 1e9,
        r.events() / Math.max(1e-9, r.elapsed().toNanos() / 1e9));
    if (r.rejections().total() > 0) {
      out.println("Rejected lines, by reason:");
      out.print(r.rejections());
    }
    return r.dashboard();
  }

  /**
   * How progress is shown: in a terminal, a bar redrawn in place; elsewhere a plain line when
   * the run starts, every {@value #LINE_INTERVAL_MILLIS} ms while it moves, and when it ends.
   */
  private ProgressBarBuilder progress() {
    ProgressBarBuilder bars = new ProgressBarBuilder();
    if (terminal) {
      return bars.setConsumer(new ConsoleProgressBarConsumer(err)).setUpdateIntervalMillis(250);
    }
    return bars.setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new ProgressLines(err, 120))
        .setUpdateIntervalMillis(LINE_INTERVAL_MILLIS);
  }

  /** A whole number of 1 or more. */
  static final class PositiveInt implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        int n = Integer.parseInt(value.trim());
        if (n >= 1) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new TypeConversionException("'" + value + "' is not a whole number of 1 or more");
    }
  }

  /** A whole number, such as a seed. */
  static final class WholeNumber implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        return Long.parseLong(value.trim());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a whole number");
      }
    }
  }

  /** A JDBC URL. */
  static final class JdbcUrl implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (!value.trim().startsWith("jdbc:")) {
        throw new TypeConversionException("'" + value + "' is not a JDBC URL; give one such as "
            + "jdbc:h2:file:./target/rapport-db");
      }
      return value.trim();
    }
  }

  /** A file that exists and can be read. */
  static final class ReadableFile implements ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
      Path file = Path.of(value);
      if (!Files.exists(file)) {
        throw new TypeConversionException("no file at '" + value + "'; give the path of an "
            + "events file");
      }
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        throw new TypeConversionException("cannot read '" + value + "'; give the path of a "
            + "readable events file");
      }
      return file;
    }
  }
}
