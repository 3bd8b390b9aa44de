package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.ConsentStatus;
import dev.rapport.core.Customer;
import dev.rapport.core.CustomerId;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Moment;
import dev.rapport.core.Persona;
import dev.rapport.core.Preferences;
import dev.rapport.core.Profile;
import dev.rapport.core.Purpose;
import dev.rapport.core.Scores;
import dev.rapport.core.Segment;
import dev.rapport.core.TraitKey;
import dev.rapport.core.decision.Placement;
import dev.rapport.core.decision.Rule;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.journey.BranchStep;
import dev.rapport.core.journey.CustomStep;
import dev.rapport.core.journey.DecideStep;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.SplitStep;
import dev.rapport.core.journey.StepContext;
import dev.rapport.core.journey.StepResult;
import dev.rapport.core.journey.Trigger;
import dev.rapport.core.journey.WaitForStep;
import dev.rapport.core.journey.WaitStep;
import dev.rapport.core.measure.Revenue;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The customer record's codec: every record an engine can reach reads back as written (and
 * writes back to the same bytes), a record of this format kept in the test resources still reads
 * in every later release, and bytes that are not a record are refused with a clear message.
 */
class RecordCodecTest {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  static final List<String> CUSTOMERS = List.of("ada", "bob", "cy@example.com", "dee");
  static final TraitKey<String> PLAN = TraitKey.of("plan", String.class);
  static final TraitKey<Long> SEATS = TraitKey.of("seats", Long.class);
  static final TraitKey<Double> SCORE = TraitKey.of("score", Double.class);
  static final TraitKey<Boolean> VIP = TraitKey.of("vip", Boolean.class);
  static final TraitKey<BigDecimal> SPEND = TraitKey.of("spend", BigDecimal.class);
  static final TraitKey<Instant> BORN = TraitKey.of("born", Instant.class);
  static final TraitKey<LocalDate> RENEWS = TraitKey.of("renews", LocalDate.class);

  static final Action WELCOME = Action.builder("welcome").purpose(Purpose.TRANSACTIONAL)
      .via(Channel.EMAIL).build();
  static final Action TIPS = Action.builder("tips").topic("help").via(Channel.EMAIL)
      .via(Channel.IN_APP).responseWindow(Duration.ofHours(6)).build();
  static final Action OFFER = Action.builder("offer").topic("sales").via(Channel.IN_APP)
      .cooldown(Duration.ofDays(2)).build();
  static final Action NUDGE = Action.builder("nudge").via(Channel.IN_APP).build();
  static final RuleSet OFFERS = RuleSet.builder("offers")
      .rule(Rule.builder("buyers").when(c -> c.hasDone("purchased")).recommend(OFFER)
          .because("bought before").build())
      .rule(Rule.builder("everyone").when(c -> true).recommend(TIPS).because("help").build())
      .build();

  /** Waits, counting its runs in its memory, and nudges on its timer. */
  static final CustomStep COUNTER = new CustomStep() {
    @Override
    public StepResult run(StepContext c) {
      if (c.memory() > 3) {
        return StepResult.next();
      }
      if (c.cause() == StepContext.Cause.TIMER) {
        c.send(NUDGE);
      }
      return StepResult.waitUntil(c.now().plus(Duration.ofHours(5)), c.memory() + 1);
    }

    @Override
    public List<Action> actions() {
      return List.of(NUDGE);
    }

    @Override
    public String describe() {
      return "counter()";
    }
  };

  static final Journey ONBOARDING = Journey.builder("onboarding")
      .enterOn(Trigger.onEvent("signed_up")).holdout(0.2)
      .steps(SendStep.of(WELCOME),
          WaitForStep.on("purchased").atMost(Duration.ofDays(1)).onTimeout(SendStep.of(TIPS)),
          SplitStep.named("copy").arm("a", 1, SendStep.of(TIPS)).arm("b", 1,
              WaitStep.of(Duration.ofHours(3))),
          COUNTER,
          BranchStep.start(c -> c.count("purchased") > 1).then(DecideStep.of(OFFERS)))
      .build();

