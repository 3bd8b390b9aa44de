package dev.rapport.kafka.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.CustomerId;
import dev.rapport.core.engine.Codec;
import dev.rapport.core.engine.StateStore;
import dev.rapport.testkit.StateStoreContract;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The task's store keeps the state store contract on a Kafka Streams key-value store, alone and
 * beside a global store of other partitions; and it reads the measures of every partition as
 * one.
 */
class TaskStateStoreTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
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

  @TestFactory
  Stream<DynamicTest> keeps_the_state_store_contract_on_its_own() {
    return StateStoreContract.of(() -> new TaskStateStore(TestStores.inMemory("task"), null, 0))
        .checks().stream().map(c -> DynamicTest.dynamicTest(c.name(), c::run));
  }

  @TestFactory
  Stream<DynamicTest> keeps_the_state_store_contract_beside_an_empty_global_store() {
    return StateStoreContract.of(() -> new TaskStateStore(TestStores.inMemory("task"),
        TestStores.inMemory("global"), 3))
        .checks().stream().map(c -> DynamicTest.dynamicTest(c.name(), c::run));
  }

  /** Two partitions' stores over one global store, each publishing into it. */
  private static final class TwoPartitions {
    final KeyValueStore<Bytes, byte[]> global = TestStores.inMemory("global");
    final TaskStateStore zero = new TaskStateStore(TestStores.inMemory("p0"), global, 0);
    final TaskStateStore one = new TaskStateStore(TestStores.inMemory("p1"), global, 1);

    void publish(TaskStateStore store) {
      store.publish((k, v) -> {
        if (v == null) {
          global.delete(k);
        } else {
          global.put(k, v);
        }
      });
    }
  }

  private static void commit(StateStore store, String customer, Instant due, String counter,
      StateStore.Cell cell) {
    try (StateStore.Transaction tx = store.begin(CustomerId.of(customer))) {
      tx.read(TEXT);
      tx.write(customer, TEXT, Optional.ofNullable(due));
      tx.add(counter, 1);
      tx.add("metric/m/global", cell);
      tx.commit();
    }
  }

  @Test
  void reads_the_measures_of_every_partition_as_one_once_published() {
    TwoPartitions p = new TwoPartitions();
    commit(p.zero, "ada", null, "journey/x", new StateStore.Cell(10, 1, 0, 1, 2.0));
    commit(p.one, "bob", null, "journey/x", new StateStore.Cell(10, 0, 0, 1, 1.0));
    commit(p.one, "cy", null, "journey/x", new StateStore.Cell(11, 1, 0, 1, 0.5));
    assertThat(p.zero.counter("journey/x")).as("before any publication").isEqualTo(1);

    p.publish(p.zero);
    p.publish(p.one);

    assertThat(p.zero.counter("journey/x")).isEqualTo(3);
    assertThat(p.one.counter("journey/x")).isEqualTo(3);
    assertThat(p.zero.counters("journey/")).containsExactly(Map.entry("journey/x", 3L));
    assertThat(p.zero.series("metric/m/global")).containsExactly(
        new StateStore.Cell(10, 1, 0, 2, 3.0), new StateStore.Cell(11, 1, 0, 1, 0.5));
    assertThat(p.one.seriesKeys("metric/")).containsExactly("metric/m/global");
    assertThat(p.zero.size()).isEqualTo(3);
    assertThat(p.one.size()).isEqualTo(3);
  }

  @Test
  void a_partition_reads_its_own_share_fresh_and_the_others_as_published() {
    TwoPartitions p = new TwoPartitions();
    commit(p.zero, "ada", null, "n", new StateStore.Cell(1, 1, 0, 1, 0));
    p.publish(p.zero);
    commit(p.zero, "ada", null, "n", new StateStore.Cell(1, 1, 0, 1, 0));

    long seenByZero = p.zero.counter("n");
    long seenByOne = p.one.counter("n");

    assertThat(seenByZero).as("its own share, unpublished commit included").isEqualTo(2);
    assertThat(seenByOne).as("the other's share as last published").isEqualTo(1);
  }

  @Test
  void publishes_deletions_so_that_pruned_cells_and_zeroed_counters_leave_every_reader() {
    TwoPartitions p = new TwoPartitions();
    commit(p.zero, "ada", null, "n", new StateStore.Cell(1, 1, 0, 1, 0));
    commit(p.zero, "bob", null, "n", new StateStore.Cell(5, 1, 0, 1, 0));
    p.publish(p.zero);

    p.zero.prune("metric/m/global", 5);
    p.zero.add("n", -2);
    p.publish(p.zero);

    assertThat(p.one.series("metric/m/global")).containsExactly(
        new StateStore.Cell(5, 1, 0, 1, 0));
    assertThat(p.one.counter("n")).isZero();
    assertThat(p.one.counters("")).doesNotContainKey("n");
  }

  @Test
  void a_shared_value_reads_as_the_highest_version_any_partition_wrote() {
    TwoPartitions p = new TwoPartitions();
    assertThat(p.zero.putShared("guardrail/g", "breached", TEXT, 0)).isTrue();
    p.publish(p.zero);

    Optional<StateStore.Versioned<String>> seen = p.one.shared("guardrail/g", TEXT);
    boolean stale = p.one.putShared("guardrail/g", "recovered", TEXT, 0);
    boolean over = p.one.putShared("guardrail/g", "recovered", TEXT, 1);
    p.publish(p.one);

    assertThat(seen).contains(new StateStore.Versioned<>("breached", 1));
    assertThat(stale).as("a write over a version another partition moved on").isFalse();
    assertThat(over).isTrue();
    assertThat(p.zero.shared("guardrail/g", TEXT))
        .contains(new StateStore.Versioned<>("recovered", 2));
  }

  @Test
  void the_timer_index_is_the_partitions_own_and_can_be_narrowed_to_one_customer_or_a_budget() {
    TwoPartitions p = new TwoPartitions();
    commit(p.zero, "cy", T0.plusSeconds(2), "n", new StateStore.Cell(1, 0, 0, 1, 0));
    commit(p.zero, "ada", T0, "n", new StateStore.Cell(1, 0, 0, 1, 0));
    commit(p.zero, "bob", T0.plusSeconds(1), "n", new StateStore.Cell(1, 0, 0, 1, 0));
    commit(p.one, "dee", T0, "n", new StateStore.Cell(1, 0, 0, 1, 0));
    p.publish(p.one);

    List<StateStore.Due> all = p.zero.due(T0.plusSeconds(10), 10);
    p.zero.onlyDueOf("bob");
    List<StateStore.Due> bob = p.zero.due(T0.plusSeconds(10), 10);
    p.zero.allDue();
    p.zero.dueBudget(2);
    List<StateStore.Due> first = p.zero.due(T0.plusSeconds(10), 10);
    List<StateStore.Due> rest = p.zero.due(T0.plusSeconds(10), 10);
    boolean spent = p.zero.budgetSpent();
    p.zero.allDue();

    assertThat(all).extracting(d -> d.customer().value()).containsExactly("ada", "bob", "cy");
    assertThat(bob).containsExactly(new StateStore.Due(T0.plusSeconds(1), CustomerId.of("bob")));
    assertThat(first).extracting(d -> d.customer().value()).containsExactly("ada", "bob");
    assertThat(rest).as("nothing past the budget").isEmpty();
    assertThat(spent).isTrue();
  }

  @Test
  void the_outbox_and_the_timer_index_survive_a_new_store_on_the_same_data() {
    KeyValueStore<Bytes, byte[]> data = TestStores.inMemory("task");
    TaskStateStore before = new TaskStateStore(data, null, 0);
    try (StateStore.Transaction tx = before.begin(CustomerId.of("ada"))) {
      tx.read(TEXT);
      tx.write("ada", TEXT, Optional.of(T0));
      tx.enqueue("d-1", "hello", TEXT);
      tx.commit();
    }

    TaskStateStore after = new TaskStateStore(data, null, 0);

    assertThat(after.undelivered(TEXT, 10)).containsExactly("hello");
    assertThat(after.due(T0, 10)).containsExactly(new StateStore.Due(T0, CustomerId.of("ada")));
  }
}
