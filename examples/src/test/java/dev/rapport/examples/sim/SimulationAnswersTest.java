package dev.rapport.examples.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.measure.ActionRoi;
import dev.rapport.examples.store.CoffeeStore;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The simulated customers answer the store's offers with orders that carry the message's
 * dispatch id, so that the demo's dashboard attributes revenue to the actions that earned it,
 * and to no other action.
 */
class SimulationAnswersTest {
  private static final Set<String> OFFERS = Set.of(CoffeeStore.BREW_GUIDE.name(),
      CoffeeStore.FILTERS.name(), CoffeeStore.SECOND_ORDER_SHORT.name(),
      CoffeeStore.SECOND_ORDER_LONG.name(), CoffeeStore.WIN_BACK.name(),
      CoffeeStore.LAWNMOWER_SALE.name());

  @Test
  void orders_that_answer_the_stores_offers_are_attributed_to_them_only() {
    List<ActionRoi> returns = new Simulation(600, 60, 11, null).run().dashboard()
        .actionReturns();

    assertThat(returns).filteredOn(a -> OFFERS.contains(a.action()))
        .as("some offers earned orders").anyMatch(a -> a.orders() > 0 && a.revenue() > 0);
    assertThat(returns).filteredOn(a -> !OFFERS.contains(a.action()))
        .as("the other messages sell nothing").allMatch(a -> a.orders() == 0);
    assertThat(returns).allMatch(a -> a.orders() <= a.messages(),
        "at most one order per message");
  }
}