  /** An engine with every kind of definition, so that records hold every kind of part. */
  static Engine engine(StateStore store, MutableClock clock) {
    return Engine.builder().clock(clock).stateStore(store)
        .limits(InputLimits.ofDefaults().futureTolerance(Duration.ofDays(30)))
        .historySize(3)
        .retention(Duration.ofDays(10))
        .moments(Moment.builder("bought").reachedOn("purchased").build(),
            Moment.builder("loyal").reachedWhen(c -> c.count("purchased") >= 3).build())
        .personas(Persona.builder("spender")
            .matching(c -> c.trait(SPEND).map(s -> s.intValue() > 100).orElse(false)).build())
        .segments(Segment.of("active", c -> c.count("viewed", Duration.ofDays(7)) > 1),
            Segment.of("vip", c -> c.trait(VIP).orElse(false)))
        .journeys(ONBOARDING)
        .rules(OFFERS)
        .dispatcher(d -> { })
        .build();
  }

  /** A random call: identify with traits, consents and preferences, an event, a decision. */
  static void randomCall(Engine engine, MutableClock clock, SplittableRandom r, int n) {
    String id = CUSTOMERS.get(r.nextInt(CUSTOMERS.size()));
    Instant at = clock.instant();
    switch (r.nextInt(9)) {
      case 0 -> engine.identify(id, Profile.empty()
          .set(TraitKey.EMAIL_ADDRESS, id + "@mail.example")
          .set(PLAN, r.nextBoolean() ? "pro" : "free").set(SEATS, (long) r.nextInt(50))
          .set(SCORE, r.nextDouble()).set(VIP, r.nextBoolean())
          .set(SPEND, BigDecimal.valueOf(r.nextInt(100_000), 2))
          .set(BORN, Instant.parse("1950-06-01T00:00:00.000000123Z"))
          .set(RENEWS, LocalDate.of(2027, 1 + r.nextInt(12), 1))
          .consent(Channel.EMAIL, Purpose.MARKETING,
              r.nextInt(4) == 0 ? ConsentStatus.DENIED : ConsentStatus.GRANTED, at));
      case 1 -> engine.identify(id, Profile.empty().preferences(Preferences.builder()
          .channels(Channel.IN_APP).topicsOut("sales").quietHours(LocalTime.of(22, 0),
              LocalTime.of(7, 30)).timeZone(ZoneId.of("Europe/Paris")).build()));
      case 2 -> engine.track(Event.builder(id, "purchased").id("o-" + n)
          .with("sku", "sku-" + r.nextInt(5)).with("qty", r.nextInt(4))
          .with("price", r.nextDouble() * 100).with("gift", r.nextBoolean())
          .with("big", BigInteger.TWO.pow(70)).with("exact", new BigDecimal("12.3400"))
          .with("tags", List.of("a", 1L, Map.of("k", List.of(true)))).at(at));
      case 3 -> engine.track(Event.of(id, "viewed", at.minusSeconds(r.nextInt(100_000))));
      case 4 -> engine.track(Event.of(id, "signed_up", at));
      case 5 -> engine.decide(id);
      case 6 -> engine.track(Event.builder(id, EventTypes.SURVEY_ANSWERED).with("kind", "csat")
          .with("score", 1 + r.nextInt(5)).with("themes", List.of("speed")).at(at));
      case 7 -> engine.decideAndSend(id, Placement.of("banner", 2, Channel.IN_APP));
      default -> engine.track(Event.builder(id, EventTypes.UNSUBSCRIBED)
          .with("channel", "email").at(at));
    }
    clock.advance(Duration.ofMinutes(1 + r.nextInt(600)));
    engine.advanceTo(clock.instant());
  }

