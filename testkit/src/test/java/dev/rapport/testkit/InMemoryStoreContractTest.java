package dev.rapport.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.core.engine.StateStore;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class InMemoryStoreContractTest {

  @TestFactory
  Stream<DynamicTest> the_in_memory_store_keeps_the_contract() {
    return StateStoreContract.of(StateStore::inMemory).checks().stream()
        .map(c -> DynamicTest.dynamicTest(c.name(), c::run));
  }

  @Test
  void verify_names_every_broken_check() {
    StateStoreContract contract = StateStoreContract.of(() -> {
      StateStore store = StateStore.inMemory();
      store.add("left/over", 1); // a store that is not empty breaks every check
      return new ForwardingStateStore(store) {
        @Override
        public long size() {
          return 1;
        }
      };
    });

    assertThatThrownBy(contract::verify)
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("the store breaks 12 checks of the state store contract:\n"
            + "  - an unknown customer has no record: ");
  }

  @Test
  void the_contract_refuses_no_supplier() {
    assertThatThrownBy(() -> StateStoreContract.of(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("StateStoreContract.of(newStore): newStore is null; give a supplier of new, "
            + "empty stores, such as MyStore::new");
  }
}
