package dev.rapport.docs;

import static dev.rapport.dsl.Rapport.*;
import static dev.rapport.testkit.RapportAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Customer;
import dev.rapport.core.CustomerId;
import dev.rapport.core.EngagementLevel;
import dev.rapport.core.EngagementModel;
import dev.rapport.core.EventTypes;
import dev.rapport.core.LifecycleModel;
import dev.rapport.core.LifecycleStage;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.PropensityModel;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Codec;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Dispatcher;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.Failure;
import dev.rapport.core.engine.StateStore;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.CustomStep;
import dev.rapport.core.journey.StepContext;
import dev.rapport.core.journey.StepResult;
import dev.rapport.core.measure.EventSelector;
import dev.rapport.core.measure.Metric;
import dev.rapport.core.measure.ValueExtractor;
import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.core.policy.Reason;
import dev.rapport.report.JourneyDiagram;
import dev.rapport.testkit.Scenario;
import dev.rapport.testkit.StateStoreContract;
import dev.rapport.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The samples of guide/extending.md, run. */
class ExtendingGuideTest {
  private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

  @Test
  void custom_channels() {
    // snippet: extending-channel
    Channel whatsapp = Channel.of("whatsapp");
    Action orderUpdate = action("order-update").via(whatsapp).orElse(SMS).build();

    ContactPolicy policy = contactPolicy()
        .channel(whatsapp).requiresOptIn(true).reachableWith(PHONE_NUMBER)
        .build();

    Scenario s = Scenario.startingAt(MONDAY, engine -> engine
        .channels(whatsapp)
        .contactPolicy(policy)
        .journeys(journey("orders").enterOn("shipped").steps(send(orderUpdate)).build()));
    s.given("ada", profile().set(PHONE_NUMBER, "+44 7700 900123"))
        .track(event("ada", EventTypes.CONSENT_GRANTED)
            .with(EventTypes.CHANNEL, "whatsapp").with(EventTypes.PURPOSE, "marketing"))
        .after(Duration.ofMinutes(1))
        .track("ada", "shipped");

    assertThat(s.outbox()).sent("order-update").to("ada").via(whatsapp);
    // end
  }

