package dev.rapport.examples.sim;

import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.placement;

import dev.rapport.core.Channel;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.decision.Placement;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.measure.Dashboard;
import dev.rapport.examples.Program;
import dev.rapport.examples.durable.DurableState;
import dev.rapport.examples.store.CoffeeStore;
import dev.rapport.store.jdbc.JdbcStateStore;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Runs the examples' program over a synthetic population: every customer's events in time order,
 * the engine's timers in between, next-best-action banners when store customers visit, and the
 * customers' answers to what they are sent (deliveries, opens, clicks, the odd unsubscribe or
 * complaint), fed back as events. Deterministic for a seed.
 *
 * <p>With a {@link DurableState}, the engine's state is kept in a database and the messages sent
 * are kept beside it: a run stopped and started again with the same options feeds every event
 * again (the engine ignores those it has seen, fires no timer twice and sends no message twice),
 * answers again the messages sent before the stop, and so continues where it stopped.
 */
public final class Simulation {
  /** The first day of the simulation. */
  public static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

  private static final Placement BANNER = placement("home-banner", 1, IN_APP);
  /** The store's messages that sell something: a click on one may end in an order. */
  private static final Set<String> STORE_OFFERS = Set.of(CoffeeStore.BREW_GUIDE.name(),
      CoffeeStore.FILTERS.name(), CoffeeStore.SECOND_ORDER_SHORT.name(),
      CoffeeStore.SECOND_ORDER_LONG.name(), CoffeeStore.WIN_BACK.name(),
      CoffeeStore.LAWNMOWER_SALE.name());
  /** What a store customer who answers a message with an order buys. */
  private static final String[] ANSWER_SKUS = {"beans", "filters", "beans", "mug"};

  /** What a run did. */
  public record Result(Engine engine, Dashboard dashboard, long events, long dispatches,
      Duration elapsed) {}

  private final int customers;
  private final int days;
  private final long seed;
  private final ProgressBarBuilder progress;
  private final DurableState durable;

  /**
   * Makes a simulation.
   *
   * @param customers how many customers
   * @param days how many days
   * @param seed the seed
   * @param progress how to show progress (the simulation names the task and counts simulated
   *     days), or null for none
   */
  public Simulation(int customers, int days, long seed, ProgressBarBuilder progress) {
    this(customers, days, seed, progress, null);
  }

  /**
   * Makes a simulation that keeps its state in a database, and continues a run stopped before.
   *
   * @param customers how many customers
   * @param days how many days
   * @param seed the seed
   * @param progress how to show progress, or null for none
   * @param durable where the state is kept, or null to keep it in memory
   */
  public Simulation(int customers, int days, long seed, ProgressBarBuilder progress,
      DurableState durable) {
    if (customers < 1 || days < 1) {
      throw new IllegalArgumentException("simulation: give at least 1 customer and 1 day; got "
          + customers + " customers and " + days + " days");
    }
    this.customers = customers;
    this.days = days;
    this.seed = seed;
    this.progress = progress;
    this.durable = durable;
  }

  /** A queued event and the order it was queued in, to break ties deterministically. */
  private record Queued(Event event, long seq) {}

  /**
   * Runs the simulation.
   *
   * @return what it did
   */
  public Result run() {
    return run(Long.MAX_VALUE);
  }

