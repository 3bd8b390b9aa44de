package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.CustomerId;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Moment;
import dev.rapport.core.Persona;
import dev.rapport.core.Segment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What must hold for every sequence of events: duplicates change nothing, and customers do not
 * affect one another.
 */
class CustomerStatePropertiesTest {
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  static final Instant EARLIEST = NOW.minus(Duration.ofDays(35));
  static final List<String> CUSTOMERS = List.of("c-1", "c-2", "c-3", "c-4");

  /** An engine whose definitions react to the generated events, so derived events happen. */
  static Engine engine(StateStore store) {
    return Engine.builder()
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        // the generated histories reach past the fixed clock
        .limits(InputLimits.ofDefaults().futureTolerance(Duration.ofDays(30)))
        .stateStore(store)
        .historySize(3)
        .retention(Duration.ofDays(20))
        .moments(
            Moment.builder("first-purchase").reachedOn("purchased").build(),
            Moment.builder("big-order")
                .reachedOn("purchased", p -> p.getLong("amount").orElse(0) > 80).build(),
            Moment.builder("engaged").reachedWhen(c -> c.count("viewed") >= 3).build(),
            Moment.builder("hooked").reachedOn(EventTypes.MOMENT_REACHED,
                p -> "first-purchase".equals(p.get(EventTypes.MOMENT))).build())
        .personas(
            Persona.builder("barista")
                .matching(c -> c.hasDone("purchased", p -> "grinder".equals(p.get("sku"))))
                .build(),
            Persona.builder("browser")
                .matching(c -> c.count("viewed") > 2 * c.count("purchased")).build())
        .segments(
            Segment.of("recent-buyers", c -> c.count("purchased", Duration.ofDays(7)) > 0),
            Segment.of("happy", c -> c.hasDone("purchased") && !c.hasDone("refunded")),
            Segment.of("reachable",
                c -> c.consent(dev.rapport.core.Channel.EMAIL,
                    dev.rapport.core.Purpose.MARKETING).isGranted()),
            Segment.of("segment-watcher", c -> c.count(EventTypes.SEGMENT_EXITED) > 0))
        .build();
  }

  // ------------------------------------------------------------------ generators

  /** One generated event before it gets its customer and id. */
  record Spec(String type, long minutes, Map<String, Object> properties, boolean hostId) {}

  static Arbitrary<Spec> specs() {
    Arbitrary<String> types = Arbitraries.of("viewed", "purchased", "refunded",
        EventTypes.CONSENT_GRANTED, EventTypes.CONSENT_REVOKED);
    // a coarse grid of times makes ties between events likely
    Arbitrary<Long> minutes = Arbitraries.longs().between(0, 40 * 24).map(h -> h * 60);
    Arbitrary<String> skus = Arbitraries.of("grinder", "kettle", "scale");
    Arbitrary<Integer> amounts = Arbitraries.integers().between(0, 100);
    Arbitrary<String> channels = Arbitraries.of("email", "sms", "push");
    Arbitrary<String> purposes = Arbitraries.of("marketing", "transactional", "");
    return Combinators.combine(types, minutes, skus, amounts, channels, purposes,
        Arbitraries.of(true, false)).as((type, at, sku, amount, channel, purpose, hostId) -> {
          Map<String, Object> props = new LinkedHashMap<>();
          if (type.startsWith("consent_")) {
            props.put(EventTypes.CHANNEL, channel);
            if (!purpose.isEmpty()) {
              props.put(EventTypes.PURPOSE, purpose);
            }
          } else if (!type.equals("viewed")) {
            props.put("sku", sku);
            props.put("amount", amount);
          }
          return new Spec(type, at, props, hostId);
        });
  }

