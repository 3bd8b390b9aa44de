package dev.rapport.dsl.decision;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.GRANTED;
import static dev.rapport.dsl.Rapport.MARKETING;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.profile;
import static dev.rapport.dsl.Rapport.rules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.core.Action;
import dev.rapport.core.CustomerId;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.Placement;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.Codec;
import dev.rapport.core.engine.StateStore;
import dev.rapport.dsl.journey.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreviewTest {
  private final Instant noon = Instant.parse("2026-03-02T12:00:00Z");
  private final Action brewGuide = action("brew-guide").topic("coffee").via(EMAIL).value(3.0)
      .build();
  private final Action filters = action("filters").topic("supplies").via(EMAIL).build();
  private final RuleSet storefront = rules("storefront")
      .rule("brew-guides").whenDone("purchased", p -> "grinder".equals(p.get("sku")))
          .recommend(brewGuide).because("owns a grinder")
      .rule("filters").whenDone("purchased").recommend(filters).because("bought something")
      .build();
  private final StateStore store = StateStore.inMemory();
  private final List<Dispatch> outbox = new ArrayList<>();
  private final Engine engine = Engine.builder().clock(new MutableClock(noon)).stateStore(store)
      .rules(storefront).dispatcher(outbox::add).build();

  private void grinderOwner() {
    engine.identify("ada", profile().set(EMAIL_ADDRESS, "ada@example.com")
        .consent(EMAIL, MARKETING, GRANTED));
    engine.track(event("ada", "purchased").with("sku", "grinder").at(noon.minusSeconds(60)));
  }

  @Test
  void a_preview_decides_as_decide_would() {
    grinderOwner();

    Decision preview = engine.preview("ada", Placement.ofDefaults());
    Decision decided = engine.decide("ada");

    assertThat(preview.winners()).extracting(r -> r.action().name() + " " + r.score())
        .containsExactlyElementsOf(decided.winners().stream()
            .map(r -> r.action().name() + " " + r.score()).toList());
    assertThat(preview.winners()).extracting(r -> r.action().name())
        .containsExactly("brew-guide", "filters");
  }

  @Test
  void a_preview_records_nothing_sends_nothing_and_counts_nothing() {
    grinderOwner();
    long version = version("ada");
    long decisions = engine.statistics().decisions();

    engine.preview("ada", Placement.ofDefaults());

    assertThat(version("ada")).as("the record was not written").isEqualTo(version);
    assertThat(engine.statistics().decisions()).isEqualTo(decisions);
    assertThat(outbox).isEmpty();
  }

  /** The version of a customer's record in the in-memory store, which keeps records as is. */
  private long version(String customer) {
    Codec<Object> asIs = new Codec<>() {
      @Override
      public byte[] encode(Object value) {
        throw new IllegalStateException("the in-memory store writes no bytes");
      }

      @Override
      public Object decode(byte[] bytes) {
        throw new IllegalStateException("the in-memory store reads no bytes");
      }
    };
    try (StateStore.Transaction tx = store.begin(CustomerId.of(customer))) {
      return tx.read(asIs).orElseThrow().version();
    }
  }

  @Test
  void a_preview_needs_a_placement_and_a_rule_set() {
    Engine bare = Engine.builder().clock(new MutableClock(noon)).build();

    assertThatThrownBy(() -> engine.preview("ada", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("preview(\"ada\", placement): placement is null; give a Placement such as "
            + "Placement.ofDefaults()");
    assertThatThrownBy(() -> bare.preview("ada", Placement.ofDefaults()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("preview(\"ada\"): the engine has no rule set; add one with "
            + "Engine.builder().rules(...)");
  }
}