  /**
   * Runs the simulation, or stops it after some events, as a stopped process would (its state
   * committed so far).
   *
   * @param stopAfter how many events to feed at most
   * @return what it did
   */
  Result run(long stopAfter) {
    long began = System.nanoTime();
    SimClock clock = new SimClock(START);
    PriorityQueue<Queued> queue = new PriorityQueue<>((a, b) -> {
      int c = a.event().time().compareTo(b.event().time());
      return c != 0 ? c : Long.compare(a.seq(), b.seq());
    });
    long[] seq = {0};
    Map<String, String> business = new HashMap<>();
    long[] sent = {0};
    Engine.Builder builder = Engine.builder().clock(clock).seed(seed)
        .dispatcher(d -> {
          sent[0]++;
          DurableState.Sent message = DurableState.Sent.of(d);
          if (durable != null) {
            durable.keep(message);
          }
          for (Event e : answer(message, seed, business.get(d.customer().value()))) {
            queue.add(new Queued(e, seq[0]++));
          }
        });
    if (durable != null) {
      builder.stateStore(durable.store());
    }
    List<Population.Member> members = new Population(START, days).generate(customers, seed);
    for (Population.Member m : members) {
      business.put(m.id(), m.business());
    }
    JdbcStateStore.Batch batch = durable == null ? null : durable.batch();
    // built after the business of each customer is known: a continued run's engine hands over
    // what the last one left in the outbox, and the dispatcher answers it
    Engine engine = Program.configure(builder, "Rapport demo: three businesses, " + customers
        + " customers, " + days + " days").build();
    if (durable != null) {
      for (DurableState.Sent before : durable.sent()) {
        for (Event e : answer(before, seed, business.get(before.customer()))) {
          queue.add(new Queued(e, seq[0]++)); // the engine ignores the answers it has seen
        }
      }
    }
    for (Population.Member m : members) {
      engine.identify(m.id(), m.profile());
      for (Event e : m.events()) {
        queue.add(new Queued(e, seq[0]++));
      }
    }
    Instant end = START.plus(Duration.ofDays(days));
    long tracked = 0;
    try (ProgressBar bar = progress == null ? null : bar()) {
      while (!queue.isEmpty() && tracked < stopAfter) {
        Event e = queue.poll().event();
        if (e.time().isAfter(end)) {
          continue;
        }
        clock.moveTo(e.time());
        engine.advanceTo(e.time());
        boolean fresh = engine.track(e);
        tracked++;
        if (fresh && e.type().equals("session_started")) {
          // not again for a visit a stopped run saw: a decision is not an event to ignore
          engine.decideAndSend(e.customer().value(), BANNER);
        }
        if (bar != null && tracked % 256 == 0) {
          bar.stepTo(Duration.between(START, e.time()).toHours())
              .setExtraMessage(detail(tracked, sent[0]));
        }
      }
      if (bar != null) {
        bar.stepTo(days * 24L).setExtraMessage(detail(tracked, sent[0]));
      }
    }
    if (!queue.isEmpty()) { // stopped early
      if (batch != null) {
        batch.close();
      }
      return new Result(engine, engine.dashboard(), tracked, sent[0],
          Duration.ofNanos(System.nanoTime() - began));
    }
    clock.moveTo(end);
    engine.advanceTo(end);
    // closing the loop on the most raised theme: "you asked, we fixed"
    Dashboard before = engine.dashboard();
    if (!before.themes().isEmpty()) {
      engine.resolveTheme(before.themes().get(0).theme());
    }
    if (batch != null) {
      batch.close();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
    return new Result(engine, engine.dashboard(), tracked, sent[0], elapsed);
  }

  /** A bar over the simulated days, counted in hours so that it moves within a day. */
  private ProgressBar bar() {
    return progress.setTaskName("Simulating").setInitialMax(days * 24L).setUnit(" days", 24)
        .showSpeed(new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT)))
        .build()
        .setExtraMessage(detail(0, 0));
  }

  private static String detail(long events, long messages) {
    return String.format(Locale.ROOT, ", %,d events, %,d sent", events, messages);
  }

  /**
   * How a simulated customer answers a message: drawn from the seed and the message's id alone,
   * so that a continued run answers a message sent before it stopped as it was answered before.
   */
  private static List<Event> answer(DurableState.Sent d, long seed, String business) {
    SplittableRandom r = new SplittableRandom(
        seed ^ 0x5DEECE66DL ^ d.id().hashCode() * 0x9E3779B97F4A7C15L);
    String id = d.customer();
    Instant at = d.at();
    java.util.ArrayList<Event> out = new java.util.ArrayList<>(3);
    boolean inApp = d.channel().equals(Channel.IN_APP.name());
    if (!inApp && r.nextDouble() < (d.channel().equals(Channel.SMS.name()) ? 0.01 : 0.03)) {
      out.add(outcome(d, EventTypes.DELIVERY_FAILED, at.plusSeconds(60 + r.nextInt(600))));
      return out;
    }
    out.add(outcome(d, EventTypes.DELIVERED, at.plusSeconds(5 + r.nextInt(120))));
    double relevance = relevance(d, business);
    if (r.nextDouble() < (inApp ? 0.55 : 0.35) * relevance) {
      Instant opened = at.plusSeconds(300 + r.nextInt(8 * 3600));
      out.add(outcome(d, EventTypes.OPENED, opened));
      if (r.nextDouble() < 0.3 * relevance) {
        Instant clicked = opened.plusSeconds(5 + r.nextInt(300));
        out.add(outcome(d, EventTypes.CLICKED, clicked));
        if ("store".equals(business) && STORE_OFFERS.contains(d.action())
            && r.nextDouble() < 0.5) {
          order(d, r, clicked.plusSeconds(60 + r.nextInt(3 * 3600)), out);
        }
      } else if (inApp && r.nextDouble() < 0.2) {
        out.add(outcome(d, EventTypes.DISMISSED, opened.plusSeconds(2 + r.nextInt(60))));
      }
    }
    if (d.marketing()) {
      if (r.nextDouble() < 0.004 / relevance) {
        out.add(Event.builder(id, EventTypes.UNSUBSCRIBED).with(EventTypes.DISPATCH_ID, d.id())
            .with(EventTypes.CHANNEL, d.channel())
            .at(at.plusSeconds(3600 + r.nextInt(86_400))));
      } else if (r.nextDouble() < 0.0006) {
        out.add(outcome(d, EventTypes.COMPLAINED, at.plusSeconds(3600 + r.nextInt(86_400))));
      }
    }
    return out;
  }

  /**
   * An order a store customer places because of a store offer they clicked: it carries the
   * message's dispatch id, so that the dashboard attributes it to the action, and only customers
   * sent the message place it, so that the journeys and actions measured against a holdout show
   * a lift.
   */
  private static void order(DurableState.Sent d, SplittableRandom r, Instant at,
      List<Event> out) {
    String order = "order:" + d.id();
    out.add(Event.builder(d.customer(), "purchased").id(order)
        .with("sku", ANSWER_SKUS[r.nextInt(ANSWER_SKUS.length)]).with("total", 8.0 + r.nextInt(120))
        .with(EventTypes.DISPATCH_ID, d.id()).at(at));
    out.add(Event.builder(d.customer(), "order_delivered").id("delivered:" + d.id())
        .with("order", order).at(at.plus(Duration.ofDays(2 + r.nextInt(4)))));
  }

  private static double relevance(DurableState.Sent d, String business) {
    String action = d.action();
    if ("store".equals(business) && (action.contains("brew") || action.contains("filters")
        || action.startsWith("second-order"))) {
      return action.equals("second-order-long") ? 1.5 : 1.3;
    }
    if ("saas".equals(business) && (action.contains("key") || action.contains("team"))) {
      return 1.4;
    }
    return 1.0;
  }

  private static Event outcome(DurableState.Sent d, String type, Instant at) {
    return Event.builder(d.customer(), type).id(type + ":" + d.id())
        .with(EventTypes.DISPATCH_ID, d.id()).at(at);
  }
}