  static Stream<Long> seeds() {
    return IntStream.range(0, 100).mapToObj(i -> 1000L + i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void every_record_an_engine_reaches_reads_back_as_written(long seed) {
    MutableClock clock = new MutableClock(T0);
    Engine engine = engine(StateStore.inMemory(), clock);
    SplittableRandom r = new SplittableRandom(seed);
    for (int n = 0; n < 60; n++) {
      randomCall(engine, clock, r, n);
    }
    DefaultEngine e = (DefaultEngine) engine;

    for (String c : CUSTOMERS) {
      e.record(CustomerId.of(c)).ifPresent(record -> {
        byte[] bytes = e.codec().encode(record);
        CustomerRecord back = e.codec().decode(bytes);

        assertThat(back.sameAs(record)).as("record of %s read back", c).isTrue();
        assertThat(e.codec().encode(back)).as("bytes of %s written again", c).isEqualTo(bytes);
      });
    }
  }

  @Test
  void event_ids_in_any_script_and_of_any_length_are_kept_and_read_back_as_given() {
    MutableClock clock = new MutableClock(T0);
    DefaultEngine e = (DefaultEngine) engine(StateStore.inMemory(), clock);
    List<String> ids = List.of("plain-1", "commande-\u00e9t\u00e9", "\u6ce8\u6587-2",
        "party-\ud83c\udf89", "x".repeat(200), "\u00e9".repeat(100), "plain-2", "last");
    for (String id : ids) {
      e.track(Event.builder("ada", "viewed").id(id).at(clock.instant()));
      e.track(Event.builder("ada", "clicked").id("c-" + id).at(clock.instant()));
      clock.advance(Duration.ofMinutes(1));
    }

    // three kept a type (historySize), the older ones pushed out one by one
    assertThat(e.customer("ada").orElseThrow().history("viewed")).extracting(Event::id)
        .containsExactlyElementsOf(ids.subList(ids.size() - 3, ids.size()));
    CustomerRecord rec = e.record(CustomerId.of("ada")).orElseThrow();
    byte[] bytes = e.codec().encode(rec);
    CustomerRecord back = e.codec().decode(bytes);
    assertThat(back.sameAs(rec)).isTrue();
    assertThat(e.codec().encode(back)).isEqualTo(bytes);
    assertThat(e.customer("ada").orElseThrow().history("clicked")).extracting(Event::id)
        .containsExactly("c-" + "\u00e9".repeat(100), "c-plain-2", "c-last");
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void merging_any_two_records_an_engine_reaches_adds_their_events_once(long seed) {
    MutableClock clock = new MutableClock(T0);
    DefaultEngine engine = (DefaultEngine) engine(StateStore.inMemory(), clock);
    SplittableRandom r = new SplittableRandom(seed);
    for (int n = 0; n < 80; n++) {
      randomCall(engine, clock, r, n);
    }
    Optional<Customer> bob = engine.customer("bob");
    Optional<Customer> ada = engine.customer("ada");
    Map<String, Long> expected = new java.util.TreeMap<>();
    for (Optional<Customer> c : List.of(ada, bob)) {
      c.ifPresent(view -> view.eventTypes().forEach(t -> expected.merge(t, view.count(t),
          Long::sum)));
    }

    boolean merged = engine.merge("bob", "ada");
    boolean again = engine.merge("bob", "ada");

    assertThat(merged).isEqualTo(bob.isPresent());
    assertThat(again).isFalse();
    assertThat(engine.customer("bob")).isEmpty();
    if (merged) {
      Customer after = engine.customer("ada").orElseThrow();
      Map<String, Long> counts = new java.util.TreeMap<>();
      after.eventTypes().forEach(t -> counts.put(t, after.count(t)));
      assertThat(counts).isEqualTo(expected);
      CustomerRecord rec = engine.record(CustomerId.of("ada")).orElseThrow();
      CustomerRecord read = engine.codec().decode(engine.codec().encode(rec));
      assertThat(read.sameAs(rec)).isTrue();
      assertThat(engine.codec().encode(read)).isEqualTo(engine.codec().encode(rec));
    }
  }

  // ------------------------------------------------------------------ the golden record

  static final String GOLDEN = "/dev/rapport/core/engine/golden-record-v1.hex";

  /** The customer of the golden record, made the same way in every release. */
  static CustomerRecord goldenScenario(DefaultEngine engine, MutableClock clock) {
    SplittableRandom r = new SplittableRandom(424242);
    for (int n = 0; n < 200; n++) {
      randomCall(engine, clock, r, n);
    }
    return engine.record(CustomerId.of("ada")).orElseThrow();
  }

  @ParameterizedTest(name = "format {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
  void a_golden_record_of_every_format_still_reads(int format) throws IOException {
    MutableClock clock = new MutableClock(T0);
    DefaultEngine engine = (DefaultEngine) engine(StateStore.inMemory(), clock);
    CustomerRecord expected = goldenScenario(engine, clock);
    byte[] golden = golden(GOLDEN.replace("-v1.", "-v" + format + "."));

    CustomerRecord read = engine.codec().decode(golden);

    assertThat(golden[2]).as("its format version").isEqualTo((byte) format);
    // records before format 3 kept no refusals: they read with none
    assertThat(read.sameAs(format < 3 ? expected.copyWithoutRefusals() : expected))
        .as("the golden record is what the scenario makes").isTrue();
    assertThat(expected.enrollmentCount()).as("the scenario reaches enrollments").isPositive();
    assertThat(expected.contactCount()).as("and contacts").isPositive();
    assertThat(expected.refusalCount()).as("and refusals").isPositive();
  }

  static final String KEYED_GOLDEN = "/dev/rapport/core/engine/golden-keyed-record-v4.hex";

  /**
   * A customer at keyed waits (format 4): one keyed on the enrolling event's {@code cart_id},
   * one on the latest {@code cart_updated}'s, with a key that is missing.
   */
  static DefaultEngine keyedEngine(MutableClock clock) {
    Journey cart = Journey.builder("abandoned-cart")
        .enterOn(Trigger.onEvent("cart_abandoned"))
        .steps(WaitForStep.on("checkout_completed").withSame("cart_id")
            .atMost(Duration.ofHours(4)).onTimeout(SendStep.of(NUDGE)))
        .build();
    Journey session = Journey.builder("session")
        .enterOn(Trigger.onEvent("session_ended"))
        .steps(WaitForStep.on("checkout_completed").withSame("order_id", "cart_updated")
            .atMost(Duration.ofHours(4)).onTimeout(SendStep.of(NUDGE)))
        .build();
    return (DefaultEngine) Engine.builder().clock(clock).journeys(cart, session)
        .dispatcher(d -> { }).build();
  }

  static CustomerRecord keyedScenario(DefaultEngine engine) {
    engine.track(Event.builder("ada", "cart_updated").with("cart_id", "cart-7").at(T0));
    engine.track(Event.builder("ada", "cart_abandoned").with("cart_id", "cart-7")
        .with("items", 3L).at(T0));
    engine.track(Event.builder("ada", "session_ended").at(T0));
    return engine.record(CustomerId.of("ada")).orElseThrow();
  }

  @Test
  void a_golden_record_with_keyed_waits_still_reads() throws IOException {
    DefaultEngine engine = keyedEngine(new MutableClock(T0));
    CustomerRecord expected = keyedScenario(engine);
    byte[] golden;
    try (InputStream in = getClass().getResourceAsStream(KEYED_GOLDEN)) {
      assertThat(in).as("the golden record " + KEYED_GOLDEN).isNotNull();
      golden = HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII)
          .strip());
    }

    CustomerRecord read = engine.codec().decode(golden);

    assertThat(read.sameAs(expected)).isTrue();
    assertThat(read.enrollment("abandoned-cart").waitKey()).isEqualTo("cart-7");
    assertThat(read.enrollment("session").waitKey()).isSameAs(Enrollment.MISSING);
  }

  private byte[] golden(String resource) throws IOException {
    try (InputStream in = getClass().getResourceAsStream(resource)) {
      assertThat(in).as("the golden record " + resource).isNotNull();
      return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII)
          .strip());
    }
  }