  static List<Event> events(String customer, List<Spec> specs) {
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      Spec s = specs.get(i);
      Event.Builder b = Event.builder(customer, s.type()).properties(s.properties());
      if (s.hostId()) {
        b.id(customer + "/e-" + i);
      }
      out.add(b.at(EARLIEST.plus(Duration.ofMinutes(s.minutes()))));
    }
    return out;
  }

  /** The same event again: rebuilt from its content, so it has the same id. */
  static Event again(Event e) {
    Event.Builder b = Event.builder(e.customer(), e.type()).properties(e.properties().asMap());
    if (!e.hasDerivedId()) {
      b.id(e.id());
    }
    Event copy = b.at(e.time());
    assertThat(copy.id()).isEqualTo(e.id());
    return copy;
  }

  static Map<CustomerId, Stored> run(List<Event> sequence, StateStore store,
      Engine engine) {
    sequence.forEach(engine::track);
    Map<CustomerId, Stored> out = new HashMap<>();
    for (String c : CUSTOMERS) {
      Stored.of(engine, CustomerId.of(c)).ifPresent(s -> out.put(CustomerId.of(c), s));
    }
    return out;
  }

  // ------------------------------------------------------------------ duplicates

  @Provide
  Arbitrary<List<Event>> sequences() {
    Arbitrary<String> customers = Arbitraries.of("c-1", "c-2");
    return Combinators.combine(customers, specs()).as((c, s) -> events(c, List.of(s)).get(0))
        .list().ofMinSize(1).ofMaxSize(40)
        .map(CustomerStatePropertiesTest::withUniqueHostIds);
  }

  /** Host ids are made unique across the whole sequence, as a host's would be. */
  static List<Event> withUniqueHostIds(List<Event> events) {
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      if (e.hasDerivedId()) {
        out.add(e);
      } else {
        out.add(Event.builder(e.customer(), e.type()).id("e-" + i)
            .properties(e.properties().asMap()).at(e.time()));
      }
    }
    return out;
  }

  @Property(tries = 200)
  void inserting_duplicates_anywhere_gives_the_same_customer_state(
      @ForAll("sequences") List<Event> events,
      @ForAll("picks") List<Long> picks) {
    List<Event> withDuplicates = new ArrayList<>(events);
    for (long pick : picks) {
      Event original = events.get((int) (pick % events.size()));
      int first = withDuplicates.indexOf(original);
      int position = first + 1 + (int) ((pick / events.size()) % (withDuplicates.size() - first));
      withDuplicates.add(position, again(original));
    }
    StateStore plainStore = StateStore.inMemory();
    Engine plainEngine = engine(plainStore);
    StateStore dupStore = StateStore.inMemory();
    Engine dupEngine = engine(dupStore);

    Map<CustomerId, Stored> plain = run(events, plainStore, plainEngine);
    Map<CustomerId, Stored> duplicated = run(withDuplicates, dupStore, dupEngine);

    assertThat(duplicated.keySet()).isEqualTo(plain.keySet());
    plain.forEach((id, stored) -> {
      assertThat(duplicated.get(id).bytes()).as("state of %s", id).isEqualTo(stored.bytes());
      assertThat(duplicated.get(id).version()).as("version of %s", id)
          .isEqualTo(stored.version());
    });
    assertThat(dupEngine.statistics().duplicatesIgnored())
        .isEqualTo(plainEngine.statistics().duplicatesIgnored() + picks.size());
    assertThat(dupEngine.statistics().eventsTracked())
        .isEqualTo(plainEngine.statistics().eventsTracked());
    assertThat(dupEngine.statistics().eventsEmitted())
        .isEqualTo(plainEngine.statistics().eventsEmitted());
  }

  @Provide
  Arbitrary<List<Long>> picks() {
    return Arbitraries.longs().between(0, Long.MAX_VALUE / 2).list().ofMinSize(1).ofMaxSize(15);
  }

  // ------------------------------------------------------------------ interleaving

  /** Each customer's own sequence, and two ways of interleaving them. */
  record Interleavings(Map<String, List<Event>> perCustomer, List<Event> one, List<Event> two) {}

  @Provide
  Arbitrary<Interleavings> interleavings() {
    Arbitrary<List<Spec>> one = specs().list().ofMaxSize(15);
    return Combinators.combine(one, one, one, one).as((a, b, c, d) -> {
      Map<String, List<Event>> per = new LinkedHashMap<>();
      per.put("c-1", events("c-1", a));
      per.put("c-2", events("c-2", b));
      per.put("c-3", events("c-3", c));
      per.put("c-4", events("c-4", d));
      return per;
    }).flatMap(per -> {
      List<String> tags = new ArrayList<>();
      per.forEach((c, events) -> events.forEach(e -> tags.add(c)));
      Arbitrary<List<String>> orders = Arbitraries.shuffle(tags);
      return Combinators.combine(orders, orders).as(
          (x, y) -> new Interleavings(per, interleave(per, x), interleave(per, y)));
    });
  }

  static List<Event> interleave(Map<String, List<Event>> perCustomer, List<String> order) {
    Map<String, Integer> next = new HashMap<>();
    List<Event> out = new ArrayList<>();
    for (String c : order) {
      int i = next.merge(c, 1, Integer::sum) - 1;
      out.add(perCustomer.get(c).get(i));
    }
    return out;
  }

  @Property(tries = 200)
  void interleaving_of_customers_does_not_change_any_customers_state(
      @ForAll("interleavings") Interleavings scenario) {
    StateStore storeOne = StateStore.inMemory();
    StateStore storeTwo = StateStore.inMemory();

    Map<CustomerId, Stored> one = run(scenario.one(), storeOne, engine(storeOne));
    Map<CustomerId, Stored> two = run(scenario.two(), storeTwo, engine(storeTwo));

    for (String c : CUSTOMERS) {
      CustomerId id = CustomerId.of(c);
      boolean hasEvents = !scenario.perCustomer().get(c).isEmpty();
      assertThat(one.containsKey(id)).as("%s stored", c).isEqualTo(hasEvents);
      assertThat(two.containsKey(id)).as("%s stored", c).isEqualTo(hasEvents);
      if (hasEvents) {
        assertThat(two.get(id).bytes()).as("state of %s", c).isEqualTo(one.get(id).bytes());
      }
    }
  }

  @Property(tries = 200)
  void each_customers_state_is_the_one_it_would_have_alone(
      @ForAll("interleavings") Interleavings scenario) {
    StateStore shared = StateStore.inMemory();

    Map<CustomerId, Stored> together = run(scenario.one(), shared, engine(shared));

    scenario.perCustomer().forEach((c, events) -> {
      if (events.isEmpty()) {
        return;
      }
      StateStore alone = StateStore.inMemory();
      Map<CustomerId, Stored> byItself = run(events, alone, engine(alone));
      assertThat(together.get(CustomerId.of(c)).bytes()).as("state of %s", c)
          .isEqualTo(byItself.get(CustomerId.of(c)).bytes());
    });
  }
}
