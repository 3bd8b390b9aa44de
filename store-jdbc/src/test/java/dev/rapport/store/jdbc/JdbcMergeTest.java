package dev.rapport.store.jdbc;

import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.journey;
import static dev.rapport.dsl.Rapport.send;
import static dev.rapport.dsl.Rapport.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.StateStore;
import dev.rapport.core.journey.Journey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Identity merge on the JDBC store, H2 and PostgreSQL: the survivor's row holds both histories
 * and the visitor's timer, the visitor's row and due time are gone, an engine started again on
 * the database continues from there, and forgetting the survivor erases both.
 */
class JdbcMergeTest {
  private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");
  private static final Journey CART = journey("abandoned-cart").enterOn("cart_abandoned")
      .steps(waitFor("checkout_completed").withSame("cart_id").atMost(Duration.ofHours(4))
          .onTimeout(send(action("cart-reminder").via(IN_APP).build())))
      .build();

  static Stream<Arguments> databases() {
    return Stream.of(
        Arguments.of("H2", (Supplier<DataSource>) Databases::h2),
        Arguments.of("PostgreSQL", (Supplier<DataSource>) () -> Databases.postgres(
            Databases.postgresUrl())));
  }

  private static Engine engine(StateStore store, Instant now, List<Dispatch> sent) {
    return Engine.builder().clock(Clock.fixed(now, ZoneOffset.UTC)).stateStore(store)
        .journeys(CART).dispatcher(sent::add).build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void a_merge_moves_the_visitor_into_the_survivor_durably(String name,
      Supplier<DataSource> database) throws Exception {
    DataSource ds = database.get();
    List<Dispatch> sent = new ArrayList<>();
    try (JdbcStateStore store = JdbcStateStore.builder(ds).createSchema().build()) {
      Engine before = engine(store, MONDAY, sent);
      before.track(event("c-1", "page_viewed").at(MONDAY.minusSeconds(600)));
      before.track(event("anon-7", "page_viewed").at(MONDAY.minusSeconds(300)));
      before.track(event("anon-7", "cart_abandoned").with("cart_id", "k-1").at(MONDAY));

      boolean merged = before.merge("anon-7", "c-1");
      boolean again = before.merge("anon-7", "c-1");

      assertThat(merged).isTrue();
      assertThat(again).isFalse();
      assertThat(store.size()).isEqualTo(1);
    }
    try (JdbcStateStore store = JdbcStateStore.open(ds)) {
      Engine after = engine(store, MONDAY.plus(Duration.ofHours(5)), sent);

      after.advanceTo(MONDAY.plus(Duration.ofHours(5)));

      assertThat(after.customer("c-1").orElseThrow().count("page_viewed")).isEqualTo(2);
      assertThat(after.customer("anon-7")).isEmpty();
      assertThat(sent).extracting(d -> d.customer().value() + " " + d.action().name())
          .containsExactly("c-1 cart-reminder");

      after.forget("c-1");

      assertThat(store.size()).isZero();
      after.track(event("anon-9", "page_viewed").at(MONDAY.plus(Duration.ofHours(5))));
      assertThatThrownBy(() -> after.merge("anon-9", "c-1"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("merge(from, into): the surviving customer was forgotten");
    }
  }
}