  @Test
  void an_engine_refuses_a_channel_it_was_not_given() {
    Channel whatsapp = Channel.of("whatsapp");
    Action orderUpdate = action("order-update").via(whatsapp).build();
    Journey orders = journey("orders").enterOn("shipped").steps(send(orderUpdate)).build();

    // snippet: extending-channel-unknown
    assertThatThrownBy(() -> Engine.builder().journeys(orders).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("journey 'orders': action 'order-update' uses unknown channel 'whatsapp'; "
            + "declare it with Engine.builder().channels(Channel.of(\"whatsapp\"))");
    // end

    Engine engine = Engine.builder().build();
    assertThatThrownBy(() -> engine.track(event("ada", EventTypes.CONSENT_GRANTED)
        .with(EventTypes.CHANNEL, "whatsapp").at(MONDAY)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown channel 'whatsapp'");
    assertThatThrownBy(() -> Engine.builder()
        .contactPolicy(contactPolicy().channel(whatsapp).requiresOptIn(false).build()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("contact policy names unknown channel 'whatsapp'");
  }

  @Test
  void when_your_code_throws() {
    TestClock clock = TestClock.at(MONDAY);
    // snippet: extending-failures
    Action update = action("shipping-update").transactional().via(EMAIL).orElse(IN_APP).build();
    List<Failure> failures = new ArrayList<>();
    List<Dispatch> sent = new ArrayList<>();

    Engine engine = Engine.builder()
        .clock(clock)
        .journeys(journey("shipping").enterOn("shipped").steps(send(update)).build())
        .dispatcher(d -> {
          if (d.channel().equals(EMAIL)) {
            throw new IllegalStateException("SMTP relay refused " + d.id());
          }
          sent.add(d);
        })
        .failureListener(failures::add)
        .build();
    engine.identify("ada", profile().set(EMAIL_ADDRESS, "ada@example.com"));
    engine.track(event("ada", "shipped").at(clock.instant()));

    assertThat(sent).singleElement()
        .satisfies(d -> assertThat(d.channel()).isEqualTo(IN_APP));       // the next channel
    assertThat(engine.customer("ada").orElseThrow().count("delivery_failed")).isEqualTo(1);
    assertThat(engine.statistics().dispatchFailures()).isEqualTo(1);
    assertThat(failures).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(Failure.Kind.DISPATCHER);
      assertThat(f.dispatchId()).isPresent();
      assertThat(f.exception()).hasMessageStartingWith("SMTP relay refused");
    });
    // end
  }

  @Test
  void journeys_need_a_dispatcher_or_the_explicit_discarding_one() {
    Journey shipping = journey("shipping").enterOn("shipped")
        .steps(send(action("shipping-update").transactional().via(EMAIL).build())).build();

    assertThatThrownBy(() -> Engine.builder().journeys(shipping).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("engine: it has journeys but no dispatcher, so every message they send "
            + "would be lost; give one with Engine.builder().dispatcher(...), or "
            + "Engine.builder().dispatcher(Dispatcher.discarding()) to drop them on purpose");
    Engine dryRun = Engine.builder().journeys(shipping).dispatcher(Dispatcher.discarding())
        .build();
    assertThat(dryRun.journeyStats("shipping").entered()).isZero();
  }

  @Test
  void a_custom_channel_needs_an_opt_in_by_default() {
    Channel whatsapp = Channel.of("whatsapp");
    Action orderUpdate = action("order-update").via(whatsapp).build();
    Scenario s = Scenario.startingAt(MONDAY, e -> e.channels(whatsapp)
        .journeys(journey("orders").enterOn("shipped").steps(send(orderUpdate)).build()));

    s.track("ada", "shipped");

    assertThat(s.engine()).refused("order-update").to("ada").because(Reason.NO_CONSENT);
  }

  // snippet: extending-engagement
  /** A B2B product: engagement is running reports, and a customer is lost after 60 days. */
  static final class ReportsEngagement implements EngagementModel {
    @Override
    public EngagementLevel levelOf(Customer c) {
      Optional<Duration> since = c.since("report_run");
      if (since.isEmpty() || since.get().toDays() >= 60) {
        return EngagementLevel.LOST;
      }
      if (since.get().toDays() >= 14) {
        return EngagementLevel.DISENGAGED;
      }
      return c.count("report_run", Duration.ofDays(7)) >= 5
          ? EngagementLevel.HIGH : EngagementLevel.LOW_ORGANIC;
    }

    @Override
    public Optional<Instant> nextReview(Customer c) {
      // the level changes with no event when the last report gets 14 or 60 days old
      return c.last("report_run").flatMap(last -> {
        for (Duration age : new Duration[] {Duration.ofDays(14), Duration.ofDays(60)}) {
          if (last.plus(age).isAfter(c.now())) {
            return Optional.of(last.plus(age));
          }
        }
        return Optional.empty();
      });
    }

    @Override
    public boolean dependsOn(String eventType) {
      return eventType.equals("report_run");
    }
  }
  // end

  @Test
  void custom_engagement_and_lifecycle_models() {
    // snippet: extending-lifecycle
    LifecycleModel contractStages = (customer, engagement) -> {
      if (customer.hasDone("contract_cancelled")) {
        return LifecycleStage.WIN_BACK;
      }
      if (engagement == EngagementLevel.DISENGAGED || engagement == EngagementLevel.LOST) {
        return LifecycleStage.AT_RISK;
      }
      return customer.hasDone("contract_signed") ? LifecycleStage.ACTIVE
          : LifecycleStage.ONBOARDING;
    };

    Scenario s = Scenario.startingAt(MONDAY, engine -> engine
        .engagement(new ReportsEngagement())
        .lifecycle(contractStages));
    s.track("acme", "contract_signed").track("acme", "report_run")
        .after(Duration.ofDays(20));

    Customer acme = s.engine().customer("acme").orElseThrow();
    assertThat(acme.engagement()).isEqualTo(EngagementLevel.DISENGAGED);
    assertThat(acme.stage()).isEqualTo(LifecycleStage.AT_RISK);
    // end
    assertThat(acme.history(EventTypes.STAGE_CHANGED)).last().satisfies(e -> {
      assertThat(e.time()).isEqualTo(MONDAY.plus(Duration.ofDays(14)));
      assertThat(e.properties().get(EventTypes.TO)).isEqualTo("AT_RISK");
    });
  }

  // snippet: extending-propensity
  /** Click-through per action, counted over every customer, with a prior of 1 in 10. */
  static final class ClickThrough implements PropensityModel {
    private static String key(Action action, String what) {
      return "click-through/" + action.name() + "/" + what;
    }

    @Override
    public Estimate estimate(Customer customer, Action action, Context context) {
      long shown = context.shared().counter(key(action, "shown"));
      long clicked = context.shared().counter(key(action, "clicked"));
      double p = (clicked + 1.0) / (shown + 10.0);
      return new Estimate(p, "*", clicked + " clicks of " + shown + " shown");
    }

    @Override
    public void observe(Customer customer, Action action, String group, Outcome outcome,
        Context context) {
      switch (outcome) {
        case IMPRESSION -> context.shared().add(key(action, "shown"), 1);
        case SUCCESS -> context.shared().add(key(action, "clicked"), 1);
        default -> { }
      }
    }
  }
  // end

  @Test
  void custom_propensity_model() {
    Action tour = action("tour").topic("help").via(IN_APP).build();
    RuleSet help = rules("help").rule("tour").recommend(tour).because("new here").build();
    TestClock clock = TestClock.at(MONDAY);
    // snippet: extending-propensity-use
    StateStore store = StateStore.inMemory();
    Engine engine = Engine.builder()
        .clock(clock)
        .stateStore(store)
        .rules(help)
        .propensity(new ClickThrough())
        .build();

    Decision first = engine.decide("ada");
    engine.track(event("ada", EventTypes.CLICKED)
        .with(EventTypes.IMPRESSION_ID, first.best().orElseThrow().impressionId())
        .at(clock.instant()));

    assertThat(first.best().orElseThrow().propensity()).isEqualTo(0.1);
    assertThat(engine.decide("bob").best().orElseThrow().propensityNote())
        .isEqualTo("1 clicks of 1 shown");
    assertThat(store.counter("click-through/tour/shown")).isEqualTo(2);
    assertThat(store.counter("click-through/tour/clicked")).isEqualTo(1);
    // end
  }

  @Test
  void custom_metrics_are_selectors_and_extractors() {
    // snippet: extending-metric
    EventSelector firstOrders = (event, customer) ->
        event.type().equals("purchased") && customer.count("purchased") == 1;
    ValueExtractor daysToFirstOrder = (event, customer) -> customer.first("signed_up")
        .map(signedUp -> OptionalDouble.of(
            Duration.between(signedUp, event.time()).toHours() / 24.0))
        .orElse(OptionalDouble.empty());

    Metric timeToFirstOrder = Metric.mean("days_to_first_order")
        .of(firstOrders)
        .value(daysToFirstOrder)
        .over(Duration.ofDays(90))
        .describedAs("days from sign-up to first order");
    // end

    Scenario s = Scenario.startingAt(MONDAY, e -> e.metrics(timeToFirstOrder));
    s.track("ada", "signed_up").track("bob", "signed_up").after(Duration.ofDays(2))
        .track(event("ada", "purchased").id("o-1")).after(Duration.ofDays(2))
        .track(event("bob", "purchased").id("o-2"))
        .track(event("ada", "purchased").id("o-3"));

    assertThat(s.engine().metric("days_to_first_order").value()).isEqualTo(3.0);
    assertThat(s.engine().metric("days_to_first_order").sample()).isEqualTo(2);
  }

  // snippet: extending-state-store
  /**
   * Keeps what a database would keep, in memory: records and shared values as bytes with a
   * version, timers in an index ordered by due time then customer, counters and series as
   * numbers. Versions are optimistic: a commit over a stale read fails, and the engine retries.
   */
  static final class BytesStore implements StateStore {
    private record Row(byte[] bytes, long version, Instant due) {}

    private final Map<CustomerId, Row> rows = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<Due> timers = new ConcurrentSkipListSet<>();
    private final Map<String, Long> counters = new ConcurrentHashMap<>();
    private final Map<String, TreeMap<Long, Cell>> series = new ConcurrentHashMap<>();
    private final Map<String, Row> shared = new ConcurrentHashMap<>();
    private final Map<String, byte[]> outbox = new java.util.LinkedHashMap<>();
    private long changes;

    @Override
    public Transaction begin(CustomerId customer) {
      return new Transaction() {
        private long readVersion = -1;
        private Row next;
        private boolean delete;
        private final List<Runnable> measures = new ArrayList<>();
        private final Map<String, byte[]> enqueued = new java.util.LinkedHashMap<>();

        @Override
        public CustomerId customer() {
          return customer;
        }

        @Override
        public <R> Optional<Versioned<R>> read(Codec<R> codec) {
          Row row = rows.get(customer);
          readVersion = row == null ? 0 : row.version();
          return row == null ? Optional.empty()
              : Optional.of(new Versioned<>(codec.decode(row.bytes()), row.version()));
        }

        @Override
        public <R> void write(R record, Codec<R> codec, Optional<Instant> nextDue) {
          next = new Row(codec.encode(record), 0, nextDue.orElse(null));
        }

        @Override
        public void delete() {
          delete = true;
        }

        @Override
        public void add(String counter, long delta) {
          measures.add(() -> addCounter(counter, delta));
        }

        @Override
        public void add(String key, Cell cell) {
          measures.add(() -> addCell(key, cell));
        }

        @Override
        public <D> void enqueue(String dispatchId, D dispatch, Codec<D> codec) {
          enqueued.put(dispatchId, codec.encode(dispatch));
        }

        @Override
        public long commit() {
          synchronized (BytesStore.this) {
            Row current = rows.get(customer);
            long version = current == null ? 0 : current.version();
            if (readVersion >= 0 && version != readVersion) {
              throw new ConflictException(customer + " changed since it was read");
            }
            if (current != null && current.due() != null && (delete || next != null)) {
              timers.remove(new Due(current.due(), customer));
            }
            if (delete) {
              rows.remove(customer);
            } else if (next != null) {
              rows.put(customer, new Row(next.bytes(), version + 1, next.due()));
              if (next.due() != null) {
                timers.add(new Due(next.due(), customer));
              }
            }
            outbox.putAll(enqueued);
            measures.forEach(Runnable::run);
            return measures.isEmpty() ? changes : ++changes;
          }
        }

        @Override
        public void close() {
          // nothing is held: an uncommitted transaction simply leaves nothing behind
        }
      };
    }

    @Override
    public List<Due> due(Instant upTo, int limit) {
      return timers.stream().takeWhile(d -> !d.at().isAfter(upTo)).limit(limit).toList();
    }

    @Override
    public long size() {
      return rows.size();
    }

    @Override
    public synchronized void add(String counter, long delta) {
      addCounter(counter, delta);
      changes++;
    }

    private void addCounter(String counter, long delta) {
      counters.merge(counter, delta, (a, b) -> a + b == 0 ? null : a + b);
    }

    private void addCell(String key, Cell c) {
      series.computeIfAbsent(key, k -> new TreeMap<>()).merge(c.bucket(), c, (a, b) ->
          new Cell(a.bucket(), a.num() + b.num(), a.num2() + b.num2(), a.den() + b.den(),
              a.sum() + b.sum()));
    }

    @Override
    public long counter(String counter) {
      return counters.getOrDefault(counter, 0L);
    }

    @Override
    public synchronized Map<String, Long> counters(String prefix) {
      Map<String, Long> out = new TreeMap<>();
      counters.forEach((k, v) -> {
        if (k.startsWith(prefix)) {
          out.put(k, v);
        }
      });
      return out;
    }

    @Override
    public synchronized List<Cell> series(String key) {
      return List.copyOf(series.getOrDefault(key, new TreeMap<>()).values());
    }

    @Override
    public synchronized List<String> seriesKeys(String prefix) {
      return series.keySet().stream().filter(k -> k.startsWith(prefix)).sorted().toList();
    }

    @Override
    public synchronized long measures(String prefix,
        java.util.function.BiConsumer<String, List<Cell>> each) {
      seriesKeys(prefix).forEach(k -> each.accept(k, series(k)));
      return changes;
    }

    @Override
    public synchronized void prune(String key, long beforeBucket) {
      series.getOrDefault(key, new TreeMap<>()).headMap(beforeBucket).clear();
    }

    @Override
    public <V> Optional<Versioned<V>> shared(String key, Codec<V> codec) {
      Row row = shared.get(key);
      return row == null ? Optional.empty()
          : Optional.of(new Versioned<>(codec.decode(row.bytes()), row.version()));
    }

    @Override
    public synchronized <V> boolean putShared(String key, V value, Codec<V> codec,
        long expectedVersion) {
      Row row = shared.get(key);
      long version = row == null ? 0 : row.version();
      if (version != expectedVersion) {
        return false;
      }
      shared.put(key, new Row(codec.encode(value), version + 1, null));
      return true;
    }

    @Override
    public synchronized <D> List<D> undelivered(Codec<D> codec, int limit) {
      return outbox.values().stream().limit(limit).map(codec::decode).toList();
    }

    @Override
    public synchronized void delivered(String dispatchId) {
      outbox.remove(dispatchId);
    }

    @Override
    public synchronized long changes() {
      return changes;
    }
  }
  // end

  @Test
  void a_store_of_bytes_keeps_the_contract() {
    // snippet: extending-store-contract
    StateStoreContract.of(BytesStore::new).verify();
    // end
  }

  @Test
  void an_engine_continues_where_the_last_one_on_its_store_stopped() {
    Journey nudge = journey("nudge").enterOn("signed_up")
        .steps(delay(Duration.ofDays(1)), send(action("tips").via(IN_APP).build())).build();
    TestClock clock = TestClock.at(MONDAY);
    // snippet: extending-store-restart
    StateStore store = new BytesStore();
    List<String> sent = new ArrayList<>();
    Engine first = Engine.builder().clock(clock).stateStore(store).journeys(nudge)
        .dispatcher(d -> sent.add(d.action().name() + " to " + d.customer())).build();
    first.track(event("ada", "signed_up").at(MONDAY));

    // a deploy: the first engine is gone, a new one opens the same store
    Engine second = Engine.builder().clock(clock).stateStore(store).journeys(nudge)
        .dispatcher(d -> sent.add(d.action().name() + " to " + d.customer())).build();
    second.advanceTo(MONDAY.plus(Duration.ofDays(1)));

    assertThat(sent).containsExactly("tips to ada");
    assertThat(second.journeyStats("nudge").treated()).isEqualTo(1);
    // end
  }

  static final Action NUDGE = action("nudge").via(IN_APP).build();

  // snippet: extending-custom-step
  /** Nudges once a day until the customer has three sessions, for at most a week. */
  static final class NudgeUntilActive implements CustomStep {
    @Override
    public StepResult run(StepContext c) {
      if (c.customer().count("session_started") >= 3) {
        return StepResult.next();
      }
      if (c.memory() >= 7) {
        return StepResult.exit("not active after a week of nudges");
      }
      if (c.cause() == StepContext.Cause.EVENT) {
        // a session, but not yet the third: go on waiting as before
        return StepResult.waitUntil(c.waitingUntil().orElseThrow(), c.memory());
      }
      c.send(NUDGE);
      return StepResult.waitUntil(c.now().plus(Duration.ofDays(1)), c.memory() + 1);
    }

    @Override
    public List<Action> actions() {
      return List.of(NUDGE);
    }

    @Override
    public String describe() {
      return "nudgeUntilActive()";
    }
  }
  // end

  @Test
  void a_custom_step_runs_on_arrival_events_and_timers() {
    // snippet: extending-custom-step-use
    Journey activation = journey("activation")
        .enterOn("signed_up")
        .steps(new NudgeUntilActive(), send(action("well-done").via(IN_APP).build()))
        .build();
    Scenario s = Scenario.startingAt(MONDAY, e -> e.journeys(activation));

    s.track("ada", "signed_up")
        .after(Duration.ofDays(1))
        .track(event("ada", "session_started").id("s-1"))
        .track(event("ada", "session_started").id("s-2"))
        .after(Duration.ofDays(1))
        .track(event("ada", "session_started").id("s-3"));

    assertThat(s.outbox().all()).extracting(d -> d.action().name())
        .containsExactly("nudge", "nudge", "nudge", "well-done");
    assertThat(JourneyDiagram.mermaid(activation)).contains("nudgeUntilActive()");
    assertThat(s.engine().explain("ada").toString())
        .contains("1 nudgeUntilActive()  SENT (action nudge via in_app)");
    // end
  }

  @Test
  void a_custom_step_may_end_the_enrollment() {
    Scenario s = Scenario.startingAt(MONDAY, e -> e.journeys(journey("activation")
        .enterOn("signed_up").steps(new NudgeUntilActive()).build()));

    s.track("ada", "signed_up").after(Duration.ofDays(8));

    assertThat(s.outbox().of("nudge")).hasSize(7);
    assertThat(s.outbox().size()).isEqualTo(7);
    assertThat(s.engine().explain("ada").enrollment("activation").orElseThrow().exitReason())
        .contains("not active after a week of nudges");
  }
}
