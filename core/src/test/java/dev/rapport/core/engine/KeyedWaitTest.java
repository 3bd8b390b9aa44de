package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.CustomerId;
import dev.rapport.core.Event;
import dev.rapport.core.journey.EnrollmentStatus;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.ReEntry;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.Trigger;
import dev.rapport.core.journey.WaitForStep;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keyed waits: a wait met only by an event whose property matches the one of the enrolling event,
 * or of the customer's latest event of a named type when the wait began.
 */
class KeyedWaitTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private final MutableClock clock = new MutableClock(T0);
  private final List<Dispatch> outbox = new ArrayList<>();
  private final Action reminder = Action.builder("cart-reminder").via(Channel.IN_APP).build();
  private final Action thanks = Action.builder("thanks").via(Channel.IN_APP).build();
  /** The abandoned-cart journey: a reminder unless that cart is checked out within 4 hours. */
  private final Journey abandoned = Journey.builder("abandoned-cart").reEntry(ReEntry.afterExit())
      .enterOn(Trigger.onEvent("cart_abandoned"))
      .steps(WaitForStep.on("checkout_completed").withSame("cart_id")
          .atMost(Duration.ofHours(4)).onTimeout(SendStep.of(reminder)))
      .build();

  private Engine engine(Journey journey, StateStore store) {
    return Engine.builder().clock(clock).stateStore(store).journeys(journey)
        .dispatcher(outbox::add).build();
  }

  private void track(Engine engine, String customer, String type, String cart, Instant at) {
    clock.set(at);
    engine.advanceTo(at);
    Event.Builder b = Event.builder(customer, type);
    if (cart != null) {
      b.with("cart_id", cart);
    }
    engine.track(b.at(at));
  }

  private static Instant minutes(int m) {
    return T0.plus(Duration.ofMinutes(m));
  }

  private List<String> sent() {
    return outbox.stream().map(d -> d.customer().value() + " " + d.action().name()).toList();
  }

  @Test
  void the_checkout_of_another_cart_does_not_end_the_wait() {
    Engine engine = engine(abandoned, StateStore.inMemory());

    track(engine, "ada", "cart_abandoned", "cart-1", minutes(0));
    track(engine, "ada", "checkout_completed", "cart-2", minutes(30));
    engine.advanceTo(minutes(5 * 60));

    assertThat(sent()).containsExactly("ada cart-reminder");
  }

  @Test
  void the_checkout_of_the_same_cart_ends_the_wait() {
    Engine engine = engine(abandoned, StateStore.inMemory());

    track(engine, "ada", "cart_abandoned", "cart-1", minutes(0));
    track(engine, "ada", "checkout_completed", "cart-2", minutes(30));
    track(engine, "ada", "checkout_completed", "cart-1", minutes(60));
    engine.advanceTo(minutes(5 * 60));

    assertThat(sent()).isEmpty();
    assertThat(engine.explain("ada").enrollment("abandoned-cart").orElseThrow().status())
        .isEqualTo(EnrollmentStatus.COMPLETED);
  }

  @Test
  void an_enrolling_event_without_the_key_waits_until_its_bound() {
    Engine engine = engine(abandoned, StateStore.inMemory());

    track(engine, "ada", "cart_abandoned", null, minutes(0));
    track(engine, "ada", "checkout_completed", "cart-1", minutes(30));
    track(engine, "ada", "checkout_completed", null, minutes(31));
    engine.advanceTo(minutes(5 * 60));

    assertThat(sent()).containsExactly("ada cart-reminder");
  }

  @Test
  void a_wait_keyed_on_an_earlier_event_reads_its_latest_one_when_the_wait_begins() {
    Journey browse = Journey.builder("browse-abandon").reEntry(ReEntry.afterExit())
        .enterOn(Trigger.onEvent("session_ended"))
        .steps(WaitForStep.on("checkout_completed").withSame("cart_id", "cart_updated")
            .atMost(Duration.ofHours(4)).onTimeout(SendStep.of(reminder)),
            SendStep.of(thanks))
        .build();
    Engine engine = engine(browse, StateStore.inMemory());

    track(engine, "ada", "cart_updated", "cart-1", minutes(0));
    track(engine, "ada", "cart_updated", "cart-2", minutes(5));
    track(engine, "ada", "session_ended", null, minutes(10));  // waits for cart-2
    track(engine, "ada", "cart_updated", "cart-3", minutes(20)); // after the wait began
    track(engine, "ada", "checkout_completed", "cart-1", minutes(30));
    track(engine, "ada", "checkout_completed", "cart-3", minutes(40));
    track(engine, "bob", "cart_updated", "cart-9", minutes(0));
    track(engine, "bob", "session_ended", null, minutes(10));
    track(engine, "bob", "checkout_completed", "cart-9", minutes(50));
    engine.advanceTo(minutes(5 * 60));

    assertThat(sent()).containsExactly("bob thanks", "ada cart-reminder", "ada thanks");
  }

  @Test
  void each_enrollment_keeps_its_own_key_across_re_entries() {
    Engine engine = engine(abandoned, StateStore.inMemory());

    track(engine, "ada", "cart_abandoned", "cart-1", minutes(0));
    engine.advanceTo(minutes(5 * 60));                                 // reminder for cart-1
    track(engine, "ada", "cart_abandoned", "cart-2", minutes(6 * 60));
    track(engine, "ada", "checkout_completed", "cart-1", minutes(6 * 60 + 10));
    track(engine, "ada", "checkout_completed", "cart-2", minutes(6 * 60 + 20));
    engine.advanceTo(minutes(12 * 60));

    assertThat(sent()).containsExactly("ada cart-reminder");
  }

  @Test
  void an_engine_on_the_same_store_keeps_the_key_of_a_waiting_enrollment() {
    StateStore store = StateStore.inMemory();
    Engine first = engine(abandoned, store);
    track(first, "ada", "cart_abandoned", "cart-1", minutes(0));

    Engine second = engine(abandoned, store);
    track(second, "ada", "checkout_completed", "cart-2", minutes(30));
    track(second, "ada", "checkout_completed", "cart-1", minutes(40));
    second.advanceTo(minutes(5 * 60));

    assertThat(sent()).isEmpty();
  }

  @Test
  void the_key_of_a_waiting_enrollment_survives_the_codec() {
    DefaultEngine engine = (DefaultEngine) engine(abandoned, StateStore.inMemory());
    track(engine, "ada", "cart_abandoned", "cart-1", minutes(0));
    track(engine, "bob", "cart_abandoned", null, minutes(0));

    for (String who : List.of("ada", "bob")) {
      CustomerRecord rec = engine.record(CustomerId.of(who)).orElseThrow();
      CustomerRecord read = engine.codec().decode(engine.codec().encode(rec));
      assertThat(read.sameAs(rec)).as(who).isTrue();
    }
    CustomerRecord ada = engine.codec().decode(engine.codec().encode(
        engine.record(CustomerId.of("ada")).orElseThrow()));
    assertThat(ada.enrollmentAt(0).waitKey()).isEqualTo("cart-1");
    assertThat(ada.enrollmentAt(0).entryKeys().get("cart_id")).isEqualTo("cart-1");
    CustomerRecord bob = engine.codec().decode(engine.codec().encode(
        engine.record(CustomerId.of("bob")).orElseThrow()));
    assertThat(bob.enrollmentAt(0).waitKey()).isSameAs(Enrollment.MISSING);
  }

  @Test
  void a_keyed_wait_describes_its_key_and_is_keyed_once() {
    WaitForStep w = WaitForStep.on("checkout_completed").withSame("cart_id")
        .atMost(Duration.ofHours(4));
    WaitForStep earlier = WaitForStep.on("checkout_completed")
        .withSame("cart_id", "cart_updated").atMost(Duration.ofHours(4));

    assertThat(w.describe()).isEqualTo("waitFor(checkout_completed, same cart_id, atMost PT4H)");
    assertThat(earlier.describe()).isEqualTo("waitFor(checkout_completed, same cart_id as "
        + "cart_updated, atMost PT4H)");
    assertThat(w.key()).contains("cart_id");
    assertThat(w.keySource()).isEmpty();
    assertThat(earlier.keySource()).contains("cart_updated");
    assertThatThrownBy(() -> WaitForStep.on("checkout_completed").withSame("cart_id")
        .withSame("order_id"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("waitFor(\"checkout_completed\"): withSame is already set; set it once");
    assertThatThrownBy(() -> WaitForStep.on("checkout_completed").withSame(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("waitFor(\"checkout_completed\"): withSame property name is blank (\" \"); "
            + "give it a non-blank name");
  }
}
