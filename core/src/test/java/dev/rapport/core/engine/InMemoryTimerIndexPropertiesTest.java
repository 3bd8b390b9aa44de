package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.CustomerId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The in-memory store's due-timer index against a model (every customer's current timer, sorted
 * by due time then id): whatever sequence of writes, moves, removals, deletions and partial
 * drains, every {@code due} answer is the first timers of the model up to the instant asked. The
 * populations are large enough for the heap to be many levels deep, and due times repeat, so
 * that ties are broken by id (ids that share their first characters too).
 */
class InMemoryTimerIndexPropertiesTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final Codec<String> TEXT = new Codec<>() {
    @Override
    public byte[] encode(String value) {
      return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String decode(byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  };
  private static final Comparator<StateStore.Due> ORDER = Comparator.naturalOrder();

  @Property(tries = 60)
  void due_answers_are_the_models_earliest_timers(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 2_000) int customers,
      @ForAll @IntRange(min = 1, max = 40) int distinctTimes) {
    SplittableRandom random = new SplittableRandom(seed);
    StateStore store = StateStore.inMemory();
    Map<CustomerId, Instant> model = new HashMap<>();
    List<CustomerId> ids = new ArrayList<>();
    for (int i = 0; i < customers; i++) {
      // ids that tie in their first eight characters, and ids that do not
      ids.add(CustomerId.of(random.nextBoolean() ? "customer-" + i : "c-" + i));
    }
    for (int step = 0; step < 4 * customers; step++) {
      CustomerId id = ids.get(random.nextInt(customers));
      int what = random.nextInt(10);
      if (what < 6) {
        Instant due = T0.plusSeconds(random.nextInt(distinctTimes));
        write(store, id, Optional.of(due));
        model.put(id, due);
      } else if (what < 8) {
        write(store, id, Optional.empty());
        model.remove(id);
      } else if (what < 9) {
        delete(store, id);
        model.remove(id);
      } else {
        Instant upTo = T0.plusSeconds(random.nextInt(distinctTimes + 1) - 1);
        int limit = 1 + random.nextInt(50);
        assertThat(store.due(upTo, limit)).as("due up to %s, at most %d", upTo, limit)
            .containsExactlyElementsOf(expected(model, upTo, limit));
      }
    }
    Instant end = T0.plusSeconds(distinctTimes);
    assertThat(store.due(end, Integer.MAX_VALUE)).as("every timer at the end")
        .containsExactlyElementsOf(expected(model, end, Integer.MAX_VALUE));
  }

  private static List<StateStore.Due> expected(Map<CustomerId, Instant> model, Instant upTo,
      int limit) {
    return model.entrySet().stream().filter(e -> !e.getValue().isAfter(upTo))
        .map(e -> new StateStore.Due(e.getValue(), e.getKey())).sorted(ORDER).limit(limit)
        .toList();
  }

  private static void write(StateStore store, CustomerId id, Optional<Instant> due) {
    try (StateStore.Transaction tx = store.begin(id)) {
      String before = tx.read(TEXT).map(StateStore.Versioned::value).orElse("");
      tx.write(before + "x", TEXT, due);
      tx.commit();
    }
  }

  private static void delete(StateStore store, CustomerId id) {
    try (StateStore.Transaction tx = store.begin(id)) {
      if (tx.read(TEXT).isPresent()) {
        tx.delete();
        tx.commit();
      }
    }
  }
}