  // ------------------------------------------------------------------ value (format 6)

  static final String GOLDEN_VALUE = "/dev/rapport/core/engine/golden-record-v6-value.hex";

  /** The golden scenario's engine, with revenue and scores: records that hold a value. */
  static Engine valueEngine(StateStore store, MutableClock clock) {
    return Engine.builder().clock(clock).stateStore(store)
        .limits(InputLimits.ofDefaults().futureTolerance(Duration.ofDays(30)))
        .historySize(3)
        .retention(Duration.ofDays(10))
        .segments(Segment.of("vip", c -> c.trait(VIP).orElse(false)))
        .journeys(ONBOARDING)
        .rules(OFFERS)
        .revenue(Revenue.of("purchased", "returned").amount("price").in("EUR"))
        .scores(Scores.historicalClv(Duration.ofDays(10)),
            Scores.predictedClv(Duration.ofDays(365)))
        .dispatcher(d -> { })
        .build();
  }

  /** The golden scenario, with some returns among the calls. */
  static CustomerRecord goldenValueScenario(DefaultEngine engine, MutableClock clock) {
    SplittableRandom r = new SplittableRandom(434343);
    for (int n = 0; n < 200; n++) {
      if (r.nextInt(8) == 0) {
        engine.track(Event.builder(CUSTOMERS.get(r.nextInt(CUSTOMERS.size())), "returned")
            .with("price", -r.nextInt(3000) / 100.0).at(clock.instant()));
      }
      randomCall(engine, clock, r, n);
    }
    return engine.record(CustomerId.of("ada")).orElseThrow();
  }

