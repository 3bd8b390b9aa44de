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
import dev.rapport.core.Purpose;
import dev.rapport.core.TraitKey;
import dev.rapport.core.Traits;
import dev.rapport.core.journey.EnrollmentStatus;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.Trigger;
import dev.rapport.core.journey.WaitForStep;
import dev.rapport.core.policy.Cap;
import dev.rapport.core.policy.ContactPolicy;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Identity merge: an anonymous visitor who signs up becomes a known customer. Histories,
 * consents (the latest decision wins), enrollments (one per journey), timers, contacts for caps
 * and moments move to the survivor; the merge is deterministic and idempotent, refused into
 * itself or into a forgotten customer, and forgetting the survivor erases both.
 */
class IdentityMergeTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final TraitKey<String> PLAN = TraitKey.of("plan", String.class);

  private final MutableClock clock = new MutableClock(T0);
  private final List<Dispatch> outbox = new ArrayList<>();
  private final Action reminder = Action.builder("cart-reminder").topic("cart")
      .via(Channel.IN_APP).build();
  private final Action tips = Action.builder("tips").topic("help").via(Channel.IN_APP).build();
  private final Journey cart = Journey.builder("abandoned-cart")
      .enterOn(Trigger.onEvent("cart_abandoned"))
      .steps(WaitForStep.on("checkout_completed").withSame("cart_id")
          .atMost(Duration.ofHours(4)).onTimeout(SendStep.of(reminder)))
      .build();
  private final Journey welcome = Journey.builder("welcome")
      .enterOn(Trigger.onEvent("page_viewed"))
      .steps(SendStep.of(tips))
      .build();
  private final Moment browsed = Moment.builder("browsed").reachedOn("page_viewed").build();
  /** Three marketing messages a day. */
  private final ContactPolicy daily = ContactPolicy.builder()
      .cap(Cap.atMost(3).per(Duration.ofDays(1))).build();

  private Engine engine(StateStore store) {
    return Engine.builder().clock(clock).stateStore(store).moments(browsed)
        .journeys(cart, welcome).contactPolicy(daily).dispatcher(outbox::add).build();
  }

  private void at(Instant when, Engine engine) {
    clock.set(when);
    engine.advanceTo(when);
  }

  private static Instant minutes(int m) {
    return T0.plus(Duration.ofMinutes(m));
  }

  private static Event consent(String customer, String status, Instant at) {
    return Event.builder(customer, status.equals("granted") ? EventTypes.CONSENT_GRANTED
        : EventTypes.CONSENT_REVOKED).with(EventTypes.CHANNEL, "email")
        .with(EventTypes.PURPOSE, "marketing").at(at);
  }

  /** The visitor browses, is welcomed, leaves a cart; the known customer has a plan. */
  private void history(Engine engine) {
    engine.identify("c-1", Traits.empty().set(PLAN, "pro").set(TraitKey.EMAIL_ADDRESS,
        "ada@example.com"));
    engine.track(consent("c-1", "granted", minutes(0)));
    at(minutes(5), engine);
    engine.track(Event.builder("anon-7", "page_viewed").id("v-0").at(minutes(5)));
    at(minutes(10), engine);
    engine.track(Event.builder("anon-7", "page_viewed").id("v-2").at(minutes(10)));
    at(minutes(12), engine);
    engine.track(consent("anon-7", "revoked", minutes(12)));
    at(minutes(15), engine);
    engine.track(Event.builder("anon-7", "cart_abandoned").with("cart_id", "k-1")
        .at(minutes(15)));
    at(minutes(30), engine);
    engine.track(Event.builder("c-1", "page_viewed").id("v-1").at(minutes(30)));
    at(minutes(60), engine);
  }

  @Test
  void the_survivor_takes_the_visitors_history_consents_enrollments_and_moments() {
    Engine engine = engine(StateStore.inMemory());
    history(engine);

    boolean merged = engine.merge("anon-7", "c-1");

    assertThat(merged).isTrue();
    assertThat(engine.customer("anon-7")).isEmpty();
    Customer c = engine.customer("c-1").orElseThrow();
    assertThat(c.count("page_viewed")).isEqualTo(3);
    assertThat(c.first("page_viewed")).contains(minutes(5));
    assertThat(c.history("page_viewed")).extracting(Event::id)
        .containsExactly("v-0", "v-2", "v-1");
    assertThat(c.traits().get(PLAN)).contains("pro");
    assertThat(c.consent(Channel.EMAIL, Purpose.MARKETING).status())
        .as("the latest decision wins: the visitor's revocation at minute 12")
        .isEqualTo(ConsentStatus.DENIED);
    assertThat(c.reachedAt("browsed")).contains(minutes(5));
    assertThat(engine.explain("c-1").enrollment("abandoned-cart").orElseThrow().status())
        .isEqualTo(EnrollmentStatus.WAITING);
    assertThat(engine.explain("c-1").enrollments()).extracting(r -> r.journey())
        .containsExactlyInAnyOrder("abandoned-cart", "welcome");
  }

  @Test
  void the_visitors_timers_fire_for_the_survivor_with_the_key_of_its_wait() {
    Engine engine = engine(StateStore.inMemory());
    history(engine);
    engine.merge("anon-7", "c-1");

    at(minutes(70), engine);
    engine.track(Event.builder("c-1", "checkout_completed").with("cart_id", "k-2")
        .at(minutes(70)));
    at(minutes(5 * 60), engine);

    assertThat(outbox).filteredOn(d -> d.action().name().equals("cart-reminder"))
        .extracting(d -> d.customer().value()).containsExactly("c-1");
  }

  @Test
  void contacts_of_both_count_for_the_survivors_caps() {
    Journey promos = Journey.builder("promos").enterOn(Trigger.onEvent("promo_due"))
        .steps(SendStep.of(Action.builder("promo").via(Channel.IN_APP).build())).build();
    ContactPolicy twice = ContactPolicy.builder().cap(Cap.atMost(2).per(Duration.ofDays(1)))
        .build();
    Engine engine = Engine.builder().clock(clock).moments(browsed).journeys(cart, welcome, promos)
        .contactPolicy(twice).dispatcher(outbox::add).build();
    history(engine); // both were welcomed today: one marketing message each

    engine.merge("anon-7", "c-1");
    engine.track(Event.builder("c-1", "promo_due").at(minutes(61)));

    assertThat(outbox).extracting(d -> d.action().name()).doesNotContain("promo");
    assertThat(engine.refusals(RefusalQuery.of("c-1").action("promo")).refusals())
        .extracting(r -> r.reason()).containsExactly(dev.rapport.core.policy.Reason.CAPPED);
  }

  @Test
  void enrollments_in_the_same_journey_are_kept_once() {
    Engine engine = engine(StateStore.inMemory());
    history(engine); // both are in "welcome", ended

    engine.merge("anon-7", "c-1");

    assertThat(engine.explain("c-1").enrollments()).filteredOn(r -> r.journey()
        .equals("welcome")).hasSize(1);
  }

  @Test
  void a_merge_is_idempotent() {
    Engine engine = engine(StateStore.inMemory());
    history(engine);
    engine.merge("anon-7", "c-1");
    byte[] once = encoded(engine, "c-1");

    boolean again = engine.merge("anon-7", "c-1");

    assertThat(again).isFalse();
    assertThat(encoded(engine, "c-1")).isEqualTo(once);
  }

  @Test
  void a_merge_cut_short_after_the_survivors_commit_is_finished_not_repeated() {
    StateStore real = StateStore.inMemory();
    AtomicBoolean stopBeforeDelete = new AtomicBoolean();
    StateStore store = (StateStore) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {StateStore.class}, (proxy, method, args) -> {
          Object result = call(method, real, args);
          if (!method.getName().equals("begin")
              || !((CustomerId) args[0]).value().equals("anon-7")) {
            return result;
          }
          return Proxy.newProxyInstance(getClass().getClassLoader(),
              new Class<?>[] {StateStore.Transaction.class}, (p, m, a) -> {
                if (m.getName().equals("commit") && stopBeforeDelete.getAndSet(false)) {
                  throw new StateStore.StoreException("the process stopped", null);
                }
                return call(m, result, a);
              });
        });
    Engine engine = engine(store);
    history(engine);
    stopBeforeDelete.set(true);

    assertThatThrownBy(() -> engine.merge("anon-7", "c-1"))
        .isInstanceOf(StateStore.StoreException.class);
    assertThat(engine.customer("anon-7")).as("the delete did not happen").isPresent();
    assertThat(engine.customer("c-1").orElseThrow().count("page_viewed")).isEqualTo(3);
    boolean finished = engine.merge("anon-7", "c-1");

    assertThat(finished).isTrue();
    assertThat(engine.customer("anon-7")).isEmpty();
    assertThat(engine.customer("c-1").orElseThrow().count("page_viewed"))
        .as("taken in once, not twice").isEqualTo(3);
  }

  private static Object call(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Test
  void a_merge_is_deterministic() {
    Engine first = engine(StateStore.inMemory());
    history(first);
    first.merge("anon-7", "c-1");
    outbox.clear();
    clock.set(T0);
    Engine second = engine(StateStore.inMemory());
    history(second);
    second.merge("anon-7", "c-1");

    assertThat(HexFormat.of().formatHex(encoded(second, "c-1")))
        .isEqualTo(HexFormat.of().formatHex(encoded(first, "c-1")));
  }

  @Test
  void a_duplicate_sent_to_the_other_id_is_still_a_duplicate() {
    Engine engine = engine(StateStore.inMemory());
    history(engine);
    engine.merge("anon-7", "c-1");

    boolean processed = engine.track(Event.builder("c-1", "page_viewed").id("v-2")
        .at(minutes(10)));

    assertThat(processed).isFalse();
    assertThat(engine.customer("c-1").orElseThrow().count("page_viewed")).isEqualTo(3);
  }

  @Test
  void merging_into_a_new_id_moves_the_record() {
    Engine engine = engine(StateStore.inMemory());
    history(engine);

    engine.merge("anon-7", "c-2");

    assertThat(engine.customer("c-2").orElseThrow().count("page_viewed")).isEqualTo(2);
    assertThat(engine.customer("anon-7")).isEmpty();
  }

  @Test
  void a_merge_into_itself_or_into_a_forgotten_customer_is_refused() {
    Engine engine = engine(StateStore.inMemory());
    history(engine);
    engine.forget("c-1");

    assertThatThrownBy(() -> engine.merge("anon-7", "anon-7"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("merge(fromId, intoId): both ids are the same; a customer cannot be merged "
            + "into itself: give the id to merge away first and the surviving id second");
    assertThatThrownBy(() -> engine.merge("anon-7", "c-1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("merge(from, into): the surviving customer was forgotten; a forgotten "
            + "customer's data must not come back through a merge: merge into another id, or "
            + "forget the other customer too");
    assertThat(engine.customer("anon-7").orElseThrow().count("page_viewed"))
        .as("nothing changed").isEqualTo(2);
  }

  @Test
  void forgetting_the_survivor_erases_both() {
    Engine engine = engine(StateStore.inMemory());
    history(engine);
    engine.merge("anon-7", "c-1");
    engine.track(Event.builder("anon-7", "page_viewed").at(minutes(61))); // a late event

    engine.forget("c-1");

    assertThat(engine.customer("c-1")).isEmpty();
    assertThat(engine.customer("anon-7")).isEmpty();
  }

  @Test
  void a_merge_moves_moment_reach_and_keeps_the_count_of_customers() {
    Engine engine = engine(StateStore.inMemory());
    history(engine);
    long before = engine.dashboard().moments().stream()
        .filter(m -> m.moment().equals("browsed")).findFirst().orElseThrow().reached();

    engine.merge("anon-7", "c-1");

    long after = engine.dashboard().moments().stream()
        .filter(m -> m.moment().equals("browsed")).findFirst().orElseThrow().reached();
    assertThat(before).isEqualTo(2);
    assertThat(after).isEqualTo(1);
  }

  private static byte[] encoded(Engine engine, String id) {
    DefaultEngine e = (DefaultEngine) engine;
    return e.codec().encode(e.record(CustomerId.of(id)).orElseThrow());
  }
}
