package dev.rapport.examples.store;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.GRANTED;
import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.MARKETING;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.profile;
import static dev.rapport.testkit.RapportAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.EventTypes;
import dev.rapport.core.Profile;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.journey.EnrollmentStatus;
import dev.rapport.core.policy.Reason;
import dev.rapport.examples.Holdouts;
import dev.rapport.testkit.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CoffeeStoreTest {
  private static final String MONDAY_9AM = "2026-03-02T09:00:00Z";
  private static final UnaryOperator<Engine.Builder> STORE = CoffeeStore::configure;
  private static final List<String> ARMS = List.of("second-order-short", "second-order-long");

  /** A customer the second-purchase journey treats (not in its holdout). */
  private static final String ADA = Holdouts.treated(STORE, "second-purchase",
      CoffeeStore.PURCHASED, "ada");

  private static Profile reachable(String id) {
    return profile().set(EMAIL_ADDRESS, id + "@example.com").consent(EMAIL, MARKETING, GRANTED);
  }

  private static Scenario store() {
    return Scenario.startingAt(MONDAY_9AM, STORE).given(ADA, reachable(ADA));
  }

  private static Scenario bought(String sku) {
    return store().track(event(ADA, CoffeeStore.PURCHASED).with("sku", sku).with("total", 89.0));
  }

  // ----------------------------------------------------------------------------- decisions

  @Test
  void recommends_brew_guides_by_email_to_grinder_owners() {
    Scenario s = bought("grinder");

    var decision = s.decide(ADA);

    assertThat(decision).recommends("brew-guide").via(EMAIL).because("owns a grinder");
  }

  @Test
  void does_not_recommend_brew_guides_to_customers_without_a_grinder() {
    Scenario s = bought("kettle");

    var decision = s.decide(ADA);

    assertThat(decision).doesNotRecommend("brew-guide");
  }

  @Test
  void recommends_filters_about_three_weeks_after_the_grinder() {
    Scenario s = bought("grinder");

    s.after(Duration.ofDays(19));

    assertThat(s.decide(ADA)).doesNotRecommend("filters");

    s.after(Duration.ofDays(2));

    assertThat(s.decide(ADA)).recommends("filters").via(IN_APP)
        .because("grinder owners run out of filters after about three weeks");
  }

  @Test
  void never_recommends_the_lawnmower_sale_to_grinder_owners_who_did_not_look_at_garden_tools() {
    Scenario s = bought("grinder");

    s.after(Duration.ofDays(30));

    assertThat(s.decide(ADA)).doesNotRecommend("lawnmower-sale");
    assertThat(s.decide(ADA).rejection("lawnmower-sale")).isEmpty();

    s.track(ADA, "garden_viewed");

    assertThat(s.decide(ADA)).recommends("lawnmower-sale").via(EMAIL)
        .because("looked at garden tools");
  }

  @Test
  void asks_for_a_review_only_after_an_order_is_delivered() {
    Scenario s = bought("beans");

    s.after(Duration.ofDays(2));

    assertThat(s.decide(ADA)).doesNotRecommend("review-request");

    s.track(event(ADA, "order_delivered").with("order", "o-1"));

    assertThat(s.decide(ADA)).recommends("review-request").via(EMAIL)
        .because("an order arrived: a verified success");
  }

  @Test
  void never_asks_for_a_review_within_seven_days_after_a_ticket() {
    Scenario s = bought("beans");
    s.after(Duration.ofDays(1)).track(event(ADA, EventTypes.TICKET_OPENED)
        .with(EventTypes.TICKET_ID, "t-1"));

    s.after(Duration.ofDays(2)).track(event(ADA, "order_delivered").with("order", "o-1"));

    assertThat(s.decide(ADA)).doesNotRecommend("review-request")
        .rejects("review-request").because(Reason.UNSUITABLE);

    s.after(Duration.ofDays(4)).after(Duration.ofHours(23));

    assertThat(s.decide(ADA)).rejects("review-request").because(Reason.UNSUITABLE);

    s.after(Duration.ofHours(1));

    assertThat(s.decide(ADA)).recommends("review-request");
  }

  // ------------------------------------------------------------------ second purchase

  private static List<String> ids(String prefix, int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      ids.add(prefix + "-" + i);
    }
    return ids;
  }

  /** Each customer's second-order copy, after first purchases made in the given order. */
  private static Map<String, String> armsAfterFirstPurchases(String start, List<String> ids) {
    Scenario s = Scenario.startingAt(start, STORE);
    for (String id : ids) {
      s.given(id, reachable(id)).track(event(id, CoffeeStore.PURCHASED).with("sku", "beans"));
    }
    s.after(Duration.ofDays(3));
    Map<String, String> arms = new HashMap<>();
    for (String id : ids) {
      List<String> copies = s.outbox().to(id).stream().map(d -> d.action().name())
          .filter(ARMS::contains).toList();
      boolean heldOut = s.explain(id).enrollment("second-purchase").orElseThrow().holdout();
      if (heldOut) {
        assertThat(copies).as("held out %s", id).isEmpty();
        arms.put(id, "holdout");
      } else {
        assertThat(copies).as("copies sent to %s", id).hasSize(1);
        assertThat(s.outbox()).sent(copies.get(0)).to(id).via(EMAIL)
            .at(Instant.parse(start).plus(Duration.ofDays(3)));
        arms.put(id, copies.get(0));
      }
    }
    return arms;
  }

  @Test
  void the_second_purchase_journey_splits_first_buyers_between_two_copies() {
    List<String> buyers = ids("b", 60);

    Map<String, String> arms = armsAfterFirstPurchases(MONDAY_9AM, buyers);

    assertThat(arms.values()).contains("second-order-short", "second-order-long");
  }

  @Test
  void each_customer_always_gets_the_same_copy() {
    List<String> buyers = ids("b", 60);
    List<String> reversed = new ArrayList<>(buyers);
    Collections.reverse(reversed);

    Map<String, String> first = armsAfterFirstPurchases(MONDAY_9AM, buyers);
    Map<String, String> second = armsAfterFirstPurchases("2026-07-13T15:30:00Z", reversed);

    assertThat(second).isEqualTo(first);
  }

  @Test
  void a_second_purchase_within_thirty_days_converts() {
    Scenario s = bought("beans");

    s.after(Duration.ofDays(5)).track(event(ADA, CoffeeStore.PURCHASED).with("sku", "mug"));

    assertThat(s.engine()).hasEnrolled(ADA, "second-purchase").in(EnrollmentStatus.CONVERTED);
    assertThat(s.engine().customer(ADA).orElseThrow().reached(CoffeeStore.SECOND_PURCHASE))
        .isTrue();
  }

  @Test
  void without_a_second_purchase_the_journey_sends_a_brew_guide_after_ten_more_days() {
    Scenario s = bought("beans");

    s.after(Duration.ofDays(14));

    assertThat(s.outbox()).sent("brew-guide").to(ADA).via(EMAIL)
        .at(Instant.parse(MONDAY_9AM).plus(Duration.ofDays(13))).times(1);
  }

  // ------------------------------------------------------------------------- win-back

  /** Buyers who each bought once, at the start. */
  private static Scenario oneTimeBuyers(List<String> buyers) {
    Scenario s = Scenario.startingAt(MONDAY_9AM, STORE);
    for (String id : buyers) {
      s.given(id, reachable(id)).track(event(id, CoffeeStore.PURCHASED).with("sku", "beans"));
    }
    return s;
  }

  private static List<String> treatedByWinBack(Scenario s, List<String> buyers) {
    List<String> treated = new ArrayList<>();
    for (String id : buyers) {
      assertThat(s.engine()).hasEnrolled(id, "win-back");
      if (!s.explain(id).enrollment("win-back").orElseThrow().holdout()) {
        treated.add(id);
      }
    }
    assertThat(treated).as("treated among %s buyers", buyers.size()).isNotEmpty();
    return treated;
  }

  @Test

  void the_win_back_journey_reaches_a_lapsed_buyer_after_sixty_days_without_a_purchase() {
    List<String> buyers = ids("w", 20);
    Scenario s = oneTimeBuyers(buyers);

    s.after(Duration.ofDays(59));

    assertThat(s.outbox()).didNotSend("we-miss-you").toAnyone();

    s.after(Duration.ofDays(2));

    Instant lapsed = Instant.parse(MONDAY_9AM).plus(Duration.ofDays(60));
    for (String id : treatedByWinBack(s, buyers)) {
      assertThat(s.outbox()).sent("we-miss-you").to(id).via(EMAIL).times(1);
    }
    assertThat(s.outbox().of("we-miss-you")).allSatisfy(d -> assertThat(d.at())
        .isBetween(lapsed, lapsed.plus(Duration.ofDays(1))));
  }

  @Test
  void a_lapsed_buyer_who_comes_back_to_look_after_sixty_days_was_already_reached_once() {
    List<String> buyers = ids("w", 20);
    Scenario s = oneTimeBuyers(buyers);
    s.after(Duration.ofDays(61));

    for (String id : buyers) {
      s.track(id, "session_started");
    }

    for (String id : treatedByWinBack(s, buyers)) {
      assertThat(s.outbox()).sent("we-miss-you").to(id).via(EMAIL).times(1);
    }
  }

  @Test
  void a_buyer_who_comes_back_within_sixty_days_is_not_lapsed() {
    List<String> buyers = ids("w", 5);
    Scenario s = oneTimeBuyers(buyers);
    s.after(Duration.ofDays(59));

    for (String id : buyers) {
      s.track(id, "session_started");
    }

    for (String id : buyers) {
      assertThat(s.engine()).hasNotEnrolled(id, "win-back");
    }
    assertThat(s.outbox()).didNotSend("we-miss-you").toAnyone();
  }

  @Test
  void a_buyer_who_keeps_buying_is_never_won_back() {
    Scenario s = bought("beans");

    for (int month = 1; month <= 4; month++) {
      s.after(Duration.ofDays(30)).track(event(ADA, CoffeeStore.PURCHASED)
          .with("sku", "beans").with("month", month));
    }

    assertThat(s.engine()).hasNotEnrolled(ADA, "win-back");
    assertThat(s.outbox()).didNotSend("we-miss-you").to(ADA);
  }
}