  static final String MERGED_GOLDEN = "/dev/rapport/core/engine/golden-merged-record-v5.hex";

  /** A customer another was merged into (format 5): the merged id and version are kept. */
  static CustomerRecord mergedScenario(DefaultEngine engine, MutableClock clock) {
    SplittableRandom r = new SplittableRandom(5150);
    for (int n = 0; n < 60; n++) {
      randomCall(engine, clock, r, n);
    }
    engine.merge("bob", "ada");
    return engine.record(CustomerId.of("ada")).orElseThrow();
  }

  @Test
  void a_golden_record_of_a_merge_still_reads() throws IOException {
    MutableClock clock = new MutableClock(T0);
    DefaultEngine engine = (DefaultEngine) engine(StateStore.inMemory(), clock);
    CustomerRecord expected = mergedScenario(engine, clock);
    byte[] golden;
    try (InputStream in = getClass().getResourceAsStream(MERGED_GOLDEN)) {
      assertThat(in).as("the golden record " + MERGED_GOLDEN).isNotNull();
      golden = HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII)
          .strip());
    }

    CustomerRecord read = engine.codec().decode(golden);

    // the fingerprint of the merged record is of its bytes in the format of the engine that
    // merged it (format 5 here): a later format gives another one, the rest reads the same
    assertThat(read.withMergedFrom(expected.mergedFrom()).sameAs(expected)).isTrue();
    assertThat(read.mergedFrom()).containsOnlyKeys("bob");
  }

  @Test
  void a_golden_record_with_a_value_still_reads() throws IOException {
    MutableClock clock = new MutableClock(T0);
    DefaultEngine engine = (DefaultEngine) valueEngine(StateStore.inMemory(), clock);
    CustomerRecord expected = goldenValueScenario(engine, clock);
    byte[] golden = golden(GOLDEN_VALUE);

    CustomerRecord read = engine.codec().decode(golden);

    assertThat(golden[2]).as("its format version").isEqualTo((byte) 6);
    assertThat(read.sameAs(expected)).as("the golden record is what the scenario makes")
        .isTrue();
    assertThat(expected.value().orders).as("the scenario buys").isPositive();
    assertThat(expected.value().entries()).as("within the retention").isPositive();
    assertThat(expected.value().scoreCount()).as("and scores").isEqualTo(2);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void every_record_with_a_value_reads_back_as_written(long seed) {
    MutableClock clock = new MutableClock(T0);
    DefaultEngine e = (DefaultEngine) valueEngine(StateStore.inMemory(), clock);
    SplittableRandom r = new SplittableRandom(seed);
    for (int n = 0; n < 60; n++) {
      if (r.nextInt(8) == 0) {
        e.track(Event.builder(CUSTOMERS.get(r.nextInt(CUSTOMERS.size())), "returned")
            .with("price", -r.nextInt(3000) / 100.0).at(clock.instant()));
      }
      randomCall(e, clock, r, n);
    }

    for (String c : CUSTOMERS) {
      e.record(CustomerId.of(c)).ifPresent(record -> {
        byte[] bytes = e.codec().encode(record);
        CustomerRecord back = e.codec().decode(bytes);

        assertThat(back.sameAs(record)).as("record of %s read back", c).isTrue();
        assertThat(e.codec().encode(back)).as("bytes of %s written again", c).isEqualTo(bytes);
      });
    }
  }

  @Test
  void a_value_read_by_an_engine_without_those_scores_keeps_the_purchases_only() {
    MutableClock clock = new MutableClock(T0);
    DefaultEngine valued = (DefaultEngine) valueEngine(StateStore.inMemory(), clock);
    CustomerRecord record = goldenValueScenario(valued, clock);
    DefaultEngine plain = (DefaultEngine) engine(StateStore.inMemory(), new MutableClock(T0));

    CustomerRecord read = plain.codec().decode(valued.codec().encode(record));

    assertThat(read.value().orders).isEqualTo(record.value().orders);
    assertThat(read.value().revenue).isEqualTo(record.value().revenue);
    assertThat(read.value().scoreCount()).as("no score it does not declare").isZero();
  }

  // ------------------------------------------------------------------ exposures (format 7)

  static final String GOLDEN_EXPOSED = "/dev/rapport/core/engine/golden-exposed-record-v7.hex";
  static final Action HELD_WELCOME = Action.builder("held-welcome").via(Channel.IN_APP)
      .holdout(0.5).build();
  static final Action HELD_TIPS = Action.builder("held-tips").topic("help").via(Channel.IN_APP)
      .via(Channel.EMAIL).holdout(0.5).build();
  static final Action HELD_OFFER = Action.builder("held-offer").topic("sales")
      .via(Channel.IN_APP).holdout(0.4).build();
  static final RuleSet HELD_OFFERS = RuleSet.builder("held-offers")
      .rule(Rule.builder("buyers").when(c -> c.hasDone("purchased")).recommend(HELD_OFFER)
          .because("bought before").build())
      .rule(Rule.builder("everyone").when(c -> true).recommend(HELD_TIPS).because("help")
          .build())
      .build();

  /**
   * The golden scenario's calls on actions with holdouts, from a journey and from decisions,
   * with revenue: records that hold exposures in both arms, some converted.
   */
  static Engine exposedEngine(StateStore store, MutableClock clock) {
    return Engine.builder().clock(clock).stateStore(store)
        .limits(InputLimits.ofDefaults().futureTolerance(Duration.ofDays(30)))
        .historySize(3)
        .retention(Duration.ofDays(10))
        .journeys(Journey.builder("held-onboarding").enterOn(Trigger.onEvent("signed_up"))
            .steps(SendStep.of(HELD_WELCOME), WaitForStep.on("purchased")
                .atMost(Duration.ofDays(1)).onTimeout(SendStep.of(HELD_TIPS)))
            .build())
        .rules(HELD_OFFERS)
        .revenue(Revenue.of("purchased").amount("price").in("EUR"))
        .dispatcher(d -> { })
        .build();
  }

  static CustomerRecord goldenExposedScenario(DefaultEngine engine, MutableClock clock) {
    SplittableRandom r = new SplittableRandom(717171);
    for (int n = 0; n < 200; n++) {
      randomCall(engine, clock, r, n);
    }
    return engine.record(CustomerId.of("ada")).orElseThrow();
  }

  @Test
  void a_golden_record_with_exposures_still_reads() throws IOException {
    MutableClock clock = new MutableClock(T0);
    DefaultEngine engine = (DefaultEngine) exposedEngine(StateStore.inMemory(), clock);
    CustomerRecord expected = goldenExposedScenario(engine, clock);
    byte[] golden = golden(GOLDEN_EXPOSED);

    CustomerRecord read = engine.codec().decode(golden);

    assertThat(golden[2]).as("its format version").isEqualTo((byte) 7);
    assertThat(read.sameAs(expected)).as("the golden record is what the scenario makes")
        .isTrue();
    List<Exposure> exposures = IntStream.range(0, expected.exposureCount())
        .mapToObj(expected::exposureAt).toList();
    assertThat(exposures).as("the scenario exposes the customer to every held-out action")
        .extracting(Exposure::action)
        .containsExactlyInAnyOrder("held-welcome", "held-tips", "held-offer");
    assertThat(exposures).as("in both arms").extracting(Exposure::heldOut).contains(true, false);
    assertThat(exposures).as("and converts").extracting(Exposure::converted).contains(true);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void every_record_with_exposures_reads_back_as_written_merged_or_not(long seed) {
    MutableClock clock = new MutableClock(T0);
    DefaultEngine e = (DefaultEngine) exposedEngine(StateStore.inMemory(), clock);
    SplittableRandom r = new SplittableRandom(seed);
    for (int n = 0; n < 60; n++) {
      randomCall(e, clock, r, n);
    }
    e.merge("bob", "ada");

    for (String c : CUSTOMERS) {
      e.record(CustomerId.of(c)).ifPresent(record -> {
        byte[] bytes = e.codec().encode(record);
        CustomerRecord back = e.codec().decode(bytes);

        assertThat(back.sameAs(record)).as("record of %s read back", c).isTrue();
        assertThat(e.codec().encode(back)).as("bytes of %s written again", c).isEqualTo(bytes);
      });
    }
  }

  @Test
  void a_record_of_format_6_reads_with_no_exposure_and_its_customer_is_exposed_anew()
      throws IOException {
    MutableClock clock = new MutableClock(T0);
    DefaultEngine engine = (DefaultEngine) exposedEngine(StateStore.inMemory(), clock);

    CustomerRecord read = engine.codec().decode(golden(GOLDEN.replace("-v1.", "-v6.")));

    assertThat(read.exposureCount()).isZero();
    assertThat(read.exposure("held-welcome")).isNull();
  }

  /**
   * Writes the golden record of the current format, from the core module's folder; run by hand
   * once per new format version (never to refresh an existing one): the test class's {@code
   * main}, with the test class path.
   *
   * @param args none
   * @throws IOException if the file cannot be written
   */
  public static void main(String[] args) throws IOException {
    MutableClock clock = new MutableClock(T0);
    DefaultEngine engine = (DefaultEngine) engine(StateStore.inMemory(), clock);
    byte[] bytes = engine.codec().encode(goldenScenario(engine, clock));
    java.nio.file.Path file = java.nio.file.Path.of("src/test/resources" + GOLDEN.replace(
        "-v1.", "-v" + RecordCodec.VERSION + "."));
    java.nio.file.Files.createDirectories(file.getParent());
    java.nio.file.Files.writeString(file, HexFormat.of().formatHex(bytes) + "\n");
    java.nio.file.Path mergedFile = java.nio.file.Path.of("src/test/resources" + MERGED_GOLDEN);
    if (!java.nio.file.Files.exists(mergedFile)) {
      MutableClock c = new MutableClock(T0);
      DefaultEngine e = (DefaultEngine) engine(StateStore.inMemory(), c);
      java.nio.file.Files.writeString(mergedFile, HexFormat.of().formatHex(e.codec().encode(
          mergedScenario(e, c))) + "\n");
    }
    java.nio.file.Path keyed = java.nio.file.Path.of("src/test/resources" + KEYED_GOLDEN);
    if (!java.nio.file.Files.exists(keyed)) {
      DefaultEngine any = keyedEngine(new MutableClock(T0));
      java.nio.file.Files.writeString(keyed, HexFormat.of().formatHex(any.codec().encode(
          keyedScenario(any))) + "\n");
    }
    java.nio.file.Path exposed = java.nio.file.Path.of("src/test/resources" + GOLDEN_EXPOSED);
    if (!java.nio.file.Files.exists(exposed)) {
      MutableClock c = new MutableClock(T0);
      DefaultEngine e = (DefaultEngine) exposedEngine(StateStore.inMemory(), c);
      java.nio.file.Files.writeString(exposed, HexFormat.of().formatHex(e.codec().encode(
          goldenExposedScenario(e, c))) + "\n");
    }
    if (args.length > 0 && args[0].equals("value")) {
      MutableClock valueClock = new MutableClock(T0);
      DefaultEngine valued = (DefaultEngine) valueEngine(StateStore.inMemory(), valueClock);
      java.nio.file.Files.writeString(java.nio.file.Path.of("src/test/resources" + GOLDEN_VALUE),
          HexFormat.of().formatHex(valued.codec().encode(goldenValueScenario(valued,
              valueClock))) + "\n");
    }
  }

  // ------------------------------------------------------------------ refused bytes

  @Test
  void bytes_that_are_not_a_record_are_refused_with_what_is_wrong() {
    DefaultEngine engine = (DefaultEngine) engine(StateStore.inMemory(), new MutableClock(T0));
    engine.track(Event.of("ada", "viewed", T0));
    byte[] good = engine.codec().encode(engine.record(CustomerId.of("ada")).orElseThrow());
    byte[] future = good.clone();
    future[2] = 9;
    byte[] longer = java.util.Arrays.copyOf(good, good.length + 2);

    assertThatThrownBy(() -> engine.codec().decode(new byte[] {'X', 'Y', 1}))
        .isInstanceOf(Codec.CodecException.class)
        .hasMessage("customer record: the bytes do not start with the record's magic 'RC'; "
            + "they are not a Rapport customer record (3 bytes)");
    assertThatThrownBy(() -> engine.codec().decode(future))
        .isInstanceOf(Codec.CodecException.class)
        .hasMessage("customer record: format version 9 is newer than this release reads (up "
            + "to 7); upgrade Rapport on this engine");
    assertThatThrownBy(() -> engine.codec().decode(java.util.Arrays.copyOf(good, 12)))
        .isInstanceOf(Codec.CodecException.class)
        .hasMessageStartingWith("customer record: the bytes end at 12 before the value is "
            + "complete");
    assertThatThrownBy(() -> engine.codec().decode(longer))
        .isInstanceOf(Codec.CodecException.class)
        .hasMessage("customer record: 2 bytes are left after a complete record of format 7; "
            + "the bytes are not a customer record");
  }
}
