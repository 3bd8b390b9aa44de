package dev.rapport.examples;

import dev.rapport.core.measure.Dashboard;
import dev.rapport.examples.replay.Replay;
import dev.rapport.examples.sim.Simulation;
import dev.rapport.report.DashboardReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The main command: simulates a seeded synthetic population through the examples' program (or,
 * with {@code --events FILE}, replays a real log), shows progress, prints the dashboard and writes
 * the HTML report.
 *
 * <pre>
 * usage: Main [--customers N] [--days D] [--seed S] [--report FILE] [--events FILE] [--quiet]
 * </pre>
 */
public final class Main {
  private Main() {}

  /**
   * Runs the command.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the command, printing to streams.
   *
   * @param args the arguments
   * @param out where the dashboard goes
   * @param err where progress and errors go
   * @return the exit status: 0, or 2 for bad arguments, 1 for a file that cannot be read
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("rapport: " + e.getMessage());
      err.println(Options.USAGE);
      return 2;
    }
    if (o.help) {
      out.println(Options.USAGE);
      return 0;
    }
    PrintStream progress = o.quiet ? null : err;
    Dashboard dashboard;
    try {
      if (o.events != null) {
        if (progress != null) {
          progress.println("Replaying " + o.events + " through the examples' program...");
        }
        Replay.Result r = new Replay(o.events, progress).run();
        dashboard = r.dashboard();
        out.println(DashboardReport.text(dashboard));
        out.printf(Locale.ROOT, "%nReplayed %s: %,d lines read, %,d events taken, %,d lines "
            + "rejected, %,d customers, in %.1f s (%,.0f events/s)%n", o.events, r.lines(),
            r.events(), r.rejections().total(), r.customers(), r.elapsed().toNanos() / 1e9,
            r.events() / Math.max(1e-9, r.elapsed().toNanos() / 1e9));
        if (r.rejections().total() > 0) {
          out.println("Rejected lines, by reason:");
          out.print(r.rejections());
        }
      } else {
        if (progress != null) {
          progress.printf(Locale.ROOT, "Simulating %,d customers over %d days (seed %d)...%n",
              o.customers, o.days, o.seed);
        }
        Simulation.Result r = new Simulation(o.customers, o.days, o.seed, progress).run();
        dashboard = r.dashboard();
        out.println(DashboardReport.text(dashboard));
        out.printf(Locale.ROOT, "%nSimulated %,d customers over %d days: %,d events, %,d "
            + "messages sent, in %.1f s%n", o.customers, o.days, r.events(), r.dispatches(),
            r.elapsed().toNanos() / 1e9);
      }
      Path report = o.report.toAbsolutePath();
      if (report.getParent() != null) {
        Files.createDirectories(report.getParent());
      }
      Files.writeString(report, DashboardReport.html(dashboard), StandardCharsets.UTF_8);
      out.println("HTML report: " + report);
      return 0;
    } catch (IOException e) {
      err.println("rapport: " + e.getMessage());
      return 1;
    }
  }

  /** The command's options. */
  static final class Options {
    static final String USAGE = String.join("\n",
        "usage: rapport [--customers N] [--days D] [--seed S] [--report FILE] [--events FILE] "
            + "[--quiet]",
        "  --customers N   synthetic customers to simulate (default 3000)",
        "  --days D        days of behaviour to simulate (default 90)",
        "  --seed S        the seed of the population and the engine (default 42)",
        "  --report FILE   where to write the HTML report (default target/rapport-report.html)",
        "  --events FILE   replay a real log instead: the online-retail CSV (plain or .gz), a",
        "                  CSV with customer_id,type,time[,id,...] columns, or JSON lines",
        "  --quiet         no progress");

    int customers = 3000;
    int days = 90;
    long seed = 42;
    Path report = Path.of("target", "rapport-report.html");
    Path events;
    boolean quiet;
    boolean help;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--customers":
            o.customers = positive(a, value(args, ++i, a));
            break;
          case "--days":
            o.days = positive(a, value(args, ++i, a));
            break;
          case "--seed":
            try {
              o.seed = Long.parseLong(value(args, ++i, a));
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("--seed needs a whole number; got '" + args[i]
                  + "'");
            }
            break;
          case "--report":
            o.report = Path.of(value(args, ++i, a));
            break;
          case "--events":
            o.events = Path.of(value(args, ++i, a));
            if (!Files.isReadable(o.events)) {
              throw new IllegalArgumentException("--events: cannot read '" + o.events
                  + "'; give the path of an events file");
            }
            break;
          case "--quiet":
            o.quiet = true;
            break;
          case "--help":
          case "-h":
            o.help = true;
            break;
          default:
            throw new IllegalArgumentException("unknown option '" + a + "'");
        }
      }
      return o;
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }

    private static int positive(String option, String text) {
      try {
        int n = Integer.parseInt(text);
        if (n < 1) {
          throw new NumberFormatException();
        }
        return n;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " needs a whole number of 1 or more; got '"
            + text + "'");
      }
    }
  }
}
